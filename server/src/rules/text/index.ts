/** text rules, in report order. */
import type { Rule } from '../types';

const rules: readonly Rule[] = [];
export default rules;

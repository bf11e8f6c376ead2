/** Numbering rules, in report order. */
import type { Rule } from '../types';
import duplicate from './duplicate';

const rules: readonly Rule[] = [duplicate];
export default rules;

/** roles rules, in report order. */
import type { Rule } from '../types';
import inconsistent from './inconsistent';
import institutionMismatch from './institution-mismatch';
import platformRole from './platform-role';
import unknownRole from './unknown-role';

const rules: readonly Rule[] = [unknownRole, institutionMismatch, inconsistent, platformRole];
export default rules;

/** Structure rules, in report order. */
import type { Rule } from '../types';
import approvalStamp from './approval-stamp';
import debris from './debris';
import finalLast from './final-last';
import maxVoluntariness from './max-voluntariness';
import requiredElements from './required-elements';
import requiredSections from './required-sections';
import title from './title';

const rules: readonly Rule[] = [title, approvalStamp, requiredSections, finalLast, requiredElements, maxVoluntariness, debris];
export default rules;

/** text rules, in report order. */
import type { Rule } from '../types';
import missingNegation from './missing-negation';
import mixedScript from './mixed-script';
import typo from './typo';

const rules: readonly Rule[] = [typo, mixedScript, missingNegation];
export default rules;

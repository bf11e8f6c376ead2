/** Numbering rules, in report order. */
import type { Rule } from '../types';
import brokenReference from './broken-reference';
import duplicate from './duplicate';
import gap from './gap';
import outsideParent from './outside-parent';
import trailingDot from './trailing-dot';
import wrongDepth from './wrong-depth';

const rules: readonly Rule[] = [duplicate, gap, outsideParent, wrongDepth, trailingDot, brokenReference];
export default rules;

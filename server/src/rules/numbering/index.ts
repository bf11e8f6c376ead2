/** Numbering rules, in report order. */
import type { Rule } from '../types';
import duplicate from './duplicate';
import gap from './gap';
import outsideParent from './outside-parent';
import trailingDot from './trailing-dot';
import wrongDepth from './wrong-depth';

const rules: readonly Rule[] = [duplicate, gap, outsideParent, wrongDepth, trailingDot];
export default rules;

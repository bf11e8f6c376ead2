/** legal rules, in report order. */
import type { Rule } from '../types';
import basisWithout273 from './basis-without-273';
import expiring from './expiring';
import maxWithout156 from './max-without-156';
import repealed from './repealed';
import unknownAct from './unknown-act';
import wrongDate from './wrong-date';
import wrongIssuer from './wrong-issuer';
import wrongNumber from './wrong-number';
import wrongTitle from './wrong-title';

const rules: readonly Rule[] = [
  repealed,
  expiring,
  wrongDate,
  wrongNumber,
  wrongIssuer,
  wrongTitle,
  unknownAct,
  basisWithout273,
  maxWithout156,
];
export default rules;

/** terms rules, in report order. */
import type { Rule } from '../types';
import abbreviation from './abbreviation';
import canonicalSpelling from './canonical-spelling';
import migration from './migration';
import platformMixup from './platform-mixup';
import platformUnnamed from './platform-unnamed';

const rules: readonly Rule[] = [platformMixup, migration, platformUnnamed, canonicalSpelling, abbreviation];
export default rules;

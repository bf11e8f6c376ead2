/**
 * The ordered rule registry. Each family keeps its own list in `<family>/index.ts`; a rule is
 * one file `<family>/<name>.ts` whose default export has id `<family>/<name>`.
 * Removed rules leave a tombstone comment in their family list.
 */
import legal from './legal';
import numbering from './numbering';
import roles from './roles';
import structure from './structure';
import terms from './terms';
import text from './text';
import type { Rule } from './types';

export const allRules: readonly Rule[] = Object.freeze([
  ...structure,
  ...numbering,
  ...terms,
  ...text,
  ...roles,
  ...legal,
]);

/**
 * text/typo
 *
 * What it checks: meaning-changing typos typical of these acts, from the dictionary
 * `server/data/typos.json` («на безвоздушной основе» → «безвозмездной», «запущенном
 * образовательном пространстве» → «защищенном», «образовательной длительности» → «деятельности»,
 * «организывает» → «организует», «Slcype» → «Skype», «посредствам» → «посредством», «в соответствие
 * с» → «в соответствии с» …). Each entry may require or forbid a context in the same line.
 * Why: a spell checker accepts «безвоздушной» and «длительности» — they are words — yet the act
 * then says something absurd, and such typos survive into published acts.
 * Options: none; the dictionary is data, extended or overridden by the workspace
 * (`.normokontrol.json` → `typos.typos`, entries merged by `id`).
 * Fix: the dictionary replacement, keeping the capitalisation of the replaced text; the edit
 * covers only the characters that differ.
 */
import { typosData } from '../../analysis/termsData';
import { findTypos, type TypoHit } from '../../analysis/typos';
import { protectedZones } from '../../analysis/zones';
import { wordRuns, type WordRuns } from '../../analysis/script';
import { defineRule, type RuleContext } from '../types';

/** Dictionary typos of an analysis (memoised: `text/mixed-script` leaves their spans alone). */
export function typoHits(ctx: RuleContext): TypoHit[] {
  return ctx.memo('text:typos', () => findTypos(ctx.text, typosData(ctx.knowledge).typos, protectedZones(ctx.model, ctx.text), textWords(ctx)));
}

/** The `\p{L}+` words of an analysis, scanned once for `text/typo` and `text/mixed-script`. */
export function textWords(ctx: RuleContext): WordRuns {
  return ctx.memo('text:words', () => wordRuns(ctx.text));
}

export default defineRule({
  id: 'text/typo',
  description: 'Опечатка из словаря опечаток, меняющих смысл',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    for (const hit of typoHits(ctx)) {
      ctx.report({
        range: { start: hit.start, end: hit.end },
        message: `Вероятно, опечатка: «${hit.wrong}» вместо «${hit.right}»${hit.entry.note ? `: ${hit.entry.note}` : ''}`,
        fixes: [{ title: `Заменить на «${hit.right}»`, edits: [hit.edit] }],
        data: { typo: hit.entry.id },
      });
    }
  },
});

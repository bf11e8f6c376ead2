/**
 * text/mixed-script
 *
 * What it checks: words that mix Latin and Cyrillic letters (`видеoinформацией`, `ИКОП «Cферум»`,
 * `Telegrаm`), and a lone Latin lookalike letter between Russian words («обмен c родителями» with
 * a Latin «c»).
 * Why: the lookalikes print the same, but the word is not found by search, the spell checker skips
 * it, and a registry of acts indexes a different word.
 * Not reported: URLs, e-mail addresses, domains, code, hyphenated compounds whose parts are each in
 * one script (`Wi-Fi`, `смарт-ТВ`, `COVID-19`, `IT-специалист`), entries of `allowMixed` in
 * `typos.json`, the MAX lookalike `МАХ` (reported by terms/canonical-spelling) and spans of
 * dictionary typos (reported by text/typo) — one finding per span.
 * Options: none.
 * Fix: the letters of the minority script are converted to their lookalikes in the majority script
 * (a, e, o, p, c, y, x, A, B, E, K, M, H, O, P, C, T, X and their Cyrillic counterparts); a word
 * with minority letters that have no lookalike (Latin «i», «n») is reported without a fix.
 */
import { findMangledNames } from '../../analysis/platform';
import { CYRILLIC_TO_LATIN, LATIN_TO_CYRILLIC, scriptOf } from '../../analysis/script';
import { termsData, typosData } from '../../analysis/termsData';
import { inZones, overlaps, protectedZones } from '../../analysis/zones';
import type { OffsetRange } from '../../model/types';
import { defineRule } from '../types';
import { textWords, typoHits } from './typo';
import { minimalEdit } from '../../analysis/typos';

const MAX_LIKE = /^[МMмm][АAаa][ХXхx](?:ом|е|а|у)?$/u;

function describe(chars: string[]): string {
  return [...new Set(chars)].map((c) => `«${c}»`).join(', ');
}

export default defineRule({
  id: 'text/mixed-script',
  description: 'Латинские буквы внутри русского слова или кириллица внутри латинского',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const { text } = ctx;
    // Claimed and allowed spans are computed only once a word needs them (most drafts have none).
    let zones: readonly OffsetRange[] | undefined;
    let claimed: OffsetRange[] | undefined;
    let allowed: OffsetRange[] | undefined;
    const skip = (w: OffsetRange): boolean => {
      if (!zones) {
        zones = protectedZones(ctx.model, text);
        claimed = [
          ...typoHits(ctx),
          ...findMangledNames(ctx.model, text, termsData(ctx.knowledge).canonical.platform),
        ];
        allowed = [];
        for (const token of typosData(ctx.knowledge).allowMixed) {
          if (typeof token !== 'string' || token.length === 0) continue;
          for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) allowed.push({ start: i, end: i + token.length });
        }
      }
      return inZones(zones, w.start, w.end) || claimed!.some((c) => overlaps(c, w)) || allowed!.some((a) => overlaps(a, w));
    };
    // The `\p{L}+` words of the text (shared with text/typo); `plain[i]` marks a word of basic
    // Cyrillic letters only, or of two or more ASCII letters only: reported by neither check below.
    const { starts, ends, plain } = textWords(ctx);
    const wordAt = (i: number): { start: number; end: number; word: string } | undefined =>
      i < 0 || i >= starts.length ? undefined : { start: starts[i]!, end: ends[i]!, word: text.slice(starts[i], ends[i]) };
    for (let i = 0; i < starts.length; i++) {
      if (plain[i]) continue;
      const w = wordAt(i)!;
      if (skip(w)) continue;
      const chars = [...w.word];
      const latin = chars.filter((c) => scriptOf(c) === 'latin');
      const cyr = chars.filter((c) => scriptOf(c) === 'cyrillic');
      const range = { start: w.start, end: w.end };
      if (latin.length > 0 && cyr.length > 0) {
        if (MAX_LIKE.test(w.word)) continue; // terms/canonical-spelling
        const toCyr = cyr.length >= latin.length;
        const minority = toCyr ? latin : cyr;
        const map = toCyr ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
        const converted = chars.map((c) => (scriptOf(c) === (toCyr ? 'latin' : 'cyrillic') ? map[c] ?? c : c)).join('');
        const clean = [...converted].every((c) => scriptOf(c) !== (toCyr ? 'latin' : 'cyrillic'));
        const what = toCyr ? `латинские буквы ${describe(minority)} в русском слове` : `кириллические буквы ${describe(minority)} в латинском слове`;
        ctx.report({
          range,
          message: `Смешение алфавитов в слове «${w.word}»: ${what}`,
          fixes: clean ? [{ title: `Заменить на «${converted}»`, edits: [minimalEdit(w.start, w.word, converted)] }] : undefined,
        });
        continue;
      }
      // A lone lowercase Latin lookalike between Russian words: «обмен c родителями».
      if (latin.length === 1 && chars.length === 1 && /[aceopxy]/.test(w.word)) {
        const prev = wordAt(i - 1);
        const next = wordAt(i + 1);
        const gapOk = (a: { end: number }, b: { start: number }): boolean => /^[\s\u00a0,]{1,3}$/u.test(text.slice(a.end, b.start));
        const russian = (x: { word: string } | undefined): boolean => !!x && /^\p{Script=Cyrillic}+$/u.test(x.word);
        if (russian(prev) && russian(next) && gapOk(prev!, w) && gapOk(w, next!)) {
          const converted = LATIN_TO_CYRILLIC[w.word]!;
          ctx.report({
            range,
            message: `Латинская буква «${w.word}» между русскими словами`,
            fixes: [{ title: `Заменить на кириллическую «${converted}»`, edits: [{ ...range, newText: converted }] }],
          });
        }
      }
    }
  },
});

/**
 * Is a text made of plain words? Regular expressions with `\p{L}` and flags `iu` are slow to
 * compile (~1.5 ms each per process); for such texts, equivalent patterns without them are used
 * (`analysis/termsData.ts` `plainSource`, `morph` surface patterns).
 */
/**
 * Code unit → 1 when a text may hold it and still count as plain for {@link plainText}, 2 when it
 * may not, 0 not yet known (filled on first sight).
 */
const plainClass = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) plainClass[c] = 1;
for (let c = 0x410; c < 0x450; c++) plainClass[c] = 1;
plainClass[0x401] = plainClass[0x451] = 1;
plainClass.fill(2, 0xd800, 0xe000);
/** Letters, numbers and U+0345 (with `iu` it folds to «ι»): a text holding one is not plain. */
const NOT_PLAIN = /[\p{L}\p{N}\u0345]/u;
/** The code units not preset to 1 in {@link plainClass}. */
const UNUSUAL = /[^\u0000-\u007f\u0410-\u044f\u0401\u0451]/g;
/**
 * The last two answers: the whole draft's and, between its checks, that of a piece of it (a
 * heading, a section) — one slot alone made the draft's answer be recomputed after every piece.
 */
let lastPlain: { readonly text: string; readonly plain: boolean } | undefined;
let prevPlain: { readonly text: string; readonly plain: boolean } | undefined;

/**
 * True when the only letters and numbers of `text` are plain letters (A–Z, a–z, А–я, Ё, ё) and
 * ASCII digits, and it has no surrogate (astral character). In such a text a pattern of
 * `plainSource` (analysis/termsData.ts) without flags `i`/`u` finds exactly what the data pattern finds with them
 * (every character that folds to a plain letter is a letter; checked over all code points by the
 * property test), and it compiles many times faster: `\p{L}` with `iu` costs ~1.5 ms per pattern.
 */
export function plainText(text: string): boolean {
  if (lastPlain && lastPlain.text === text) return lastPlain.plain;
  if (prevPlain && prevPlain.text === text) return prevPlain.plain;
  let plain = true;
  // Only the code units outside the preset plain ones need a look: the regex skips to them far
  // faster than a loop over every code unit (`test` moves `lastIndex` without allocating).
  UNUSUAL.lastIndex = 0;
  while (UNUSUAL.test(text)) {
    const c = text.charCodeAt(UNUSUAL.lastIndex - 1);
    let k = plainClass[c]!;
    if (k === 0) plainClass[c] = k = NOT_PLAIN.test(String.fromCharCode(c)) ? 2 : 1;
    if (k === 2) {
      plain = false;
      break;
    }
  }
  prevPlain = lastPlain;
  lastPlain = { text, plain };
  return plain;
}

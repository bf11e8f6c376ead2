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
/**
 * The code units not preset to 1 in {@link plainClass}. Frequent marks (« » № – NBSP) stay in it:
 * the ~1 000 stops per draft at them cost less than the slower scan of a class listing them (measured).
 */
const UNUSUAL = /[^\u0000-\u007f\u0410-\u044f\u0401\u0451]/g;
/**
 * The last answers, in two pairs of slots: long texts (whole drafts and their flattened copies,
 * each asked by several analyses) and short ones (headings, clause openings). Kept apart, the
 * pieces asked between two analyses no longer evict the draft's answer (the whole draft was
 * scanned about three times per run).
 */
interface Answer {
  readonly text: string;
  readonly plain: boolean;
}
let lastShort: Answer | undefined;
let prevShort: Answer | undefined;
let lastLong: Answer | undefined;
let prevLong: Answer | undefined;
/** From this length on a text goes to the long slots. */
const LONG = 1024;

/**
 * True when the only letters and numbers of `text` are plain letters (A–Z, a–z, А–я, Ё, ё) and
 * ASCII digits, and it has no surrogate (astral character). In such a text a pattern of
 * `plainSource` (analysis/termsData.ts) without flags `i`/`u` finds exactly what the data pattern finds with them
 * (every character that folds to a plain letter is a letter; checked over all code points by the
 * property test), and it compiles many times faster: `\p{L}` with `iu` costs ~1.5 ms per pattern.
 */
export function plainText(text: string): boolean {
  const long = text.length >= LONG;
  const last = long ? lastLong : lastShort;
  if (last !== undefined && last.text === text) return last.plain;
  const prev = long ? prevLong : prevShort;
  if (prev !== undefined && prev.text === text) return prev.plain;
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
  if (long) {
    prevLong = lastLong;
    lastLong = { text, plain };
  } else {
    prevShort = lastShort;
    lastShort = { text, plain };
  }
  return plain;
}

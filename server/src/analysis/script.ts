/**
 * Scripts of letters: Latin ↔ Cyrillic lookalikes (letters that look identical in print), script
 * classification, folding, and edit distance. Used by `text/mixed-script` and `terms/*`.
 */

/** Latin letters with an identical-looking Cyrillic letter. */
export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = Object.freeze({
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х',
  A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х',
});

/** Cyrillic letters with an identical-looking Latin letter. */
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(LATIN_TO_CYRILLIC).map(([l, c]) => [c, l])),
);

/** Script of one character. */
export function scriptOf(ch: string): 'latin' | 'cyrillic' | 'other' {
  // Fast paths for the common letters (ASCII, basic Cyrillic), the Unicode classes otherwise.
  const c = ch.length === 1 ? ch.charCodeAt(0) : -1;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'latin';
  if (c >= 0x400 && c <= 0x45f) return 'cyrillic';
  if (c >= 0 && c < 0x80) return 'other';
  if (LATIN_SCRIPT.test(ch)) return 'latin';
  if (CYRILLIC_SCRIPT.test(ch)) return 'cyrillic';
  return 'other';
}

const LATIN_SCRIPT = /\p{Script=Latin}/u;
const CYRILLIC_SCRIPT = /\p{Script=Cyrillic}/u;

/** Replaces Latin lookalikes by Cyrillic letters. */
export function foldToCyrillic(s: string): string {
  let out = '';
  for (const ch of s) out += LATIN_TO_CYRILLIC[ch] ?? ch;
  return out;
}

/** Replaces Cyrillic lookalikes by Latin letters. */
export function foldToLatin(s: string): string {
  let out = '';
  for (const ch of s) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

/** Levenshtein distance (insertions, deletions, substitutions), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const LETTER = /^\p{L}$/u;

/**
 * `\p{L}` for each BMP code unit outside the surrogates, filled on first use: 0 unknown, 1 letter,
 * 2 not (a regex test per «, », — or № of a text is what the word scans spent their time on).
 */
const BMP_LETTER = new Uint8Array(0x10000);

function bmpLetter(c: number): boolean {
  let v = BMP_LETTER[c]!;
  if (v === 0) BMP_LETTER[c] = v = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/** Length (1 or 2) of the `\p{L}` code point starting at `i`, 0 when there is none. */
export function letterLengthAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  if (c >= 0x410 && c <= 0x44f) return 1;
  if (c < 0xd800 || c > 0xdfff) return bmpLetter(c) ? 1 : 0;
  const cp = s.codePointAt(i)!;
  return LETTER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Length (1 or 2) of the `\p{L}` code point ending just before `i`, 0 when there is none. */
export function letterLengthBefore(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  if (c >= 0x410 && c <= 0x44f) return 1;
  if (c < 0xd800 || c > 0xdfff) return bmpLetter(c) ? 1 : 0;
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER.test(s.slice(i - 2, i)) ? 2 : 0;
  }
  return LETTER.test(s[i - 1]!) ? 1 : 0;
}

/** The maximal runs of `\p{L}` code points of a text ({@link wordRuns}). */
export interface WordRuns {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 for a run of basic Cyrillic letters only, or of two or more ASCII letters only. */
  readonly plain: Uint8Array;
}

/**
 * The `\p{L}+` words of a text, scanned once by code unit (basic Cyrillic and ASCII letters
 * without a regex). Shared per analysis by `text/typo` (where dictionary words may start) and
 * `text/mixed-script` (which skips the plain words).
 */
export function wordRuns(text: string): WordRuns {
  // Typed arrays sized for the most runs a text can have (one letter, one separator…): a 1 MB
  // draft has some 150 000 words, and three growing arrays of them cost more than the scan.
  const size = (text.length >> 1) + 1;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const plain = new Uint8Array(size);
  let count = 0;
  const n = text.length;
  // ASCII and basic Cyrillic letters inline; any other code unit through letterLengthAt.
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c < 128 ? !((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) : !(c >= 0x410 && c <= 0x44f) && letterLengthAt(text, i) === 0) {
      i++;
      continue;
    }
    const a = i;
    let cyrillic = true;
    let ascii = true;
    for (;;) {
      const d = text.charCodeAt(i);
      if (d >= 0x410 && d <= 0x44f) {
        ascii = false;
        i++;
      } else if (d < 128) {
        if (!((d >= 65 && d <= 90) || (d >= 97 && d <= 122))) break;
        cyrillic = false;
        i++;
      } else {
        const len = letterLengthAt(text, i);
        if (len === 0) break;
        for (let k = i; k < i + len; k++) {
          const e = text.charCodeAt(k);
          if (e < 0x400 || e > 0x45f) cyrillic = false;
          if (e >= 0x80) ascii = false;
        }
        i += len;
      }
    }
    starts[count] = a;
    ends[count] = i;
    plain[count] = cyrillic || (ascii && i - a > 1) ? 1 : 0;
    count++;
  }
  return { count, starts: starts.slice(0, count), ends: ends.slice(0, count), plain: plain.slice(0, count) };
}

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

/**
 * A lookalike table as code unit → replacement code unit (0: kept). Every key of the tables is one
 * BMP letter, so replacing code unit by code unit is replacing character by character (a surrogate
 * is never a key); a string iteration with a keyed lookup per character cost ~1 µs per name.
 */
function foldTable(map: Readonly<Record<string, string>>): Uint16Array {
  const table = new Uint16Array(0x500);
  for (const [from, to] of Object.entries(map)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  return table;
}

const TO_CYRILLIC = foldTable(LATIN_TO_CYRILLIC);
const TO_LATIN = foldTable(CYRILLIC_TO_LATIN);

function fold(s: string, table: Uint16Array): string {
  let i = 0;
  // Most strings hold no lookalike (or only from some point on): they are returned as they are.
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x500 && table[c] !== 0) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const r = c < 0x500 ? table[c]! : 0;
    out += r !== 0 ? String.fromCharCode(r) : s[i]!;
  }
  return out;
}

/** Replaces Latin lookalikes by Cyrillic letters. */
export function foldToCyrillic(s: string): string {
  return fold(s, TO_CYRILLIC);
}

/** Replaces Cyrillic lookalikes by Latin letters. */
export function foldToLatin(s: string): string {
  return fold(s, TO_LATIN);
}

/** Two rows of {@link editDistance}, reused from call to call (it runs per word of some scans). */
const distanceRows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/** Levenshtein distance (insertions, deletions, substitutions), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  // Rows for long strings are allocated for the call only (the kept ones stay small).
  const rows: [Int32Array, Int32Array] = m < 64 ? distanceRows : [new Int32Array(m + 1), new Int32Array(m + 1)];
  let prev = rows[0];
  let cur = rows[1];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
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
 * Class bits of each BMP code unit for {@link wordRuns}, filled on first sight: 0 unknown, 1 a
 * letter in U+0400–U+045F (basic Cyrillic), 2 an ASCII letter, 4 another letter, 8 not a letter,
 * 16 a surrogate (decided by code point).
 */
const RUN_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) RUN_CLASS[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 8;
RUN_CLASS.fill(1, 0x400, 0x460); // every code point of U+0400–U+045F is a letter
RUN_CLASS.fill(16, 0xd800, 0xe000);

/**
 * The class bits of the code point at `i` when the table has none: 1, 2 or 4 for a letter
 * (36 = 4 | 32 for a letter of two code units, outside U+0400–U+045F and ASCII), 0 for none.
 */
function slowClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let k = RUN_CLASS[c]!;
  if (k === 0) RUN_CLASS[c] = k = bmpLetter(c) ? 4 : 8;
  if (k === 16) return letterLengthAt(text, i) === 0 ? 0 : 36; // only a pair can be a letter
  return k === 8 ? 0 : k;
}

/**
 * Scratch buffers of {@link wordRuns}, reused from call to call (three typed arrays per call,
 * sized for the worst case, were most of its fixed cost); grown on need, and dropped back to the
 * small size after a call that needed more than {@link SCRATCH_KEEP} runs.
 */
const SCRATCH_SMALL = 4096;
const SCRATCH_KEEP = 1 << 16;
let scratchStarts = new Int32Array(SCRATCH_SMALL);
let scratchEnds = new Int32Array(SCRATCH_SMALL);
let scratchPlain = new Uint8Array(SCRATCH_SMALL);

function growScratch(): void {
  const size = scratchStarts.length * 2;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const plain = new Uint8Array(size);
  starts.set(scratchStarts);
  ends.set(scratchEnds);
  plain.set(scratchPlain);
  scratchStarts = starts;
  scratchEnds = ends;
  scratchPlain = plain;
}

/**
 * The `\p{L}+` words of a text, scanned once by code unit (one table lookup per code unit;
 * surrogates through {@link letterLengthAt}). Shared per analysis by `text/typo` (where dictionary
 * words may start) and `text/mixed-script` (which skips the plain words).
 */
export function wordRuns(text: string): WordRuns {
  let count = 0;
  const n = text.length;
  // The scratch arrays in locals: module `let`s are reloaded on every access in the hot loop.
  let starts = scratchStarts;
  let ends = scratchEnds;
  let plain = scratchPlain;
  for (let i = 0; i < n; ) {
    let k = RUN_CLASS[text.charCodeAt(i)]!;
    // A known non-letter (8: spaces, punctuation) is decided here, without a call to slowClass.
    if ((k & 7) === 0 && (k === 8 || (k = slowClass(text, i)) === 0)) {
      i++;
      continue;
    }
    const a = i;
    let seen = 0; // the class bits of the run's code points
    for (;;) {
      seen |= k;
      if (k === 1) {
        // A stretch of basic Cyrillic (class 1 for all of U+0400–U+045F) without table lookups.
        do i++;
        while (i < n && (text.charCodeAt(i) - 0x400) >>> 0 < 0x60);
      } else i += k === 36 ? 2 : 1;
      if (i >= n) break;
      k = RUN_CLASS[text.charCodeAt(i)]!;
      if ((k & 7) === 0 && (k === 8 || (k = slowClass(text, i)) === 0)) break;
    }
    const cyrillic = (seen & 6) === 0;
    const ascii = (seen & 5) === 0;
    if (count === starts.length) {
      growScratch();
      starts = scratchStarts;
      ends = scratchEnds;
      plain = scratchPlain;
    }
    starts[count] = a;
    ends[count] = i;
    plain[count] = cyrillic || (ascii && i - a > 1) ? 1 : 0;
    count++;
    // The code unit that ended the run is no letter (or a non-letter pair's first half, which the
    // outer loop would skip by one as well): no need to look it up again.
    i++;
  }
  const runs: WordRuns = { count, starts: starts.slice(0, count), ends: ends.slice(0, count), plain: plain.slice(0, count) };
  if (scratchStarts.length > SCRATCH_KEEP) {
    scratchStarts = new Int32Array(SCRATCH_SMALL);
    scratchEnds = new Int32Array(SCRATCH_SMALL);
    scratchPlain = new Uint8Array(SCRATCH_SMALL);
  }
  return runs;
}

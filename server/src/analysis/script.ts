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

/** Length (1 or 2) of the `\p{L}` code point starting at `i`, 0 when there is none. */
export function letterLengthAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  if (c >= 0x410 && c <= 0x44f) return 1;
  const cp = s.codePointAt(i)!;
  return LETTER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Length (1 or 2) of the `\p{L}` code point ending just before `i`, 0 when there is none. */
export function letterLengthBefore(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  if (c >= 0x410 && c <= 0x44f) return 1;
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER.test(s.slice(i - 2, i)) ? 2 : 0;
  }
  return LETTER.test(s[i - 1]!) ? 1 : 0;
}

/**
 * Clause numbers: recognise, compare, format. `1.`, `1.2.`, `3.3.4` (no trailing dot), `2.1.Текст`.
 */
import type { ClauseNumber } from './types';

/** Largest value one part of a clause number may take; larger numbers are years, amounts, codes. */
const MAX_PART = 199;

/** At most ten parts: deeper "numbers" are not clause numbers (and must not cost quadratic time). */
const NUMBER_AT_START = /^(\d{1,3}(?:\.\d{1,3}){0,9})(\\?\.)?/; // `1\.`: pandoc escapes a list-like dot

/**
 * `1. 2. Текст`, `1 .3. Текст`, `2.3 .\tТекст`: text extracted from PDF puts single spaces between
 * the runs of one number. Only a number of several parts, closed by a dot and followed by a
 * capitalised word, is read this way (`1. 2 класса` stays section 1).
 */
const SPACED_NUMBER_AT_START = /^(\d{1,3}(?:[ \u00a0]?\.[ \u00a0]?\d{1,3}){1,9})[ \u00a0]?(\.)(?=[\s\u00a0]+[«"“*]?\p{Lu})/u;

/**
 * Recognises a clause number at the start of `content` (already stripped of markers).
 * `base` is the offset of `content` in the document. Returns undefined for dates (`01.09.2025`),
 * years (`2025 г`), codes (`273-ФЗ`), list items written `1)`, lettered
 * sub-items (`3.1.а)`) and lone numbers without a dot. `1.1)` is clause 1.1.
 */
export function readClauseNumber(content: string, base: number): ClauseNumber | undefined {
  const sm = SPACED_NUMBER_AT_START.exec(content);
  if (sm && /[ \u00a0]/.test(sm[0])) {
    const raw = sm[1]!.replace(/[ \u00a0]/g, '').split('.');
    const parts = raw.map(Number);
    if (parts.some((p, i) => p > MAX_PART || p === 0 || (raw[i]!.length > 1 && raw[i]![0] === '0'))) return undefined;
    return { text: raw.join('.'), parts, trailingDot: true, range: { start: base, end: base + sm[0].length } };
  }
  const m = NUMBER_AT_START.exec(content);
  if (!m) return undefined;
  const digits = m[1]!;
  const trailingDot = m[2] !== undefined;
  const raw = digits.split('.');
  const parts = raw.map(Number);
  if (parts.some((p, i) => p > MAX_PART || (raw[i]!.length > 1 && raw[i]![0] === '0'))) return undefined;
  if (parts.length === 1 && !trailingDot) return undefined;
  if (parts.some((p) => p === 0) && parts.length === 1) return undefined;
  const after = content.slice(m[0].length);
  // `3.1.а) …`: a lettered sub-item of clause 3.1 (подпункт «а» пункта 3.1), not clause 3.1 again.
  if (/^[а-яёa-z]\\?\)/u.test(after)) return undefined;
  // `1.1) Текст`: a clause number closed by a parenthesis (a lone `1)` is a list item).
  const paren = !trailingDot && parts.length > 1 && /^\\?\)(?=[\s\u00a0]|$)/.test(after);
  // What may follow a number: space, end, a letter or an opening quote/emphasis (`2.1.Текст`).
  if (!paren && after.length > 0 && !/^[\s\u00a0«"“*_(\p{L}]/u.test(after)) return undefined;
  // `1.5 млн`, `2.5 часа`: a two-part number without a trailing dot followed by a lowercase unit word is ambiguous;
  // keep it (drafts write `3.3.4 чат …`), the rules judge.
  return {
    text: digits,
    parts,
    trailingDot,
    range: { start: base, end: base + m[0].length },
  };
}

/** `1.2` → `1.2.` or `1.2` according to the trailing-dot style. */
export function formatNumber(parts: readonly number[], trailingDot: boolean): string {
  return parts.join('.') + (trailingDot ? '.' : '');
}

/** True when `prefix` is a proper prefix of `parts`. */
export function isPrefix(prefix: readonly number[], parts: readonly number[]): boolean {
  if (prefix.length >= parts.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== parts[i]) return false;
  return true;
}

/** Structural kind by depth: 1 part = section, 2 = clause, 3+ = sub-clause. */
export function kindForDepth(depth: number): 'section' | 'clause' | 'subclause' {
  return depth <= 1 ? 'section' : depth === 2 ? 'clause' : 'subclause';
}

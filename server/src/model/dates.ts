/**
 * Russian date recognition shared by stamps and legal citations: `01.09.2025`, `28.12.12`,
 * `«15» 10 2025 г`, `« 29 » 08 2025 г.`, `13 июля 2022 г.`, `29 декабря 2012 года`.
 */
import type { FoundDate } from './types';

/** Genitive month names, index 0 = January. */
export const MONTHS_GENITIVE = [
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня',
  'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
] as const;

const MONTH_RE = MONTHS_GENITIVE.join('|');

/**
 * One pattern for every form; `g` flag, used with `matchAll`. Groups: 1–3 numeric (d, m, y);
 * 4–6 quoted day with numeric or word month; 7–9 day, month word, year.
 */
export const DATE_RE = new RegExp(
  String.raw`(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])` +
    String.raw`|[«"]\s*(\d{1,2})\s*[»"]\s*(\d{1,2}|${MONTH_RE})\s+(\d{4}|\d{2})(?!\d)` +
    String.raw`|(?<![\d.])(\d{1,2})\s+(${MONTH_RE})\s+(\d{4})(?!\d)`,
  'giu',
);

/** Expands a two-digit year: `12` → 2012, `99` → 1999. */
export function expandYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n >= 70 ? 1900 + n : 2000 + n;
}

/** Month number (1–12) from a numeric string or a genitive month name, or undefined. */
export function monthNumber(month: string): number | undefined {
  const c = month.charCodeAt(0);
  if (c >= 48 && c <= 57 && /^\d+$/.test(month)) {
    const n = Number(month);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const i = (MONTHS_GENITIVE as readonly string[]).indexOf(month.toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

/** ISO date from parts, or undefined when the parts do not form a real date. */
export function isoDate(year: number, month: number | undefined, day: number): string | undefined {
  if (month === undefined || day < 1 || day > 31) return undefined;
  if (Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(day) && year >= 1000 && year <= 9999 && Number.isInteger(year)) {
    // Four-digit years (all that `expandYear` gives but `0xxx`): the calendar check by arithmetic,
    // the ISO text without Date and padStart.
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)) return undefined;
    return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  }
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function hasDigit(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Finds every date in `text`; offsets are shifted by `base`. */
export function findDates(text: string, base = 0): FoundDate[] {
  const found: FoundDate[] = [];
  // Every form holds a digit: a text without one (most lines) skips the big pattern.
  if (!hasDigit(text)) return found;
  // An exec loop on the shared global pattern (matchAll clones it and builds an iterator); the
  // groups are read in place instead of through a three-element array per match.
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(text); m !== null; m = DATE_RE.exec(text)) {
    const g = m[1] !== undefined ? 1 : m[4] !== undefined ? 4 : 7;
    const iso = isoDate(expandYear(m[g + 2]!), monthNumber(m[g + 1]!), Number(m[g]));
    const start = base + m.index;
    found.push({ iso, raw: m[0], range: { start, end: start + m[0].length } });
  }
  return found;
}

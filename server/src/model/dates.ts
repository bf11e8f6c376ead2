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
  if (/^\d+$/.test(month)) {
    const n = Number(month);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const i = (MONTHS_GENITIVE as readonly string[]).indexOf(month.toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

/** ISO date from parts, or undefined when the parts do not form a real date. */
export function isoDate(year: number, month: number | undefined, day: number): string | undefined {
  if (month === undefined || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Finds every date in `text`; offsets are shifted by `base`. */
export function findDates(text: string, base = 0): FoundDate[] {
  const found: FoundDate[] = [];
  // Every form holds a digit: a text without one (most lines) skips the big pattern.
  if (!/\d/.test(text)) return found;
  for (const m of text.matchAll(DATE_RE)) {
    const [d, mo, y] = m[1] !== undefined ? [m[1], m[2], m[3]] : m[4] !== undefined ? [m[4], m[5], m[6]] : [m[7], m[8], m[9]];
    const iso = isoDate(expandYear(y!), monthNumber(mo!), Number(d));
    const start = base + m.index!;
    found.push({ iso, raw: m[0], range: { start, end: start + m[0].length } });
  }
  return found;
}

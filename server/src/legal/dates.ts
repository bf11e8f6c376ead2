/**
 * Date logic of the legal family: arithmetic on ISO dates and writing a date in the style of the
 * date it replaces (`28.12.12` → `29.12.12`, «28 декабря 2012» → «29 декабря 2012»).
 * Recognition lives in `model/dates.ts` and is shared with stamps.
 */
import { MONTHS_GENITIVE } from '../model/dates';

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

/** `2012-12-29` → `29.12.2012`. */
export function formatRu(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * Writes `iso` the way `raw` is written: numeric with the same zero padding and year length, or
 * with the month as a word. Falls back to `dd.mm.yyyy`.
 */
export function formatLike(raw: string, iso: string): string {
  const [ys, ms, ds] = iso.split('-') as [string, string, string];
  const day = Number(ds);
  const month = Number(ms);
  const numeric = /^(\d{1,2})(\.)(\d{1,2})\.(\d{2}|\d{4})$/.exec(raw.trim());
  if (numeric) {
    const dd = numeric[1]!.length === 2 ? ds : String(day);
    const mm = numeric[3]!.length === 2 ? ms : String(month);
    const yy = numeric[4]!.length === 2 ? ys.slice(2) : ys;
    return `${dd}.${mm}.${yy}`;
  }
  const words = /^(\d{1,2})(\s+)(\p{L}+)(\s+)(\d{4})$/u.exec(raw.trim());
  if (words) {
    const dd = words[1]!.length === 2 ? ds : String(day);
    const name = MONTHS_GENITIVE[month - 1]!;
    const cased = words[3]![0] === words[3]![0]!.toUpperCase() ? name[0]!.toUpperCase() + name.slice(1) : name;
    return `${dd}${words[2]}${cased}${words[4]}${ys}`;
  }
  return formatRu(iso);
}

/** True when two ISO dates differ in exactly one of day, month, year (a typo, not another act). */
export function differsInOnePart(a: string, b: string): boolean {
  // `a.split('-').filter((x, i) => x !== b.split('-')[i]).length === 1`, without the arrays.
  let diff = 0;
  let ia = 0;
  let ib = 0;
  for (;;) {
    let ja = a.indexOf('-', ia);
    if (ja < 0) ja = a.length;
    if (ib > b.length) diff++;
    else {
      let jb = b.indexOf('-', ib);
      if (jb < 0) jb = b.length;
      if (ja - ia !== jb - ib || !sameChars(a, ia, b, ib, ja - ia)) diff++;
      ib = jb + 1;
    }
    if (ja >= a.length) break;
    ia = ja + 1;
  }
  return diff === 1;
}

function sameChars(a: string, ia: number, b: string, ib: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(ia + k) !== b.charCodeAt(ib + k)) return false;
  return true;
}

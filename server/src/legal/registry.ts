/**
 * Registry access: the acts data from knowledge, matching a parsed citation to an act, the
 * status of an act on a date, and canonical citations in any grammatical case. Pure.
 */
import type { Knowledge } from '../knowledge/types';
import { isDistinctiveNumber, normalizeNumber } from './citations';
import { addDays, differsInOnePart, formatLike, formatRu } from './dates';
import { kindForm } from './grammar';
import type { ActRecord, ActsData, ActStatus, Citation, GrammaticalCase, Issuer, StatusEvent } from './types';
import { memoizeString } from '../util/memo';

const EMPTY: ActsData = { version: 0, issuers: [], acts: [] };

/**
 * Sanitised acts data by the knowledge's `acts` object (knowledge is frozen and memoised): the
 * same `ActsData` for every analysis, so what is compiled from it (issuer regexes, the number
 * index) is compiled once.
 */
const sanitised = new WeakMap<object, ActsData>();

/** The acts data of a knowledge object (built-in merged with the workspace). */
export function actsData(knowledge: Knowledge): ActsData {
  const d = knowledge['acts'] as Partial<ActsData> | undefined;
  if (!d || typeof d !== 'object') return EMPTY;
  let data = sanitised.get(d);
  if (!data) sanitised.set(d, (data = sanitise(d)));
  return data;
}

function sanitise(d: Partial<ActsData>): ActsData {
  return {
    version: typeof d.version === 'number' ? d.version : 0,
    issuers: Array.isArray(d.issuers) ? d.issuers.filter((i) => i && typeof i.id === 'string' && Array.isArray(i.patterns)) : [],
    acts: Array.isArray(d.acts)
      ? d.acts.filter((a) => a && typeof a.id === 'string' && typeof a.kind === 'string').map((a) => ({ ...a, history: Array.isArray(a.history) ? a.history : [], sources: Array.isArray(a.sources) ? a.sources : [], confidence: a.confidence ?? 'unverified' }))
      : [],
  };
}

export function actById(data: ActsData, id: string): ActRecord | undefined {
  return data.acts.find((a) => a.id === id);
}

export function issuerById(data: ActsData, id: string | undefined): Issuer | undefined {
  return id === undefined ? undefined : data.issuers.find((i) => i.id === id);
}

/** Letters and digits only, lower case, «РФ» spelled out, ё → е: for comparing titles. */
export const titleKey: (s: string) => string =
  // Pure, and asked again and again for the same act titles (every citation compares with every
  // act): memoised.
  memoizeString((s) => computeTitleKey(s), 4096);

/**
 * A code unit that is neither a plain letter/digit nor one of the usual title punctuation marks
 * (NBSP, «», §, °, ·, U+2000–U+206F spaces, dashes and quotes, №): none of those is a letter or a number.
 */
const UNUSUAL_IN_TITLE = /[^\u0000-\u007f\u0410-\u044f\u0401\u0451\u00a0\u00ab\u00bb\u00a7\u00b0\u00b7\u2000-\u206f\u2116]/;

function computeTitleKey(s: string): string {
  // Without other characters, the letters and numbers of a title are the plain ones, so the
  // `\p{…}` classes spelled out find the same: `\p{L}` with `u` costs ~0.3 ms to compile per
  // pattern in a cold run, and runs slower (property-tested in fast-paths.test.ts).
  if (!UNUSUAL_IN_TITLE.test(s)) {
    return s
      .replace(/(?<![A-Za-zА-яЁё])РФ(?![A-Za-zА-яЁё])/g, 'Российской Федерации')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[^A-Za-zА-яЁё0-9]+/g, '');
  }
  return unicodeTitleKey(s);
}

/** {@link titleKey} for any text (the original definition). */
function unicodeTitleKey(s: string): string {
  return s
    .replace(/(?<![\p{L}])РФ(?![\p{L}])/gu, 'Российской Федерации')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** @internal For the property tests: the fast and the original title keys. */
export const titleKeyInternals = { computeTitleKey, unicodeTitleKey };

/** How a citation's title relates to an act's titles. */
export type TitleVerdict = 'none' | 'ok' | 'wrong' | 'known-wrong';

/** Compares a written title with the act's official and accepted titles; a word-boundary truncation is accepted. */
export function titleVerdict(act: ActRecord, written: string | undefined): TitleVerdict {
  return written === undefined ? 'none' : verdictOfKey(act, titleKey(written));
}

/** The titles of an act, with their keys: built once per act (acts are immutable knowledge). */
interface ActTitles {
  readonly wrongKeys: readonly string[];
  readonly rights: readonly string[];
  readonly rightKeys: readonly string[];
}

const actTitles = new WeakMap<ActRecord, ActTitles>();

function titlesOf(act: ActRecord): ActTitles {
  let t = actTitles.get(act);
  if (!t) {
    const rights = [act.title, act.codeTitle, ...(act.acceptedTitles ?? [])].filter((x): x is string => !!x);
    t = { wrongKeys: (act.wrong?.titles ?? []).map(titleKey), rights, rightKeys: rights.map(titleKey) };
    actTitles.set(act, t);
  }
  return t;
}

/** {@link titleVerdict} of a written title's key. */
function verdictOfKey(act: ActRecord, w: string): TitleVerdict {
  if (w.length === 0) return 'none';
  const { wrongKeys, rights, rightKeys } = titlesOf(act);
  if (wrongKeys.includes(w)) return 'known-wrong';
  if (rights.length === 0) return 'none';
  for (let i = 0; i < rights.length; i++) {
    const r = rights[i]!;
    const k = rightKeys[i]!;
    if (k === w) return 'ok';
    // «О создании многофункционального сервиса обмена информацией» for the full title of 156-ФЗ.
    if (w.length >= 20 && k.startsWith(w)) {
      const words = r.split(/\s+/);
      let acc = '';
      for (const word of words) {
        acc += titleKey(word);
        if (acc === w) return 'ok';
        if (acc.length > w.length) break;
      }
    }
  }
  return 'wrong';
}

/** The outcome of matching a citation against the registry. */
export interface Resolution {
  readonly act?: ActRecord;
  /** The date differs from the act's date. */
  readonly wrongDate: boolean;
  /** The number is a known wrong variant (`210-р`) or written with the digit 3 (`273-Ф3`). */
  readonly wrongNumber: boolean;
  /** The issuer differs from the act's issuer. */
  readonly wrongIssuer: boolean;
  /** The kind differs from the act's kind. */
  readonly wrongKind: boolean;
  readonly title: TitleVerdict;
}

const NONE: Resolution = { wrongDate: false, wrongNumber: false, wrongIssuer: false, wrongKind: false, title: 'none' };

function dateOk(act: ActRecord, iso: string | undefined): boolean {
  return iso !== undefined && (iso === act.date || (act.acceptedDates ?? []).includes(iso));
}

/** One act a normalised number names: by its own number (`exact`) or by a seen wrong variant. */
interface NumberEntry {
  readonly act: ActRecord;
  readonly exact: boolean;
}

const numberIndexes = new WeakMap<ActsData, Map<string, NumberEntry[]>>();

/**
 * Acts by normalised number and wrong variant, each list in registry order (so the best match and
 * its ties come out as when every act was compared), built once per acts data.
 */
function numberIndex(data: ActsData): Map<string, NumberEntry[]> {
  let index = numberIndexes.get(data);
  if (!index) {
    index = new Map();
    for (const act of data.acts) {
      if (act.number === undefined) continue;
      const own = normalizeNumber(act.number);
      const keys = new Set([own]);
      push(index, own, { act, exact: true });
      for (const w of act.wrong?.numbers ?? []) {
        const k = normalizeNumber(w);
        if (keys.has(k)) continue;
        keys.add(k);
        push(index, k, { act, exact: false });
      }
    }
    numberIndexes.set(data, index);
  }
  return index;
}

function push(index: Map<string, NumberEntry[]>, key: string, e: NumberEntry): void {
  const list = index.get(key);
  if (list) list.push(e);
  else index.set(key, [e]);
}

/** Matches a citation with an act of the registry; conservative — a doubtful match is no match. */
export function resolveCitation(data: ActsData, c: Citation): Resolution {
  const iso = c.date?.iso;
  const hasDate = c.date !== undefined;
  // The written title's key, computed once for every act compared.
  const writtenKey = c.title === undefined ? undefined : titleKey(c.title.inner);
  const titleOf = (act: ActRecord): TitleVerdict => (writtenKey === undefined ? 'none' : verdictOfKey(act, writtenKey));
  const kindOf = (act: ActRecord): boolean => !c.kind || c.kind.kind === act.kind;
  const issuerOf = (act: ActRecord): boolean => !c.issuer || c.issuer.id === act.issuer;
  const verdict = (act: ActRecord, wrongNumber: boolean): Resolution => {
    const title = act.titleStatus === 'official' || (act.wrong?.titles?.length ?? 0) > 0 ? titleOf(act) : 'none';
    return {
      act,
      wrongDate: hasDate && act.date !== undefined && !dateOk(act, iso),
      wrongNumber,
      wrongIssuer: !issuerOf(act),
      wrongKind: !kindOf(act),
      title,
    };
  };

  if (c.code) {
    const act = data.acts.find((a) => a.code !== undefined && a.code.toLowerCase() === c.code!.normalized.toLowerCase());
    if (act) {
      const r = verdict(act, false);
      // A code-only citation: its date may be the approval date of the rules; the title is the rules' name.
      const typo = r.wrongDate && act.date !== undefined && (iso === undefined || differsInOnePart(iso, act.date) || (act.wrong?.dates ?? []).includes(iso));
      return { ...r, wrongIssuer: !!c.issuer && r.wrongIssuer, wrongKind: false, wrongDate: r.wrongDate && (!!c.number || typo) };
    }
    if (!c.number) return NONE;
  }

  if (c.number) {
    const n = c.number.normalized;
    const digit3 = /Ф3/iu.test(c.number.text.replace(/\s+/g, ''));
    let best: { act: ActRecord; score: number; wrongNumber: boolean } | undefined;
    for (const { act, exact } of numberIndex(data).get(n) ?? []) {
      const variant = !exact;
      const title = titleOf(act);
      const titleMatches = title === 'ok' && act.titleStatus === 'official';
      const dOk = dateOk(act, iso);
      const kOk = kindOf(act);
      const iOk = issuerOf(act);
      const seenIssuer = !!c.issuer && (act.wrong?.issuers ?? []).includes(c.issuer.id);
      // The typo test (pure) only when the date is not simply right.
      const dateFits = !hasDate || dOk || titleMatches ||
        (act.date !== undefined && (iso === undefined || differsInOnePart(iso, act.date) || (act.wrong?.dates ?? []).includes(iso)));
      let accept: boolean;
      if (isDistinctiveNumber(n)) {
        // The suffix (-ФЗ, -р) already says the kind; another date with nothing else in common is another act.
        accept = dateFits;
      } else {
        // Plain numbers repeat every year and across bodies: the issuer must be named.
        accept = !!c.issuer && ((iOk && kOk && dateFits) || (!iOk && kOk && (seenIssuer || dOk || (!hasDate && titleMatches))) || (iOk && !kOk && (dOk || titleMatches)));
      }
      if (!accept) continue;
      const score = (dOk ? 4 : 0) + (titleMatches ? 4 : 0) + (iOk ? 2 : 0) + (kOk ? 2 : 0) + (exact ? 1 : 0);
      if (!best || score > best.score) best = { act, score, wrongNumber: variant || digit3 };
    }
    if (best) return verdict(best.act, best.wrongNumber);
    return NONE;
  }

  if (c.title && (c.kind || c.issuer)) {
    const w = writtenKey!;
    const act = data.acts.find((a) => a.titleStatus === 'official' && a.title !== undefined && titleKey(a.title) === w && kindOf(a));
    if (act) return verdict(act, false);
  }
  return NONE;
}

/** The status of an act on a date: the last history event on or before it. */
export interface StatusAt {
  readonly status: ActStatus | 'not-yet' | 'unknown';
  /** The event that set the status. */
  readonly event?: StatusEvent;
  /** The next event after the date, if any. */
  readonly next?: StatusEvent;
}

/** Each act's history sorted by date (a stable sort, done once per act: acts are immutable knowledge). */
const sortedHistories = new WeakMap<ActRecord, readonly StatusEvent[]>();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `a.localeCompare(b)` for history dates. Two ISO dates (all of the registry's) differ first at a
 * digit, where collation and code units agree, so they compare as strings: the first
 * `localeCompare` of a process builds an ICU collator (~10 ms of a cold CLI run).
 */
export function compareDates(a: string, b: string): number {
  if (ISO_DATE.test(a) && ISO_DATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

export function statusAt(act: ActRecord, asOf: string): StatusAt {
  if (act.confidence === 'unverified' || act.history.length === 0) return { status: 'unknown' };
  let sorted = sortedHistories.get(act);
  if (!sorted) sortedHistories.set(act, (sorted = [...act.history].sort((a, b) => compareDates(a.from, b.from))));
  let event: StatusEvent | undefined;
  let next: StatusEvent | undefined;
  for (const e of sorted) {
    if (e.from <= asOf) event = e;
    else { next = e; break; }
  }
  if (!event) return { status: 'not-yet', next };
  return { status: event.status, event, next };
}

/** True when the act is repealed, superseded or expired on the date (never for unverified acts). */
export function isStale(act: ActRecord, asOf: string): boolean {
  const s = statusAt(act, asOf).status;
  return s === 'repealed' || s === 'superseded' || s === 'expired';
}

/** The end of force within `days` after `asOf`, if any. */
export function expiringWithin(act: ActRecord, asOf: string, days: number): StatusEvent | undefined {
  const s = statusAt(act, asOf);
  if (s.status !== 'in-force' || !s.next || s.next.status === 'in-force') return undefined;
  return s.next.from <= addDays(asOf, days) ? s.next : undefined;
}

/** Successors in force on the date, following chains of replacements. */
export function successorsInForce(data: ActsData, act: ActRecord, asOf: string, seen = new Set<string>()): ActRecord[] {
  seen.add(act.id);
  const by = statusAt(act, asOf).event?.by ?? [];
  const out: ActRecord[] = [];
  for (const id of by) {
    const s = actById(data, id);
    if (!s || seen.has(s.id)) continue;
    if (isStale(s, asOf)) out.push(...successorsInForce(data, s, asOf, seen));
    else out.push(s);
  }
  return out;
}

/** Short name of an act for messages: «Федеральный закон № 273-ФЗ», «приказ Минобрнауки России № 816», «СП 2.4.3648-20». */
export function shortName(data: ActsData, act: ActRecord): string {
  if (act.code) return act.code;
  const issuer = issuerById(data, act.issuer)?.genitive;
  return [kindForm(act.kind, 'nom', true), issuer, act.number ? `№ ${act.number}` : undefined].filter(Boolean).join(' ');
}

/** Requisites with the date: «приказ Минобрнауки России от 23.08.2017 № 816». */
export function requisites(data: ActsData, act: ActRecord, gcase: GrammaticalCase = 'nom', capital = true, dateStyle?: string): string {
  const issuer = issuerById(data, act.issuer)?.genitive;
  const date = act.date ? `от ${dateStyle ? formatLike(dateStyle, act.date) : formatRu(act.date)}` : undefined;
  return [kindForm(act.kind, gcase, capital), issuer, date, act.number ? `№ ${act.number}` : undefined].filter(Boolean).join(' ');
}

/**
 * The canonical citation of an act in a case: «Постановлением Правительства РФ от 11.10.2023
 * № 1678 «Об утверждении Правил …»». `dateStyle` is a date as the draft writes dates.
 */
export function canonicalCitation(data: ActsData, act: ActRecord, gcase: GrammaticalCase = 'nom', capital = true, dateStyle?: string): string {
  // Only a checked title goes into generated text; a descriptive one is shown in hovers only.
  const title = act.title && act.titleStatus === 'official' ? ` «${act.title}»` : '';
  return requisites(data, act, gcase, capital, dateStyle) + title;
}

/** A code-only citation of a sanitary act: «СП 2.4.3648-20 «Санитарно-эпидемиологические требования …»». */
export function codeCitation(act: ActRecord, withTitle: boolean): string {
  return withTitle && act.codeTitle ? `${act.code} «${act.codeTitle}»` : act.code ?? '';
}

/** Russian word for a status, agreeing with the act kind's gender. */
export function statusWord(act: ActRecord, status: StatusAt['status']): string {
  const neuter = act.kind === 'resolution' || act.kind === 'directive' || act.kind === 'letter';
  const plural = act.kind === 'guidelines';
  const g = (m: string, n: string, p: string): string => (plural ? p : neuter && !act.code ? n : m);
  switch (status) {
    case 'in-force': return g('действует', 'действует', 'действуют');
    case 'repealed': return g('утратил силу', 'утратило силу', 'утратили силу');
    case 'superseded': return g('заменён', 'заменено', 'заменены');
    case 'expired': return g('прекратил действие', 'прекратило действие', 'прекратили действие');
    case 'not-yet': return g('ещё не вступил в силу', 'ещё не вступило в силу', 'ещё не вступили в силу');
    default: return 'статус не подтверждён';
  }
}

/** Russian name of a confidence level. */
export function confidenceWord(c: ActRecord['confidence']): string {
  return c === 'verified' ? 'проверено по официальным источникам' : c === 'partial' ? 'проверено частично' : 'не проверено';
}

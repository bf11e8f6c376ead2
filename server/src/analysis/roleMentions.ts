/**
 * Role words in an act: every inflected form of every role word and non-existent role of the
 * roles data, found once per analysis and shared by the `roles/*` rules.
 *
 * What is NOT a role mention of the act:
 * - text in protected zones (code, HTML comments, links, addresses);
 * - text inside quotes on its line («в пользовательской роли «учитель»» is the platform's role
 *   name, «класс «Учительская»» a chat name, «Об утверждении … педагогических работников» a title);
 * - a match an entry's `exclude` rules out («муниципальным куратором ИКОП «Сферум»» is a regional
 *   curator of the platform, not a group mentor).
 * Overlapping matches resolve to the longest leftmost («педагогический работник», not «работник»).
 */
import type { DocumentModel, OffsetRange } from '../model/types';
import type { Knowledge } from '../knowledge/types';
import { findForms, findFormsEach, normalizeForm, type FormMatch, type Paradigm } from '../morph';
import { detectInstitution, markerPlan, type Institution } from './institution';
import { firstMatchFrom, literalHits, literalSet, roleRegex, roleRegexFor, rolesData, wordParadigm, type InstitutionKind, type LiteralSet, type NonexistentRole, type RoleConcept, type RoleWord, type RolesData } from './rolesData';
import { inZones, protectedZones } from './zones';
import { plainText } from '../util/plainText';
import { lowerBound } from '../util/sorted';
import { RecentCache } from '../util/memo';

/** One role word found in the act. */
export interface RoleMention extends FormMatch {
  /** The word (for known roles) and its concept. */
  readonly word?: RoleWord;
  readonly concept?: RoleConcept;
  /** Set for a role that does not exist. */
  readonly nonexistent?: NonexistentRole;
  /** True when the mention is where the act defines the word («– Ученик – …», «(далее – ученик)»). */
  readonly defined: boolean;
  readonly line: number;
}

/** A quoted word in a role context: «в пользовательской роли «учитель»». */
export interface QuotedRole {
  /** Range of the text inside the quotes. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Normalised text (lower case, ё → е). */
  readonly norm: string;
  readonly line: number;
}

/** Everything the roles rules need. */
export interface RoleAnalysis {
  readonly data: RolesData;
  readonly institution: Institution;
  readonly mentions: readonly RoleMention[];
  readonly quoted: readonly QuotedRole[];
  /** True when the act is about MAX (the platform shows «учащийся»). */
  readonly isMax: boolean;
}

/** A word with its concept. */
export interface WordRef {
  readonly word: RoleWord;
  readonly concept: RoleConcept;
}

const wordsById = new WeakMap<RolesData, Map<string, WordRef>>();

/** Finds a word of the data by id (the first one with that id; rules ask per mention, so indexed once per data). */
export function findWord(data: RolesData, id: string): WordRef | undefined {
  let byId = wordsById.get(data);
  if (!byId) {
    byId = new Map();
    for (const concept of data.concepts) {
      for (const word of concept.words) if (!byId.has(word.id)) byId.set(word.id, { word, concept });
    }
    wordsById.set(data, byId);
  }
  return byId.get(id);
}

/** The base word id of a word (its `variantOf`, else itself). */
export function baseId(w: RoleWord): string {
  return w.variantOf ?? w.id;
}

/** True when the line prefix before `offset` leaves a quote open. */
export function insideQuotes(text: string, lineStart: number, offset: number): boolean {
  // One pass over code units, no slice (the quote marks are all BMP characters).
  let depth = 0;
  let straight = 0;
  for (let i = Math.max(0, lineStart); i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xab /* « */ || c === 0x201c /* “ */ || c === 0x201e /* „ */) depth++;
    else if ((c === 0xbb /* » */ || c === 0x201d /* ” */) && depth > 0) depth--;
    else if (c === 0x22 /* " */) straight++;
  }
  if (depth > 0) return true;
  return straight % 2 === 1;
}

/**
 * The quote marks of a line and whether a quote is open after each: {@link insideQuotes} for many
 * offsets of one line from one pass (empty for most lines, which have no quote mark).
 */
export interface LineQuotes {
  /** Offsets of the quote marks, ascending. */
  readonly at: number[];
  /** After the mark at the same index: a quote is open. */
  readonly open: boolean[];
  /** The end of the scanned part. */
  readonly end: number;
}

/** The marks of a line without quote marks (shared, never modified). */
const NO_MARKS: number[] = [];
const NO_OPEN: boolean[] = [];

/** Every quote mark {@link lineQuotes} looks at. */
const QUOTE_MARK = /[«»“”„"]/g;

/** Offsets of the quote marks of the whole text, ascending: one native scan instead of a char loop per line. */
export function quoteMarks(text: string): number[] {
  const marks: number[] = [];
  QUOTE_MARK.lastIndex = 0;
  // `test` moves `lastIndex` past each mark without allocating a match.
  while (QUOTE_MARK.test(text)) marks.push(QUOTE_MARK.lastIndex - 1);
  return marks;
}

/** The quotes of a line from the {@link quoteMarks} of the text: every other code unit is skipped by the loop anyway. */
export function lineQuotes(text: string, marks: readonly number[], lineStart: number, lineEnd: number): LineQuotes {
  // Most lines have no quote mark: their arrays are the shared empty ones.
  let at = NO_MARKS;
  let open = NO_OPEN;
  let depth = 0;
  let straight = 0;
  const end = Math.min(lineEnd, text.length);
  for (let k = lowerBound(marks, Math.max(0, lineStart)); k < marks.length && marks[k]! < end; k++) {
    const i = marks[k]!;
    const c = text.charCodeAt(i);
    if (c === 0xab || c === 0x201c || c === 0x201e) depth++;
    else if ((c === 0xbb || c === 0x201d) && depth > 0) depth--;
    else if (c === 0x22) straight++;
    else continue;
    if (at === NO_MARKS) { at = []; open = []; }
    at.push(i);
    open.push(depth > 0 || straight % 2 === 1);
  }
  return { at, open, end };
}

/** {@link insideQuotes} from the marks of the line. */
export function insideLineQuotes(q: LineQuotes, offset: number): boolean {
  // The last mark before `offset` (lines have few marks).
  let k = q.at.length - 1;
  while (k >= 0 && q.at[k]! >= offset) k--;
  return k >= 0 && q.open[k]!;
}

/**
 * True when `text[from, to)` holds only what may lead a definition (white space, dashes, bullets,
 * `*`, `_`, digits, `.`, `)`, `⇒`): what `/^[\s\-–—•·*_\d.)⇒]*$/u` tells of the slice, without
 * the slice (it usually fails at the first character).
 */
export function onlyDefinitionLead(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x2022 || c === 0xb7 || c === 0x2a || c === 0x5f ||
      (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x29 || c === 0x21d2) continue;
    return false;
  }
  return true;
}
const DEFINED_AFTER = /^[*_]*\s*(?:\([^)\n]*\)\s*)?[*_]*\s*[-–—]/u;
const DALEE_BEFORE = /далее\s*[-–—]?\s*[*_]*$/iu;

/** A word or non-existent role of the data with what its matches need (compiled once per data). */
interface Entry {
  readonly paradigm: Paradigm;
  readonly word?: RoleWord;
  readonly concept?: RoleConcept;
  readonly nonexistent?: NonexistentRole;
  /** The word's `exclude` expressions (null: invalid, skipped). */
  readonly before?: RegExp | null;
  readonly after?: RegExp | null;
  /** The same for a plain text (see rolesData `roleRegexFor`), made on first use. */
  plainBefore?: RegExp | null;
  plainAfter?: RegExp | null;
}

const entryCache = new WeakMap<RolesData, readonly Entry[]>();
const paradigmCache = new WeakMap<readonly Entry[], readonly Paradigm[]>();

/** The paradigms of the entries, in their order (one array per entries: findFormsEach compiles per array). */
function paradigmsOf(entries: readonly Entry[]): readonly Paradigm[] {
  let ps = paradigmCache.get(entries);
  if (!ps) paradigmCache.set(entries, (ps = entries.map((e) => e.paradigm)));
  return ps;
}

/** The words, then the non-existent roles, of the data: the order candidates are collected in. */
function entriesOf(data: RolesData): readonly Entry[] {
  let entries = entryCache.get(data);
  if (entries) return entries;
  const list: Entry[] = [];
  for (const concept of data.concepts) {
    for (const word of concept.words) {
      list.push({
        paradigm: wordParadigm(word),
        word,
        concept,
        before: word.exclude?.before ? roleRegex(word.exclude.before, 'iu') : undefined,
        after: word.exclude?.after ? roleRegex(word.exclude.after, 'iu') : undefined,
      });
    }
  }
  for (const bad of data.nonexistent) list.push({ paradigm: wordParadigm(bad), nonexistent: bad });
  entryCache.set(data, (entries = list));
  return entries;
}

function excluded(text: string, m: FormMatch, e: Entry, plain: boolean): boolean {
  // In a plain text, the plain flavour: same matches, far cheaper to compile in a cold run.
  const before = plain && e.before ? (e.plainBefore ??= roleRegexFor(e.word!.exclude!.before!, 'iu', true)) : e.before;
  const after = plain && e.after ? (e.plainAfter ??= roleRegexFor(e.word!.exclude!.after!, 'iu', true)) : e.after;
  if (before && before.test(text.slice(Math.max(0, m.start - 80), m.start))) return true;
  if (after && after.test(text.slice(m.end, m.end + 80))) return true;
  return false;
}

/**
 * For a text without surrogates: `visit(open, close)` for each match of
 * `/[«“"]([^«»“”"\n]{2,60})[»”"]/gu` (its opening and closing mark), in order, read off the
 * text's {@link quoteMarks}: code units then count as the pattern's code points.
 */
export function quotedFromMarks(text: string, marks: readonly number[], visit: (open: number, close: number) => void): void {
  for (let k = 0; k < marks.length; k++) {
    const open = marks[k]!;
    const c = text.charCodeAt(open);
    if (c !== 0xab && c !== 0x201c && c !== 0x22) continue;
    // The inner text runs to the next mark the pattern excludes («„» is not one) or a line break.
    let j = k + 1;
    while (j < marks.length && text.charCodeAt(marks[j]!) === 0x201e) j++;
    if (j === marks.length) return;
    const close = marks[j]!;
    const len = close - open - 1;
    const e = text.charCodeAt(close);
    if (len < 2 || len > 60 || (e !== 0xbb && e !== 0x201d && e !== 0x22) || hasLineFeed(text, open + 1, close)) continue;
    visit(open, close);
    k = j;
  }
}

/** True when `text[from, to)` holds a line feed (a short range: the inside of a quote). */
function hasLineFeed(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x0a) return true;
  return false;
}

/** A JavaScript `\s` character. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * False when {@link DALEE_BEFORE} cannot match `text[from, to)`: what follows «далее» there is
 * only spaces, a dash and `*`/`_`, so the last other character must be its «е». Spares the
 * regex, which tries every position of the line.
 */
function mayEndWithDalee(text: string, from: number, to: number): boolean {
  let i = to - 1;
  for (; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (!(c === 0x2a || c === 0x5f || c === 0x2d || c === 0x2013 || c === 0x2014 || isSpace(c))) break;
  }
  if (i < from + 4) return false;
  const c = text.charCodeAt(i);
  return c === 0x435 || c === 0x415;
}

const literalSets = new WeakMap<RolesData, LiteralSet>();

/**
 * The institution markers (in {@link markerPlan} order), then the MAX markers, as one
 * {@link LiteralSet}: their literals are found in one pass (compiled once per data).
 */
function markerSet(data: RolesData): LiteralSet {
  let set = literalSets.get(data);
  if (!set) {
    const institution = markerPlan(data.institutionMarkers).markers.map(({ marker }) => [marker.pattern, marker.caseSensitive ? 'u' : 'iu'] as const);
    literalSets.set(data, (set = literalSet([...institution, ...data.platformRoles.maxMarkers.map((src) => [src, 'u'] as const)])));
  }
  return set;
}

/** Analyses the roles of an act. `institutionSetting` is the `institution` option (school | college | auto). */
export function analyzeRoles(model: DocumentModel, text: string, knowledge: Knowledge | undefined, institutionSetting?: unknown): RoleAnalysis {
  const data = rolesData(knowledge);
  // Where the literals of the institution and MAX markers stand, from one pass (undefined: each
  // marker scans as before).
  const markers = markerSet(data);
  const literalsAt = literalHits(markers, text);
  const plain = plainText(text);
  const firstMax = markers.scans.length - data.platformRoles.maxMarkers.length;
  const institution = detectInstitution(model, text, data.institutionMarkers, institutionSetting, literalsAt);
  const zones = protectedZones(model, text);
  const quotesByLine = new Map<number, LineQuotes>();
  // The quote marks of the text, found once (by the first line that needs them, or the quoted roles).
  let allMarks: number[] | undefined;
  const usable = (m: FormMatch): boolean => {
    if (inZones(zones, m.start, m.end)) return false;
    const lineIdx = model.lineAt(m.start);
    const line = model.lines[lineIdx];
    if (!line || line.block === 'code' || line.block === 'html') return false;
    let q = quotesByLine.get(lineIdx);
    if (!q) quotesByLine.set(lineIdx, (q = lineQuotes(text, (allMarks ??= quoteMarks(text)), line.start, line.end)));
    return !(m.start <= q.end ? insideLineQuotes(q, m.start) : insideQuotes(text, line.start, m.start));
  };

  // Candidates by start, ties in entry order: what the longest-leftmost choice below needs. One
  // pass over the word index finds every entry's matches; failing that, entry by entry and sorted.
  let found: FormMatch[] = [];
  let owner: Entry[] = [];
  const entries = entriesOf(data);
  const each = findFormsEach(text, paradigmsOf(entries), (i, m) => {
    const e = entries[i]!;
    if (usable(m) && !excluded(text, m, e, plain)) { found.push(m); owner.push(e); }
  });
  if (!each) {
    // Collection order (entries, then position); the stable sort keeps it for ties.
    for (const e of entries) {
      for (const m of findForms(text, e.paradigm)) {
        if (usable(m) && !excluded(text, m, e, plain)) { found.push(m); owner.push(e); }
      }
    }
    const order = found.map((_, i) => i);
    order.sort((i, j) => found[i]!.start - found[j]!.start || i - j);
    found = order.map((i) => found[i]!);
    owner = order.map((i) => owner[i]!);
  }
  const mentions: RoleMention[] = [];
  let lastEnd = -1;
  for (let g = 0; g < found.length;) {
    // Of the candidates starting here, the longest, a non-existent role before a word, else the first.
    const start = found[g]!.start;
    let i = g;
    let h = g + 1;
    for (; h < found.length && found[h]!.start === start; h++) {
      const len = found[h]!.end - start;
      const best = found[i]!.end - start;
      if (len > best || (len === best && !!owner[h]!.nonexistent && !owner[i]!.nonexistent)) i = h;
    }
    g = h;
    const c = found[i]!;
    if (c.start < lastEnd) continue;
    lastEnd = c.end;
    const e = owner[i]!;
    const lineIdx = model.lineAt(c.start);
    const line = model.lines[lineIdx]!;
    const from = Math.max(line.contentStart, line.start);
    const defined = (onlyDefinitionLead(text, from, c.start) && DEFINED_AFTER.test(text.slice(c.end, c.end + 40))) || (mayEndWithDalee(text, from, c.start) && DALEE_BEFORE.test(text.slice(from, c.start)));
    // Same keys, in the same order, as the spread of the match and its word (or non-existent role).
    mentions.push(e.nonexistent
      ? { start: c.start, end: c.end, form: c.form, forms: c.forms, text: c.text, nonexistent: e.nonexistent, defined, line: lineIdx }
      : { start: c.start, end: c.end, form: c.form, forms: c.forms, text: c.text, word: e.word, concept: e.concept, defined, line: lineIdx });
  }

  const quoted: QuotedRole[] = [];
  const context = roleRegexFor(data.platformRoles.context, 'iu', plain);
  if (context) {
    // The quote at `open` (its mark) with the text up to `close` (the closing mark).
    const consider = (open: number, close: number): void => {
      const start = open + 1;
      if (inZones(zones, start, close)) return;
      const lineIdx = model.lineAt(start);
      const line = model.lines[lineIdx];
      if (!line || line.block === 'code' || line.block === 'html') return;
      if (!context.test(text.slice(Math.max(line.start, open - 60), open))) return;
      const inner = text.slice(start, close);
      quoted.push({ start, end: close, text: inner, norm: normalizeForm(inner), line: lineIdx });
    };
    if (plain) {
      // What QUOTED finds, read off the quote marks already found (no second scan of the text).
      quotedFromMarks(text, (allMarks ??= quoteMarks(text)), consider);
    } else {
      const QUOTED = /[«“"]([^«»“”"\n]{2,60})[»”"]/gu;
      for (const m of text.matchAll(QUOTED)) consider(m.index!, m.index! + 1 + m[1]!.length);
    }
  }

  const isMax = data.platformRoles.maxMarkers.some((src, i) => {
    const scan = markers.scans[firstMax + i];
    return scan ? firstMatchFrom(scan, text, 0, literalsAt?.[firstMax + i]) !== undefined : roleRegex(src, 'u')?.test(text) ?? false;
  });
  return { data, institution, mentions, quoted, isMax };
}

/** The analysis shared by the roles rules of one run (memoised per run). */
export function roleAnalysis(ctx: { readonly model: DocumentModel; readonly text: string; readonly knowledge: Knowledge; readonly options: Readonly<Record<string, unknown>>; memo<T>(key: string, compute: () => T): T }): RoleAnalysis {
  const setting = ctx.options['institution'];
  return ctx.memo(`roles/analysis|${String(setting ?? 'auto')}`, () => analyzeRoles(ctx.model, ctx.text, ctx.knowledge, setting));
}

/** True when a word fits an institution kind (umbrella and both-kind words fit any). */
export function fits(word: RoleWord, kind: InstitutionKind | 'unknown'): boolean {
  return kind === 'unknown' || word.kind === 'both' || word.kind === 'umbrella' || word.kind === kind;
}

const usageCache = new RecentCache<readonly RoleMention[], Map<RoleConcept, Map<string, RoleMention[]>>>();

/**
 * Mentions of a concept's words, counted per base word (variants count for their base). Computed
 * once per mentions list and concept (rules ask for it per mention); callers must not modify it.
 */
export function usage(mentions: readonly RoleMention[], concept: RoleConcept): Map<string, RoleMention[]> {
  let perConcept = usageCache.get(mentions);
  if (!perConcept) usageCache.set(mentions, (perConcept = new Map()));
  let hit = perConcept.get(concept);
  if (!hit) perConcept.set(concept, (hit = computeUsage(mentions, concept)));
  return hit;
}

function computeUsage(mentions: readonly RoleMention[], concept: RoleConcept): Map<string, RoleMention[]> {
  const out = new Map<string, RoleMention[]>();
  for (const m of mentions) {
    if (!m.word || m.concept?.id !== concept.id) continue;
    const id = baseId(m.word);
    const list = out.get(id) ?? [];
    list.push(m);
    out.set(id, list);
  }
  return out;
}

/**
 * The word a fix should use for `concept` in an act of `kind`: among `candidates` (word ids), the
 * one defined in the act, else the most used, else the concept's default, else the first.
 */
export function preferredWord(concept: RoleConcept, candidates: readonly string[], mentions: readonly RoleMention[], kind: InstitutionKind | 'unknown'): string | undefined {
  if (candidates.length === 0) return undefined;
  const used = usage(mentions, concept);
  const defined = candidates.filter((id) => (used.get(id) ?? []).some((m) => m.defined));
  if (defined.length === 1) return defined[0];
  const pool = defined.length > 1 ? defined : candidates;
  const dflt = kind === 'unknown' ? undefined : concept.default?.[kind];
  let best: string | undefined;
  let bestCount = 0;
  for (const id of pool) {
    const n = used.get(id)?.length ?? 0;
    if (n > bestCount || (n === bestCount && n > 0 && id === dflt)) { best = id; bestCount = n; }
  }
  if (best) return best;
  if (dflt && pool.includes(dflt)) return dflt;
  return pool[0];
}

/** The paradigm of a word id, if the word exists. */
export function paradigmOfWord(data: RolesData, id: string): Paradigm | undefined {
  const ref = findWord(data, id);
  return ref ? wordParadigm(ref.word) : undefined;
}

const mentionIndex = new RecentCache<readonly RoleMention[], Map<RoleMention, number>>();

const COORDINATION = /^[\s\u00a0]*(?:,|и|или|либо|,[\s\u00a0]*а[\s\u00a0]+также)[\s\u00a0]*$/iu;

/**
 * Form keys of a role word coordinated with `m` («куратора или учителя», «Студенты, учителя»):
 * the mention right before it (or right after it) joined by a comma, «и», «или», «либо».
 */
export function coordinatedKeys(mentions: readonly RoleMention[], m: RoleMention, text: string): readonly string[] | undefined {
  let positions = mentionIndex.get(mentions);
  if (!positions) {
    positions = new Map();
    // The first index of each mention, as `indexOf` would find it.
    for (let k = mentions.length - 1; k >= 0; k--) positions.set(mentions[k]!, k);
    mentionIndex.set(mentions, positions);
  }
  const i = positions.get(m) ?? -1;
  if (i < 0) return undefined;
  const prev = mentions[i - 1];
  const next = mentions[i + 1];
  const keys: string[] = [];
  if (prev && COORDINATION.test(text.slice(prev.end, m.start))) keys.push(...prev.forms);
  if (next && COORDINATION.test(text.slice(m.end, next.start))) keys.push(...next.forms);
  return keys.length > 0 ? keys : undefined;
}

const VOWEL_START = /^[аоуэиАОУЭИ]/u;
const SO_START = /^[сзшжщСЗШЖЩ][^аеёиоуыэюяАЕЁИОУЫЭЮЯ]/u;

/**
 * The edit that replaces `[start, end)` by `replacement`, adjusting a preposition right before it
 * when the new word needs another one («с учащимися» → «со студентами», «о классном руководителе»
 * → «об учителе», and back). The edit then covers the preposition too; nothing else is touched.
 */
export function replacementEdit(text: string, range: OffsetRange, replacement: string): { start: number; end: number; newText: string } {
  const before = text.slice(Math.max(0, range.start - 4), range.start);
  const m = /(?<![\p{L}])(с|со|о|об|С|Со|СО|О|Об|ОБ)([ \u00a0])$/u.exec(before);
  if (m) {
    const prep = m[1]!;
    const lower = prep.toLowerCase();
    let wanted = lower;
    if (lower === 'с' || lower === 'со') wanted = SO_START.test(replacement) ? 'со' : 'с';
    else if (lower === 'о' || lower === 'об') wanted = VOWEL_START.test(replacement) ? 'об' : 'о';
    if (wanted !== lower) {
      const cased = prep === prep.toUpperCase() && prep.length > 1
        ? wanted.toUpperCase()
        : prep[0] === prep[0]!.toUpperCase() ? wanted[0]!.toUpperCase() + wanted.slice(1) : wanted;
      const start = range.start - m[0].length;
      return { start, end: range.end, newText: cased + m[2]! + replacement };
    }
  }
  return { start: range.start, end: range.end, newText: replacement };
}

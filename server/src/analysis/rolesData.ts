/**
 * Shape of the roles data (`server/data/roles.json`, knowledge key `roles`; schema
 * `schemas/data/roles.schema.json`) with a tolerant accessor: a workspace override may be partial
 * or malformed, so every part falls back to the built-in value and bad entries are skipped.
 */
import builtinRoles from '../../data/roles.json';
import type { Knowledge } from '../knowledge/types';
import { literalParadigm, paradigm, type Paradigm } from '../morph';
import { plainPattern } from '../legal/plainRe';
import { plainText } from '../util/plainText';

/** Institution kinds; `umbrella` words (legal terms) fit both, `both` words are used in both. */
export type InstitutionKind = 'school' | 'college';
export type WordKind = InstitutionKind | 'both' | 'umbrella';

/** One word (phrase) naming a role. */
export interface RoleWord {
  readonly id: string;
  /** Id of the phrase in `phrases.json` / `forms.json` (absent for a workspace word with inline `forms`). */
  readonly phrase?: string;
  /** The phrase in the nominative singular (for messages and readers of the data). */
  readonly text: string;
  readonly kind: WordKind;
  /** Another word of the same concept this one only specifies («куратор учебной группы» → «куратор»). */
  readonly variantOf?: string;
  /** A separate position within the concept, never a competing synonym (мастер производственного обучения). */
  readonly distinct?: boolean;
  /** False: never offered as the replacement of another word. */
  readonly fixTarget?: boolean;
  /** Severity of `roles/institution-mismatch` for this word (default: the rule's). */
  readonly mismatchSeverity?: 'error' | 'warning' | 'information' | 'hint';
  /** Regular expressions (Unicode, case-insensitive) on the text just before / after a match that exclude it. */
  readonly exclude?: { readonly before?: string; readonly after?: string };
  /** Inline forms (for a workspace word that has no generated paradigm). */
  readonly forms?: Readonly<Record<string, string>>;
}

/** A role concept: one role, several words. */
export interface RoleConcept {
  readonly id: string;
  readonly name: string;
  /** False: the concept is documented but not checked. */
  readonly check?: boolean;
  /** Word ids used by fixes when the act has no fitting word of its own. */
  readonly default?: Partial<Record<InstitutionKind, string>>;
  /** True: an umbrella word (обучающийся) may replace a word of the other institution kind. */
  readonly umbrellaFix?: boolean;
  readonly words: readonly RoleWord[];
}

/** A role that does not exist, with its correction per institution kind. */
export interface NonexistentRole {
  readonly id: string;
  readonly phrase?: string;
  readonly text: string;
  /** Word id, or word id per institution kind (`unknown` when the kind is not determined). */
  readonly correction: string | Partial<Record<InstitutionKind | 'unknown', string>>;
  readonly forms?: Readonly<Record<string, string>>;
}

/** Quoted roles on the platform. */
export interface PlatformRoles {
  readonly vk: readonly string[];
  readonly max: readonly string[];
  /** Quoted roles accepted in a college act besides the platform's own. */
  readonly collegeAccepted: readonly string[];
  /** Quoted roles that are correct by the platform but reported as information in a college act. */
  readonly collegeNotice: readonly string[];
  /** Regular expression matched against the text just before the opening quote: a role context. */
  readonly context: string;
  /** Regular expressions any of which shows the act is about MAX. */
  readonly maxMarkers: readonly string[];
}

/** A sign of the institution kind. */
export interface InstitutionMarker {
  readonly id: string;
  readonly pattern: string;
  readonly weight: number;
  readonly caseSensitive?: boolean;
}

/** The whole roles data. */
export interface RolesData {
  readonly version: number;
  readonly concepts: readonly RoleConcept[];
  readonly nonexistent: readonly NonexistentRole[];
  readonly platformRoles: PlatformRoles;
  readonly institutionMarkers: Readonly<Record<InstitutionKind, readonly InstitutionMarker[]>>;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS = new Set(['school', 'college', 'both', 'umbrella']);

function arr<T>(v: unknown, fallback: readonly T[], ok: (x: unknown) => boolean): readonly T[] {
  return (Array.isArray(v) ? v : fallback).filter(ok) as T[];
}

const base = builtinRoles as unknown as RolesData;
const cache = new WeakMap<object, RolesData>();

/** Roles data from the knowledge (built-in values for anything missing or malformed). */
export function rolesData(knowledge: Knowledge | undefined): RolesData {
  const raw = knowledge?.['roles'];
  if (!isObject(raw)) return base;
  const hit = cache.get(raw);
  if (hit) return hit;
  const isWord = (w: unknown): boolean => isObject(w) && isString(w['id']) && isString(w['text']) && KINDS.has(String(w['kind'])) && (isString(w['phrase']) || isObject(w['forms']));
  const concepts = arr<RoleConcept>(raw['concepts'], base.concepts, (c) => isObject(c) && isString(c['id']) && Array.isArray(c['words']))
    .map((c) => ({ ...c, name: isString(c.name) ? c.name : c.id, words: c.words.filter(isWord) }));
  const nonexistent = arr<NonexistentRole>(raw['nonexistent'], base.nonexistent, (n) => isObject(n) && isString(n['id']) && isString(n['text']) && (isString(n['correction']) || isObject(n['correction'])));
  const pr = isObject(raw['platformRoles']) ? raw['platformRoles'] : {};
  const strings = (v: unknown, fb: readonly string[]): readonly string[] => arr<string>(v, fb, isString);
  const platformRoles: PlatformRoles = {
    vk: strings(pr['vk'], base.platformRoles.vk),
    max: strings(pr['max'], base.platformRoles.max),
    collegeAccepted: strings(pr['collegeAccepted'], base.platformRoles.collegeAccepted),
    collegeNotice: strings(pr['collegeNotice'], base.platformRoles.collegeNotice),
    context: isString(pr['context']) ? pr['context'] : base.platformRoles.context,
    maxMarkers: strings(pr['maxMarkers'], base.platformRoles.maxMarkers),
  };
  const im = isObject(raw['institutionMarkers']) ? raw['institutionMarkers'] : {};
  const isMarker = (m: unknown): boolean => isObject(m) && isString(m['pattern']) && typeof m['weight'] === 'number';
  const institutionMarkers = {
    school: arr<InstitutionMarker>(im['school'], base.institutionMarkers.school, isMarker),
    college: arr<InstitutionMarker>(im['college'], base.institutionMarkers.college, isMarker),
  };
  const out: RolesData = {
    version: typeof raw['version'] === 'number' ? raw['version'] : base.version,
    concepts,
    nonexistent,
    platformRoles,
    institutionMarkers,
  };
  cache.set(raw, out);
  return out;
}

/**
 * The paradigm of a word: the generated one (forms.json) by `phrase`, else the inline `forms`,
 * else a literal paradigm that knows only the written text.
 */
export function wordParadigm(w: { readonly id: string; readonly phrase?: string; readonly text: string; readonly forms?: Readonly<Record<string, string>> }): Paradigm {
  const generated = w.phrase ? paradigm(w.phrase) : undefined;
  if (generated) return generated;
  // Same object for the same data, so the compiled matcher of the paradigm is reused.
  const key = JSON.stringify([w.phrase ?? w.id, w.text, w.forms ?? null]);
  let p = adHoc.get(key);
  if (!p) {
    p = w.forms && Object.keys(w.forms).length > 0
      ? Object.freeze({ id: w.phrase ?? w.id, lemma: w.text, forms: Object.freeze({ ...w.forms }) })
      : literalParadigm(w.phrase ?? w.id, w.text);
    if (adHoc.size > 500) adHoc.clear();
    adHoc.set(key, p);
  }
  return p;
}

const adHoc = new Map<string, Paradigm>();

/** flags → source → compiled (null: invalid). Two levels: a concatenated key would be hashed anew at every call. */
const regexCache = new Map<string, Map<string, RegExp | null>>();
let regexCount = 0;

/** Compiles a data regular expression once; invalid sources give `null` (the entry is skipped). */
export function roleRegex(source: string, flags: string): RegExp | null {
  let bySource = regexCache.get(flags);
  if (!bySource) regexCache.set(flags, (bySource = new Map()));
  let re = bySource.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, flags);
    } catch {
      re = null;
    }
    if (regexCount > 1000) { regexCache.clear(); regexCount = 0; regexCache.set(flags, (bySource = new Map())); }
    bySource.set(source, re);
    regexCount++;
  }
  if (re) re.lastIndex = 0;
  return re;
}

const plainSources = new Map<string, string | null>();

/**
 * The data expression `source` (written for the `u` flag) for a {@link plainText}, without `u`:
 * `\p{L}`/`\p{N}` spelled out as plain classes (legal/plainRe), so it compiles many times faster
 * (`\p{L}` with `iu` costs ~1–2 ms per pattern in a cold run) and, on a plain text, matches exactly
 * what the original does. Undefined for anything whose meaning could differ (`\P`, `\u{…}`,
 * backreferences) or that plainRe does not know.
 */
export function plainRoleSource(source: string): string | undefined {
  let out = plainSources.get(source);
  if (out === undefined) {
    out = null;
    if (!/\\(?:[PkK1-9]|u\{)/.test(source)) {
      try {
        out = plainPattern(source);
      } catch {
        out = null;
      }
    }
    if (plainSources.size > 1000) plainSources.clear();
    plainSources.set(source, out);
  }
  return out ?? undefined;
}

/**
 * {@link roleRegex} for a text that is {@link plainText} when `plain`: then the plain flavour of the
 * source ({@link plainRoleSource}, flags without `u`) when the original compiles, else the original.
 */
export function roleRegexFor(source: string, flags: string, plain: boolean): RegExp | null {
  const original = roleRegex(source, flags);
  if (!plain || !original) return original;
  const ps = plainRoleSource(source);
  return (ps !== undefined && roleRegex(ps, flags.replace('u', ''))) || original;
}

/** A data expression with the literal one of which every match contains (see {@link literalScan}). */
export interface LiteralScan {
  /** The literals, global, with the expression's case rules: no match starts after the last one found. */
  readonly quick: RegExp;
  /** The expression, sticky: tried only near a literal. */
  readonly sticky: RegExp;
  /** The expression, global: for a scan that cannot be narrowed. */
  readonly global: RegExp;
  /** The most code units between the start of a match and the start of its literal (undefined: no bound). */
  readonly reach: number | undefined;
  /** The expression and its flags (without `g`/`y`). */
  readonly source: string;
  readonly flags: string;
  /** `sticky` / `global` for a {@link plainText} (see {@link plainRoleSource}); made on first use. */
  plainSticky?: RegExp;
  plainGlobal?: RegExp;
}

const scanCache = new Map<string, Map<string, LiteralScan | null>>();
let scanCount = 0;

/**
 * A faster way to scan a text with a data expression `source` (flags `flags`, without `g`/`y`):
 * most expressions of the data need a literal (`ПОУ` or `СПО` for the marker
 * `(?<![\p{L}])(?:[А-ЯЁ]{0,4}[\s\u00a0]?ПОУ|СПО)(?![\p{L}])`), and a plain alternation of literals
 * is scanned many times faster than an expression that opens with a lookbehind. Null when the
 * source shows no literal or does not compile.
 */
export function literalScan(source: string, flags: string): LiteralScan | null {
  let bySource = scanCache.get(flags);
  if (!bySource) scanCache.set(flags, (bySource = new Map()));
  let scan = bySource.get(source);
  if (scan === undefined) {
    const req = requiredLiterals(source);
    scan = null;
    if (req && flags.includes('u') && !/[gyv]/.test(flags)) {
      try {
        const quick = new RegExp(req.literals.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), flags + 'g');
        scan = { quick, sticky: new RegExp(source, flags + 'y'), global: new RegExp(source, flags + 'g'), reach: req.reach, source, flags };
      } catch {
        scan = null;
      }
    }
    if (scanCount > 1000) { scanCache.clear(); scanCount = 0; scanCache.set(flags, (bySource = new Map())); }
    bySource.set(source, scan);
    scanCount++;
  }
  return scan;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/**
 * The first non-empty match of the expression starting at or after `from` — what a global `exec`
 * from `from` finds, skipping empty matches. Every match starts at most `reach` code units before
 * an occurrence of a literal, so only those starts are tried (in order); with no bound, the
 * expression scans from `from` once a literal is known to follow.
 */
export function firstMatchFrom(scan: LiteralScan, text: string, from: number, hits?: readonly number[]): { start: number; end: number } | undefined {
  if (hits) return firstMatchAmong(scan, text, from, hits);
  const { quick, sticky, global, reach } = scan;
  quick.lastIndex = from;
  let q = quick.exec(text);
  if (!q) return undefined;
  // A start inside a surrogate pair: leave it to the expression itself.
  if (reach === undefined || (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1)))) {
    return firstGlobalMatch(global, text, from);
  }
  let next = from;
  for (; q; q = quick.exec(text)) {
    const p = q.index;
    for (let s = Math.max(next, p - reach); s <= p; s++) {
      // A global scan of a Unicode expression never starts inside a surrogate pair.
      if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) continue;
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (m && m[0].length > 0) return { start: s, end: s + m[0].length };
    }
    next = p + 1;
    // Literals may overlap («СПОУ»): look again from the next code point. (Not from p + 1 when a
    // surrogate pair starts at p: a Unicode search from inside a pair steps back to its start and
    // would find the same literal for ever.)
    quick.lastIndex = p + (isHighSurrogate(text.charCodeAt(p)) && isLowSurrogate(text.charCodeAt(p + 1)) ? 2 : 1);
  }
  return undefined;
}

/** The first non-empty match of the global expression `global` in `text` from `from`. */
function firstGlobalMatch(global: RegExp, text: string, from: number): { start: number; end: number } | undefined {
  global.lastIndex = from;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    if (m[0].length === 0) { global.lastIndex++; continue; }
    return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/**
 * {@link firstMatchFrom} with the offsets of the literals known (`hits`: every offset where one
 * stands, ascending, from {@link literalHits}): the same starts are tried in the same order, without
 * the literal scan. Only for a text without surrogates (a {@link plainText}).
 */
function firstMatchAmong(scan: LiteralScan, text: string, from: number, hits: readonly number[]): { start: number; end: number } | undefined {
  const { reach } = scan;
  let k = 0;
  while (k < hits.length && hits[k]! < from) k++;
  if (k === hits.length) return undefined;
  if (reach === undefined) {
    return firstGlobalMatch(plainFlavour(scan, 'g'), text, from);
  }
  const sticky = plainFlavour(scan, 'y');
  let next = from;
  for (; k < hits.length; k++) {
    const p = hits[k]!;
    for (let s = Math.max(next, p - reach); s <= p; s++) {
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (m && m[0].length > 0) return { start: s, end: s + m[0].length };
    }
    next = p + 1;
  }
  return undefined;
}

/**
 * The sticky (`y`) or global (`g`) expression of a scan for a {@link plainText}: the plain flavour
 * ({@link plainRoleSource}) when there is one, else the scan's own. Hits exist only for plain texts.
 */
function plainFlavour(scan: LiteralScan, kind: 'y' | 'g'): RegExp {
  let re = kind === 'y' ? scan.plainSticky : scan.plainGlobal;
  if (re === undefined) {
    const ps = plainRoleSource(scan.source);
    const flags = scan.flags.replace('u', '') + kind;
    re = scan[kind === 'y' ? 'sticky' : 'global'];
    if (ps !== undefined) {
      try {
        re = new RegExp(ps, flags);
      } catch {
        // Keep the original.
      }
    }
    if (kind === 'y') scan.plainSticky = re;
    else scan.plainGlobal = re;
  }
  return re;
}

/**
 * Literal strings one of which every match of a data regular expression contains, and the most
 * code units a match can have before it (`reach`, undefined when unbounded); undefined when the
 * source does not show any. A conservative reading of the source: runs of plain characters
 * outside classes, escapes and quantified atoms, and groups whose every alternative has such a
 * run; lookarounds and anything quantified count for nothing.
 */
export function requiredLiterals(source: string): { readonly literals: readonly string[]; readonly reach: number | undefined } | undefined {
  let hit = literalCache.get(source);
  if (hit === undefined) {
    let found: Required | null = null;
    try {
      const r = readAlternatives(source, 0);
      if (r.end === source.length && r.literals) found = { literals: r.literals, reach: Number.isFinite(r.offset) ? r.offset : undefined };
    } catch {
      found = null;
    }
    if (literalCache.size > 1000) literalCache.clear();
    literalCache.set(source, (hit = found));
  }
  return hit ?? undefined;
}

type Required = { readonly literals: readonly string[]; readonly reach: number | undefined };
const literalCache = new Map<string, Required | null>();

/** Characters with a meaning in a pattern (outside a class). */
const SYNTAX = new Set(['\\', '[', ']', '(', ')', '{', '}', '|', '.', '^', '$', '?', '*', '+']);

/**
 * What a part of a pattern tells: `literals` one of which every match contains (undefined: none
 * known), `offset` the most code units before that literal, `width` the most code units of a match
 * (Infinity: unbounded).
 */
interface Part {
  readonly literals: string[] | undefined;
  readonly offset: number;
  readonly width: number;
  readonly end: number;
}

/** Alternatives from `pos` to the closing `)` (not consumed) or the end. */
function readAlternatives(src: string, pos: number): Part {
  const all: string[] = [];
  let ok = true;
  let offset = 0;
  let width = 0;
  for (;;) {
    const seq = readSequence(src, pos);
    if (seq.literals) all.push(...seq.literals);
    else ok = false;
    offset = Math.max(offset, seq.offset);
    width = Math.max(width, seq.width);
    pos = seq.end;
    if (src[pos] !== '|') break;
    pos++;
  }
  return { literals: ok ? [...new Set(all)] : undefined, offset, width, end: pos };
}

/** The length of a quantifier at `pos` (0 if none), its minimum and maximum (Infinity: none). */
function quantifier(src: string, pos: number): { len: number; min: number; max: number } {
  const c = src[pos];
  let len = 0;
  let min = 1;
  let max = 1;
  if (c === '?') { len = 1; min = 0; } else if (c === '*') { len = 1; min = 0; max = Infinity; } else if (c === '+') { len = 1; max = Infinity; } else if (c === '{') {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(pos, pos + 24));
    if (!m) throw new Error('bad quantifier');
    len = m[0].length;
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
  }
  if (len > 0 && src[pos + len] === '?') len++;
  return { len, min, max };
}

/** One alternative: the best requirement among its literal runs and plain groups. */
function readSequence(src: string, pos: number): Part {
  let best: string[] | undefined;
  let bestOffset = 0;
  let width = 0;
  // The best requirement: one at a bounded distance from the start (only starts near it are then
  // tried), then the longest shortest literal, then the fewest literals.
  const consider = (lits: string[] | undefined, offset: number): void => {
    if (!lits || lits.length === 0 || lits.some((l) => l.length === 0)) return;
    const score = Math.min(...lits.map((l) => l.length));
    if (!best) { best = lits; bestOffset = offset; return; }
    const bounded = Number.isFinite(offset);
    const bestBounded = Number.isFinite(bestOffset);
    const bestScore = Math.min(...best.map((l) => l.length));
    if (bounded !== bestBounded ? bounded : score > bestScore || (score === bestScore && lits.length < best.length)) { best = lits; bestOffset = offset; }
  };
  let run = '';
  let runOffset = 0;
  const flush = (): void => { if (run) consider([run], runOffset); run = ''; };
  while (pos < src.length && src[pos] !== '|' && src[pos] !== ')') {
    const c = src[pos]!;
    let atomLits: string[] | undefined;
    let atomOffset = 0;
    let literalChar: string | undefined;
    // Code units one repetition of the atom takes at most (2: a code point, maybe a surrogate pair).
    let atomWidth = 2;
    if (c === '\\') {
      if (src[pos + 1] === 'b' || src[pos + 1] === 'B') atomWidth = 0;
      else if (src[pos + 1]! >= '1' && src[pos + 1]! <= '9') atomWidth = Infinity;
      else if (src[pos + 1] === 'k') atomWidth = Infinity;
      pos = skipEscape(src, pos);
    } else if (c === '[') {
      pos++;
      while (pos < src.length && src[pos] !== ']') pos += src[pos] === '\\' ? 2 : 1;
      if (pos >= src.length) throw new Error('open class');
      pos++;
    } else if (c === '(') {
      let look = false;
      if (src.startsWith('(?=', pos) || src.startsWith('(?!', pos)) { look = true; pos += 3; } else if (src.startsWith('(?<=', pos) || src.startsWith('(?<!', pos)) { look = true; pos += 4; } else if (src.startsWith('(?:', pos)) pos += 3;
      else if (src.startsWith('(?<', pos)) { const close = src.indexOf('>', pos); if (close < 0) throw new Error('bad group'); pos = close + 1; } else if (src[pos + 1] === '?') throw new Error('unknown group');
      else pos++;
      const inner = readAlternatives(src, pos);
      if (src[inner.end] !== ')') throw new Error('open group');
      pos = inner.end + 1;
      if (look) atomWidth = 0;
      else { atomLits = inner.literals; atomOffset = inner.offset; atomWidth = inner.width; }
    } else if (c === '^' || c === '$') {
      atomWidth = 0;
      pos++;
    } else if (c === '.') {
      pos++;
    } else if (SYNTAX.has(c)) {
      throw new Error('unexpected ' + c);
    } else {
      literalChar = String.fromCodePoint(src.codePointAt(pos)!);
      atomWidth = literalChar.length;
      pos += literalChar.length;
    }
    const q = quantifier(src, pos);
    pos += q.len;
    const before = width;
    width = atomWidth === 0 ? width : before + atomWidth * q.max;
    if (literalChar !== undefined && q.len === 0) {
      if (!run) runOffset = before;
      run += literalChar;
      continue;
    }
    flush();
    if (q.len === 0) consider(atomLits, before + atomOffset);
  }
  flush();
  return { literals: best, offset: bestOffset, width, end: pos };
}

/** The position after the escape at `pos`. */
function skipEscape(src: string, pos: number): number {
  const c = src[pos + 1];
  if (c === undefined) throw new Error('trailing backslash');
  if (c === 'p' || c === 'P' || (c === 'u' && src[pos + 2] === '{')) {
    const close = src.indexOf('}', pos);
    if (close < 0) throw new Error('bad escape');
    return close + 1;
  }
  if (c === 'u') return pos + 6;
  if (c === 'x') return pos + 4;
  if (c === 'c') return pos + 3;
  if (c === 'k') { const close = src.indexOf('>', pos); if (close < 0) throw new Error('bad escape'); return close + 1; }
  if (c >= '0' && c <= '9') { let p = pos + 1; while (p < src.length && src[p]! >= '0' && src[p]! <= '9') p++; return p; }
  return pos + 2;
}

// ---------------------------------------------------------------------------------------------
// Many literal scans in one pass. The institution markers and the MAX markers are a dozen data
// expressions, each scanned for its literals ({@link literalScan}): a dozen regex scans of every
// draft, though most markers are absent. In a {@link plainText} the literals of all of them are
// found in one pass instead: one plain regex of all the literals finds each start where one
// stands, and there the literals of its folded three-letter opening (lower case, ё → е) are
// compared exactly (with the expression's case rule). In a plain text that finds what the literal regexes find: every character that folds to
// a plain letter under `iu` is a letter, and a plain text has no other letters.

/** Folded (lower case, ё → е) plain letter → 1..58; 0 for any other code unit. */
const letterIdx = new Uint8Array(0x10000);
for (let c = 0x61; c <= 0x7a; c++) letterIdx[c] = letterIdx[c - 0x20] = c - 0x60;
for (let c = 0x430; c <= 0x44f; c++) letterIdx[c] = letterIdx[c - 0x20] = c - 0x430 + 27;
letterIdx[0x401] = letterIdx[0x451] = letterIdx[0x435];

/** Lower case of a plain letter (А–Я, Ё, A–Z); any other code unit unchanged. */
function lowerPlain(c: number): number {
  if ((c >= 0x410 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a)) return c + 0x20;
  return c === 0x401 ? 0x451 : c;
}

/** Upper case of a plain letter (а–я, ё, a–z); any other code unit unchanged. */
function upperPlain(c: number): number {
  if ((c >= 0x430 && c <= 0x44f) || (c >= 0x61 && c <= 0x7a)) return c - 0x20;
  return c === 0x451 ? 0x401 : c;
}

/** What a literal may hold to be compared in JavaScript: plain letters, ASCII non-letters, `№`. */
function comparableLiteral(l: string): boolean {
  if (l.length < 3) return false;
  for (let k = 0; k < l.length; k++) {
    const c = l.charCodeAt(k);
    if (letterIdx[c] !== 0) continue;
    if (k < 3 || !((c >= 0x20 && c < 0x7f) || c === 0x2116)) return false;
  }
  return true;
}

/** A set of data expressions whose literals are found together (see {@link literalHits}). */
export interface LiteralSet {
  /** Per expression: its scan (null: none, or the expression is invalid). */
  readonly scans: readonly (LiteralScan | null)[];
  /** Per expression: its literals are found by the one pass (else the caller scans as before). */
  readonly joint: readonly boolean[];
  /** Folded opening → [expression, literal, case-insensitive (1/0)] triples. */
  readonly byOpening: ReadonlyMap<number, readonly (string | number)[]>;
  /**
   * Every literal of the set as one alternation (flag `g` only; case-insensitive letters as
   * `[аА]` classes, as {@link literalAt} compares; common openings factored out, see
   * {@link trieSource}): matches exactly where some literal stands.
   * Native from the first call, so cheaper than a JavaScript char loop in a cold run.
   */
  readonly finder: RegExp;
}

const openingOf = (a: number, b: number, c: number): number => (a << 12) | (b << 6) | c;

/** The {@link LiteralSet} of expressions `[source, flags]` (flags as for {@link literalScan}). */
export function literalSet(exprs: readonly (readonly [string, string])[]): LiteralSet {
  const scans: (LiteralScan | null)[] = [];
  const joint: boolean[] = [];
  const byOpening = new Map<number, (string | number)[]>();
  const trie: TrieNode = new Map();
  exprs.forEach(([source, flags], i) => {
    const scan = literalScan(source, flags);
    scans.push(scan);
    const lits = scan ? requiredLiterals(source)?.literals : undefined;
    const ok = !!lits && lits.every(comparableLiteral);
    joint.push(ok);
    if (!ok) return;
    const ci = flags.includes('i') ? 1 : 0;
    for (const l of lits!) {
      const key = openingOf(letterIdx[l.charCodeAt(0)]!, letterIdx[l.charCodeAt(1)]!, letterIdx[l.charCodeAt(2)]!);
      let list = byOpening.get(key);
      if (!list) byOpening.set(key, (list = []));
      list.push(i, l, ci);
      let node = trie;
      for (let k = 0; k < l.length; k++) {
        const c = l.charCodeAt(k);
        const lo = lowerPlain(c);
        const up = upperPlain(c);
        const atom = ci && lo !== up ? '[' + String.fromCharCode(lo, up) + ']' : l[k]!.replace(/[\\^$.*+?()[\]{}|/-]/, '\\$&');
        let next = node.get(atom);
        if (!next) node.set(atom, (next = new Map()));
        node = next;
      }
      node.set('', END);
    }
  });
  // `(?!)` never matches: a set without joint literals.
  const finder = new RegExp(trie.size ? trieSource(trie) : '(?!)', 'g');
  return { scans, joint, byOpening, finder };
}

/** Atom (a character or a `[аА]` class) → the rest; key '' marks the end of a literal. */
type TrieNode = Map<string, TrieNode>;
const END: TrieNode = new Map();

/**
 * The alternation of the literals of a trie with common openings factored out («[сС](?:[рР]…|[тТ]…)»):
 * it matches at exactly the same positions as the flat alternation, but the engine tries a
 * few first-atom branches per position instead of every literal (about a quarter less scan time).
 */
function trieSource(node: TrieNode): string {
  const branches: string[] = [];
  for (const [atom, rest] of node) branches.push(atom + trieTail(rest));
  return branches.join('|');
}

function trieTail(node: TrieNode): string {
  // A literal ends here: its longer continuations («СОШ№» after «СОШ») add no position.
  if (node.has('')) return '';
  if (node.size === 1) { const [[atom, rest]] = node; return atom + trieTail(rest); }
  return '(?:' + trieSource(node) + ')';
}

/** True when the literal `l` stands at `p` of `text` (`ci`: case-insensitive, for plain letters). */
function literalAt(text: string, p: number, l: string, ci: number): boolean {
  if (p + l.length > text.length) return false;
  for (let k = 0; k < l.length; k++) {
    const t = text.charCodeAt(p + k);
    const c = l.charCodeAt(k);
    if (t !== c && (ci === 0 || lowerPlain(t) !== lowerPlain(c))) return false;
  }
  return true;
}

/**
 * Per expression of the set: every offset of `text` where one of its literals stands, ascending
 * (what its literal scan would find one by one), or undefined when the expression is not
 * {@link LiteralSet.joint} (the caller scans it as before). Undefined altogether when the text is
 * not a {@link plainText}.
 */
export function literalHits(set: LiteralSet, text: string): (number[] | undefined)[] | undefined {
  if (!plainText(text)) return undefined;
  const n = set.scans.length;
  const out: (number[] | undefined)[] = [];
  for (let i = 0; i < n; i++) out.push(set.joint[i] ? EMPTY_HITS : undefined);
  const { byOpening, finder } = set;
  // Each start where some literal stands (overlapping ones too: the next search starts one past it).
  finder.lastIndex = 0;
  for (let m = finder.exec(text); m !== null; m = finder.exec(text)) {
    const p = m.index;
    finder.lastIndex = p + 1;
    const list = byOpening.get(openingOf(letterIdx[text.charCodeAt(p)]!, letterIdx[text.charCodeAt(p + 1)]!, letterIdx[text.charCodeAt(p + 2)]!))!;
    for (let k = 0; k < list.length; k += 3) {
      const i = list[k] as number;
      if (!literalAt(text, p, list[k + 1] as string, list[k + 2] as number)) continue;
      const at = out[i]!;
      if (at === EMPTY_HITS) out[i] = [p];
      else if (at[at.length - 1] !== p) at.push(p);
    }
  }
  return out;
}

/** Shared empty list of {@link literalHits} (never modified). */
const EMPTY_HITS: number[] = [];

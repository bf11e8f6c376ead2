/**
 * Shapes of the terminology (`server/data/terms.json`, knowledge key `terms`) and typography
 * (`server/data/typos.json`, knowledge key `typos`) data, with tolerant accessors: a workspace
 * override may be partial or malformed, so every field falls back to the built-in value.
 */
import builtinTerms from '../../data/terms.json';
import builtinTypos from '../../data/typos.json';
import type { Knowledge } from '../knowledge/types';

/** A canonical platform address or domain. */
export interface PlatformAddress {
  readonly id: string;
  readonly kind: 'email' | 'domain';
  readonly value: string;
}

/** Terminology data (terms.json). */
export interface TermsData {
  readonly version: number;
  /** ISO date of the move of Сферум into MAX. */
  readonly eraStart: string;
  /** After this ISO date a VK-only act gets a migration suggestion. */
  readonly migrationAfter: string;
  readonly canonical: {
    readonly max: string;
    readonly maxFull: string;
    readonly vk: string;
    readonly platform: string;
    readonly platformFull: string;
    readonly maxSpace: string;
  };
  /** Regular expressions (case-insensitive) marking a sentence as historical. */
  readonly historicalMarkers: readonly string[];
  readonly addresses: readonly PlatformAddress[];
  readonly knownDomains: readonly string[];
  /** Acts whose citation shows the document is written for MAX. */
  readonly basisActs: readonly string[];
}

/** One meaning-changing typo (typos.json). */
export interface TypoEntry {
  readonly id: string;
  /** Regular expression (source, matched case-insensitively, whole words) of the wrong text. */
  readonly wrong: string;
  /** Replacement; `$1`… refer to groups of `wrong`. */
  readonly right: string;
  /** Optional regular expression that must match the surrounding text (the line, ±80 characters). */
  readonly context?: string;
  /** Optional regular expression that must NOT match the surrounding text. */
  readonly notContext?: string;
  /** Russian explanation shown in the message. */
  readonly note?: string;
  readonly examples?: readonly { readonly text: string; readonly fixed: string }[];
  readonly negative?: readonly string[];
}

/** A prohibited action that needs «не» in a list of obligations. */
export interface ProhibitedAction {
  readonly id: string;
  /** Regular expression (case-insensitive) matched at the start of an obligation item. */
  readonly pattern: string;
  readonly examples?: readonly string[];
  readonly negative?: readonly string[];
}

/** Typography data (typos.json). */
export interface TyposData {
  readonly version: number;
  readonly typos: readonly TypoEntry[];
  /** Tokens that legitimately mix scripts (never reported by text/mixed-script). */
  readonly allowMixed: readonly string[];
  readonly prohibitedActions: readonly ProhibitedAction[];
}

function pick<T>(value: unknown, fallback: T, check: (v: unknown) => boolean): T {
  return check(value) ? (value as T) : fallback;
}

const isArray = (v: unknown): boolean => Array.isArray(v);
const isString = (v: unknown): boolean => typeof v === 'string';
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Terminology data from the knowledge (built-in values for anything missing). */
export function termsData(knowledge: Knowledge | undefined): TermsData {
  return cachedPer(termsCache, knowledge, readTermsData);
}

/**
 * Data views are read once per knowledge object (knowledge is frozen and cached by
 * `getKnowledge`): callers ask for them many times per analysis and compare results by identity.
 */
const termsCache = new WeakMap<object, TermsData>();
const typosCache = new WeakMap<object, TyposData>();
const NO_KNOWLEDGE = {};

function cachedPer<T>(cache: WeakMap<object, T>, knowledge: Knowledge | undefined, read: (k: Knowledge | undefined) => T): T {
  const key = knowledge ?? NO_KNOWLEDGE;
  let hit = cache.get(key);
  if (hit === undefined) cache.set(key, (hit = read(knowledge)));
  return hit;
}

function readTermsData(knowledge: Knowledge | undefined): TermsData {
  const raw = (knowledge?.['terms'] ?? {}) as Record<string, unknown>;
  const base = builtinTerms as unknown as TermsData;
  return {
    version: pick(raw['version'], base.version, (v) => typeof v === 'number'),
    eraStart: pick(raw['eraStart'], base.eraStart, isString),
    migrationAfter: pick(raw['migrationAfter'], base.migrationAfter, isString),
    canonical: { ...base.canonical, ...(isObject(raw['canonical']) ? (raw['canonical'] as object) : {}) },
    historicalMarkers: pick(raw['historicalMarkers'], base.historicalMarkers, isArray),
    addresses: pick<readonly PlatformAddress[]>(raw['addresses'], base.addresses, isArray)
      .filter((a) => isObject(a) && isString(a.value) && (a.kind === 'email' || a.kind === 'domain')),
    knownDomains: pick(raw['knownDomains'], base.knownDomains, isArray),
    basisActs: pick(raw['basisActs'], base.basisActs, isArray),
  };
}

/** Typography data from the knowledge (built-in values for anything missing). */
export function typosData(knowledge: Knowledge | undefined): TyposData {
  return cachedPer(typosCache, knowledge, readTyposData);
}

function readTyposData(knowledge: Knowledge | undefined): TyposData {
  const raw = (knowledge?.['typos'] ?? {}) as Record<string, unknown>;
  const base = builtinTypos as unknown as TyposData;
  return {
    version: pick(raw['version'], base.version, (v) => typeof v === 'number'),
    typos: pick<readonly TypoEntry[]>(raw['typos'], base.typos, isArray)
      .filter((t) => isObject(t) && isString(t.wrong) && isString(t.right)),
    allowMixed: pick(raw['allowMixed'], base.allowMixed, isArray),
    prohibitedActions: pick<readonly ProhibitedAction[]>(raw['prohibitedActions'], base.prohibitedActions, isArray)
      .filter((p) => isObject(p) && isString(p.pattern)),
  };
}

const regexCache = new Map<string, RegExp | null>();

/** Compiles a data regular expression once; invalid sources yield `null` (the entry is skipped). */
export function dataRegex(source: string, flags: string): RegExp | null {
  const key = flags + '\u0000' + source;
  if (!regexCache.has(key)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(source, flags);
    } catch {
      re = null;
    }
    if (regexCache.size > 2000) regexCache.clear();
    regexCache.set(key, re);
  }
  const re = regexCache.get(key) ?? null;
  if (re) re.lastIndex = 0;
  return re;
}

export { plainText } from '../util/plainText';

/** What `\p{L}` / `\p{N}` find in a {@link plainText}. */
const PLAIN_L = 'A-Za-zА-яЁё';
const PLAIN_N = '0-9';
/** Non-ASCII characters a plain pattern may hold as they are (no case variant, no letter). */
const PUNCT = '«»“”„‚‘’–—‐‑−…№§\u00a0\u2009\u202f';
const SYNTAX = '^$\\.*+?()[]{}|/';

function isPlainLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;
}

/** A plain letter with both cases (`[кК]` / `кК` inside a class), or as is without `i`. */
function letterCases(ch: string, ignoreCase: boolean, inClass: boolean): string {
  if (!ignoreCase) return ch;
  const both = ch.toLowerCase() + ch.toUpperCase();
  return inClass ? both : `[${both}]`;
}

const plainSources = new Map<string, string | undefined>();

/**
 * The data pattern `source` (flags `u` and, when `ignoreCase`, `i`) rewritten for a
 * {@link plainText} without those flags: letters as case classes, `\p{L}` → `[A-Za-zА-яЁё]`,
 * `\p{N}` → `[0-9]`. Conservative: undefined for anything outside a small grammar (ranges, `.`,
 * `\b`, `\w`, backreferences, named groups, quantified lookarounds, other letters …), so the
 * rewritten pattern is valid exactly when the original is, and equivalent on plain texts.
 */
export function plainSource(source: string, ignoreCase: boolean): string | undefined {
  const key = (ignoreCase ? 'i' : '-') + source;
  if (plainSources.has(key)) return plainSources.get(key);
  const out = rewritePlain(source, ignoreCase);
  if (plainSources.size > 2000) plainSources.clear();
  plainSources.set(key, out);
  return out;
}

function rewritePlain(s: string, ic: boolean): string | undefined {
  let out = '';
  // Open groups: true for a lookaround (it may not be quantified with `u`).
  const groups: boolean[] = [];
  // What a quantifier may follow: 0 nothing (start, `|`, `(`, an assertion), 1 an atom, 2 a quantifier.
  let last = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '(') {
      let kind: string;
      if (s[i + 1] !== '?') kind = '(';
      else kind = ['(?:', '(?=', '(?!', '(?<=', '(?<!'].find((k) => s.startsWith(k, i)) ?? '';
      if (!kind) return undefined;
      groups.push(kind.length > 3 || kind === '(?=' || kind === '(?!');
      out += kind;
      i += kind.length;
      last = 0;
      continue;
    }
    if (ch === ')') {
      if (groups.length === 0) return undefined;
      last = groups.pop() ? 3 : 1;
      out += ch;
      i++;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      let q = ch;
      if (ch === '{') {
        const m = /^\{\d+(?:,\d*)?\}/.exec(s.slice(i, i + 12));
        if (!m) return undefined;
        q = m[0];
      }
      if (last !== 1) return undefined;
      i += q.length;
      if (s[i] === '?') {
        q += '?';
        i++;
      }
      out += q;
      last = 2;
      continue;
    }
    if (ch === '|' || ch === '^' || ch === '$') {
      out += ch;
      i++;
      last = 0;
      continue;
    }
    if (ch === '[') {
      const r = rewriteClass(s, i, ic);
      if (!r) return undefined;
      out += r.text;
      i = r.end;
      last = 1;
      continue;
    }
    if (ch === '\\') {
      const e = rewriteEscape(s, i, false);
      if (!e) return undefined;
      out += e.text;
      i = e.end;
      last = 1;
      continue;
    }
    if (ch === '.' || ch === ']' || ch === '}') return undefined;
    if (isPlainLetterCode(c)) out += letterCases(ch, ic, false);
    else if (c < 0x80 || PUNCT.includes(ch)) out += ch;
    else return undefined;
    i++;
    last = 1;
  }
  return groups.length === 0 ? out : undefined;
}

/** An escape at `i` (outside or inside a class), or undefined when not understood. */
function rewriteEscape(s: string, i: number, inClass: boolean): { text: string; end: number } | undefined {
  const n = s[i + 1];
  if (n === undefined) return undefined;
  if (n === 'p') {
    const name = s.startsWith('{L}', i + 2) ? PLAIN_L : s.startsWith('{N}', i + 2) ? PLAIN_N : undefined;
    if (!name) return undefined;
    return { text: inClass ? name : `[${name}]`, end: i + 5 };
  }
  if (n === 's' || n === 'd' || (!inClass && (n === 'S' || n === 'D'))) return { text: '\\' + n, end: i + 2 };
  if (SYNTAX.includes(n) || (inClass && n === '-')) return { text: '\\' + n, end: i + 2 };
  return undefined;
}

/** A class `[…]` at `i`: plain letters, ASCII and listed punctuation, `\p{L}`, `\p{N}`, `\s`, `\d`; no ranges. */
function rewriteClass(s: string, i: number, ic: boolean): { text: string; end: number } | undefined {
  let out = '[';
  let j = i + 1;
  if (s[j] === '^') {
    out += '^';
    j++;
  }
  const first = j;
  for (;;) {
    const ch = s[j];
    if (ch === undefined) return undefined;
    if (ch === ']') break;
    if (ch === '\\') {
      const e = rewriteEscape(s, j, true);
      if (!e) return undefined;
      out += e.text;
      j = e.end;
      continue;
    }
    // A hyphen only first or last (a literal then); anywhere else it makes a range.
    if (ch === '-' && j !== first && s[j + 1] !== ']') return undefined;
    if (ch === '[') return undefined;
    const c = s.charCodeAt(j);
    if (isPlainLetterCode(c)) out += letterCases(ch, ic, true);
    else if (c < 0x80 || PUNCT.includes(ch)) out += ch;
    else return undefined;
    j++;
  }
  if (j === first) return undefined;
  return { text: out + ']', end: j + 1 };
}

/**
 * {@link dataRegex} for a search in a {@link plainText}: the {@link plainSource} pattern without
 * `i`/`u` when the source is understood, else the data pattern with `flags`.
 */
export function plainDataRegex(source: string, flags: string): RegExp | null {
  const plain = flags.includes('u') ? plainSource(source, flags.includes('i')) : undefined;
  return plain !== undefined ? dataRegex(plain, flags.replace(/[iu]/g, '')) : dataRegex(source, flags);
}

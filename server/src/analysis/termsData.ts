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

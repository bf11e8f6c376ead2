/**
 * Shape of the roles data (`server/data/roles.json`, knowledge key `roles`; schema
 * `schemas/data/roles.schema.json`) with a tolerant accessor: a workspace override may be partial
 * or malformed, so every part falls back to the built-in value and bad entries are skipped.
 */
import builtinRoles from '../../data/roles.json';
import type { Knowledge } from '../knowledge/types';
import { literalParadigm, paradigm, type Paradigm } from '../morph';

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

const regexCache = new Map<string, RegExp | null>();

/** Compiles a data regular expression once; invalid sources give `null` (the entry is skipped). */
export function roleRegex(source: string, flags: string): RegExp | null {
  const key = flags + '\u0000' + source;
  if (!regexCache.has(key)) {
    let re: RegExp | null;
    try {
      re = new RegExp(source, flags);
    } catch {
      re = null;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  const re = regexCache.get(key) ?? null;
  if (re) re.lastIndex = 0;
  return re;
}

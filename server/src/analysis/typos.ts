/**
 * Dictionary typos (typos.json): finding them and computing the minimal replacement that keeps
 * the capitalisation of the replaced text. Shared by `text/typo`, `text/mixed-script` (which leaves
 * the spans of dictionary typos alone: one finding per span) and the data test.
 */
import type { OffsetEdit } from '../rules/types';
import type { OffsetRange } from '../model/types';
import { dataRegex, plainDataRegex, plainText, type TypoEntry } from './termsData';
import { sourceShape } from '../util/regexSource';
import { inZones } from './zones';

/** A dictionary typo found in a text. */
export interface TypoHit extends OffsetRange {
  readonly entry: TypoEntry;
  readonly wrong: string;
  readonly right: string;
  /** The minimal edit (common prefix and suffix trimmed). */
  readonly edit: OffsetEdit;
}

/** Applies the capitalisation of `model` to `s`: ALL CAPS, Capitalised or as is. */
export function matchCase(model: string, s: string): string {
  // Fast path: a model of basic Latin and Cyrillic letters only (the dictionary's words).
  let upper = 0;
  let i = 0;
  for (; i < model.length; i++) {
    const k = basicCase(model.charCodeAt(i));
    if (k === 0) break;
    if (k === 2) upper++;
  }
  if (i === model.length && i > 0) {
    if (i > 1 && upper === i) return s.toUpperCase();
    if (basicCase(model.charCodeAt(0)) === 2) {
      if (basicCase(s.charCodeAt(0)) !== 0) return s[0]!.toUpperCase() + s.slice(1);
      const j = s.search(/\p{L}/u);
      if (j >= 0) return s.slice(0, j) + s[j]!.toUpperCase() + s.slice(j + 1);
    }
    return s;
  }
  const letters = model.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return s.toUpperCase();
  const first = /\p{L}/u.exec(model)?.[0];
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    const i = s.search(/\p{L}/u);
    if (i >= 0) return s.slice(0, i) + s[i]!.toUpperCase() + s.slice(i + 1);
  }
  return s;
}

/** 1 for a basic small letter (a–z, а–я, ё), 2 for a basic capital, 0 for anything else. */
function basicCase(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x44f) || c === 0x451) return 1;
  if ((c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x42f) || c === 0x401) return 2;
  return 0;
}

/** The smallest edit turning `from` (at `start`) into `to`. */
export function minimalEdit(start: number, from: string, to: string): OffsetEdit {
  let p = 0;
  while (p < from.length && p < to.length && from[p] === to[p]) p++;
  let s = 0;
  while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
  return { start: start + p, end: start + from.length - s, newText: to.slice(p, to.length - s) };
}

/** The line around `[start, end)`, at most 80 characters on each side. */
function windowAt(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && start - a < 80 && text[a - 1] !== '\n' && text[a - 1] !== '\r') a--;
  let b = end;
  while (b < text.length && b - end < 80 && text[b] !== '\n' && text[b] !== '\r') b++;
  return text.slice(a, b);
}

/**
 * Letters a case-insensitive Unicode regex matches to a basic Latin or Cyrillic letter although
 * `toLowerCase` does not turn them into it (ſ ~ s, ᲀ ~ в …): with one of them in the text the
 * literal pre-check of {@link requiredLiteral} could miss a match, so it is skipped.
 */
const FOLD_EXCEPTIONS = /[\u017f\u1c80-\u1c86]/u;
/**
 * Every character other than the basic letters themselves that a case-insensitive Unicode regex
 * matches to a basic Latin or Cyrillic letter (checked over all code points): ſ ~ s, ᲀ…ᲆ ~ в…ъ,
 * K (Kelvin) ~ k. Without them, folding the basic capitals by arithmetic reads a text as the regex does.
 */
const CASE_EXCEPTIONS = /[\u017f\u1c80-\u1c86\u212a]/u;
const literals = new Map<string, string | undefined>();

/**
 * A lower-case run of letters every match of the dictionary pattern `source` starts with (after
 * its leading lookbehinds), or undefined when there is none to rely on (alternation at the top,
 * a group, an escape or a quantifier first). Lets {@link findTypos} skip, with one `includes`, the
 * patterns whose word does not occur at all — most of them in most drafts.
 */
export function requiredLiteral(source: string): string | undefined {
  if (literals.has(source)) return literals.get(source);
  let result: string | undefined;
  // Top-level alternation: no single required literal.
  if (!sourceShape(source).topLevelBar) {
    const body = afterLookbehinds(source);
    const run = /^[a-zA-Zа-яА-ЯёЁ]+/.exec(body)?.[0] ?? '';
    // A quantifier after the run applies to its last letter only.
    const next = body[run.length];
    const literal = next === '?' || next === '*' || next === '{' ? run.slice(0, -1) : run;
    if (literal.length >= 3) result = literal.toLowerCase();
  }
  literals.set(source, result);
  return result;
}

/** `source` after its leading lookbehinds `(?<=…)` / `(?<!…)`. */
function afterLookbehinds(source: string): string {
  let p = 0;
  while (source.startsWith('(?<=', p) || source.startsWith('(?<!', p)) {
    let d = 0;
    let i = p;
    for (; i < source.length; i++) {
      const c = source[i]!;
      if (c === '\\') i++;
      else if (c === '[') {
        for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      } else if (c === '(') d++;
      else if (c === ')' && --d === 0) break;
    }
    p = i + 1;
  }
  return source.slice(p);
}

/**
 * For a pattern whose body (after lookbehinds) opens with a group of plain-word alternatives —
 * `(организаци|реализаци|…)я` — a class of their first letters (`[ор]`), which every match starts
 * with; undefined when the pattern has no such shape.
 */
function firstLetters(source: string): string | undefined {
  const body = afterLookbehinds(source);
  const m = /^\((?:\?:)?((?:[a-zA-Zа-яА-ЯёЁ]{2,}\|)*[a-zA-Zа-яА-ЯёЁ]{2,})\)/.exec(body);
  if (!m) return undefined;
  // The group must be followed by something other than a quantifier (it is then required).
  if (/^[?*{]/.test(body.slice(m[0].length))) return undefined;
  const letters = [...new Set(m[1]!.split('|').map((w) => w[0]!.toLowerCase()))].join('');
  return `[${letters}]`;
}

/**
 * For a pattern of the {@link firstLetters} shape without a top-level `|` (or a plain alternation
 * of words): its opening words in lower case — every match starts with one of them
 * (case-insensitively); undefined otherwise.
 */
function openingWords(source: string): string[] | undefined {
  // A plain alternation of words (`Slcype|Scype|Skipe`): every match is one of them.
  if (/^[a-zA-Zа-яА-ЯёЁ]{2,}(?:\|[a-zA-Zа-яА-ЯёЁ]{2,})*$/.test(source)) return [...new Set(source.split('|').map((w) => w.toLowerCase()))];
  if (sourceShape(source).topLevelBar) return undefined;
  const body = afterLookbehinds(source);
  const m = /^\((?:\?:)?((?:[a-zA-Zа-яА-ЯёЁ]{2,}\|)*[a-zA-Zа-яА-ЯёЁ]{2,})\)/.exec(body);
  if (!m || /^[?*{]/.test(body.slice(m[0].length))) return undefined;
  return [...new Set(m[1]!.split('|').map((w) => w.toLowerCase()))];
}


/**
 * The dictionary index of one analysis: for each list id of {@link Dictionary.index}, the
 * ascending positions where a word may start with that key (see {@link Index}) — the first
 * `counts[id]` elements of `scratch[id]`. Module scratch reused by every call (findTypos is
 * synchronous and never re-entered): a table per call cost a 3 481-slot array per draft, and
 * truncating the lists (`length = 0`) frees their storage, so they are overwritten instead. Lists
 * that grew past {@link KEEP} positions are dropped after the call, so a huge draft does not keep
 * its positions alive.
 */
const scratch: number[][] = [];
let counts = new Int32Array(64);
const KEEP = 4096;

/** Appends a position to list `id` of the index. */
function add(id: number, p: number): void {
  scratch[id]![counts[id]!++] = p;
}

/**
 * Where a dictionary word may start in `s` (the text, or its lower-case form of the same length):
 * positions of a basic letter not preceded by a basic letter or digit (capitals folded). A match of a dictionary pattern
 * starts after `(?<![\p{L}\p{N}])`, so no match starts at a position this index leaves out; it
 * replaces one `indexOf` scan of the whole text per dictionary word by one pass. Positions are
 * kept only for the keys of the dictionary words ({@link Index}), in {@link scratch}.
 */
function wordStarts(s: string, index: Index): void {
  const n = s.length;
  let prevWord = false;
  for (let p = 0; p < n; p++) {
    const a = slot(s.charCodeAt(p));
    if (a >= 0 && !prevWord && p + 1 < n) addAt(s, p, a, index);
    prevWord = a >= 0 || isDigit(s.charCodeAt(p));
  }
}

/**
 * {@link wordStarts} from the starts of the `\p{L}+` runs of `text`: a match starts after
 * `(?<![\p{L}\p{N}])`, so only at the start of a run (a start after a digit is kept: the pattern
 * then fails there, as it would in the scan).
 */
function runStarts(text: string, starts: ArrayLike<number>, index: Index): void {
  for (let i = 0; i < starts.length; i++) {
    const p = starts[i]!;
    const a = slot(text.charCodeAt(p));
    if (a >= 0) addAt(text, p, a, index);
  }
}

/**
 * The index of a dictionary: its words keyed by their first three letters (two for a two-letter
 * word), so that a list holds only the positions of one key — two-letter keys made lists of
 * every «пр…», «по…» word, scanned once per dictionary word of that prefix.
 */
interface Index {
  /** Letter pair (`slot(a) * SLOTS + slot(b)`) → pair node, -1 when no word starts so. */
  readonly pairOf: Int16Array;
  /** Per pair node: the list id of the two-letter word of that pair, -1 when none. */
  readonly pairList: Int16Array;
  /** Pair node * SLOTS + slot(third letter) → list id, -1 when no word starts so. */
  readonly tripleList: Int16Array;
}

/** Adds position `p` (basic letter of slot `a`) to the lists of the keys it starts. */
function addAt(s: string, p: number, a: number, index: Index): void {
  const b = slot(s.charCodeAt(p + 1));
  if (b < 0) return;
  const node = index.pairOf[a * SLOTS + b]!;
  if (node < 0) return;
  const two = index.pairList[node]!;
  if (two >= 0) add(two, p);
  const c = slot(s.charCodeAt(p + 2));
  if (c < 0) return;
  const three = index.tripleList[node * SLOTS + c]!;
  if (three >= 0) add(three, p);
}

const SLOTS = 59;

/** A basic letter (either case) → 0…58 (a–z, а–я, ё), anything else → -1. */
function slot(c: number): number {
  if (c >= 0x430 && c <= 0x44f) return c - 0x430 + 26;
  if (c >= 0x410 && c <= 0x42f) return c - 0x410 + 26;
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c === 0x451 || c === 0x401) return 58;
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A basic Latin or Cyrillic capital → its small letter; any other code unit as is. */
function fold(c: number): number {
  if ((c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x42f)) return c + 32;
  return c === 0x401 ? 0x451 : c;
}

/** True when `s` at `p` reads `word` (basic small letters) with basic capitals folded. */
function startsFolded(s: string, word: string, p: number): boolean {
  if (p + word.length > s.length) return false;
  for (let i = 0; i < word.length; i++) if (fold(s.charCodeAt(p + i)) !== word.charCodeAt(i)) return false;
  return true;
}

/** The result of {@link startsOf}, reused (read before the next call). */
const merged: number[] = [];

/** The words of an entry grouped by list id: each list is scanned once for all its words. */
interface WordGroup {
  readonly id: number;
  readonly words: readonly string[];
}

/** Ascending positions of the index where one of the words of `groups` stands in `s`. */
function startsOf(s: string, groups: readonly WordGroup[]): number[] {
  const out = merged;
  if (out.length !== 0) out.length = 0;
  for (let g = 0; g < groups.length; g++) {
    const { id, words } = groups[g]!;
    const list = scratch[id]!;
    const n = counts[id]!;
    for (let i = 0; i < n; i++) {
      const p = list[i]!;
      for (let k = 0; k < words.length; k++) {
        if (startsFolded(s, words[k]!, p)) {
          out.push(p);
          break;
        }
      }
    }
  }
  if (groups.length > 1) out.sort((a, b) => a - b);
  return out;
}

/** A lazily compiled pattern: undefined before the first use (see {@link CompiledEntry}). */
type Lazy = RegExp | null | undefined;

/** What {@link findTypos} derives from one dictionary entry (its data never changes). */
interface CompiledEntry {
  readonly entry: TypoEntry;
  readonly wrong: string;
  readonly contextSource: string | undefined;
  readonly notContextSource: string | undefined;
  readonly source: string;
  /** The lower-case run every match starts with (see {@link requiredLiteral}). */
  readonly literal: string | undefined;
  /**
   * The words every match opens with, in lower case: the required literal (see
   * {@link requiredLiteral}) or else the opening words (see {@link openingWords}); undefined when
   * there are none to rely on.
   */
  readonly words: readonly string[] | undefined;
  /**
   * The patterns, compiled on first use (a regex with `\p{L}` and `iu` is costly to compile, and
   * most entries never need the global variant, nor their context patterns): the global scan, its
   * sticky variant (the two are valid or invalid together), the context and the excluded context
   * (undefined when the entry has none, null when invalid). `plain*`: the same for a
   * {@link plainText} (see `plainDataRegex`): patterns without `i`/`u` when the entry's sources are
   * understood — many times cheaper to compile; the data patterns otherwise.
   */
  scan: Lazy;
  sticky: Lazy;
  context: Lazy;
  notContext: Lazy;
  plainScan: Lazy;
  plainSticky: Lazy;
  plainContext: Lazy;
  plainNotContext: Lazy;
}

/** Per entry object: the sources and regexes, built once instead of on every change. */
const compiledEntries = new WeakMap<TypoEntry, CompiledEntry>();

/** True when `c` was compiled from `entry` as it reads now. */
function current(c: CompiledEntry, entry: TypoEntry): boolean {
  return c.entry === entry && c.wrong === entry.wrong && c.contextSource === entry.context && c.notContextSource === entry.notContext;
}

function compiledEntry(entry: TypoEntry): CompiledEntry {
  const hit = compiledEntries.get(entry);
  if (hit && current(hit, entry)) return hit;
  // `(?!(?<=\s)\s)`: no match starts inside a whitespace run (a leftmost match never does for
  // the dictionary's word patterns), so a lookbehind such as `(?<=в\s+)` is not re-run at every
  // position of a long run — that is quadratic in the run's length.
  // A pattern opening with a lookbehind gets `(?=literal)` in front (every match starts with
  // the literal): positions without it fail at once instead of running the lookbehind — ten
  // times faster. Literal-first patterns are fast as they are (V8 scans for the literal).
  const guard = entry.wrong.startsWith('(?<') ? requiredLiteral(entry.wrong) ?? firstLetters(entry.wrong) : undefined;
  const literal = requiredLiteral(entry.wrong);
  const compiled: CompiledEntry = {
    entry,
    wrong: entry.wrong,
    contextSource: entry.context,
    notContextSource: entry.notContext,
    source: `${guard ? `(?=${guard})` : ''}(?<![\\p{L}\\p{N}])(?!(?<=\\s)\\s)(?:${entry.wrong})(?![\\p{L}\\p{N}])`,
    literal,
    words: literal !== undefined ? [literal] : openingWords(entry.wrong),
    scan: undefined,
    sticky: undefined,
    context: undefined,
    notContext: undefined,
    plainScan: undefined,
    plainSticky: undefined,
    plainContext: undefined,
    plainNotContext: undefined,
  };
  compiledEntries.set(entry, compiled);
  return compiled;
}

/** The global scan of an entry (for a plain text or not). */
function scanOf(c: CompiledEntry, plain: boolean): RegExp | null {
  if (plain) return c.plainScan !== undefined ? c.plainScan : (c.plainScan = plainDataRegex(c.source, 'giu'));
  return c.scan !== undefined ? c.scan : (c.scan = dataRegex(c.source, 'giu'));
}

/** The sticky variant of {@link scanOf}. */
function stickyOf(c: CompiledEntry, plain: boolean): RegExp | null {
  if (plain) return c.plainSticky !== undefined ? c.plainSticky : (c.plainSticky = plainDataRegex(c.source, 'iuy'));
  return c.sticky !== undefined ? c.sticky : (c.sticky = dataRegex(c.source, 'iuy'));
}

/** The context pattern of an entry: undefined without one, null when invalid. In a plain text the window of a hit is plain too (a part of it). */
function contextOf(c: CompiledEntry, plain: boolean): RegExp | null | undefined {
  const src = c.contextSource;
  if (!src) return undefined;
  if (plain) return c.plainContext !== undefined ? c.plainContext : (c.plainContext = plainDataRegex(src, 'iu'));
  return c.context !== undefined ? c.context : (c.context = dataRegex(src, 'iu'));
}

/** The excluded context of an entry, as {@link contextOf}. */
function notContextOf(c: CompiledEntry, plain: boolean): RegExp | null | undefined {
  const src = c.notContextSource;
  if (!src) return undefined;
  if (plain) return c.plainNotContext !== undefined ? c.plainNotContext : (c.plainNotContext = plainDataRegex(src, 'iu'));
  return c.notContext !== undefined ? c.notContext : (c.notContext = dataRegex(src, 'iu'));
}

/**
 * A dictionary (an entries array) prepared once: its compiled entries, and the two-letter
 * prefixes of their words numbered as lists of the index ({@link scratch}).
 */
interface Dictionary {
  readonly compiled: readonly CompiledEntry[];
  readonly index: Index;
  readonly listCount: number;
  /** Per entry: its words grouped by list id (undefined without words). */
  readonly groups: readonly (readonly WordGroup[] | undefined)[];
}

const dictionaries = new WeakMap<readonly TypoEntry[], Dictionary>();

/** The dictionary of the last call (nearly always the same entries array). */
let lastDictionary: { readonly entries: readonly TypoEntry[]; readonly dict: Dictionary } | undefined;

function dictionary(entries: readonly TypoEntry[]): Dictionary {
  const hit = lastDictionary?.entries === entries ? lastDictionary.dict : dictionaries.get(entries);
  // Entries are data and never change, but a caller may have edited one: then it is rebuilt.
  if (hit && hit.compiled.length === entries.length) {
    let same = true;
    for (let i = 0; same && i < entries.length; i++) same = current(hit.compiled[i]!, entries[i]!);
    if (same) {
      if (lastDictionary?.entries !== entries) lastDictionary = { entries, dict: hit };
      return hit;
    }
  }
  const compiled = entries.map(compiledEntry);
  const pairOf = new Int16Array(SLOTS * SLOTS).fill(-1);
  const pairs: number[] = []; // per pair node: its two-letter word's list id or -1
  const triples = new Map<number, number>(); // node * SLOTS + third slot → list id
  let listCount = 0;
  const listOfWord = (w: string): number => {
    const pair = slot(w.charCodeAt(0)) * SLOTS + slot(w.charCodeAt(1));
    if (pairOf[pair] === -1) {
      pairOf[pair] = pairs.length;
      pairs.push(-1);
    }
    const node = pairOf[pair]!;
    if (w.length === 2) return pairs[node] !== -1 ? pairs[node]! : (pairs[node] = listCount++);
    const key = node * SLOTS + slot(w.charCodeAt(2));
    const id = triples.get(key);
    if (id !== undefined) return id;
    triples.set(key, listCount);
    return listCount++;
  };
  const groups = compiled.map((c) => {
    if (c.words === undefined) return undefined;
    const byId = new Map<number, string[]>();
    for (const w of c.words) {
      const id = listOfWord(w);
      const list = byId.get(id);
      if (list) list.push(w);
      else byId.set(id, [w]);
    }
    return [...byId].map(([id, words]): WordGroup => ({ id, words }));
  });
  const tripleList = new Int16Array(Math.max(1, pairs.length * SLOTS)).fill(-1);
  for (const [key, id] of triples) tripleList[key] = id;
  const index: Index = { pairOf, pairList: Int16Array.from(pairs), tripleList };
  const d: Dictionary = { compiled, index, listCount, groups };
  dictionaries.set(entries, d);
  lastDictionary = { entries, dict: d };
  return d;
}

/** Adds the hit of a match of an entry, unless it is empty, in a zone, out of context or no change. */
function addHit(hits: TypoHit[], text: string, zones: readonly OffsetRange[], c: CompiledEntry, plain: boolean, m: RegExpExecArray): void {
  const start = m.index;
  const wrong = m[0];
  if (wrong.length === 0) return;
  const end = start + wrong.length;
  if (inZones(zones, start, end)) return;
  // An invalid context pattern drops every match of the entry (as an invalid pattern does).
  const context = contextOf(c, plain);
  const notContext = notContextOf(c, plain);
  if (context === null || notContext === null) return;
  if (context || notContext) {
    const win = windowAt(text, start, end);
    if (context && !context.test(win)) return;
    if (notContext && notContext.test(win)) return;
  }
  const entry = c.entry;
  const raw = entry.right.includes('$') ? entry.right.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '') : entry.right;
  const right = matchCase(wrong, raw);
  if (right === wrong) return;
  hits.push({ start, end, entry, wrong, right, edit: minimalEdit(start, wrong, right) });
}

/** Tries the sticky pattern of an entry at the first `count` ascending `starts` (see {@link findTypos}). */
function tryStarts(hits: TypoHit[], text: string, zones: readonly OffsetRange[], c: CompiledEntry, plain: boolean, at: RegExp, starts: readonly number[], count: number, word: string | undefined, s: string): void {
  let next = 0;
  for (let i = 0; i < count; i++) {
    const p = starts[i]!;
    if (p < next) continue;
    // One word: `starts` is its prefix list, checked here (no filtered copy).
    if (word !== undefined && !startsFolded(s, word, p)) continue;
    at.lastIndex = p;
    const m = at.exec(text);
    if (m && m[0].length > 0) {
      next = p + m[0].length;
      addHit(hits, text, zones, c, plain, m);
    } else {
      next = p + 1;
    }
  }
}

/** Finds dictionary typos in `text`, outside protected zones. */
export function findTypos(
  text: string,
  entries: readonly TypoEntry[],
  zones: readonly OffsetRange[] = [],
  /** The `\p{L}+` runs of the text when at hand (`wordRuns`): the index then visits their starts only. */
  runs?: { readonly starts: ArrayLike<number> },
): TypoHit[] {
  const hits: TypoHit[] = [];
  // Usually the text itself is indexed, its basic capitals folded by arithmetic (`toLowerCase` of a
  // Cyrillic text is slow). Only with a character that a case-insensitive regex equates with a basic
  // letter other than its capital (ſ, ᲀ, K) the lower-cased text is indexed, or nothing.
  const direct = !CASE_EXCEPTIONS.test(text);
  const lower = direct || FOLD_EXCEPTIONS.test(text) ? undefined : text.toLowerCase();
  // Offsets of `lower` are offsets of `text` only when lower-casing kept every length.
  const scanned = direct ? text : lower !== undefined && lower.length === text.length ? lower : undefined;
  const dict = dictionary(entries);
  const { compiled, groups } = dict;
  const plain = plainText(text);
  // The dictionary words every match of an entry starts with, found through one index.
  const indexed = scanned !== undefined;
  if (indexed) {
    while (scratch.length < dict.listCount) scratch.push([]);
    if (counts.length < dict.listCount) counts = new Int32Array(dict.listCount);
    counts.fill(0, 0, dict.listCount);
    if (direct && runs) runStarts(text, runs.starts, dict.index);
    else wordStarts(scanned, dict.index);
  }
  for (let e = 0; e < compiled.length; e++) {
    const c = compiled[e]!;
    const words = c.words;
    if (!indexed && lower !== undefined && c.literal !== undefined && !lower.includes(c.literal)) continue;
    // With a required literal (or opening words), the pattern is tried only where one of them
    // starts a word (every match starts so): the same matches as the scan, without running the
    // pattern at every position. The matches are those of a global scan when every match starts
    // at one of the ascending starts: tried left to right, without overlaps.
    if (indexed && words !== undefined) {
      const wordGroups = groups[e]!;
      if (words.length === 1) {
        const id = wordGroups[0]!.id;
        const count = counts[id]!;
        if (count === 0) continue;
        const at = stickyOf(c, plain);
        if (at) tryStarts(hits, text, zones, c, plain, at, scratch[id]!, count, words[0], scanned);
      } else {
        const starts = startsOf(scanned, wordGroups);
        if (starts.length === 0) continue;
        const at = stickyOf(c, plain);
        if (at) tryStarts(hits, text, zones, c, plain, at, starts, starts.length, undefined, scanned);
      }
    } else {
      const re = scanOf(c, plain);
      if (!re) continue;
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) addHit(hits, text, zones, c, plain, m);
    }
  }
  if (indexed) for (let i = 0; i < dict.listCount; i++) if (scratch[i]!.length > KEEP) scratch[i] = [];
  if (merged.length > KEEP) merged.length = 0;
  if (hits.length > 1) hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // One hit per span: a later entry overlapping an earlier hit is dropped.
  // Hits are sorted by start and never empty: a hit overlaps a kept one exactly when it starts
  // before the largest end kept so far.
  const out: TypoHit[] = [];
  let keptEnd = -Infinity;
  for (const h of hits) {
    if (h.start < keptEnd) continue;
    out.push(h);
    keptEnd = Math.max(keptEnd, h.end);
  }
  return out;
}

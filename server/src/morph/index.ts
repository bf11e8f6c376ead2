/**
 * Russian inflection at run time, without a morphology library.
 *
 * Every case × number form of the phrases the rules need (role words, platform terms) is
 * generated ahead of time by `scripts/generate-forms.mjs` with `az` (OpenCorpora dictionaries) and
 * committed as `server/data/forms.json`; the list of phrases is `server/data/phrases.json`. This
 * module only reads that table: it finds any form of a phrase in a text and produces the form of
 * another phrase in the same case and number, keeping the capitalisation of what it replaces.
 * The runtime never loads `az` (~11 MB of dictionaries; the `.vsix` must stay small).
 *
 * Form keys are OpenCorpora grammemes `<case>,<number>`: cases `nomn gent datv accs ablt loct`,
 * numbers `sing plur` — e.g. `"ablt,sing"` → «классным руководителем».
 *
 * Choosing a form key for a replacement (see {@link chooseFormKey}): a found surface form may stand
 * for several keys («куратора» is gent or accs singular; «обучающихся» is gent, accs or loct
 * plural). The rule is:
 * 1. if the target phrase has the same surface form for every candidate key, any key is right —
 *    the first candidate in {@link FORM_KEYS} order is taken;
 * 2. otherwise the keys of a coordinated neighbour (`hints`: «куратора или учителя» — the keys
 *    of «куратора») narrow the candidates when they share any;
 *    else the preposition in front of the match (skipping up to two adjectives) narrows the
 *    candidates to the cases it governs, the usual one first («об обучающихся» → loct, «для …» →
 *    gent, «к …» → datv);
 * 3. otherwise, with no preposition, the locative is dropped (it never stands without one), and at
 *    the start of a clause or sentence the nominative is taken («Учителя присоединяются …»); else
 *    the first remaining candidate is taken; the choice is then marked uncertain, and rules
 *    offer such a fix as not preferred (it is not applied by fix-all without a look).
 */
import formsData from '../../data/forms.json';
import { plainText } from '../util/plainText';
import { memoizeString } from '../util/memo';

/** A phrase with its forms. */
export interface Paradigm {
  readonly id: string;
  /** The phrase in the nominative singular, as written in `phrases.json`. */
  readonly lemma: string;
  /** Form key (`"gent,sing"`) → surface form. Keys for forms that do not exist are absent. */
  readonly forms: Readonly<Record<string, string>>;
}

/** A found occurrence of a paradigm's form. */
export interface FormMatch {
  readonly start: number;
  readonly end: number;
  /** The first key (in {@link FORM_KEYS} order) whose form matches, e.g. `"gent,sing"`. */
  readonly form: string;
  /** Every key whose form has this surface (gent and accs singular of «куратора» …). */
  readonly forms: readonly string[];
  /** The matched text as written. */
  readonly text: string;
}

/** Cases and numbers in the canonical order of form keys. */
export const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'] as const;
export const NUMBERS = ['sing', 'plur'] as const;
/** All form keys, singular first. */
export const FORM_KEYS: readonly string[] = NUMBERS.flatMap((n) => CASES.map((c) => `${c},${n}`));

type FormsFile = Record<string, { lemma: string; forms: Record<string, string> } | string>;

const BUILTIN = new Map<string, Paradigm>();
for (const [id, entry] of Object.entries(formsData as unknown as FormsFile)) {
  if (typeof entry !== 'object' || entry === null || id.startsWith('$')) continue;
  BUILTIN.set(id, Object.freeze({ id, lemma: entry.lemma, forms: Object.freeze({ ...entry.forms }) }));
}

/** Ids of all built-in paradigms (forms.json). */
export function paradigmIds(): string[] {
  return [...BUILTIN.keys()];
}

/** The paradigm with this id: from `extra` (workspace phrases) first, then the built-in forms.json. */
export function paradigm(id: string, extra?: Record<string, Paradigm>): Paradigm | undefined {
  return extra?.[id] ?? BUILTIN.get(id);
}

/**
 * A paradigm that knows only the given text (any case): the fallback for a word a workspace adds
 * without forms. It finds that exact text and replaces with it unchanged.
 */
export function literalParadigm(id: string, text: string): Paradigm {
  return Object.freeze({ id, lemma: text, forms: Object.freeze({ 'nomn,sing': text }) });
}

/** Normalises a surface form for comparison: lower case, ё → е, one space, plain quotes and hyphens. */
export const normalizeForm: (s: string) => string =
  // Pure, and asked for the same few surfaces at every match: memoised.
  memoizeString((s) => computeNormalizedForm(s), 4096);

function computeNormalizedForm(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*[-‐‑]\s*/g, '-')
    .replace(/[«“„]/g, '«')
    .replace(/[»”]/g, '»')
    .trim();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular-expression source that matches a form with the tolerances of {@link findForms}. */
function formPattern(form: string): string {
  let out = '';
  for (const ch of form) {
    if (/[\s\u00a0]/.test(ch)) { if (!out.endsWith('[\\s\\u00a0]+')) out += '[\\s\\u00a0]+'; continue; }
    if (ch === 'е' || ch === 'ё') { out += '[её]'; continue; }
    if (ch === 'Е' || ch === 'Ё') { out += '[ЕЁ]'; continue; }
    if (ch === '-' || ch === '‐' || ch === '‑') { out += '[\\u00a0 ]?[-‐‑][\\u00a0 ]?'; continue; }
    if (ch === '«' || ch === '“' || ch === '„') { out += '[«“„"]'; continue; }
    if (ch === '»' || ch === '”') { out += '[»”"]'; continue; }
    out += escapeRe(ch);
  }
  return out;
}

/**
 * {@link formPattern} for a text whose only word characters are plain letters, ASCII digits and
 * `_` (see `plainText` in util/plainText.ts): case written out as classes (`[кК]`), so the expression needs
 * neither `i` nor `u`. In such a text it matches exactly what the `iu` pattern matches (the other
 * characters that fold to a plain letter — `ſ`, `K`, `ᲀ` … — are letters, absent from it), and it
 * compiles many times faster: `\p{L}` with `iu` costs ~1 ms per expression, and a cold run
 * compiles dozens. Undefined when a character of the form is neither a plain letter nor ASCII
 * nor one of the tolerated spaces, hyphens and quotes.
 */
function plainFormPattern(form: string): string | undefined {
  let out = '';
  for (const ch of form) {
    if (/[\s\u00a0]/.test(ch)) { if (!out.endsWith('[\\s\\u00a0]+')) out += '[\\s\\u00a0]+'; continue; }
    if (ch === 'е' || ch === 'ё' || ch === 'Е' || ch === 'Ё') { out += '[еёЕЁ]'; continue; }
    if (ch === '-' || ch === '‐' || ch === '‑') { out += '[\\u00a0 ]?[-‐‑][\\u00a0 ]?'; continue; }
    if (ch === '«' || ch === '“' || ch === '„') { out += '[«“„"]'; continue; }
    if (ch === '»' || ch === '”') { out += '[»”"]'; continue; }
    const c = ch.charCodeAt(0);
    if (isPlainLetter(c)) { out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`; continue; }
    if (c >= 0x80) return undefined;
    out += escapeRe(ch);
  }
  return out;
}

/** What `[\p{L}\p{N}_]` (flags `iu`) finds in a text of plain words (see {@link plainFormPattern}). */
const PLAIN_WORD = 'A-Za-zА-яЁё0-9_';
const PLAIN_LETTER = 'A-Za-zА-яЁё';

interface Compiled {
  /** The surfaces, longest first: the alternatives of the patterns, in their order. */
  readonly surfaces: readonly string[];
  /** The `iu` pattern (made on first use, see {@link iuSource}: its `\p{L}` is slow to compile). */
  source: string | undefined;
  re: RegExp | undefined;
  /** The same pattern, sticky: tried only where a match can start (see {@link findForms}). */
  sticky: RegExp | undefined;
  /**
   * The pattern for texts of plain words (see {@link plainFormPattern}), sticky, made on first use;
   * null: none (a surface has another character); undefined: not made yet.
   */
  plainSticky: RegExp | null | undefined;
  /**
   * Per surface (same order): what {@link matchPlain} needs to match it in a text of plain words
   * without a regex; undefined when a surface does not fit (see {@link plainMatchable}).
   */
  readonly plainKeys: readonly (readonly string[] | undefined)[] | undefined;
  /** Per surface (with `plainKeys`): its {@link surfaceOps}. */
  readonly plainOps: readonly Int32Array[] | undefined;
  /**
   * Folded first word → indices of the surfaces opening with it, ascending (with `plainKeys`): a
   * match at a word of the text can only be of a surface whose first word it is (see {@link matchPlain}).
   */
  readonly surfacesByWord: ReadonlyMap<string, readonly number[]> | undefined;
  /**
   * The first words of all surfaces, folded (lower case, ё → е); undefined when a surface does not
   * open with a plain Latin or Cyrillic word (the word index cannot then find its starts).
   */
  readonly firstWords: readonly string[] | undefined;
  /** normalised surface → keys. */
  readonly keys: Map<string, string[]>;
  /** The {@link wantedEpoch} in which `firstWords` were made wanted (-1: not yet). */
  wantedEpoch: number;
}

/** A plain letter (A–Z, a–z, А–я, Ё, ё): the only letters the word index knows (see {@link wordIndex}). */
function isPlainLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x430 && c <= 0x44f) || (c >= 0x410 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a) || c === 0x401 || c === 0x451;
}

/** The folded (lower case, ё → е) code of a plain letter. */
function foldCode(c: number): number {
  if ((c >= 0x410 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a)) return c + 0x20;
  if (c === 0x401 || c === 0x451) return 0x435;
  return c;
}

function foldWord(w: string): string {
  return w.toLowerCase().replace(/ё/g, 'е');
}

/**
 * Code unit → 1 a plain letter, 2 another letter, 3 not a letter, 4 a high surrogate (the pair
 * decides), 0 not yet known (filled on first sight): one load per character in {@link wordIndex}.
 */
const charClass = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;
for (let c = 0; c < 0x80; c++) charClass[c] = isPlainLetter(c) ? 1 : 3;
for (let c = 0x400; c < 0x460; c++) if (isPlainLetter(c)) charClass[c] = 1;
charClass.fill(4, 0xd800, 0xdc00);
charClass.fill(3, 0xdc00, 0xe000);

/**
 * True when the code point at `i` (a code unit that is not a plain letter) is a letter other than
 * a plain one (as `[^\P{L}A-Za-zА-Яа-яЁё]` with the `u` flag would find it).
 */
function isOtherLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  let k = charClass[c]!;
  if (k === 4) {
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff && LETTER.test(text.slice(i, i + 2));
  }
  if (k === 0) charClass[c] = k = LETTER.test(String.fromCharCode(c)) ? 2 : 3;
  return k === 2;
}

/** Folded (lower case, ё → е) plain letter → 1..58, any other code unit → 0 (see {@link slotOf}). */
const letterIdx = new Uint8Array(0x10000);
for (let c = 0x61; c <= 0x7a; c++) letterIdx[c] = letterIdx[c - 0x20] = c - 0x60;
for (let c = 0x430; c <= 0x44f; c++) letterIdx[c] = letterIdx[c - 0x20] = c - 0x430 + 27;
letterIdx[0x401] = letterIdx[0x451] = letterIdx[0x435];

/**
 * The wanted words as an open-addressing hash table (linear probing) keyed by a word's first,
 * second (0 for a one-letter word) and last letters, folded, and its length: most words of a text
 * are not wanted, and one load tells almost all of them apart (a key of letters alone lets a
 * quarter of a draft's words through: «совета» looks like «совет…» words). Slot → 1 + index in
 * {@link wantedList}, 0: empty; kept at most a quarter full.
 */
let wantedSlots = new Int32Array(1024);
let wantedShift = 32 - 10;
/** The wanted words, in the order they were added. */
const wantedList: string[] = [];

/** The home slot of a word with these code units (first, second or 0, last) and length. */
function slotOf(first: number, second: number, last: number, length: number): number {
  return Math.imul((letterIdx[first]! << 12) | (letterIdx[second]! << 6) | letterIdx[last]! | (length << 18), 0x9e3779b1) >>> wantedShift;
}

function insertSlot(w: string, id: number): void {
  const mask = wantedSlots.length - 1;
  let slot = slotOf(w.charCodeAt(0), w.length > 1 ? w.charCodeAt(1) : 0, w.charCodeAt(w.length - 1), w.length);
  while (wantedSlots[slot] !== 0) slot = (slot + 1) & mask;
  wantedSlots[slot] = id + 1;
}

/**
 * The folded words the word index records: the first words of the surfaces of every paradigm
 * (built-in ones from the start, others when first looked up). Recording only these keeps the
 * index small: no slice, no map entry for the other words of the text.
 */
const wanted = new Set<string>();
/** Bumped when words are added: an index built before does not know them. */
let wantedVersion = 0;

/** Bumped when the wanted words are dropped (a compiled paradigm then adds its own again). */
let wantedEpoch = 0;

function addWanted(words: readonly string[]): void {
  if (words.every((w) => wanted.has(w))) return;
  // Bounded: a long session with changing workspace words starts again from the built-in ones.
  if (wanted.size > 4096) {
    wantedEpoch++;
    wanted.clear();
    wantedList.length = 0;
    wantedSlots = new Int32Array(1024);
    wantedShift = 32 - 10;
    for (const p of BUILTIN.values()) addWantedWords(firstWordsOf(p) ?? []);
  }
  addWantedWords(words);
  wantedVersion++;
}

function addWantedWords(words: readonly string[]): void {
  for (const w of words) {
    if (wanted.has(w) || w.length === 0) continue;
    wanted.add(w);
    wantedList.push(w);
    if (wantedList.length * 4 > wantedSlots.length) {
      // Grow: twice the slots, every word inserted again.
      wantedSlots = new Int32Array(wantedSlots.length * 2);
      wantedShift--;
      wantedList.forEach(insertSlot);
    } else {
      insertSlot(w, wantedList.length - 1);
    }
  }
}

/** The wanted words of a text (see {@link wordIndex}). */
interface WordIndex {
  /** Every recorded word start in text order, with its folded word at the same index. */
  readonly at: number[];
  readonly word: string[];
  /** Start offsets by folded word (made on first use, see {@link startsByWord}). */
  words: Map<string, number[]> | undefined;
}

/** Start offsets of the recorded words by folded word. */
function startsByWord(index: WordIndex): Map<string, number[]> {
  let words = index.words;
  if (!words) {
    words = new Map();
    const { at, word } = index;
    for (let h = 0; h < at.length; h++) {
      const list = words.get(word[h]!);
      if (list) list.push(at[h]!);
      else words.set(word[h]!, [at[h]!]);
    }
    index.words = words;
  }
  return words;
}

let lastIndex: {
  readonly text: string;
  readonly version: number;
  readonly index: WordIndex | undefined;
} | undefined;

/** The wanted word that the plain letters `text[start, start + len)` fold to, if any. */
function wantedAt(text: string, start: number, len: number): string | undefined {
  const slots = wantedSlots;
  const mask = slots.length - 1;
  for (let slot = slotOf(text.charCodeAt(start), len > 1 ? text.charCodeAt(start + 1) : 0, text.charCodeAt(start + len - 1), len), e = slots[slot]!; e !== 0; slot = (slot + 1) & mask, e = slots[slot]!) {
    const w = wantedList[e - 1]!;
    if (w.length !== len) continue;
    let k = 0;
    while (k < len && foldCode(text.charCodeAt(start + k)) === w.charCodeAt(k)) k++;
    if (k === len) return w;
  }
  return undefined;
}

let wantedRe: { readonly version: number; readonly re: RegExp } | undefined;
/** The most wanted words {@link wantedRegex} is made for (the built-in ones are ~200; a bigger list keeps the loop). */
const MAX_REGEX_WORDS = 400;

/**
 * A global regex matching a wanted word as a whole run of plain letters (case classes, ё = е, no
 * `i`/`u`), with the non-letter before it (or the text start): the wanted words as a trie, so a
 * position is rejected by its first letter or two. Remade when the wanted words change.
 */
function wantedRegex(): RegExp {
  if (wantedRe && wantedRe.version === wantedVersion) return wantedRe.re;
  type Node = Map<string, Node | null>;
  const root: Node = new Map();
  for (const w of wantedList) {
    let node = root;
    for (const ch of w) {
      let next = node.get(ch);
      if (!next) node.set(ch, (next = new Map()));
      node = next;
    }
    node.set('', null);
  }
  const cls = (ch: string): string => (ch === 'е' ? '[еёЕЁ]' : `[${ch}${ch.toUpperCase()}]`);
  const emit = (node: Node): string => {
    const alts: string[] = [];
    let end = false;
    for (const [ch, next] of node) {
      if (next === null) end = true;
      else alts.push(cls(ch) + emit(next));
    }
    if (alts.length === 0) return '';
    const body = alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
    return end ? `(?:${body})?` : body;
  };
  // An empty word list: a pattern that never matches.
  const body = wantedList.length > 0 ? emit(root) : '(?!)';
  const re = new RegExp(`(?:^|[^${PLAIN_LETTER}])${body}(?![${PLAIN_LETTER}])`, 'g');
  wantedRe = { version: wantedVersion, re };
  return re;
}

/**
 * Start offsets of the wanted words of `text` by folded word (lower case, ё → е), or undefined
 * when the text has a letter other than plain Latin and Cyrillic (then a case-insensitive match of
 * a surface need not be a word with the same folding). Kept for the last text seen: the role and
 * term analyses of one run look up dozens of paradigms in the same text.
 */
function wordIndex(text: string): WordIndex | undefined {
  if (lastIndex && lastIndex.version === wantedVersion && lastIndex.text === text) return lastIndex.index;
  const at: number[] = [];
  const word: string[] = [];
  let index: WordIndex | undefined = { at, word, words: undefined };
  const slots = wantedSlots;
  const mask = slots.length - 1;
  const n = text.length;
  let i = 0;
  if (wantedList.length <= MAX_REGEX_WORDS && plainText(text)) {
    // No letter but plain ones: the wanted words are found by one regex (a trie of them, see
    // wantedRegex), far cheaper in a cold process than a loop over every code unit; each hit is
    // a whole run of plain letters equal (folded) to a wanted word, as the loop below records.
    // (Not for a huge list of workspace words: the regex is remade whenever words are added.)
    // `test`, not `exec`: no match array per hit; the word's start is found by stepping back over
    // its letters (a hit ends a run of plain letters that is the whole word).
    const re = wantedRegex();
    re.lastIndex = 0;
    while (re.test(text)) {
      const end = re.lastIndex;
      let start = end - 1;
      while (start > 0 && charClass[text.charCodeAt(start - 1)] === 1) start--;
      at.push(start);
      word.push(wantedAt(text, start, end - start)!);
    }
    lastIndex = { text, version: wantedVersion, index };
    return index;
  }
  // One pass over code units: words of plain letters, and any other letter ends the index.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (charClass[c] !== 1) {
      if (charClass[c] !== 3 && isOtherLetter(text, i)) { index = undefined; break; }
      i++;
      continue;
    }
    const start = i;
    for (i++; i < n && charClass[text.charCodeAt(i)] === 1; i++);
    const len = i - start;
    for (let slot = slotOf(c, len > 1 ? text.charCodeAt(start + 1) : 0, text.charCodeAt(i - 1), len), e = slots[slot]!; e !== 0; slot = (slot + 1) & mask, e = slots[slot]!) {
      const w = wantedList[e - 1]!;
      if (w.length !== len) continue;
      let k = 0;
      while (k < len && foldCode(text.charCodeAt(start + k)) === w.charCodeAt(k)) k++;
      if (k < len) continue;
      at.push(start);
      word.push(w);
      break;
    }
  }
  lastIndex = { text, version: wantedVersion, index };
  return index;
}

/**
 * The first words of all surfaces, folded (lower case, ё → е); undefined when a surface does not
 * open with a plain Latin or Cyrillic word (the word index cannot then find its starts).
 */
function firstWordsOf(p: Paradigm): string[] | undefined {
  const firsts = Object.values(p.forms).map((f) => /^[A-Za-zА-Яа-яЁё]+(?![\p{L}])/u.exec(f)?.[0]);
  return firsts.every((f) => f !== undefined) ? [...new Set(firsts.map((f) => foldWord(f!)))] : undefined;
}

for (const p of BUILTIN.values()) addWantedWords(firstWordsOf(p) ?? []);

/** The `iu` pattern of a compiled paradigm (made on first use). */
function iuSource(cc: Compiled): string {
  // Whole words: no letter or digit around; «учитель» is not found inside «учитель-предметник»,
  // but a list marker «-» glued to the word («-учитель …») does not hide it.
  return (cc.source ??= `(?<![\\p{L}\\p{N}_]|\\p{L}[-‐‑])(?:${cc.surfaces.map(formPattern).join('|')})(?![\\p{L}\\p{N}_]|[-‐‑]\\p{L})`);
}

/** The sticky pattern to try at a start: the plain one in a text of plain words, if any, else the `iu` one. */
function stickyOf(cc: Compiled, plain: boolean): RegExp {
  if (plain) {
    if (cc.plainSticky === undefined) {
      const parts = cc.surfaces.map(plainFormPattern);
      cc.plainSticky = parts.every((x) => x !== undefined)
        ? new RegExp(`(?<![${PLAIN_WORD}]|[${PLAIN_LETTER}][-‐‑])(?:${parts.join('|')})(?![${PLAIN_WORD}]|[-‐‑][${PLAIN_LETTER}])`, 'y')
        : null;
    }
    if (cc.plainSticky) return cc.plainSticky;
  }
  return (cc.sticky ??= new RegExp(iuSource(cc), 'iuy'));
}

/** `[\s\u00a0]` (JavaScript white space). */
function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isHyphenCode = (c: number): boolean => c === 0x2d || c === 0x2010 || c === 0x2011;
/** `[A-Za-zА-яЁё0-9_]`. */
const isPlainWordCode = (c: number): boolean => isPlainLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * True when {@link matchPlain} matches the surface exactly as its {@link plainFormPattern} does:
 * it has that pattern, and its pattern cannot backtrack (no white space at either end or next to a
 * hyphen, no hyphen at either end), so trying its characters in order, each quantifier greedy,
 * finds what the alternative finds.
 */
function plainMatchable(f: string): boolean {
  if (plainFormPattern(f) === undefined || f.length === 0) return false;
  const n = f.length;
  for (let k = 0; k < n; k++) {
    const c = f.charCodeAt(k);
    if (!isSpaceCode(c) && !isHyphenCode(c)) continue;
    if (k === 0 || k === n - 1) return false;
    if (isHyphenCode(c) && (isSpaceCode(f.charCodeAt(k - 1)) || isSpaceCode(f.charCodeAt(k + 1)))) return false;
  }
  return true;
}

/** Ops of {@link surfaceOps} other than a letter (1..58, see {@link letterIdx}) or a literal (0x100 + code). */
const OP_SPACE = -1;
const OP_HYPHEN = -2;
const OP_OPEN = -3;
const OP_CLOSE = -4;

/**
 * A {@link plainMatchable} surface as one op per character (a run of spaces: one op), the
 * characters of its first word at their own indices: what {@link matchSurface} compares.
 */
function surfaceOps(f: string): Int32Array {
  const ops: number[] = [];
  for (let k = 0; k < f.length; k++) {
    const c = f.charCodeAt(k);
    if (isSpaceCode(c)) {
      while (isSpaceCode(f.charCodeAt(k + 1))) k++;
      ops.push(OP_SPACE);
    } else if (isHyphenCode(c)) ops.push(OP_HYPHEN);
    else if (c === 0xab || c === 0x201c || c === 0x201e) ops.push(OP_OPEN);
    else if (c === 0xbb || c === 0x201d) ops.push(OP_CLOSE);
    else if (isPlainLetter(c)) ops.push(letterIdx[c]!);
    else ops.push(0x100 + c);
  }
  return Int32Array.from(ops);
}

/**
 * The end of a surface (its {@link surfaceOps}) matched at `i` of `text` with the tolerances of
 * {@link plainFormPattern}, or -1; its first `skip` characters are known to match (a word of the
 * text equal to its first word).
 */
function matchSurface(text: string, i: number, ops: Int32Array, skip: number): number {
  const n = text.length;
  i += skip;
  for (let k = skip; k < ops.length; k++) {
    const op = ops[k]!;
    if (i >= n) return -1;
    const t = text.charCodeAt(i);
    if (op > 0) {
      // A letter (folded, ё = е) or a literal character.
      if (op < 0x100 ? letterIdx[t] !== op : t !== op - 0x100) return -1;
      i++;
    } else if (op === OP_SPACE) {
      // `[\s\u00a0]+`.
      if (!isSpaceCode(t)) return -1;
      for (i++; i < n && isSpaceCode(text.charCodeAt(i)); i++);
    } else if (op === OP_HYPHEN) {
      // `[\u00a0 ]?[-‐‑][\u00a0 ]?` (the characters around it in the form are no spaces).
      if (t === 0xa0 || t === 0x20) i++;
      if (i >= n || !isHyphenCode(text.charCodeAt(i))) return -1;
      i++;
      if (i < n && (text.charCodeAt(i) === 0xa0 || text.charCodeAt(i) === 0x20)) i++;
    } else if (op === OP_OPEN) {
      if (t !== 0xab && t !== 0x201c && t !== 0x201e && t !== 0x22) return -1;
      i++;
    } else {
      if (t !== 0xbb && t !== 0x201d && t !== 0x22) return -1;
      i++;
    }
  }
  return i;
}

/**
 * What the plain sticky pattern of `cc` (every surface {@link plainMatchable}) finds at `s` of a
 * text of plain words, without a regex: the first surface, longest first, that matches there with
 * no word character before or after; its end (index of the surface in {@link plainSurface}), or -1.
 * Spares compiling the pattern. `word`: the folded word of the text at `s`, if known (from the word
 * index): then only the surfaces opening with that word are tried (no other can match: a surface's
 * first word is followed by a non-letter or ends it), from the character after it.
 */
let plainSurface = -1;
function matchPlain(cc: Compiled, text: string, s: number, word: string | undefined): number {
  if (s > 0) {
    const b = text.charCodeAt(s - 1);
    if (isPlainWordCode(b) || (isHyphenCode(b) && s > 1 && isPlainLetter(text.charCodeAt(s - 2)))) return -1;
  }
  const n = text.length;
  const ops = cc.plainOps!;
  const only = word === undefined ? undefined : cc.surfacesByWord!.get(word);
  if (word !== undefined && !only) return -1;
  const skip = word === undefined ? 0 : word.length;
  const count = only ? only.length : ops.length;
  for (let o = 0; o < count; o++) {
    const j = only ? only[o]! : o;
    // A surface of one word (most of them) is matched by the word itself: no call.
    const end = skip !== 0 && ops[j]!.length === skip ? s + skip : matchSurface(text, s, ops[j]!, skip);
    if (end < 0) continue;
    if (end < n) {
      const a = text.charCodeAt(end);
      if (isPlainWordCode(a) || (isHyphenCode(a) && end + 1 < n && isPlainLetter(text.charCodeAt(end + 1)))) continue;
    }
    plainSurface = j;
    return end;
  }
  return -1;
}

/** The match of `cc` at `s` (sticky), as {@link findForms} reports it; undefined: none (or empty). */
function matchAt(cc: Compiled, text: string, s: number, plain: boolean, word?: string): FormMatch | undefined {
  if (plain && cc.plainKeys) {
    const end = matchPlain(cc, text, s, cc.surfacesByWord ? word : undefined);
    if (end < 0) return undefined;
    const m = text.slice(s, end);
    const ks = cc.plainKeys[plainSurface] ?? cc.keys.get(normalizeForm(m)) ?? [FORM_KEYS[0]!];
    return { start: s, end, form: ks[0]!, forms: ks, text: m };
  }
  const sticky = stickyOf(cc, plain);
  sticky.lastIndex = s;
  const m = sticky.exec(text);
  if (!m || m[0].length === 0) return undefined;
  const ks = cc.keys.get(normalizeForm(m[0])) ?? [FORM_KEYS[0]!];
  return { start: s, end: s + m[0].length, form: ks[0]!, forms: ks, text: m[0] };
}

const compiled = new WeakMap<Paradigm, Compiled>();

function compile(p: Paradigm): Compiled {
  let c = compiled.get(p);
  if (c) return c;
  const keys = new Map<string, string[]>();
  const ordered = [...FORM_KEYS.filter((k) => k in p.forms), ...Object.keys(p.forms).filter((k) => !FORM_KEYS.includes(k))];
  for (const k of ordered) {
    const norm = normalizeForm(p.forms[k]!);
    const list = keys.get(norm) ?? [];
    list.push(k);
    keys.set(norm, list);
  }
  const surfaces = [...new Set(ordered.map((k) => p.forms[k]!))].sort((a, b) => b.length - a.length);
  // Keys per surface for matchPlain (a surface with a quote mark: looked up from the match).
  const plainKeys = surfaces.every(plainMatchable)
    ? surfaces.map((f) => (/[«“„»”"]/.test(f) ? undefined : keys.get(normalizeForm(f)) ?? [FORM_KEYS[0]!]))
    : undefined;
  // Every match starts a word of the text equal (folded) to the first word of a surface: the
  // lookbehind puts no letter before it, and a surface's first word is followed by a non-letter.
  const firstWords = firstWordsOf(p);
  let surfacesByWord: Map<string, number[]> | undefined;
  if (plainKeys && firstWords) {
    surfacesByWord = new Map();
    surfaces.forEach((f, j) => {
      const w = foldWord(/^[A-Za-zА-Яа-яЁё]+/.exec(f)![0]);
      const list = surfacesByWord!.get(w);
      if (list) list.push(j);
      else surfacesByWord!.set(w, [j]);
    });
  }
  c = { surfaces, source: undefined, re: undefined, sticky: undefined, plainSticky: undefined, plainKeys, plainOps: plainKeys ? surfaces.map(surfaceOps) : undefined, surfacesByWord, firstWords, keys, wantedEpoch: -1 };
  compiled.set(p, c);
  return c;
}

/**
 * All occurrences of any form of the paradigm in `text` (or in `[from, to)`): case-insensitive,
 * whole words, ё = е, any run of spaces, NBSP or line breaks between words.
 */
export function findForms(text: string, p: Paradigm, from = 0, to = text.length): FormMatch[] {
  const cc = compile(p);
  const { firstWords, keys } = cc;
  const out: FormMatch[] = [];
  if (firstWords && cc.wantedEpoch !== wantedEpoch) {
    addWanted(firstWords);
    cc.wantedEpoch = wantedEpoch;
  }
  const wi = firstWords ? wordIndex(text) : undefined;
  const index = wi ? startsByWord(wi) : undefined;
  if (index) {
    const plain = plainText(text);
    // Try the pattern only where a word that can open a match starts (same matches as the scan below).
    let starts: number[] | undefined;
    let merged = false;
    for (const w of firstWords!) {
      const at = index.get(w);
      if (!at) continue;
      if (!starts) starts = at;
      else { starts = merged ? (starts.push(...at), starts) : starts.concat(at); merged = true; }
    }
    if (!starts) return out;
    if (merged) starts.sort((a, b) => a - b);
    let next = Math.max(0, from);
    for (const s of starts) {
      if (s < next) continue;
      const m = matchAt(cc, text, s, plain);
      if (!m) continue;
      if (m.end > to) break;
      out.push(m);
      next = m.end;
    }
    return out;
  }
  const re = (cc.re ??= new RegExp(iuSource(cc), 'giu'));
  re.lastIndex = Math.max(0, from);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const end = m.index + m[0].length;
    if (end > to) break;
    const ks = keys.get(normalizeForm(m[0])) ?? [FORM_KEYS[0]!];
    out.push({ start: m.index, end, form: ks[0]!, forms: ks, text: m[0] });
  }
  return out;
}

/** Paradigms searched together by {@link findFormsEach}. */
interface Together {
  readonly compiled: readonly Compiled[];
  /** Folded first word → indices of the paradigms with a surface opening with it, ascending. */
  readonly byWord: ReadonlyMap<string, readonly number[]>;
}

const togetherCache = new WeakMap<readonly Paradigm[], Together | null>();

function together(ps: readonly Paradigm[]): Together | null {
  let t = togetherCache.get(ps);
  if (t === undefined) {
    const all = ps.map(compile);
    t = null;
    if (all.every((c) => c.firstWords !== undefined)) {
      const byWord = new Map<string, number[]>();
      all.forEach((c, i) => {
        for (const w of c.firstWords!) {
          const list = byWord.get(w);
          if (!list) byWord.set(w, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      });
      t = { compiled: all, byWord };
    }
    togetherCache.set(ps, t);
  }
  return t;
}

/**
 * {@link findForms} of each paradigm of `ps` in the whole text, in one pass: `visit(i, match)` is
 * called for every match of `ps[i]`, in text order (by start, then by `i`); each paradigm's
 * matches are exactly those of `findForms(text, ps[i])`. Returns false, having visited nothing,
 * when the word index cannot serve (a paradigm without plain first words, a text with other
 * letters): the caller then calls {@link findForms} per paradigm. `ps` should be the same array
 * for the same paradigms (what is compiled from it is kept per array).
 */
export function findFormsEach(text: string, ps: readonly Paradigm[], visit: (i: number, m: FormMatch) => void): boolean {
  const t = together(ps);
  if (!t) return false;
  const { compiled: cs, byWord } = t;
  for (const cc of cs) {
    if (cc.wantedEpoch !== wantedEpoch) {
      addWanted(cc.firstWords!);
      cc.wantedEpoch = wantedEpoch;
    }
  }
  const index = wordIndex(text);
  if (!index) return false;
  const plain = plainText(text);
  const { at, word } = index;
  // Per paradigm: where its next match may start (its matches do not overlap, as in findForms).
  let next: Int32Array | undefined;
  for (let h = 0; h < at.length; h++) {
    const ids = byWord.get(word[h]!);
    if (!ids) continue;
    const s = at[h]!;
    const w = word[h]!;
    next ??= new Int32Array(cs.length);
    for (const i of ids) {
      if (s < next[i]!) continue;
      const m = matchAt(cs[i]!, text, s, plain, w);
      if (!m) continue;
      next[i] = m.end;
      visit(i, m);
    }
  }
  return true;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function capitalize(word: string): string {
  const i = word.search(/\p{L}/u);
  return i < 0 ? word : word.slice(0, i) + word[i]!.toUpperCase() + word.slice(i + 1);
}

/**
 * The target paradigm's form for `formKey`, with the capitalisation pattern of `sample`:
 * «Куратором» → «Классным руководителем»; «КУРАТОР» → «КЛАССНЫЙ РУКОВОДИТЕЛЬ»; «Классный
 * Руководитель» (every word capitalised) → «Куратор»-style title case; otherwise as in the table.
 * When `sample` has as many words as the form, its separators (NBSP, line breaks) are kept.
 * A key the target lacks falls back to the same case in the other number, then to the lemma.
 */
export function inflectLike(target: Paradigm, formKey: string, sample: string): string {
  const [c, n] = formKey.split(',');
  const other = `${c},${n === 'sing' ? 'plur' : 'sing'}`;
  let form = target.forms[formKey] ?? target.forms[other] ?? target.lemma;
  const letters = [...sample].filter((ch) => /\p{L}/u.test(ch));
  const sampleWords = sample.split(/[\s\u00a0]+/).filter((w) => /\p{L}/u.test(w));
  if (letters.length >= 2 && letters.every((ch) => ch === ch.toUpperCase())) {
    form = form.toUpperCase();
  } else if (sampleWords.length > 1 && sampleWords.every((w) => isUpper(w.match(/\p{L}/u)?.[0] ?? ''))) {
    form = form.split(' ').map((w) => (/^[«"(]/.test(w) ? w : capitalize(w))).join(' ');
  } else if (letters.length > 0 && isUpper(letters[0]!)) {
    form = capitalize(form);
  }
  // Keep the separators of the replaced text when the word counts agree.
  const gaps = sample.match(/[\s\u00a0]+/g) ?? [];
  const formWords = form.split(' ');
  if (gaps.length > 0 && gaps.length === formWords.length - 1 && sample.trim() === sample) {
    form = formWords.map((w, i) => w + (i < gaps.length ? gaps[i] : '')).join('');
  }
  return form;
}

/** Prepositions and the cases they govern (tie-breakers between ambiguous form keys). */
const PREPOSITION_CASES: Record<string, readonly string[]> = {
  'о': ['loct', 'accs'], 'об': ['loct', 'accs'], 'обо': ['loct'], 'при': ['loct'],
  'в': ['loct', 'accs'], 'во': ['loct', 'accs'], 'на': ['loct', 'accs'],
  'от': ['gent'], 'для': ['gent'], 'у': ['gent'], 'из': ['gent'], 'без': ['gent'], 'до': ['gent'],
  'среди': ['gent'], 'кроме': ['gent'], 'около': ['gent'], 'вместо': ['gent'], 'со': ['gent', 'ablt'], 'с': ['gent', 'ablt'],
  'к': ['datv'], 'ко': ['datv'], 'по': ['datv', 'loct'], 'согласно': ['datv'],
  'про': ['accs'], 'через': ['accs'], 'за': ['accs', 'ablt'],
  'над': ['ablt'], 'под': ['ablt', 'accs'], 'перед': ['ablt'], 'между': ['ablt', 'gent'],
};
const ADJECTIVE_END = /(?:ых|их|ого|его|ому|ему|ым|им|ыми|ими|ой|ей|ую|юю|ая|яя|ое|ее|ые|ие|ий|ый)$/;

/** The preposition governing the word at `start` (skipping up to two adjectives), if any. */
function precedingPreposition(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 80), start);
  const words = before.split(/[^\p{L}]+/u).filter(Boolean);
  if (/[.;:!?)]\s*$/.test(before)) return undefined;
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const w = words[i]!.toLowerCase();
    if (w in PREPOSITION_CASES) return w;
    if (!ADJECTIVE_END.test(w)) return undefined;
  }
  return undefined;
}

/** True when only a clause opening (line start, number, bullet, sentence punctuation) precedes `start`. */
function clauseStart(text: string, start: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const before = text.slice(lineStart, start);
  return /^[\s>#*_\-–—•·⇒\d.)]*$/u.test(before) || /[.;:!?]\s*[*_]*\s*$/u.test(before);
}

/**
 * The form key to use when replacing `match` by `target`; see the module comment for the rule.
 * `hints`: form keys of a word coordinated with the match (same case and number).
 */
export function chooseFormKey(target: Paradigm, match: Pick<FormMatch, 'start' | 'forms'>, text?: string, hints?: readonly string[]): { key: string; certain: boolean } {
  const candidates = match.forms.length > 0 ? match.forms : [FORM_KEYS[0]!];
  const surfaces = new Set(candidates.map((k) => target.forms[k] ?? target.lemma));
  if (surfaces.size === 1) return { key: candidates[0]!, certain: true };
  const prep = text === undefined ? undefined : precedingPreposition(text, match.start);
  let narrowed = candidates;
  // A coordinated neighbour («куратора или учителя», «Студенты и учителя») shares the case and number.
  const agreed = hints ? candidates.filter((k) => hints.includes(k)) : [];
  if (agreed.length > 0) {
    narrowed = agreed;
  } else if (prep) {
    const governed = PREPOSITION_CASES[prep]!;
    // In the order the preposition usually governs («о» + loct before «о» + accs).
    const hit = governed.flatMap((c) => candidates.filter((k) => k.split(',')[0] === c));
    if (hit.length > 0) narrowed = hit;
  } else {
    const noLoct = candidates.filter((k) => !k.startsWith('loct'));
    if (noLoct.length > 0) narrowed = noLoct;
    // At the start of a clause or sentence the word is the subject: nominative.
    const nomn = narrowed.filter((k) => k.startsWith('nomn'));
    if (text !== undefined && nomn.length > 0 && clauseStart(text, match.start)) narrowed = nomn;
  }
  const narrowedSurfaces = new Set(narrowed.map((k) => target.forms[k] ?? target.lemma));
  return { key: narrowed[0]!, certain: narrowedSurfaces.size === 1 };
}

/** The replacement of `match` (found in `text`) by `target`: form chosen, capitalisation kept. */
export function replacementFor(text: string, match: FormMatch, target: Paradigm, hints?: readonly string[]): { text: string; certain: boolean } {
  const { key, certain } = chooseFormKey(target, match, text, hints);
  return { text: inflectLike(target, key, match.text), certain };
}

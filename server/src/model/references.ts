/**
 * Internal cross-references and defined terms of an act.
 *
 * Cross-references: «пункт 1.2», «пункте 1.2», «пунктом 1.3 настоящего Положения», «подпункт
 * 3.1.2», «п. 2.3», «пп. 1–3», «пп. 1.1–1.3», «пунктами 2.1, 2.3 и 2.5», «раздел 4», «разделе 4»,
 * «Приложение № 1», «приложении № 1», «Приложения № 1 и № 2» — each number is resolved to a node of
 * the clause tree (`model.nodes` with `number`).
 *
 * A citation of another act is not an internal reference: a reference is internal only when the
 * phrase after its numbers does not cite another act — «п. 2 ст. 30 Федерального закона»,
 * «подпункт "а" пункта 2 «Положения об инфраструктуре …»», «пункта 2 Правил …», «части 3 статьи
 * 30» are skipped; «настоящего Положения» right after the numbers settles it as internal.
 * Clause labels themselves (`Раздел 2.`, the caption `Приложение № 1 к Положению …`) are the
 * targets, not references.
 *
 * Defined terms: «(далее – ИКОП «Сферум»)», «(далее - Порядок, Лицей)».
 *
 * Offset-based and pure; never throws on odd text.
 */
import { DualRe } from '../legal/plainRe';
import { plainText } from '../util/plainText';
import type { DocumentModel, OffsetRange, RegNode } from './types';
import { RecentCache } from '../util/memo';

/** What a reference word names. */
export type ReferenceKind = 'clause' | 'subclause' | 'section' | 'appendix';

/** One number of a reference and what it resolves to. */
export interface ReferenceTarget {
  /** The digits of the number as written (`1.2`, no trailing dot); for a range member in between, the range text. */
  readonly range: OffsetRange;
  /** The number, e.g. `1.2`. */
  readonly number: string;
  readonly parts: readonly number[];
  /** The node the number resolves to (the first of equal numbers), if any. */
  readonly node?: RegNode;
  /** True for a member of a range that is not written out («1.2» in «1.1–1.3»). */
  readonly implicit?: boolean;
}

/** One reference phrase: the word and its numbers. */
export interface CrossReference {
  readonly kind: ReferenceKind;
  /** The reference word as written: `пункте`, `п.`, `приложении`. */
  readonly word: string;
  /** From the word to the last number. */
  readonly range: OffsetRange;
  readonly targets: readonly ReferenceTarget[];
  /** The appendix the numbers are scoped to («пункт 2 приложения № 1»), if any. */
  readonly appendix?: RegNode;
  /** The number of that appendix as written, even when no such appendix exists. */
  readonly appendixNumber?: number;
}

/** A term the act defines with «(далее – X)». */
export interface DefinedTerm {
  /** The term as written, quotes around it removed (`ИКОП «Сферум»`, `Порядок`). */
  readonly text: string;
  /** Range of the term inside the definition. */
  readonly range: OffsetRange;
  /** Range of the whole parenthesis «(далее – …)». */
  readonly definition: OffsetRange;
}

const WORD_RE = /(?<![\p{L}\d])(?:(подпункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?|подп\.|пп\.)|(пункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?|п\.)|(раздел(?:а|у|ом|е|ы|ов|ам|ами|ах)?|разд\.)|(приложени(?:е|я|ю|ем|и|й|ям|ями|ях)|прил\.))(?![\p{L}])/yiu;
/**
 * Where a reference word may start: every alternative of {@link WORD_RE} begins with one of these
 * literals (same flags, so the same case folding). Scanning for them is about twice as cheap as
 * scanning with WORD_RE itself (its leading lookbehind is tried at every position); WORD_RE is then
 * tried, sticky, only at these positions.
 */
const WORD_HINT_RE = /п(?:одп|п\.|ункт|\.|рил)|разд/giu;
/**
 * {@link WORD_RE} for a stretch of "plain" text (see {@link isPlainCode}) without the flags and the
 * leading lookbehind: letters as case classes, `\p{L}` in the lookahead as `[A-Za-zЀ-џ]`. On plain
 * characters it matches exactly as WORD_RE does (property-tested), and it costs a fraction of
 * WORD_RE to compile (`iu` with `\p{L}` and a lookbehind: ~10 ms in every process).
 */
const WORD_PLAIN_RE = /(?:([Пп][Оо][Дд][Пп][Уу][Нн][Кк][Тт](?:[Аа]|[Уу]|[Оо][Мм]|[Ее]|[Ыы]|[Оо][Вв]|[Аа][Мм]|[Аа][Мм][Ии]|[Аа][Хх])?|[Пп][Оо][Дд][Пп]\.|[Пп][Пп]\.)|([Пп][Уу][Нн][Кк][Тт](?:[Аа]|[Уу]|[Оо][Мм]|[Ее]|[Ыы]|[Оо][Вв]|[Аа][Мм]|[Аа][Мм][Ии]|[Аа][Хх])?|[Пп]\.)|([Рр][Аа][Зз][Дд][Ее][Лл](?:[Аа]|[Уу]|[Оо][Мм]|[Ее]|[Ыы]|[Оо][Вв]|[Аа][Мм]|[Аа][Мм][Ии]|[Аа][Хх])?|[Рр][Аа][Зз][Дд]\.)|([Пп][Рр][Ии][Лл][Оо][Жж][Ее][Нн][Ии](?:[Ее]|[Яя]|[Юю]|[Ее][Мм]|[Ии]|[Йй]|[Яя][Мм]|[Яя][Мм][Ии]|[Яя][Хх])|[Пп][Рр][Ии][Лл]\.))(?![A-Za-z\u0400-\u045f])/y;

/**
 * A character on which {@link WORD_PLAIN_RE} and the case-closed `\p{L}` of WORD_RE agree: ASCII,
 * basic Cyrillic `Ѐ–џ` (all letters), and the usual non-letter punctuation of a draft.
 */
export function isPlainCode(c: number): boolean {
  return c < 0x80 || (c >= 0x400 && c <= 0x45f) || c === 0xa0 || c === 0xab || c === 0xbb || c === 0xa7 || c === 0xb0 || (c >= 0x2010 && c <= 0x2026) || c === 0x2116;
}

/**
 * `WORD_RE` run sticky at `at` (lastIndex set as WORD_RE leaves it): through {@link WORD_PLAIN_RE}
 * when the characters it can look at (one before, up to 14 from `at`) are plain, else WORD_RE.
 */
export function wordAt(text: string, at: number): RegExpExecArray | null {
  const to = Math.min(text.length, at + 14);
  let plain = true;
  for (let k = at > 0 ? at - 1 : 0; k < to && plain; k++) plain = isPlainCode(text.charCodeAt(k));
  if (!plain) {
    WORD_RE.lastIndex = at;
    return WORD_RE.exec(text);
  }
  if (at > 0) {
    // The lookbehind `(?<![\p{L}\d])` on a plain character.
    const p = text.charCodeAt(at - 1);
    if ((p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) || (p >= 0x400 && p <= 0x45f)) return null;
  }
  WORD_PLAIN_RE.lastIndex = at;
  return WORD_PLAIN_RE.exec(text);
}
/** A clause number: parts without leading zeros, not the start of a date or a longer number. */
const NUMBER_RE = /(\d{1,3}(?:\.\d{1,3}){0,5})(?!\d|\.\d|[\p{L}%]|[-‐–]\s?\p{L})/uy;
const APPENDIX_NUMBER_RE = /(?:(?:№|N|No\.?)\s*)?(\d{1,2})(?!\d|\.\d|[\p{L}%])/uy;
const LIST_SEPARATOR_RE = /(?:[\s\u00a0]*,[\s\u00a0]*|[\s\u00a0]+(?:и|или|либо|а\s+также)[\s\u00a0]+|[\s\u00a0]*([-‐–—])[\s\u00a0]*|[\s\u00a0]+(по)[\s\u00a0]+)/uy;
const SPACE_RE = /[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?/y;
const FROM_RE = /с[ \u00a0]+/uy;

/*
 * The phrase patterns below come in two flavours ({@link DualRe}): in a {@link plainText} draft
 * (the usual case) the flag-free twin, whose `\p{L}`-free source compiles many times faster than
 * the `iu` original (~7 ms per cold process for these six); elsewhere the original. Equality of
 * the twins on plain texts is property-tested in `test/unit/fast-paths.test.ts` ('refs8b').
 */
/** Words right after the numbers that make the reference internal. */
const INTERNAL_TAIL = new DualRe(String.raw`^[\s\u00a0,]*(?:(?:приложени\p{L}*\s*(?:№\s*)?\d{1,2}\s*)?(?:к\s+)?(?:настоящ|данн(?:ого|ой|ых|ому)\s+(?:положени|порядк|правил|регламент|инструкци))|(?:приложени\p{L}*\s*(?:№\s*)?\d{1,2}\s*)?[.;:)]|$)`, 'iu');
/** Words right after the numbers that cite another act. */
const EXTERNAL_TAIL = new DualRe(String.raw`^[\s\u00a0,]*(?:(?:и\s+)?(?:части|ч\.)\s*\d|(?:и\s+)?(?:стать\p{L}*|ст\.)|(?:федеральн|закон|приказ|постановлени|распоряжени|указ|письм|кодекс|устав|санпин|сп\s+\d|правил|порядк|регламент|методическ|конвенци|договор|соглашени)|положени\p{L}*\s+(?:об?|о)\s|[«"“„])`, 'iu');
/** A citation of another act later in the same phrase. */
const EXTERNAL_ANYWHERE = new DualRe(String.raw`(?:(?<![\p{L}])ст\.\s*\d|(?<![\p{L}])стать(?:и|е|ей|я|ю)(?![\p{L}])|\d\s*-\s*ФЗ|федеральн\p{L}*\s+закон|кодекс|постановлени\p{L}*\s+правительств|приказ\p{L}*\s+мин)`, 'iu');
/** Where the phrase after a reference ends: the end of the clause of the sentence. */
const PHRASE_END = new DualRe(String.raw`[;\n]|\.(?=\s+\p{Lu})|\.\s*$`, 'u');
/** A word that starts another reference (or «настоящего …») in the phrase: the search for a citation stops there. */
const PHRASE_STOP = new DualRe(String.raw`(?<![\p{L}])(?:настоящ|пункт|подпункт|раздел)`, 'iu');
const APPENDIX_SCOPE = new DualRe(String.raw`^[\s\u00a0,]*(?:к\s+)?приложени\p{L}*[\s\u00a0]*(?:№|N)?[\s\u00a0]*(\d{1,2})(?!\d)`, 'iu');
/** The phrase patterns, for the property test of their plain twins. */
export const REFERENCE_PHRASE_PATTERNS: Readonly<Record<string, DualRe>> = { INTERNAL_TAIL, EXTERNAL_TAIL, EXTERNAL_ANYWHERE, PHRASE_END, PHRASE_STOP, APPENDIX_SCOPE };

function kindOf(m: RegExpExecArray): ReferenceKind {
  if (m[1]) return 'subclause';
  if (m[2]) return 'clause';
  if (m[3]) return 'section';
  return 'appendix';
}

function parseParts(s: string): number[] | undefined {
  const raw = s.split('.');
  if (raw.some((p) => p.length > 1 && p[0] === '0')) return undefined;
  const parts = raw.map(Number);
  if (parts.some((p) => p > 199 || p === 0)) return undefined;
  return parts;
}

/** The phrase after a reference, up to the end of the clause of the sentence. */
function phraseAfter(text: string, from: number, plain: boolean): string {
  const tail = text.slice(from, from + 160);
  const cut = PHRASE_END.get(plain).exec(tail);
  return cut ? tail.slice(0, cut.index) : tail;
}

/**
 * True when the phrase after the numbers cites another act. `plain`: whether `text` is a
 * {@link plainText} (then so is every slice of it), to take the cheap flavour of the patterns.
 */
export function citesAnotherAct(text: string, end: number, plain = plainText(text)): boolean {
  const tail = text.slice(end, end + 200);
  if (INTERNAL_TAIL.get(plain).test(tail)) return false;
  if (EXTERNAL_TAIL.get(plain).test(tail)) return true;
  const phrase = phraseAfter(text, end, plain);
  const stop = PHRASE_STOP.get(plain).exec(phrase);
  return EXTERNAL_ANYWHERE.get(plain).test(stop ? phrase.slice(0, stop.index) : phrase);
}

/** Nodes that can be referenced: numbered sections, clauses, sub-clauses. */
function referable(n: RegNode): boolean {
  return n.number !== undefined && (n.kind === 'section' || n.kind === 'clause' || n.kind === 'subclause');
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

function inAppendixOf(n: RegNode): RegNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.kind === 'appendix') return p;
  return undefined;
}

/** Resolves numbers to nodes; built once per model (its index on the first number to resolve). */
export class ReferenceResolver {
  readonly #model: DocumentModel;
  /** Number text → nodes, per scope (`undefined` = the body); built lazily, as most drafts have few or no references. */
  #byScope: Map<RegNode | undefined, Map<string, RegNode[]>> | undefined;
  readonly #appendices: readonly RegNode[];

  constructor(model: DocumentModel) {
    this.#model = model;
    this.#appendices = model.appendices;
  }

  /**
   * Where the numbers of parts start (their labels), ascending; built with the index, in the same
   * pass (in document order they are already sorted: an array is cheaper to fill than a Set).
   */
  #labels: number[] | undefined;

  /** True when a number starting at `offset` is a part's own label (`Раздел 2.`, `Приложение № 1`). */
  isLabelAt(offset: number): boolean {
    this.#byScope ??= this.#index();
    const labels = this.#labels!;
    let lo = 0;
    let hi = labels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = labels[mid]!;
      if (v === offset) return true;
      if (v < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  #index(): Map<RegNode | undefined, Map<string, RegNode[]>> {
    const byScope = new Map<RegNode | undefined, Map<string, RegNode[]>>();
    const labels: number[] = [];
    let sorted = true;
    for (const n of this.#model.nodes) {
      const num = n.number;
      if (num !== undefined) {
        if (labels.length > 0 && num.range.start < labels[labels.length - 1]!) sorted = false;
        labels.push(num.range.start);
      }
      // Cheap tests first (most nodes are unnumbered): a number that starts with a digit, on a
      // referable node or, in an appendix, on its own numbered entries (`1. Форма заявки.`), which
      // are its clauses (an entry's parent is the appendix, the nearest appendix above it).
      if (num === undefined || !isDigitCode(num.text.charCodeAt(0))) continue;
      const entry = n.kind === 'item' && n.parent?.kind === 'appendix';
      if (!entry && !referable(n)) continue;
      const app = entry ? n.parent : inAppendixOf(n);
      let byNumber = byScope.get(app);
      if (!byNumber) byScope.set(app, (byNumber = new Map<string, RegNode[]>()));
      const parts = num.parts;
      const key = parts.length === 1 ? String(parts[0]) : parts.join('.');
      const list = byNumber.get(key);
      if (list) list.push(n);
      else byNumber.set(key, [n]);
    }
    if (!sorted) labels.sort((a, b) => a - b);
    this.#labels = labels;
    return byScope;
  }

  /** The appendix numbered `n`. */
  appendix(n: number): RegNode | undefined {
    return this.#appendices.find((a) => a.number?.parts[0] === n);
  }

  /** The first node numbered `parts` in the scope (an appendix, else the body). */
  resolve(parts: readonly number[], kind: ReferenceKind, scope?: RegNode): RegNode | undefined {
    if (kind === 'appendix') return parts.length === 1 ? this.appendix(parts[0]!) : undefined;
    this.#byScope ??= this.#index();
    const hits = this.#byScope.get(scope)?.get(parts.join('.')) ?? [];
    if (hits.length === 0) return undefined;
    if (kind === 'section') return hits.find((n) => n.kind === 'section') ?? hits[0];
    return hits.find((n) => n.kind !== 'section') ?? hits[0];
  }
}

const modelCache = new RecentCache<DocumentModel, CrossReference[]>();

/**
 * {@link findReferences} computed once per model (rules, fixes and navigation share it).
 * `wordStarts`: see {@link findReferences}.
 */
export function referencesOf(model: DocumentModel, wordStarts?: ArrayLike<number>): CrossReference[] {
  let refs = modelCache.get(model);
  if (!refs) {
    refs = findReferences(model, undefined, wordStarts);
    modelCache.set(model, refs);
  }
  return refs;
}

interface RawNumber {
  readonly range: OffsetRange;
  readonly text: string;
  readonly parts: number[];
  /** Separator before this number: a range dash or «по». */
  readonly rangeFromPrevious: boolean;
}

/** Reads the numbers after a reference word at `pos`; undefined when none follows. */
function readNumbers(text: string, pos: number, kind: ReferenceKind): { numbers: RawNumber[]; end: number } | undefined {
  const numbers: RawNumber[] = [];
  let at = pos;
  SPACE_RE.lastIndex = at;
  if (SPACE_RE.exec(text)) at = SPACE_RE.lastIndex;
  if (kind !== 'appendix') {
    FROM_RE.lastIndex = at;
    if (FROM_RE.exec(text)) at = FROM_RE.lastIndex;
  }
  const re = kind === 'appendix' ? APPENDIX_NUMBER_RE : NUMBER_RE;
  let rangeFromPrevious = false;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) break;
    const digits = m[1]!;
    const start = m.index + m[0].length - digits.length;
    const parts = parseParts(digits);
    if (!parts) break;
    numbers.push({ range: { start, end: start + digits.length }, text: digits, parts, rangeFromPrevious });
    at = start + digits.length;
    LIST_SEPARATOR_RE.lastIndex = at;
    const sep = LIST_SEPARATOR_RE.exec(text);
    if (!sep) break;
    // The next thing must be a number (of the same shape); otherwise the list has ended.
    re.lastIndex = LIST_SEPARATOR_RE.lastIndex;
    const next = re.exec(text);
    if (!next || !parseParts(next[1]!)) break;
    rangeFromPrevious = sep[1] !== undefined || sep[2] !== undefined;
    at = LIST_SEPARATOR_RE.lastIndex;
  }
  if (numbers.length === 0) return undefined;
  return { numbers, end: numbers[numbers.length - 1]!.range.end };
}

/** The members strictly between two range ends with one prefix (`1.1–1.4` → 1.2, 1.3). */
function between(a: readonly number[], b: readonly number[]): number[][] {
  if (a.length !== b.length) return [];
  if (!a.slice(0, -1).every((p, i) => p === b[i])) return [];
  const from = a[a.length - 1]!;
  const to = b[b.length - 1]!;
  if (to - from > 50) return [];
  const out: number[][] = [];
  for (let k = from + 1; k < to; k++) out.push([...a.slice(0, -1), k]);
  return out;
}

function skipLine(model: DocumentModel, offset: number): boolean {
  const line = model.lines[model.lineAt(offset)];
  return !line || line.block === 'code' || line.block === 'html';
}

/**
 * All internal cross-references of the act, in document order. Citations of other acts and the
 * clause labels themselves are left out; unresolvable numbers keep `node` undefined.
 */
export function findReferences(model: DocumentModel, resolver = new ReferenceResolver(model), wordStarts?: ArrayLike<number>): CrossReference[] {
  const text = model.text;
  return collectReferences(model, resolver, wordStarts ? wordsFromRuns(text, wordStarts) : wordsFromHints(text));
}

/** The leftmost match of WORD_RE at or after `from`, or null; `from` never decreases. */
type NextWord = (from: number) => RegExpExecArray | null;

/**
 * {@link NextWord} as a global WORD_RE.exec would find it: a match can only start at a hint (see
 * WORD_HINT_RE), so hints are tried in order.
 */
function wordsFromHints(text: string): NextWord {
  return (from) => {
    WORD_HINT_RE.lastIndex = from;
    for (let h = WORD_HINT_RE.exec(text); h; h = WORD_HINT_RE.exec(text)) {
      const m = wordAt(text, h.index);
      if (m) return m;
      WORD_HINT_RE.lastIndex = h.index + 1;
    }
    return null;
  };
}

/**
 * {@link NextWord} over the starts of the `\p{L}+` runs of the text (ascending, as `wordRuns`
 * gives them): a WORD_RE match starts a run (its lookbehind rejects a letter before it) with
 * `п`/`р` in either case, so only those starts are tried — a walk over runs the analysis has
 * already made instead of a scan of the whole text with WORD_HINT_RE.
 */
function wordsFromRuns(text: string, starts: ArrayLike<number>): NextWord {
  let r = 0;
  return (from) => {
    for (; r < starts.length; r++) {
      const at = starts[r]!;
      if (at < from) continue;
      if (!mayStartWord(text, at)) continue;
      const m = wordAt(text, at);
      if (m) {
        r++;
        return m;
      }
    }
    return null;
  };
}

/**
 * False when no WORD_RE match can start at `at`, by the test of WORD_HINT_RE on plain characters:
 * `п` then `одп`/`п.`/`ункт`/`.`/`рил`, or `р` then `азд`, either case. A character outside ASCII
 * and `Ѐ–џ` may fold to one of those (`ᲂ` → `о`): then {@link wordAt} decides.
 */
function mayStartWord(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 0x440 || c === 0x420) return tailAt(text, at + 1, 'азд'); // р Р
  if (c !== 0x43f && c !== 0x41f) return false; // п П
  // By the second letter (most words starting with «п» are rejected here).
  switch (text.charCodeAt(at + 1)) {
    case 0x43e: case 0x41e: return tailAt(text, at + 2, 'дп'); // о
    case 0x43f: case 0x41f: return tailAt(text, at + 2, '.'); // п
    case 0x443: case 0x423: return tailAt(text, at + 2, 'нкт'); // у
    case 0x440: case 0x420: return tailAt(text, at + 2, 'ил'); // р
    case 46: return true; // .
    default: {
      const d = text.charCodeAt(at + 1); // only an unusual character may still fold to one of them
      return at + 1 < text.length && !(d < 0x80 || (d >= 0x400 && d <= 0x45f));
    }
  }
}

/**
 * True when `text` at `at` reads `tail` (lower-case Cyrillic or `.`) in either case, or holds
 * a character outside ASCII and `Ѐ–џ` before a mismatch.
 */
function tailAt(text: string, at: number, tail: string): boolean {
  if (at + tail.length > text.length) return false;
  for (let i = 0; i < tail.length; i++) {
    const d = text.charCodeAt(at + i);
    if (!(d < 0x80 || (d >= 0x400 && d <= 0x45f))) return true;
    const t = tail.charCodeAt(i);
    if (d !== t && d !== (t >= 0x430 ? t - 0x20 : t)) return false;
  }
  return true;
}

function collectReferences(model: DocumentModel, resolver: ReferenceResolver, nextWord: NextWord): CrossReference[] {
  const text = model.text;
  // A number that is a part's own label starts where that label starts (`Раздел 2.`, `Приложение № 1`).
  const isLabel = (r: OffsetRange): boolean => resolver.isLabelAt(r.start);
  const out: CrossReference[] = [];
  let next = 0;
  // Decided once per draft (and cached by plainText); most drafts have no reference at all.
  let plain: boolean | undefined;
  for (let m = nextWord(next); m; m = nextWord(next)) {
    const kind = kindOf(m);
    const wordEnd = m.index + m[0].length;
    next = wordEnd;
    if (skipLine(model, m.index)) continue;
    const read = readNumbers(text, wordEnd, kind);
    if (!read) continue;
    if (read.numbers.some((n) => isLabel(n.range))) continue;
    plain ??= plainText(text);
    const scopeMatch = kind !== 'appendix' ? APPENDIX_SCOPE.get(plain).exec(text.slice(read.end, read.end + 60)) : null;
    const scopeEnd = scopeMatch ? read.end + scopeMatch[0].length : read.end;
    if (citesAnotherAct(text, scopeEnd, plain)) {
      next = Math.max(next, read.end);
      continue;
    }
    const at = m.index;
    const inside = model.appendices.find((n) => n.range.start <= at && at < n.range.end);
    const appendix = scopeMatch ? resolver.appendix(Number(scopeMatch[1])) : undefined;
    const resolve = (parts: readonly number[]): RegNode | undefined => {
      if (scopeMatch) return appendix ? resolver.resolve(parts, kind, appendix) : undefined;
      if (inside && kind !== 'appendix') return resolver.resolve(parts, kind, inside) ?? resolver.resolve(parts, kind);
      return resolver.resolve(parts, kind);
    };
    const targets: ReferenceTarget[] = [];
    read.numbers.forEach((n, i) => {
      if (n.rangeFromPrevious && i > 0) {
        const prev = read.numbers[i - 1]!;
        for (const parts of between(prev.parts, n.parts)) {
          targets.push({ range: { start: prev.range.start, end: n.range.end }, number: parts.join('.'), parts, node: resolve(parts), implicit: true });
        }
      }
      targets.push({ range: n.range, number: n.text, parts: n.parts, node: resolve(n.parts) });
    });
    out.push({ kind, word: m[0], range: { start: m.index, end: read.end }, targets, appendix, appendixNumber: scopeMatch ? Number(scopeMatch[1]) : undefined });
    next = Math.max(next, read.end);
  }
  return out;
}

/** The reference target whose written number contains `offset` (ends included). */
export function targetAt(refs: readonly CrossReference[], offset: number): { ref: CrossReference; target: ReferenceTarget } | undefined {
  for (const ref of refs) {
    if (offset < ref.range.start || offset > ref.range.end) continue;
    const explicit = ref.targets.filter((t) => !t.implicit);
    const hit = explicit.find((t) => offset >= t.range.start && offset <= t.range.end);
    if (hit) return { ref, target: hit };
    // On the word: the first number.
    if (offset < (explicit[0]?.range.start ?? 0)) return { ref, target: explicit[0]! };
  }
  return undefined;
}

/** Splits «ИКОП «Сферум», образовательная платформа» at commas outside quotes and parentheses. */
function splitTerms(s: string, base: number): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let depth = 0;
  let from = 0;
  const push = (to: number): void => {
    let a = from;
    let b = to;
    while (a < b && /[\s\u00a0]/.test(s[a]!)) a++;
    while (b > a && /[\s\u00a0.;]/.test(s[b - 1]!)) b--;
    // «Положение» written in quotes: the term is the inside.
    if (b - a >= 3 && /[«"“]/.test(s[a]!) && /[»"”]/.test(s[b - 1]!) && !/[«"“»"”]/.test(s.slice(a + 1, b - 1))) { a++; b--; }
    if (b > a) out.push({ text: s.slice(a, b), start: base + a });
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '«' || c === '“' || c === '(') depth++;
    else if ((c === '»' || c === '”' || c === ')') && depth > 0) depth--;
    else if (c === ',' && depth === 0) { push(i); from = i + 1; }
  }
  push(s.length);
  return out;
}

const DALEE_RE = /\(\s*(?:далее(?:\s+по\s+тексту)?|именуем\p{L}*\s+в\s+дальнейшем)\s*[-–—:]?\s*/giu;

/** Terms the act defines with «(далее – X)», in document order. */
export function findDefinedTerms(model: DocumentModel): DefinedTerm[] {
  const text = model.text;
  const out: DefinedTerm[] = [];
  for (const m of text.matchAll(DALEE_RE)) {
    const open = m.index!;
    if (skipLine(model, open)) continue;
    // The matching parenthesis on the same line.
    let depth = 0;
    let close = -1;
    for (let i = open; i < Math.min(text.length, open + 300); i++) {
      const c = text[i]!;
      if (c === '\n' || c === '\r') break;
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) { close = i; break; }
      }
    }
    if (close < 0) continue;
    const innerStart = open + m[0].length;
    for (const t of splitTerms(text.slice(innerStart, close), innerStart)) {
      if (!/\p{L}/u.test(t.text) || t.text.length > 80) continue;
      out.push({ text: t.text, range: { start: t.start, end: t.start + t.text.length }, definition: { start: open, end: close + 1 } });
    }
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Occurrences of a defined term as a whole word (the first letter in either case, quotes in any
 * style), the definition itself included.
 */
export function termOccurrences(model: DocumentModel, term: string): OffsetRange[] {
  if (term.length === 0) return [];
  const first = term[0]!;
  const head = first.toLowerCase() !== first.toUpperCase() ? `[${escapeRe(first.toLowerCase())}${escapeRe(first.toUpperCase())}]` : escapeRe(first);
  const body = [...term.slice(1)].map((c) => (/[«"“]/.test(c) ? '[«"“]' : /[»"”]/.test(c) ? '[»"”]' : /\s/.test(c) ? '[\\s\\u00a0]+' : escapeRe(c))).join('');
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])${head}${body}(?![\\p{L}\\p{N}_])`, 'gu');
  const out: OffsetRange[] = [];
  for (const m of model.text.matchAll(re)) {
    if (skipLine(model, m.index!)) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

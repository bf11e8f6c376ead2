/**
 * mdast + text → {@link DocumentModel}: approval stamps, title, sections, clauses, sub-clauses,
 * items, appendices, conversion debris and suppression directives.
 *
 * Architecture Invariant: building the model never throws and never hides facts. Duplicate
 * numbers, gaps and misplaced sub-clauses are kept exactly as written; rules report them.
 */
import type { Root } from 'mdast';
import { DualRe } from '../legal/plainRe';
import { plainText } from '../util/plainText';
import { findDates } from './dates';
import { isClauseNumber, isPrefix, kindForDepth, readClauseNumber } from './clauseNumber';
import { classifyLines, classifyText, lineIndexIn } from './lines';
import type { ClauseNumber, Debris, Directive, DocumentModel, Line, NodeKind, OffsetRange, RegNode, Stamp, Title } from './types';
import { lowerBound } from '../util/sorted';

/** Stamp keywords (regulations.md §2); longest first. */
const STAMP_RE = /^[«"“*]*\s*(УЧТЕНО\s+МНЕНИЕ|УТВЕРЖДАЮ|УТВЕРЖДЕН[ОАЫ]?|СОГЛАСОВАН[ОАЫ]?|РАССМОТРЕН[ОАЫ]?|ПРИНЯТ[ОАЫ]?|УЧТЕНО)(?![\p{L}])/iu;
/** Document kinds a title starts with. */
const TITLE_RE = /^[«"“*]*\s*(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|РЕГЛАМЕНТ|ИНСТРУКЦИЯ)(?![\p{L}])/iu;
const APPENDIX_RE = /^(ПРИЛОЖЕНИЕ|Приложение)(?:\s*(?:№|N|No\.?)?\s*(\d{1,3}))?(?![\p{L}\d])/u;
/** {@link APPENDIX_RE} behind a one-character test (`П`): it runs on every line. */
const appendixMatch = (c: string): RegExpExecArray | null => (c.charCodeAt(0) === 0x41f ? APPENDIX_RE.exec(c) : null);
const isAppendix = (c: string): boolean => c.charCodeAt(0) === 0x41f && APPENDIX_RE.test(c);
/** Exported for the fast-path tests. */
export const ITEM_RE = /^(?:\\?[-–—·•⇒*+●▪►➢✓]+|(?:\d{1,3}\.){1,5}[а-яёa-z]\\?\)|[а-яa-z]\\?\)|\d{1,2}\\?\))\s*(?=\S)/u;
/**
 * Necessary condition for {@link ITEM_RE} on a text starting with code `c`: `\\`, `-`, `*`, `+`, a
 * digit or a lowercase Latin letter in ASCII, anything but a capital Cyrillic letter past it. Most
 * lines start with a capital and skip the regex (it ran on every body line).
 */
export function mayStartItem(c: number): boolean {
  return c < 0x80 ? c === 92 || c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122) : !(c >= 0x400 && c < 0x430);
}
const isItem = (s: string): boolean => mayStartItem(s.charCodeAt(0)) && ITEM_RE.test(s);
const PAGE_NUMBER_RE = /^(?:(?:стр\.?|страница)\s*\d{1,4}(?:\s*(?:из|\/)\s*\d{1,4})?|\d{1,4}\s*из\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,3})$/iu;
/** Word bookmarks as converters leave them: `[bookmark: _GoBack]`, pandoc's `[]{#_GoBack .anchor}`. */
const BOOKMARK_RE = /\[bookmark:\s*[^\]\n]*\]|\[\]\{#[^}\n]*\}/giu;
/**
 * A line ending in a reference word (`… указанные в п.`, `… в соответствии с пунктом`): a number
 * at the start of the next line continues the reference (`2.3 настоящего Положения`).
 */
const REFERENCE_WORD_RE = /(?:пп?\.|подп\.|разд\.|гл\.|прил\.|(?:под)?пункт\p{Ll}*|раздел\p{Ll}*|глав\p{Ll}{1,3}|приложени\p{Ll}*)$/uy;

/**
 * `/(?:^|[\s(])(?:пп?\.|…)$/u.test(s)` in one anchored try: the word holds no white space or `(`,
 * so it can only start right after the last of them (or at the start). The unanchored `…$`
 * pattern was tried at every position of the line.
 */
function endsWithReferenceWord(s: string): boolean {
  let k = s.length;
  while (k > 0) {
    const c = s.charCodeAt(k - 1);
    if (c === 40 || isWs(c)) break;
    k--;
  }
  REFERENCE_WORD_RE.lastIndex = k;
  return REFERENCE_WORD_RE.test(s);
}
/** A table of contents: its heading, and an entry ending in a page number after leaders. */
const TOC_HEADING_RE = /^(?:оглавление|содержание)[.:]?$/iu;

/**
 * Cheap necessary condition for `TOC_HEADING_RE.test(stripDecor(c))`: past the characters
 * stripDecor may drop at the end (emphasis, closing quotes, white space) and `.`/`:`, `c` ends in `е`/`Е`.
 */
function mayBeTocHeading(c: string): boolean {
  let k = c.length - 1;
  for (; k >= 0; k--) {
    const x = c.charCodeAt(k);
    if (!(x === 42 || x === 95 || x === 0xbb || x === 0x201d || x === 34 || x === 46 || x === 58 || isWs(x))) break;
  }
  const e = c.charCodeAt(k);
  return e === 0x435 || e === 0x415;
}

const digit = (x: number): boolean => x >= 48 && x <= 57;

/**
 * True when `c` ends like a table-of-contents entry: a page number after dot leaders (`…… 3`),
 * or, when `loose`, after a tab or two spaces. Scans the tail only: linear on any line.
 */
function isTocEntry(c: string, loose: boolean): boolean {
  let k = c.length;
  while (k > 0 && k > c.length - 4 && digit(c.charCodeAt(k - 1))) k--;
  if (k === c.length || c.length - k > 3 || (k > 0 && digit(c.charCodeAt(k - 1)))) return false;
  let spaces = 0;
  while (k > 0 && (c.charCodeAt(k - 1) === 32 || c.charCodeAt(k - 1) === 0xa0)) { k--; spaces++; }
  // Leaders `/(?:\.{3}|…|_{3}|·{3})$/` right before the spaces, by char codes (no slice, no regex).
  const l = c.charCodeAt(k - 1);
  if (l === 0x2026) return true;
  if (k >= 3 && (l === 46 || l === 95 || l === 0xb7) && c.charCodeAt(k - 2) === l && c.charCodeAt(k - 3) === l) return true;
  return loose && (spaces >= 2 || c[k - 1] === '\t');
}
const DIRECTIVE_RE = /<!--\s*normokontrol-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

/**
 * True for the characters of the JavaScript `\s` class (and `String#trim`): the model's hot paths
 * test char codes instead of running a regex per character or per line.
 */
function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x1000 && (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Code of the last character of `s` (NaN when empty). */
const lastCode = (s: string): number => s.charCodeAt(s.length - 1);

/** `s` without `**` and `__` runs; the string itself when it has none (no allocation). */
function dropEmphasis(s: string): string {
  return s.indexOf('**') < 0 && s.indexOf('__') < 0 ? s : s.replace(/\*\*|__/g, '');
}

/**
 * `/[\p{Ll},-]$/u.test(s)`: `,`, `-`, a Latin or Cyrillic lowercase letter by its code; other
 * characters past ASCII and basic Cyrillic through the pattern.
 */
function endsLowerCommaDash(s: string): boolean {
  const c = lastCode(s);
  if (c === 44 || c === 45 || (c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x45f)) return true;
  if (c < 0x80 || (c >= 0x400 && c < 0x430)) return false; // other ASCII (NaN: empty), capital Cyrillic
  return lastCodePointIs(LOWER_COMMA_DASH_END, s);
}

/** True when `re` (sticky, ending in `$`) matches at the last code point of `s`. */
function lastCodePointIs(re: RegExp, s: string): boolean {
  let k = s.length - 1;
  if (k < 0) return false;
  const c = s.charCodeAt(k);
  if (c >= 0xdc00 && c <= 0xdfff && k > 0) {
    const h = s.charCodeAt(k - 1);
    if (h >= 0xd800 && h <= 0xdbff) k--;
  }
  re.lastIndex = k;
  return re.test(s);
}
const LOWER_COMMA_DASH_END = /[\p{Ll},-]$/uy;
const LOWER_AFTER = /[\s)]+\p{Ll}/uy;
/** `/^[\s)]+\p{Ll}/u.test(s.slice(at))` without the slice. */
function lowerAfter(s: string, at: number): boolean {
  LOWER_AFTER.lastIndex = at;
  return LOWER_AFTER.test(s);
}

const QUOTES_RE = /[\u00ab\u00bb\u201c\u201d]/;

/** Removes emphasis and unbalanced quotes around a line (`«СОГЛАСОВАНО»` → `СОГЛАСОВАНО`, `«СОПК»` stays). */
function stripDecor(s: string): string {
  let t = dropEmphasis(s).trim();
  // Counted once and updated while stripping: linear even on a line of ten thousand quotes.
  let opens = 0;
  let closes = 0;
  // Most lines hold no such quote: one native search instead of a per-character loop.
  if (QUOTES_RE.test(t)) for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 0xab || c === 0x201c) opens++; // « “
    else if (c === 0xbb || c === 0x201d) closes++; // » ”
  }
  if (opens !== closes) {
    let a = 0;
    let b = t.length;
    const open = (c: number): boolean => c === 0xab || c === 0x201c;
    const close = (c: number): boolean => c === 0xbb || c === 0x201d;
    while (a < b && open(t.charCodeAt(a)) && opens > closes) { a++; opens--; while (a < b && isWs(t.charCodeAt(a))) a++; }
    while (b > a && close(t.charCodeAt(b - 1)) && closes > opens) { b--; closes--; while (b > a && isWs(t.charCodeAt(b - 1))) b--; }
    t = t.slice(a, b);
  }
  if (t.length >= 2 && t.charCodeAt(0) === 34 && lastCode(t) === 34 && /^".*"$/.test(t) && (t.match(/"/g) ?? []).length === 2) t = t.slice(1, -1).trim();
  return t;
}

/**
 * True when `stripDecor(s).length > max` is certain without running it: stripDecor only drops
 * `*`, `_`, white space, quotes «“»”"; more than `max` other characters survive it. Reads at most
 * about `max` characters, where stripDecor would read the whole (often long) line.
 */
function surelyLongerAfterDecor(s: string, max: number): boolean {
  if (s.length <= max) return false;
  let kept = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 42 || c === 95 || c === 34 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || isWs(c)) continue;
    if (++kept > max) return true;
  }
  return false;
}

/** White-space runs collapsed to one space, then trimmed; the string itself when already so (the common case). */
function titleCase(s: string): string {
  const n = s.length;
  let clean = n === 0 || (s.charCodeAt(0) !== 32 && s.charCodeAt(n - 1) !== 32);
  for (let k = 0; clean && k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 32) clean = s.charCodeAt(k + 1) !== 32;
    else if (isWs(c)) clean = false;
  }
  return clean ? s : s.replace(/\s+/g, ' ').trim();
}

/**
 * A short title for a clause: its first sentence, at most 100 characters.
 *
 * Called for every node with the whole rest of its head line (often a long paragraph): the fast
 * path reads at most 101 characters after the leading white space while the text needs no
 * clean-up there (no `**`/`__`, single spaces, no trailing white space), so
 * `titleCase(dropEmphasis(text))` is the text from its first non-space on that stretch.
 * Anything else takes the general path.
 */
export function shortTitle(text: string): string {
  const n = text.length;
  let a = 0;
  while (a < n && isWs(text.charCodeAt(a))) a++;
  const limit = Math.min(n, a + 101);
  // The first character that ends the fast path, found by one native regex search (a per-char
  // JavaScript loop here ran mostly in the interpreter in the cold CLI run): white space other
  // than a single space inside the text, `**`/`__`, or `.:;` before a space or the end.
  const re = TITLE_STOP_RE;
  re.lastIndex = a;
  // Searched in the first limit + 1 characters only (a match whose stop character is before
  // `limit` reads at most one character past it): a long first sentence is not scanned to its end.
  // A match at `limit` may see a false `$` there, but any stop at or past `limit` breaks anyway.
  const head = limit < n ? text.slice(0, limit + 1) : text;
  while (re.test(head)) {
    const end = re.lastIndex;
    const c = text.charCodeAt(end - 1);
    // Only `**`/`__` end in `*`/`_`: the two-character matches.
    const k = c === 42 || c === 95 ? end - 2 : end - 1;
    if (k >= limit) break;
    if (c !== 46 && c !== 58 && c !== 59) return shortTitleGeneral(text);
    if (k === a) continue; // a sentence end on the first character does not count
    if (k >= a + 100) break;
    // The first sentence ends here, within 100 characters.
    return text.slice(a, c === 58 ? k + 1 : k);
  }
  if (n - a <= 100) {
    // No sentence end: the whole text is the sentence.
    const e = lastCode(text);
    return text.slice(a, e === 46 || e === 59 ? n - 1 : n);
  }
  return cutTitle(text.slice(a, a + 100));
}
/** What ends {@link shortTitle}'s fast path (`\s` is exactly {@link isWs}). */
const TITLE_STOP_RE = /[^\S ]| (?=\s|$)|\*\*|__|[.:;](?= |$)/g;

/** The first 100 characters of a longer sentence, cut at a word when one ends after the 60th. */
function cutTitle(sentence: string): string {
  const cut = sentence.slice(0, 100);
  const sp = cut.lastIndexOf(' ');
  return (sp > 60 ? cut.slice(0, sp) : cut) + '…';
}

function shortTitleGeneral(text: string): string {
  const clean = titleCase(dropEmphasis(text));
  // The first sentence, as `/^(.+?[.:;])(\s|$)/`: after titleCase the only white space is ' '
  // and there are no line terminators, so a scan for the first `.:;` before a space or the end does.
  let sentence = clean;
  for (let k = 1; k < clean.length; k++) {
    const c = clean.charCodeAt(k);
    if ((c === 46 || c === 58 || c === 59) && (k + 1 === clean.length || clean.charCodeAt(k + 1) === 32)) {
      sentence = clean.slice(0, k + 1);
      break;
    }
  }
  if (sentence.length <= 100) {
    const e = lastCode(sentence);
    return e === 46 || e === 59 ? sentence.slice(0, -1) : sentence;
  }
  return cutTitle(sentence);
}

/*
 * Patterns of the per-line heuristics, compiled once: a regex literal inside a function makes a
 * new RegExp object at every call.
 */
const FIRST_LETTER_RE = /\p{L}/u;
const SENTENCE_BREAK_RE = /[.!?]\s+\p{Lu}/u;
const LOWER_FIRST_LETTER_RE = /^[^\p{L}]*\p{Ll}/u;
const NON_LETTERS_RE = /[^\p{L}]/gu;
const UPPER_LOWER_RE = /^\p{Lu}\p{Ll}/u;
const UPPER_FIRST_RE = /^\p{Lu}/u;

/** `s.replace(/[.:]$/, '')`: one trailing dot or colon dropped. */
function dropFinalDotOrColon(s: string): string {
  const e = lastCode(s);
  return e === 46 || e === 58 ? s.slice(0, -1) : s;
}

/** True when a single-level numbered line reads as a section heading rather than a list entry. */
function looksLikeSectionTitle(line: Line, rest: string): boolean {
  return line.block === 'heading' || line.bold || readsAsSectionTitle(rest);
}

/** {@link looksLikeSectionTitle} of a plain line (neither heading nor bold): the text alone decides. */
function readsAsSectionTitle(rest: string): boolean {
  if (surelyLongerAfterDecor(rest, 160)) return false;
  const t = stripDecor(rest);
  if (t.length === 0 || t.length > 160) return false;
  const e = lastCode(t);
  if (e === 59 || e === 44) return false; // `;` `,`
  const first = FIRST_LETTER_RE.exec(t)?.[0];
  if (!first || first !== first.toUpperCase()) return false;
  // A heading is one phrase, not several sentences.
  return !SENTENCE_BREAK_RE.test(t);
}

/** True when an unnumbered line reads as a section heading: a Markdown heading or a short line in capitals. */
function looksLikeUnnumberedSection(line: Line): boolean {
  // Off a heading, a lowercase Latin or Cyrillic letter anywhere answers no (see the loop below;
  // stripDecor drops no letter): most lines have one within a few characters, no stripDecor then.
  if (line.block !== 'heading' && hasPlainLower(line.content)) return false;
  if (surelyLongerAfterDecor(line.content, 120)) return false;
  const t = stripDecor(line.content);
  if (t.length < 4 || t.length > 120) return false;
  // A heading that starts in lower case continues the title (`## об использовании …`), it opens no section.
  if (LOWER_FIRST_LETTER_RE.test(t)) return false;
  if (line.block === 'heading') return true;
  // A lowercase Latin or Cyrillic letter (tested at the top) already fails `letters === letters.toUpperCase()` below.
  const letters = t.replace(NON_LETTERS_RE, '');
  if (letters.length < 6 || letters !== letters.toUpperCase()) return false;
  const e = lastCode(t);
  return /[А-ЯЁ]/.test(letters) && e !== 59 && e !== 58; // not /[;:]$/
}

/** True when `s` holds a lowercase Latin or Cyrillic letter (`a-z`, `а-я`, `ё`). */
function hasPlainLower(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x44f) || c === 0x451) return true;
  }
  return false;
}

/** True when the numbers never decrease (then sorting them changes nothing). */
function ascending(xs: readonly number[]): boolean {
  for (let k = 1; k < xs.length; k++) if (xs[k - 1]! > xs[k]!) return false;
  return true;
}

interface MutableNode extends RegNode {
  children: RegNode[];
  lines: number[];
  number?: ClauseNumber;
  marker?: string;
  orphan?: boolean;
  stamp?: Stamp;
}

/**
 * A node with its head line. Callers set `number`, `marker`, `orphan`, `stamp` after it, in that
 * order (the key order the `{ ...extra }` spread this replaced gave).
 */
function makeNode(kind: NodeKind, line: Line, title: string, titleRange: OffsetRange): MutableNode {
  // One object for both: ranges are never changed in place, and `finishNodes` gives every node a
  // range of its own.
  const head = { start: line.contentStart, end: line.contentEnd };
  // Every field the builder may set later is present from the start, in that order (undefined is
  // left out of JSON, and key order is kept): adding `number`, `parent`… one by one moved each node
  // through several hidden classes and into an out-of-object property store.
  return {
    kind,
    title,
    titleRange,
    range: head,
    headRange: head,
    line: line.index,
    text: '',
    lines: [line.index],
    children: [],
    number: undefined,
    marker: undefined,
    orphan: undefined,
    stamp: undefined,
    parent: undefined,
  };
}

/**
 * Cheap necessary condition for {@link PAGE_NUMBER_RE} on `s[a, b)`: it starts with a digit, a
 * dash or `с`/`С` (and `ᲃ`, which folds to `с` under `/iu`) and ends with a digit or a dash.
 */
function mayBePageNumber(s: string, a: number, b: number): boolean {
  if (b <= a) return false;
  const dash = (c: number): boolean => c === 45 || c === 0x2013 || c === 0x2014;
  const e = s.charCodeAt(b - 1);
  if (!((e >= 48 && e <= 57) || dash(e))) return false;
  const c = s.charCodeAt(a);
  return (c >= 48 && c <= 57) || dash(c) || c === 0x421 || c === 0x441 || c === 0x1c83;
}

/** White-space runs collapsed to one space (no trim); the string itself when already so. */
export function collapseWs(s: string): string {
  // A native search for a run to collapse (`\s` other than a space, or a space before white space)
  // instead of a per-character loop: most lines have none.
  return WS_TO_COLLAPSE_RE.test(s) ? s.replace(/\s+/g, ' ') : s;
}
const WS_TO_COLLAPSE_RE = /[^\S ]| \s/;

/** Adds `value` to the group of `key`: a single value until the key repeats (most never do). */
function addToGroup<K>(groups: Map<K, number | number[]>, key: K, value: number): void {
  const seen = groups.get(key);
  if (seen === undefined) groups.set(key, value);
  else if (typeof seen === 'number') groups.set(key, [seen, value]);
  else seen.push(value);
}

/**
 * Indices of lines whose contents are equal after `collapseWs(…).toLowerCase()`, in groups of two
 * and more, each ascending. The key is built by native string calls (a per-character hash loop in
 * JavaScript here ran mostly in the interpreter of a cold process).
 */
function repeatedLines(lines: readonly Line[], candidates: readonly number[], plain: boolean): number[][] {
  const groups: number[][] = [];
  // Most lines repeat no other: a small-integer signature that equal keys share (length, first and
  // last code unit, case-folded) sorts them out first, and only lines whose signature repeats build
  // the lowercased key (an allocation and a string hash per line before).
  const sigs = new Array<number>(candidates.length);
  const seen = new Map<number, boolean>(); // signature → seen more than once
  for (let k = 0; k < candidates.length; k++) {
    const sig = keySignature(collapseWs(lines[candidates[k]!]!.content), plain);
    sigs[k] = sig;
    seen.set(sig, seen.has(sig));
  }
  const counts = new Map<string, number | number[]>();
  for (let k = 0; k < candidates.length; k++) {
    // Every line of a group with two and more has a repeated signature: the groups and their
    // order (first appearance) are those of all lines.
    if (seen.get(sigs[k]!) !== true) continue;
    const i = candidates[k]!;
    addToGroup(counts, collapseWs(lines[i]!.content).toLowerCase(), i);
  }
  for (const [, idx] of counts) if (typeof idx !== 'number') groups.push(idx);
  return groups;
}

/**
 * A small integer that `c.toLowerCase()` determines (`c`: white space already collapsed): equal
 * keys give equal signatures. `toLowerCase` keeps the length but for `İ` (a letter: absent from a
 * {@link plainText}), and the case of one code unit does not depend on its neighbours but for the
 * final sigma (`ς`, counted as `σ`).
 */
export function keySignature(c: string, plain: boolean): number {
  if (!plain && c.indexOf('\u0130') >= 0) c = c.toLowerCase();
  const n = c.length;
  if (n === 0) return 0;
  return (n * 0x10000 + lowerUnit(c.charCodeAt(0), false) * 31 + lowerUnit(c.charCodeAt(n - 1), true)) | 0;
}

/** The code unit `toLowerCase` puts for `c` at the start (or, `last`, at the end) of a key; surrogates count as one. */
function lowerUnit(c: number, last: boolean): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c >= 0x400 && c < 0x460) return c < 0x410 ? c + 0x50 : c < 0x430 ? c + 32 : c;
  if (c >= 0xd800 && c <= 0xdfff) return 0xd800;
  if (c === 0x3c2) return 0x3c3; // ς: Σ lowercases to ς or σ by context
  const l = String.fromCharCode(c).toLowerCase();
  return l.charCodeAt(last ? l.length - 1 : 0);
}

const NO_LOWER_RE = /^\P{Ll}+$/u;

function detectDebris(text: string, lines: Line[]): Debris[] {
  const debris: Debris[] = [];
  // Lines that may be running headers (short, not numbered).
  const candidates: number[] = [];
  for (const line of lines) {
    if (line.block === 'blank' || line.block === 'code' || line.block === 'html') continue;
    const c = line.content;
    // `- 2 -` is a list item to Markdown: the page number is judged on the raw line.
    // The raw line is trimmed by offsets and sliced only when it may be a page number.
    let rawStart = line.start;
    let rawEnd = line.end;
    while (rawStart < rawEnd && isWs(text.charCodeAt(rawStart))) rawStart++;
    while (rawEnd > rawStart && isWs(text.charCodeAt(rawEnd - 1))) rawEnd--;
    const rawText = mayBePageNumber(text, rawStart, rawEnd) ? text.slice(rawStart, rawEnd) : undefined;
    const whole = rawText !== undefined && PAGE_NUMBER_RE.test(rawText);
    if (whole || (mayBePageNumber(c, 0, c.length) && PAGE_NUMBER_RE.test(c))) {
      const range = whole ? { start: rawStart, end: rawEnd } : { start: line.contentStart, end: line.contentEnd };
      debris.push({ kind: 'page-number', range, text: whole ? rawText : c, line: line.index });
      continue;
    }
    if (c.indexOf('[') >= 0) {
      for (const m of c.matchAll(BOOKMARK_RE)) {
        const start = line.contentStart + m.index!;
        debris.push({ kind: 'bookmark', range: { start, end: start + m[0].length }, text: m[0], line: line.index });
      }
    }
    if (c.length >= 3 && c.length <= 150 && !isClauseNumber(c)) candidates.push(line.index);
  }
  // Running headers: the same short line several times, near page numbers or three times and more.
  const pageList: number[] = []; // ascending
  for (const d of debris) if (d.kind === 'page-number') pageList.push(d.line);
  const nearPage = (i: number): boolean => {
    // Binary search for the first page line ≥ i − 3 (linear scans here made big drafts quadratic).
    const k = lowerBound(pageList, i - 3);
    return k < pageList.length && pageList[k]! <= i + 3;
  };
  // The order of the groups does not matter: the debris is sorted by offset at the end (stably,
  // and a line is in one group only).
  for (const idx of repeatedLines(lines, candidates, plainText(text))) {
    const sample = lines[idx[0]!]!;
    if (STAMP_RE.test(sample.content) || isItem(sample.content)) continue;
    let near = 0;
    for (const i of idx) if (nearPage(i)) near++;
    if (near >= 2 || (idx.length >= 3 && pageList.length > 0) || (idx.length >= 3 && NO_LOWER_RE.test(sample.content))) {
      for (const i of idx) {
        const l = lines[i]!;
        debris.push({ kind: 'running-header', range: { start: l.contentStart, end: l.contentEnd }, text: l.content, line: i });
      }
    }
  }
  debris.sort((a, b) => a.range.start - b.range.start);
  return debris;
}

function detectDirectives(text: string, lines: readonly Line[]): Directive[] {
  const out: Directive[] = [];
  // Every directive holds `normokontrol-`: the pattern is not run over a text without it (most drafts).
  if (text.indexOf('normokontrol-') < 0) return out;
  for (const m of text.matchAll(DIRECTIVE_RE)) {
    const start = m.index!;
    out.push({
      kind: m[1] as Directive['kind'],
      rules: m[2]!.split(/[\s,]+/).filter(Boolean),
      line: lineIndexIn(lines, start),
      range: { start, end: start + m[0].length },
    });
  }
  return out;
}

/** True when `s` holds `№`, `N` or `n`. */
function hasNumberSign(s: string): boolean {
  return s.indexOf('№') >= 0 || s.indexOf('N') >= 0 || s.indexOf('n') >= 0;
}

// The stamp patterns in two flavours (legal/plainRe.ts): with `\p{L}` and `iu` each costs ~1–2 ms to
// compile in a cold run; a plain text (util/plainText.ts) uses the same patterns without `u`.
const STAMP_NUMBER_RE = new DualRe('(?:протокол|приказ|решение)[^№N]{0,20}(?:№|N|No)\\s*([\\w\\p{L}\\-/]*)', 'iu');
const STAMP_BARE_NUMBER_RE = new DualRe('^от\\s.*?(?:№|N)\\s*([\\w\\p{L}\\-/]+)', 'iu');
const STAMP_NOT_BODY_RE = new DualRe('^(?:(?:протокол|приказ|решение)(?![\\p{L}])|от\\s|№|[«"]?\\s*\\d|_)', 'iu');
const INITIALS_RE = /^\p{Lu}\.\s?\p{Lu}\.\s?\p{Lu}/u;
const SURNAME_INITIALS_RE = /^\p{Lu}\p{Ll}+\s+\p{Lu}\.\s?\p{Lu}\.$/u;
/** {@link INITIALS_RE}, {@link SURNAME_INITIALS_RE} for a plain text: its only letters are `A-Za-zА-яЁё`. */
const PLAIN_INITIALS_RE = /^[A-ZА-ЯЁ]\.\s?[A-ZА-ЯЁ]\.\s?[A-ZА-ЯЁ]/;
const PLAIN_SURNAME_INITIALS_RE = /^[A-ZА-ЯЁ][a-zа-яё]+\s+[A-ZА-ЯЁ]\.\s?[A-ZА-ЯЁ]\.$/;
const STAMP_BODY_TAIL_RE = new DualRe('[\\s(]*(?:протокол|приказ)(?![\\p{L}]).*$', 'iu');

/** Reads stamp details from the lines of one stamp block (`plain`: the text is a {@link plainText}). */
function readStamp(kind: string, blockLines: readonly Line[], range: OffsetRange, plain: boolean): Stamp {
  let body: string | undefined;
  let number: string | undefined;
  let date: Stamp['date'];
  const first = blockLines[0]!;
  for (const l of blockLines) {
    if (!date) date = findDates(l.content, l.contentStart).find((d) => d.iso);
    // Both number patterns need `№` or `N` (`n` under /i): most stamp lines have neither.
    if (number !== undefined || !hasNumberSign(l.content)) continue;
    const num = STAMP_NUMBER_RE.get(plain).exec(l.content);
    if (num) number = num[1] ?? '';
    // `приказом директора` / `от 02.09.2024 № 187-од`: the order number on the date line.
    const o = l.content.charCodeAt(0); // `о`, `О`, or `ᲂ` (folds to `о` under /iu)
    const bare = num || !(o === 0x43e || o === 0x41e || o === 0x1c82) ? null : STAMP_BARE_NUMBER_RE.get(plain).exec(l.content);
    if (bare) number = bare[1];
  }
  if (!date) {
    // A date broken across lines: «15» 10 / 2025 г
    const joined = blockLines.map((l) => l.content).join(' ');
    const d = findDates(joined).find((x) => x.iso);
    if (d) {
      // Map back to the first line holding the day; the range covers the block's date lines.
      const startLine = blockLines.find((l) => l.content.includes(d.raw.slice(0, 3))) ?? first;
      date = { iso: d.iso, raw: d.raw, range: { start: startLine.contentStart, end: blockLines[blockLines.length - 1]!.contentEnd } };
    }
  }
  // The candidate bodies (the first line past its keyword, then the further lines) are stripped
  // one by one as the loop asks: it stops at the first body.
  for (let k = 0; k < blockLines.length; k++) {
    const c = stripDecor(k === 0 ? first.content.replace(STAMP_RE, '') : blockLines[k]!.content);
    if (!c) continue;
    // `Протокол № 1`, `Приказ от …`, a date, a signature line; `приказом директора` is a body.
    if (STAMP_NOT_BODY_RE.get(plain).test(c)) continue;
    if ((plain ? PLAIN_INITIALS_RE : INITIALS_RE).test(c) || (plain ? PLAIN_SURNAME_INITIALS_RE : SURNAME_INITIALS_RE).test(c)) continue; // initials and surname
    body = c.replace(STAMP_BODY_TAIL_RE.get(plain), '').trim() || undefined;
    if (body) break;
  }
  return { kind: collapseWs(kind.toUpperCase()), body, number, date, range };
}

/** Words a section heading starts with (regulations.md §3), to tell a section from a title line. */
const SECTION_WORDS_RE = /^(?:общие\s+положения|термины|понятия|основные\s+понятия|организаци|порядок\s+(?:работы|использования|организации)|права|обязанности|ответственност|заключительн|правовая\s+основа|цели|задачи)/iu;

const ROMAN_DIGITS: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
/** Value of a Roman numeral I–C written in capitals, or undefined. */
function romanValue(s: string): number | undefined {
  if (!/^(?:C|XC|L?X{0,3})(?:IX|IV|V?I{0,3})$/.test(s) || s === '') return undefined;
  const v = ROMAN_DIGITS;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const cur = v[s[i]!]!;
    const next = v[s[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total > 0 ? total : undefined;
}

const LONE_NUMBER_RE = /^([1-9]\d?)(?=[ \t\u00a0]+(?:\p{Lu}|«|\*))/u;
const ROMAN_LABEL_RE = /^([IVXLC]{1,7})(\.)\s*(?=\p{Lu}|\*|«)/u;
const SECTION_WORD_LABEL_RE = /^Раздел\s+(\d{1,2}|[IVXLC]{1,7})(\.)?(?=\s|$)/iu;

/**
 * A section label that is not an Arabic clause number: `I. Общие положения` (Roman) or
 * `Раздел 2. Порядок работы`. The number is the numeral as a lawyer cites it (`I`, `2`).
 */
function readSectionLabel(content: string, base: number, strong = false): { number: ClauseNumber; roman: boolean } | undefined {
  // Each pattern needs its first character: most lines are rejected by char tests.
  const c = content.charCodeAt(0);
  if (strong && c >= 49 && c <= 57) {
    // `## 1 Общие положения`: in a heading or a bold line a lone number needs no dot.
    const nm = LONE_NUMBER_RE.exec(content);
    if (nm) return { roman: false, number: { text: nm[1]!, parts: [Number(nm[1])], trailingDot: false, range: { start: base, end: base + nm[1]!.length } } };
  }
  const rm = c === 73 || c === 86 || c === 88 || c === 76 || c === 67 ? ROMAN_LABEL_RE.exec(content) : null; // I V X L C
  if (rm) {
    const value = romanValue(rm[1]!);
    if (value === undefined) return undefined;
    return { roman: true, number: { text: rm[1]!, parts: [value], trailingDot: true, range: { start: base, end: base + rm[0].trimEnd().length } } };
  }
  const dm = c === 0x420 || c === 0x440 ? SECTION_WORD_LABEL_RE.exec(content) : null; // `Р`, `р` (nothing else folds to them)
  if (dm) {
    const value = /^\d/.test(dm[1]!) ? Number(dm[1]) : romanValue(dm[1]!);
    if (!value) return undefined;
    const start = base + dm[0].length - dm[1]!.length - (dm[2] ? 1 : 0);
    return { roman: !/^\d/.test(dm[1]!), number: { text: dm[1]!, parts: [value], trailingDot: dm[2] === '.', range: { start, end: base + dm[0].length } } };
  }
  return undefined;
}

/**
 * Cells of the Markdown table rows starting at `first`, column by column: approval stamps are
 * often typeset side by side (СОГЛАСОВАНО | УТВЕРЖДАЮ). Each cell, split at `<br>`, becomes a
 * pseudo-line with exact offsets; a blank pseudo-line separates columns.
 */
function tableColumns(text: string, rows: readonly Line[]): Line[] {
  const columns: Line[][] = [];
  for (const row of rows) {
    const raw = text.slice(row.start, row.end);
    if (/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(raw)) continue; // delimiter row
    const pipes: number[] = [];
    for (let k = 0; k < raw.length; k++) if (raw[k] === '|' && raw[k - 1] !== '\\') pipes.push(k);
    const bounds = [...pipes];
    if (raw.trimStart()[0] !== '|') bounds.unshift(-1);
    if (raw.trimEnd().slice(-1) !== '|' || pipes.length === 0) bounds.push(raw.length);
    for (let c = 0; c + 1 < bounds.length; c++) {
      const cellStart = row.start + bounds[c]! + 1;
      const cell = text.slice(cellStart, row.start + bounds[c + 1]!);
      const col = (columns[c] ??= []);
      const re = /<br\s*\/?>/giu;
      let from = 0;
      for (;;) {
        const m = re.exec(cell);
        const to = m ? m.index : cell.length;
        let s = from;
        let e = to;
        let bold = false;
        for (;;) {
          while (s < e && /\s/.test(cell[s]!)) s++;
          while (e > s && /\s/.test(cell[e - 1]!)) e--;
          if (cell.startsWith('**', s) && cell.slice(e - 2, e) === '**' && e - s >= 4) { s += 2; e -= 2; bold = true; continue; }
          if (cell.startsWith('**', s)) { s += 2; bold = true; continue; }
          if (e - s >= 2 && cell.slice(e - 2, e) === '**') { e -= 2; continue; }
          break;
        }
        const contentStart = cellStart + s;
        const contentEnd = cellStart + Math.max(s, e);
        col.push({ ...row, contentStart, contentEnd, content: text.slice(contentStart, contentEnd), bold, block: e > s ? 'table' : 'blank' });
        if (!m) break;
        from = m.index + m[0].length;
      }
    }
  }
  const out: Line[] = [];
  for (const col of columns) {
    if (!col) continue;
    out.push(...col, { ...col[col.length - 1]!, block: 'blank', content: '', contentStart: col[col.length - 1]!.contentEnd });
  }
  return out;
}

/** True for a line a table of contents may hold: not blank, html, code or debris. */
function tocCandidate(l: Line): boolean {
  return l.block !== 'blank' && l.block !== 'html' && l.block !== 'code' && !l.debris;
}

/** Index of the first {@link tocCandidate} line at or after `j` (`lines.length` when none). */
function nextTocCandidate(lines: readonly Line[], j: number): number {
  while (j < lines.length && !tocCandidate(lines[j]!)) j++;
  return j;
}

/**
 * Lines of a table of contents (`Оглавление` / `Содержание` and its entries ending in page
 * numbers, or a run of entries with dot leaders): its numbers repeat the headings, they are not clauses.
 * An entry wrapped over two lines counts whole when its tail carries the page number.
 * Walks the candidate lines in place (`nextTocCandidate`) instead of filtering them into an array.
 */
function findTableOfContents(lines: readonly Line[]): Set<number> {
  const toc = new Set<number>();
  const n = lines.length;
  let k = nextTocCandidate(lines, 0);
  while (k < n) {
    const head = lines[k]!;
    const heading = mayBeTocHeading(head.content) && TOC_HEADING_RE.test(stripDecor(head.content));
    let j = heading ? nextTocCandidate(lines, k + 1) : k;
    // Nearly every line starts no run: the array is made for the first entry only.
    let run: number[] | undefined;
    while (j < n) {
      const c = lines[j]!.content;
      if (isTocEntry(c, heading)) { (run ??= []).push(lines[j]!.index); j = nextTocCandidate(lines, j + 1); continue; }
      const j2 = nextTocCandidate(lines, j + 1);
      const next = lines[j2];
      if (next && c.length <= 150 && isTocEntry(next.content, heading) && !isClauseNumber(next.content) && !isAppendix(next.content)) {
        (run ??= []).push(lines[j]!.index, next.index);
        j = nextTocCandidate(lines, j2 + 1);
        continue;
      }
      break;
    }
    if (run !== undefined && run.length >= (heading ? 1 : 2)) {
      if (heading) toc.add(head.index);
      for (const i of run) toc.add(i);
      k = j; // the run's lines are done: go on at the line that ended it
    } else k = nextTocCandidate(lines, k + 1);
  }
  return toc;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Marks the lines of page numbers and running headers as debris, and drops a bookmark at the start
 * of a line from its content. In place: the lines are this model's own (fresh from
 * classifyText/classifyLines); copying them (`{ ...l, debris: true }` into a second array) cost
 * allocations per draft and gave the lines several hidden classes.
 */
function markDebris(text: string, lines: Line[], debris: readonly Debris[]): void {
  for (const d of debris) if (d.kind !== 'bookmark') (lines[d.line] as Mutable<Line>).debris = true;
  for (const b of debris) {
    if (b.kind !== 'bookmark') continue;
    const l = lines[b.line] as Mutable<Line>;
    if (l.debris || b.range.start !== l.contentStart) continue;
    let contentStart = b.range.end;
    while (contentStart < l.contentEnd && isWs(text.charCodeAt(contentStart))) contentStart++;
    l.contentStart = contentStart;
    l.content = text.slice(contentStart, l.contentEnd);
    l.debris = contentStart >= l.contentEnd;
  }
}

/** A line the tree is built from: not blank, html, code, debris or a table-of-contents line. */
function isText(l: Line, toc: ReadonlySet<number>): boolean {
  return l.block !== 'blank' && l.block !== 'html' && l.block !== 'code' && !l.debris && (toc.size === 0 || !toc.has(l.index));
}

/**
 * `2.` or `Раздел IV` alone on its line, the title on the next text line (a blank line between
 * allowed): the layout of PDF and DOCX conversions. Returns the title line, if there is one.
 */
function titleLineAfter(lines: readonly Line[], toc: ReadonlySet<number>, index: number): Line | undefined {
  for (let j = index + 1, blanks = 0; j < lines.length; j++) {
    const n = lines[j]!;
    if (n.block === 'blank') { if (++blanks > 1) return undefined; continue; }
    if (!isText(n, toc)) return undefined;
    const c = n.content;
    if (isClauseNumber(c) || readSectionLabel(c, 0, true) || isItem(c) || isAppendix(c) || STAMP_RE.test(c) || TITLE_RE.test(c)) return undefined;
    // As a plain paragraph line (neither heading nor bold).
    return readsAsSectionTitle(c) ? n : undefined;
  }
  return undefined;
}

/**
 * True when nothing but emphasis follows the number or label on its line:
 * `stripDecor(l.content.slice(end - l.contentStart)) === ''`. stripDecor only drops `*`, `_`,
 * white space and quotes, so any other character answers at once (the common case, no slice).
 */
function bareAfter(l: Line, end: number): boolean {
  const s = l.content;
  for (let k = end - l.contentStart; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!(c === 42 || c === 95 || c === 34 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || isWs(c))) return false;
  }
  return stripDecor(s.slice(end - l.contentStart)) === '';
}

/** Index of the first body line: the first line that opens a section or clause (header zone: stamps and title before it). */
function findBodyStart(lines: readonly Line[], toc: ReadonlySet<number>): number {
  let titleSeen = false;
  let titleHeadingRun = false; // still inside the heading lines that continue a heading title
  for (const l of lines) {
    if (!isText(l, toc)) continue;
    const n = readClauseNumber(l.content, l.contentStart);
    if (n && (n.parts.length > 1 || looksLikeSectionTitle(l, l.content.slice(n.range.end - l.contentStart)) || (bareAfter(l, n.range.end) && titleLineAfter(lines, toc, l.index)))) return l.index;
    const label = readSectionLabel(l.content, l.contentStart, l.block === 'heading' || l.bold);
    if (label && (looksLikeSectionTitle(l, l.content.slice(label.number.range.end - l.contentStart)) || (bareAfter(l, label.number.range.end) && titleLineAfter(lines, toc, l.index)))) return l.index;
    const isTitle = TITLE_RE.test(l.content);
    const isStamp = STAMP_RE.test(l.content);
    if (!isTitle && !isStamp && looksLikeUnnumberedSection(l)) {
      const sectionWord = SECTION_WORDS_RE.test(stripDecor(l.content));
      // `# ПОЛОЖЕНИЕ` + `## об использовании …`: a heading right under a heading title continues it.
      const continuesTitle = titleHeadingRun && !sectionWord;
      if ((l.block === 'heading' && !continuesTitle) || (titleSeen && sectionWord)) return l.index;
    }
    if (isTitle) titleSeen = true;
    titleHeadingRun = isTitle ? l.block === 'heading' : titleHeadingRun && l.block === 'heading';
  }
  return lines.length;
}

/**
 * `/^\s*\||[^\\]\|/.test(text.slice(l.start, l.end))` for lines asked in ascending order: a `|`
 * at the start of the raw line or after any character but `\`. Native `indexOf` jumps from pipe to
 * pipe (a per-character loop over every header line ran in the interpreter); the cursor only moves
 * forward, so all lines together cost one pass.
 */
export class PipeFinder {
  /** The first `|` at or after the last line asked (-1: none left). */
  private next: number;
  constructor(private readonly text: string) {
    this.next = text.indexOf('|');
  }
  hasPipe(l: Line): boolean {
    const text = this.text;
    if (this.next >= 0 && this.next < l.start) this.next = text.indexOf('|', l.start);
    for (let k = this.next; k >= 0 && k < l.end; k = this.next = text.indexOf('|', k + 1)) {
      if (k === l.start || text.charCodeAt(k - 1) !== 92) return true;
    }
    return false;
  }
}
const DELIMITER_ROW_RE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** The header (lines before `bodyStartLine`) as a sequence of lines, tables expanded column by column. */
function headerLines(text: string, lines: readonly Line[], bodyStartLine: number): Line[] {
  const header: Line[] = [];
  // remark-parse without GFM does not know tables: a run of `|` lines with a delimiter row is one
  // (GFM allows rows without the edge pipes: `СОГЛАСОВАНО | УТВЕРЖДАЮ`).
  // No `|` in the header at all (most drafts): no table to expand.
  const firstPipe = text.indexOf('|');
  if (firstPipe < 0 || bodyStartLine === 0 || firstPipe >= lines[bodyStartLine - 1]!.end) return lines.slice(0, bodyStartLine);
  const pipes = new PipeFinder(text);
  const pipeRow = (l: Line): boolean => l.block !== 'code' && l.block !== 'html' && pipes.hasPipe(l);
  for (let i = 0; i < bodyStartLine; i++) {
    const l = lines[i]!;
    if (!pipeRow(l)) { header.push(l); continue; }
    const rows: Line[] = [];
    while (i < bodyStartLine && pipeRow(lines[i]!)) rows.push(lines[i++]!);
    i--;
    const delimiter = rows.some((r) => DELIMITER_ROW_RE.test(text.slice(r.start, r.end)));
    header.push(...(delimiter ? tableColumns(text, rows) : rows));
  }
  return header;
}

/** The stamp node of the lines of one stamp block (`kind`: the keyword as written). */
function stampNode(kind: string, ls: readonly Line[], plain: boolean): MutableNode {
  let start = Infinity;
  let end = 0;
  for (const x of ls) {
    start = Math.min(start, x.contentStart);
    end = Math.max(end, x.contentEnd);
  }
  const range = { start, end };
  const first = ls[0]!;
  const stamp = readStamp(kind, ls, range, plain);
  const kwEnd = first.contentStart + (STAMP_RE.exec(first.content)?.[0].length ?? 0);
  const node = makeNode('stamp', first, stamp.kind, { start: first.contentStart, end: kwEnd });
  node.stamp = stamp;
  node.range = range;
  // Line indices in order of first appearance (the cells of one table row share a line).
  node.lines.length = 0;
  for (const l of ls) if (!node.lines.includes(l.index)) node.lines.push(l.index);
  let text = first.content;
  for (let k = 1; k < ls.length; k++) text += '\n' + ls[k]!.content;
  node.text = text;
  return node;
}

interface TitleRead {
  title: Title;
  node: MutableNode;
  /** The title's last line. */
  last: Line;
}

/**
 * The title starting at `header[k]` (`tm`: its TITLE_RE match): the document kind and the subject,
 * which runs on over the following lines; it stops at a stamp, at a capitalised paragraph after
 * a blank line, and at a preamble sentence.
 */
function readTitle(header: readonly Line[], k: number, tm: RegExpExecArray, toc: ReadonlySet<number>, nextTextIn: readonly number[]): TitleRead {
  const l = header[k]!;
  const kindStart = l.contentStart + tm[0].length - tm[1]!.length;
  const titleLines: Line[] = [l];
  const restOfFirst = stripDecor(l.content.slice(tm[0].length)).trim();
  for (let j = k + 1; j < header.length; j++) {
    const n = header[j]!;
    if (!isText(n, toc)) {
      if (n.block === 'blank') {
        const nk = nextTextIn[j]!;
        if (nk < 0) break;
        const next = header[nk]!;
        const firstLetter = FIRST_LETTER_RE.exec(stripDecor(next.content))?.[0] ?? '';
        const prevBold = titleLines[titleLines.length - 1]!.bold;
        const continues = (firstLetter !== '' && firstLetter === firstLetter.toLowerCase()) || (titleLines.length === 1 && restOfFirst === '');
        if (!continues || (prevBold && !next.bold && titleLines.length > 1)) break;
        j = nk - 1;
      }
      continue;
    }
    if (STAMP_RE.test(n.content) || n.block === 'table' || titleLines.length >= 15) break;
    const t = stripDecor(n.content);
    const subjectStarted = titleLines.length > 1 || restOfFirst !== '';
    if (subjectStarted && UPPER_LOWER_RE.test(t) && (/[.:!?]$/.test(t) || t.length > 150)) break; // a preamble sentence
    titleLines.push(n);
  }
  // The non-empty parts (the rest of the first line, then the stripped further lines) joined by spaces.
  let joined = restOfFirst;
  for (let j = 1; j < titleLines.length; j++) {
    const part = stripDecor(titleLines[j]!.content);
    if (part !== '') joined = joined === '' ? part : joined + ' ' + part;
  }
  const subject = titleCase(joined);
  const last = titleLines[titleLines.length - 1]!;
  const kind = tm[1]!.toUpperCase();
  const title: Title = {
    kind,
    subject,
    kindRange: { start: kindStart, end: kindStart + tm[1]!.length },
    range: { start: l.contentStart, end: last.contentEnd },
  };
  const node = makeNode('title', l, titleCase(`${kind} ${subject}`), { start: l.contentStart, end: last.contentEnd });
  node.range = title.range;
  node.lines.length = 0;
  for (const x of titleLines) node.lines.push(x.index);
  node.text = titleLines.map((x) => x.content).join('\n');
  return { title, node, last };
}

interface HeaderRead {
  stamps: MutableNode[];
  title: Title | undefined;
  titleNode: MutableNode | undefined;
}

/** Stamps and the title of the header lines. */
function readHeader(header: readonly Line[], toc: ReadonlySet<number>, plain: boolean): HeaderRead {
  // Index of the next text line in `header` after each position (one backward pass, no rescans).
  const nextTextIn: number[] = new Array<number>(header.length + 1).fill(-1);
  for (let k = header.length - 2; k >= 0; k--) nextTextIn[k] = isText(header[k + 1]!, toc) ? k + 1 : nextTextIn[k + 1]!;
  const out: HeaderRead = { stamps: [], title: undefined, titleNode: undefined };
  let current: { kind: string; lines: Line[] } | undefined;
  for (let k = 0; k < header.length; k++) {
    const l = header[k]!;
    if (!isText(l, toc)) continue;
    const sm = STAMP_RE.exec(l.content);
    const tm = out.title ? null : TITLE_RE.exec(l.content);
    if (sm && !tm && l.content.length < 200) {
      if (current) out.stamps.push(stampNode(current.kind, current.lines, plain));
      current = { kind: sm[1]!, lines: [l] };
      continue;
    }
    if (tm) {
      if (current) out.stamps.push(stampNode(current.kind, current.lines, plain));
      current = undefined;
      const t = readTitle(header, k, tm, toc, nextTextIn);
      out.title = t.title;
      out.titleNode = t.node;
      k = header.indexOf(t.last, k);
      continue;
    }
    if (current) {
      // A stamp is a few short lines; a long line after it is a preamble, not part of the stamp.
      if (l.content.length > 150 || current.lines.length >= 12) {
        out.stamps.push(stampNode(current.kind, current.lines, plain));
        current = undefined;
      } else current.lines.push(l);
    }
  }
  if (current) out.stamps.push(stampNode(current.kind, current.lines, plain));
  return out;
}

const MAX_ITEM_DEPTH = 8;
function itemDepth(n: RegNode): number {
  let d = 0;
  for (let p: RegNode | undefined = n; p && p.kind === 'item'; p = p.parent) d++;
  return d;
}

/** `/^[-*+]$/.test(m)`. */
const isBulletMarker = (m: string): boolean => m.length === 1 && (m === '-' || m === '*' || m === '+');

const APPENDIX_NOT_CAPTION_RE = /\s(?:является|являются|прилага|содержит|утвержда[её]тся|вступает)/iu;

/**
 * The body pass: sections, clauses, items and appendices, line by line. The state is the set of
 * open nodes; each kind of line has its own method (small functions compile and optimise sooner
 * than the one 500-line function this was).
 */
class BodyBuilder {
  readonly appendices: MutableNode[] = [];
  /** Where top-level nodes of the current scope go (body or an appendix). */
  private scopeChildren: RegNode[];
  private scopeParent: MutableNode | undefined = undefined;
  /** Open numbered/structural nodes; items are tracked separately. */
  private stack: MutableNode[] = [];
  /** The node the next continuation line belongs to. */
  private lastNode: MutableNode | undefined = undefined;
  private lastItem: MutableNode | undefined = undefined;
  private blankBefore = false;
  /** A Roman-numbered section (`II. Организация работы`) is open: single Arabic numbers are its clauses. */
  private romanSection: MutableNode | undefined = undefined;
  private lastText = '';

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
    private readonly toc: ReadonlySet<number>,
    private readonly titleNode: MutableNode | undefined,
    readonly topLevel: RegNode[],
  ) {
    this.scopeChildren = topLevel;
  }

  run(bodyStartLine: number): void {
    const lines = this.lines;
    for (let i = bodyStartLine; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.block === 'blank') { this.blankBefore = true; continue; }
      if (!isText(l, this.toc)) continue;
      const prevContent = this.lastText;
      this.lastText = l.content;
      i = this.line(l, i, prevContent, bodyStartLine);
      this.blankBefore = false;
    }
  }

  /** Reads text line `l` (index `i`); returns the index of the last line it used. */
  private line(l: Line, i: number, prevContent: string, bodyStartLine: number): number {
    const content = l.content;
    const am = appendixMatch(content);
    if (am && !APPENDIX_NOT_CAPTION_RE.test(content) && (am[2] !== undefined || content.length < 40 || /^Приложение\s+к\s/iu.test(content))) {
      this.openAppendix(l, am);
      return i;
    }
    const label = readSectionLabel(content, l.contentStart, l.block === 'heading' || l.bold);
    if (label) {
      const labelTitle = bareAfter(l, label.number.range.end) ? titleLineAfter(this.lines, this.toc, i) : undefined;
      if (labelTitle || looksLikeSectionTitle(l, content.slice(label.number.range.end - l.contentStart))) return this.openLabelled(l, i, label, labelTitle);
    }
    const number = readClauseNumber(content, l.contentStart);
    if (number && !this.brokenSentence(l, number, prevContent)) return this.numbered(l, i, number, prevContent);
    if (this.item(l)) return i;
    // The cheap tests first: most lines are continuations after a text line, and the heuristic reads the whole line.
    if (!this.scopeParent && (l.block === 'heading' || this.blankBefore || i === bodyStartLine) && looksLikeUnnumberedSection(l)) {
      const node = makeNode('section', l, dropFinalDotOrColon(stripDecor(content)), { start: l.contentStart, end: l.contentEnd });
      this.attach(node, undefined);
      this.stack.length = 0;
      this.stack.push(node);
      this.romanSection = undefined;
      this.lastNode = node;
      this.lastItem = undefined;
      return i;
    }
    this.continuation(l, prevContent);
    return i;
  }

  private attach(node: MutableNode, parent: MutableNode | undefined): void {
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      if (this.scopeParent) node.parent = this.scopeParent;
      this.scopeChildren.push(node);
    }
  }

  /** `Приложение № 2`: an appendix; what follows belongs to it. */
  private openAppendix(l: Line, am: RegExpExecArray): void {
    const number: ClauseNumber | undefined = am[2]
      ? { text: am[2], parts: [Number(am[2])], trailingDot: false, range: { start: l.contentStart + am[0].length - am[2].length, end: l.contentStart + am[0].length } }
      : undefined;
    const node = makeNode('appendix', l, shortTitle(stripDecor(l.content)), { start: l.contentStart, end: l.contentEnd });
    node.number = number;
    this.topLevel.push(node);
    this.appendices.push(node);
    this.scopeParent = node;
    this.scopeChildren = node.children;
    this.stack.length = 0;
    this.romanSection = undefined;
    this.lastNode = node;
    this.lastItem = undefined;
  }

  /** `I. Общие положения`, `Раздел 2. Порядок работы`; `Раздел IV` with its title on the next line. */
  private openLabelled(l: Line, i: number, label: { number: ClauseNumber; roman: boolean }, labelTitle: Line | undefined): number {
    const rest = labelTitle ? labelTitle.content : this.text.slice(label.number.range.end, l.contentEnd);
    const tStart = labelTitle ? labelTitle.contentStart : label.number.range.end + (rest.length - rest.trimStart().length);
    const node = makeNode('section', l, dropFinalDotOrColon(stripDecor(rest)), { start: tStart, end: (labelTitle ?? l).contentEnd });
    node.number = label.number;
    if (labelTitle) {
      node.lines.push(labelTitle.index);
      i = labelTitle.index;
      this.lastText = labelTitle.content;
    }
    this.attach(node, undefined);
    this.stack.length = 0;
    this.stack.push(node);
    this.romanSection = label.roman ? node : undefined;
    this.lastNode = node;
    this.lastItem = undefined;
    return i;
  }

  /**
   * `… не более` / `1.5 академических часов`: a sentence broken before a decimal, not clause 1.5.
   * `… указанные в п.` / `2.3 настоящего Положения`: a reference broken before its number.
   */
  private brokenSentence(l: Line, number: ClauseNumber, prevContent: string): boolean {
    return number.parts.length > 1 && this.lastNode !== undefined && lowerAfter(l.content, number.range.end - l.contentStart) &&
      ((!number.trailingDot && endsLowerCommaDash(prevContent)) || endsWithReferenceWord(prevContent));
  }

  /** The number of the last item when it is the last node and has a one-part number. */
  private prevEntry(): number | undefined {
    const lastItem = this.lastItem;
    return lastItem && this.lastNode === lastItem && lastItem.number?.parts.length === 1 ? lastItem.number.parts[0]! : undefined;
  }

  /** A line with a clause number: a section, clause, sub-clause, or an entry of a numbered list. Returns the last line used. */
  private numbered(l: Line, i: number, number: ClauseNumber, prevContent: string): number {
    const rest = l.content.slice(number.range.end - l.contentStart);
    let kind: NodeKind = kindForDepth(number.parts.length);
    const plain = l.block !== 'heading' && !l.bold;
    if (kind === 'section' && this.romanSection && plain) {
      // Under a Roman section `1. Настоящее Положение …` is clause 1, unless it is a list entry.
      const entry = !UPPER_FIRST_RE.test(stripDecor(rest)) || (number.parts[0] === 1 && lastCode(prevContent) === 58) || this.prevEntry() === number.parts[0]! - 1;
      if (!entry) {
        const rt = this.text.slice(number.range.end, l.contentEnd);
        const node = makeNode('clause', l, shortTitle(rt), { start: number.range.end + (rt.length - rt.trimStart().length), end: l.contentEnd });
        node.number = number;
        this.attach(node, this.romanSection);
        this.stack.length = 0;
        this.stack.push(this.romanSection, node);
        this.lastNode = node;
        this.lastItem = undefined;
        return i;
      }
    }
    // `2.` alone on its line, `Организация работы` on the next.
    const ownTitle = kind === 'section' && bareAfter(l, number.range.end) ? titleLineAfter(this.lines, this.toc, i) : undefined;
    // Only a section number needs `titled` (the heuristics read the whole line): computed for it alone.
    const titled = kind === 'section' && (ownTitle !== undefined || looksLikeSectionTitle(l, rest));
    const inAppendix = this.scopeParent !== undefined && plain;
    const appendixSection = inAppendix && titled && this.opensAppendixSection(i, number);
    if (kind === 'section' && !appendixSection && (inAppendix || (this.romanSection && plain) || !titled || this.isNumberedEntry(l, number, rest, i, prevContent))) {
      this.numberedItem(l, number, rest);
      return i;
    }
    kind = kindForDepth(number.parts.length);
    if (this.romanSection && this.stack.some((c) => c.kind === 'clause' && c.number !== undefined && isPrefix(c.number.parts, number.parts))) kind = 'subclause';
    const node = this.openNumbered(l, number, kind, kind === 'section' ? ownTitle : undefined);
    if (kind === 'section') this.romanSection = undefined;
    if (kind === 'section' && ownTitle) {
      i = ownTitle.index;
      this.lastText = ownTitle.content;
    }
    this.lastNode = node;
    this.lastItem = undefined;
    return i;
  }

  /** In an appendix, a titled `N.` followed by `N.x` is a section of the appendix. */
  private opensAppendixSection(i: number, number: ClauseNumber): boolean {
    const next = this.nextNumberAfter(i);
    return next !== undefined && next.parts.length > 1 && next.parts[0] === number.parts[0];
  }

  /** `1. получать доступ …;` — a numbered list entry of the current clause. */
  private numberedItem(l: Line, number: ClauseNumber, rest: string): void {
    const parent = this.lastItem?.parent as MutableNode | undefined ?? this.stack[this.stack.length - 1] ?? this.scopeParent;
    const node = makeNode('item', l, shortTitle(rest), { start: number.range.end, end: l.contentEnd });
    node.number = number;
    node.marker = number.text + (number.trailingDot ? '.' : '');
    if (parent && parent !== this.scopeParent) this.attach(node, parent);
    else this.attach(node, undefined);
    this.lastItem = node;
    this.lastNode = node;
  }

  private openNumbered(line: Line, number: ClauseNumber, kind: NodeKind, titleLine?: Line): MutableNode {
    const rest = titleLine ? titleLine.content : this.text.slice(number.range.end, line.contentEnd);
    const lead = rest.length - rest.trimStart().length;
    const tStart = titleLine ? titleLine.contentStart : number.range.end + lead;
    const titleText = kind === 'section' ? dropFinalDotOrColon(stripDecor(rest)) : shortTitle(rest);
    const stack = this.stack;
    // Parent: deepest open node whose number is a prefix of this one.
    let parent: MutableNode | undefined;
    let at = -1;
    let orphan = false;
    if (number.parts.length > 1) {
      for (let k = stack.length - 1; k >= 0 && !parent; k--) {
        const cand = stack[k]!;
        if (cand.number !== undefined && isPrefix(cand.number.parts, number.parts)) { parent = cand; at = k; }
      }
      if (!parent) {
        // Keep it where the text puts it: under the deepest open node shallower than itself.
        for (let k = stack.length - 1; k >= 0 && !parent; k--) {
          const cand = stack[k]!;
          if (!cand.number || cand.number.parts.length < number.parts.length) { parent = cand; at = k; }
        }
        orphan = !parent || parent.number !== undefined;
      }
    }
    const node = makeNode(kind, line, titleText, { start: tStart, end: (titleLine ?? line).contentEnd });
    node.number = number;
    node.orphan = orphan || undefined;
    if (titleLine) node.lines.push(titleLine.index);
    this.attach(node, parent);
    // The stack is this builder's own: cut and pushed in place.
    stack.length = parent ? at + 1 : 0;
    stack.push(node);
    return node;
  }

  /** The next clause number after line `index`, looking at most 200 text lines ahead; stops at an appendix. */
  private nextNumberAfter(index: number): ClauseNumber | undefined {
    const lines = this.lines;
    for (let j = index + 1, budget = 200; j < lines.length && budget > 0; j++) {
      const next = lines[j]!;
      if (!isText(next, this.toc)) continue;
      budget--;
      if (isAppendix(next.content)) return undefined;
      const nn = readClauseNumber(next.content, next.contentStart);
      if (nn) return nn;
    }
    return undefined;
  }

  /**
   * `1. Заместитель директора по учебной работе.` inside a section is an entry of a numbered list,
   * not section 1: it starts a list (after a colon, or ending like a sentence with `2.` next), or
   * continues one, or does not go up from the current section while no clause `N.x` follows.
   * `2. Права участников` followed by `2.1.` stays a section, even a duplicate one. Headings and
   * bold lines stay sections.
   */
  private isNumberedEntry(line: Line, number: ClauseNumber, rest: string, index: number, prevContent: string): boolean {
    const stack = this.stack;
    if (line.block === 'heading' || line.bold || stack.length === 0) return false;
    const n = number.parts[0]!;
    const t = stripDecor(rest);
    const next = this.nextNumberAfter(index);
    const prevEntry = this.prevEntry();
    if (next && next.parts.length > 1 && next.parts[0] === n) {
      // `3. Классные руководители.` ending a list `1.`, `2.` of clause 3.1 with 3.2 next: the list
      // goes on and section 3 is not opened again (its clause 3.1 is still open).
      const lastPart = next.parts[next.parts.length - 1]!;
      const before = [...next.parts.slice(0, -1), lastPart - 1].join('.');
      const continues = prevEntry === n - 1 && lastPart > 1 && stack.some((c) => c.number?.text === before);
      if (!continues) return false;
    }
    const e = lastCode(t);
    const endsSentence = e === 46 || e === 59; // /[.;]$/
    if (prevEntry === n - 1 && (endsSentence || lastCode(stripDecor(this.lines[this.lastItem!.line]!.content)) !== 46)) return true;
    if (n === 1 && (lastCode(prevContent) === 58 || (endsSentence && next?.parts.length === 1))) return true;
    if (endsSentence && next?.parts.length === 1 && next.parts[0] === n + 1) return true;
    const current = stack[0]!.number?.parts[0];
    if (current !== undefined && n > current) return false;
    return !(next && next.parts.length > 1);
  }

  /** A bulleted or lettered list item (`- …`, `а) …`, `1) …`); false when the line is none. */
  private item(l: Line): boolean {
    const content = l.content;
    const im = mayStartItem(content.charCodeAt(0)) ? ITEM_RE.exec(content) : null;
    // A bullet the scanner took off the content: the item starts right at the content.
    const len = im ? im[0].length : l.listMarker && isBulletMarker(l.listMarker) ? 0 : -1;
    if (len < 0 || !(len > 0 || l.listMarker)) return false;
    const lastItem = this.lastItem;
    const owner = this.stack[this.stack.length - 1] ?? this.scopeParent;
    let parent: MutableNode | undefined = owner;
    if (lastItem && l.listDepth > 0 && lastItem.parent === owner) {
      const prevLine = this.lines[lastItem.line]!;
      if (l.listDepth > prevLine.listDepth) parent = lastItem;
    } else if (lastItem && lastItem.parent && lastItem.parent.kind === 'item' && l.listDepth > 0 && l.listDepth >= this.lines[lastItem.line]!.listDepth) {
      parent = lastItem.parent as MutableNode;
    }
    // Deeper nesting than a lawyer writes (pathological input) continues at the cap as siblings.
    while (parent && parent.kind === 'item' && itemDepth(parent) >= MAX_ITEM_DEPTH) parent = parent.parent as MutableNode | undefined;
    const marker = (im ? im[0].trim() : '') || l.listMarker;
    const node = makeNode('item', l, shortTitle(len > 0 ? content.slice(len) : content), { start: l.contentStart + len, end: l.contentEnd });
    node.marker = marker;
    if (parent && parent !== this.scopeParent) this.attach(node, parent);
    else this.attach(node, undefined);
    this.lastItem = node;
    this.lastNode = node;
    return true;
  }

  /**
   * Continuation: belongs to the item right above, or to its clause after a blank line or when a
   * new sentence starts after an item that ended one.
   */
  private continuation(l: Line, prevContent: string): void {
    let owner = this.lastNode;
    if (owner && owner.kind === 'item' && (this.blankBefore || startsNewSentence(prevContent, l.content))) owner = (this.stack[this.stack.length - 1] ?? this.scopeParent ?? owner);
    if (owner) owner.lines.push(l.index);
    else if (!this.scopeParent) {
      // Text after the title and before the first clause: a preamble; kept as a continuation of the title.
      this.titleNode?.lines.push(l.index);
    }
  }
}

/** `content` starts a sentence (`Он …`) after `prev` ended one (`.`, `!`, `?`). */
function startsNewSentence(prev: string, content: string): boolean {
  const pe = lastCode(prev);
  return (pe === 46 || pe === 33 || pe === 63) && UPPER_LOWER_RE.test(stripDecor(content));
}

/**
 * Texts and ranges of the tree; returns every node in head order. A range ends at the last line
 * of the node or of any descendant.
 */
function finishNodes(lines: readonly Line[], topLevel: RegNode[]): RegNode[] {
  // Pre-order, children in document order (pushed last to first): a parent comes before its
  // descendants, so the reverse order is a post-order for the range ends below.
  const nodes: RegNode[] = [];
  topLevel.sort((a, b) => a.range.start - b.range.start);
  const todo: MutableNode[] = [];
  for (const top of topLevel) {
    todo.push(top as MutableNode);
    while (todo.length > 0) {
      const m = todo.pop()!;
      if (m.lines.length > 1 && !ascending(m.lines)) m.lines.sort((a, b) => a - b);
      // Stamp texts were read cell by cell (a table row may hold two stamps).
      if (m.kind !== 'stamp') m.text = nodeText(lines, m.lines);
      // `1.1.` alone on its line: the clause is titled by the line that follows.
      if (m.title === '' && m.number && m.kind !== 'section' && m.lines.length > 1) (m as { title: string }).title = shortTitle(lines[m.lines[1]!]!.content);
      let end = m.range.end;
      if (m.kind !== 'stamp') for (const i of m.lines) end = Math.max(end, lines[i]!.contentEnd);
      m.range = { start: Math.min(m.range.start, m.headRange.start), end };
      nodes.push(m);
      for (let c = m.children.length - 1; c >= 0; c--) todo.push(m.children[c] as MutableNode);
    }
  }
  for (let k = nodes.length - 1; k >= 0; k--) {
    const m = nodes[k]!;
    const parent = m.parent as MutableNode | undefined;
    if (parent && parent.range.end < m.range.end) parent.range = { start: parent.range.start, end: m.range.end };
  }
  // `nodes` is in head order when the heads strictly increase (nearly always): no sort needed.
  // Otherwise the order is, as ever, the stable sort of the pre-order that visits children last
  // to first (ties keep that order).
  let increasing = true;
  for (let k = 1; k < nodes.length && increasing; k++) increasing = nodes[k - 1]!.headRange.start < nodes[k]!.headRange.start;
  if (!increasing) {
    nodes.length = 0;
    for (const top of topLevel) {
      const todo: RegNode[] = [top];
      while (todo.length > 0) {
        const m = todo.pop()!;
        nodes.push(m);
        for (const c of m.children) todo.push(c);
      }
    }
    nodes.sort((a, b) => a.headRange.start - b.headRange.start);
  }
  return nodes;
}

/** The contents of a node's lines joined by line breaks; empty lines after the first are left out. */
export function nodeText(lines: readonly Line[], indices: readonly number[]): string {
  let s = lines[indices[0]!]!.content;
  for (let k = 1; k < indices.length; k++) {
    const c = lines[indices[k]!]!.content;
    if (c.length > 0) s += '\n' + c;
  }
  return s;
}

/** The dominant line ending, counted from the line ends (every line but the last ends in a break). */
function dominantEol(text: string, lines: readonly Line[]): DocumentModel['eol'] {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let k = 0; k + 1 < lines.length; k++) {
    const e = lines[k]!.end;
    if (text.charCodeAt(e) === 10) lf++;
    else if (text.charCodeAt(e + 1) === 10) crlf++;
    else cr++;
  }
  return crlf > lf && crlf >= cr ? '\r\n' : cr > lf ? '\r' : '\n';
}

/** Builds the model of `text`. `tree` may be passed when the caller already parsed the text. */
export function buildModel(text: string, tree?: Root): DocumentModel {
  const lines = tree ? classifyLines(text, tree) : classifyText(text);
  const debris = detectDebris(text, lines);
  markDebris(text, lines, debris);
  const directives = detectDirectives(text, lines);
  // A table of contents lists headings with page numbers; its numbers are not clauses (a lawyer
  // reads them as the contents), so its lines stay out of the tree, as debris does.
  const toc = findTableOfContents(lines);

  // --- Header zone: stamps and title before the first clause. ---
  const bodyStartLine = findBodyStart(lines, toc);
  const { stamps, title, titleNode } = readHeader(headerLines(text, lines, bodyStartLine), toc, plainText(text));

  // --- Body: sections, clauses, items, appendices. ---
  const topLevel: RegNode[] = [...stamps];
  if (titleNode) topLevel.push(titleNode);
  topLevel.sort((a, b) => a.range.start - b.range.start);
  const body = new BodyBuilder(text, lines, toc, titleNode, topLevel);
  body.run(bodyStartLine);
  const nodes = finishNodes(lines, topLevel);

  const approval = stamps.find((s) => /^УТВЕРЖД/.test(s.stamp!.kind) && s.stamp!.date?.iso) ?? stamps.find((s) => s.stamp!.date?.iso);
  return {
    text,
    bom: text.charCodeAt(0) === 0xfeff,
    eol: dominantEol(text, lines),
    lines,
    stamps,
    title,
    root: topLevel,
    nodes,
    appendices: body.appendices,
    debris,
    directives,
    approvalDate: approval?.stamp?.date?.iso,
    bodyStart: bodyStartLine < lines.length ? lines[bodyStartLine]!.start : text.length,
    lineAt: (offset: number) => lineIndexIn(lines, offset),
  };
}

/**
 * terms/abbreviation
 *
 * What it checks: short names introduced with «(далее – X)» («(далее - X)», «(далее — X)»,
 * «(далее по тексту – X)», several names separated by commas):
 * - the long form is repeated after the introduction, in any case form («информационно-
 *   коммуникационной образовательной платформы «Сферум»» after «(далее – ИКОП «Сферум»)») —
 *   checked for abbreviations whose letters are the initials of the long form (ИКОП, АИС «ЭПОС»);
 *   a definition in the terms section and a repetition followed by a parenthesis are not reported;
 * - an abbreviation used in the body before it is introduced (the line of the introduction and
 *   the terms section excepted);
 * - a short name never used after its introduction.
 * Why: an act defines a short name to use it; the long form afterwards, or the short form before
 * its definition, makes a reader wonder whether two things are meant.
 * Options: none.
 * Fix: a repeated long form → the abbreviation (abbreviations do not decline, so the sentence
 * stays grammatical). The other findings have no automatic fix.
 */
import { definitionNodes } from '../../analysis/platform';
import { letterLengthBefore } from '../../analysis/script';
import { inZones, protectedZones } from '../../analysis/zones';
import { plainSource, plainText } from '../../analysis/termsData';
import type { DocumentModel, OffsetRange } from '../../model/types';
import { defineRule } from '../types';
import { overlapTest } from '../../util/ranges';

/** One introduced short name. */
export interface Alias extends OffsetRange {
  readonly text: string;
  /** The whole parenthesis «(далее – …)». */
  readonly intro: OffsetRange;
  /** The long form before the parenthesis (acronyms only). */
  readonly longForm?: OffsetRange;
  readonly acronym: boolean;
}

const INTRO_RE = /\(\s*далее(?![\p{L}])/giu;
const LEAD_RE = /^\s*(?:по\s+тексту\s*)?(?:[-–—:]\s*|\s+)/u;
const ACRONYM_RE = /^[\p{L}]*\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*$/u;

/**
 * `ACRONYM_RE.test(word)` for a run of letters: two capitals or more. Plain letters are decided by
 * code (the regex backtracks through the word for each capital); anything else goes to the regex.
 */
export function isAcronym(word: string): boolean {
  let upper = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x42f) || c === 0x401) upper++;
    else if (!((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x44f) || c === 0x451)) return ACRONYM_RE.test(word);
  }
  return upper >= 2;
}

/** Splits `s` at top-level commas and semicolons (not inside «…» or (…)). */
function splitTop(s: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (c === '«' || c === '(') depth++;
    else if ((c === '»' || c === ')') && depth > 0) depth--;
    if (i === s.length || (depth === 0 && (c === ',' || c === ';'))) {
      const part = s.slice(from, i);
      const lead = part.length - part.trimStart().length;
      if (part.trim()) out.push({ text: part.trim(), offset: from + lead });
      from = i + 1;
    }
  }
  return out;
}

/** Initial letters of a word (each part of a hyphenated compound). */
function initials(word: string): string {
  return word.split(/[-‐‑]/).map((p) => p[0] ?? '').join('').toUpperCase();
}

/** Finds the long form of an acronym before `end` on the same line, or undefined. */
function longFormBefore(text: string, lineStart: number, end: number, acronym: string): OffsetRange | undefined {
  const letters = acronym.replace(/[^\p{Lu}]/gu, '');
  let pos = end;
  while (pos > lineStart && isWhite(text.charCodeAt(pos - 1))) pos--;
  let stop = pos;
  // An optional quoted tail («Сферум», «Электронная … Система»).
  if (text[pos - 1] === '»' || text[pos - 1] === '"') {
    const open = text.lastIndexOf(text[pos - 1] === '»' ? '«' : '"', pos - 2);
    if (open < lineStart) return undefined;
    pos = open;
    while (pos > lineStart && isWhite(text.charCodeAt(pos - 1))) pos--;
  }
  let got = '';
  let start = pos;
  while (got.length < letters.length) {
    const w = wordBefore(text, lineStart, pos);
    if (!w) return undefined;
    got = initials(text.slice(w.start, w.end)) + got;
    start = w.start;
    pos = start;
    if (!letters.endsWith(got)) return undefined;
  }
  if (got !== letters) return undefined;
  return { start, end: stop };
}

const HYPHENS = '-‐‑';

/**
 * The last word of `text[lineStart, pos)` — what `/([\p{L}]+(?:[-‐‑][\p{L}]+)*)\s*$/u` finds in
 * that slice — by walking back from `pos` (a regex over the slice per word is quadratic on long
 * lines): trailing white space, then letters and hyphens that stand between letters.
 */
function wordBefore(text: string, lineStart: number, pos: number): OffsetRange | undefined {
  let end = pos;
  while (end > lineStart && isWhite(text.charCodeAt(end - 1))) end--;
  let start = end;
  for (;;) {
    const n = start - lineStart >= 1 ? letterLengthBefore(text, start) : 0;
    if (n > 0 && start - n >= lineStart) {
      start -= n;
      continue;
    }
    // A hyphen joins two parts when a letter stands before it (one stands after it: `start` is a letter).
    if (start < end && start - 1 > lineStart && HYPHENS.includes(text[start - 1]!) && letterLengthBefore(text, start - 1) > 0 && start - 1 - letterLengthBefore(text, start - 1) >= lineStart) {
      start -= 1;
      continue;
    }
    break;
  }
  return start < end ? { start, end } : undefined;
}

/** `\s` of JavaScript regular expressions, by code unit (a regex test per character allocated a string each). */
function isWhite(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const inflectedCache = new Map<string, string>();

/**
 * A regular expression matching `phrase` in any case form (each inflected word by its stem),
 * not followed by a letter or digit (`(?![\p{L}\p{N}])`);
 * from a small cache (the same names recur from draft to draft).
 */
function inflectedPattern(phrase: string): string {
  let hit = inflectedCache.get(phrase);
  if (hit === undefined) {
    if (inflectedCache.size >= 256) inflectedCache.clear();
    inflectedCache.set(phrase, (hit = computeInflectedPattern(phrase) + '(?![\\p{L}\\p{N}])'));
  }
  return hit;
}

function computeInflectedPattern(phrase: string): string {
  return phrase
    .split(/(\s+|«[^»]*»|"[^"]*")/u)
    .filter((t) => t.length > 0)
    .map((t) => {
      if (/^\s+$/.test(t)) return '\\s+';
      if (/^[«"]/.test(t)) return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const parts = t.split(/([-‐‑])/);
      return parts
        .map((p, i) => {
          if (/^[-‐‑]$/.test(p)) return '[-‐‑]';
          const esc = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          if (i < parts.length - 1 || !/^\p{L}{5,}$/u.test(p)) return esc; // first parts of a compound do not decline
          return esc.slice(0, Math.max(4, p.length - 3)) + '\\p{L}*';
        })
        .join('');
    })
    .join('');
}

/** Every short name introduced with «(далее – …)». */
export function findAliases(model: DocumentModel, text: string): Alias[] {
  const zones = protectedZones(model, text);
  const out: Alias[] = [];
  // The matching `)` of every `(` of a line, computed once per line: scanning from each intro to
  // its `)` is quadratic on a line of thousands of unclosed «(далее –».
  const closers = new Map<number, Map<number, number>>();
  const closeOf = (open: number): number => {
    const line = model.lines[model.lineAt(open)]!;
    let matches = closers.get(line.index);
    if (!matches) {
      matches = new Map();
      const stack: number[] = [];
      for (let i = line.start; i < line.end; i++) {
        const c = text.charCodeAt(i);
        if (c === 40 /* ( */) stack.push(i);
        else if (c === 41 /* ) */ && stack.length > 0) matches.set(stack.pop()!, i);
      }
      closers.set(line.index, matches);
    }
    return matches.get(open) ?? -1;
  };
  for (const m of text.matchAll(INTRO_RE)) {
    const open = m.index!;
    if (inZones(zones, open)) continue;
    const close = closeOf(open);
    if (close < 0) continue;
    const bodyStart = open + m[0].length;
    const lead = LEAD_RE.exec(text.slice(bodyStart, close));
    if (!lead) continue;
    const listStart = bodyStart + lead[0].length;
    const lineStart = model.lines[model.lineAt(open)]!.start;
    for (const part of splitTop(text.slice(listStart, close))) {
      const firstToken = /^[\p{L}]+/u.exec(part.text)?.[0] ?? '';
      const acronym = firstToken.length >= 2 && isAcronym(firstToken);
      const start = listStart + part.offset;
      out.push({
        start,
        end: start + part.text.length,
        text: part.text,
        intro: { start: open, end: close + 1 },
        acronym,
        longForm: acronym ? longFormBefore(text, lineStart, open, firstToken) : undefined,
      });
    }
  }
  return out;
}

const regexCaches = new Map<string, Map<string, RegExp>>();

/**
 * A compiled pattern from a small cache (the same names recur from draft to draft). For a search
 * in a `plainText`, the equivalent `plainSource` pattern without `i`/`u` when there is one: a
 * pattern with `\p{L}` and `iu` costs ~1.5 ms to compile. Keyed by the source asked for (the
 * rewrite is done once per pattern).
 */
function cachedRegex(source: string, flags: string, plain: boolean): RegExp {
  // Keyed by the source itself within a map per flavour: a source from `inflectedPattern` is the
  // same string object each time, so its hash is computed once (a concatenated key was rehashed).
  const flavour = (plain ? 'p' : 'a') + flags;
  let regexCache = regexCaches.get(flavour);
  if (!regexCache) regexCaches.set(flavour, (regexCache = new Map()));
  const key = source;
  let re = regexCache.get(key);
  if (!re) {
    if (plain) {
      const p = plainSource(source, flags.includes('i'));
      if (p !== undefined) {
        source = p;
        flags = flags.replace(/[iu]/g, '');
      }
    }
    if (regexCache.size >= 256) regexCache.clear();
    regexCache.set(key, (re = new RegExp(source, flags)));
  }
  re.lastIndex = 0;
  return re;
}

/**
 * The next match at or after `from` of `(?<![\p{L}\p{N}])` + the pattern of `re` (flags `flags`, global)
 * in `subject`: `re` (the pattern without that lookbehind) is run, and a match with a letter or
 * digit before it is skipped (the search goes on one code point further). A pattern opening with
 * a lookbehind is tried at every position of the text; without it the regex engine skips ahead to
 * its first letters. For patterns that never match empty (the regex engine also tries the middle
 * of a surrogate pair there; `exec` from such an index starts at the pair). Exported for the
 * fast-path test.
 */
export function guardedExec(re: RegExp, subject: string, from: number, flags: string): RegExpExecArray | null {
  const fold = flags.includes('i'); // with `iu`, U+0345 (folds to «ι») counts as a letter
  for (;;) {
    re.lastIndex = from;
    const m = re.exec(subject);
    if (!m) return null;
    const p = m.index;
    if (!(wordCharBefore(subject, p) || (fold && p > 0 && subject.charCodeAt(p - 1) === 0x345))) return m;
    from = p + ((subject.codePointAt(p) ?? 0) > 0xffff ? 2 : 1);
  }
}

/**
 * Starts of the matches of `(?<![\p{L}\p{N}])` + `source` (global, flags `flags`) in
 * `text.slice(0, to)` from `from`, lazily.
 */
function* regexWords(text: string, source: string, flags: string, from: number, to: number): Generator<number> {
  const re = cachedRegex(source, flags, plainText(text));
  const subject = to === text.length ? text : text.slice(0, to);
  // The position is kept here: the cached pattern may serve another search between two steps.
  let next = from;
  for (;;) {
    const m = guardedExec(re, subject, next, flags);
    if (!m) return;
    next = m.index + m[0].length;
    if (m[0].length === 0) next += (subject.codePointAt(next) ?? 0) > 0xffff ? 2 : 1;
    yield m.index;
  }
}

/** True when a literal search reads `word` as the regex does (no surrogate halves at its ends). */
function literalSafe(word: string): boolean {
  if (word.length === 0) return false;
  const first = word.charCodeAt(0);
  const last = word.charCodeAt(word.length - 1);
  return !(first >= 0xdc00 && first <= 0xdfff) && !(last >= 0xd800 && last <= 0xdbff);
}

/**
 * Starts of `word` in `text.slice(0, to)` from `from` with no letter or digit (code point) right
 * before or after it, left to right without overlaps: the matches of
 * `(?<![\p{L}\p{N}])word(?![\p{L}\p{N}])` (flags `gu`) in that slice.
 */
function* wholeWords(text: string, word: string, from: number, to: number): Generator<number> {
  for (let p = text.indexOf(word, from); p >= 0 && p + word.length <= to; ) {
    const end = p + word.length;
    if (!wordCharBefore(text, p) && !(end < to && wordCharAt(text, end))) {
      yield p;
      p = text.indexOf(word, end);
    } else {
      p = text.indexOf(word, p + 1);
    }
  }
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

function asciiOrCyrillicWordChar(c: number): boolean | undefined {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0x410 && c <= 0x44f) return true;
  return undefined;
}

/** `[\p{L}\p{N}]` for the code point ending just before `p`. */
function wordCharBefore(text: string, p: number): boolean {
  if (p <= 0) return false;
  const c = text.charCodeAt(p - 1);
  const quick = asciiOrCyrillicWordChar(c);
  if (quick !== undefined) return quick;
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = text.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return WORD_CHAR.test(text.slice(p - 2, p));
  }
  return WORD_CHAR.test(text[p - 1]!);
}

/** `[\p{L}\p{N}]` for the code point starting at `p` (within the text). */
function wordCharAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  const quick = asciiOrCyrillicWordChar(c);
  if (quick !== undefined) return quick;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(p)!));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule({
  id: 'terms/abbreviation',
  description: 'Сокращение «(далее – …)»: полная форма после введения, использование до введения, неиспользуемое сокращение',
  defaultSeverity: 'information',
  fixable: true,
  check(ctx) {
    const { model, text } = ctx;
    const aliases = findAliases(model, text);
    const zones = protectedZones(model, text);
    const intros = aliases.map((a) => a.intro);
    const defs = definitionNodes(model).map((n) => n.range);
    const defsOverlap = overlapTest(defs);
    const introsOverlap = overlapTest(intros);
    const inDefs = (o: number): boolean => defsOverlap(o, o + 1);
    const inIntro = (o: number): boolean => introsOverlap(o, o + 1);
    const seen = new Set<string>();

    for (const alias of aliases) {
      if (seen.has(alias.text)) continue;
      seen.add(alias.text);
      const introLine = model.lineAt(alias.intro.start);
      // The acronym itself is searched as a literal (`indexOf` and a look at its neighbours), what
      // `(?<![\p{L}\p{N}])text(?![\p{L}\p{N}])` finds; a pattern opening with a lookbehind is tried at
      // every position of the text.
      const exact = (from: number, to: number): Iterable<number> =>
        literalSafe(alias.text) ? wholeWords(text, alias.text, from, to) : regexWords(text, `${escape(alias.text)}(?![\\p{L}\\p{N}])`, 'gu', from, to);

      // Repeated long form.
      if (alias.longForm) {
        const long = text.slice(alias.longForm.start, alias.longForm.end);
        // `(?<![\\p{L}\\p{N}])` + the inflected long form, the lookbehind tested apart (guardedExec).
        const re = cachedRegex(inflectedPattern(long), 'giu', plainText(text));
        for (let m = guardedExec(re, text, alias.intro.end, 'giu'); m; m = guardedExec(re, text, m.index + m[0].length, 'giu')) {
          const start = m.index;
          const end = start + m[0].length;
          if (inZones(zones, start, end) || inDefs(start) || inIntro(start) || /^\s*\(/.test(text.slice(end, end + 3))) continue;
          ctx.report({
            range: { start, end },
            message: `Для «${long}» уже введено сокращение «${alias.text}» (строка ${introLine + 1})`,
            related: [{ range: { start: alias.start, end: alias.end }, message: 'Сокращение введено здесь' }],
            fixes: [{ title: `Заменить на «${alias.text}»`, edits: [{ start, end, newText: alias.text }] }],
          });
        }
      }

      // Used before the introduction.
      if (alias.acronym) {
        for (const start of exact(0, alias.intro.start)) {
          if (start < model.bodyStart || model.lineAt(start) === introLine || inZones(zones, start) || inDefs(start) || inIntro(start)) continue;
          if (text[start - 1] === '(' && text[start + alias.text.length] === ')') continue; // «… платформа «Сферум» (ИКОП «Сферум»)»
          ctx.report({
            range: { start, end: start + alias.text.length },
            message: `Сокращение «${alias.text}» используется до того, как введено (строка ${introLine + 1})`,
            related: [{ range: { start: alias.start, end: alias.end }, message: 'Сокращение введено здесь' }],
          });
          break; // one finding per abbreviation is enough
        }
      }

      // Never used after the introduction.
      // Searched in the text from the end of the introduction (its `)` is no letter, so the
      // leading lookbehind reads as at the start of the rest), stopping at the first use.
      const usage = alias.acronym
        ? exact(alias.intro.end, text.length)
        : regexWords(text, inflectedPattern(alias.text), 'giu', alias.intro.end, text.length);
      let used = false;
      for (const start of usage) {
        if (!inIntro(start)) {
          used = true;
          break;
        }
      }
      if (!used) {
        ctx.report({
          range: { start: alias.start, end: alias.end },
          message: `Сокращение «${alias.text}» введено, но дальше в тексте не используется`,
        });
      }
    }
  },
});

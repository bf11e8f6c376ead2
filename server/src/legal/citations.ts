/**
 * Citation parser: finds citations of normative acts in a draft and splits each into parts with
 * their offsets — article reference, kind («Федеральным законом»), issuer («Минпросвещения
 * России»), date («от 13 июля 2022 г.»), number («№ 273- ФЗ»), quoted title (nested quotes
 * allowed) and sanitary code («СП 2.4.3648-20»). Pure: no I/O, never throws.
 *
 * Forms (regulations.md §6): any grammatical case of the kind, `№` / `N` / `No`, number before
 * or after the date, `dd.mm.yyyy`, `dd.mm.yy`, «29 декабря 2012 года», spaces and one line break
 * between words, `273-Ф3` (digit 3), bare `273-ФЗ от 28.12.12`, `СанПиН 2.2.2/2.4.1340-03`.
 */
import { findDates } from '../model/dates';
import type { OffsetRange } from '../model/types';
import { plainSource } from '../analysis/termsData';
import { plainText } from '../util/plainText';
import { sourceShape } from '../util/regexSource';
import { KIND_RE, KIND_STEM_RE, kindOfText, WS, WS0 } from './grammar';
import { DualRe } from './plainRe';
import type { ArticlePart, Citation, CodePart, DatePart, Issuer, IssuerPart, KindPart, NumberPart, TitlePart } from './types';

const START = String.raw`(?<![\p{L}\p{N}])`;
const NUM_SUFFIX = String.raw`(?:[^\S\r\n]*[-–—][^\S\r\n]*(?:ФКЗ|Ф[З3]|р)(?![\p{L}\p{N}]))`;
const NUMBER_TOKEN = String.raw`[\p{L}\p{N}]+(?:[-–/][\p{L}\p{N}]+)*${NUM_SUFFIX}?`;
const SIGN = String.raw`(?:№№?|N[oо]\.?|N(?=[^\S\r\n]*\p{N})|N(?=[^\S\r\n]+\p{Lu}))`;

const NUMBER_RE = new DualRe(String.raw`(${SIGN})${WS0}(${NUMBER_TOKEN})`, 'yiu');
/** A number that needs no sign: `273-ФЗ`, `1880-р`. */
const BARE_NUMBER_RE = new DualRe(String.raw`(\d{1,5}${NUM_SUFFIX})`, 'yiu');
const FROM_RE = new DualRe(String.raw`от${WS0}`, 'yiu');
const YEAR_WORD_RE = new DualRe(String.raw`${WS0}(?:г\.|года|г(?![\p{L}]))`, 'yiu');

/*
 * Finding where citations open. Scanning a whole draft with a regex that begins with a lookbehind
 * or an alternation of groups is slow in V8 (every position runs it); scanning for a literal is
 * fast. So each anchor regex below is run sticky only at the places a cheap literal scan finds
 * (the kind words; the `-ФЗ` and `-20` suffixes of numbers and codes); `collectAnchors` and
 * `suffixed` explain why that finds exactly the matches a global scan would.
 */
/** A bare federal-law number opening a citation: `273-ФЗ от 28.12.12`, `№ 156-ФЗ`. */
const FZ_ANCHOR_RE = new DualRe(String.raw`${START}(?:(${SIGN})${WS0})?(\d{1,5}[^\S\r\n]*[-–—][^\S\r\n]*(?:ФКЗ|Ф[З3]))(?![\p{L}\p{N}])`, 'yiu');
/**
 * The dash and suffix every {@link FZ_ANCHOR_RE} match (group 1: `-ФЗ`) and every {@link CODE_RE}
 * match (`-20`) ends with. No `u` flag (the scan runs over every draft and is twice as fast
 * without it): `i` folds Ф, К, З exactly as `iu` does (no other character folds to them), `\s`
 * and `\d` are the same sets, and no match can begin or end inside a surrogate pair.
 */
const SUFFIX_RE = /[-–—][^\S\r\n]*(?:(ФКЗ|Ф[З3])|\d{2}(?!\d))/gi;
/** A federal-law number written the other way round, opening a citation: `ФЗ-152`, `ФЗ № 152`; tried sticky at each {@link FZ_LITERAL_RE} hit. */
const FZ_REVERSED_RE = new DualRe(String.raw`(?<![\p{L}\p{N}\-–—])()(Ф[З3](?:[^\S\r\n]*[-–—][^\S\r\n]*|[^\S\r\n]*№[^\S\r\n]*)\d{1,5})(?![\p{L}\p{N}]|[-–—/.]\p{N})`, 'yiu');
/**
 * The `ФЗ` every {@link FZ_REVERSED_RE} match begins with. Without `u` (and its costly case
 * closure) it folds Ф, З exactly as `iu` does: no other character folds to either.
 */
const FZ_LITERAL_RE = /ф[з3]/gi;
/** Sanitary codes; Word's autocorrect leaves `2.4.2.2821 – 10` (spaces around a dash). */
const CODE_RE = new DualRe(String.raw`${START}(СанПиН|СП|МР|ГН)${WS0}(\d+(?:\.\d+)*(?:\/\d+(?:\.\d+)*)*[^\S\r\n]*[-–—][^\S\r\n]*\d{2})(?![\p{N}])`, 'yiu');
/** An article reference right before an act: `ч. 3 ст. 30`, `статьи 30`, `п. 2 ч. 1 ст. 12`. */
const ARTICLE_RE = new DualRe(String.raw`(?<![\p{L}])(?:(?:п\.|пп\.|пункт\p{L}*|подпункт\p{L}*)\s*(\d+(?:\.\d+)*)\s*,?\s*)?(?:(?:ч\.|част\p{L}*)\s*(\d+(?:\.\d+)?)\s*,?\s*)?(?:ст\.|стать\p{L}*)\s*(\d+(?:\.\d+)*)\s*$`, 'iu');
/** {@link KIND_RE}, sticky: tried at each kind word {@link KIND_STEM_RE} finds. */
const KIND_AT_RE = new DualRe(KIND_RE.source, 'yiu');
const ALIAS_RE = new DualRe(String.raw`далее\s*(?:[-–—]\s*)?(?:по\s+тексту\s*[-–—]?\s*)?$`, 'iu');
const HAS_DIGIT_RE = new DualRe(String.raw`\p{N}`, 'u');
const SUFFIX_END_RE = new DualRe(String.raw`[-–—][^\S\r\n]*(?:ФКЗ|Ф[З3]|р)$`, 'iu');
const OT_END_RE = new DualRe(String.raw`(?<![\p{L}])от[^\S\r\n]*$`, 'iu');

/**
 * True while {@link parseCitations} reads a {@link plainText}: its patterns are then taken in the
 * plain flavour ({@link DualRe}), cheap to compile. Set at the start of every parse.
 */
let plain = false;
/** Tests only: the flavour to use whatever the text (see {@link citationInternals}). */
let forcedFlavour: boolean | undefined;

const LATIN_TO_CYRILLIC: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У' };

/** Comparable form of an act number: `273- Ф3` → `273-ФЗ`, `1880-р` → `1880-Р`, `P-210` → `Р-210`. */
export function normalizeNumber(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[–—]/g, '-')
    .toUpperCase()
    .replace(/[ABCEHKMOPTXY]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c)
    .replace(/Ф3/g, 'ФЗ')
    .replace(/^ФЗ[-№]?(\d+)$/u, '$1-ФЗ');
}

const CODE_PREFIX: Record<string, string> = { санпин: 'СанПиН', сп: 'СП', мр: 'МР', гн: 'ГН' };

/** Canonical form of a sanitary code: `сп  2.4.3648–20` → `СП 2.4.3648-20`. */
export function normalizeCode(prefix: string, code: string): string {
  return `${CODE_PREFIX[prefix.toLowerCase()] ?? prefix} ${code.replace(/\s*[-–—]\s*/g, '-')}`;
}

interface IssuerMatcher {
  readonly id: string;
  readonly source: string;
  /** The letter every match begins with (sticky, case-insensitive), when the pattern has one. */
  readonly first?: RegExp;
  /** Compiled on first use (null: the pattern is bad and skipped). */
  re?: RegExp | null;
  /**
   * The pattern for a {@link plainText} (no `i`/`u`: see `plainSource` in analysis/termsData.ts),
   * undefined when the rewriter does not understand it (then {@link re} serves plain texts too).
   */
  readonly plainSource?: string;
  rePlain?: RegExp | null;
}

const compiledIssuers = new WeakMap<readonly Issuer[], IssuerMatcher[]>();

/**
 * The issuer patterns of a registry, in order. Compiling a pattern costs milliseconds (`iu` flags)
 * and most are never needed in a draft, so each is compiled when first tried, and tried only when
 * the text starts with its first letter (`Министерства…` → `М`).
 */
function issuerMatchers(issuers: readonly Issuer[]): IssuerMatcher[] {
  let list = compiledIssuers.get(issuers);
  if (!list) {
    list = [];
    const letters = new Map<string, RegExp>();
    for (const i of issuers) {
      for (const p of i.patterns) {
        const letter = firstLetter(p);
        let first: RegExp | undefined;
        if (letter !== undefined) {
          first = letters.get(letter);
          if (!first) letters.set(letter, (first = new RegExp(letter, 'yiu')));
        }
        // `\s+` → WS after the rewrite: it keeps `\s+` as it is, so the two sources stay in step.
        const ps = plainSource(p, true);
        list.push({
          id: i.id,
          source: `(?:${p.replace(/\\s\+/g, WS)})(?![\\p{L}])`,
          first,
          plainSource: ps === undefined ? undefined : `(?:${ps.replace(/\\s\+/g, WS)})(?![A-Za-zА-яЁё])`,
        });
      }
    }
    compiledIssuers.set(issuers, list);
  }
  return list;
}

/**
 * The letter a pattern's every match begins with: a plain first letter, not optional, with no
 * `|` outside groups; undefined otherwise (then the pattern is always tried).
 */
function firstLetter(p: string): string | undefined {
  const c = p[0];
  if (c === undefined || !/^\p{L}$/u.test(c) || /^[?*+{]/.test(p.slice(1))) return undefined;
  return sourceShape(p).topLevelBar ? undefined : c;
}

/** The longest issuer at `at` (the first of equals), compiling patterns as they are needed. */
function matchIssuer(matchers: readonly IssuerMatcher[], text: string, at: number): { id: string; len: number } | undefined {
  let best: { id: string; len: number } | undefined;
  let lastFirst: RegExp | undefined;
  let lastOk = false;
  for (const im of matchers) {
    if (im.first) {
      // Patterns of one body share their first letter: test it once per run of equal letters.
      if (im.first !== lastFirst) {
        lastFirst = im.first;
        im.first.lastIndex = at;
        lastOk = im.first.test(text);
      }
      if (!lastOk) continue;
    }
    const re = plain && im.plainSource !== undefined ? (im.rePlain === undefined ? (im.rePlain = compileIssuer(im.plainSource, 'y')) : im.rePlain) : im.re === undefined ? (im.re = compileIssuer(im.source, 'yiu')) : im.re;
    if (!re) continue;
    re.lastIndex = at;
    if (!re.test(text)) continue;
    const len = re.lastIndex - at;
    if (!best || len > best.len) best = { id: im.id, len };
  }
  return best;
}

/** An issuer pattern, or null when it is bad: a bad workspace pattern is skipped, the other issuers still match. */
function compileIssuer(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The end of {@link WS0} at `at`: spaces, at most one line break (`\r\n`, `\r`, `\n`), spaces. */
function skipWs(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSp(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
  else if (c === 10) i++;
  else return i;
  while (i < text.length && isSp(text.charCodeAt(i))) i++;
  return i;
}

/** `[^\S\r\n]` (the `SP` of {@link WS0}) for one UTF-16 code unit. */
function isSp(c: number): boolean {
  return c !== 10 && c !== 13 && isJsSpace(c);
}

function part<T extends object>(text: string, start: number, end: number, extra: T): T & { text: string; range: OffsetRange } {
  return { text: text.slice(start, end), range: { start, end }, ...extra };
}

const ITEM_START = /^[^\S\r\n]*(?:[-–—·•⇒*+●▪►➢]|\d+(?:\.\d+)*\.?\s|[а-я]\)|\d+\))/u;

/**
 * A quoted title starting at `at` (`«`, `"`, `“`, `„`). Nested «» are balanced; when they never
 * balance (drafts lose a closing quote), the title ends at the last closing quote before the
 * next list item, blank line or `limit`.
 */
export function readTitle(text: string, at: number, limit = text.length): TitlePart | undefined {
  const open = text[at];
  if (open !== '«' && open !== '"' && open !== '“' && open !== '„') return undefined;
  let depth = 0;
  let lastClose = -1;
  let lines = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      const rest = text.slice(i + 1, i + 200).replace(/^\n/, '');
      if (++lines > 3 || /^[^\S\r\n]*(?:\r?\n|$)/.test(rest) || ITEM_START.test(rest)) break;
      continue;
    }
    if (open === '«') {
      if (ch === '«') depth++;
      else if (ch === '»') {
        depth--;
        if (i < limit) lastClose = i;
        if (depth === 0) return titlePart(text, at, i + 1, true);
      }
    } else if (i > at) {
      const closes = open === '"' ? ch === '"' : open === '“' ? ch === '”' : ch === '“' || ch === '”';
      if (ch === '«') depth++;
      else if (ch === '»') depth = Math.max(0, depth - 1);
      else if (closes && depth === 0) return titlePart(text, at, i + 1, true);
    }
  }
  if (open === '«' && lastClose > at) return titlePart(text, at, lastClose + 1, false);
  return undefined;
}

function titlePart(text: string, start: number, end: number, closed: boolean): TitlePart {
  return { text: text.slice(start, end), range: { start, end }, inner: text.slice(start + 1, end - 1), innerRange: { start: start + 1, end: end - 1 }, closed };
}

interface Anchor {
  readonly start: number;
  readonly end: number;
  readonly type: 'kind' | 'fz' | 'code';
  /** The match of a number or code anchor; none for a kind (its text says all). */
  readonly m?: RegExpExecArray;
}

interface Draft {
  kind?: KindPart;
  issuer?: IssuerPart;
  number?: NumberPart;
  date?: DatePart;
  title?: TitlePart;
  code?: CodePart;
  end: number;
}

/** True for numbers that identify an act type on their own (`273-ФЗ`, `1880-р`, `542/1`, `Р-210`). */
export function isDistinctiveNumber(normalized: string): boolean {
  return !/^\d+$/.test(normalized);
}

/**
 * The literal cues every anchor holds, in one scan (one pass over the text instead of three):
 * group 1 a kind word ({@link KIND_STEM_RE}), group 2 the `ФЗ` of a reversed number
 * ({@link FZ_LITERAL_RE}), else a `-ФЗ` (group 3) or `-20` suffix ({@link SUFFIX_RE}). The
 * alternatives never hide one another's anchors (see {@link collectAnchors}). No `u` flag, as in
 * the three it joins: `i` folds these letters exactly as `iu` does.
 */
const CUE_RE = new RegExp(`(${KIND_STEM_RE.source})|(${FZ_LITERAL_RE.source})|${SUFFIX_RE.source}`, 'gi');

/**
 * Every place a citation may stand in `text` from `from` (kind words, `-ФЗ`, reversed forms,
 * codes), in text order: the anchors the global scans of {@link KIND_RE}, {@link FZ_ANCHOR_RE},
 * {@link FZ_REVERSED_RE} and {@link CODE_RE} find. Each kind of cue keeps the floor its own scan
 * would have jumped to. Within one scan a cue hides only cues that begin inside it: stems hold no
 * dash and no `ф` but first; a `ФЗ` cue hides only a stem right after it (`ФЗакон`), which a
 * letter precedes, so no kind match; a `-ФЗ` suffix hides the `ФЗ` cue it ends with, which is
 * then tried from the suffix.
 */
function collectAnchors(text: string, from: number): Anchor[] {
  const kinds: Anchor[] = [];
  const fz: Anchor[] = [];
  const reversed: Anchor[] = [];
  const codes: Anchor[] = [];
  let kindFloor = from;
  let reversedFloor = from;
  let fzFloor = from;
  let codeFloor = from;
  CUE_RE.lastIndex = from;
  for (let f = CUE_RE.exec(text); f; f = CUE_RE.exec(text)) {
    const s = f.index;
    const end = CUE_RE.lastIndex;
    if (f[1] !== undefined) {
      // A kind: the match of KIND_RE a global scan finds at this word, if any.
      if (s < kindFloor) continue;
      const kindAt = KIND_AT_RE.get(plain);
      kindAt.lastIndex = s;
      if (!kindAt.test(text)) continue;
      kinds.push({ start: s, end: kindAt.lastIndex, type: 'kind' });
      kindFloor = kindAt.lastIndex;
    } else if (f[2] !== undefined) {
      if (s >= reversedFloor) reversedFloor = reversedAt(text, s, reversedFloor, reversed);
    } else if (f[3] !== undefined) {
      // The `ФЗ` this suffix ends with is a cue of a reversed number too (`- ФЗ-152`).
      if (f[3].length === 2 && end - 2 >= reversedFloor) reversedFloor = reversedAt(text, end - 2, reversedFloor, reversed);
      const floor = fzFloor;
      fzFloor = end;
      suffixed(text, s, floor, true, fz);
    } else {
      const floor = codeFloor;
      codeFloor = end;
      suffixed(text, s, floor, false, codes);
    }
  }
  return mergeByStart(kinds, fz, reversed, codes);
}

/** Tries {@link FZ_REVERSED_RE} at the `ФЗ` at `at`; the floor of the next try. */
function reversedAt(text: string, at: number, floor: number, out: Anchor[]): number {
  const re = FZ_REVERSED_RE.get(plain);
  re.lastIndex = at;
  const m = re.exec(text);
  if (!m) return Math.max(floor, at + 2);
  out.push({ start: m.index, end: re.lastIndex, type: 'fz', m });
  return re.lastIndex;
}

/**
 * Finds every citation in `text` (or in `[from, to)`), in document order. `issuers` come from the
 * registry (`acts.json`), so a workspace can teach the parser a new body.
 */
export function parseCitations(text: string, issuers: readonly Issuer[], from = 0, to = text.length): Citation[] {
  plain = forcedFlavour ?? plainText(text);
  const slice = text.slice(0, to);
  const anchors = collectAnchors(slice, from);
  if (anchors.length === 0) return [];

  const matchers = issuerMatchers(issuers);
  const out: Citation[] = [];
  let consumedTo = from;
  for (let ai = 0; ai < anchors.length; ai++) {
    const a = anchors[ai]!;
    if (a.start < consumedTo) {
      // A code inside the previous citation (its title) names the same act.
      const prev = out[out.length - 1];
      if (a.type === 'code' && prev && !prev.code && a.start >= prev.actRange.start) {
        out[out.length - 1] = { ...prev, code: codePart(text, a.m!) };
      }
      continue;
    }
    // Codes inside a title («Об утверждении санитарных правил СП …») do not end it.
    let nextAnchor = to;
    for (let bi = ai + 1; bi < anchors.length; bi++) {
      const b = anchors[bi]!;
      if (b.type !== 'code' && b.start >= a.end) {
        nextAnchor = b.start;
        break;
      }
    }
    const d: Draft = { end: a.end };
    if (a.type === 'kind') {
      const kindText = text.slice(a.start, a.end);
      const k = kindOfText(kindText);
      const first = kindText[0]!;
      d.kind = { text: kindText, range: { start: a.start, end: a.end }, kind: k.kind, case: k.case, plural: k.plural, capital: first !== first.toLowerCase() };
      // `WS` matches where `WS0` is not empty.
      const q = skipWs(text, d.end);
      // An issuer only counts after a space (q > d.end): no need to try the patterns otherwise.
      const best = q > d.end ? matchIssuer(matchers, text, q) : undefined;
      if (best && q > d.end) {
        d.issuer = part(text, q, q + best.len, { id: best.id });
        d.end = q + best.len;
      }
    } else if (a.type === 'fz') {
      const m = a.m!;
      const signText = m[1] || undefined;
      const numStart = a.end - m[2]!.length;
      d.number = part(text, numStart, d.end, { normalized: normalizeNumber(m[2]!), sign: signText });
    } else {
      d.code = codePart(text, a.m!);
    }
    let actStart = a.start;
    if (a.type === 'fz') {
      // «…законов: от 29.12.2012 № 273-ФЗ» — the date before a bare number belongs to it.
      const back = dateBefore(text, Math.max(consumedTo, a.start - 50), a.start);
      if (back) {
        d.date = back.date;
        actStart = back.start;
      }
    }
    readTail(text, d, Math.min(nextAnchor, to));
    if (!valid(d)) continue;
    let start = actStart;
    const lineStart = lineStartAfter(text, actStart, Math.max(0, actStart - 80));
    let article: ArticlePart | undefined;
    // ARTICLE_RE ends with the article's digits before trailing white space: most citations are
    // not preceded by one, and the scan of every position of `before` is not cheap.
    const am = endsWithDigit(text, lineStart, actStart) ? ARTICLE_RE.get(plain).exec(text.slice(lineStart, actStart)) : null;
    if (am) {
      const s = lineStart + am.index;
      const e = lineStart + am.index + am[0].trimEnd().length;
      article = part(text, s, e, { article: am[3]!, part: am[2], item: am[1] });
      start = s;
    }
    const aliasFrom = Math.max(lineStart, start - 30);
    const alias = mayEndAlias(text, aliasFrom, start) && ALIAS_RE.get(plain).test(text.slice(aliasFrom, start));
    out.push({
      range: { start, end: d.end },
      actRange: { start: actStart, end: d.end },
      kind: d.kind,
      issuer: d.issuer,
      number: d.number,
      date: d.date,
      title: d.title,
      code: d.code,
      article,
      alias,
    });
    consumedTo = d.end;
  }
  return out;
}

/**
 * The anchors of the four lists (each in document order) in document order, a kind first on a
 * tie (as sorting them all would give; anchors of different lists never start at one offset).
 */
function mergeByStart(a: Anchor[], b: Anchor[], c: Anchor[], d: Anchor[]): Anchor[] {
  const nonEmpty = (a.length > 0 ? 1 : 0) + (b.length > 0 ? 1 : 0) + (c.length > 0 ? 1 : 0) + (d.length > 0 ? 1 : 0);
  if (nonEmpty <= 1) return a.length > 0 ? a : b.length > 0 ? b : c.length > 0 ? c : d;
  const lists = [a, b, c, d].filter((l) => l.length > 0);
  const out: Anchor[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const x = lists[i]![at[i]!];
      if (x && (best < 0 || x.start < lists[best]![at[best]!]!.start)) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!++]!);
  }
}

/**
 * False when {@link ALIAS_RE} cannot match `[from, to)`: its match ends, but for white space, with
 * «далее» (`е`), «по тексту» (`у`) or a dash.
 */
function mayEndAlias(text: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && isJsSpace(text.charCodeAt(i))) i--;
  if (i < from) return false;
  const c = text.charCodeAt(i);
  return c === 0x435 || c === 0x415 || c === 0x443 || c === 0x423 || c === 45 || c === 0x2013 || c === 0x2014;
}

/** True when the last character of `[from, to)` but `\s` is an ASCII digit. */
function endsWithDigit(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    if (!isJsSpace(c)) return false;
  }
  return false;
}

/** `/\s/` for one UTF-16 code unit. */
function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The match of {@link FZ_ANCHOR_RE} (`isFz`) or {@link CODE_RE} a global scan finds ending with
 * the suffix (`-ФЗ`, `-20`) at `s`, if any. Before it a match holds no other dash and at most one
 * line break, so it begins after the previous suffix of its type (`floor`) and no earlier than the
 * start of the previous line. Within that window, the number before the dash
 * (only spaces between) is a whole run of digits (of digits, dots and slashes for a code) that
 * begins the match or follows its sign or prefix (at most 3 or 6 letters) and white space; so a
 * match begins at the run or a few characters before the white space in front of it: only those
 * places are tried, in order, at the characters a match can begin with.
 */
function suffixed(text: string, s: number, floor: number, isFz: boolean, out: Anchor[]): void {
  // The run before the dash: digits (`\d{1,5}`) or a code (`2.4.3648`, `2.2.2/2.4.1340`).
  let e = s;
  while (e > floor && isSp(text.charCodeAt(e - 1))) e--;
  let r = e;
  if (isFz) {
    while (r > floor && e - r <= 5 && isDigit(text.charCodeAt(r - 1))) r--;
    if (e - r === 0 || e - r > 5) return;
  } else {
    while (r > floor && isCodeChar(text.charCodeAt(r - 1))) r--;
    if (r === e || !isDigit(text.charCodeAt(r))) return;
  }
  // White space (any, a superset of `WS0`) and the sign or prefix before the run.
  let w = r;
  while (w > floor && isJsSpace(text.charCodeAt(w - 1))) w--;
  const lo = previousLineStart(text, s, Math.max(floor, w - (isFz ? 3 : 6)));
  const re = (isFz ? FZ_ANCHOR_RE : CODE_RE).get(plain);
  for (let p = lo; p <= r; p++) {
    const c = text.charCodeAt(p);
    // A number: a digit, `№`, `N` / `n`; a code: `С`, `М`, `Г` (СанПиН, СП, МР, ГН) in either case.
    if (isFz ? (c < 48 || c > 57) && c !== 0x2116 && c !== 78 && c !== 110 : c !== 0x441 && c !== 0x421 && c !== 0x43c && c !== 0x41c && c !== 0x433 && c !== 0x413) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m) {
      out.push({ start: p, end: re.lastIndex, type: isFz ? 'fz' : 'code', m });
      return;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A character of a sanitary code's number: digit, `.`, `/`. */
function isCodeChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 47;
}

/** The start of the line before the line of `at` (line breaks `\r\n`, `\r`, `\n`), not before `floor`. */
function previousLineStart(text: string, at: number, floor: number): number {
  let breaks = 0;
  for (let i = at - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (++breaks === 2) return i + 1;
    if (c === 10 && i > floor && text.charCodeAt(i - 1) === 13) i--;
  }
  return floor;
}

/** The start of the line of `at`, looking back at most to `floor`. */
function lineStartAfter(text: string, at: number, floor: number): number {
  for (let i = at - 1; i >= floor; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return floor;
}

/** `от 29.12.2012 г. ` right before `at` (same line): the date and the offset of «от». */
function dateBefore(text: string, from: number, at: number): { date: DatePart; start: number } | undefined {
  const base = lineStartAfter(text, at, from);
  const dates = findDates(text.slice(base, at), base);
  const last = dates[dates.length - 1];
  if (!last) return undefined;
  if (!/^[^\S\r\n]*(?:г\.|года|г)?[^\S\r\n]*$/u.test(text.slice(last.range.end, at))) return undefined;
  const ot = OT_END_RE.get(plain).exec(text.slice(base, last.range.start));
  if (!ot) return undefined;
  return { date: { text: last.raw, range: last.range, iso: last.iso }, start: base + ot.index };
}

function codePart(text: string, m: RegExpExecArray): CodePart {
  return part(text, m.index, m.index + m[0].length, { prefix: m[1]!, code: m[2]!, normalized: normalizeCode(m[1]!, m[2]!) });
}

/** Reads date, number and title in any order after the head of a citation. */
function readTail(text: string, d: Draft, limit: number): void {
  for (let guard = 0; guard < 6; guard++) {
    const q = skipWs(text, d.end);
    // Each sticky regex is tried only at a character its match can begin with: «от» (`о`, `О`,
    // `ᲂ` under `iu`), a sign (`№`, `N`, `n`), a digit.
    const c = text.charCodeAt(q);
    if (!d.date && (c === 0x43e || c === 0x41e || c === 0x1c82)) {
      const from = FROM_RE.get(plain);
      from.lastIndex = q;
      if (from.test(text)) {
        const ds = from.lastIndex;
        const found = findDates(text.slice(ds, Math.min(text.length, ds + 40)), ds)[0];
        if (found && found.range.start === ds) {
          d.date = { text: found.raw, range: found.range, iso: found.iso };
          d.end = found.range.end;
          const year = YEAR_WORD_RE.get(plain);
          year.lastIndex = d.end;
          if (year.test(text)) d.end = year.lastIndex;
          continue;
        }
      }
    }
    if (!d.number && (c === 0x2116 || c === 78 || c === 110 || (c >= 48 && c <= 57))) {
      const n = c >= 48 && c <= 57 ? null : sticky(NUMBER_RE.get(plain), text, q);
      if (n && HAS_DIGIT_RE.get(plain).test(n[2]!)) {
        const ns = q + n[0].length - n[2]!.length;
        d.number = part(text, ns, q + n[0].length, { normalized: normalizeNumber(n[2]!), sign: n[1] });
        d.end = q + n[0].length;
        continue;
      }
      if (d.kind && c >= 48 && c <= 57) {
        const bareRe = BARE_NUMBER_RE.get(plain);
        bareRe.lastIndex = q;
        if (bareRe.test(text)) {
          const be = bareRe.lastIndex;
          const bare = text.slice(q, be);
          d.number = { text: bare, range: { start: q, end: be }, normalized: normalizeNumber(bare) };
          d.end = be;
          continue;
        }
      }
    }
    if (!d.title) {
      const t = readTitle(text, q, limit);
      if (t) {
        d.title = t;
        d.end = t.range.end;
        continue;
      }
    }
    return;
  }
}

function valid(d: Draft): boolean {
  if (d.code || (d.number && !d.kind)) return true;
  if (!d.kind) return false;
  if (!d.number && !d.date && !d.title) return false;
  if (d.kind.kind === 'federal-law' || d.kind.kind === 'law') return true;
  if (d.issuer) return true;
  return !!d.number && isDistinctiveNumber(d.number.normalized) && SUFFIX_END_RE.get(plain).test(d.number.text);
}

/**
 * Internals for the property tests (`test/unit/fast-paths.test.ts`): the anchors in document
 * order, the `WS0` skip and the alias pre-check.
 * @internal
 */
export const citationInternals = {
  anchors(text: string, from = 0): Array<{ start: number; end: number; type: string }> {
    plain = plainText(text);
    return collectAnchors(text, from).map((a) => ({ start: a.start, end: a.end, type: a.type }));
  },
  skipWs,
  mayEndAlias,
  /** {@link parseCitations} with the patterns' plain (`true`) or `u` (`false`) flavour forced. */
  parseWith(text: string, issuers: readonly Issuer[], plainFlavour: boolean): Citation[] {
    forcedFlavour = plainFlavour;
    try {
      return parseCitations(text, issuers);
    } finally {
      forcedFlavour = undefined;
    }
  },
};

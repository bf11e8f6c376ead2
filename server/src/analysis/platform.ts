/**
 * Platform and era of an act: is it about the national messenger MAX or about VK Мессенджер
 * (regulations.md §5)? Rules of the `terms`, `roles` and other families share this one decision
 * through `ctx.memo('platform', () => detectPlatform(ctx.model, ctx.text))`.
 *
 * Scoring (each platform separately; the higher score wins, a tie or a score below 1 is `unknown`):
 * - the title mentions the platform: +3;
 * - a definition (a node of the terms section «Понятия…/Термины…», or a line with «(далее …)»
 *   inside section 1) mentions it: +2 per definition, at most +4;
 * - the normative basis cites an act of the MAX era (156-ФЗ, 1880-р, 2240-р): +1 for MAX;
 * - the approval date is on or after 18.08.2025: +1 for MAX; between 01.09.2022 and 17.08.2025:
 *   +1 for VK (the «учебный профиль» era);
 * - any other mention in the body outside a historical sentence: +0.25 each, at most +2;
 * - a platform is chosen only if it is mentioned outside historical sentences (for MAX, citing a
 *   MAX-era act counts): the date alone never decides.
 * A mention of MAX is `MAX`, `Max`, the Cyrillic lookalike `МАХ` (and mixes, also declined:
 * «МАХе», «МАХа»), `Мах` in a platform context or after a word of its sentence, or «национальный
 * мессенджер». A mention of VK is `VK Мессенджер` in any spelling
 * (VK-мессенджер, ВК мессенджер, VK- мессенджере…) or «учебный профиль VK».
 * A sentence is historical when it carries a marker of the past or of the move («до перехода»,
 * «ранее», «переноса … из», «использовавшие», past tense «был…»): mentions there are not counted
 * in `maxMentions` / `vkMentions` and are never a mix-up.
 */
import type { Knowledge } from '../knowledge/types';
import type { DocumentModel, OffsetRange, RegNode } from '../model/types';
import { editDistance, foldToCyrillic, letterLengthAt } from './script';
import { dataRegex, plainDataRegex, plainSource, plainText, termsData } from './termsData';
import { sourceShape } from '../util/regexSource';
import { inZones, protectedZones } from './zones';
import { lowerBound, upperBound } from '../util/sorted';
import { RecentCache } from '../util/memo';

export type Platform = 'max' | 'vk' | 'unknown';

/** Facts about the platform of an act. */
export interface PlatformFacts {
  platform: Platform;
  /** Ranges that decided the platform (title or definition mentions, cited acts, the approval date). */
  evidence: OffsetRange[];
  approvalDate?: string;
  /** mentions of each platform outside historical context */
  maxMentions: OffsetRange[];
  vkMentions: OffsetRange[];
  /** Scores behind the decision (see the module comment). */
  scores?: { max: number; vk: number };
}

/** How a platform is written at one place. */
export type MentionKind =
  /** `MAX` — canonical. */
  | 'max-canonical'
  /** `МАХ` in Cyrillic or mixed lookalikes, all capitals. */
  | 'max-lookalike'
  /** `Max`, `max`, `Мах` (in a platform context) and other case variants. */
  | 'max-case'
  /** «национальный мессенджер» (any case). */
  | 'max-national'
  /** `VK Мессенджер` in any spelling. */
  | 'vk-brand'
  /** `VK` after «учебный профиль» («учебный профиль VK»). */
  | 'vk-profile';

/** One mention of a platform. */
export interface PlatformMention extends OffsetRange {
  readonly platform: 'max' | 'vk';
  readonly kind: MentionKind;
  readonly text: string;
  /** True when the mention sits in a historical sentence. */
  readonly historical: boolean;
}

const L = '\\p{L}\\p{N}';
/** `MAX` and its lookalikes (М/M, А/A, Х/X in any case), as a whole word. */
/** A Russian case ending glued to a lookalike `МАХ` («в МАХе», «пользователи МАХа»); `MAX` does not decline. */
const MAX_ENDING = '(?:ом|е|а|у)';
const MAX_TOKEN_RE = new RegExp(`(?<![${L}_@.\\/-])[МMмm][АAаa][ХXхx]${MAX_ENDING}?(?![${L}_]|\\.[a-z])`, 'gu');
const NATIONAL_RE = new RegExp(`(?<![${L}])национальн\\p{L}*\\s+(?:российск\\p{L}*\\s+)?мессенджер\\p{L}*`, 'giu');
const VK_BRAND_RE = new RegExp(`(?<![${L}])(?:VK|ВК|Vk|Вк|vk)(?:\\s*[-‐‑–]\\s*|[ \\t\\u00a0]+)(?:[Мм]ессенджер\\p{L}*|МЕССЕНДЖЕР\\p{L}*|[Mm]essenger)`, 'gu');
// The lookahead first: the lookbehind (which scans back over `\s+`) runs only where `VK` stands,
// otherwise every position of a long whitespace run rescans the run (quadratic).
const VK_PROFILE_RE = new RegExp(`(?=VK|ВК)(?<=учебн\\p{L}*\\s+профил\\p{L}*\\s+(?:в\\s+)?)(?:VK|ВК)(?![${L}]|\\s*[-‐‑–]?\\s*мессенджер)`, 'giu');
/**
 * Sticky twins of the mention patterns, tried only where one scan of the text finds their first
 * letters (the leading lookbehinds made each global scan test them at every position). A match of
 * each pattern starts with its candidate, so the first candidate where the sticky pattern matches
 * is the match its global scan finds, and that scan goes on after the match.
 */
const MAX_TOKEN_AT = new RegExp(MAX_TOKEN_RE.source, 'uy');
const NATIONAL_AT = new RegExp(NATIONAL_RE.source, 'iuy');
const VK_BRAND_AT = new RegExp(VK_BRAND_RE.source, 'uy');
/**
 * The candidates, told apart by one letter each: `[МMмm][АAаa][ХXхx]`, «национальн» and «профил»
 * (every match of the `VK` profile pattern has it in its lookbehind) as flags `iu` read them — each
 * letter class holds every code point that `iu` equates with the letter (only «о» has a third one,
 * U+1C82) — and `VK|ВК|Vk|Вк|vk`. A match is the one letter that tells its kind (`х`, `ц`, the `V`,
 * `ф`: the rarest of each kind, with the rest checked around it), so the scan stops at few places
 * (twice as fast as matching from the first letters, which are common); each candidate starts at
 * a fixed distance before its letter, and the letter sets are disjoint.
 */
const CANDIDATES = /[ХXхx](?<=[МMмm][АAаa][ХXхx])|[цЦ](?<=[нН][аА][цЦ])(?=[иИ][оОᲂ][нН][аА][лЛ][ьЬ][нН])|V(?=[Kk])|В(?=[Кк])|v(?=k)|[фФ](?<=[пП][рР][оОᲂ][фФ])(?=[иИ][лЛ])/g;
const VK_PROFILE_AT = new RegExp(VK_PROFILE_RE.source, 'iuy');
/** Characters a case-insensitive Unicode regex equates with one of `vkвк` (Kelvin sign, ᲀ). */
const VK_FOLD_EXCEPTIONS = /[\u212a\u1c80]/;

/**
 * The sticky patterns for a {@link plainText} (letters only A–Z, a–z, А–я, Ё, ё; digits only
 * 0–9; no surrogates): `\p{L}` → `[A-Za-zА-яЁё]`, `\p{N}` → `[0-9]`, `iu` → case classes
 * (`plainSource`). They find the same there and compile many times faster than `\p{L}` with `u`.
 * Built on first use; a source `plainSource` does not understand keeps its `u` pattern.
 */
let plainSticky: { readonly max: RegExp; readonly national: RegExp; readonly vk: RegExp; readonly profile: RegExp } | undefined;

function plainStickyPatterns(): NonNullable<typeof plainSticky> {
  const twin = (re: RegExp): RegExp => {
    const src = plainSource(re.source, re.flags.includes('i'));
    return src === undefined ? re : new RegExp(src, 'y');
  };
  return (plainSticky ??= {
    // `[a-z]` is a range (plainSource declines ranges); without `i` it reads the same without `u`.
    max: new RegExp(`(?<![${PL}0-9_@.\\/-])[МMмm][АAаa][ХXхx]${MAX_ENDING}?(?![${PL}0-9_]|\\.[a-z])`, 'y'),
    national: twin(NATIONAL_AT),
    vk: twin(VK_BRAND_AT),
    profile: twin(VK_PROFILE_AT),
  });
}
/** `\p{L}` in a {@link plainText}. */
const PL = 'A-Za-zА-яЁё';

/**
 * The matches of {@link VK_PROFILE_RE} (what its global scan finds), tried only where its
 * lookbehind can end: its `профил\p{L}*\s+(?:в\s+)?` read forward from each «профил» of the text
 * (`profiles`, ascending, as {@link scanMentions} finds them) ends at one or two places — after the
 * letters and the white space, and after a following «в» and white space. Exported for the
 * property test.
 */
export function profileMatches(text: string, profiles: readonly number[], plain = false): [number, number][] {
  const out: [number, number][] = [];
  if (VK_FOLD_EXCEPTIONS.test(text)) {
    for (const m of text.matchAll(VK_PROFILE_RE)) out.push([m.index!, m.index! + m[0].length]);
    return out;
  }
  const re = plain ? plainStickyPatterns().profile : VK_PROFILE_AT;
  const n = text.length;
  let tried = -1; // the last place tried: places come in ascending order, equal for nested «профил»
  const tryAt = (q: number): void => {
    if (q <= tried) return;
    tried = q;
    re.lastIndex = q;
    const m = re.exec(text);
    if (m) out.push([q, q + m[0].length]);
  };
  for (const p of profiles) {
    let i = p + 6;
    for (let k = letterLengthAt(text, i); k > 0; k = letterLengthAt(text, i)) i += k;
    const s = i;
    while (i < n && isSpace(text, i)) i++;
    if (i === s) continue;
    tryAt(i);
    const c = text.charCodeAt(i); // `в` (`ᲀ` is a fold exception)
    if ((c === 0x432 || c === 0x412) && i + 1 < n && isSpace(text, i + 1)) {
      let j = i + 1;
      while (j < n && isSpace(text, j)) j++;
      tryAt(j);
    }
  }
  return out;
}
const PLATFORM_PREV_WORD = /^(?:мессенджер\p{L}*|в|во|на|через|профил\p{L}*|платформ\p{L}*|приложени\p{L}*|сервис\p{L}*|и|или)$/iu;
/** Nouns of the physics terms named after Ernst Mach: «число Маха», «конус Маха», «принцип Маха». */
const MACH_TERM_WORD = /^(?:числ|конус|угл|угол|принцип|эффект|волн|диск|кольц|полос|отражени)\p{L}*$/iu;

/** True when `Мах` (capitalised Cyrillic) at `start` reads as the platform name, not the word «мах». */
function platformContext(text: string, start: number, end: number, index: SentenceIndex): boolean {
  // In a plain text the patterns of {@link platformContextByRegex} are plain character tests: `\p{L}`
  // is a plain letter, `iu` is `toLowerCase` (their ten `\p{L}`/`iu` patterns cost ~7 ms to compile).
  if (!plainText(text)) return platformContextByRegex(text, start, end, index);
  const lo = Math.max(0, start - 40); // `before` = text.slice(lo, start)
  const hi = Math.min(text.length, end + 60); // `after` = text.slice(end, hi)
  let b = start; // `before` without its trailing white space
  while (b > lo && isSpace(text, b - 1)) b--;
  let f = end; // `after` without its leading white space
  while (f < hi && isSpace(text, f)) f++;
  // /[«"“„]\s*$/ on `before`, /^\s*[»"”]/ on `after`
  if (b > lo && isOpenQuote(text.charCodeAt(b - 1))) return true;
  if (f < hi && isCloseQuote(text.charCodeAt(f))) return true;
  // /(\p{L}+)[\s\u00a0]*$/ on `before`: the letters just before the trailing white space.
  let k = b;
  while (k > lo && isPlainLetter(text.charCodeAt(k - 1))) k--;
  if (k < b) {
    const prev = text.slice(k, b).toLowerCase();
    if (PLATFORM_PREV_WORDS.includes(prev) || PLATFORM_PREV_STEMS.some((w) => prev.startsWith(w))) return true;
    // A physicist's name in the terms named after him («число Маха», «конус Маха», «принцип Маха»).
    if (MACH_TERM_STEMS.some((w) => prev.startsWith(w))) return false;
  }
  // The noun «мах» with what swings («Мах рукой …», «Мах крыла …»).
  if (f > end && SWING_STEMS.some((w) => startsWithLower(text, f, hi, w))) return false;
  if (startsWithLower(text, f, hi, 'мессенджер')) return true;
  const d = f < hi ? text.charCodeAt(f) : 0;
  if (d === 0x2d || d === 0x2013 || d === 0x2014) {
    // /[-–—]\s*(?:это\s+)?(?:национальн|российск|мессенджер|платформ)/
    let g = f + 1;
    while (g < hi && isSpace(text, g)) g++;
    if (DASH_STEMS.some((w) => startsWithLower(text, g, hi, w))) return true;
    if (startsWithLower(text, g, hi, 'это') && g + 3 < hi && isSpace(text, g + 3)) {
      g += 3;
      while (g < hi && isSpace(text, g)) g++;
      if (DASH_STEMS.some((w) => startsWithLower(text, g, hi, w))) return true;
    }
  }
  const sentence = sentenceIn(index, start);
  // Capitalised after a word of the same sentence («Использование Мах добровольно»): a name — the
  // noun «мах» is lower case there. After an initial («Э. Мах») it is a person's name.
  // `head` = text.slice(sentence.start, start): /\p{L}{2,}[,]?[\s\u00a0]+$/ and /(?:^|[\s(])\p{Lu}\.[\s\u00a0]*$/
  let h = start;
  while (h > sentence.start && isSpace(text, h - 1)) h--;
  if (h < start) {
    let w = h;
    if (w > sentence.start && text.charCodeAt(w - 1) === 44) w--; // `,`
    let l = w;
    while (l > sentence.start && isPlainLetter(text.charCodeAt(l - 1))) l--;
    const initial =
      h - 2 >= sentence.start &&
      text.charCodeAt(h - 1) === 46 &&
      isPlainCapital(text.charCodeAt(h - 2)) &&
      (h - 2 === sentence.start || text.charCodeAt(h - 3) === 40 || isSpace(text, h - 3));
    if (w - l >= 2 && !initial) return true;
  }
  // Sentence context: the same sentence speaks of a messenger or the platform.
  const lower = text.slice(sentence.start, sentence.end).toLowerCase();
  return lower.includes('мессенджер') || lower.includes('сферум') || lower.includes('платформ');
}

/** The words and stems of {@link PLATFORM_PREV_WORD}, {@link MACH_TERM_WORD} and the `after` patterns. */
const PLATFORM_PREV_WORDS: readonly string[] = ['в', 'во', 'на', 'через', 'и', 'или'];
const PLATFORM_PREV_STEMS: readonly string[] = ['мессенджер', 'профил', 'платформ', 'приложени', 'сервис'];
const MACH_TERM_STEMS: readonly string[] = ['числ', 'конус', 'угл', 'угол', 'принцип', 'эффект', 'волн', 'диск', 'кольц', 'полос', 'отражени'];
const SWING_STEMS: readonly string[] = ['рук', 'ног', 'крыл', 'весл', 'кист', 'маятник'];
const DASH_STEMS: readonly string[] = ['национальн', 'российск', 'мессенджер', 'платформ'];

/** `text.slice(i, hi)` starts with the lower-case `word`, in any case (`iu` on a plain text). */
function startsWithLower(text: string, i: number, hi: number, word: string): boolean {
  return i + word.length <= hi && text.slice(i, i + word.length).toLowerCase() === word;
}

/** `\p{L}` in a plain text: A–Z, a–z, А–я, Ё, ё. */
function isPlainLetter(c: number): boolean {
  return (c >= 0x410 && c <= 0x44f) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 0x401 || c === 0x451;
}

/** `\p{Lu}` in a plain text: A–Z, А–Я, Ё. */
function isPlainCapital(c: number): boolean {
  return (c >= 0x410 && c <= 0x42f) || (c >= 65 && c <= 90) || c === 0x401;
}

/** `[«"“„]` */
function isOpenQuote(c: number): boolean {
  return c === 0xab || c === 0x22 || c === 0x201c || c === 0x201e;
}

/** `[»"”]` */
function isCloseQuote(c: number): boolean {
  return c === 0xbb || c === 0x22 || c === 0x201d;
}

/** {@link platformContext} of `Мах` at `[start, end)`, or its patterns (`byRegex`); for the property test. */
export function maxCaseContext(text: string, start: number, end: number, byRegex = false): boolean {
  return (byRegex ? platformContextByRegex : platformContext)(text, start, end, sentenceIndex(text));
}

/** {@link platformContext} as the patterns say it (any text). */
function platformContextByRegex(text: string, start: number, end: number, index: SentenceIndex): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 60);
  if (/[«"“„]\s*$/u.test(before) || /^\s*[»"”]/u.test(after)) return true;
  const prev = /(\p{L}+)[\s\u00a0]*$/u.exec(before)?.[1];
  if (prev && PLATFORM_PREV_WORD.test(prev)) return true;
  // A physicist's name in the terms named after him («число Маха», «конус Маха», «принцип Маха»).
  if (prev && MACH_TERM_WORD.test(prev)) return false;
  // The noun «мах» with what swings («Мах рукой …», «Мах крыла …»).
  if (/^[\s\u00a0]+(?:рук|ног|крыл|весл|кист|маятник)\p{L}*/iu.test(after)) return false;
  if (/^[\s\u00a0]*(?:мессенджер|[-–—]\s*(?:это\s+)?(?:национальн|российск|мессенджер|платформ))/iu.test(after)) return true;
  const sentence = sentenceIn(index, start);
  // Capitalised after a word of the same sentence («Использование Мах добровольно»): a name — the
  // noun «мах» is lower case there. After an initial («Э. Мах») it is a person's name.
  const head = text.slice(sentence.start, start);
  if (/\p{L}{2,}[,]?[\s\u00a0]+$/u.test(head) && !/(?:^|[\s(])\p{Lu}\.[\s\u00a0]*$/u.test(head)) return true;
  // Sentence context: the same sentence speaks of a messenger or the platform.
  return /мессенджер|сферум|платформ/iu.test(text.slice(sentence.start, sentence.end));
}

/**
 * Sentence boundaries of a text, computed once per text: every platform mention asks for its
 * sentence, and walking to the sentence ends per mention is quadratic on a long one-line
 * paragraph (thousands of mentions in one 300 KB line). The stops are exactly the positions where
 * the walks of {@link sentenceAt} stop.
 */
interface SentenceIndex {
  readonly text: string;
  /** Ascending positions `p` (1 ≤ p ≤ length) where a backward walk stops (`start = p`). */
  readonly back: number[];
  /** Ascending positions `p` (0 ≤ p < length) where a forward walk stops (`end = p`). */
  readonly fwd: number[];
  /** Per knowledge object: sentence (`start * (length + 1) + end`) → whether it is historical. */
  readonly historical: Map<unknown, Map<number, boolean>>;
}

const sentenceIndexes: SentenceIndex[] = [];

function backStop(text: string, p: number): boolean {
  const c = text[p - 1]!;
  if (c === '\n' || c === '\r') return true;
  if ((c === ';' || c === '!' || c === '?' || c === '.') && /\s/.test(text[p] ?? ' ')) {
    // «г.», «ст.», «т.е.» — abbreviations do not end a sentence when a lowercase word follows.
    if (c !== '.' || /^\s+[\p{Lu}\d]/u.test(text.slice(p, p + 3))) return true;
  }
  return false;
}

function forwardStop(text: string, p: number): boolean {
  const c = text[p]!;
  if (c === '\n' || c === '\r') return true;
  if ((c === ';' || c === '!' || c === '?') && /\s|$/.test(text[p + 1] ?? '')) return true;
  return c === '.' && /^\.\s+[\p{Lu}\d]/u.test(text.slice(p, p + 4));
}

/** `/\s/.test(text[i])` for an index within the text. */
function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text[i]!);
}

/** `/^\s+[\p{Lu}\d]/u.test(text.slice(p + 1, p + 4))`: the dot at `p` ends a sentence. */
function dotStop(text: string, p: number): boolean {
  if (p + 3 < text.length) {
    const c1 = text.charCodeAt(p + 1);
    const c2 = text.charCodeAt(p + 2);
    if (c1 < 128 && c1 !== 32 && !(c1 >= 9 && c1 <= 13)) return false;
    if (c1 === 32 || (c1 >= 9 && c1 <= 13)) {
      const k2 = capitalOrDigit(c2);
      if (k2 !== undefined) return k2;
      if (c2 === 32 || (c2 >= 9 && c2 <= 13)) {
        const k3 = capitalOrDigit(text.charCodeAt(p + 3));
        if (k3 !== undefined) return k3;
      }
    }
  }
  return /^\s+[\p{Lu}\d]/u.test(text.slice(p + 1, p + 4));
}

/** Whether a code unit is `[\p{Lu}\d]` when that is plain (ASCII, basic Cyrillic), else undefined. */
function capitalOrDigit(c: number): boolean | undefined {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x42f) || c === 0x401) return true;
  if ((c < 128 && !(c === 32 || (c >= 9 && c <= 13))) || (c >= 0x430 && c <= 0x44f) || c === 0x451) return false;
  return undefined;
}

/**
 * The characters where a sentence walk may stop: a dot only before white space ({@link dotStop}
 * needs it; a fifth of the dots, in numbers «3.1.2» and addresses, are skipped without a JS step).
 */
const STOP_CHARS = /[\n\r;!?]|\.(?=\s)/g;

function sentenceIndex(text: string): SentenceIndex {
  // Identity first: comparing two distinct equal-length texts by content costs a full scan.
  const first = sentenceIndexes[0];
  if (first && first.text === text) return first;
  const hit = sentenceIndexes.find((x) => x.text === text);
  if (hit) return hit;
  const back: number[] = [];
  const fwd: number[] = [];
  // Only line breaks and `.;!?` stop a walk. The tests of {@link forwardStop} and
  // {@link backStop} without slices and regexes on the common characters: after `.` both ask
  // whether white space and a capital or a digit follow; `;!?` always stop a forward walk (`/\s|$/`
  // matches any one character) and a backward walk when white space (or the end) follows.
  // The regex finds the next of these characters far faster than a loop over every code unit;
  // `test` moves `lastIndex` past it without allocating a match array.
  STOP_CHARS.lastIndex = 0;
  while (STOP_CHARS.test(text)) {
    const p = STOP_CHARS.lastIndex - 1;
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) {
      fwd.push(p);
      back.push(p + 1);
    } else if (c === 46) {
      if (dotStop(text, p)) {
        fwd.push(p);
        back.push(p + 1);
      }
    } else if (c === 59 || c === 33 || c === 63) {
      fwd.push(p);
      if (p + 1 >= text.length || isSpace(text, p + 1)) back.push(p + 1);
    }
  }
  const index: SentenceIndex = { text, back, fwd, historical: new Map() };
  sentenceIndexes.unshift(index);
  if (sentenceIndexes.length > 4) sentenceIndexes.pop();
  return index;
}

/** The sentence around an offset: bounded by `.;!?` followed by a space, or a line break. */
export function sentenceAt(text: string, offset: number): OffsetRange {
  if (!(Number.isInteger(offset) && offset >= 0 && offset <= text.length)) return sentenceAtByWalking(text, offset);
  return sentenceIn(sentenceIndex(text), offset);
}

/** {@link sentenceAt} on an index already at hand (`offset` an integer within the text). */
function sentenceIn(index: SentenceIndex, offset: number): OffsetRange {
  const { back, fwd, text } = index;
  // The largest backward stop ≤ offset (else 0); the smallest forward stop ≥ offset (else length).
  const b = upperBound(back, offset);
  const f = lowerBound(fwd, offset);
  return { start: b > 0 ? back[b - 1]! : 0, end: f < fwd.length ? fwd[f]! : text.length };
}

/** The walks themselves, for offsets outside the text. */
function sentenceAtByWalking(text: string, offset: number): OffsetRange {
  let start = offset;
  while (start > 0) {
    if (start - 1 < offset && backStop(text, start)) break;
    start--;
  }
  let end = offset;
  while (end < text.length && !forwardStop(text, end)) end++;
  return { start, end };
}

/** True when the sentence around `offset` is historical (see the module comment). */
export function isHistorical(text: string, offset: number, knowledge?: Knowledge): boolean {
  if (!(Number.isInteger(offset) && offset >= 0 && offset <= text.length)) {
    return markersMatch(historicalMatchers(termsData(knowledge).historicalMarkers, plainText(text)), text, sentenceAtByWalking(text, offset));
  }
  return historicalIn(sentenceIndex(text), offset, knowledge, historicalMatchers(termsData(knowledge).historicalMarkers, plainText(text)));
}

/** {@link isHistorical} on an index and compiled markers already at hand. */
function historicalIn(index: SentenceIndex, offset: number, knowledge: Knowledge | undefined, matchers: readonly RegExp[]): boolean {
  const s = sentenceIn(index, offset);
  let cache = index.historical.get(knowledge);
  if (!cache) index.historical.set(knowledge, (cache = new Map()));
  const key = s.start * (index.text.length + 1) + s.end;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const historical = markersMatch(matchers, index.text, s);
  cache.set(key, historical);
  return historical;
}

function markersMatch(matchers: readonly RegExp[], text: string, s: OffsetRange): boolean {
  const sentence = text.slice(s.start, s.end);
  for (const re of matchers) {
    re.lastIndex = 0;
    if (re.test(sentence)) return true;
  }
  return false;
}

/**
 * The historical markers compiled once per markers array (the data never changes): one regex
 * `(?<!\p{L})(?:(?:m1)|(?:m2)|…)(?!\p{L})` — it matches exactly where one of the per-marker regexes
 * would — unless a marker is invalid (skipped), unbalanced or refers to a group (back-references
 * would be renumbered): then one regex per valid marker, as the data says.
 */
const markerCache = new WeakMap<readonly string[], { readonly all: readonly RegExp[]; plain: readonly RegExp[] | undefined }>();

/**
 * The matchers of {@link compileMarkers}; for a {@link plainText} (`plain`) their `plainDataRegex`
 * variants without `i`/`u` (built on first use): they find the same in a plain text (a sentence of
 * a plain text is plain) and run four to five times faster.
 */
function historicalMatchers(markers: readonly string[], plain: boolean): readonly RegExp[] {
  let hit = markerCache.get(markers);
  if (!hit) markerCache.set(markers, (hit = { all: compileMarkers(markers), plain: undefined }));
  if (!plain) return hit.all;
  return hit.plain ?? (hit.plain = hit.all.map((re) => plainDataRegex(re.source, 'iu') ?? re));
}

function compileMarkers(markers: readonly string[]): readonly RegExp[] {
  const wrap = (src: string): string => `(?<![\\p{L}])(?:${src})(?![\\p{L}])`;
  const valid = markers.filter((src) => typeof src === 'string' && dataRegex(wrap(src), 'iu') !== null);
  let out: RegExp[] = [];
  const combinable = valid.length === markers.length && valid.every((src) => sourceShape(src).balanced && !/\\(?:[1-9]|k<)|\(\?<[^=!]/.test(src));
  const combined = combinable && valid.length > 1 ? dataRegex(`(?<![\\p{L}])(?:${valid.map((src) => `(?:${src})`).join('|')})(?![\\p{L}])`, 'iu') : null;
  if (combined) out = [new RegExp(combined.source, combined.flags)];
  else out = valid.map((src) => new RegExp(wrap(src), 'iu'));
  return out;
}

/**
 * The matches of the global scans of {@link MAX_TOKEN_RE} (`onMax(match, start)` returns the end of
 * the match), {@link NATIONAL_RE} and {@link VK_BRAND_RE}, each in order, from one scan of their
 * candidates; true when the text has «профил» (the `VK` profile pattern may match). Exported for
 * the property test.
 */
export function scanMentions(
  text: string,
  onMax: (match: string, start: number) => number,
  onNational: (start: number, end: number) => void,
  onVk: (start: number, end: number) => void,
  plain = false,
  profiles?: number[],
): boolean {
  // In a plain text the sticky patterns without `u` (same matches, cheaper to compile).
  const sticky = plain ? plainStickyPatterns() : undefined;
  const maxAt = sticky ? sticky.max : MAX_TOKEN_AT;
  const nationalAt = sticky ? sticky.national : NATIONAL_AT;
  const vkAt = sticky ? sticky.vk : VK_BRAND_AT;
  // Where each pattern's global scan would go on (the end of its last match).
  let maxFrom = 0;
  let nationalFrom = 0;
  let vkFrom = 0;
  let profile = false;
  CANDIDATES.lastIndex = 0;
  // `test` moves `lastIndex` past the candidate's letter without allocating a match array. Each
  // kind's candidates come in order of their start (a fixed distance before the letter).
  while (CANDIDATES.test(text)) {
    const a = CANDIDATES.lastIndex - 1;
    const c = text.charCodeAt(a);
    let q: number;
    if (c === 0x445 || c === 0x425 || c === 120 || c === 88) {
      q = a - 2; // `мах`: the letter is the last one, one of `хХxX`
      if (q < maxFrom) continue;
      maxAt.lastIndex = q;
      const m = maxAt.exec(text);
      if (m) maxFrom = onMax(m[0], q);
    } else if (c === 0x446 || c === 0x426) {
      q = a - 2; // «национальн»: the letter is `ц`
      if (q < nationalFrom) continue;
      nationalAt.lastIndex = q;
      const m = nationalAt.exec(text);
      if (m) onNational(q, (nationalFrom = q + m[0].length));
    } else if (c === 0x444 || c === 0x424) {
      profile = true; // «профил»
      profiles?.push(a - 3);
    } else {
      q = a; // `VK`: the letter is the first one
      if (q < vkFrom) continue;
      vkAt.lastIndex = q;
      const m = vkAt.exec(text);
      if (m) onVk(q, (vkFrom = q + m[0].length));
    }
  }
  return profile;
}

/** Every platform mention of a text outside protected zones (code, URLs, e-mails, comments). */
export function findMentions(model: DocumentModel, text: string, knowledge?: Knowledge): PlatformMention[] {
  const zones = protectedZones(model, text);
  const out: PlatformMention[] = [];
  // The sentence index and the compiled markers, looked up once, at the first mention (many
  // drafts have none).
  let index: SentenceIndex | undefined;
  let matchers: readonly RegExp[] | undefined;
  const push = (platform: 'max' | 'vk', kind: MentionKind, start: number, end: number): void => {
    if (inZones(zones, start, end)) return;
    index ??= sentenceIndex(text);
    matchers ??= historicalMatchers(termsData(knowledge).historicalMarkers, plainText(text));
    out.push({ platform, kind, start, end, text: text.slice(start, end), historical: historicalIn(index, start, knowledge, matchers) });
  };
  /** A match of {@link MAX_TOKEN_RE} at `start`: pushes it when it names the platform; returns its end. */
  const maxMention = (match: string, start: number): number => {
    const end = start + match.length;
    const t = match.slice(0, 3);
    if (match.length > 3) {
      // A declined lookalike: `МАХе` (all capitals, some Cyrillic) always, `Махе` in a platform
      // context; `махом` is the ordinary word, `MAXе`/`Maxа` are left alone.
      // `/[\p{Script=Cyrillic}]/u.test(t)`: `t` is three of `МMмmАAаaХXхx`, the Cyrillic ones ≥ U+0400.
      if (!(t.charCodeAt(0) >= 0x400 || t.charCodeAt(1) >= 0x400 || t.charCodeAt(2) >= 0x400)) return end;
      if (t === t.toUpperCase()) push('max', 'max-lookalike', start, end);
      else if (t === 'Мах' && platformContext(text, start, end, (index ??= sentenceIndex(text)))) push('max', 'max-case', start, end);
      return end;
    }
    if (t === 'MAX') push('max', 'max-canonical', start, end);
    else if (t === t.toUpperCase()) push('max', 'max-lookalike', start, end);
    else if (t === 'мах') return end; // the ordinary word «мах» («одним махом» is another word form)
    else if (t === 'Мах') {
      if (platformContext(text, start, end, (index ??= sentenceIndex(text)))) push('max', 'max-case', start, end);
    } else if (/^[a-z]+$/i.test(t)) {
      // Latin `Max`/`max`: the platform unless an English phrase continues («Max Planck»).
      if (!/^[\s\u00a0]+[A-Za-z]/.test(text.slice(end, end + 3))) push('max', 'max-case', start, end);
    } else {
      push('max', 'max-case', start, end); // mixed scripts in mixed case: «Мax»
    }
    return end;
  };
  const plain = plainText(text);
  const profiles: number[] = [];
  const profile = scanMentions(text, maxMention, (start, end) => push('max', 'max-national', start, end), (start, end) => push('vk', 'vk-brand', start, end), plain, profiles);
  // Every match has «профил» in its lookbehind: most drafts have none, and the scan is skipped.
  if (profile) for (const [start, end] of profileMatches(text, profiles, plain)) push('vk', 'vk-profile', start, end);
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** A necessary condition of {@link TERMS_TITLE_RE} (see computeDefinitionNodes). Exported for the property test. */
export const TERMS_TITLE_HINT = /термин|понят|определени/i;
const TERMS_TITLE_RE = /^(?:основные\s+)?(?:термины|понятия|определения)|используемые\s+(?:термины|понятия)|понятия,?\s+используемые/iu;

/**
 * Nodes of the terms (definitions) part: the section or clause «Понятия…» and its descendants.
 * Found once per model (the platform decision, terms/abbreviation and terms/platform-mixup ask);
 * callers must not modify the returned array.
 */
export function definitionNodes(model: DocumentModel): RegNode[] {
  let hit = definitionCache.get(model);
  if (!hit) definitionCache.set(model, (hit = computeDefinitionNodes(model)));
  return hit;
}

const definitionCache = new RecentCache<DocumentModel, RegNode[]>();

function computeDefinitionNodes(model: DocumentModel): RegNode[] {
  const out: RegNode[] = [];
  const visit = (n: RegNode): void => {
    out.push(n);
    n.children.forEach(visit);
  };
  for (const n of model.nodes) {
    if (n.kind !== 'section' && n.kind !== 'clause') continue;
    // Every match holds «термин», «понят» or «определени»; the pre-filter without `u` accepts every
    // letter that `iu` equates with theirs (checked over the BMP), and most titles fail it at once.
    if (TERMS_TITLE_HINT.test(n.title) && TERMS_TITLE_RE.test(n.title.replace(/^[\s*_]+/, ''))) visit(n);
  }
  return out;
}

function within(r: OffsetRange, outer: OffsetRange): boolean {
  return r.start >= outer.start && r.end <= outer.end;
}

/** The mentions (sorted by start) that start in `[range.start, range.end)`, in order. */
function mentionsFrom(mentions: readonly PlatformMention[], range: OffsetRange): readonly PlatformMention[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < range.start) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < mentions.length && mentions[end]!.start < range.end) end++;
  return mentions.slice(lo, end);
}

/** Decides the platform of an act (see the module comment for the scoring). */
export function detectPlatform(
  model: DocumentModel,
  text: string,
  knowledge?: Knowledge,
  mentions: readonly PlatformMention[] = findMentions(model, text, knowledge),
): PlatformFacts {
  const data = termsData(knowledge);
  const score = { max: 0, vk: 0 };
  const evidence: OffsetRange[] = [];
  const counted = new Set<PlatformMention>();

  const title = model.title?.range;
  if (title) {
    for (const p of ['max', 'vk'] as const) {
      const inTitle = mentions.filter((m) => m.platform === p && within(m, title));
      if (inTitle.length > 0) {
        score[p] += 3;
        evidence.push(inTitle[0]!);
      }
      inTitle.forEach((m) => counted.add(m));
    }
  }

  const defs = definitionNodes(model);
  const defBonus = { max: 0, vk: 0 };
  for (const node of defs) {
    const own = { start: node.headRange.start, end: node.children[0]?.range.start ?? node.range.end };
    // Mentions are sorted by start: only those starting inside `own` can lie within it.
    const inside = mentionsFrom(mentions, own);
    for (const p of ['max', 'vk'] as const) {
      const here = inside.filter((m) => m.platform === p && !m.historical && within(m, own) && !counted.has(m));
      if (here.length === 0) continue;
      here.forEach((m) => counted.add(m));
      if (defBonus[p] < 4) {
        defBonus[p] += 2;
        evidence.push(here[0]!);
      }
    }
  }
  score.max += defBonus.max;
  score.vk += defBonus.vk;

  let maxActCited = false;
  for (const act of data.basisActs) {
    const i = text.indexOf(act);
    if (i >= 0 && i >= model.bodyStart) {
      score.max += 1;
      maxActCited = true;
      evidence.push({ start: i, end: i + act.length });
      break;
    }
  }

  const approvalDate = model.approvalDate;
  if (approvalDate) {
    const stamp = model.stamps.find((s) => s.stamp?.date?.iso === approvalDate)?.stamp?.date?.range;
    if (approvalDate >= data.eraStart) {
      score.max += 1;
      if (stamp) evidence.push(stamp);
    } else if (approvalDate >= '2022-09-01') {
      score.vk += 1;
      if (stamp) evidence.push(stamp);
    }
  }

  const body = { max: 0, vk: 0 };
  for (const m of mentions) {
    if (counted.has(m) || m.historical) continue;
    body[m.platform] = Math.min(2, body[m.platform] + 0.25);
  }
  score.max += body.max;
  score.vk += body.vk;

  // The approval date only tips the balance: an act that never mentions a platform (and cites no
  // MAX-era act) is about neither, whatever its date.
  const mentioned = {
    max: maxActCited || mentions.some((m) => m.platform === 'max' && !m.historical),
    vk: mentions.some((m) => m.platform === 'vk' && !m.historical),
  };
  let platform: Platform = 'unknown';
  if (score.max > score.vk && score.max >= 1 && mentioned.max) platform = 'max';
  else if (score.vk > score.max && score.vk >= 1 && mentioned.vk) platform = 'vk';

  evidence.sort((a, b) => a.start - b.start);
  return {
    platform,
    evidence,
    approvalDate,
    maxMentions: mentions.filter((m) => m.platform === 'max' && !m.historical).map((m) => ({ start: m.start, end: m.end })),
    vkMentions: mentions.filter((m) => m.platform === 'vk' && !m.historical).map((m) => ({ start: m.start, end: m.end })),
    scores: score,
  };
}

/** The parts of a rule context the platform helpers read. */
export interface PlatformContext {
  readonly model: DocumentModel;
  readonly text: string;
  readonly knowledge: Knowledge;
  memo<T>(key: string, compute: () => T): T;
}

/** Platform facts of an analysis, computed once per analysis. */
export function platformFacts(ctx: PlatformContext): PlatformFacts {
  // The mentions are shared with {@link platformMentions}: found once per analysis.
  return ctx.memo('platform', () => detectPlatform(ctx.model, ctx.text, ctx.knowledge, platformMentions(ctx)));
}

/** Platform mentions of an analysis, computed once per analysis. */
export function platformMentions(ctx: PlatformContext): PlatformMention[] {
  return ctx.memo('platform:mentions', () => findMentions(ctx.model, ctx.text, ctx.knowledge));
}

/**
 * Mentions that `terms/platform-mixup` reports: in a MAX act every non-historical VK mention, in
 * a VK act every non-historical MAX mention. Other rules leave these spans alone.
 */
export function mixupMentions(ctx: PlatformContext): PlatformMention[] {
  const { platform } = platformFacts(ctx);
  if (platform === 'unknown') return [];
  const other = platform === 'max' ? 'vk' : 'max';
  return platformMentions(ctx).filter((m) => m.platform === other && !m.historical);
}

/** The deepest node of the clause tree containing `offset`: the last one of `model.nodes`. */
export function nodeAt(model: DocumentModel, offset: number): RegNode | undefined {
  let locate = locators.get(model);
  if (!locate) locators.set(model, (locate = nodeLocator(model.nodes)));
  return locate(offset);
}

const locators = new RecentCache<DocumentModel, (offset: number) => RegNode | undefined>();

/**
 * A search for the last node whose range contains an offset, in logarithmic time for nested
 * ranges instead of a scan of every node per offset (thousands of mentions in a 1 MB draft): a
 * segment tree over the node list keeps each segment's smallest start and largest end; the search
 * walks right children first and skips segments that cannot contain the offset.
 */
function nodeLocator(nodes: readonly RegNode[]): (offset: number) => RegNode | undefined {
  const n = nodes.length;
  let size = 1;
  while (size < n) size <<= 1;
  const minStart = new Float64Array(2 * size).fill(Infinity);
  const maxEnd = new Float64Array(2 * size).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    minStart[size + i] = nodes[i]!.range.start;
    maxEnd[size + i] = nodes[i]!.range.end;
  }
  for (let k = size - 1; k >= 1; k--) {
    minStart[k] = Math.min(minStart[2 * k]!, minStart[2 * k + 1]!);
    maxEnd[k] = Math.max(maxEnd[2 * k]!, maxEnd[2 * k + 1]!);
  }
  const find = (k: number, offset: number): number => {
    if (!(minStart[k]! <= offset && offset < maxEnd[k]!)) return -1;
    if (k >= size) return k - size; // a leaf: its own range contains the offset
    const right = find(2 * k + 1, offset);
    return right >= 0 ? right : find(2 * k, offset);
  };
  return (offset) => {
    const i = n > 0 ? find(1, offset) : -1;
    return i >= 0 ? nodes[i] : undefined;
  };
}

/** A mangled platform name in quotes: «Сфера», «Сферум в МАХ», «Сферрум». */
export interface MangledName extends OffsetRange {
  /** The text between the quotes. */
  readonly inner: string;
  /** Offset just past the closing quote. */
  readonly quoteEnd: number;
  /** True when the name carries a MAX suffix («Сферум в МАХ»). */
  readonly withMax: boolean;
}

const NEAR_NAME_START = /^(?:[сСcC][фФ]|sferum)/i;
const QUOTED_RE = /[«"“„]([^«»"“”„\n]{1,40}?)[»"”“]/gu;
const NAME_PREV_WORD = /(?:^|[^\p{L}])(?:икоп|платформ\p{L}*|пространств\p{L}*|сервис\p{L}*|приложени\p{L}*|систем\p{L}*|мессенджер\p{L}*)[\s\u00a0]*$/iu;
const MAX_SUFFIX_RE = /^(?:[\s\u00a0]*[-–][\s\u00a0]*|[\s\u00a0]+)(?:(?:в|на)[\s\u00a0]+)?(?:max|мах|макс)$/iu;

/** The words of {@link NAME_PREV_WORD} (`икоп` whole, the others as stems). */
const NAME_PREV_STEMS: readonly string[] = ['платформ', 'пространств', 'сервис', 'приложени', 'систем', 'мессенджер'];

/**
 * `NAME_PREV_WORD.test(text.slice(max(0, quote - 30), quote))`: a platform word just before the
 * quote. In a plain text by character tests (the `\p{L}`/`iu` pattern costs ~2 ms to compile):
 * the letters before the trailing white space, from a non-letter or the slice start on.
 * Exported for the property test.
 */
export function namePrevWord(text: string, quote: number): boolean {
  const lo = Math.max(0, quote - 30);
  if (!plainText(text)) return NAME_PREV_WORD.test(text.slice(lo, quote));
  let b = quote;
  while (b > lo && isSpace(text, b - 1)) b--;
  let k = b;
  while (k > lo && isPlainLetter(text.charCodeAt(k - 1))) k--;
  if (k === b) return false;
  const word = text.slice(k, b).toLowerCase();
  return word === 'икоп' || NAME_PREV_STEMS.some((w) => word.startsWith(w));
}

/** Mangled quoted platform names (see {@link MangledName}), outside protected zones. */
export function findMangledNames(model: DocumentModel, text: string, canonical = 'Сферум'): MangledName[] {
  // Two rules of one run ask for the same names: the last answer is kept.
  const last = lastMangled;
  if (last && last.model === model && last.text === text && last.canonical === canonical) return last.names;
  const names = computeMangledNames(model, text, canonical);
  lastMangled = { model, text, canonical, names };
  return names;
}

let lastMangled: { readonly model: DocumentModel; readonly text: string; readonly canonical: string; readonly names: MangledName[] } | undefined;

/** The folded canonical name of the last call (it is the same name on every call). */
let lastTarget: { readonly canonical: string; readonly target: string } | undefined;

function computeMangledNames(model: DocumentModel, text: string, canonical: string): MangledName[] {
  if (lastTarget?.canonical !== canonical) lastTarget = { canonical, target: foldToCyrillic(canonical).toLowerCase() };
  const target = lastTarget.target;
  const out: MangledName[] = [];
  // Zones and verdicts are made at the first name that needs them (most drafts have none).
  let zones: readonly OffsetRange[] | undefined;
  // The verdict depends on the quoted name alone (the word before the quote aside): most drafts
  // quote the same name («Сферум») many times, so it is worked out once per distinct name.
  let verdicts: Map<string, NameVerdict> | undefined;
  // An `exec` loop on the module regex: `matchAll` clones it on every call.
  QUOTED_RE.lastIndex = 0;
  for (let m = QUOTED_RE.exec(text); m; m = QUOTED_RE.exec(text)) {
    const innerRaw = m[1]!;
    const lead = innerRaw.length - innerRaw.trimStart().length;
    const inner = innerRaw.trim();
    const start = m.index! + 1 + lead;
    const end = start + inner.length;
    // Cheap test first: a name near «Сферум» starts with «сф» once folded and lower-cased — the
    // first two characters are one of `сСcC` and one of `фФ` — or with Latin `sferum`.
    if (!NEAR_NAME_START.test(inner)) continue;
    if (inZones((zones ??= protectedZones(model, text)), start, end)) continue;
    let v = (verdicts ??= new Map()).get(inner);
    if (v === undefined) verdicts.set(inner, (v = nameVerdict(inner, target)));
    if (v === SKIP) continue;
    if (v === FAR && !namePrevWord(text, m.index)) continue;
    out.push({ start, end, inner, quoteEnd: m.index + m[0].length, withMax: v === WITH_MAX });
  }
  return out;
}

/** What a quoted name is: not reported, reported with a MAX suffix, reported, reported after a platform word. */
type NameVerdict = 0 | 1 | 2 | 3;
const SKIP = 0;
const WITH_MAX = 1;
const NEAR = 2;
const FAR = 3;

function nameVerdict(inner: string, target: string): NameVerdict {
  const folded = foldToCyrillic(inner).toLowerCase();
  const word = /^[\p{L}]+/u.exec(folded)?.[0] ?? '';
  const rest = folded.slice(word.length);
  const latin = /^sferum/i.test(inner);
  const nearName = latin || (word.startsWith('сф') && editDistance(word, target, 2) <= 2);
  if (!nearName) return SKIP;
  const withMax = rest.length > 0 && MAX_SUFFIX_RE.test(rest);
  if (rest.length > 0 && !withMax) return SKIP;
  if (!latin && word === target && !withMax) return SKIP; // correct, or only lookalike letters (text/mixed-script)
  if (withMax) return WITH_MAX;
  const distance = latin ? 0 : editDistance(word, target, 2);
  return distance >= 2 ? FAR : NEAR;
}

import { plainPattern } from '../legal/plainRe';
import { memoizeString } from './memo';
import { plainText } from './plainText';
import { sourceShape } from './regexSource';

/**
 * Heading text without its Markdown decoration and numbering, for comparing headings with the
 * section patterns of the knowledge: no emphasis marks, no leading quotes or dashes, no number
 * written into the title (`I.`, `1.`, `Раздел 2.`, `Глава III`), ё → е, single spaces.
 */
export const stripHeadingDecor: (s: string) => string =
  // Pure, and asked for the same section titles on every run (the server re-analyses on each
  // keystroke, the CLI reads drafts made from one template): memoised.
  memoizeString((s) => computeStripHeadingDecor(s), 8192);

function computeStripHeadingDecor(s: string): string {
  return s
    .replace(/\*\*|__|[*_`]/g, '')
    .replace(/^[\s«"“„'(\[\-–—.:]+/u, '')
    .replace(/^(?:(?:раздел|глава|часть)\s+)?(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|$)\s*/iu, '')
    .replace(/[ёЁ]/g, (c) => (c === 'ё' ? 'е' : 'Е'))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A list of section patterns (flags `iu`; a broken one never matches) as at most two regexes:
 * the patterns anchored at the start (`^…` with no top-level `|`) joined into one alternation that
 * V8 tries at position 0 only, and the others joined into a second one. One union of all of them
 * would be tried at every position of a 240-character clause opening for every anchored
 * alternative. `fallback` when the patterns cannot be joined (a backreference, a group name used
 * twice): they are then tried one by one.
 */
interface PatternMatcher {
  readonly anchored: RegExp | undefined;
  readonly floating: RegExp | undefined;
  readonly fallback: readonly RegExp[] | undefined;
  /**
   * The same two unions without `u` (`legal/plainRe.ts` `plainPattern`, flag `i` only) for plain
   * texts (`util/plainText.ts`): they find the same matches there and compile several times faster
   * (`\p{L}` with `iu` costs ~1 ms per union in a cold run). Null when not available.
   */
  readonly plain: { readonly anchored: RegExp | undefined; readonly floating: RegExp | undefined } | null;
}

const matchers = new WeakMap<readonly string[], PatternMatcher>();

/**
 * True when one of `patterns` (flags `iu`, broken ones ignored) matches `s`. `plain`, when the
 * caller knows it, is `plainText(s)`: a whole draft's copy then needs no scan of its own.
 */
export function matchesPatterns(patterns: readonly string[], s: string, plain?: boolean): boolean {
  let m = matchers.get(patterns);
  if (m === undefined) matchers.set(patterns, (m = matcherOf(patterns)));
  if (m.fallback) {
    for (const re of m.fallback) if (re.test(s)) return true;
    return false;
  }
  if (m.plain !== null && (plain ?? plainText(s))) return (m.plain.anchored !== undefined && m.plain.anchored.test(s)) || (m.plain.floating !== undefined && m.plain.floating.test(s));
  return (m.anchored !== undefined && m.anchored.test(s)) || (m.floating !== undefined && m.floating.test(s));
}

function matcherOf(patterns: readonly string[]): PatternMatcher {
  const valid: RegExp[] = [];
  const sources: string[] = [];
  for (const p of patterns) {
    try {
      valid.push(new RegExp(p, 'iu'));
      sources.push(p);
    } catch {
      // never matches
    }
  }
  const none = { anchored: undefined, floating: undefined, fallback: undefined, plain: null };
  if (valid.length === 0) return none;
  if (sources.some((p) => /\\(?:[1-9]|k<)/.test(p))) return { ...none, fallback: valid };
  const anchored = sources.filter(isAnchored);
  const floating = sources.filter((p) => !isAnchored(p));
  const union = (list: readonly string[]): string | undefined => (list.length > 0 ? list.map((p) => `(?:${p})`).join('|') : undefined);
  const a = union(anchored);
  const f = union(floating);
  let u: Pick<PatternMatcher, 'anchored' | 'floating'>;
  try {
    // Constructing only parses: each union compiles on its first test.
    u = { anchored: a !== undefined ? new RegExp(a, 'iu') : undefined, floating: f !== undefined ? new RegExp(f, 'iu') : undefined };
  } catch {
    return { ...none, fallback: valid };
  }
  return { ...u, fallback: undefined, plain: plainUnions(a, f) };
}

/** The unions without `u` for plain texts, or null when a source has what the rewrite does not handle. */
function plainUnions(a: string | undefined, f: string | undefined): PatternMatcher['plain'] {
  // `\W`/`\B` differ between `iu` and `i` around ſ/K in some engines' folding: keep such lists on `iu`.
  if (/\\[WB]/.test((a ?? '') + (f ?? ''))) return null;
  try {
    return {
      anchored: a !== undefined ? new RegExp(plainPattern(a), 'i') : undefined,
      floating: f !== undefined ? new RegExp(plainPattern(f), 'i') : undefined,
    };
  } catch {
    return null;
  }
}

/** `^…` without a `|` outside groups: the pattern can match at position 0 only (no flag `m`). */
function isAnchored(source: string): boolean {
  if (source[0] !== '^') return false;
  const shape = sourceShape(source);
  return shape.balanced && !shape.topLevelBar;
}

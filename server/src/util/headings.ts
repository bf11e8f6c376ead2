import { memoizeString } from './memo';
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
}

const matchers = new WeakMap<readonly string[], PatternMatcher>();

/** True when one of `patterns` (flags `iu`, broken ones ignored) matches `s`. */
export function matchesPatterns(patterns: readonly string[], s: string): boolean {
  let m = matchers.get(patterns);
  if (m === undefined) matchers.set(patterns, (m = matcherOf(patterns)));
  if (m.fallback) {
    for (const re of m.fallback) if (re.test(s)) return true;
    return false;
  }
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
  const none = { anchored: undefined, floating: undefined, fallback: undefined };
  if (valid.length === 0) return none;
  if (sources.some((p) => /\\(?:[1-9]|k<)/.test(p))) return { ...none, fallback: valid };
  const anchored = sources.filter(isAnchored);
  const floating = sources.filter((p) => !isAnchored(p));
  try {
    return {
      anchored: anchored.length > 0 ? new RegExp(anchored.map((p) => `(?:${p})`).join('|'), 'iu') : undefined,
      floating: floating.length > 0 ? new RegExp(floating.map((p) => `(?:${p})`).join('|'), 'iu') : undefined,
      fallback: undefined,
    };
  } catch {
    return { ...none, fallback: valid };
  }
}

/** `^…` without a `|` outside groups: the pattern can match at position 0 only (no flag `m`). */
function isAnchored(source: string): boolean {
  if (source[0] !== '^') return false;
  const shape = sourceShape(source);
  return shape.balanced && !shape.topLevelBar;
}

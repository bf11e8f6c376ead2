/**
 * Markdown parsing: unified + remark-parse → mdast. Never throws.
 *
 * Architecture Invariant: parsing never fails. Whatever the input (empty, binary, 5 MB, deeply
 * nested), callers get a tree; failures are returned as `problems`, and the clause tree is built
 * from lines so that a degenerate tree still yields a model.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const processor = unified().use(remarkParse);

/**
 * For pathological inline input (tens of thousands of `*`, `_` or `[` in one paragraph) micromark's
 * emphasis and link resolution is quadratic: minutes for 100 KB. The model needs block structure
 * only, so such text is parsed with those inline constructs switched off.
 */
const blockOnlyProcessor = unified().use(remarkParse);
blockOnlyProcessor.data('micromarkExtensions', [
  { disable: { null: ['attention', 'labelStartLink', 'labelStartImage', 'labelEnd', 'htmlText', 'autolink'] } },
]);

/** Most inline markers one paragraph may hold before the block-only parser is used. */
const MAX_INLINE_MARKERS = 2000;
/** Deepest container nesting (`>`, list markers) kept on one line; deeper markers are neutralised. */
const MAX_NESTING = 32;
/**
 * Widest indentation (columns, a tab counts 4) before a container marker that still opens a
 * container. Nesting by indentation (`- a` / `␣␣- b` / `␣␣␣␣- c` … two thousand levels deep) makes
 * micromark super-linear (minutes for 1 MB): markers indented deeper than this are neutralised like
 * the ones beyond {@link MAX_NESTING}, so such lines become continuation text of the deepest item.
 * Real drafts nest a few levels (< 20 columns).
 */
const MAX_INDENT = 4 * MAX_NESTING;

/** True when some paragraph (text between blank lines) holds too many emphasis or link markers. */
function hasInlineBomb(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */ || c === 91 /* [ */ || c === 93 /* ] */ || c === 60 /* < */) {
      if (++count > MAX_INLINE_MARKERS) return true;
    } else if (c === 10 && /^[ \t]*(?:\r?\n|$)/.test(text.slice(i + 1, i + 80))) {
      count = 0; // a blank line ends the paragraph
    }
  }
  return false;
}

const isSpaceOrTab = (c: number): boolean => c === 32 || c === 9;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Container markers nested or indented deeper than {@link defuseNesting} allows may be present:
 * one pattern, one scan of the text (the three alternatives were three whole-text regexes; a
 * char-code loop over the whole text is slower than either in a cold process).
 */
export const DEEP_NESTING_RE = /(?:[>*+-][ \t]*){33}|(?:\d{1,9}[.)][ \t]+){33}|^[ \t]{33}/m;

/** `[>*+\-0-9.) \t]`: every character of a {@link DEEP_NESTING_RE} match is one of these. */
const isNestingChar = (c: number): boolean => c === 32 || c === 9 || (c >= 41 && c <= 62 && ((NESTING_CHARS >>> (c - 41)) & 1) === 1);
/** Bits `c - 41` of `)` `*` `+` `-` `.`, the digits and `>`. */
const NESTING_CHARS = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 4) | (1 << 5) | (0x3ff << 7) | (1 << 21);

/**
 * Pre-check for {@link DEEP_NESTING_RE} (which would read every character): a match is at least
 * 33 consecutive {@link isNestingChar} characters (33 markers, 33 ordered markers of 3+ each, or
 * 33 spaces/tabs), so a text without such a run cannot match. A run of 33 covers one of every 33rd
 * position: only those are probed, and the run around a probe that hits is measured; the next
 * probe is 33 past the end of a short run (a run of 33 cannot hold that end).
 */
export function mayNestDeep(text: string): boolean {
  const n = text.length;
  for (let i = 32; i < n; ) {
    if (!isNestingChar(text.charCodeAt(i))) {
      i += 33;
      continue;
    }
    let lo = i;
    while (lo > 0 && i - lo < 33 && isNestingChar(text.charCodeAt(lo - 1))) lo--;
    let hi = i + 1;
    while (hi < n && hi - lo < 33 && isNestingChar(text.charCodeAt(hi))) hi++;
    if (hi - lo >= 33) return true;
    i = hi + 33;
  }
  return false;
}

/**
 * Replaces container markers beyond {@link MAX_NESTING} on a line (`> > > …`, `- - - …`) or indented beyond {@link MAX_INDENT} by `x`,
 * one UTF-16 unit for one, so offsets stay aligned: ten thousand nested containers otherwise take
 * micromark minutes.
 */
function defuseNesting(text: string): string {
  if (!mayNestDeep(text) || !DEEP_NESTING_RE.test(text)) return text;
  const out: string[] = [];
  let last = 0;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = lineRe.exec(text); m && m[0].length > 0; m = lineRe.exec(text)) {
    const line = m[0];
    let depth = 0;
    let p = 0;
    let chars: string[] | undefined;
    let column = 0;
    for (;;) {
      while (p < line.length && (line[p] === ' ' || line[p] === '\t')) column += line[p++] === '\t' ? 4 - (column % 4) : 1;
      let markerAt = -1;
      let next = p;
      if (line[p] === '>') { markerAt = p; next = p + 1; }
      else if ((line[p] === '-' || line[p] === '*' || line[p] === '+') && (line[p + 1] === ' ' || line[p + 1] === '\t')) { markerAt = p; next = p + 1; }
      else {
        const om = /^\d{1,9}[.)](?=[ \t])/.exec(line.slice(p, p + 12));
        if (om) { markerAt = p + om[0].length - 1; next = p + om[0].length; }
      }
      if (markerAt < 0) break;
      if (++depth > MAX_NESTING || column > MAX_INDENT) (chars ??= line.split(''))[markerAt] = 'x';
      column += next - p;
      p = next;
    }
    if (chars) {
      out.push(text.slice(last, m.index), chars.join(''));
      last = m.index + line.length;
    }
  }
  if (out.length === 0) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** Result of {@link parseMarkdown}. */
export interface ParseResult {
  readonly tree: Root;
  /** Human-readable descriptions of what went wrong (empty when all went well). */
  readonly problems: readonly string[];
}

/** Most lazy continuation lines a list item or blockquote may carry before it is parsed as a paragraph. */
const MAX_LAZY_LINES = 300;

/** True when `text` holds fewer than `limit` line-break characters (`\r` and `\n` counted apart). */
export function fewerBreaksThan(text: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && count < limit; i = text.indexOf('\n', i + 1)) count++;
  for (let i = text.indexOf('\r'); i >= 0 && count < limit; i = text.indexOf('\r', i + 1)) count++;
  return count < limit;
}

/**
 * `1. Общие положения` followed by thousands of unindented lines makes every line a lazy
 * continuation of the list item, and micromark is quadratic in them (minutes for 90 000 lines).
 * When a run exceeds {@link MAX_LAZY_LINES}, the container marker of the line that opened it is
 * replaced by `x` (same length: offsets stay aligned). The model reads markers from the original
 * text, so clause numbers and bullets are unaffected.
 */
function defuseLazyRuns(text: string): string {
  // A run of more than MAX_LAZY_LINES lines after its opener needs that many line breaks: most
  // drafts have fewer in all, and counting them with indexOf is far cheaper than the scan below.
  if (fewerBreaksThan(text, MAX_LAZY_LINES + 1)) return text;
  const n = text.length;
  const marks: number[] = [];
  let opener = -1;
  let run = 0;
  // Line by line, as `/[^\r\n]*(?:\r\n|\r|\n|$)/g` split them (only \r and \n end a line): each
  // line is read from its start only as far as the blank test and the container marker need.
  const lf = text.indexOf('\r') < 0;
  for (let s = 0; s < n; ) {
    let e = lf ? text.indexOf('\n', s) : s;
    if (e < 0) e = n;
    else if (!lf) while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    // Next line start: past \r\n, \r or \n.
    const next = e >= n ? n : text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
    let p = s;
    while (p < e && isSpaceOrTab(text.charCodeAt(p))) p++;
    if (p === e) {
      // `/^[ \t]*(?:\r\n|\r|\n)?$/`: a blank line ends the run.
      if (opener >= 0 && run > MAX_LAZY_LINES) marks.push(opener);
      opener = -1;
      run = 0;
    } else {
      // `/^[ \t]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/`; the marker character (`>`, `-`, or the `.` of `1.`).
      let marker = -1;
      if (p - s <= 3) {
        const c = text.charCodeAt(p);
        if (c === 62) marker = p;
        else if ((c === 45 || c === 42 || c === 43) && isSpaceOrTab(text.charCodeAt(p + 1))) marker = p;
        else if (isDigitCode(c)) {
          let q = p + 1;
          while (q < e && q - p <= 9 && isDigitCode(text.charCodeAt(q))) q++;
          const d = text.charCodeAt(q);
          if (q - p <= 9 && (d === 46 || d === 41) && q + 1 < e && isSpaceOrTab(text.charCodeAt(q + 1))) marker = q;
        }
      }
      if (marker >= 0) {
        if (opener >= 0 && run > MAX_LAZY_LINES) marks.push(opener);
        opener = marker;
        run = 0;
      } else if (opener >= 0) run++;
    }
    s = next;
  }
  if (opener >= 0 && run > MAX_LAZY_LINES) marks.push(opener);
  if (marks.length === 0) return text;
  const chars = text.split('');
  for (const at of marks) chars[at] = 'x';
  return chars.join('');
}

/**
 * Parses Markdown. Offsets in the tree are offsets into `text`: a leading BOM is replaced by a
 * space of the same length before parsing, so positions stay aligned with the original.
 */
export function parseMarkdown(text: string): ParseResult {
  try {
    const { source, parse } = prepareMarkdown(text);
    return { tree: parse(source), problems: [] };
  } catch (error) {
    return {
      tree: { type: 'root', children: [] },
      problems: [`Разбор Markdown не удался: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}

/**
 * The text micromark sees: a leading BOM replaced by a space, deep nesting and long lazy runs
 * defused (same length as `text`, offsets aligned). The fast block scanner (`syntax/blocks.ts`)
 * scans the same source, so both agree on these protections.
 */
export function prepareSource(text: string): string {
  return defuseLazyRuns(defuseNesting(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text));
}

/**
 * What {@link parseMarkdown} gives micromark (BOM, deep nesting and lazy runs defused; same
 * length as `text`) and the parser it picks for that text. The incremental parser
 * (`syntax/incremental.ts`) parses pieces of `source` with the same parser.
 */
export function prepareMarkdown(text: string): { readonly source: string; readonly mode: 'full' | 'block-only'; readonly parse: (source: string) => Root } {
  const source = prepareSource(text);
  const blockOnly = hasInlineBomb(source);
  const chosen = blockOnly ? blockOnlyProcessor : processor;
  return { source, mode: blockOnly ? 'block-only' : 'full', parse: (piece) => chosen.parse(piece) as Root };
}

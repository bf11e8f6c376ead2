/**
 * A fast, linear, line-level CommonMark block scanner: for every physical line it computes the
 * facts `model/lines.ts` needs (block kind, heading depth, list depth, list marker and its offset)
 * without building an mdast. It mirrors micromark's document/flow algorithm (the parser behind
 * remark-parse) closely, quirks included: containers (block quotes, lists) are matched per line,
 * `self.interrupt` only holds when every container continued and a paragraph or indented code is
 * open, lazy continuation lines keep unmatched containers open, HTML blocks follow micromark's
 * state machine, and list item extents follow mdast positions (trailing blank lines excluded,
 * blank lines inside unclosed fenced code included, except an empty last line before a lazy line).
 *
 * It scans the same prepared source as {@link parseMarkdown} (`prepareSource`: BOM, deep nesting
 * and lazy-run protections), so both see the same text.
 *
 * Where exact equivalence would cost more than it is worth, the scanner gives up and returns
 * `undefined` (the caller then parses with remark): link reference definitions (`]:` anywhere in
 * the text) and a tab inside the indentation that decides container or code structure.
 *
 * Architecture Invariant: for every input where it does not give up, `classifyLines` from these
 * facts equals `classifyLines` from the remark tree (`test/unit/blocks-differential.test.ts`).
 */

/** Markdown block of a line, as `Line['block']` (`model/types.ts`). */
export type BlockKind = 'paragraph' | 'heading' | 'html' | 'code' | 'table' | 'other' | 'blank';

/** The per-line facts of the block structure. */
export interface LineFacts {
  block: BlockKind;
  headingDepth?: number;
  listDepth: number;
  listMarker?: string;
  listMarkerStart?: number;
}

const enum Flow {
  None,
  Paragraph,
  IndentedCode,
  Fenced,
  Html,
}

interface Container {
  quote: boolean;
  ordered: boolean;
  /** Bullet character, or the delimiter (`.`/`)`) of an ordered list. */
  marker: number;
  /** Content indentation of the current item, in columns from the container's start. */
  size: number;
  initialBlank: boolean;
  furtherBlank: boolean;
  itemStart: number;
  itemLast: number;
}

/** Thrown to give up (caught in {@link scanBlocks}). */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('give up');

const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);
const BLOCK_NAMES = new Set([
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup', 'dd',
  'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame',
  'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li', 'link',
  'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p', 'param', 'search', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul',
]);

const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isAlpha(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9;

/** Block kinds by their code in `Scanner.block` (0 = blank, the initial value). */
const KINDS: readonly BlockKind[] = ['blank', 'paragraph', 'heading', 'html', 'code', 'table', 'other'];
const PARAGRAPH = 1;
const HEADING = 2;
const HTML = 3;
const CODE = 4;
const OTHER = 6;

/**
 * Facts of lines without a list marker, shared by every line (and every scan) with the same
 * block, heading depth and list depth: most lines need no object of their own. Consumers only
 * read facts. Indexed by `(listDepth * 7 + headingDepth) * 7 + block`; list depths from
 * {@link SHARED_DEPTHS} on get their own objects (keeps the table small).
 */
const SHARED_DEPTHS = 24;
const sharedFacts: Array<LineFacts | undefined> = new Array(SHARED_DEPTHS * 49).fill(undefined);

/**
 * Scans `source` (the output of `prepareSource`, same length as the original text) and returns
 * one {@link LineFacts} per line of {@link splitLines}-style line starts, or `undefined` when the
 * scanner gives up. `original` is the text the list markers are read from (they are read from
 * the original, as `classifyLines` does with the remark tree). Lines without a list marker may
 * share one (read-only) facts object.
 */
export function scanBlocks(source: string, starts: readonly number[], ends: readonly number[], original: string = source): LineFacts[] | undefined {
  if (source.includes(']:')) return undefined;
  const scanner = new Scanner(source, starts, ends, original);
  try {
    scanner.run();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  return scanner.facts();
}

// --- leaf constructs on the line `[p, le)` of `src` (pure functions) ----------------------

/** Spaces from `p` (at most `max`, before `le`); a tab gives up (its columns depend on position). */
function spaces(src: string, p: number, max: number, le: number): number {
  let k = 0;
  while (k < max && p + k < le) {
    const c = src.charCodeAt(p + k);
    if (c === 32) k++;
    else if (c === 9) throw GIVE_UP;
    else break;
  }
  return k;
}

function blankFrom(src: string, p: number, le: number): boolean {
  for (let q = p; q < le; q++) if (!isSpace(src.charCodeAt(q))) return false;
  return true;
}

function thematicBreak(src: string, p: number, le: number): boolean {
  const m = src.charCodeAt(p);
  if (m !== 42 && m !== 45 && m !== 95) return false;
  let count = 0;
  for (let q = p; q < le; q++) {
    const c = src.charCodeAt(q);
    if (c === m) count++;
    else if (!isSpace(c)) return false;
  }
  return count >= 3;
}

function atxDepth(src: string, p: number, le: number): number {
  let k = 0;
  while (k < 7 && src.charCodeAt(p + k) === 35) k++;
  if (k === 0 || k > 6) return 0;
  if (p + k < le && !isSpace(src.charCodeAt(p + k))) return 0;
  return k;
}

function setextDepth(src: string, p: number, le: number): number {
  const m = src.charCodeAt(p);
  if (m !== 61 && m !== 45) return 0;
  let q = p;
  while (q < le && src.charCodeAt(q) === m) q++;
  while (q < le && isSpace(src.charCodeAt(q))) q++;
  return q === le ? (m === 61 ? 1 : 2) : 0;
}

/** Length of an opening fence at `p` (0 when none). */
function fenceOpen(src: string, p: number, le: number): number {
  const m = src.charCodeAt(p);
  if (m !== 96 && m !== 126) return 0;
  let q = p;
  while (q < le && src.charCodeAt(q) === m) q++;
  const len = q - p;
  if (len < 3) return 0;
  if (m === 96) for (; q < le; q++) if (src.charCodeAt(q) === 96) return 0;
  return len;
}

function fenceClose(src: string, p: number, le: number, fenceChar: number, fenceLen: number): boolean {
  if (src.charCodeAt(p) !== fenceChar) return false;
  let q = p;
  while (q < le && src.charCodeAt(q) === fenceChar) q++;
  if (q - p < fenceLen) return false;
  return blankFrom(src, q, le);
}

/**
 * micromark's HTML continuation state machine for kinds 1–5 from `p` (start state
 * `continuation` or `declarationInside`); returns true when the block closes on this line.
 */
function htmlCloses(src: string, p: number, le: number, kind: number, initial: 'continuation' | 'declarationInside'): boolean {
  let state: number = initial === 'continuation' ? 0 : 1; // 0 continuation, 1 declarationInside, 2 commentInside, 3 rawTagOpen, 4 rawEndTag, 5 cdataInside
  let buffer = '';
  for (let q = p; q < le; q++) {
    const c = src.charCodeAt(q);
    switch (state) {
      case 1:
        if (c === 62) return true;
        if (c === 45 && kind === 2) continue;
        state = 0;
        q--;
        continue;
      case 2:
        if (c === 45) { state = 1; continue; }
        state = 0;
        q--;
        continue;
      case 3:
        if (c === 47) { buffer = ''; state = 4; continue; }
        state = 0;
        q--;
        continue;
      case 4:
        if (c === 62) {
          if (RAW_NAMES.has(buffer.toLowerCase())) return true;
          state = 0;
          q--;
          continue;
        }
        if (isAlpha(c) && buffer.length < 8) { buffer += String.fromCharCode(c); continue; }
        state = 0;
        q--;
        continue;
      case 5:
        if (c === 93) { state = 1; continue; }
        state = 0;
        q--;
        continue;
      default:
        if (c === 45 && kind === 2) state = 2;
        else if (c === 60 && kind === 1) state = 3;
        else if (c === 62 && kind === 4) return true;
        else if (c === 63 && kind === 3) state = 1;
        else if (c === 93 && kind === 5) state = 5;
    }
  }
  return false;
}

/**
 * Whether a complete open (`closing` false) or closing tag whose name ends at `q` ends with `>`
 * followed only by whitespace (micromark's state machine for HTML kind 7).
 */
function completeTag(src: string, q: number, le: number, closing: boolean): boolean {
  const at = (k: number): number => (k < le ? src.charCodeAt(k) : -1);
  let c: number;
  if (closing) {
    while (isSpace(at(q))) q++;
  } else {
    let state = 0; // 0 nameBefore, 1 nameAfter, 2 valueBefore
    for (;;) {
      c = at(q);
      if (state === 0) {
        if (c === 47) { q++; break; }
        if (c === 58 || c === 95 || isAlpha(c)) {
          q++;
          for (let d = at(q); d === 45 || d === 46 || d === 58 || d === 95 || isAlnum(d); d = at(q)) q++;
          state = 1;
          continue;
        }
        if (isSpace(c)) { q++; continue; }
        break;
      }
      if (state === 1) {
        if (c === 61) { q++; state = 2; continue; }
        if (isSpace(c)) { q++; continue; }
        state = 0;
        continue;
      }
      // valueBefore
      if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96) return false;
      if (c === 34 || c === 39) {
        q++;
        while (q < le && src.charCodeAt(q) !== c) q++;
        if (q >= le) return false;
        q++;
        const d = at(q);
        if (!(d === 47 || d === 62 || isSpace(d))) return false;
        state = 0;
        continue;
      }
      if (isSpace(c)) { q++; continue; }
      for (let d = at(q); !(d === -1 || d === 34 || d === 39 || d === 47 || d === 60 || d === 61 || d === 62 || d === 96 || isSpace(d)); d = at(q)) q++;
      state = 1;
    }
  }
  if (q >= le || src.charCodeAt(q) !== 62) return false;
  return blankFrom(src, q + 1, le);
}

/** The list marker (`-`, `*`, `+`, `1.`, `12)`) at `p` of `text`, as `/^[-*+]|^\d{1,9}[.)]/`. */
function markerAt(text: string, p: number): string | undefined {
  const c = text.charCodeAt(p);
  if (c === 45) return '-';
  if (c === 42) return '*';
  if (c === 43) return '+';
  let q = p;
  while (q - p < 9 && isDigit(text.charCodeAt(q))) q++;
  if (q === p) return undefined;
  const d = text.charCodeAt(q);
  return d === 46 || d === 41 ? text.slice(p, q + 1) : undefined;
}

/**
 * The scan state of one text. The line loop and the constructs are separate small methods (they
 * compile apart and sooner than one big function with closures); block kinds and heading depths
 * live in typed arrays, and the facts objects are made once at the end.
 */
class Scanner {
  /** Block kind code of each line (index into {@link KINDS}). */
  private readonly block: Uint8Array;
  private readonly heading: Uint8Array;
  /** List markers in line order: line, marker, offset (at most one per line). */
  private readonly markerLines: number[] = [];
  private readonly markerTexts: string[] = [];
  private readonly markerStarts: number[] = [];
  private readonly depthDiff: Int32Array;
  private readonly stack: Container[] = [];
  /** Closed containers, reused by {@link open}. */
  private readonly spare: Container[] = [];
  private flow = Flow.None as Flow;
  private paraStart = 0;
  private fenceChar = 0;
  private fenceLen = 0;
  private htmlKind = 0;
  private line = 0;
  /** End of the current line. */
  private le = 0;
  /** Set by {@link htmlStart}: a kind 1–5 block closes on its start line. */
  private htmlClosedOnStart = false;
  // Set by a successful {@link tryItem}.
  private itemContent = 0;
  private itemSize = 0;
  private itemBlank = false;
  private itemOrdered = false;
  private itemMarker = 0;
  private indentedIsCode = false;
  private indentedFromLazy = false;
  // Per line: position, containers matched, index of the deepest block quote whose prefix is on this line.
  private pos = 0;
  private continued = 0;
  private quoteAt = -1;

  constructor(
    private readonly src: string,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
    private readonly original: string,
  ) {
    const n = starts.length;
    this.block = new Uint8Array(n);
    this.heading = new Uint8Array(n);
    this.depthDiff = new Int32Array(n + 1);
  }

  run(): void {
    const { starts, ends } = this;
    const n = starts.length;
    // Lines: the last line is skipped when empty (end of file after a final line break).
    const last = n > 1 && starts[n - 1] === ends[n - 1] ? n - 1 : n;
    const src = this.src;
    for (let line = 0; line < last; line++) {
      const start = starts[line]!;
      this.line = line;
      this.le = ends[line]!;
      // Fast paths for the commonest lines outside containers, fenced code and HTML: an empty
      // line (ends a paragraph) and a line with a letter first (no container, construct or
      // indentation can start there: a paragraph line). `scanLine` would do the same.
      if (this.stack.length === 0 && this.flow !== Flow.Fenced && this.flow !== Flow.Html) {
        if (start === this.le) {
          if (this.flow === Flow.Paragraph) this.flow = Flow.None;
          continue;
        }
        const c = src.charCodeAt(start);
        if (c >= 128 || isAlpha(c)) {
          this.plainLine();
          continue;
        }
      }
      this.scanLine(start);
    }
    this.line = last;
    this.exitContainers(0, -1);
  }

  /** The facts of every line, list depths summed up. */
  facts(): LineFacts[] {
    const n = this.starts.length;
    const { block, heading, depthDiff, markerLines } = this;
    const facts: LineFacts[] = new Array(n);
    let depth = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      depth += depthDiff[i]!;
      const b = block[i]!;
      const h = heading[i]!;
      if (m < markerLines.length && markerLines[m] === i) {
        facts[i] = { block: KINDS[b]!, headingDepth: h === 0 ? undefined : h, listDepth: depth, listMarker: this.markerTexts[m], listMarkerStart: this.markerStarts[m] };
        m++;
      } else if (depth < SHARED_DEPTHS) {
        const key = (depth * 7 + h) * 7 + b;
        facts[i] = sharedFacts[key] ??= { block: KINDS[b]!, headingDepth: h === 0 ? undefined : h, listDepth: depth, listMarker: undefined, listMarkerStart: undefined };
      } else {
        facts[i] = { block: KINDS[b]!, headingDepth: h === 0 ? undefined : h, listDepth: depth, listMarker: undefined, listMarkerStart: undefined };
      }
    }
    return facts;
  }

  // --- containers --------------------------------------------------------------------------

  private closeItem(c: Container, lazyAt: number): void {
    let end = c.itemLast;
    if (lazyAt >= 0 && end === lazyAt - 1 && end > c.itemStart && this.starts[end] === this.ends[end]) end--;
    this.depthDiff[c.itemStart]!++;
    this.depthDiff[end + 1]!--;
  }

  /** Closes containers from index `size` on; `lazyAt` is the line of a lazy close (or -1). */
  private exitContainers(size: number, lazyAt: number): void {
    const stack = this.stack;
    for (let k = stack.length - 1; k >= size; k--) {
      const c = stack[k]!;
      if (!c.quote) this.closeItem(c, lazyAt);
      this.spare.push(c);
    }
    stack.length = size;
  }

  private contentFor(upTo: number): void {
    const stack = this.stack;
    for (let k = 0; k < upTo && k < stack.length; k++) {
      const c = stack[k]!;
      if (!c.quote) c.itemLast = this.line;
    }
  }

  /** One line from `start`: open containers, new containers, lazy continuation, flow content. */
  private scanLine(start: number): void {
    this.pos = start;
    this.continued = 0;
    this.quoteAt = -1;
    // 1. Open containers.
    const sibling = this.matchOpen();
    // 2. New containers.
    let interrupt = false;
    if (!sibling && this.continued === this.stack.length) {
      if (this.flow === Flow.Fenced || this.flow === Flow.Html) {
        this.contentFor(this.quoteAt);
        this.flowLine(this.pos, false);
        return;
      }
      interrupt = this.flow === Flow.Paragraph || (this.flow === Flow.IndentedCode && !this.indentedFromLazy);
    }
    const newContainers = this.openNew(sibling, interrupt);
    // 3. Lazy lines.
    if (!newContainers && this.continued < this.stack.length) {
      this.lazyLine();
      return;
    }
    this.contentFor(this.quoteAt);
    this.flowLine(this.pos, false);
  }

  /** Pushes a new container (a closed one reused). */
  private open(quote: boolean): Container {
    const line = this.line;
    let c = this.spare.pop();
    if (c === undefined) c = { quote, ordered: false, marker: 0, size: 0, initialBlank: false, furtherBlank: false, itemStart: line, itemLast: line };
    else {
      c.quote = quote;
      c.ordered = false;
      c.marker = 0;
      c.size = 0;
      c.initialBlank = false;
      c.furtherBlank = false;
      c.itemStart = line;
      c.itemLast = line;
    }
    this.stack.push(c);
    return c;
  }

  /** Matches the open containers on this line; true when a sibling list item started. */
  private matchOpen(): boolean {
    const { src, stack, le } = this;
    let pos = this.pos;
    let sibling = false;
    while (this.continued < stack.length) {
      const continued = this.continued;
      const c = stack[continued]!;
      if (c.quote) {
        const ind = spaces(src, pos, 4, le);
        if (ind < 4 && src.charCodeAt(pos + ind) === 62) {
          pos += ind + 1;
          const d = src.charCodeAt(pos);
          if (d === 32) pos++;
          else if (d === 9) throw GIVE_UP;
          this.quoteAt = continued;
          this.continued++;
          continue;
        }
        break;
      }
      if (blankFrom(src, pos, le)) {
        c.furtherBlank = c.furtherBlank || c.initialBlank;
        pos = Math.min(le, pos + c.size);
        this.continued++;
        continue;
      }
      const further = c.furtherBlank;
      c.furtherBlank = false;
      c.initialBlank = false;
      if (!further && isSpace(src.charCodeAt(pos))) {
        const ind = spaces(src, pos, c.size, le);
        if (ind >= c.size) {
          pos += c.size;
          this.continued++;
          continue;
        }
      }
      // Not in the current item: a sibling item of the same list?
      const ind = spaces(src, pos, 4, le);
      if (ind < 4 && this.tryItem(pos + ind, ind, false, c)) {
        this.flow = Flow.None;
        this.exitContainers(continued + 1, -1);
        this.closeItem(c, -1);
        this.startItem(c, continued, pos + ind);
        pos = this.itemContent;
        this.continued++;
        sibling = true;
      }
      break;
    }
    this.pos = pos;
    return sibling;
  }

  /** Opens new block quotes and list items; returns whether containers changed on this line. */
  private openNew(newContainers: boolean, interrupt: boolean): boolean {
    const { src, stack, le } = this;
    let pos = this.pos;
    for (;;) {
      const ind = spaces(src, pos, 4, le);
      if (ind >= 4) break;
      const p = pos + ind;
      if (src.charCodeAt(p) === 62) {
        if (!newContainers) {
          newContainers = true;
          this.flow = Flow.None;
          this.exitContainers(this.continued, -1);
        }
        this.open(true);
        pos = p + 1;
        const d = src.charCodeAt(pos);
        if (d === 32) pos++;
        else if (d === 9) throw GIVE_UP;
        this.quoteAt = this.continued;
        this.continued++;
        continue;
      }
      if (this.tryItem(p, ind, interrupt, undefined)) {
        if (!newContainers) {
          newContainers = true;
          this.flow = Flow.None;
          this.exitContainers(this.continued, -1);
        }
        const c = this.open(false);
        this.startItem(c, stack.length - 1, p);
        pos = this.itemContent;
        this.continued++;
        continue;
      }
      break;
    }
    this.pos = pos;
    return newContainers;
  }

  /** A line that did not match every open container and opened none. */
  private lazyLine(): void {
    if (this.flow === Flow.Paragraph && this.lazyContinues(this.pos)) {
      this.block[this.line] = PARAGRAPH;
      this.contentFor(this.stack.length);
      return;
    }
    this.contentFor(this.quoteAt);
    this.exitContainers(this.continued, this.line);
    this.flow = Flow.None;
    this.flowLine(this.pos, true);
  }

  // --- list items --------------------------------------------------------------------------

  /** Tries a list item at `p` (after `indent` spaces); sets the item* fields. */
  private tryItem(p: number, indent: number, interrupt: boolean, list: Container | undefined): boolean {
    const { src, le } = this;
    const ch = src.charCodeAt(p);
    let mEnd: number;
    if (ch === 42 || ch === 43 || ch === 45) {
      if (list && (list.ordered || list.marker !== ch)) return false;
      if (ch !== 43 && thematicBreak(src, p, le)) return false;
      mEnd = p + 1;
      this.itemOrdered = false;
      this.itemMarker = ch;
    } else if (isDigit(ch)) {
      if (list && !list.ordered) return false;
      if (interrupt && ch !== 49) return false;
      let q = p;
      let size = 0;
      while (q < le && isDigit(src.charCodeAt(q)) && ++size < 10) q++;
      if (interrupt && size >= 2) return false;
      const d = src.charCodeAt(q);
      if (d !== 46 && d !== 41) return false;
      if (list && list.marker !== d) return false;
      mEnd = q + 1;
      this.itemOrdered = true;
      this.itemMarker = d;
    } else return false;
    if (blankFrom(src, mEnd, le)) {
      if (interrupt) return false;
      this.itemBlank = true;
      this.itemSize = indent + (mEnd - p) + 1;
      this.itemContent = le;
      return true;
    }
    let k = 0;
    for (;;) {
      const c = src.charCodeAt(mEnd + k);
      if (c === 32) k++;
      else if (c === 9) throw GIVE_UP;
      else break;
    }
    if (k === 0) return false;
    this.itemBlank = false;
    if (k >= 5) k = 1;
    this.itemSize = indent + (mEnd - p) + k;
    this.itemContent = mEnd + k;
    return true;
  }

  /** Starts an item in `c` (at stack index `at`) with its marker at `p`. */
  private startItem(c: Container, at: number, p: number): void {
    this.contentFor(at); // the marker line belongs to every enclosing item
    const line = this.line;
    c.ordered = this.itemOrdered;
    c.marker = this.itemMarker;
    c.size = this.itemSize;
    c.initialBlank = this.itemBlank;
    c.furtherBlank = false;
    c.itemStart = line;
    c.itemLast = line;
    // The first marker of a line is its list marker (items start in line order).
    const lines = this.markerLines;
    if (lines.length > 0 && lines[lines.length - 1] === line) return;
    const marker = markerAt(this.original, p);
    if (marker !== undefined) {
      lines.push(line);
      this.markerTexts.push(marker);
      this.markerStarts.push(p);
    }
  }

  /** True when a lazy line at `p` continues the open paragraph. */
  private lazyContinues(p: number): boolean {
    const { src, le } = this;
    if (blankFrom(src, p, le)) return false;
    const ind = spaces(src, p, 4, le);
    if (ind >= 4) return true;
    const q = p + ind;
    const c = src.charCodeAt(q);
    if (c === 35 && atxDepth(src, q, le) > 0) return false;
    if (thematicBreak(src, q, le)) return false;
    if (fenceOpen(src, q, le) > 0) return false;
    if (c === 60) {
      const kind = this.htmlStart(q, true, true);
      // A complete tag on a lazy line: micromark keeps odd container extents; let remark decide.
      if (kind === 7) throw GIVE_UP;
      if (kind > 0) return false;
    }
    return true;
  }

  // --- flow content ------------------------------------------------------------------------

  /** The line from `p` as flow content of the innermost container (all containers matched). */
  private flowLine(p: number, lazy: boolean): void {
    if (this.flow === Flow.Fenced) {
      this.fencedLine(p);
      return;
    }
    if (this.flow === Flow.Html) {
      this.htmlLine(p);
      return;
    }
    const { src, le } = this;
    if (blankFrom(src, p, le)) {
      if (this.flow === Flow.Paragraph) this.flow = Flow.None;
      return;
    }
    this.contentFor(this.stack.length);
    const ind = spaces(src, p, 4, le);
    if (ind >= 4) {
      this.indentedLine(p, lazy);
      return;
    }
    this.startLine(p + ind);
  }

  private fencedLine(p: number): void {
    const { src, le } = this;
    this.block[this.line] = CODE;
    this.contentFor(this.stack.length);
    let q = p;
    while (q < le && isSpace(src.charCodeAt(q))) q++;
    if (src.charCodeAt(q) !== this.fenceChar) return;
    const ind = spaces(src, p, 4, le); // a tab before a fence character gives up
    if (ind < 4 && fenceClose(src, p + ind, le, this.fenceChar, this.fenceLen)) this.flow = Flow.None;
  }

  private htmlLine(p: number): void {
    if (this.htmlKind >= 6) {
      if (blankFrom(this.src, p, this.le)) {
        this.flow = Flow.None;
        return;
      }
      this.block[this.line] = HTML;
      this.contentFor(this.stack.length);
      return;
    }
    this.block[this.line] = HTML;
    this.contentFor(this.stack.length);
    if (htmlCloses(this.src, p, this.le, this.htmlKind, 'continuation')) this.flow = Flow.None;
  }

  /** A non-blank line indented 4 or more spaces. */
  private indentedLine(p: number, lazy: boolean): void {
    if (this.flow === Flow.Paragraph) {
      this.block[this.line] = PARAGRAPH;
      return;
    }
    // Indented code started on a lazy line does not make the next line an interruption
    // (micromark quirk) until a second code line joins it.
    if (this.flow === Flow.IndentedCode) this.indentedFromLazy = false;
    else this.indentedFromLazy = lazy;
    if (this.flow !== Flow.IndentedCode) {
      // `classifyLines` marks an indented block whose first line starts with a fence as code.
      // (`classifyLines` looks at the first 40 characters of the code node only)
      const src = this.src;
      let q = p;
      const window = Math.min(this.le, p + 40);
      while (q < window && isSpace(src.charCodeAt(q))) q++;
      const c = q + 2 < window ? src.charCodeAt(q) : -1;
      this.indentedIsCode = (c === 96 || c === 126) && src.charCodeAt(q + 1) === c && src.charCodeAt(q + 2) === c;
      this.flow = Flow.IndentedCode;
    }
    this.block[this.line] = this.indentedIsCode ? CODE : PARAGRAPH;
  }

  /** A paragraph line outside containers (what {@link startLine} does for a letter first). */
  private plainLine(): void {
    if (this.flow === Flow.IndentedCode) this.flow = Flow.None;
    this.block[this.line] = PARAGRAPH;
    if (this.flow !== Flow.Paragraph) {
      this.flow = Flow.Paragraph;
      this.paraStart = this.line;
    }
  }

  /** A non-blank line whose content starts at `q` (less than 4 spaces of indentation). */
  private startLine(q: number): void {
    const { src, le, line } = this;
    const c = src.charCodeAt(q);
    if (this.flow === Flow.IndentedCode) this.flow = Flow.None;
    if (this.flow === Flow.Paragraph && (c === 61 || c === 45)) {
      const depth = setextDepth(src, q, le);
      if (depth > 0) {
        for (let k = this.paraStart; k <= line; k++) {
          this.block[k] = HEADING;
          this.heading[k] = depth;
        }
        this.flow = Flow.None;
        return;
      }
    }
    if (c === 35) {
      const depth = atxDepth(src, q, le);
      if (depth > 0) {
        this.block[line] = HEADING;
        this.heading[line] = depth;
        this.flow = Flow.None;
        return;
      }
    }
    if (thematicBreak(src, q, le)) {
      this.block[line] = OTHER;
      this.flow = Flow.None;
      return;
    }
    const fence = fenceOpen(src, q, le);
    if (fence > 0) {
      this.block[line] = CODE;
      this.flow = Flow.Fenced;
      this.fenceChar = c;
      this.fenceLen = fence;
      return;
    }
    if (c === 60) {
      const kind = this.htmlStart(q, this.flow === Flow.Paragraph, false);
      if (kind > 0) {
        this.block[line] = HTML;
        this.htmlKind = kind;
        // With `interrupt`, the start line was not scanned for the end: scan it now
        // (re-scanned without `interrupt`).
        let closed = false;
        if (kind <= 5) {
          if (this.flow === Flow.Paragraph) this.htmlStart(q, false, false);
          closed = this.htmlClosedOnStart;
        }
        this.flow = closed ? Flow.None : Flow.Html;
        return;
      }
    }
    this.block[line] = PARAGRAPH;
    if (this.flow !== Flow.Paragraph) {
      this.flow = Flow.Paragraph;
      this.paraStart = line;
    }
  }

  /**
   * The kind (1–7) of an HTML block starting at `p`, 0 when none. `interrupt`: the line would
   * interrupt a paragraph; `lazy`: it is a lazy line. Sets {@link htmlClosedOnStart}.
   */
  private htmlStart(p: number, interrupt: boolean, lazy: boolean): number {
    const { src, le } = this;
    this.htmlClosedOnStart = false;
    if (src.charCodeAt(p) !== 60) return 0;
    let q = p + 1;
    let c = src.charCodeAt(q);
    if (c === 33) {
      q++;
      c = src.charCodeAt(q);
      if (c === 45) {
        if (src.charCodeAt(q + 1) !== 45) return 0;
        if (!interrupt) this.htmlClosedOnStart = htmlCloses(src, q + 2, le, 2, 'declarationInside');
        return 2;
      }
      if (c === 91) {
        if (src.slice(q + 1, q + 7) !== 'CDATA[') return 0;
        if (!interrupt) this.htmlClosedOnStart = htmlCloses(src, q + 7, le, 5, 'continuation');
        return 5;
      }
      if (isAlpha(c)) {
        if (!interrupt) this.htmlClosedOnStart = htmlCloses(src, q + 1, le, 4, 'declarationInside');
        return 4;
      }
      return 0;
    }
    if (c === 63) {
      if (!interrupt) this.htmlClosedOnStart = htmlCloses(src, q + 1, le, 3, 'declarationInside');
      return 3;
    }
    let closing = false;
    if (c === 47) {
      closing = true;
      q++;
      c = src.charCodeAt(q);
    }
    if (!isAlpha(c)) return 0;
    const nameStart = q;
    while (q < le && (isAlnum(src.charCodeAt(q)) || src.charCodeAt(q) === 45)) q++;
    c = q < le ? src.charCodeAt(q) : -1;
    if (!(c === -1 || c === 47 || c === 62 || isSpace(c))) return 0;
    const name = src.slice(nameStart, q).toLowerCase();
    const slash = c === 47;
    if (!slash && !closing && RAW_NAMES.has(name)) {
      if (!interrupt) this.htmlClosedOnStart = htmlCloses(src, q, le, 1, 'continuation');
      return 1;
    }
    if (BLOCK_NAMES.has(name)) {
      if (slash && src.charCodeAt(q + 1) !== 62) return 0;
      return 6;
    }
    if (interrupt && !lazy) return 0;
    return completeTag(src, q, le, closing) ? 7 : 0;
  }
}

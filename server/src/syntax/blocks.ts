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
  readonly quote: boolean;
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

/**
 * Scans `source` (the output of `prepareSource`, same length as the original text) and returns
 * one {@link LineFacts} per line of {@link splitLines}-style line starts, or `undefined` when the
 * scanner gives up. `original` is the text the list markers are read from (they are read from
 * the original, as `classifyLines` does with the remark tree).
 */
export function scanBlocks(source: string, starts: readonly number[], ends: readonly number[], original: string = source): LineFacts[] | undefined {
  if (source.includes(']:')) return undefined;
  try {
    return scan(source, starts, ends, original);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

function scan(src: string, starts: readonly number[], ends: readonly number[], original: string): LineFacts[] {
  const n = starts.length;
  const facts: LineFacts[] = new Array(n);
  // Every field set up front: one object shape for all lines (later writes do not reshape them).
  for (let i = 0; i < n; i++) facts[i] = { block: 'blank', headingDepth: undefined, listDepth: 0, listMarker: undefined, listMarkerStart: undefined };
  const depthDiff = new Int32Array(n + 1);

  const stack: Container[] = [];
  let flow = Flow.None as Flow;
  let paraStart = 0;
  let fenceChar = 0;
  let fenceLen = 0;
  let htmlKind = 0;
  let line = 0;
  let le = 0; // end of the current line

  /** Spaces from `p` (at most `max`); a tab gives up (its columns depend on position). */
  const spaces = (p: number, max: number): number => {
    let k = 0;
    while (k < max && p + k < le) {
      const c = src.charCodeAt(p + k);
      if (c === 32) k++;
      else if (c === 9) throw GIVE_UP;
      else break;
    }
    return k;
  };
  const blankFrom = (p: number): boolean => {
    for (let q = p; q < le; q++) if (!isSpace(src.charCodeAt(q))) return false;
    return true;
  };

  const closeItem = (c: Container, lazyAt: number): void => {
    let end = c.itemLast;
    if (lazyAt >= 0 && end === lazyAt - 1 && end > c.itemStart && starts[end] === ends[end]) end--;
    depthDiff[c.itemStart]!++;
    depthDiff[end + 1]!--;
  };
  /** Closes containers from index `size` on; `lazyAt` is the line of a lazy close (or -1). */
  const exitContainers = (size: number, lazyAt: number): void => {
    for (let k = stack.length - 1; k >= size; k--) {
      const c = stack[k]!;
      if (!c.quote) closeItem(c, lazyAt);
    }
    stack.length = size;
  };
  const contentFor = (upTo: number): void => {
    for (let k = 0; k < upTo && k < stack.length; k++) {
      const c = stack[k]!;
      if (!c.quote) c.itemLast = line;
    }
  };
  const closeFlow = (): void => {
    flow = Flow.None;
  };

  // --- leaf constructs -------------------------------------------------------------------

  const thematicBreak = (p: number): boolean => {
    const m = src.charCodeAt(p);
    if (m !== 42 && m !== 45 && m !== 95) return false;
    let count = 0;
    for (let q = p; q < le; q++) {
      const c = src.charCodeAt(q);
      if (c === m) count++;
      else if (!isSpace(c)) return false;
    }
    return count >= 3;
  };
  const atxDepth = (p: number): number => {
    let k = 0;
    while (k < 7 && src.charCodeAt(p + k) === 35) k++;
    if (k === 0 || k > 6) return 0;
    if (p + k < le && !isSpace(src.charCodeAt(p + k))) return 0;
    return k;
  };
  const setextDepth = (p: number): number => {
    const m = src.charCodeAt(p);
    if (m !== 61 && m !== 45) return 0;
    let q = p;
    while (q < le && src.charCodeAt(q) === m) q++;
    while (q < le && isSpace(src.charCodeAt(q))) q++;
    return q === le ? (m === 61 ? 1 : 2) : 0;
  };
  /** Length of an opening fence at `p` (0 when none). */
  const fenceOpen = (p: number): number => {
    const m = src.charCodeAt(p);
    if (m !== 96 && m !== 126) return 0;
    let q = p;
    while (q < le && src.charCodeAt(q) === m) q++;
    const len = q - p;
    if (len < 3) return 0;
    if (m === 96) for (; q < le; q++) if (src.charCodeAt(q) === 96) return 0;
    return len;
  };
  const fenceClose = (p: number): boolean => {
    if (src.charCodeAt(p) !== fenceChar) return false;
    let q = p;
    while (q < le && src.charCodeAt(q) === fenceChar) q++;
    if (q - p < fenceLen) return false;
    return blankFrom(q);
  };

  /**
   * micromark's HTML continuation state machine for kinds 1–5 from `p` (start state
   * `state`); returns true when the block closes on this line.
   */
  const htmlCloses = (p: number, kind: number, initial: 'continuation' | 'declarationInside'): boolean => {
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
  };

  let htmlClosedOnStart = false;
  /**
   * The kind (1–7) of an HTML block starting at `p`, 0 when none. `interrupt`: the line would
   * interrupt a paragraph; `lazy`: it is a lazy line. Sets {@link htmlClosedOnStart}.
   */
  const htmlStart = (p: number, interrupt: boolean, lazy: boolean): number => {
    htmlClosedOnStart = false;
    if (src.charCodeAt(p) !== 60) return 0;
    let q = p + 1;
    let c = src.charCodeAt(q);
    if (c === 33) {
      q++;
      c = src.charCodeAt(q);
      if (c === 45) {
        if (src.charCodeAt(q + 1) !== 45) return 0;
        if (!interrupt) htmlClosedOnStart = htmlCloses(q + 2, 2, 'declarationInside');
        return 2;
      }
      if (c === 91) {
        if (src.slice(q + 1, q + 7) !== 'CDATA[') return 0;
        if (!interrupt) htmlClosedOnStart = htmlCloses(q + 7, 5, 'continuation');
        return 5;
      }
      if (isAlpha(c)) {
        if (!interrupt) htmlClosedOnStart = htmlCloses(q + 1, 4, 'declarationInside');
        return 4;
      }
      return 0;
    }
    if (c === 63) {
      if (!interrupt) htmlClosedOnStart = htmlCloses(q + 1, 3, 'declarationInside');
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
      if (!interrupt) htmlClosedOnStart = htmlCloses(q, 1, 'continuation');
      return 1;
    }
    if (BLOCK_NAMES.has(name)) {
      if (slash && src.charCodeAt(q + 1) !== 62) return 0;
      return 6;
    }
    if (interrupt && !lazy) return 0;
    // A complete open or closing tag followed only by whitespace (micromark's state machine).
    const at = (k: number): number => (k < le ? src.charCodeAt(k) : -1);
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
        if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96) return 0;
        if (c === 34 || c === 39) {
          q++;
          while (q < le && src.charCodeAt(q) !== c) q++;
          if (q >= le) return 0;
          q++;
          const d = at(q);
          if (!(d === 47 || d === 62 || isSpace(d))) return 0;
          state = 0;
          continue;
        }
        if (isSpace(c)) { q++; continue; }
        for (let d = at(q); !(d === -1 || d === 34 || d === 39 || d === 47 || d === 60 || d === 61 || d === 62 || d === 96 || isSpace(d)); d = at(q)) q++;
        state = 1;
      }
    }
    if (q >= le || src.charCodeAt(q) !== 62) return 0;
    q++;
    if (!blankFrom(q)) return 0;
    return 7;
  };

  // --- list items ------------------------------------------------------------------------

  let itemContent = 0;
  let itemSize = 0;
  let itemBlank = false;
  let itemOrdered = false;
  let itemMarker = 0;
  /** Tries a list item at `p` (after `indent` spaces); sets the item* variables. */
  const tryItem = (p: number, indent: number, interrupt: boolean, list: Container | undefined): boolean => {
    const ch = src.charCodeAt(p);
    let mEnd: number;
    if (ch === 42 || ch === 43 || ch === 45) {
      if (list && (list.ordered || list.marker !== ch)) return false;
      if (ch !== 43 && thematicBreak(p)) return false;
      mEnd = p + 1;
      itemOrdered = false;
      itemMarker = ch;
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
      itemOrdered = true;
      itemMarker = d;
    } else return false;
    if (blankFrom(mEnd)) {
      if (interrupt) return false;
      itemBlank = true;
      itemSize = indent + (mEnd - p) + 1;
      itemContent = le;
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
    itemBlank = false;
    if (k >= 5) k = 1;
    itemSize = indent + (mEnd - p) + k;
    itemContent = mEnd + k;
    return true;
  };
  /** Starts an item in `c` (at stack index `at`) with its marker at `p`. */
  const startItem = (c: Container, at: number, p: number): void => {
    contentFor(at); // the marker line belongs to every enclosing item
    c.ordered = itemOrdered;
    c.marker = itemMarker;
    c.size = itemSize;
    c.initialBlank = itemBlank;
    c.furtherBlank = false;
    c.itemStart = line;
    c.itemLast = line;
    const f = facts[line]!;
    if (f.listMarker === undefined) {
      const m = /^[-*+]|^\d{1,9}[.)]/.exec(original.slice(p, p + 12));
      if (m) {
        f.listMarker = m[0];
        f.listMarkerStart = p;
      }
    }
  };

  /** True when a lazy line at `p` continues the open paragraph. */
  const lazyContinues = (p: number): boolean => {
    if (blankFrom(p)) return false;
    const ind = spaces(p, 4);
    if (ind >= 4) return true;
    const q = p + ind;
    const c = src.charCodeAt(q);
    if (c === 35 && atxDepth(q) > 0) return false;
    if (thematicBreak(q)) return false;
    if (fenceOpen(q) > 0) return false;
    if (c === 60) {
      const kind = htmlStart(q, true, true);
      // A complete tag on a lazy line: micromark keeps odd container extents; let remark decide.
      if (kind === 7) throw GIVE_UP;
      if (kind > 0) return false;
    }
    return true;
  };

  /** The line from `p` as flow content of the innermost container (all containers matched). */
  const flowLine = (p: number, lazy = false): void => {
    const f = facts[line]!;
    if (flow === Flow.Fenced) {
      f.block = 'code';
      contentFor(stack.length);
      let q = p;
      while (q < le && isSpace(src.charCodeAt(q))) q++;
      if (src.charCodeAt(q) !== fenceChar) return;
      const ind = spaces(p, 4); // a tab before a fence character gives up
      if (ind < 4 && fenceClose(p + ind)) flow = Flow.None;
      return;
    }
    if (flow === Flow.Html) {
      if (htmlKind >= 6) {
        if (blankFrom(p)) {
          flow = Flow.None;
          return;
        }
        f.block = 'html';
        contentFor(stack.length);
        return;
      }
      f.block = 'html';
      contentFor(stack.length);
      if (htmlCloses(p, htmlKind, 'continuation')) flow = Flow.None;
      return;
    }
    if (blankFrom(p)) {
      if (flow === Flow.Paragraph) flow = Flow.None;
      return;
    }
    contentFor(stack.length);
    const ind = spaces(p, 4);
    if (ind >= 4) {
      if (flow === Flow.Paragraph) {
        f.block = 'paragraph';
        return;
      }
      // Indented code started on a lazy line does not make the next line an interruption
      // (micromark quirk) until a second code line joins it.
      if (flow === Flow.IndentedCode) indentedFromLazy = false;
      else indentedFromLazy = lazy;
      if (flow !== Flow.IndentedCode) {
        // `classifyLines` marks an indented block whose first line starts with a fence as code.
        // (`classifyLines` looks at the first 40 characters of the code node only)
        let q = p;
        const window = Math.min(le, p + 40);
        while (q < window && isSpace(src.charCodeAt(q))) q++;
        const c = q + 2 < window ? src.charCodeAt(q) : -1;
        indentedIsCode = (c === 96 || c === 126) && src.charCodeAt(q + 1) === c && src.charCodeAt(q + 2) === c;
        flow = Flow.IndentedCode;
      }
      f.block = indentedIsCode ? 'code' : 'paragraph';
      return;
    }
    const q = p + ind;
    const c = src.charCodeAt(q);
    if (flow === Flow.IndentedCode) flow = Flow.None;
    if (flow === Flow.Paragraph && (c === 61 || c === 45)) {
      const depth = setextDepth(q);
      if (depth > 0) {
        for (let k = paraStart; k <= line; k++) {
          const fk = facts[k]!;
          fk.block = 'heading';
          fk.headingDepth = depth;
        }
        flow = Flow.None;
        return;
      }
    }
    if (c === 35) {
      const depth = atxDepth(q);
      if (depth > 0) {
        f.block = 'heading';
        f.headingDepth = depth;
        flow = Flow.None;
        return;
      }
    }
    if (thematicBreak(q)) {
      f.block = 'other';
      flow = Flow.None;
      return;
    }
    const fence = fenceOpen(q);
    if (fence > 0) {
      f.block = 'code';
      flow = Flow.Fenced;
      fenceChar = c;
      fenceLen = fence;
      return;
    }
    if (c === 60) {
      const kind = htmlStart(q, flow === Flow.Paragraph, false);
      if (kind > 0) {
        f.block = 'html';
        htmlKind = kind;
        // With `interrupt`, the start line was not scanned for the end: scan it now.
        const closed = kind <= 5 && (flow === Flow.Paragraph ? htmlStartCloses(q, kind) : htmlClosedOnStart);
        flow = closed ? Flow.None : Flow.Html;
        return;
      }
    }
    f.block = 'paragraph';
    if (flow !== Flow.Paragraph) {
      flow = Flow.Paragraph;
      paraStart = line;
    }
  };
  /** Whether a kind 1–5 start line closes on itself (re-scanned without `interrupt`). */
  const htmlStartCloses = (q: number, kind: number): boolean => {
    htmlStart(q, false, false);
    void kind;
    return htmlClosedOnStart;
  };
  let indentedIsCode = false;
  let indentedFromLazy = false;

  // Lines: the last line is skipped when empty (end of file after a final line break).
  const last = n > 1 && starts[n - 1] === ends[n - 1] ? n - 1 : n;
  for (line = 0; line < last; line++) {
    let pos = starts[line]!;
    le = ends[line]!;
    let continued = 0;
    let quoteAt = -1; // index of the deepest block quote whose prefix is on this line
    let sibling = false;
    let interrupt = false;
    // 1. Open containers.
    while (continued < stack.length) {
      const c = stack[continued]!;
      if (c.quote) {
        const ind = spaces(pos, 4);
        if (ind < 4 && src.charCodeAt(pos + ind) === 62) {
          pos += ind + 1;
          const d = src.charCodeAt(pos);
          if (d === 32) pos++;
          else if (d === 9) throw GIVE_UP;
          quoteAt = continued;
          continued++;
          continue;
        }
        break;
      }
      if (blankFrom(pos)) {
        c.furtherBlank = c.furtherBlank || c.initialBlank;
        pos = Math.min(le, pos + c.size);
        continued++;
        continue;
      }
      const further = c.furtherBlank;
      c.furtherBlank = false;
      c.initialBlank = false;
      if (!further && isSpace(src.charCodeAt(pos))) {
        const ind = spaces(pos, c.size);
        if (ind >= c.size) {
          pos += c.size;
          continued++;
          continue;
        }
      }
      // Not in the current item: a sibling item of the same list?
      const ind = spaces(pos, 4);
      if (ind < 4 && tryItem(pos + ind, ind, false, c)) {
        closeFlow();
        exitContainers(continued + 1, -1);
        closeItem(c, -1);
        startItem(c, continued, pos + ind);
        pos = itemContent;
        continued++;
        sibling = true;
      }
      break;
    }
    // 2. New containers.
    let newContainers = sibling;
    if (!sibling && continued === stack.length) {
      if (flow === Flow.Fenced || flow === Flow.Html) {
        contentFor(quoteAt);
        flowLine(pos);
        continue;
      }
      interrupt = flow === Flow.Paragraph || (flow === Flow.IndentedCode && !indentedFromLazy);
    }
    for (;;) {
      const ind = spaces(pos, 4);
      if (ind >= 4) break;
      const p = pos + ind;
      if (src.charCodeAt(p) === 62) {
        if (!newContainers) {
          newContainers = true;
          closeFlow();
          exitContainers(continued, -1);
        }
        stack.push({ quote: true, ordered: false, marker: 0, size: 0, initialBlank: false, furtherBlank: false, itemStart: line, itemLast: line });
        pos = p + 1;
        const d = src.charCodeAt(pos);
        if (d === 32) pos++;
        else if (d === 9) throw GIVE_UP;
        quoteAt = continued;
        continued++;
        continue;
      }
      if (tryItem(p, ind, interrupt, undefined)) {
        if (!newContainers) {
          newContainers = true;
          closeFlow();
          exitContainers(continued, -1);
        }
        const c: Container = { quote: false, ordered: false, marker: 0, size: 0, initialBlank: false, furtherBlank: false, itemStart: line, itemLast: line };
        stack.push(c);
        startItem(c, stack.length - 1, p);
        pos = itemContent;
        continued++;
        continue;
      }
      break;
    }
    // 3. Lazy lines.
    if (!newContainers && continued < stack.length) {
      if (flow === Flow.Paragraph && lazyContinues(pos)) {
        facts[line]!.block = 'paragraph';
        contentFor(stack.length);
        continue;
      }
      contentFor(quoteAt);
      exitContainers(continued, line);
      closeFlow();
      flowLine(pos, true);
      continue;
    }
    contentFor(quoteAt);
    flowLine(pos);
  }
  line = last;
  exitContainers(0, -1);

  let depth = 0;
  for (let i = 0; i < n; i++) {
    depth += depthDiff[i]!;
    facts[i]!.listDepth = depth;
  }
  return facts;
}

/**
 * Incremental Markdown parsing for the editor: a keystroke re-parses only the block it touched.
 *
 * The text is cut into chunks at *safe boundaries*: a line that starts at column 0 with a
 * character that cannot continue anything open (not a list marker, not indentation) right after a
 * blank line, outside fenced code and multi-line HTML blocks. At such a line CommonMark has closed
 * every block (a blank line ends paragraphs; an unindented non-marker line closes lists and block
 * quotes), so parsing the chunks separately and shifting their positions gives exactly the tree of
 * a full parse. Documents with link reference definitions (`[x]: …`, which act across the whole
 * document) are parsed whole. Each chunk's tree is cached by its text; on a change only new chunks
 * are parsed, the others are reused (re-shifted when their offset moved).
 *
 * Architecture Invariant: `parseIncremental(state, text)` deep-equals `parseMarkdown(text)`
 * (checked on every draft and on fuzzed edits by `test/unit/incremental-parse.test.ts`).
 */
import type { Nodes, Root } from 'mdast';
import { parseMarkdown, prepareMarkdown, type ParseResult } from './parse';

interface Point {
  line: number;
  column: number;
  offset?: number;
}

/**
 * A parsed chunk: its top-level nodes with positions for the place it was last at (`offset`,
 * `line`: the chunk's first character and line, 0-based line). Moving it shifts by the difference,
 * so nothing but the nodes the current tree uses is kept.
 */
interface CachedChunk {
  readonly offset: number;
  readonly line: number;
  readonly children: Root['children'];
  readonly start: Point;
  readonly end: Point;
}

/** Per-document state of the incremental parser (one per open document). */
export interface IncrementalParseState {
  /** `mode + '\0' + chunk text` → the chunk's nodes, one entry per place the text occurs. */
  chunks: Map<string, CachedChunk[]>;
  /** Chunks parsed by the last call (for tests and the benchmark). */
  lastParsed: number;
  /** Chunks reused by the last call. */
  lastReused: number;
}

/** A fresh state (nothing cached). */
export function createIncrementalParseState(): IncrementalParseState {
  return { chunks: new Map(), lastParsed: 0, lastReused: 0 };
}

/** Texts below this length are parsed whole: chunking would not pay. */
const MIN_CHUNKED_LENGTH = 4096;

const FENCE_RE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})/;
const LIST_MARKER_RE = /^(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;
const HTML_OPEN: ReadonlyArray<[RegExp, RegExp]> = [
  [/<!--/, /-->/],
  [/<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/<\?/, /\?>/],
  [/<!\[CDATA\[/, /\]\]>/],
  [/<![A-Za-z]/, />/],
];

/**
 * Offsets where a chunk may start (always including 0). Conservative: any doubt means no
 * boundary.
 */
export function chunkStarts(source: string): number[] {
  const starts = [0];
  let prevBlank = false;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let pos = 0;
  while (pos < source.length) {
    let eol = pos;
    while (eol < source.length && source.charCodeAt(eol) !== 10 && source.charCodeAt(eol) !== 13) eol++;
    const line = source.slice(pos, eol);
    const next = eol < source.length ? (source.charCodeAt(eol) === 13 && source.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1) : eol;
    const blank = /^[ \t]*$/.test(line);
    if (fence !== undefined) {
      const m = FENCE_RE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const c = line.charCodeAt(0);
      const startsClean = !blank && c !== 32 && c !== 9 && !LIST_MARKER_RE.test(line);
      if (prevBlank && startsClean && pos > 0) starts.push(pos);
      const f = FENCE_RE.exec(line);
      if (f) fence = f[1];
      else {
        for (const [open, close] of HTML_OPEN) {
          const o = open.exec(line);
          if (o && !close.test(line.slice(o.index + o[0].length))) {
            htmlEnd = close;
            break;
          }
        }
      }
    }
    prevBlank = blank && fence === undefined && htmlEnd === undefined;
    if (next === pos) break;
    pos = next;
  }
  return starts;
}

function shiftPoint(p: Point, offset: number, line: number): Point {
  return p.offset === undefined ? { line: p.line + line, column: p.column } : { line: p.line + line, column: p.column, offset: p.offset + offset };
}

/** A deep copy of `node` with positions moved by `offset` characters and `line` lines. */
function shifted<T extends Nodes>(node: T, offset: number, line: number): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (key === 'children' && Array.isArray(value)) copy[key] = (value as Nodes[]).map((c) => shifted(c, offset, line));
    else if (key === 'position' && value && typeof value === 'object') {
      const pos = value as { start: Point; end: Point };
      copy[key] = { start: shiftPoint(pos.start, offset, line), end: shiftPoint(pos.end, offset, line) };
    } else copy[key] = value;
  }
  return copy as T;
}

/** Moves the positions of a freshly parsed node (nobody else holds it yet). */
function shiftInPlace<T extends Nodes>(node: T, offset: number, line: number): T {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const pos = n.position as { start: Point; end: Point } | undefined;
    if (pos) {
      pos.start = shiftPoint(pos.start, offset, line);
      pos.end = shiftPoint(pos.end, offset, line);
    }
    if ('children' in n) for (const c of n.children as Nodes[]) stack.push(c);
  }
  return node;
}

/**
 * Parses `text` reusing the chunks of the previous call on `state`. Never throws; the result
 * deep-equals {@link parseMarkdown}'s.
 */
export function parseIncremental(state: IncrementalParseState, text: string): ParseResult {
  try {
    const prepared = prepareMarkdown(text);
    const { source } = prepared;
    // Link reference definitions resolve across the whole document.
    if (source.length < MIN_CHUNKED_LENGTH || source.includes(']:')) {
      state.chunks = new Map();
      state.lastParsed = 1;
      state.lastReused = 0;
      return { tree: prepared.parse(source), problems: [] };
    }
    const starts = chunkStarts(source);
    const next = new Map<string, CachedChunk[]>();
    const children: Root['children'] = [];
    let parsed = 0;
    let reused = 0;
    let lineBase = 0;
    let rootStart: Point | undefined;
    let rootEnd: Point = { line: 1, column: 1, offset: 0 };
    for (let i = 0; i < starts.length; i++) {
      const from = starts[i]!;
      const to = i + 1 < starts.length ? starts[i + 1]! : source.length;
      const piece = source.slice(from, to);
      const key = prepared.mode + '\u0000' + piece;
      // Identical chunks (repeated paragraphs) reuse the previous parse's entries in order.
      const seen = next.get(key)?.length ?? 0;
      let chunk = state.chunks.get(key)?.[seen];
      if (chunk) {
        reused++;
        if (chunk.offset !== from || chunk.line !== lineBase) {
          const dOffset = from - chunk.offset;
          const dLine = lineBase - chunk.line;
          chunk = {
            offset: from,
            line: lineBase,
            children: chunk.children.map((c) => shifted(c, dOffset, dLine)),
            start: shiftPoint(chunk.start, dOffset, dLine),
            end: shiftPoint(chunk.end, dOffset, dLine),
          };
        }
      } else {
        const tree = prepared.parse(piece);
        parsed++;
        const start = tree.position?.start ?? { line: 1, column: 1, offset: 0 };
        const end = tree.position?.end ?? { line: 1, column: 1, offset: piece.length };
        chunk = {
          offset: from,
          line: lineBase,
          children: from === 0 && lineBase === 0 ? tree.children : tree.children.map((c) => shiftInPlace(c, from, lineBase)),
          start: shiftPoint(start, from, lineBase),
          end: shiftPoint(end, from, lineBase),
        };
      }
      const list = next.get(key);
      if (list) list.push(chunk);
      else next.set(key, [chunk]);
      if (i === 0) rootStart = chunk.start;
      for (const c of chunk.children) children.push(c);
      rootEnd = chunk.end;
      // The next chunk starts on the line after this chunk's last line break.
      lineBase += countLineBreaks(piece);
    }
    state.chunks = next;
    state.lastParsed = parsed;
    state.lastReused = reused;
    const tree: Root = { type: 'root', children };
    if (rootStart) tree.position = { start: rootStart, end: rootEnd };
    return { tree, problems: [] };
  } catch {
    state.chunks = new Map();
    return parseMarkdown(text);
  }
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

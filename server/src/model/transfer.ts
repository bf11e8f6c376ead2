/**
 * A document model in a form that crosses threads cheaply (the CLI builds models on a second
 * thread, see `cli/models.ts`), and back.
 *
 * A model is plain data but for `lineAt`, so the structured clone of `postMessage` carries it
 * whole, shared nodes and parent links included. Most of its bytes, though, are copies of the
 * text: every line's `content` and every node's `text` (a section's text holds its clauses'
 * texts again). Those that are exactly what the text gives back — `content` the slice between
 * `contentStart` and `contentEnd`, a node's `text` its lines' contents joined by line breaks —
 * travel as empty strings with a flag and are made again from the text on arrival, in place, so
 * every object keeps its keys in their order. Anything else travels as it is: the model that
 * arrives is equal to the one that left (`test/unit/model-transfer.test.ts`).
 */
import { nodeText } from './clauseTree';
import { lineIndexIn } from './lines';
import type { ClauseNumber, DocumentModel, Line, OffsetRange, RegNode, Stamp } from './types';

/** What {@link packModel} makes: the model's data without the text, and what to make again. */
export interface PackedModel {
  /** The model's data; its `lines` are empty when {@link PackedModel.lines} holds them. */
  readonly data: Omit<DocumentModel, 'text' | 'lineAt'>;
  /** The lines in columns, when every line has the usual keys (see {@link packLines}). */
  readonly lines?: PackedLines;
  /** 1 for each line (by index) whose `content` is to be sliced from the text again. */
  readonly lineContents: Uint8Array;
  /** 1 for each node (in {@link PackedModel.nodeOrder} order) whose `text` is to be joined again. */
  readonly nodeTexts: Uint8Array;
  /**
   * `nodes`: `model.nodes` holds every node once (as `buildModel` makes it), so the flags follow
   * it; `walk`: they follow {@link everyNode}.
   */
  readonly nodeOrder: 'nodes' | 'walk';
  /** The nodes in columns, when they allow it (see {@link packNodes}); `data`'s node lists are then empty. */
  readonly nodes?: PackedNodes;
}

/**
 * Nodes as columns (a node costs 8–10 cloned objects otherwise: its ranges, lists and number).
 * Per node, {@link NODE_INTS} numbers: kind, the indices of its title range, range and head range,
 * its line, where its lines and children are in `lists`, the indices of its number, stamp and
 * parent (-1: none), and flags (`orphan`, whether it has a `marker`). Ranges and numbers are
 * tables, so an object shared by two nodes stays shared; stamps travel as they are.
 */
export interface PackedNodes {
  readonly ints: Int32Array;
  readonly lists: Int32Array;
  /** start, end apiece. */
  readonly ranges: Int32Array;
  /** range index, trailing dot, where its parts are in `lists`, their count, apiece. */
  readonly numbers: Int32Array;
  /**
   * Each number's text; then per node its title, its text unless flagged in `nodeTexts`, its
   * marker if it has one. Only strings that are there: each one costs the clone, a gap too.
   */
  readonly strings: readonly string[];
  readonly stamps: readonly Stamp[];
  /** The model's root, appendices and stamps as node indices. */
  readonly root: Int32Array;
  readonly appendices: Int32Array;
  readonly stampNodes: Int32Array;
}

/**
 * Lines as columns: a cloned object costs its keys and a lookup per key on arrival, a column of
 * numbers a copy. Per line: `start`, `end`, `contentStart`, `contentEnd`, `listDepth`,
 * `headingDepth`, `listMarkerStart` in `numbers` (7 apiece), the block and flags in `codes`, and in
 * `strings`, line by line, a content that is not sliced from the text and a list marker (most
 * lines have neither: they add nothing).
 */
export interface PackedLines {
  readonly numbers: Int32Array;
  readonly codes: Uint8Array;
  readonly strings: readonly string[];
}

/** The keys of a line, in the order `classifyText` gives them. */
const LINE_KEYS = ['index', 'start', 'end', 'contentStart', 'contentEnd', 'content', 'block', 'headingDepth', 'listDepth', 'listMarker', 'listMarkerStart', 'bold', 'debris'];
const BLOCKS: ReadonlyArray<Line['block']> = ['paragraph', 'heading', 'html', 'code', 'table', 'other', 'blank'];
const BOLD = 8;
const DEBRIS = 16;
const HAS_HEADING_DEPTH = 32;
const HAS_LIST_MARKER_START = 64;
const HAS_LIST_MARKER = 128;

/**
 * The model, packed for `postMessage`. Takes the model apart (its line contents and node texts
 * are emptied): the caller must not use it afterwards.
 */
export function packModel(model: DocumentModel): PackedModel {
  const text = model.text;
  // The model's keys in order but the text and lineAt (no object rest: a slow builtin cold).
  const data: Record<string, unknown> = {};
  for (const k in model) if (k !== 'text' && k !== 'lineAt' && Object.prototype.hasOwnProperty.call(model, k)) data[k] = model[k as keyof DocumentModel];
  const lines = model.lines as Line[];
  const walked = everyNode(model);
  const nodeOrder = sameNodes(walked, model.nodes) ? 'nodes' : 'walk';
  const nodes = nodeOrder === 'nodes' ? model.nodes : walked;
  // Node texts first: they are checked against the line contents, which are emptied next.
  const nodeTexts = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.lines.length > 0 && n.text.length > 0 && isJoined(n.text, lines, n.lines)) nodeTexts[i] = 1;
  }
  const lineContents = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // Equal to text.slice(contentStart, contentEnd), without the slice.
    if (l.content.length > 0 && l.contentStart >= 0 && l.contentEnd <= text.length && l.content.length === l.contentEnd - l.contentStart && text.startsWith(l.content, l.contentStart)) lineContents[i] = 1;
  }
  for (let i = 0; i < nodes.length; i++) if (nodeTexts[i] === 1) nodes[i]!.text = '';
  for (let i = 0; i < lines.length; i++) if (lineContents[i] === 1) (lines[i] as { content: string }).content = '';
  const packedData = data as unknown as PackedModel['data'];
  const columns = packLines(lines, lineContents);
  if (columns) data['lines'] = [];
  const nodeColumns = nodeOrder === 'nodes' ? packNodes(packedData, nodeTexts) : undefined;
  if (nodeColumns) {
    data['stamps'] = [];
    data['root'] = [];
    data['nodes'] = [];
    data['appendices'] = [];
  }
  return { data: packedData, lineContents, nodeTexts, nodeOrder, lines: columns, nodes: nodeColumns };
}

/** The keys of a node, in the order `makeNode` gives them, its kinds, and the keys of a clause number and a range. */
const NODE_KEYS = ['kind', 'title', 'titleRange', 'range', 'headRange', 'line', 'text', 'lines', 'children', 'number', 'marker', 'orphan', 'stamp', 'parent'];
const KINDS: ReadonlyArray<RegNode['kind']> = ['stamp', 'title', 'section', 'clause', 'subclause', 'item', 'appendix'];
const NUMBER_KEYS = ['text', 'parts', 'trailingDot', 'range'];
const RANGE_KEYS = ['start', 'end'];
const NODE_INTS = 13;
const ORPHAN_TRUE = 1;
const ORPHAN_FALSE = 2;
const HAS_MARKER = 4;

const isInt32 = (n: unknown): n is number => typeof n === 'number' && (n | 0) === n && (n !== 0 || 1 / n > 0);

/**
 * Whether `o` has exactly the own enumerable keys `keys`, in that order (as `Object.keys(o)`
 * would list them), without making that list: packing asks it of every line and node.
 */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k) || k !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

/** Whether `s` is the contents of `lines[indices]` joined by line breaks ({@link nodeText}), without joining them. */
function isJoined(s: string, lines: readonly Line[], indices: readonly number[]): boolean {
  let at = 0;
  for (let k = 0; k < indices.length; k++) {
    const c = lines[indices[k]!]!.content;
    if (k > 0) {
      // nodeText joins non-empty contents after the first with a line break.
      if (c.length === 0) continue;
      if (s.charCodeAt(at) !== 10) return false;
      at++;
    }
    if (!s.startsWith(c, at)) return false;
    at += c.length;
  }
  return at === s.length;
}

/**
 * The nodes of `data` (every node once in `data.nodes`) as columns, or undefined when a node, range
 * or number has another shape, or an object of theirs is also used elsewhere in the model.
 */
function packNodes(data: PackedModel['data'], joined: Uint8Array): PackedNodes | undefined {
  const nodes = data.nodes;
  const index = new Map<RegNode, number>();
  nodes.forEach((n, i) => index.set(n, i));
  const rangeIndex = new Map<object, number>();
  const rangeInts: number[] = [];
  const rangeOf = (r: OffsetRange): number => {
    let k = rangeIndex.get(r);
    if (k === undefined) {
      if (!r || typeof r !== 'object' || !hasKeys(r, RANGE_KEYS) || !isInt32(r.start) || !isInt32(r.end)) return -1;
      rangeIndex.set(r, (k = rangeIndex.size));
      rangeInts.push(r.start, r.end);
    }
    return k;
  };
  const numberIndex = new Map<object, number>();
  const numberInts: number[] = [];
  const numberTexts: string[] = [];
  const lists: number[] = [];
  const stamps: Stamp[] = [];
  const stampIndex = new Map<object, number>();
  const ints = new Int32Array(nodes.length * NODE_INTS);
  const strings: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const kind = KINDS.indexOf(n.kind);
    if (kind < 0 || !hasKeys(n, NODE_KEYS) || typeof n.title !== 'string' || typeof n.text !== 'string' || !isInt32(n.line)) return undefined;
    if (!(n.marker === undefined || typeof n.marker === 'string') || !(n.orphan === undefined || typeof n.orphan === 'boolean')) return undefined;
    const titleRange = rangeOf(n.titleRange);
    const range = rangeOf(n.range);
    const headRange = rangeOf(n.headRange);
    if (titleRange < 0 || range < 0 || headRange < 0) return undefined;
    const linesAt = lists.length;
    for (const l of n.lines) {
      if (!isInt32(l)) return undefined;
      lists.push(l);
    }
    const childrenAt = lists.length;
    for (const c of n.children) {
      const k = index.get(c);
      if (k === undefined) return undefined;
      lists.push(k);
    }
    let number = -1;
    if (n.number !== undefined) {
      const num = n.number;
      number = numberIndex.get(num) ?? -1;
      if (number < 0) {
        if (!hasKeys(num, NUMBER_KEYS) || typeof num.text !== 'string' || typeof num.trailingDot !== 'boolean' || !Array.isArray(num.parts) || !num.parts.every(isInt32)) return undefined;
        const range = rangeOf(num.range);
        if (range < 0) return undefined;
        numberIndex.set(num, (number = numberIndex.size));
        numberInts.push(range, num.trailingDot ? 1 : 0, lists.length, num.parts.length);
        lists.push(...num.parts);
        numberTexts.push(num.text);
      }
    }
    let stamp = -1;
    if (n.stamp !== undefined) {
      stamp = stampIndex.get(n.stamp) ?? -1;
      if (stamp < 0) {
        stampIndex.set(n.stamp, (stamp = stamps.length));
        stamps.push(n.stamp);
      }
    }
    const parent = n.parent === undefined ? -1 : index.get(n.parent) ?? -2;
    if (parent === -2) return undefined;
    const at = i * NODE_INTS;
    ints[at] = kind;
    ints[at + 1] = titleRange;
    ints[at + 2] = range;
    ints[at + 3] = headRange;
    ints[at + 4] = n.line;
    ints[at + 5] = linesAt;
    ints[at + 6] = n.lines.length;
    ints[at + 7] = childrenAt;
    ints[at + 8] = n.children.length;
    ints[at + 9] = number;
    ints[at + 10] = stamp;
    ints[at + 11] = parent;
    ints[at + 12] = (n.orphan === true ? ORPHAN_TRUE : n.orphan === false ? ORPHAN_FALSE : 0) | (n.marker !== undefined ? HAS_MARKER : 0);
    strings.push(n.title);
    if (joined[i] !== 1) strings.push(n.text);
    if (n.marker !== undefined) strings.push(n.marker);
  }
  const indices = (list: readonly RegNode[]): Int32Array | undefined => {
    const out = new Int32Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const i = index.get(list[k]!);
      if (i === undefined) return undefined;
      out[k] = i;
    }
    return out;
  };
  const root = indices(data.root);
  const appendices = indices(data.appendices);
  const stampNodes = indices(data.stamps);
  if (!root || !appendices || !stampNodes) return undefined;
  // Nothing else in the model (nor in the stamps, which travel as they are) may share these objects.
  const shared = (o: object): boolean => index.has(o as RegNode) || rangeIndex.has(o) || numberIndex.has(o);
  const seen = new Set<object>();
  if (sharesAny(stamps, shared, seen)) return undefined;
  for (const k in data) {
    if (k === 'stamps' || k === 'root' || k === 'nodes' || k === 'appendices') continue;
    if (sharesAny((data as Record<string, unknown>)[k], shared, seen)) return undefined;
  }
  return {
    ints,
    lists: Int32Array.from(lists),
    ranges: Int32Array.from(rangeInts),
    numbers: Int32Array.from(numberInts),
    strings: [...numberTexts, ...strings],
    stamps,
    root,
    appendices,
    stampNodes,
  };
}

/** True when some object reachable from `value` (and not in `seen`) passes `test`. */
function sharesAny(value: unknown, test: (o: object) => boolean, seen: Set<object>): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (test(v)) return true;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
    else for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) stack.push((v as Record<string, unknown>)[k]);
  }
  return false;
}

/** The nodes from their columns (with their texts: flagged ones joined from `lines`), as `data`'s node lists. */
function unpackNodes(packed: PackedNodes, lines: readonly Line[], joined: Uint8Array): Pick<DocumentModel, 'stamps' | 'root' | 'nodes' | 'appendices'> {
  const { ints, lists, strings, stamps } = packed;
  let next = packed.numbers.length / 4;
  const ranges: OffsetRange[] = new Array(packed.ranges.length / 2);
  for (let k = 0; k < ranges.length; k++) ranges[k] = { start: packed.ranges[2 * k]!, end: packed.ranges[2 * k + 1]! };
  const count = ints.length / NODE_INTS;
  const numbers: ClauseNumber[] = new Array(packed.numbers.length / 4);
  for (let k = 0, at = 0; k < numbers.length; k++, at += 4) {
    const partsAt = packed.numbers[at + 2]!;
    const parts: number[] = [];
    for (let p = 0; p < packed.numbers[at + 3]!; p++) parts.push(lists[partsAt + p]!);
    numbers[k] = { text: strings[k]!, parts, trailingDot: packed.numbers[at + 1] === 1, range: ranges[packed.numbers[at]!]! };
  }
  const nodes: RegNode[] = new Array(count);
  for (let i = 0, at = 0; i < count; i++, at += NODE_INTS) {
    const nodeLines: number[] = [];
    for (let p = ints[at + 5]!, end = p + ints[at + 6]!; p < end; p++) nodeLines.push(lists[p]!);
    const flags = ints[at + 12]!;
    nodes[i] = {
      kind: KINDS[ints[at]!]!,
      title: strings[next++]!,
      titleRange: ranges[ints[at + 1]!]!,
      range: ranges[ints[at + 2]!]!,
      headRange: ranges[ints[at + 3]!]!,
      line: ints[at + 4]!,
      text: joined[i] === 1 ? nodeText(lines, nodeLines) : strings[next++]!,
      lines: nodeLines,
      children: [],
      number: ints[at + 9]! >= 0 ? numbers[ints[at + 9]!] : undefined,
      marker: flags & HAS_MARKER ? strings[next++] : undefined,
      orphan: flags & ORPHAN_TRUE ? true : flags & ORPHAN_FALSE ? false : undefined,
      stamp: ints[at + 10]! >= 0 ? stamps[ints[at + 10]!] : undefined,
      parent: undefined,
    };
  }
  for (let i = 0, at = 0; i < count; i++, at += NODE_INTS) {
    const n = nodes[i]!;
    for (let p = ints[at + 7]!, end = p + ints[at + 8]!; p < end; p++) n.children.push(nodes[lists[p]!]!);
    if (ints[at + 11]! >= 0) n.parent = nodes[ints[at + 11]!];
  }
  const pick = (list: Int32Array): RegNode[] => Array.from(list, (i) => nodes[i]!);
  return { stamps: pick(packed.stampNodes), root: pick(packed.root), nodes, appendices: pick(packed.appendices) };
}

/** The lines as columns, or undefined when one of them is not a plain line of the usual shape. */
function packLines(lines: readonly Line[], sliced: Uint8Array): PackedLines | undefined {
  const numbers = new Int32Array(lines.length * 7);
  const codes = new Uint8Array(lines.length);
  const strings: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const block = BLOCKS.indexOf(l.block);
    if (l.index !== i || block < 0 || !hasKeys(l, LINE_KEYS)) return undefined;
    if (!(typeof l.bold === 'boolean' && typeof l.debris === 'boolean' && (l.listMarker === undefined || typeof l.listMarker === 'string'))) return undefined;
    if (!isInt32(l.start) || !isInt32(l.end) || !isInt32(l.contentStart) || !isInt32(l.contentEnd) || !isInt32(l.listDepth)) return undefined;
    if ((l.headingDepth !== undefined && !isInt32(l.headingDepth)) || (l.listMarkerStart !== undefined && !isInt32(l.listMarkerStart))) return undefined;
    const at = i * 7;
    numbers[at] = l.start;
    numbers[at + 1] = l.end;
    numbers[at + 2] = l.contentStart;
    numbers[at + 3] = l.contentEnd;
    numbers[at + 4] = l.listDepth;
    numbers[at + 5] = l.headingDepth ?? 0;
    numbers[at + 6] = l.listMarkerStart ?? 0;
    codes[i] = block | (l.bold ? BOLD : 0) | (l.debris ? DEBRIS : 0) | (l.headingDepth !== undefined ? HAS_HEADING_DEPTH : 0) |
      (l.listMarkerStart !== undefined ? HAS_LIST_MARKER_START : 0) | (l.listMarker !== undefined ? HAS_LIST_MARKER : 0);
    // In the order unpackLines reads them (the order of the keys).
    if (sliced[i] !== 1) strings.push(l.content);
    if (l.listMarker !== undefined) strings.push(l.listMarker);
  }
  return { numbers, codes, strings };
}

/** The lines from their columns; contents flagged in `sliced` are sliced from `text`. */
function unpackLines(text: string, { numbers, codes, strings }: PackedLines, sliced: Uint8Array): Line[] {
  const lines: Line[] = new Array(codes.length);
  let next = 0;
  for (let i = 0, k = 0; i < codes.length; i++, k += 7) {
    const code = codes[i]!;
    const contentStart = numbers[k + 2]!;
    const contentEnd = numbers[k + 3]!;
    lines[i] = {
      index: i,
      start: numbers[k]!,
      end: numbers[k + 1]!,
      contentStart,
      contentEnd,
      content: sliced[i] === 1 ? text.slice(contentStart, contentEnd) : strings[next++]!,
      block: BLOCKS[code & 7]!,
      headingDepth: code & HAS_HEADING_DEPTH ? numbers[k + 5]! : undefined,
      listDepth: numbers[k + 4]!,
      listMarker: code & HAS_LIST_MARKER ? strings[next++] : undefined,
      listMarkerStart: code & HAS_LIST_MARKER_START ? numbers[k + 6]! : undefined,
      bold: (code & BOLD) !== 0,
      debris: (code & DEBRIS) !== 0,
    };
  }
  return lines;
}

/** The model of `text` from what {@link packModel} made of it (after the structured clone). */
export function unpackModel(text: string, packed: PackedModel): DocumentModel {
  const { lineContents, nodeTexts } = packed;
  let data = packed.data;
  let lines: Line[];
  if (packed.lines) {
    lines = unpackLines(text, packed.lines, lineContents);
    data = { ...data, lines };
  } else {
    lines = data.lines as Line[];
    for (let i = 0; i < lines.length; i++) {
      if (lineContents[i] === 1) {
        const l = lines[i]!;
        (l as { content: string }).content = text.slice(l.contentStart, l.contentEnd);
      }
    }
  }
  if (packed.nodes) data = { ...data, ...unpackNodes(packed.nodes, lines, nodeTexts) };
  else {
    const nodes = packed.nodeOrder === 'nodes' ? data.nodes : everyNode(data);
    for (let i = 0; i < nodes.length; i++) {
      if (nodeTexts[i] === 1) nodes[i]!.text = nodeText(lines, nodes[i]!.lines);
    }
  }
  // The keys in buildModel's order: text first, lineAt last.
  return { text, ...data, lineAt: (offset: number) => lineIndexIn(lines, offset) };
}

/** True when `nodes` holds exactly the nodes of `walked`, each once. */
function sameNodes(walked: readonly RegNode[], nodes: readonly RegNode[]): boolean {
  if (walked.length !== nodes.length) return false;
  const set = new Set(nodes);
  return set.size === nodes.length && walked.every((n) => set.has(n));
}

/** Every node of the model once, in a fixed order: the trees of root, nodes, appendices, stamps. */
function everyNode(model: Pick<DocumentModel, 'root' | 'nodes' | 'appendices' | 'stamps'>): RegNode[] {
  const seen = new Set<RegNode>();
  const out: RegNode[] = [];
  const stack: RegNode[] = [];
  for (const list of [model.root, model.nodes, model.appendices, model.stamps]) {
    for (let k = list.length - 1; k >= 0; k--) stack.push(list[k]!);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      out.push(n);
      for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]!);
    }
  }
  return out;
}

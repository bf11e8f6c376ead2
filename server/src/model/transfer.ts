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
import type { DocumentModel, Line, RegNode } from './types';

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
}

/**
 * Lines as columns: a cloned object costs its keys and a lookup per key on arrival, a column of
 * numbers a copy. Per line: `start`, `end`, `contentStart`, `contentEnd`, `listDepth`,
 * `headingDepth`, `listMarkerStart` in `numbers` (7 apiece), the block and flags in `codes`, the
 * list marker and a content that is not sliced from the text in `strings` (2 apiece).
 */
export interface PackedLines {
  readonly numbers: Int32Array;
  readonly codes: Uint8Array;
  readonly strings: ReadonlyArray<string | undefined>;
}

/** The keys of a line, in the order `classifyText` gives them. */
const LINE_KEYS = 'index,start,end,contentStart,contentEnd,content,block,headingDepth,listDepth,listMarker,listMarkerStart,bold,debris';
const BLOCKS: ReadonlyArray<Line['block']> = ['paragraph', 'heading', 'html', 'code', 'table', 'other', 'blank'];
const BOLD = 8;
const DEBRIS = 16;
const HAS_HEADING_DEPTH = 32;
const HAS_LIST_MARKER_START = 64;

/**
 * The model, packed for `postMessage`. Takes the model apart (its line contents and node texts
 * are emptied): the caller must not use it afterwards.
 */
export function packModel(model: DocumentModel): PackedModel {
  const { text, lineAt: _lineAt, ...data } = model;
  const lines = model.lines as Line[];
  const walked = everyNode(model);
  const nodeOrder = sameNodes(walked, model.nodes) ? 'nodes' : 'walk';
  const nodes = nodeOrder === 'nodes' ? model.nodes : walked;
  // Node texts first: they are checked against the line contents, which are emptied next.
  const nodeTexts = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.lines.length > 0 && n.text.length > 0 && n.text === nodeText(lines, n.lines)) nodeTexts[i] = 1;
  }
  const lineContents = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.content.length > 0 && l.content === text.slice(l.contentStart, l.contentEnd)) lineContents[i] = 1;
  }
  for (let i = 0; i < nodes.length; i++) if (nodeTexts[i] === 1) nodes[i]!.text = '';
  for (let i = 0; i < lines.length; i++) if (lineContents[i] === 1) (lines[i] as { content: string }).content = '';
  const columns = packLines(lines);
  if (!columns) return { data, lineContents, nodeTexts, nodeOrder };
  return { data: { ...data, lines: [] }, lines: columns, lineContents, nodeTexts, nodeOrder };
}

/** The lines as columns, or undefined when one of them is not a plain line of the usual shape. */
function packLines(lines: readonly Line[]): PackedLines | undefined {
  const numbers = new Int32Array(lines.length * 7);
  const codes = new Uint8Array(lines.length);
  const strings: Array<string | undefined> = new Array(lines.length * 2);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const block = BLOCKS.indexOf(l.block);
    if (l.index !== i || block < 0 || Object.keys(l).join(',') !== LINE_KEYS) return undefined;
    if (!(typeof l.bold === 'boolean' && typeof l.debris === 'boolean' && (l.listMarker === undefined || typeof l.listMarker === 'string'))) return undefined;
    const ints = [l.start, l.end, l.contentStart, l.contentEnd, l.listDepth, l.headingDepth ?? 0, l.listMarkerStart ?? 0];
    if (!ints.every((n) => Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff) || Object.is(l.headingDepth, -0) || Object.is(l.listMarkerStart, -0)) return undefined;
    if ((l.headingDepth !== undefined && typeof l.headingDepth !== 'number') || (l.listMarkerStart !== undefined && typeof l.listMarkerStart !== 'number')) return undefined;
    numbers.set(ints, i * 7);
    codes[i] = block | (l.bold ? BOLD : 0) | (l.debris ? DEBRIS : 0) | (l.headingDepth !== undefined ? HAS_HEADING_DEPTH : 0) | (l.listMarkerStart !== undefined ? HAS_LIST_MARKER_START : 0);
    strings[i * 2] = l.listMarker;
    strings[i * 2 + 1] = l.content;
  }
  return { numbers, codes, strings };
}

/** The lines from their columns; contents flagged in `sliced` are sliced from `text`. */
function unpackLines(text: string, { numbers, codes, strings }: PackedLines, sliced: Uint8Array): Line[] {
  const lines: Line[] = new Array(codes.length);
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
      content: sliced[i] === 1 ? text.slice(contentStart, contentEnd) : strings[i * 2 + 1]!,
      block: BLOCKS[code & 7]!,
      headingDepth: code & HAS_HEADING_DEPTH ? numbers[k + 5]! : undefined,
      listDepth: numbers[k + 4]!,
      listMarker: strings[i * 2],
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
  const nodes = packed.nodeOrder === 'nodes' ? data.nodes : everyNode(data);
  for (let i = 0; i < nodes.length; i++) {
    if (nodeTexts[i] === 1) nodes[i]!.text = nodeText(lines, nodes[i]!.lines);
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

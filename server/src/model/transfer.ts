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
  readonly data: Omit<DocumentModel, 'text' | 'lineAt'>;
  /** 1 for each line (by index) whose `content` is to be sliced from the text again. */
  readonly lineContents: Uint8Array;
  /** 1 for each node (in {@link everyNode} order) whose `text` is to be joined again. */
  readonly nodeTexts: Uint8Array;
}

/**
 * The model, packed for `postMessage`. Takes the model apart (its line contents and node texts
 * are emptied): the caller must not use it afterwards.
 */
export function packModel(model: DocumentModel): PackedModel {
  const { text, lineAt: _lineAt, ...data } = model;
  const lines = model.lines as Line[];
  const nodes = everyNode(model);
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
  return { data, lineContents, nodeTexts };
}

/** The model of `text` from what {@link packModel} made of it (after the structured clone). */
export function unpackModel(text: string, packed: PackedModel): DocumentModel {
  const { data, lineContents, nodeTexts } = packed;
  const lines = data.lines as Line[];
  for (let i = 0; i < lines.length; i++) {
    if (lineContents[i] === 1) {
      const l = lines[i]!;
      (l as { content: string }).content = text.slice(l.contentStart, l.contentEnd);
    }
  }
  const nodes = everyNode(data);
  for (let i = 0; i < nodes.length; i++) {
    if (nodeTexts[i] === 1) nodes[i]!.text = nodeText(lines, nodes[i]!.lines);
  }
  // The keys in buildModel's order: text first, lineAt last.
  return { text, ...data, lineAt: (offset: number) => lineIndexIn(lines, offset) };
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

/**
 * `normokontrol outline`: the clause tree of a draft as JSON (LSP ranges) or as an indented text
 * tree. Numbers are written without the trailing dot; unnumbered parts (stamps, the title) carry none.
 */
import type { NodeKind } from '../model/types';
import type { OutlineNode } from '../service';
import { PositionMapper, type LspRange } from './positions';

/** One outline entry in the JSON output. */
export interface JsonOutlineNode {
  readonly number?: string;
  readonly kind: NodeKind;
  readonly title: string;
  readonly range: LspRange;
  /** The head line of the part (what an editor selects). */
  readonly selectionRange: LspRange;
  readonly children: JsonOutlineNode[];
}

/** Converts an outline to LSP positions. */
export function toJsonOutline(text: string, nodes: readonly OutlineNode[]): JsonOutlineNode[] {
  const map = new PositionMapper(text);
  const convert = (n: OutlineNode): JsonOutlineNode => ({
    ...(n.number !== undefined ? { number: n.number } : {}),
    kind: n.kind,
    title: n.title,
    range: map.range(n.range),
    selectionRange: map.range(n.selectionRange),
    children: n.children.map(convert),
  });
  return nodes.map(convert);
}

const KIND_LABEL: Partial<Record<NodeKind, string>> = { stamp: 'гриф', title: 'название' };

/** Maximum title length in the text tree; longer titles end with «…». */
const MAX_TITLE = 100;

/** The indented text tree: `1 Общие положения`, `  1.1 Настоящее …`. */
export function formatOutlineText(nodes: readonly JsonOutlineNode[]): string {
  let out = '';
  const walk = (list: readonly JsonOutlineNode[], depth: number): void => {
    for (const n of list) {
      const title = n.title.replace(/\s+/g, ' ').trim();
      const shown = title.length > MAX_TITLE ? title.slice(0, MAX_TITLE - 1).trimEnd() + '…' : title;
      const head = n.number ?? (KIND_LABEL[n.kind] !== undefined ? `[${KIND_LABEL[n.kind]}]` : '');
      out += '  '.repeat(depth) + [head, shown].filter((s) => s !== '').join(' ') + '\n';
      walk(n.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return out;
}

/**
 * The outline: the clause tree as a lawyer reads it — stamps, title, sections, clauses,
 * sub-clauses, appendices and numbered entries. Unnumbered items (bullets, `а)`) are left out.
 * Shared by `normokontrol outline` and the language server's document symbols.
 */
import type { DocumentModel, NodeKind, OffsetRange, RegNode } from '../model/types';

/** One outline entry; `number` only for numbered parts, without the trailing dot. */
export interface OutlineNode {
  readonly number?: string;
  readonly kind: NodeKind;
  readonly title: string;
  readonly range: OffsetRange;
  /** The head line: what the editor selects and reveals. */
  readonly selectionRange: OffsetRange;
  readonly children: OutlineNode[];
}

function include(n: RegNode): boolean {
  return n.kind !== 'item' || n.number !== undefined;
}

function toOutline(n: RegNode): OutlineNode[] {
  const children = n.children.flatMap(toOutline);
  if (!include(n)) return children; // numbered entries nested under a bullet stay visible
  return [{
    number: n.number?.text,
    kind: n.kind,
    title: n.title,
    range: n.range,
    selectionRange: n.headRange,
    children,
  }];
}

/** Builds the outline of a model, in document order. */
export function buildOutline(model: DocumentModel): OutlineNode[] {
  return model.root.flatMap(toOutline);
}

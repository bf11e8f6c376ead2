/**
 * Document symbols = the clause tree (Outline view, breadcrumbs, «Go to symbol»), from
 * `service.outline(analysis)`: stamps, the title, sections, clauses, sub-clauses, numbered entries
 * and appendices, named «number title».
 */
import { SymbolKind, type DocumentSymbol, type ServerCapabilities, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { NodeKind } from '../model/types';
import type { OutlineNode } from '../service';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

const KIND: Record<NodeKind, SymbolKind> = {
  stamp: SymbolKind.Key,
  title: SymbolKind.File,
  section: SymbolKind.Module,
  clause: SymbolKind.Field,
  subclause: SymbolKind.Property,
  item: SymbolKind.EnumMember,
  appendix: SymbolKind.Namespace,
};

const LABEL: Record<NodeKind, string> = {
  stamp: 'гриф',
  title: 'заголовок',
  section: 'раздел',
  clause: 'пункт',
  subclause: 'подпункт',
  item: 'перечисление',
  appendix: 'приложение',
};

const MAX_NAME = 100;

/** `number title`, shortened; never empty (editors reject empty names). */
export function symbolName(node: OutlineNode): string {
  let title = node.title.replace(/\s+/g, ' ').trim();
  if (title.length > MAX_NAME) title = title.slice(0, MAX_NAME - 1).trimEnd() + '…';
  const name = [node.number, title].filter((s) => s !== undefined && s !== '').join(' ');
  return name !== '' ? name : LABEL[node.kind];
}

/** Outline nodes → hierarchical symbols (the selection range always inside the full range). */
export function toDocumentSymbols(doc: TextDocument, nodes: readonly OutlineNode[]): DocumentSymbol[] {
  return nodes.map((n) => {
    const start = Math.min(n.range.start, n.selectionRange.start);
    const end = Math.max(n.range.end, n.selectionRange.end);
    return {
      name: symbolName(n),
      detail: LABEL[n.kind],
      kind: KIND[n.kind] ?? SymbolKind.Object,
      range: toRange(doc, { start, end }),
      selectionRange: toRange(doc, n.selectionRange),
      children: toDocumentSymbols(doc, n.children),
    };
  });
}

/** Outline nodes → flat symbols for clients without hierarchical support. */
export function toSymbolInformation(doc: TextDocument, nodes: readonly OutlineNode[], container?: string): SymbolInformation[] {
  return nodes.flatMap((n) => {
    const name = symbolName(n);
    const self: SymbolInformation = {
      name,
      kind: KIND[n.kind] ?? SymbolKind.Object,
      location: { uri: doc.uri, range: toRange(doc, n.range) },
      ...(container ? { containerName: container } : {}),
    };
    return [self, ...toSymbolInformation(doc, n.children, name)];
  });
}

/** Registers `textDocument/documentSymbol`. */
export function register(ctx: ServerContext): ServerCapabilities {
  const hierarchical = ctx.clientCapabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  ctx.connection.onDocumentSymbol(guard(ctx.logger, 'documentSymbol', () => [], async (params, token) => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return [];
    const outline = ctx.service.outline(analyzed.analysis);
    return hierarchical ? toDocumentSymbols(analyzed.document, outline) : toSymbolInformation(analyzed.document, outline);
  }));
  return { documentSymbolProvider: { label: 'Нормоконтроль' } };
}

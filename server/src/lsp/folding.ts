/**
 * Folding ranges: one per section, clause, sub-clause, appendix and stamp that spans more than
 * one line (head line through the last non-blank line of its body).
 */
import type { FoldingRange, ServerCapabilities } from 'vscode-languageserver';
import type { DocumentModel, RegNode } from '../model/types';
import type { ServerContext } from './context';
import { guard } from './guard';

const FOLDED = new Set<RegNode['kind']>(['section', 'clause', 'subclause', 'appendix', 'stamp']);

/** Folding ranges of a model, ordered by start line; at most `limit` of them (outer ones first kept). */
export function foldingRanges(model: DocumentModel, limit = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  for (const n of model.nodes) {
    if (!FOLDED.has(n.kind)) continue;
    const startLine = n.line;
    let endLine = model.lineAt(Math.max(n.range.start, n.range.end - 1));
    while (endLine > startLine && model.lines[endLine]?.block === 'blank') endLine--;
    if (endLine <= startLine) continue;
    const prev = byStart.get(startLine);
    if (prev && prev.endLine >= endLine) continue; // keep the outer one of two starting on one line
    byStart.set(startLine, { startLine, endLine });
  }
  const ranges = [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
  if (ranges.length <= limit) return ranges;
  // Over the client's limit: keep the widest ranges, in document order.
  return [...ranges].sort((a, b) => (b.endLine - b.startLine) - (a.endLine - a.startLine)).slice(0, limit)
    .sort((a, b) => a.startLine - b.startLine);
}

/** Registers `textDocument/foldingRange`. */
export function register(ctx: ServerContext): ServerCapabilities {
  const limit = ctx.clientCapabilities.textDocument?.foldingRange?.rangeLimit;
  ctx.connection.onFoldingRanges(guard(ctx.logger, 'foldingRange', () => [], async (params, token) => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed) return [];
    return foldingRanges(analyzed.analysis.model, limit);
  }));
  return { foldingRangeProvider: true };
}

/**
 * `textDocument/hover`: a dispatcher asking each provider in turn — a legal citation
 * ({@link citationHoverAt}), then an internal cross-reference previewing the referenced clause
 * ({@link referenceHoverAt}).
 */
import { MarkupKind, type Hover, type ServerCapabilities } from 'vscode-languageserver';
import { citationHoverAt } from '../service/legalHover';
import { referenceHoverAt } from '../service/navigation';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

/** Registers the hover provider. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onHover(guard(ctx.logger, 'hover', () => null, async (params, token): Promise<Hover | null> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return null;
    const offset = analyzed.document.offsetAt(params.position);
    const hover = citationHoverAt(analyzed.analysis, offset) ?? referenceHoverAt(analyzed.analysis, offset);
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(analyzed.document, hover.range) };
  }));
  return { hoverProvider: true };
}

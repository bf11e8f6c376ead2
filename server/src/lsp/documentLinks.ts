/**
 * `textDocument/documentLink`: every resolved number of an internal reference links to the line
 * of its target (`<uri>#L<line>`, 1-based, as VS Code opens it), from {@link referenceLinks}.
 */
import type { DocumentLink, ServerCapabilities } from 'vscode-languageserver';
import { referenceLinks } from '../service/navigation';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

/** Registers the document link provider. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onDocumentLinks(guard(ctx.logger, 'documentLink', () => [], async (params, token): Promise<DocumentLink[]> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return [];
    const { document } = analyzed;
    const base = document.uri.replace(/#.*$/, '');
    return referenceLinks(analyzed.analysis).map((l) => ({ range: toRange(document, l.range), target: `${base}#L${l.line + 1}`, tooltip: l.tooltip }));
  }));
  return { documentLinkProvider: { resolveProvider: false } };
}

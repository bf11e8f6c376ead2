/**
 * `textDocument/references` on a reference or on a clause number: every internal reference to
 * that part (and its own number when the declaration is asked for), from {@link referencesAt}.
 */
import type { Location, ServerCapabilities } from 'vscode-languageserver';
import { referencesAt } from '../service/navigation';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

/** Registers the references provider. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onReferences(guard(ctx.logger, 'references', () => [], async (params, token): Promise<Location[]> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return [];
    const { document } = analyzed;
    const ranges = referencesAt(analyzed.analysis, document.offsetAt(params.position), params.context?.includeDeclaration ?? true);
    return ranges.map((r) => ({ uri: document.uri, range: toRange(document, r) }));
  }));
  return { referencesProvider: true };
}

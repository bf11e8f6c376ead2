/**
 * `textDocument/definition` on an internal cross-reference («пункте 1.2»): the referenced part,
 * from the service's {@link definitionAt}.
 */
import type { Location, LocationLink, ServerCapabilities } from 'vscode-languageserver';
import { definitionAt } from '../service/navigation';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

/** Registers the definition provider. */
export function register(ctx: ServerContext): ServerCapabilities {
  const links = ctx.clientCapabilities.textDocument?.definition?.linkSupport === true;
  ctx.connection.onDefinition(guard(ctx.logger, 'definition', () => null, async (params, token): Promise<Location[] | LocationLink[] | null> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return null;
    const { document } = analyzed;
    const def = definitionAt(analyzed.analysis, document.offsetAt(params.position));
    if (!def) return null;
    if (links) {
      return [{ originSelectionRange: toRange(document, def.origin), targetUri: document.uri, targetRange: toRange(document, def.range), targetSelectionRange: toRange(document, def.selection) }];
    }
    return [{ uri: document.uri, range: toRange(document, def.selection) }];
  }));
  return { definitionProvider: true };
}

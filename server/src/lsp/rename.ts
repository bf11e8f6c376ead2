/**
 * `textDocument/prepareRename` and `textDocument/rename` of a defined term («(далее – X)») or a
 * role word across the act, inflected forms included ({@link prepareRenameAt}, {@link renameEdits}).
 */
import { ResponseError, ErrorCodes, type PrepareRenameResult, type ServerCapabilities, type WorkspaceEdit } from 'vscode-languageserver';
import { prepareRenameAt, renameEdits } from '../service/navigation';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';
import { workspaceEdit } from './toCodeAction';

/** Registers rename with prepare support. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onPrepareRename(guard(ctx.logger, 'prepareRename', () => null, async (params, token): Promise<PrepareRenameResult | null> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return null;
    const { document } = analyzed;
    const target = prepareRenameAt(analyzed.analysis, document.offsetAt(params.position));
    if (!target) return null;
    return { range: toRange(document, target.range), placeholder: target.placeholder };
  }));
  ctx.connection.onRenameRequest(guard(ctx.logger, 'rename', () => null, async (params, token): Promise<WorkspaceEdit | null> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return null;
    const { document, analysis } = analyzed;
    const edits = renameEdits(analysis, document.offsetAt(params.position), params.newName);
    if (!edits) throw new ResponseError(ErrorCodes.InvalidParams, 'Здесь нет определённого термина или наименования участника');
    return workspaceEdit({ document, analysis, capabilities: ctx.clientCapabilities }, edits);
  }));
  const prepare = ctx.clientCapabilities.textDocument?.rename?.prepareSupport === true;
  return { renameProvider: prepare ? { prepareProvider: true } : true };
}

/**
 * `textDocument/codeAction`: quick fixes from the diagnostics in the request, «fix all of a rule»,
 * «disable for this line» and `source.fixAll.normokontrol` (see toCodeAction.ts).
 */
import { CodeActionKind, type CodeAction, type ServerCapabilities } from 'vscode-languageserver';
import { renumberActions } from './commands';
import type { ServerContext } from './context';
import { guard } from './guard';
import {
  CODE_ACTION_KINDS,
  disableLineActions,
  fixAllAction,
  fixAllOfRuleActions,
  FIX_ALL_KIND,
  quickFixActions,
  usableDiagnostics,
  type ActionInput,
} from './toCodeAction';

/** True when `kind` is requested by `only` (hierarchical: `source` includes `source.fixAll.x`). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** Registers `textDocument/codeAction`. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onCodeAction(guard(ctx.logger, 'codeAction', () => [], async (params, token) => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || token.isCancellationRequested) return [];
    const { document, analysis } = analyzed;
    if (document.version !== analysis.version) return [];
    const input: ActionInput = { document, analysis, capabilities: ctx.clientCapabilities };
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) {
      const usable = usableDiagnostics(input, params.context.diagnostics ?? []);
      actions.push(...quickFixActions(input, usable), ...renumberActions(input, usable), ...fixAllOfRuleActions(input, usable), ...disableLineActions(input, usable));
    }
    if (wants(only, FIX_ALL_KIND)) {
      // Asked for explicitly (on save, «Source Action…»): answer even with nothing to fix.
      const fixAll = fixAllAction(input, ctx.service, only !== undefined);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }));
  const literal = ctx.clientCapabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  return { codeActionProvider: literal ? { codeActionKinds: [...CODE_ACTION_KINDS], resolveProvider: false } : true };
}

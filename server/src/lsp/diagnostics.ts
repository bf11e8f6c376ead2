/**
 * Diagnostics, pulled or pushed depending on the client.
 *
 * - Clients with `textDocument.diagnostic` (VS Code ≥ 1.73 with vscode-languageclient 8+) pull:
 *   the server answers `textDocument/diagnostic` with `resultId` = `<version>.<settings generation>`
 *   and reports «unchanged» when the client already has that result; a settings change bumps the
 *   generation and asks the client to pull again (`workspace/diagnostic/refresh`).
 * - Other clients (Neovim 0.7, older editors) get `publishDiagnostics` on open and change
 *   (immediately, at any size: large documents are analysed cooperatively and a newer version
 *   stops the stale run, see `LARGE_DOCUMENT` in context.ts), again after a settings change, and an empty
 *   list on close.
 *
 * The service caches the analysis per `uri@version` and settings, so no version is computed twice.
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type DocumentDiagnosticReport,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { SkipReason, ServerContext } from './context';
import { cancelled, guard, guardNotification } from './guard';
import { diagnosticSupport, toDiagnostics } from './toDiagnostic';

/** Registers pull or push diagnostics, whichever the client supports. */
export function register(ctx: ServerContext): ServerCapabilities {
  return ctx.clientCapabilities.textDocument?.diagnostic ? registerPull(ctx) : registerPush(ctx);
}

function registerPull(ctx: ServerContext): ServerCapabilities {
  const support = diagnosticSupport(ctx.clientCapabilities);
  const canRefresh = ctx.clientCapabilities.workspace?.diagnostics?.refreshSupport === true;
  let generation = 0;
  const empty = (): DocumentDiagnosticReport => ({ kind: DocumentDiagnosticReportKind.Full, items: [] });

  ctx.connection.languages.diagnostics.on(guard(ctx.logger, 'textDocument/diagnostic', empty, async (params, token) => {
    let skipped: SkipReason | undefined;
    const analyzed = await ctx.analyze(params.textDocument.uri, token, (r) => { skipped = r; });
    if (skipped === 'cancelled' || token.isCancellationRequested) throw cancelled();
    if (skipped === 'superseded') throw new ResponseError(LSPErrorCodes.ServerCancelled, 'Документ изменился', { retriggerRequest: true });
    if (!analyzed) return empty();
    const { document, analysis } = analyzed;
    if (document.version !== analysis.version) {
      // The document changed under us; the client pulls again for the new version.
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'Документ изменился', { retriggerRequest: true });
    }
    const resultId = `${analysis.version}.${generation}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: toDiagnostics(analysis.findings, document, analysis.version, support) };
  }));

  ctx.onSettingsChanged(() => {
    generation++;
    if (canRefresh) {
      // Typed `void`, but it is the request's promise: a client error must not go unhandled.
      Promise.resolve(ctx.connection.languages.diagnostics.refresh() as unknown)
        .catch((error: unknown) => ctx.logger.warn(`workspace/diagnostic/refresh failed: ${String(error)}`));
    }
  });

  return { diagnosticProvider: { identifier: 'normokontrol', interFileDependencies: false, workspaceDiagnostics: false } };
}

function registerPush(ctx: ServerContext): ServerCapabilities {
  const support = diagnosticSupport(ctx.clientCapabilities);
  /** What was last sent per URI (`version.generation`, '' = an empty list), to skip repeats. */
  const sent = new Map<string, string>();
  let generation = 0;

  const publish = async (uri: string): Promise<void> => {
    let skipped: SkipReason | undefined;
    const analyzed = await ctx.analyze(uri, undefined, (r) => { skipped = r; });
    const document = ctx.documents.get(uri);
    if (!document) return; // closed meanwhile; the close handler cleared it
    // A newer version stopped this run: the run of that version publishes, nothing to clear.
    if (skipped === 'superseded') return;
    if (!analyzed) {
      if (sent.get(uri) !== '') {
        sent.set(uri, '');
        await ctx.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      }
      return;
    }
    const { analysis } = analyzed;
    if (analyzed.document.version !== analysis.version) return; // superseded; its own run follows
    const key = `${analysis.version}.${generation}`;
    if (sent.get(uri) === key) return;
    sent.set(uri, key);
    await ctx.connection.sendDiagnostics({
      uri,
      version: analysis.version,
      diagnostics: toDiagnostics(analysis.findings, analyzed.document, analysis.version, support),
    });
  };

  const run = guardNotification<string>(ctx.logger, 'publishDiagnostics', publish);

  ctx.documents.onDidChangeContent((e) => run(e.document.uri));
  ctx.documents.onDidClose(guardNotification(ctx.logger, 'didClose', (e) => {
    const uri = e.document.uri;
    sent.delete(uri);
    void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }));
  ctx.onSettingsChanged(() => {
    generation++;
    for (const doc of ctx.documents.all()) run(doc.uri);
  });
  return {};
}

/**
 * `textDocument/completion` inside the normative-basis list: canonical citations of acts in
 * force from the service's {@link citationCompletions}.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type ServerCapabilities } from 'vscode-languageserver';
import { citationCompletions } from '../service/legalCompletion';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

/** Registers the completion provider. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onCompletion(guard(ctx.logger, 'completion', () => [], async (params, token): Promise<CompletionItem[]> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return [];
    return citationCompletions(analyzed.analysis, analyzed.document.offsetAt(params.position)).map((c, i) => ({
      label: c.label,
      kind: CompletionItemKind.Reference,
      detail: c.detail,
      documentation: { kind: MarkupKind.Markdown, value: c.documentation },
      filterText: c.filterText,
      sortText: String(i).padStart(3, '0'),
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: toRange(analyzed.document, c.range), newText: c.insertText },
    }));
  }));
  return { completionProvider: { triggerCharacters: [] } };
}

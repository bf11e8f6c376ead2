/**
 * `textDocument/completion`: a dispatcher over providers — inside the normative-basis list,
 * canonical citations of acts in force ({@link citationCompletions}); anywhere, role words of the
 * act's institution kind in every inflected form and the act's defined terms ({@link roleCompletions}).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type ServerCapabilities } from 'vscode-languageserver';
import { citationCompletions } from '../service/legalCompletion';
import { roleCompletions } from '../service/roleCompletion';
import type { ServerContext } from './context';
import { guard } from './guard';
import { toRange } from './toDiagnostic';

/** Registers the completion provider. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onCompletion(guard(ctx.logger, 'completion', () => [], async (params, token): Promise<CompletionItem[]> => {
    const analyzed = await ctx.analyze(params.textDocument.uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return [];
    const offset = analyzed.document.offsetAt(params.position);
    const roles: CompletionItem[] = roleCompletions(analyzed.analysis, offset).map((c, i) => ({
      label: c.label,
      kind: c.kind === 'term' ? CompletionItemKind.Constant : CompletionItemKind.Text,
      detail: c.detail,
      sortText: `r${String(i).padStart(3, '0')}`,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: toRange(analyzed.document, c.range), newText: c.insertText },
    }));
    return [...citationCompletions(analyzed.analysis, offset).map((c, i) => ({
      label: c.label,
      kind: CompletionItemKind.Reference,
      detail: c.detail,
      documentation: { kind: MarkupKind.Markdown, value: c.documentation },
      filterText: c.filterText,
      sortText: String(i).padStart(3, '0'),
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: toRange(analyzed.document, c.range), newText: c.insertText },
    })), ...roles];
  }));
  return { completionProvider: { triggerCharacters: [] } };
}

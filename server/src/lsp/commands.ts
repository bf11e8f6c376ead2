/**
 * `workspace/executeCommand` `normokontrol.renumber` (arguments: the document URI and optionally a
 * section number): renumbers the section's clauses — or every section — and the internal
 * references to them, applied through `workspace/applyEdit`. Also the code-action hook that offers
 * «Перенумеровать раздел N» on numbering/gap and numbering/duplicate diagnostics.
 */
import { CodeActionKind, type CodeAction, type ServerCapabilities } from 'vscode-languageserver';
import { renumber, sectionAt } from '../service/renumber';
import type { ServerContext } from './context';
import { guard } from './guard';
import { workspaceEdit, type ActionInput, type UsableDiagnostic } from './toCodeAction';

/** The command id. */
export const RENUMBER_COMMAND = 'normokontrol.renumber';

/** Result of the command (for clients and tests). */
export interface RenumberCommandResult {
  readonly applied: boolean;
  readonly renumbered: number;
  readonly references: number;
}

/** Rules whose findings get the renumber quick fix. */
const RENUMBER_RULES = new Set(['numbering/gap', 'numbering/duplicate']);

/**
 * «Перенумеровать раздел N» (or «Перенумеровать разделы» for a finding on a section's own number)
 * for each numbering/gap or numbering/duplicate diagnostic; one action per section.
 */
export function renumberActions(input: ActionInput, usable: readonly UsableDiagnostic[]): CodeAction[] {
  const { document, analysis } = input;
  const model = analysis.model;
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const u of usable) {
    if (!RENUMBER_RULES.has(u.ruleId)) continue;
    const offset = document.offsetAt(u.diagnostic.range.start);
    const section = sectionAt(model, offset);
    const whole = !section?.number || section.number.range.start === offset;
    const key = whole ? '' : section.number.text;
    if (seen.has(key)) continue;
    seen.add(key);
    const { edits, references } = renumber(model, whole ? undefined : key);
    if (edits.length === 0) continue;
    actions.push({
      title: (whole ? 'Перенумеровать разделы' : `Перенумеровать раздел ${key}`) + (references > 0 ? ` и ссылки (${references})` : ''),
      kind: CodeActionKind.QuickFix,
      diagnostics: usable.filter((x) => RENUMBER_RULES.has(x.ruleId)).map((x) => x.diagnostic),
      edit: workspaceEdit(input, edits),
    });
  }
  return actions;
}

/** Registers `workspace/executeCommand` for {@link RENUMBER_COMMAND}. */
export function register(ctx: ServerContext): ServerCapabilities {
  ctx.connection.onExecuteCommand(guard(ctx.logger, 'executeCommand', () => null, async (params, token): Promise<RenumberCommandResult | null> => {
    if (params.command !== RENUMBER_COMMAND) return null;
    const [uri, section] = params.arguments ?? [];
    if (typeof uri !== 'string') return null;
    const analyzed = await ctx.analyze(uri, token);
    if (!analyzed || analyzed.document.version !== analyzed.analysis.version) return { applied: false, renumbered: 0, references: 0 };
    const { document, analysis } = analyzed;
    const result = renumber(analysis.model, typeof section === 'string' || typeof section === 'number' ? String(section) : undefined);
    if (result.edits.length === 0) return { applied: false, renumbered: 0, references: 0 };
    const edit = workspaceEdit({ document, analysis, capabilities: ctx.clientCapabilities }, result.edits);
    const response = await ctx.connection.workspace.applyEdit({ label: 'Перенумеровать', edit });
    return { applied: response.applied, renumbered: result.renumbered, references: result.references };
  }));
  return { executeCommandProvider: { commands: [RENUMBER_COMMAND] } };
}

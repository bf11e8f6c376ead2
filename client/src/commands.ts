/** Commands (category «Нормоконтроль»): thin wrappers over {@link RegulationClient}. */
import * as vscode from 'vscode';
import type { RegulationClient } from './client';

export const COMMANDS = {
  restartServer: 'normokontrol.restartServer',
  showOutput: 'normokontrol.showOutput',
  fixAll: 'normokontrol.fixAll',
} as const;

/** Registers the commands; the returned disposables belong to the extension context. */
export function registerCommands(host: RegulationClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.restartServer, () => host.restart()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => host.output.show(true)),
    vscode.commands.registerCommand(COMMANDS.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'markdown') {
        void vscode.window.showInformationMessage('Откройте документ Markdown, чтобы исправить его');
        return false;
      }
      if (!host.gate.lints(editor.document)) {
        void vscode.window.showInformationMessage('Этот документ не проверяется: он не похож на положение (см. настройки normokontrol.include)');
        return false;
      }
      const edits = await host.fixAllEdits(editor.document);
      if (edits.length === 0) {
        void vscode.window.showInformationMessage('Исправлять нечего');
        return false;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.set(editor.document.uri, edits);
      return vscode.workspace.applyEdit(edit);
    }),
  ];
}

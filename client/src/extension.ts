/** VS Code entry point: activate/deactivate only. */
import type * as vscode from 'vscode';
import { RegulationClient, type NormokontrolApi } from './client';
import { registerCommands } from './commands';

let host: RegulationClient | undefined;

export function activate(context: vscode.ExtensionContext): NormokontrolApi {
  const created = new RegulationClient(context);
  host = created;
  context.subscriptions.push(...registerCommands(created));
  return { ready: created.ready, isLinted: (document) => created.gate.lints(document) };
}

export function deactivate(): Promise<void> | undefined {
  const current = host;
  host = undefined;
  return current?.dispose();
}

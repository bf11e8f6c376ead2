/** Helpers of the extension-host tests: bounded polling, our diagnostics, the extension's API. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'normokontrol.normokontrol';
export const SOURCE = 'normokontrol';

/** What the extension's `activate` returns (client/src/client.ts `NormokontrolApi`). */
export interface Api {
  readonly ready: Promise<void>;
  isLinted(document: vscode.TextDocument): boolean;
}

/**
 * Calls `probe` every 100 ms until it returns something other than `undefined`/`false`, or fails
 * after `ms` with `what` (a Russian/English description of what was awaited) and the last state.
 */
export async function poll<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000, state?: () => unknown): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const last = state ? `\nlast state: ${JSON.stringify(state(), null, 1)}` : '';
      assert.fail(`Не дождались за ${ms / 1000} с: ${what} / timed out after ${ms / 1000} s waiting for: ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `Diagnostic.code` as a string (the server sends `{value, target}` with a link to the rule's page). */
export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

/** Our diagnostics of a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** A compact view of diagnostics for failure messages. */
export function summarize(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} ${d.message}`);
}

/** Waits until the document carries a diagnostic of `rule` (optionally matching `accept`). */
export function waitForRule(uri: vscode.Uri, rule: string, accept: (d: vscode.Diagnostic) => boolean = () => true, ms = 30_000): Promise<vscode.Diagnostic> {
  return poll(`диагностика ${rule} в ${path.basename(uri.fsPath)} / a ${rule} diagnostic`, () => ours(uri).find((d) => codeOf(d) === rule && accept(d)), ms, () => summarize(ours(uri)));
}

/** The folder the workbench was opened on (the runner prepares it). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'Рабочая папка не открыта / no workspace folder is open');
  return folder.uri.fsPath;
}

/** Writes a file into the workspace (replacing it) and returns its URI. */
export function writeWorkspaceFile(name: string, text: string): vscode.Uri {
  const file = path.join(workspaceRoot(), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** Opens a file in an editor. */
export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Activates the extension under test and waits for its language server. */
export async function activate(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension, `Расширение ${EXTENSION_ID} не загружено / the extension under test is not loaded`);
  const api = await extension.activate();
  assert.ok(api && typeof api.isLinted === 'function', 'activate() не вернул API {ready, isLinted} / activate() returned no API');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    api.ready,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('Сервер проверки не запустился за 30 с / the language server did not start in 30 s')), 30_000); }),
  ]).finally(() => clearTimeout(timer));
  return api;
}

/** Sets a `normokontrol.*` setting in the workspace (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('normokontrol').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Offsets of a range in a document. */
export function offsets(document: vscode.TextDocument, range: vscode.Range): { start: number; end: number } {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

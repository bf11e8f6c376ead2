/** VS Code entry point: activate/deactivate only (filled in by the client module). */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // placeholder
}

export function deactivate(): void {
  // placeholder
}

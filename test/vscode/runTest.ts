/**
 * Desktop VS Code runner of the integration tests (`NK_VSCODE_DESKTOP=1 npm run test:vscode`):
 * `@vscode/test-electron` downloads a VS Code build (needs internet) and runs `index.ts`'s `run()`
 * in its extension host. On machines without internet scripts/test-vscode.mjs uses code-server
 * instead, with the very same extensionDevelopmentPath/extensionTestsPath contract.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '../../..');
  const shared = path.resolve(process.env.NK_SHARED_DIR ?? path.join(repo, '..', 'shared'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-vscode-desktop-'));
  const workspace = path.join(root, 'workspace');
  const data = path.join(root, 'data');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' }));
  fs.copyFileSync(path.join(shared, 'corpus', 'sopk-max-2025.md'), path.join(workspace, 'sopk-max-2025.md'));
  try {
    await runTests({
      version: process.env.NK_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { NK_VSCODE_REPORT: path.join(root, 'report.json') },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${data}`, `--extensions-dir=${path.join(root, 'extensions')}`],
    });
    const report = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8')) as { passed: number; failed: number };
    console.log(`desktop VS Code: ${report.passed} passing, ${report.failed} failing`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`Тесты в VS Code не прошли / the VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

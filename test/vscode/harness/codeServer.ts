/**
 * Starts and stops a real VS Code for the tests: code-server (installed by
 * scripts/vscode-tools.sh into `.tools/`) on 127.0.0.1 and a random free port, with a fresh user
 * data and extensions folder, and headless Chromium (`/usr/bin/chromium`) through playwright-core.
 * Everything is bounded in time and always torn down (process groups are killed).
 * Used by scripts/test-vscode.mjs and the UI test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The repository root (this file is compiled to out/test/vscode/harness/). */
export const REPO = path.resolve(__dirname, '../../../..');
export const TOOLS = path.resolve(process.env.NK_TOOLS_DIR ?? path.join(REPO, '.tools'));
export const CODE_SERVER = path.join(TOOLS, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.NK_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for a machine without network access (see ../shared/notes/real-vscode.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
/** The shared corpus of real drafts (beside the repository). */
export const SHARED = path.resolve(process.env.NK_SHARED_DIR ?? path.join(REPO, '..', 'shared'));

/** User settings of the test profile: no trust prompt, no welcome page, nothing phoning home. */
export const TEST_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

export function fail(ru: string, en: string): never {
  throw new Error(`${ru} / ${en}`);
}

/** Checks that the tools are installed, with the fix in the message. */
export function checkTools(): void {
  if (!fs.existsSync(CODE_SERVER)) fail(`нет code-server в ${TOOLS}: запустите bash scripts/vscode-tools.sh`, 'code-server is missing: run bash scripts/vscode-tools.sh');
  if (!fs.existsSync(CHROMIUM)) fail(`нет ${CHROMIUM}: запустите bash scripts/vscode-tools.sh`, 'chromium is missing: run bash scripts/vscode-tools.sh');
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A fresh temporary folder with `data/User/settings.json`, `extensions/` and `workspace/`. */
export function makeProfile(prefix: string): { root: string; data: string; extensions: string; workspace: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `nk-${prefix}-`));
  const data = path.join(root, 'data');
  const extensions = path.join(root, 'extensions');
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));
  return { root, data, extensions, workspace };
}

/** Installs a .vsix into an extensions folder with code-server's own installer. */
export function installVsix(vsix: string, extensionsDir: string, dataDir: string): string {
  const result = spawnSync(CODE_SERVER, ['--extensions-dir', extensionsDir, '--user-data-dir', dataDir, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) fail(`не удалось установить ${vsix}`, `installing the .vsix failed (${result.status ?? result.signal}):\n${output}`);
  return output;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Process groups of the code-servers still running: killed even when the runner exits abruptly. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** Kills a detached child's whole process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function killGroup(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child?.pid) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // Already gone.
    }
  };
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) signal('SIGKILL');
  liveGroups.delete(child.pid);
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  /** Everything code-server printed so far (for failure messages). */
  log(): string;
  /** How it ended, when it has (undefined while it runs). */
  exited(): string | undefined;
  /** The workbench URL for a folder, optionally with a `payload` (extension development/tests). */
  url(folder: string, payload?: readonly (readonly [string, string])[]): string;
  /** A `vscode-remote://` URI of a local path, as the payload needs it. */
  remote(file: string): string;
  stop(): Promise<void>;
}

/** Starts code-server and waits (bounded) until it listens. */
export async function startCodeServer(options: { data: string; extensions: string; workspace: string; env?: NodeJS.ProcessEnv; readyMs?: number }): Promise<CodeServer> {
  checkTools();
  const port = await freePort();
  const origin = `127.0.0.1:${port}`;
  const args = ['--auth', 'none', '--bind-addr', origin, '--user-data-dir', options.data, '--extensions-dir', options.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', options.workspace];
  // detached: its own process group, so stop() also ends the extension host and the language server.
  const child = spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  if (child.pid) liveGroups.add(child.pid);
  let output = '';
  let exited: string | undefined;
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  child.on('exit', (code, signal) => (exited = `code ${code ?? ''} signal ${signal ?? ''}`));
  const server: CodeServer = {
    port,
    origin: `http://${origin}`,
    log: () => output,
    exited: () => exited,
    url(folder, payload) {
      const query = `folder=${encodeURIComponent(folder)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
      return `http://${origin}/?${query}`;
    },
    remote: (file) => `vscode-remote://${origin}${path.resolve(file)}`,
    stop: () => killGroup(child),
  };
  const readyMs = options.readyMs ?? 60_000;
  const deadline = Date.now() + readyMs;
  try {
    while (!/HTTP server listening/.test(output)) {
      if (exited) fail(`code-server завершился при запуске (${exited})`, `code-server exited while starting:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) fail(`code-server не запустился за ${readyMs / 1000} с`, `code-server did not listen within ${readyMs / 1000} s:\n${output.slice(-3000)}`);
      await sleep(100);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Headless Chromium for the workbench (closed by the caller; its process dies with ours). */
export async function launchBrowser(): Promise<Browser> {
  checkTools();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** Runs `fn` with a hard deadline (rejecting with a bilingual message). */
export async function withDeadline<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`Превышено время (${ms / 1000} с): ${what} / timed out: ${what}`)), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

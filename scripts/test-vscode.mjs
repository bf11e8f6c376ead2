// End-to-end tests in a real VS Code. Usage: npm run test:vscode [-- --no-build] [-- --only=integration|ui]
//
// 1. Builds (tsc -b + bundles) and compiles test/vscode/ (its own tsconfig).
// 2. Integration tests (test/vscode/suite/*.test.ts, the @vscode/test-electron contract):
//    - NK_VSCODE_DESKTOP=1: desktop VS Code through @vscode/test-electron (out/test/vscode/runTest.js);
//      needs a VS Code download, impossible on machines without internet;
//    - otherwise: code-server (.tools/, see scripts/vscode-tools.sh) on 127.0.0.1:<free port> with a
//      fresh profile, headless Chromium opens the workbench with the `payload` parameter
//      (extensionDevelopmentPath = this repository, extensionTestsPath = out/test/vscode/index.js);
//      mocha runs inside the extension host and writes a JSON report this runner waits for.
// 3. UI test (test/vscode/ui/*.test.ts, Playwright): packages the .vsix (npm run package), installs it
//    into a fresh code-server and drives the workbench with the keyboard; screenshots in test-results/.
// Exit code 0 only when every test passed. code-server and Chromium are always stopped.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, 'package.json'));
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const started = Date.now();
const INTEGRATION_MS = Number(process.env.NK_VSCODE_TIMEOUT_MS ?? 300_000);

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** Runs a step; with `quiet`, its output is shown only when it fails. */
function sh(command, commandArgs, what, quiet = false) {
  const t = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: repo, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`test:vscode: ${what} — ошибка / failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`== ${what}: ${seconds(Date.now() - t)}`);
}

if (!args.includes('--no-build')) sh('npm', ['run', 'build', '--silent'], 'build');
sh(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'test/vscode'], 'compile test/vscode');

const harness = require(path.join(repo, 'out/test/vscode/harness/codeServer.js'));
// Ctrl+C / a CI timeout: exit, and the harness's exit hook kills the code-server process groups
// (Playwright closes Chromium itself when this process ends).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`test:vscode: ${signal}, остановка / stopping`);
    process.exit(130);
  });
}
let failures = 0;

function printReport(report) {
  for (const t of report.tests) {
    console.log(`  ${t.state === 'passed' ? '✓' : '✗'} ${t.title} (${t.durationMs} ms)`);
    if (t.error) console.log(t.error.replace(/^/gm, '      '));
  }
  if (report.error) console.log(`  ошибка запуска / run error: ${report.error}`);
  console.log(`  ${report.passed} passing, ${report.failed} failing (${seconds(report.durationMs)}, VS Code ${report.vscodeVersion ?? '?'})`);
}

/** The integration suite in code-server + headless Chromium. */
async function integrationInCodeServer() {
  const profile = harness.makeProfile('vscode-it');
  const report = path.join(profile.root, 'report.json');
  const draft = path.join(harness.SHARED, 'corpus', 'sopk-max-2025.md');
  if (!fs.existsSync(draft)) harness.fail(`нет черновика ${draft}`, `the shared corpus draft is missing (set NK_SHARED_DIR)`);
  fs.copyFileSync(draft, path.join(profile.workspace, path.basename(draft)));
  let server;
  let browser;
  const pageErrors = [];
  let passed = false;
  try {
    server = await harness.startCodeServer({ ...profile, env: { NK_VSCODE_REPORT: report } });
    console.log(`== code-server on ${server.origin}, profile ${profile.root}`);
    const payload = [
      ['extensionDevelopmentPath', server.remote(repo)],
      ['extensionTestsPath', server.remote(path.join(repo, 'out/test/vscode/index.js'))],
    ];
    browser = await harness.launchBrowser();
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(server.url(profile.workspace, payload), { timeout: 60_000 });
    const deadline = Date.now() + INTEGRATION_MS;
    while (!fs.existsSync(report)) {
      if (server.exited()) harness.fail(`code-server завершился во время тестов (${server.exited()})`, `code-server exited during the tests:\n${server.log().slice(-4000)}`);
      if (Date.now() > deadline) {
        harness.fail(`нет отчёта тестов за ${INTEGRATION_MS / 1000} с`,
          `no test report within ${INTEGRATION_MS / 1000} s\n--- code-server log ---\n${server.log().slice(-4000)}\n--- page errors ---\n${pageErrors.slice(-10).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const result = JSON.parse(fs.readFileSync(report, 'utf8'));
    printReport(result);
    passed = !(result.failed > 0 || result.passed === 0 || result.error);
    if (!passed) {
      failures += Math.max(1, result.failed);
      const host = server.log().split('\n').filter((l) => /error|exthost/i.test(l)).slice(-20).join('\n');
      if (host) console.log(`--- code-server log (errors) ---\n${host}`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (passed && !process.env.NK_KEEP_PROFILE) fs.rmSync(profile.root, { recursive: true, force: true });
    else console.log(`== профиль сохранён / profile kept for inspection: ${profile.root} (logs in data/logs)`);
  }
}

async function uiTests() {
  sh('npm', ['run', 'package', '--silent'], 'npm run package', true);
  const Mocha = require('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, reporter: 'spec', color: false });
  const dir = path.join(repo, 'out/test/vscode/ui');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  await mocha.loadFilesAsync();
  failures += await new Promise((resolve) => mocha.run(resolve));
}

async function main() {
  if (only !== 'ui') {
    const t = Date.now();
    console.log('== integration tests (extension host)');
    if (process.env.NK_VSCODE_DESKTOP === '1') {
      const result = spawnSync(process.execPath, [path.join(repo, 'out/test/vscode/runTest.js')], { cwd: repo, stdio: 'inherit' });
      if (result.status !== 0) failures++;
    } else {
      await integrationInCodeServer();
    }
    console.log(`== integration tests: ${seconds(Date.now() - t)}`);
  }
  if (only !== 'integration') {
    const t = Date.now();
    console.log('== UI test (Playwright, packaged .vsix)');
    await uiTests();
    console.log(`== UI test: ${seconds(Date.now() - t)}`);
  }
}

try {
  await main();
} catch (error) {
  console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
  failures++;
}
console.log(`== test:vscode ${failures === 0 ? 'passed' : `FAILED (${failures})`} in ${seconds(Date.now() - started)}`);
process.exit(failures === 0 ? 0 : 1);

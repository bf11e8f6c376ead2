/**
 * Entry of the extension integration tests — the `extensionTestsPath` of the
 * `@vscode/test-electron` contract: VS Code loads this module INSIDE the extension host and calls
 * `run()`; the tests use the real `vscode` API.
 *
 * Runs mocha (bdd, like `.mocharc.json`) over `suite/*.test.js` and writes a JSON report
 * ({@link Report}) to the file named by `NK_VSCODE_REPORT` (the code-server runner waits for it;
 * the extension host inherits the server's environment). Under desktop VS Code
 * (`@vscode/test-electron`) the report is optional: `run()` rejects on failure, which is how that
 * runner learns the outcome.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** One test's outcome, as the runner prints it. */
export interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly durationMs: number;
  readonly error?: string;
}

/** The JSON report written at the end of the run. */
export interface Report {
  readonly passed: number;
  readonly failed: number;
  readonly durationMs: number;
  readonly tests: readonly TestResult[];
  /** Set when the run itself broke (mocha could not load a file, …). */
  readonly error?: string;
  readonly vscodeVersion?: string;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.message}\n${(error.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return String(error);
}

export async function run(): Promise<void> {
  const reportFile = process.env.NK_VSCODE_REPORT;
  const started = Date.now();
  const tests: TestResult[] = [];
  let fatal: string | undefined;
  let vscodeVersion: string | undefined;
  try {
    vscodeVersion = vscode.version;
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: 'spec' });
    const dir = path.join(__dirname, 'suite');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, file));
    await new Promise<void>((resolve, reject) => {
      try {
        const runner = mocha.run(() => resolve());
        runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
        runner.on('fail', (test, error) => tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: errorText(error) }));
      } catch (error) {
        reject(error);
      }
    });
  } catch (error) {
    fatal = errorText(error);
  }
  const report: Report = {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    durationMs: Date.now() - started,
    tests,
    ...(fatal ? { error: fatal } : {}),
    ...(vscodeVersion ? { vscodeVersion } : {}),
  };
  if (reportFile) {
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    // Written to a temporary name and renamed, so the runner never reads half a report.
    fs.writeFileSync(`${reportFile}.tmp`, JSON.stringify(report, null, 2));
    fs.renameSync(`${reportFile}.tmp`, reportFile);
  }
  if (fatal) throw new Error(`The extension tests could not run: ${fatal}`);
  if (report.failed > 0 || report.passed === 0) throw new Error(`${report.failed} of ${tests.length} extension tests failed`);
}

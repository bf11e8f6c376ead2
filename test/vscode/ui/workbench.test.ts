/**
 * UI test: the packaged .vsix, installed into a fresh code-server, driven through the workbench
 * in headless Chromium the way a person works — Quick Open (Ctrl+P), the Problems panel
 * (Ctrl+Shift+M), Go to Line (Ctrl+G), the quick-fix menu (Ctrl+.), Save (Ctrl+S).
 *
 * The draft is written at test time (a modified copy of a shared-corpus draft, so the project has
 * never seen it). The expected findings and the expected fix come from the CLI (`dist/cli.js`, the
 * same engine): the Problems count must equal the CLI's errors + warnings + infos, and the file on
 * disk after Ctrl+. and Ctrl+S must equal the draft with exactly the CLI's edit applied.
 * Screenshots are kept in test-results/.
 *
 * Run by scripts/test-vscode.mjs after `npm run package` (needs `normokontrol.vsix`).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installVsix, launchBrowser, makeProfile, REPO, SHARED, startCodeServer, type CodeServer } from '../harness/codeServer';

const VSIX = path.resolve(process.env.NK_VSIX ?? path.join(REPO, 'normokontrol.vsix'));
const RESULTS = path.join(REPO, 'test-results');
const DRAFT_NAME = 'proekt-polozheniya-lyceum.md';
/** The sentence added to the corpus draft: the messenger's name in Cyrillic letters («МАХ»). */
const ADDED = ' Уведомления родителям направляются в мессенджере МАХ.';

interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixes: { title: string; edits: { range: CliFinding['range']; newText: string }[] }[];
}

/** The CLI's findings for a file (JSON format). */
function cliFindings(file: string): CliFinding[] {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/normokontrol.js'), 'check', '--format', 'json', file], { encoding: 'utf8', timeout: 60_000 });
  assert.ok(result.stdout, `CLI не ответил / the CLI gave no output: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { files: { diagnostics: CliFinding[] }[] }).files[0]!.diagnostics;
}

/** Offset of an LSP position in a text with `\n` line ends. */
function offsetOf(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** Polls `probe` (bounded) and fails with a bilingual message and the last value seen. */
async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000, seen?: () => unknown): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const value = await probe().catch((e: unknown) => ((last = String(e).split('\n')[0]), undefined));
    if (seen) last = seen();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`Не дождались за ${ms / 1000} с: ${what} / timed out waiting for: ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the Problems tab's badge shows `count` (errors + warnings + infos). */
async function problemsBadgeShows(page: Page, count: number): Promise<void> {
  const badge = page.locator('.part.panel .composite-bar .action-item:has(.action-label:is([aria-label^="Problems"], [aria-label^="Проблемы"])) .badge-content');
  let text: string | undefined;
  await until(`в значке «Проблемы» ${count} / the Problems badge shows ${count}`, async () => {
    text = (await badge.first().textContent({ timeout: 2000 }))?.trim();
    return text === String(count) ? text : false;
  }, 60_000, () => text);
}

describe('UI: the packaged .vsix in code-server, driven with the keyboard', function () {
  this.timeout(180_000);
  let profile: ReturnType<typeof makeProfile>;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let draftFile: string;
  let original: string;
  let findings: CliFinding[];

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `нет ${VSIX}: сначала npm run package / build the package first`);
    profile = makeProfile('vscode-ui');
    // A draft this project has never seen: a corpus draft with a sentence added to clause 1.1.
    const base = fs.readFileSync(path.join(SHARED, 'corpus', 'sosh14-sferum-2024.md'), 'utf8').replace(/\r\n/g, '\n');
    const lines = base.split('\n');
    const at = lines.findIndex((l) => /^1\.1\.\s/.test(l));
    assert.ok(at >= 0, 'в черновике нет пункта 1.1 / the corpus draft has no clause 1.1');
    lines[at] = lines[at]!.replace(/\s*$/, '') + ADDED;
    original = lines.join('\n');
    draftFile = path.join(profile.workspace, DRAFT_NAME);
    fs.writeFileSync(draftFile, original);
    findings = cliFindings(draftFile);

    const installed = installVsix(VSIX, profile.extensions, profile.data);
    assert.match(installed, /successfully installed/i, installed);
    server = await startCodeServer(profile);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url(profile.workspace), { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer shows the folder once the workbench has connected to the server.
    await page.locator('.explorer-folders-view').getByText(DRAFT_NAME).waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (!page) return;
    fs.mkdirSync(RESULTS, { recursive: true });
    const name = (this.currentTest?.title ?? 'test').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    await page.screenshot({ path: path.join(RESULTS, `vscode-ui-${name}.png`) }).catch(() => {});
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (profile && !process.env.NK_KEEP_PROFILE) fs.rmSync(profile.root, { recursive: true, force: true });
  });

  it('Quick Open opens the draft and the Problems panel counts its findings', async () => {
    const shown = findings.filter((f) => f.severity !== 'hint');
    assert.ok(shown.length > 0, 'CLI не нашёл замечаний / the CLI found nothing');
    await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(DRAFT_NAME);
    await page.locator('.quick-input-list .monaco-list-row').first().getByText(DRAFT_NAME).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab[data-resource-name="${DRAFT_NAME}"]`).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });

    await page.keyboard.press('Control+Shift+M');
    const markers = page.locator('.markers-panel');
    await markers.waitFor({ state: 'visible', timeout: 15_000 });
    await problemsBadgeShows(page, shown.length);
    // The rows of the panel are the findings (the list is virtual: check the first rows shown).
    const rows = await until('строки в панели «Проблемы» / rows in the Problems panel', async () => {
      const texts = await markers.locator('.monaco-list-row').allTextContents();
      return texts.length > 1 ? texts : false;
    });
    assert.ok(rows.some((r) => r.includes(DRAFT_NAME)), `нет строки файла / no file row: ${rows.slice(0, 3).join(' | ')}`);
    const messages = new Set(shown.map((f) => f.message));
    assert.ok(rows.some((r) => [...messages].some((m) => r.includes(m))), `строки не совпадают с замечаниями CLI / rows do not match the CLI's findings:\n${rows.slice(0, 5).join('\n')}`);
  });

  it('Ctrl+. offers the fix for «МАХ» and applies it; Ctrl+S writes exactly that edit', async () => {
    const addedLine = original.split('\n').findIndex((l) => l.endsWith(ADDED));
    const target = findings.find((f) => f.range.start.line === addedLine && f.rule === 'terms/canonical-spelling' && f.fixes.length > 0);
    assert.ok(target, `CLI не предлагает исправления «МАХ» / the CLI offers no fix for the added «МАХ»: ${JSON.stringify(findings.filter((f) => f.range.start.line === addedLine))}`);
    const fix = target.fixes[0]!;
    let expected = original;
    for (const e of [...fix.edits].sort((a, b) => offsetOf(original, b.range.start) - offsetOf(original, a.range.start))) {
      expected = expected.slice(0, offsetOf(original, e.range.start)) + e.newText + expected.slice(offsetOf(original, e.range.end));
    }

    // Go to the finding (1-based «:line:column»), then open the quick-fix menu.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // Ctrl+G opens Go to Line (in some keymaps Quick Open); «:line:column» works in both.
    await input.fill(`:${target.range.start.line + 1}:${target.range.start.character + 2}`);
    await page.locator('.quick-input-widget').getByText(/Go to line|Перейти к строке|Ln \d+/i).first().waitFor({ timeout: 15_000 }).catch(() => {});
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: fix.title });
    await until(`в меню Ctrl+. есть «${fix.title}» / the Ctrl+. menu offers «${fix.title}»`, async () => {
      if (!(await page.locator('.action-widget').isVisible())) await page.keyboard.press('Control+.');
      await item.first().waitFor({ state: 'visible', timeout: 3000 });
      return true;
    }, 45_000);
    // Choose it with the keyboard: arrows until the focused row is the fix, then Enter.
    await until(`выбран пункт «${fix.title}» / «${fix.title}» is focused`, async () => {
      const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().textContent({ timeout: 2000 })) ?? '';
      if (focused.includes(fix.title)) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, 20_000);
    await page.keyboard.press('Enter');
    await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 15_000 });
    await page.keyboard.press('Control+S');
    const saved = await until('файл сохранён с исправлением / the file is saved with the fix', async () => {
      const text = fs.readFileSync(draftFile, 'utf8');
      return text !== original ? text : false;
    }, 30_000);
    assert.equal(saved, expected, 'изменён не только «МАХ» / more than the finding changed');
    // The Problems panel follows: the count is the CLI's for the fixed text.
    await problemsBadgeShows(page, cliFindings(draftFile).filter((f) => f.severity !== 'hint').length);
  });
});

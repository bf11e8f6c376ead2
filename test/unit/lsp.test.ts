/**
 * The LSP converters in process: code actions compared as resulting text (CRLF, indentation,
 * an existing directive), the single-edit fix-all, symbols and folding on small drafts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { shouldLint } from '../../server/src/lsp/context';
import { foldingRanges } from '../../server/src/lsp/folding';
import { toDocumentSymbols } from '../../server/src/lsp/symbols';
import { disableLineActions, minimalEdit, usableDiagnostics, type ActionInput } from '../../server/src/lsp/toCodeAction';
import { diagnosticSupport, toDiagnostics } from '../../server/src/lsp/toDiagnostic';
import { normalizeSettings } from '../../server/src/config';
import { createRegulationService } from '../../server/src/service';
import { SettingsStore } from '../../server/src/settings';
import { applyEdits } from '../../server/src/util/edits';
import { applyWorkspaceEdit } from '../helpers/lspClient';

const service = createRegulationService();

let seq = 0;

/** A document and its diagnostics; each call is a new URI (the service caches per uri@version). */
function input(text: string, version = 1, uri = `file:///d${++seq}.md`): { input: ActionInput; diagnostics: Diagnostic[] } {
  const document = TextDocument.create(uri, 'markdown', version, text);
  const analysis = service.analyze(document);
  return {
    input: { document, analysis, capabilities: {} },
    diagnostics: toDiagnostics(analysis.findings, document, version, diagnosticSupport({})),
  };
}

function disable(text: string, ruleId: string): string {
  const { input: inp, diagnostics } = input(text);
  const usable = usableDiagnostics(inp, diagnostics.filter((d) => d.code === ruleId));
  const [action] = disableLineActions(inp, usable);
  assert.ok(action, `a disable action for ${ruleId}`);
  return applyWorkspaceEdit(text, action.edit, inp.document.uri);
}

const lines = (...l: string[]): string => l.join('\n');

describe('lsp converters', () => {
  it('«disable for this line» keeps CRLF and the indentation, and silences the finding', () => {
    const text = ['ПОЛОЖЕНИЕ', 'о чатах', '', '1. Общие положения', '   1.1. Первый.', '   1.1. Второй.', ''].join('\r\n');
    const out = disable(text, 'numbering/duplicate');
    assert.equal(out, ['ПОЛОЖЕНИЕ', 'о чатах', '', '1. Общие положения', '   1.1. Первый.',
      '   <!-- normokontrol-disable-next-line numbering/duplicate -->', '   1.1. Второй.', ''].join('\r\n'));
    assert.deepEqual(service.analyzeText(out).findings.filter((f) => f.ruleId === 'numbering/duplicate'), []);
  });

  it('«disable for this line» adds the rule to a directive that already stands above', () => {
    const text = lines('ПОЛОЖЕНИЕ', 'о чатах', '', '1. Общие положения', '1.1. Первый.',
      '<!-- normokontrol-disable-next-line numbering/gap -->', '1.1. Второй.', '');
    const out = disable(text, 'numbering/duplicate');
    assert.equal(out.split('\n')[5], '<!-- normokontrol-disable-next-line numbering/gap numbering/duplicate -->');
    assert.equal(out.split('\n').length, text.split('\n').length);
    assert.deepEqual(service.analyzeText(out).findings.filter((f) => f.ruleId === 'numbering/duplicate'), []);
  });

  it('refuses diagnostics of another version', () => {
    const text = lines('ПОЛОЖЕНИЕ', 'о чатах', '', '1. Общие положения', '1.1. Первый.', '1.1. Второй.', '');
    const { diagnostics } = input(text, 1, 'file:///versions.md');
    const { input: v2 } = input(text, 2, 'file:///versions.md');
    assert.ok(diagnostics.length > 0);
    assert.deepEqual(usableDiagnostics(v2, diagnostics), []);
  });

  it('minimalEdit turns one text into the other with one edit, never splitting CRLF', () => {
    const cases: Array<[string, string]> = [
      ['abc', 'abXc'], ['a\r\nb', 'a\nb'], ['1.1 x\r\n1.2 y', '1.1. x\r\n1.2. y'], ['😀a', '😁a'], ['same', 'same'], ['', 'new'],
    ];
    for (const [before, after] of cases) {
      const e = minimalEdit(before, after);
      assert.equal(e ? applyEdits(before, [e]) : before, after, `${before} → ${after}`);
      if (e) {
        assert.ok(!(before[e.start] === '\n' && before[e.start - 1] === '\r'), 'starts inside CRLF');
      }
    }
  });

  it('document symbols name parts «number title», and selection ranges sit inside ranges', () => {
    const text = lines('ПОЛОЖЕНИЕ', 'о чатах', '', '## 1. Общие положения', '', '1.1. Первый пункт.', 'Продолжение.', '',
      '1.2. Второй пункт.', '', '## 2. Заключительные положения', '', '2.1. Последний.', '');
    const doc = TextDocument.create('file:///symbols.md', 'markdown', 1, text);
    const symbols = toDocumentSymbols(doc, service.outline(service.analyze(doc)));
    const sections = symbols.filter((s) => /^\d/.test(s.name));
    assert.deepEqual(sections.map((s) => [s.name, s.children?.map((c) => c.name)]), [
      ['1 Общие положения', ['1.1 Первый пункт', '1.2 Второй пункт']],
      ['2 Заключительные положения', ['2.1 Последний']],
    ]);
    const inside = (s: { range: { start: { line: number }; end: { line: number } }; selectionRange: { start: { line: number }; end: { line: number } } }): boolean =>
      s.range.start.line <= s.selectionRange.start.line && s.selectionRange.end.line <= s.range.end.line;
    for (const s of symbols) assert.ok(inside(s) && (s.children ?? []).every(inside), s.name);
  });

  it('folding ranges cover multi-line parts only and never end on a blank line', () => {
    const text = lines('ПОЛОЖЕНИЕ', 'о чатах', '', '1. Общие положения', '1.1. Первый пункт,', 'продолжение.', '', '1.2. Один.', '',
      '2. Заключительные положения', '2.1. Последний.', '');
    const model = service.analyzeText(text).model;
    const folds = foldingRanges(model).map((f) => [f.startLine, f.endLine]);
    assert.deepEqual(folds, [[3, 7], [4, 5], [9, 10]]);
    assert.equal(foldingRanges(model, 1).length, 1);
  });

  it('lints regulations, *.reg.md and any document when asked; skips other Markdown', () => {
    const regulation = lines('ПОЛОЖЕНИЕ', 'о чатах', '', '1. Общие положения', '1.1. Первый.', '1.2. Второй.');
    const readme = lines('# Readme', '', '1.1. Step one.', '1.2. Step two.');
    const plain = { settings: normalizeSettings({}), lintAllMarkdown: false };
    const doc = (uri: string, text: string, languageId = 'markdown') => ({ uri, languageId, getText: () => text });
    assert.equal(shouldLint(doc('file:///a.md', regulation), plain, service), true);
    assert.equal(shouldLint(doc('file:///README.md', readme), plain, service), false);
    assert.equal(shouldLint(doc('file:///draft.REG.md', readme), plain, service), true);
    assert.equal(shouldLint(doc('file:///README.md', readme), { ...plain, lintAllMarkdown: true }, service), true);
    assert.equal(shouldLint(doc('file:///README.md', readme), plain, service, true), true);
    assert.equal(shouldLint(doc('file:///notes.txt', readme, 'plaintext'), plain, service), true);
  });
});

describe('language server settings', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'normokontrol-settings-'));
  const docs = path.join(root, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(root, '.normokontrol.json'), JSON.stringify({ rules: { 'numbering/duplicate': 'hint', 'numbering/gap': 'off' }, asOf: '2025-01-01' }));
  fs.writeFileSync(path.join(root, 'other.json'), JSON.stringify({ rules: { 'numbering/gap': 'error' } }));
  const doc = pathToFileURL(path.join(docs, 'a.md')).href;
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const warnings: string[] = [];
  const store = (editor: unknown): SettingsStore => new SettingsStore({
    logger: { info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    configuration: { getConfiguration: async () => editor },
    workspaceFolders: () => [pathToFileURL(root).href],
  });

  it('finds .normokontrol.json above the document; editor settings win rule by rule', async () => {
    const s = await store({ rules: { 'numbering/duplicate': 'warning' }, asOf: '' }).get(doc);
    assert.equal(s.configFile, path.join(root, '.normokontrol.json'));
    assert.equal(s.settings.rules['numbering/duplicate']?.severity, 'warning');
    assert.equal(s.settings.rules['numbering/gap']?.severity, 'off');
    assert.equal(s.settings.asOf, '2025-01-01', 'an empty asOf in the editor keeps the file\'s date');
  });

  it('reads normokontrol.configFile relative to the workspace folder instead', async () => {
    const s = await store({ configFile: 'other.json', lintAllMarkdown: true }).get(doc);
    assert.equal(s.configFile, path.join(root, 'other.json'));
    assert.equal(s.settings.rules['numbering/gap']?.severity, 'error');
    assert.equal(s.settings.rules['numbering/duplicate'], undefined);
    assert.equal(s.lintAllMarkdown, true);
  });

  it('logs a missing or broken file and garbage settings, and falls back to defaults', async () => {
    warnings.length = 0;
    const missing = await store({ configFile: 'nope.json', rules: { 'numbering/gap': 'loud' } }).get(doc);
    assert.deepEqual(missing.settings.rules, {});
    assert.equal(warnings.length, 2, warnings.join('\n'));
    const broken = await new SettingsStore({
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      configuration: { getConfiguration: () => Promise.reject(new Error('client gone')) },
      workspaceFolders: () => [],
    }).get('untitled:Untitled-1');
    assert.deepEqual(broken.settings.rules, {});
  });

  it('caches per document until cleared', async () => {
    let calls = 0;
    const s = new SettingsStore({
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      configuration: { getConfiguration: async () => { calls++; return {}; } },
      workspaceFolders: () => [],
    });
    await Promise.all([s.get(doc), s.get(doc)]);
    assert.equal(calls, 1);
    s.clear();
    await s.get(doc);
    assert.equal(calls, 2);
  });
});

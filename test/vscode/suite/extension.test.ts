/**
 * Integration tests of the extension in a real VS Code (run inside the extension host by
 * `../index.ts`; see scripts/test-vscode.mjs). Each test works on its own file in the workspace
 * the runner prepared, so the order does not matter; settings changed by a test are reset.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activate, codeOf, summarize as show, EXTENSION_ID, offsets, open, ours, poll, setSetting, waitForRule, workspaceRoot,
  writeWorkspaceFile, type Api,
} from './util';

/** A small regulation with two known fixable findings: Cyrillic «МАХ» and a duplicate clause 1.1. */
const DRAFT = [
  'ПОЛОЖЕНИЕ',
  'об использовании мессенджера МАХ',
  '',
  '1. Общие положения',
  '1.1. Текст первый.',
  '1.1. Ещё текст.',
  '1.3. Текст.',
  '2. Права',
  '2.1. Пользователь вправе.',
  '',
].join('\n');

/** The draft from the shared corpus, copied into the workspace by the runner. */
const CORPUS_DRAFT = 'sopk-max-2025.md';

describe('Нормоконтроль в VS Code / the extension in a real VS Code', () => {
  let api: Api;

  before(async () => {
    api = await activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows diagnostics for a real draft, and none for a README', async () => {
    const file = path.join(workspaceRoot(), CORPUS_DRAFT);
    assert.ok(fs.existsSync(file), `нет черновика ${file} (его копирует раннер) / the runner did not copy the draft`);
    const editor = await open(vscode.Uri.file(file));
    const uri = editor.document.uri;
    assert.equal(api.isLinted(editor.document), true, 'черновик положения должен проверяться / the draft must be linted');
    const found = await poll('замечания к черновику / diagnostics for the draft', () => ours(uri).length > 0 && ours(uri));
    for (const d of found) assert.match(codeOf(d), /^[a-z]+\/[a-z0-9-]+$/, `code of ${show([d])[0]}`);
    // The draft writes the messenger's name in Cyrillic («МАХ»); each such finding points at it.
    const spelling = found.filter((d) => codeOf(d) === 'terms/canonical-spelling');
    assert.ok(spelling.length > 0, `нет terms/canonical-spelling среди / missing among:\n${show(found).join('\n')}`);
    assert.ok(spelling.some((d) => editor.document.getText(d.range) === 'МАХ'), `нет замечания к «МАХ» / no finding on «МАХ»:\n${show(spelling).join('\n')}`);

    const readme = await open(writeWorkspaceFile('README.md', '# Проект\n\nЗаметки о проекте.\n'));
    assert.equal(api.isLinted(readme.document), false, 'README — не положение / a README is not a regulation');
    assert.deepEqual(ours(readme.document.uri), []);
  });

  it('a quick fix (executeCodeActionProvider + applyEdit) changes exactly the finding', async () => {
    const editor = await open(writeWorkspaceFile('quickfix.md', DRAFT));
    const document = editor.document;
    const finding = await waitForRule(document.uri, 'terms/canonical-spelling');
    const before = document.getText();
    const { start, end } = offsets(document, finding.range);
    assert.equal(before.slice(start, end), 'МАХ');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    // The fix of this finding: a quick fix whose edits stay inside the finding (not «disable for this line»).
    const fix = actions.find((a) => a.edit && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)
      && a.edit.get(document.uri).length > 0 && a.edit.get(document.uri).every((e) => finding.range.contains(e.range)));
    assert.ok(fix?.edit, `нет быстрого исправления / no quick fix among: ${JSON.stringify(actions.map((a) => ({ title: a.title, kind: a.kind?.value, diagnostics: a.diagnostics?.map(codeOf), edit: !!a.edit })))}`);
    assert.match(fix.title, /MAX/);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit отклонён / applyEdit was rejected');

    // Only the finding's range changed, and it now reads MAX (Latin).
    assert.equal(document.getText(), before.slice(0, start) + 'MAX' + before.slice(end));
    await poll('замечание исчезло после исправления / the finding is gone after the fix',
      () => !ours(document.uri).some((d) => codeOf(d) === 'terms/canonical-spelling'), 30_000, () => show(ours(document.uri)));
    // The other finding is still there: the fix touched nothing else.
    await waitForRule(document.uri, 'numbering/duplicate');
  });

  it('Outline (executeDocumentSymbolProvider) shows the clause tree', async () => {
    const editor = await open(writeWorkspaceFile('outline.md', DRAFT));
    const symbols = await poll('символы документа / document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return result && result.length > 0 ? result : false;
    });
    const all = (list: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((s) => [s, ...all(s.children ?? [])]);
    const names = all(symbols).map((s) => s.name);
    const section = (n: string, title: string) => {
      const found = all(symbols).find((s) => new RegExp(`^${n}\\.?\\s+${title}`).test(s.name));
      assert.ok(found, `нет раздела ${n} «${title}» в / no section ${n} in: ${names.join(' | ')}`);
      return found;
    };
    const first = section('1', 'Общие положения');
    const second = section('2', 'Права');
    assert.deepEqual(first.children.map((c) => c.name.split(/\s/)[0]?.replace(/\.$/, '')), ['1.1', '1.1', '1.3']);
    assert.deepEqual(second.children.map((c) => c.name.split(/\s/)[0]?.replace(/\.$/, '')), ['2.1']);
    // The symbol range covers its clauses: the selection of clause 1.3 is on line 7.
    assert.equal(first.children[2]?.selectionRange.start.line, 6);
    assert.ok(first.range.contains(first.children[2]!.range), 'раздел содержит свои пункты / a section contains its clauses');
  });

  it('a contributed snippet inserts its text', async () => {
    const snippet = contributedSnippet();
    const editor = await open(writeWorkspaceFile('snippet.md', ''));
    const ok = await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: snippet.name });
    assert.notEqual(ok, false);
    await poll(`вставка сниппета «${snippet.name}» / the snippet is inserted`, () => editor.document.getText() === snippet.text, 10_000,
      () => ({ expected: snippet.text, actual: editor.document.getText() }));
  });

  it('fix-all on save (normokontrol.fixAllOnSave) fixes the fixable findings', async () => {
    const uri = writeWorkspaceFile('save.md', DRAFT);
    await setSetting('fixAllOnSave', true);
    try {
      const editor = await open(uri);
      await waitForRule(uri, 'numbering/duplicate');
      await waitForRule(uri, 'terms/canonical-spelling');
      // The user adds a clause with one more Cyrillic «МАХ»; once the server has seen this version
      // (the new finding appears), the document is saved.
      const line = editor.document.lineCount - 1;
      assert.equal(await editor.edit((b) => b.insert(new vscode.Position(line, 0), '2.2. Пользователь получает сообщения в МАХ.\n')), true);
      await waitForRule(uri, 'terms/canonical-spelling', (d) => d.range.start.line === line);
      assert.equal(await editor.document.save(), true, 'сохранение не удалось / save failed');
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      assert.equal(onDisk, editor.document.getText(), 'на диске то же, что в редакторе / disk matches the editor');
      // Exactly the two fixes of the draft and the one of the user's line; the user's edit is kept.
      const expected = DRAFT.replace('мессенджера МАХ', 'мессенджера MAX').replace('1.1. Ещё текст.', '1.2. Ещё текст.')
        + '2.2. Пользователь получает сообщения в MAX.\n';
      assert.equal(onDisk, expected, 'не исправлено при сохранении / not fixed on save');
      await poll('после сохранения нет исправимых замечаний / no fixable findings after save', () => {
        const left = ours(uri).filter((d) => ['numbering/duplicate', 'terms/canonical-spelling'].includes(codeOf(d)));
        return left.length === 0;
      }, 30_000, () => show(ours(uri)));
    } finally {
      await setSetting('fixAllOnSave', undefined);
    }
  });

  it('changing a rule\'s severity in normokontrol.rules updates the diagnostics', async () => {
    const uri = (await open(writeWorkspaceFile('severity.md', DRAFT))).document.uri;
    const rule = 'numbering/duplicate';
    const initial = await waitForRule(uri, rule);
    const target = initial.severity === vscode.DiagnosticSeverity.Hint ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
    const targetName = target === vscode.DiagnosticSeverity.Hint ? 'hint' : 'information';
    try {
      await setSetting('rules', { [rule]: targetName });
      await waitForRule(uri, rule, (d) => d.severity === target);
      await setSetting('rules', { [rule]: 'off' });
      // Settled: while the client re-pulls after the change the list can be empty for a moment,
      // which alone would pass for «off» (a flaky run of .ci/run saw that), so wait for findings.
      await poll(`${rule} выключено / ${rule} is off`, () => ours(uri).length > 0 && !ours(uri).some((d) => codeOf(d) === rule), 30_000, () => show(ours(uri)));
      // Other rules are unaffected by switching one off.
      assert.ok(ours(uri).some((d) => codeOf(d) === 'terms/canonical-spelling'), show(ours(uri)).join('\n'));
    } finally {
      await setSetting('rules', undefined);
    }
    await waitForRule(uri, rule, (d) => d.severity === initial.severity);
  });
});

/** A snippet contributed by the extension, with the text VS Code inserts for it in an empty file. */
function contributedSnippet(): { name: string; text: string } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const contributed = (extension.packageJSON.contributes?.snippets ?? []) as { language: string; path: string }[];
  assert.ok(contributed.length > 0, 'расширение не объявляет сниппетов / no snippets contributed');
  for (const { language, path: file } of contributed) {
    if (language !== 'markdown') continue;
    const json = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, file), 'utf8')) as Record<string, { body?: string | string[] }>;
    for (const [name, snippet] of Object.entries(json)) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      if (typeof body !== 'string' || body.trim() === '') continue;
      const text = expandSnippet(body);
      if (text !== undefined && text.trim() !== '') return { name, text };
    }
  }
  return assert.fail('нет подходящего сниппета для Markdown / no Markdown snippet without variables');
}

/**
 * The text a snippet body inserts when nothing is typed: tab stops vanish, placeholders keep their
 * default, choices their first option. Bodies with variables ($TM_FILENAME …) return undefined.
 */
export function expandSnippet(body: string): string | undefined {
  if (/\$(\{)?[A-Z_]{2,}/.test(body)) return undefined;
  let text = body.replace(/\\([$}\\])/g, (_, c: string) => `\u0000${c.charCodeAt(0)}\u0000`);
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(/\$\{\d+\|([^|]*?)(?:,[^|]*)?\|\}/g, '$1')
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\}/g, '')
      .replace(/\$\d+/g, '');
  }
  return text.replace(/\u0000(\d+)\u0000/g, (_, c: string) => String.fromCharCode(Number(c)));
}

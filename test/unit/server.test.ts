/**
 * The language server end to end: `node dist/server.js --stdio` (built by `npm run build`) driven
 * by a real JSON-RPC client. One client without pull diagnostics (gets `publishDiagnostics`), one
 * with them (pulls; nothing is pushed). Expected findings come from the in-process engine, so the
 * test checks the transport, not the rules.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FoldingRange,
  FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { createRegulationService } from '../../server/src/service';
import { SHARED_CORPUS } from '../helpers/fixtures';
import { applyWorkspaceEdit, LspClient } from '../helpers/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
// Documents live in a fresh directory, so no `.normokontrol.json` above them changes the settings.
const WORKSPACE = fs.mkdtempSync(path.join(os.tmpdir(), 'normokontrol-lsp-'));
const uriOf = (name: string): string => pathToFileURL(path.join(WORKSPACE, name)).href;

const Severity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;

/** A draft with a duplicate clause (1.2 twice) and one number without the trailing dot (2.2). */
const DRAFT = [
  'ПОЛОЖЕНИЕ',
  'об использовании ИКОП «Сферум»',
  '',
  '1. Общие положения',
  '1.1. Положение определяет порядок.',
  '1.2. Положение принимается советом.',
  '1.2. Положение вводится приказом.',
  '2. Заключительные положения',
  '2.1. Положение действует бессрочно.',
  '2.2 Изменения вносятся приказом.',
  '2.3. Споры решает директор.',
  '',
].join('\n');
const DUPLICATE_LINE = 6;
const FIRST_12_LINE = 5;
const NO_DOT_LINE = 9;

/** Not a regulation (no title word), yet with a repeated number. */
const NOTES = ['# Заметки', '', '1.1. Первое.', '1.1. Второе.', ''].join('\n');

const engine = createRegulationService();

/** What the engine finds, as `rule@line` (0-based). */
function expectedFindings(text: string): string[] {
  const a = engine.analyzeText(text);
  return a.findings.map((f) => `${f.ruleId}@${a.model.lineAt(f.range.start)}`);
}

function asFindings(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`);
}

function byRule(diagnostics: readonly Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === ruleId);
}

function serverCommand(): string[] {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  return [process.execPath, SERVER, '--stdio'];
}

const COMMON_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
    },
  },
};

describe('language server over stdio', function () {
  this.timeout(60000);
  let client: LspClient | undefined;
  let settings: unknown = {};

  beforeEach(() => {
    settings = {};
  });
  afterEach(() => {
    client?.kill();
    client = undefined;
  });
  after(() => fs.rmSync(WORKSPACE, { recursive: true, force: true }));

  it('pushes diagnostics to a client without pull support, following settings and edits', async () => {
    client = await LspClient.start({
      command: serverCommand(),
      capabilities: COMMON_CAPABILITIES,
      configuration: (item) => (item.section === 'normokontrol' ? settings : null),
    });
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.diagnosticProvider, undefined, 'no pull provider for a push-only client');

    const uri = uriOf('draft.md');
    await client.open(uri, DRAFT);
    const first = await client.waitForDiagnostics(uri);
    assert.equal(first.version, 1);
    assert.deepEqual(asFindings(first.diagnostics), expectedFindings(DRAFT));
    const [dup] = byRule(first.diagnostics, 'numbering/duplicate');
    assert.ok(dup, 'the duplicate number is reported');
    assert.equal(dup.range.start.line, DUPLICATE_LINE);
    assert.equal(dup.range.start.character, 0);
    assert.equal(dup.severity, Severity.Error);
    assert.equal(dup.source, 'normokontrol');
    assert.equal(dup.codeDescription?.href, 'https://github.com/normokontrol/normokontrol/blob/main/docs/rules/numbering/duplicate.md');
    assert.equal(dup.relatedInformation?.[0]?.location.range.start.line, FIRST_12_LINE);
    assert.deepEqual(dup.data, { ruleId: 'numbering/duplicate', version: 1 });

    // A Markdown file that does not read as a regulation is left alone, unless it is *.reg.md.
    const notes = uriOf('notes.md');
    await client.open(notes, NOTES);
    assert.deepEqual((await client.waitForDiagnostics(notes)).diagnostics, []);
    const regNotes = uriOf('notes.reg.md');
    await client.open(regNotes, NOTES);
    const reg = await client.waitForDiagnostics(regNotes);
    assert.deepEqual(byRule(reg.diagnostics, 'numbering/duplicate').map((d) => d.range.start.line), [3]);

    // Settings pulled with workspace/configuration: the duplicate becomes a warning.
    let mark = client.published.length;
    settings = { rules: { 'numbering/duplicate': 'warning' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await client.waitForDiagnostics(uri, (p) => byRule(p.diagnostics, 'numbering/duplicate')[0]?.severity === Severity.Warning, mark);
    assert.equal(after.version, 1);
    // … and off.
    mark = client.published.length;
    settings = { rules: { numbering: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await client.waitForDiagnostics(uri, () => true, mark);
    assert.deepEqual(off.diagnostics.filter((d) => String(d.code).startsWith('numbering/')), []);

    // An edit that renumbers the duplicate: the next publication is for version 2 and has no duplicate.
    settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    mark = client.published.length;
    const fixed = DRAFT.replace('1.2. Положение вводится', '1.3. Положение вводится');
    await client.change(uri, 2, fixed);
    const v2 = await client.waitForDiagnostics(uri, (p) => p.version === 2, mark);
    assert.deepEqual(asFindings(v2.diagnostics), expectedFindings(fixed));
    assert.deepEqual(byRule(v2.diagnostics, 'numbering/duplicate'), []);

    // Closing clears the diagnostics.
    mark = client.published.length;
    await client.close(uri);
    assert.deepEqual((await client.waitForDiagnostics(uri, () => true, mark)).diagnostics, []);

    assert.equal(client.logs.filter((l) => / failed: /.test(l.message)).length, 0, 'no handler failed');
    assert.equal(await client.stop(), 0);
  });

  it('answers pull diagnostics, symbols, folding and code actions to a client with pull support', async () => {
    client = await LspClient.start({
      command: serverCommand(),
      capabilities: {
        ...COMMON_CAPABILITIES,
        workspace: { ...COMMON_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
        textDocument: { ...COMMON_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
      },
      configuration: (item) => (item.section === 'normokontrol' ? settings : null),
    });
    const c = client;
    const caps = c.initializeResult.capabilities;
    assert.ok(caps.diagnosticProvider, 'pull diagnostics are offered');
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.foldingRangeProvider);
    const kinds = (caps.codeActionProvider as { codeActionKinds?: string[] }).codeActionKinds ?? [];
    assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.normokontrol'), kinds.join(', '));

    const pull = (uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
      c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    const full = async (uri: string, previousResultId?: string): Promise<FullDocumentDiagnosticReport> => {
      const r = await pull(uri, previousResultId);
      assert.equal(r.kind, 'full');
      return r as FullDocumentDiagnosticReport;
    };
    const actions = (uri: string, line: number, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> =>
      c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics, ...(only ? { only } : {}) },
      });

    // Diagnostics: the same findings as the engine; an unchanged version answers «unchanged».
    const uri = uriOf('draft.md');
    let text = DRAFT;
    let version = 1;
    await c.open(uri, text, version);
    const r1 = await full(uri);
    assert.deepEqual(asFindings(r1.items), expectedFindings(text));
    assert.equal(byRule(r1.items, 'numbering/duplicate')[0]?.range.start.line, DUPLICATE_LINE);
    assert.ok(r1.resultId);
    assert.deepEqual(await pull(uri, r1.resultId), { kind: 'unchanged', resultId: r1.resultId });

    // A quick fix from the finding's fix: applied, the finding is gone.
    const noDot = byRule(r1.items, 'numbering/trailing-dot');
    assert.equal(noDot[0]?.range.start.line, NO_DOT_LINE);
    const quick = (await actions(uri, NO_DOT_LINE, noDot)).filter((a) => a.kind === 'quickfix' && a.edit && !a.title.startsWith('Отключить'));
    assert.equal(quick.length, 1, JSON.stringify(quick));
    assert.equal(quick[0]!.isPreferred, true);
    const dotted = applyWorkspaceEdit(text, quick[0]!.edit, uri);
    assert.equal(dotted.split('\n')[NO_DOT_LINE], '2.2. Изменения вносятся приказом.');
    assert.equal(dotted.replace('2.2.', '2.2'), text, 'the fix touches nothing else');

    // A fix computed for version 1 is refused once the document is at version 2.
    text = dotted;
    await c.change(uri, ++version, text);
    const r2 = await full(uri, r1.resultId);
    assert.deepEqual(byRule(r2.items, 'numbering/trailing-dot'), []);
    const stale = await actions(uri, NO_DOT_LINE, noDot);
    assert.deepEqual(stale.filter((a) => a.kind === 'quickfix'), [], 'stale fixes are refused');

    // «Disable for this line»: the directive lands above the line and the finding disappears.
    const dup = byRule(r2.items, 'numbering/duplicate');
    const disable = (await actions(uri, DUPLICATE_LINE, dup)).find((a) => a.title === 'Отключить numbering/duplicate для этой строки');
    assert.ok(disable?.edit, 'the disable action is offered');
    text = applyWorkspaceEdit(text, disable.edit, uri);
    assert.equal(text.split('\n')[DUPLICATE_LINE], '<!-- normokontrol-disable-next-line numbering/duplicate -->');
    await c.change(uri, ++version, text);
    assert.deepEqual(byRule((await full(uri)).items, 'numbering/duplicate'), []);

    // Fix all: two numbers without the dot among dotted ones → «fix all of the rule» and
    // source.fixAll both repair every one of them, and the result has nothing fixable left.
    const two = DRAFT.replace('1.1. Положение', '1.1 Положение');
    await c.change(uri, ++version, two);
    const r3 = await full(uri);
    const missing = byRule(r3.items, 'numbering/trailing-dot');
    assert.equal(missing.length, 2);
    const ofRule = (await actions(uri, NO_DOT_LINE, missing)).find((a) => a.title === 'Исправить все «numbering/trailing-dot» в файле');
    assert.ok(ofRule?.edit, 'fix-all of the rule is offered');
    const allOfRule = applyWorkspaceEdit(two, ofRule.edit, uri);
    assert.equal(allOfRule, DRAFT.replace('2.2 Изменения', '2.2. Изменения'));
    const [fixAll, ...more] = await actions(uri, 0, [], ['source.fixAll']);
    assert.equal(more.length, 0);
    assert.equal(fixAll?.kind, 'source.fixAll.normokontrol');
    const allFixed = applyWorkspaceEdit(two, fixAll.edit, uri);
    assert.equal(allFixed, engine.fixAll(two).text, 'source.fixAll reaches the engine\'s fixed point');
    await c.change(uri, ++version, allFixed);
    const r4 = await full(uri);
    // Quick fixes that fix-all never applies (skeleton inserts, `preferred: false`) may remain.
    assert.deepEqual(r4.items.filter((d) => (d.data as { fixes?: Array<{ preferred?: boolean }> }).fixes?.some((f) => f.preferred !== false)), [], 'nothing fixable remains');
    assert.deepEqual(byRule(r4.items, 'numbering/trailing-dot'), []);
    // With nothing to fix, source.fixAll still answers, with an empty edit.
    const [empty] = await actions(uri, 0, [], ['source.fixAll.normokontrol']);
    assert.equal(empty?.kind, 'source.fixAll.normokontrol');
    assert.equal(applyWorkspaceEdit(allFixed, empty.edit, uri), allFixed);

    // Document symbols = the clause tree of a real draft; folding ranges per section and clause.
    const corpusText = fs.readFileSync(path.join(SHARED_CORPUS, 'sosh14-sferum-2024.md'), 'utf8');
    const corpus = pathToFileURL(path.join(SHARED_CORPUS, 'sosh14-sferum-2024.md')).href;
    await c.open(corpus, corpusText);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: corpus } });
    const numberOf = (s: DocumentSymbol): string => s.name.split(' ')[0]!;
    const sections = symbols.filter((s) => /^\d/.test(s.name));
    assert.deepEqual(sections.map(numberOf), ['1', '2', '3', '4', '5']);
    assert.deepEqual(sections.map((s) => (s.children ?? []).map(numberOf)), [
      ['1.1', '1.2', '1.3'],
      ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'],
      ['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7'],
      ['4.1', '4.2'],
      ['5.1', '5.2', '5.3'],
    ]);
    assert.equal(sections[0]!.name, '1 Общие положения');
    assert.equal(sections[4]!.name, '5 Заключительные положения');
    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: corpus } });
    for (const s of sections) {
      const line = s.selectionRange.start.line;
      const lastChild = s.children![s.children!.length - 1]!;
      const fold = folds.find((f) => f.startLine === line);
      assert.ok(fold, `section ${s.name} folds`);
      assert.ok(fold.endLine >= lastChild.selectionRange.start.line, `section ${s.name} folds over its clauses`);
    }
    const clause23 = sections[1]!.children![2]!; // 2.3 with its list of duties
    assert.ok(folds.some((f) => f.startLine === clause23.selectionRange.start.line && f.endLine > f.startLine));

    // Settings change → the server asks for a refresh → the next pull is a full report with the new severity.
    await c.change(uri, ++version, DRAFT);
    const before = await full(uri);
    assert.equal(byRule(before.items, 'numbering/duplicate')[0]?.severity, Severity.Error);
    settings = { rules: { 'numbering/duplicate': 'warning' } };
    const refreshes = c.refreshRequests;
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor(() => (c.refreshRequests > refreshes ? true : undefined), 'workspace/diagnostic/refresh');
    const afterChange = await full(uri, before.resultId);
    assert.equal(byRule(afterChange.items, 'numbering/duplicate')[0]?.severity, Severity.Warning);

    // Robustness: an unknown method, a document never opened, a handler that throws on bad params.
    await assert.rejects(c.request('normokontrol/noSuchMethod', {}), (e: { code?: number }) => e.code === -32601);
    const never = uriOf('never-opened.md');
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: never } }), []);
    assert.deepEqual(await c.request('textDocument/foldingRange', { textDocument: { uri: never } }), []);
    assert.deepEqual(await pull(never), { kind: 'full', items: [] });
    assert.deepEqual(await c.request('textDocument/documentSymbol', {}), []);
    assert.ok(c.logs.some((l) => l.message.startsWith('documentSymbol failed:')), 'the failure is logged');
    assert.deepEqual(asFindings((await full(uri)).items), expectedFindings(DRAFT), 'the server keeps working');

    // A non-regulation Markdown file gets an empty report.
    await c.open(uriOf('notes.md'), NOTES);
    assert.deepEqual((await full(uriOf('notes.md'))).items, []);

    assert.deepEqual(c.published, [], 'nothing is pushed to a pull client');
    assert.equal(await c.stop(), 0);
  });
});

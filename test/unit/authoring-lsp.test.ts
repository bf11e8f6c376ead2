/**
 * Authoring features end to end over stdio (`node dist/server.js --stdio`, built by `npm run
 * build`), driven by a plain JSON-RPC client: a definition for «пункте 1.2», references, a hover
 * previewing the clause, document links, completion items for role words, a quick fix for a
 * finding (inserting the missing terms section), the renumber quick fix and command, rename of a
 * role with its inflected forms, and a `source.fixAll` action.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  Hover,
  Location,
  MarkupContent,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient } from '../helpers/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const WORKSPACE = fs.mkdtempSync(path.join(os.tmpdir(), 'normokontrol-authoring-'));

const DRAFT = [
  'УТВЕРЖДАЮ',
  '',
  'Директор МБОУ «СОШ № 5»',
  '',
  'Приказ № 7 от 01.09.2025',
  '',
  'ПОЛОЖЕНИЕ',
  '',
  'об использовании ИКОП «Сферум» в МБОУ «СОШ № 5»',
  '',
  '1. Общие положения',
  '',
  '1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», принимается педагогическим советом с учетом мнения совета обучающихся.',
  '',
  '1.2. Классный руководитель создает чат класса.',
  '',
  '1.4. Порядок, указанный в пункте 1.2, применяется классным руководителем.',
  '',
  '2. Организация работы',
  '',
  '2.1. Администратор ИКОП «Сферум» назначается приказом директора.',
  '',
  '3. Права и обязанности участников',
  '',
  '3.1. Участники имеют право на доступ к платформе; классные руководители отвечают за чаты.',
  '',
  '4. Заключительные положения',
  '',
  '4.1. Положение вступает в силу со дня утверждения.',
  '',
].join('\n');
const REF_LINE = 16; // «1.4. Порядок, указанный в пункте 1.2, …»
const CLAUSE_12_LINE = 14;
const GAP_LINE = 16;

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true },
    hover: { contentFormat: ['markdown'] },
    completion: {},
    definition: {},
    rename: { prepareSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
  },
};

function serverCommand(): string[] {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  return [process.execPath, SERVER, '--stdio'];
}

describe('authoring over the language server protocol', function () {
  this.timeout(60000);
  let client: LspClient | undefined;
  afterEach(() => {
    client?.kill();
    client = undefined;
  });
  after(() => fs.rmSync(WORKSPACE, { recursive: true, force: true }));

  it('navigates references, completes roles, fixes, renumbers, renames', async () => {
    const c = await LspClient.start({ command: serverCommand(), capabilities: CAPABILITIES, configuration: () => ({ asOf: '2025-10-01' }) });
    client = c;
    const caps = c.initializeResult.capabilities;
    assert.ok(caps.definitionProvider && caps.referencesProvider && caps.documentLinkProvider && caps.renameProvider);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['normokontrol.renumber']);
    const applied: ApplyWorkspaceEditParams[] = [];
    c.connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      applied.push(p);
      return { applied: true };
    });

    const uri = pathToFileURL(path.join(WORKSPACE, 'draft.reg.md')).href;
    await c.open(uri, DRAFT);
    const published = await c.waitForDiagnostics(uri);
    const td = { textDocument: { uri } };
    const refChar = DRAFT.split('\n')[REF_LINE]!.indexOf('1.2,') + 1;

    // Definition of «пункте 1.2»: the head of clause 1.2.
    const def = await c.request<Location[]>('textDocument/definition', { ...td, position: { line: REF_LINE, character: refChar } });
    assert.equal(def.length, 1);
    assert.equal(def[0]!.uri, uri);
    assert.equal(def[0]!.range.start.line, CLAUSE_12_LINE);

    // References of clause 1.2 from its own number: the declaration and the reference.
    const refs = await c.request<Location[]>('textDocument/references', { ...td, position: { line: CLAUSE_12_LINE, character: 1 }, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => l.range.start.line), [CLAUSE_12_LINE, REF_LINE]);

    // Hover: the referenced clause's number and text.
    const hover = await c.request<Hover | null>('textDocument/hover', { ...td, position: { line: REF_LINE, character: refChar } });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /\*\*Пункт 1\.2\*\*/);
    assert.match(value, /Классный руководитель создает чат класса/);

    // Document links: to the clause's line.
    const links = await c.request<DocumentLink[]>('textDocument/documentLink', td);
    assert.deepEqual(links.map((l) => [l.range.start.line, l.target]), [[REF_LINE, `${uri}#L${CLAUSE_12_LINE + 1}`]]);

    // Completion of a role word being typed, in the form needed.
    const typing = DRAFT.replace('1.2. Классный руководитель создает', '1.2. Классный руководитель и клас создает');
    await c.change(uri, 2, typing);
    const line = typing.split('\n')[CLAUSE_12_LINE]!;
    const result = await c.request<CompletionItem[] | CompletionList>('textDocument/completion', { ...td, position: { line: CLAUSE_12_LINE, character: line.indexOf('клас ') + 4 } });
    const labels = (Array.isArray(result) ? result : result.items).map((i) => i.label);
    assert.ok(labels.includes('классный руководитель') && labels.includes('классному руководителю'), labels.join(', '));
    assert.ok(!labels.some((l) => l.startsWith('куратор')), 'no college words in a school act');
    await c.change(uri, 3, DRAFT);
    const current = await c.waitForDiagnostics(uri, (p) => p.version === 3, c.published.indexOf(published) + 1);

    // A quick fix for a finding: the missing terms section is inserted and the sections move up.
    const missing = current.diagnostics.filter((d) => d.code === 'structure/required-sections');
    assert.equal(missing.length, 1, JSON.stringify(current.diagnostics.map((d) => d.code)));
    const actionsFor = (diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> => c.request<CodeAction[]>('textDocument/codeAction', {
      ...td, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, ...(only ? { only } : {}) },
    });
    const insert = (await actionsFor(missing)).find((a) => a.title.startsWith('Вставить раздел 2 «Термины и определения»'));
    assert.ok(insert?.edit, 'the insert quick fix is offered');
    const withTerms = applyWorkspaceEdit(DRAFT, insert.edit, uri);
    assert.match(withTerms, /\n2\. Термины и определения\n\n2\.1\. В настоящем Положении используются следующие понятия:/);
    assert.match(withTerms, /\n3\. Организация работы\n\n3\.1\. Администратор/);
    assert.match(withTerms, /\n5\. Заключительные положения\n\n5\.1\. /);

    // The renumber quick fix on the gap (1.2 → 1.4): 1.4 becomes 1.3, the reference is kept right.
    const gap = current.diagnostics.filter((d) => d.code === 'numbering/gap');
    assert.equal(gap[0]?.range.start.line, GAP_LINE);
    const renumberAction = (await actionsFor(gap)).find((a) => a.title.startsWith('Перенумеровать раздел 1'));
    assert.ok(renumberAction?.edit, 'the renumber quick fix is offered');
    assert.equal(applyWorkspaceEdit(DRAFT, renumberAction.edit, uri), DRAFT.replace('1.4. Порядок', '1.3. Порядок'));

    // The same through the command: the server asks the client to apply the edit.
    const commandResult = await c.request<{ applied: boolean; renumbered: number }>('workspace/executeCommand', { command: 'normokontrol.renumber', arguments: [uri, '1'] });
    assert.deepEqual(commandResult, { applied: true, renumbered: 1, references: 0 });
    assert.equal(applyWorkspaceEdit(DRAFT, applied[0]?.edit, uri), DRAFT.replace('1.4. Порядок', '1.3. Порядок'));

    // source.fixAll is answered.
    const [fixAll] = await actionsFor([], ['source.fixAll']);
    assert.equal(fixAll?.kind, 'source.fixAll.normokontrol');

    // Rename a role across the act, inflected forms included.
    const roleLine = DRAFT.split('\n')[CLAUSE_12_LINE]!;
    const at = { line: CLAUSE_12_LINE, character: roleLine.indexOf('Классный') + 2 };
    const prepared = await c.request<{ placeholder: string } | null>('textDocument/prepareRename', { ...td, position: at });
    assert.equal(prepared?.placeholder, 'Классный руководитель');
    const renamed = await c.request<WorkspaceEdit>('textDocument/rename', { ...td, position: at, newName: 'куратор' });
    const after = applyWorkspaceEdit(DRAFT, renamed, uri);
    assert.match(after, /1\.2\. Куратор создает чат класса/);
    assert.match(after, /применяется куратором\./);
    assert.match(after, /кураторы отвечают за чаты/);
    await c.stop();
    client = undefined;
  });
});

/**
 * A plain protocol client (`node dist/server.js --stdio`, JSON-RPC only) gets a hover on a legal
 * citation — official title, status as of the configured date, successor, confidence, the
 * draft's approval date — and completion of citations inside the basis list.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const WORKSPACE = fs.mkdtempSync(path.join(os.tmpdir(), 'normokontrol-legal-lsp-'));

const DRAFT = [
  'УТВЕРЖДАЮ',
  'Директор МАОУ «СОШ № 1»',
  '01.09.2025',
  '',
  'ПОЛОЖЕНИЕ',
  'об использовании ИКОП «Сферум»',
  '',
  '1. Общие положения',
  '',
  '1.1. Положение разработано в соответствии с:',
  '',
  '- Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;',
  '- Приказом Минобрнауки России от 23.08.2017 № 816;',
  '- 15',
  '',
  '2. Заключительные положения',
  '',
  '2.1. Положение вступает в силу с момента утверждения.',
  '',
].join('\n');

describe('legal citations over the protocol', function () {
  this.timeout(60000);
  let client: LspClient | undefined;
  afterEach(() => {
    client?.kill();
    client = undefined;
  });
  after(() => fs.rmSync(WORKSPACE, { recursive: true, force: true }));

  it('hovers a citation and completes the basis list', async () => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    client = await LspClient.start({
      command: [process.execPath, SERVER, '--stdio'],
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, completion: {} } },
      configuration: (item) => (item.section === 'normokontrol' ? { asOf: '2026-01-15' } : null),
    });
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.hoverProvider, 'hoverProvider advertised');
    assert.ok(caps.completionProvider, 'completionProvider advertised');

    const uri = pathToFileURL(path.join(WORKSPACE, 'draft.reg.md')).href;
    await client.open(uri, DRAFT);

    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 12, character: 20 } });
    assert.ok(hover, 'a hover on the order');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /Приказ Минобрнауки России от 23\.08\.2017 № 816/);
    assert.match(value, /Статус на 15\.01\.2026 \(дата проверки\): заменён с 01\.09\.2024/);
    assert.match(value, /Постановление Правительства РФ от 11\.10\.2023 № 1678/);
    assert.match(value, /На дату утверждения документа 01\.09\.2025: заменён/);
    assert.match(value, /Достоверность: проверено частично/);
    assert.equal(hover.range?.start.line, 12);
    assert.equal(hover.range?.start.character, 2);

    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 17, character: 10 } });
    assert.equal(none, null, 'no hover outside citations');

    const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 13, character: 4 } });
    const items = Array.isArray(result) ? result : result.items;
    const fz152 = items.find((i) => i.label.startsWith('152-ФЗ'));
    assert.ok(fz152, `152-ФЗ offered for «15»: ${items.map((i) => i.label).join(', ')}`);
    assert.equal((fz152.textEdit as TextEdit).newText, 'Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных»');
    assert.ok(!items.some((i) => i.label.startsWith('273-ФЗ')), 'an act already cited is not offered');
    await client.stop();
    client = undefined;
  });
});

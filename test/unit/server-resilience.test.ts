/**
 * The language server under abuse (`node dist/server.js --stdio`, built by `npm run build`):
 * malformed JSON-RPC frames and garbage bytes, unknown methods, requests for documents that were
 * never opened, `$/cancelRequest` of an in-flight request, and a 10 MB document — after each, the
 * server is alive and answers valid requests correctly.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, DocumentSymbol, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SHARED_CORPUS } from '../helpers/fixtures';
import { LspClient } from '../helpers/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');

const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

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
  '',
].join('\n');

const CODE = { MethodNotFound: -32601, RequestCancelled: -32800 } as const;

/** A framed message with a correct Content-Length for `body`. */
function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

function symbolNames(symbols: readonly DocumentSymbol[]): string[] {
  return symbols.map((s) => s.name);
}

describe('language server resilience', function () {
  this.timeout(120_000);
  let client: LspClient;

  beforeEach(async () => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    client = await LspClient.start({ command: [process.execPath, SERVER, '--stdio'], capabilities: CAPABILITIES, timeoutMs: 60_000 });
  });
  afterEach(() => client.kill());

  /** The outline of the test draft, as a check that the server still answers correctly. */
  async function outlineStillAnswered(uri: string): Promise<void> {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbolNames(symbols).some((n) => n.includes('Общие положения')), `outline after abuse: ${JSON.stringify(symbolNames(symbols))}`);
  }

  async function openDraft(uri: string): Promise<PublishDiagnosticsParams> {
    const since = client.published.length;
    await client.open(uri, DRAFT);
    return client.waitForDiagnostics(uri, (p) => p.version === 1, since);
  }

  it('survives malformed frames and garbage bytes, and answers the next valid request', async () => {
    const uri = 'file:///resilience/draft.md';
    const first = await openDraft(uri);
    assert.ok(first.diagnostics.some((d) => d.code === 'numbering/duplicate'));
    const stdin = client.process.stdin!;
    const abuse: Array<[string, Buffer]> = [
      ['invalid JSON in a frame', frame('{"jsonrpc":"2.0","id":77,"method":')],
      ['a JSON array', frame('[1, 2, 3]')],
      ['a request without a method', frame('{"jsonrpc":"2.0","id":"x"}')],
      ['binary garbage in a frame', frame(Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]))],
      ['a header block without Content-Length', Buffer.from('X-Garbage: 1\r\n\r\n', 'ascii')],
      ['a non-numeric Content-Length', Buffer.from('Content-Length: many\r\n\r\n', 'ascii')],
      ['garbage bytes with a header terminator', Buffer.from('\u0000\u00ff garbage \r\n\r\n', 'utf8')],
    ];
    for (const [what, bytes] of abuse) {
      // The garbage and the next request may arrive in one chunk: the server must read on.
      stdin.write(bytes);
      await outlineStillAnswered(uri).catch((error: unknown) => {
        throw new Error(`after ${what}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    // Documents still update and get fresh diagnostics.
    const since = client.published.length;
    await client.change(uri, 2, DRAFT.replace('1.2. Положение вводится', '1.3. Положение вводится'));
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2, since);
    assert.ok(!second.diagnostics.some((d) => d.code === 'numbering/duplicate'), 'the fixed duplicate is gone');
    assert.equal(client.process.exitCode, null, 'the server is alive');
  });

  it('answers unknown methods with MethodNotFound and ignores unknown notifications', async () => {
    await assert.rejects(client.request('normokontrol/noSuchMethod', { a: 1 }), (error: unknown) => {
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, CODE.MethodNotFound);
      return true;
    });
    await client.connection.sendNotification('normokontrol/noSuchNotification', { b: 2 });
    await client.connection.sendNotification('$/someProtocolExtension', {});
    await openDraft('file:///resilience/after-unknown.md');
    await outlineStillAnswered('file:///resilience/after-unknown.md');
  });

  it('answers requests for documents never opened with empty results, not errors', async () => {
    const uri = 'file:///resilience/never-opened.md';
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } });
    assert.equal(hover, null);
    const actions = await client.request<unknown[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      context: { diagnostics: [] },
    });
    assert.ok(actions === null || (Array.isArray(actions) && actions.length === 0), JSON.stringify(actions));
    // Changing or closing a document that is not open does not take the server down.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await openDraft('file:///resilience/opened.md');
    await outlineStillAnswered('file:///resilience/opened.md');
  });

  it('handles $/cancelRequest of an in-flight request: RequestCancelled or a result, and stays alive', async () => {
    // A big real draft makes the request take a while.
    const big = fs.readFileSync(path.join(SHARED_CORPUS, 'sosh14-sferum-2024.md'), 'utf8').repeat(8);
    const uri = 'file:///resilience/big.md';
    await client.open(uri, big);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }, source.token);
      source.cancel();
      try {
        const symbols = await pending;
        assert.ok(Array.isArray(symbols), 'a result, when not cancelled in time, is the outline');
        outcomes.push('result');
      } catch (error) {
        assert.ok(error instanceof ResponseError, `cancellation ends with a ResponseError, got ${String(error)}`);
        assert.equal(error.code, CODE.RequestCancelled);
        outcomes.push('cancelled');
      }
    }
    assert.equal(outcomes.length, 3);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0, 'an uncancelled request is answered with the outline');
    await openDraft('file:///resilience/small.md');
    await outlineStillAnswered('file:///resilience/small.md');
  });

  it('analyses the newest version of a large document at once and drops stale runs during a burst of edits', async () => {
    const draft = fs.readFileSync(path.join(SHARED_CORPUS, 'rpl-poryadok-2025.md'), 'utf8');
    let large = draft;
    while (large.length < 400_000) large += '\n' + draft;
    const uri = 'file:///resilience/large.md';
    let since = client.published.length;
    await client.open(uri, large);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, since);
    assert.ok(first.diagnostics.length > 50, `the large draft has diagnostics (${first.diagnostics.length})`);
    // Five edits sent back to back, as a fast typist would: each one is a new version.
    since = client.published.length;
    let text = large;
    for (let v = 2; v <= 6; v++) {
      text = text.replace('Положение', `Положение${v}`);
      void client.change(uri, v, text);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 6, since);
    const versions = client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(versions.length < 5, `stale versions were not all analysed to the end (published: ${versions.join(', ')})`);
    // The result is that of the final text, exactly as a fresh open of it gives.
    const fresh = 'file:///resilience/large-fresh.md';
    since = client.published.length;
    await client.open(fresh, text);
    const expected = await client.waitForDiagnostics(fresh, (p) => p.version === 1, since);
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range, d.message]), expected.diagnostics.map((d) => [d.code, d.range, d.message]));
  });

  it('keeps answering other requests within 5 s while a 10 MB document is open', async () => {
    const draft = fs.readFileSync(path.join(SHARED_CORPUS, 'sosh14-sferum-2024.md'), 'utf8');
    let huge = draft;
    while (Buffer.byteLength(huge) < 10 * 1024 * 1024) huge += '\n' + huge;
    const small = 'file:///resilience/small-next-to-huge.md';
    await openDraft(small);
    const hugeUri = 'file:///resilience/huge.md';
    const since = client.published.length;
    await client.open(hugeUri, huge);
    const started = Date.now();
    await outlineStillAnswered(small);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5000, `documentSymbol of a small draft took ${elapsed} ms while a 10 MB document was open`);
    // The huge document gets an answer too (no findings: it is too large to check in the editor),
    // and the user is told why.
    const published = await client.waitForDiagnostics(hugeUri, (p) => p.version === 1, since);
    assert.deepEqual(published.diagnostics, []);
    await client.waitFor(() => client.logs.find((l) => l.message.includes('слишком большой')), 'the too-large notice');
    // Typing in the small draft still gets fresh diagnostics promptly.
    const before = client.published.length;
    const t0 = Date.now();
    await client.change(small, 2, DRAFT + '\n2.2. Новый пункт.\n');
    await client.waitForDiagnostics(small, (p) => p.version === 2, before);
    assert.ok(Date.now() - t0 < 5000, `diagnostics of the small draft took ${Date.now() - t0} ms`);
    assert.equal(client.process.exitCode, null, 'the server is alive');
  });
});

/**
 * A minimal LSP client over stdio for end-to-end tests of the language server: spawns a server
 * process, speaks JSON-RPC with `vscode-jsonrpc`, records what the server sends, and waits for
 * notifications with timeout-protected promises (never fixed sleeps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  ConfigurationParams,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Options of {@link LspClient.start}. */
export interface LspClientOptions {
  /** The command and its arguments, e.g. `[process.execPath, 'dist/server.js', '--stdio']`. */
  readonly command: readonly string[];
  readonly capabilities: ClientCapabilities;
  /** Answers `workspace/configuration` (per item); absent → `null` for every item. */
  readonly configuration?: (item: { scopeUri?: string; section?: string }) => unknown;
  readonly initializationOptions?: unknown;
  readonly rootUri?: string | null;
  /** Milliseconds a wait may take before it fails. */
  readonly timeoutMs?: number;
}

interface Waiter {
  check(): boolean;
}

/** A log line the server sent (`window/logMessage`). */
export interface LogLine {
  readonly type: number;
  readonly message: string;
}

/** The test client. */
export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogLine[] = [];
  refreshRequests = 0;
  stderr = '';
  initializeResult!: InitializeResult;
  readonly #waiters = new Set<Waiter>();
  readonly #timeoutMs: number;
  #exit: Promise<number | null>;

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection, timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#exit = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    process.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
  }

  /** Spawns the server, initializes it and sends `initialized`. */
  static async start(options: LspClientOptions): Promise<LspClient> {
    const [cmd, ...args] = options.command;
    const proc = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, connection, options.timeoutMs ?? 15000);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.#poke();
    });
    connection.onNotification('window/logMessage', (p: LogLine) => {
      client.logs.push(p);
      client.#poke();
    });
    connection.onRequest('workspace/configuration', (p: ConfigurationParams) =>
      p.items.map((item) => (options.configuration ? options.configuration(item) : null)));
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      client.#poke();
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.listen();
    client.initializeResult = await client.#timed(connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
      workspaceFolders: null,
    }), 'initialize');
    await connection.sendNotification('initialized', {});
    return client;
  }

  #poke(): void {
    for (const w of [...this.#waiters]) w.check();
  }

  #timed<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${this.#timeoutMs} ms waiting for ${what}\nserver log:\n${this.#logText()}`)), this.#timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  #logText(): string {
    return [...this.logs.map((l) => l.message), this.stderr].join('\n').slice(-4000);
  }

  /** Resolves with the first value `probe` returns (checked now and after every message). */
  waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
    return this.#timed(new Promise<T>((resolve) => {
      const waiter: Waiter = {
        check: () => {
          const v = probe();
          if (v === undefined) return false;
          this.#waiters.delete(waiter);
          resolve(v);
          return true;
        },
      };
      if (!waiter.check()) this.#waiters.add(waiter);
    }), what);
  }

  /** Waits for a `publishDiagnostics` of `uri` (received after index `since`) that satisfies `accept`. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.published.slice(since).find((p) => p.uri === uri && accept(p)), `publishDiagnostics for ${uri}`);
  }

  /** Sends a request with a timeout. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.#timed(this.connection.sendRequest<R>(method, params), method);
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change, which incremental sync accepts). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** `shutdown` + `exit`; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    await this.request('shutdown', null);
    await this.connection.sendNotification('exit');
    const code = await this.#timed(this.#exit, 'server exit');
    this.connection.dispose();
    return code;
  }

  /** Kills the process if it is still running (after a failed test). */
  kill(): void {
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** The text edits a workspace edit makes to one document. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits : []));
  return [...fromChanges, ...fromDocumentChanges] as TextEdit[];
}

/** Applies a workspace edit to `text` as an editor would. */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, text), editsFor(edit, uri));
}

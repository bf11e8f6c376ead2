/**
 * The language server process: the only process-level code. Creates the connection on the
 * transport given on the command line (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`;
 * stdio when none is given), sends console output and crashes to the client's log, and starts
 * the server. Importing this module does nothing; `bin/server.ts` and `normokontrol lsp` call
 * {@link runLanguageServer}.
 */
import { createConnection, ProposedFeatures, StreamMessageReader, type Connection } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket=|pipe=)/;

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

interface ReaderInternals {
  onData(data: Uint8Array): void;
  buffer?: { _totalLength?: number };
}

/**
 * vscode-jsonrpc's stream reader, after a malformed header (`Content-Length: abc`, a header block
 * without Content-Length), returns without reading the bytes already buffered behind it: a valid
 * request that arrived in the same chunk waits until the client sends something else, and a client
 * waiting for its answer never does. Keep reading while the buffer makes progress.
 */
function keepReadingAfterHeaderErrors(): void {
  const proto = Object.getPrototypeOf(StreamMessageReader.prototype) as ReaderInternals;
  const original = proto.onData;
  if (typeof original !== 'function') return;
  const empty = new Uint8Array(0);
  const buffered = (reader: ReaderInternals): number => reader.buffer?._totalLength ?? 0;
  proto.onData = function (this: ReaderInternals, data: Uint8Array): void {
    original.call(this, data);
    for (let i = 0; i < 1000; i++) {
      const before = buffered(this);
      if (before === 0) return;
      original.call(this, empty);
      if (buffered(this) === before) return; // a partial message: wait for more bytes
    }
  };
}

/** Starts the language server on this process's stdio or IPC channel. */
export function runLanguageServer(): void {
  keepReadingAfterHeaderErrors();
  const connection: Connection = process.argv.some((a) => TRANSPORT_FLAGS.test(a))
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

  // stdout may be the protocol channel: nothing else may write there.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Unhandled promise rejection: ${describe(reason)}`);
  });
  process.on('uncaughtException', (error) => {
    connection.console.error(`Uncaught exception: ${describe(error)}`);
  });

  startServer(connection);
}

/**
 * Worker-thread entry of the CLI's model feed (bundled to `dist/cliModels.js`, see `models.ts`):
 * claims the next file, reads it, builds its document model and posts the text with the packed
 * model, until no file is left. Only the model code is loaded here, not the rules.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { buildModel } from '../model/clauseTree';
import { packModel } from '../model/transfer';
import { decodeUtf8 } from './check';
import { CLAIM, DONE, READY } from './early';
import type { FeedMessage } from './models';

const { port, shared } = workerData as { files?: readonly string[]; port: MessagePort; shared: Int32Array };

// Started early (see early.ts): wait for the files, or for the word that none will come.
while (Atomics.load(shared, READY) === 0) Atomics.wait(shared, READY, 0);
const files: readonly string[] = Atomics.load(shared, READY) === 1
  ? (workerData as { files?: readonly string[] }).files ?? (receiveMessageOnPort(port)?.message as { files?: readonly string[] } | undefined)?.files ?? []
  : [];

// The main thread comes first: this thread is only to use what the main thread leaves of the
// cores. On Linux a thread is a task of its own, and the nice value of "process 0" is the calling
// thread's (elsewhere it would be the whole process's, so it is left alone there).
if (process.platform === 'linux') {
  try {
    os.setPriority(19);
  } catch {
    // Not allowed: the worker runs at the usual priority.
  }
}

for (;;) {
  const i = Atomics.add(shared, CLAIM, 1);
  if (i >= files.length) break;
  let message: FeedMessage;
  const moved: ArrayBuffer[] = [];
  try {
    const text = decodeUtf8(fs.readFileSync(files[i]!));
    const packed = packModel(buildModel(text));
    message = { i, text, packed };
    // The columns and flags change hands instead of being copied.
    moved.push(packed.lineContents.buffer as ArrayBuffer, packed.nodeTexts.buffer as ArrayBuffer);
    if (packed.lines) moved.push(packed.lines.numbers.buffer as ArrayBuffer, packed.lines.codes.buffer as ArrayBuffer);
  } catch {
    // The main thread reads and checks this file itself (and reports the error).
    message = { i };
  }
  port.postMessage(message, moved);
  Atomics.add(shared, DONE, 1);
  Atomics.notify(shared, DONE);
}
port.close();

/**
 * The CLI's model feed: on two cores, a second thread reads the files and builds their document
 * models while the main thread runs the rules, so the two cores split each file's work instead of
 * each repeating the whole engine's warm-up (see ARCHITECTURE.md).
 *
 * Files are claimed in order through a shared counter: the worker claims the next file when it is
 * free; the main thread, reaching file `i`, claims it itself when the worker has not (at the start,
 * while the worker loads), and otherwise takes the worker's text and model from the port. The
 * answer is the same either way — the model of the file's text, as `buildModel` makes it — so the
 * report is the same with or without the feed; a worker that fails or falls silent only means the
 * main thread does the file itself.
 */
import type { MessagePort } from 'node:worker_threads';
import { defaultBlockParser } from '../model/lines';
import { unpackModel, type PackedModel } from '../model/transfer';
import type { DocumentModel } from '../model/types';
import { CLAIM, DONE, FEED_THRESHOLD, feedAllowed, handOver, scriptIn, startFeedWorker, stopFeedWorker, takeEarlyFeedWorker, type FeedWorker } from './early';

/** A worker's answer for file `i`: its text and packed model, or neither (the main thread does it). */
export interface FeedMessage {
  readonly i: number;
  readonly text?: string;
  readonly packed?: PackedModel;
}

/** A file's text and model, prepared off the main thread. */
export interface Prepared {
  readonly text: string;
  readonly model: DocumentModel;
}

/** How long the main thread waits for the worker's next answer before doing its files itself. */
const SILENCE_MS = 5000;

/** The feed's worker script next to this code, or undefined. */
export function feedScript(): string | undefined {
  return scriptIn(__dirname, 'cliModels.js', 'modelWorker.js');
}

/**
 * Whether `check` over `files` files should use a feed (see {@link feedAllowed}): enough files,
 * and the default block parser (the worker builds models with it).
 */
export function wantsFeed(files: number, env: NodeJS.ProcessEnv = process.env): boolean {
  return files >= FEED_THRESHOLD && feedAllowed(env) && defaultBlockParser() === 'fast';
}

/**
 * Milliseconds since the process started. Not `performance.now()`: the global `performance` loads
 * `perf_hooks` on first use, ~4 ms of every start.
 */
export function sinceStart(): number {
  return Math.round(process.uptime() * 1000);
}

/** The model feed of one `check` run: {@link ModelFeed.take} each file in order, then {@link ModelFeed.close}. */
export class ModelFeed {
  private readonly shared: Int32Array;
  private readonly port: MessagePort;
  private readonly feed: FeedWorker;
  private readonly receive: typeof import('node:worker_threads').receiveMessageOnPort;
  /** Answers read from the port before their file's turn (none while the worker answers in order). */
  private readonly waiting = new Map<number, FeedMessage>();
  private silent = false;
  /**
   * Files answered by the worker, files left to the main thread, milliseconds the main thread
   * waited, and when (ms since the process started) the feed began and the first answer came.
   */
  readonly stats = { fed: 0, local: 0, waitedMs: 0, startedAt: sinceStart(), firstAnswerAt: -1 };

  /** `silenceMs`: how long to wait for an answer before the main thread does the files itself. */
  constructor(files: readonly string[], script: string, private readonly silenceMs = SILENCE_MS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.receive = (require('node:worker_threads') as typeof import('node:worker_threads')).receiveMessageOnPort;
    // The worker the launcher started early, given its files now; or a new one.
    const early = takeEarlyFeedWorker();
    if (early) handOver(early, files);
    this.feed = early ?? startFeedWorker(script, files);
    this.port = this.feed.port;
    this.shared = this.feed.shared;
  }

  /**
   * File `i`'s text and model from the worker, or undefined when the caller is to read and build
   * it itself. Call with `i` = 0, 1, 2, … in order.
   */
  take(i: number): Prepared | undefined {
    const prepared = this.answer(i);
    if (!prepared) this.stats.local++;
    else if (this.stats.fed++ === 0) this.stats.firstAnswerAt = sinceStart();
    return prepared;
  }

  private answer(i: number): Prepared | undefined {
    if (this.silent || Atomics.compareExchange(this.shared, CLAIM, i, i + 1) === i) return undefined;
    let waited = 0;
    for (;;) {
      // The worker posts an answer, then counts it: an answer not on the port after the count
      // was read comes with a new count, which ends the wait at once.
      const done = Atomics.load(this.shared, DONE);
      const message = this.receiveUpTo(i);
      if (message) {
        return message.text !== undefined && message.packed ? { text: message.text, model: unpackModel(message.text, message.packed) } : undefined;
      }
      const started = Date.now();
      const outcome = Atomics.wait(this.shared, DONE, done, this.silenceMs - waited);
      waited += Date.now() - started;
      this.stats.waitedMs += Date.now() - started;
      if (outcome === 'timed-out' || waited >= this.silenceMs) {
        // A worker this slow (or gone): the main thread does the remaining files itself.
        this.silent = true;
        return undefined;
      }
    }
  }

  /** Stops the worker: the files it has not answered are not needed any more. */
  close(): void {
    this.silent = true;
    stopFeedWorker(this.feed);
  }

  /**
   * File `i`'s answer: read from the port up to it and no further, dropping answers of files
   * before `i` (done here). The answers after it stay in the port, serialized outside the heap:
   * read early, the models the worker is ahead by (up to hundreds) would outlive scavenges, be
   * copied by each and promoted to the old space (the main thread's scavenges took 2–3 times as
   * long). The worker answers in the order it claims, so nothing comes before its turn; should
   * anything, it is kept in `waiting`.
   */
  private receiveUpTo(i: number): FeedMessage | undefined {
    const kept = this.waiting.get(i);
    if (kept) {
      this.waiting.delete(i);
      return kept;
    }
    for (let got = this.receive(this.port); got; got = this.receive(this.port)) {
      const message = got.message as FeedMessage;
      if (message.i === i) return message;
      if (message.i > i) this.waiting.set(message.i, message);
    }
    return undefined;
  }
}

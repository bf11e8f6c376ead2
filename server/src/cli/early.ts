/**
 * The model feed's worker, started early: `bin/normokontrol.js` (through `launcher.ts`) starts it
 * before it loads the CLI bundle when a `check` looks like one over many files, so the worker
 * loads its code while the main thread loads the engine (~90 ms each, otherwise one after the
 * other). The worker then waits until `cli/models.ts` hands it the files, or is stopped unused.
 *
 * The launcher and the CLI are separate bundles in one context: the handle goes through a global
 * keyed by a registered symbol. This module imports nothing heavy (the launcher bundles it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';

/** Slots of the feed's shared counters: the next file to claim, the files answered, whether the files were sent (1) or the feed is off (2). */
export const CLAIM = 0;
export const DONE = 1;
export const READY = 2;
export const SHARED_SLOTS = 3;

/** Fewer files than this are checked without a feed: starting a worker would cost more. */
export const FEED_THRESHOLD = 16;

/** A started worker of the feed, not yet given its files. */
export interface FeedWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly shared: Int32Array;
}

const KEY = Symbol.for('normokontrol.earlyFeedWorker');
type Holder = { [KEY]?: FeedWorker };

/** Starts the feed's worker `script`; `files` now, or later through {@link handOver}. */
export function startFeedWorker(script: string, files?: readonly string[]): FeedWorker {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const { port1, port2 } = new threads.MessageChannel();
  const shared = new Int32Array(new SharedArrayBuffer(4 * SHARED_SLOTS));
  if (files) shared[READY] = 1;
  const worker = new threads.Worker(script, { workerData: { files, port: port2, shared }, transferList: [port2] });
  // The process ends when the main thread is done, whatever the worker is doing.
  worker.unref();
  return { worker, port: port1, shared };
}

/** Gives a worker started without files its files. */
export function handOver(feed: FeedWorker, files: readonly string[]): void {
  feed.port.postMessage({ files });
  Atomics.store(feed.shared, READY, 1);
  Atomics.notify(feed.shared, READY);
}

/** Stops a worker (its files, if any, are not needed any more). */
export function stopFeedWorker(feed: FeedWorker): void {
  Atomics.store(feed.shared, READY, 2);
  Atomics.notify(feed.shared, READY);
  feed.port.close();
  void feed.worker.terminate();
}

/** The worker started early, if any; it is the caller's from then on. */
export function takeEarlyFeedWorker(): FeedWorker | undefined {
  const holder = globalThis as Holder;
  const feed = holder[KEY];
  delete holder[KEY];
  return feed;
}

/**
 * Whether the feed may be wanted at all on this machine: two cores exactly, or a pool switched off
 * by `NORMOKONTROL_WORKERS=0` (from the third core on, a pool of workers checks the files), the
 * feed not switched off by `NORMOKONTROL_FEED=0`, the default block parser.
 */
export function feedAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return cores() >= 2 && poolWorkers(env) <= 0 && env['NORMOKONTROL_FEED'] !== '0' && env['NORMOKONTROL_PARSER'] !== 'remark';
}

/** The cores of this machine. */
function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * The pool workers `check` wants for many files: `NORMOKONTROL_WORKERS` when set (0 = no pool),
 * otherwise one per core beyond the second (see `pool.ts` poolSize).
 */
export function poolWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env['NORMOKONTROL_WORKERS'];
  return configured !== undefined && /^\d+$/.test(configured.trim()) ? Number(configured) : cores() - 2;
}

/**
 * Whether the command line (after `node` and the script) is a `check` that may well cover many
 * files, so that the feed's worker is worth starting early: no `--fix`, and a folder, a glob or at
 * least {@link FEED_THRESHOLD} paths among its arguments, on a machine where the feed is allowed.
 */
export function wantsEarlyFeed(args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands[0] !== 'check' || args.includes('--fix') || !feedAllowed(env)) return false;
  const paths = operands.slice(1);
  return paths.length >= FEED_THRESHOLD || paths.some((p) => /[*?[{]/.test(p) || isDirectory(p));
}

/** Starts the feed's worker `script` early when {@link wantsEarlyFeed}; `cli/models.ts` takes it over. */
export function startEarlyFeedWorker(args: readonly string[], script: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!wantsEarlyFeed(args, env) || !fs.existsSync(script)) return;
  try {
    (globalThis as Holder)[KEY] = startFeedWorker(script);
  } catch {
    // No worker: the CLI starts one later, or checks without.
    return;
  }
  yieldHelperThreads();
}

/** The nice value {@link yieldHelperThreads} gives the process's other threads. */
export const HELPER_NICE = 10;

/**
 * Linux: lowers the priority of every thread of the process but the calling (main) one to nice
 * {@link HELPER_NICE} — V8's compiler and GC helpers, and the feed's worker (which then lowers its
 * own to 19). On two cores the main thread, which runs the rules, shares a core with them: a
 * helper that woke on its core took it for a whole time slice (~4 ms), ~80 ms of a run in all;
 * at nice 10 it waits ~45 ms, and the run is ~2 % faster (interleaved A/B, 41 rounds, bench/README.md).
 * Threads made later take the nice value of the thread that makes them. Lowering one's own
 * threads needs no privilege; elsewhere, or when refused, nothing changes.
 */
export function yieldHelperThreads(): void {
  if (process.platform !== 'linux') return;
  let tasks: string[];
  try {
    tasks = fs.readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const t of tasks) {
    const tid = Number(t);
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try {
      os.setPriority(tid, HELPER_NICE);
    } catch {
      // Refused or gone: left as it is.
    }
  }
}

/**
 * The first of `names` that exists in `dir`: a worker script next to the code that starts it — the
 * bundled name in `dist/`, the compiled module's name in `out/` (tests).
 */
export function scriptIn(dir: string, ...names: string[]): string | undefined {
  for (const name of names) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

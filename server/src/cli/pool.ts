/**
 * A worker pool for `normokontrol check` over many files: every core analyses files, results come
 * back in input order, so the output (and the exit code) is exactly that of the sequential run.
 *
 * The worker script is `dist/cliWorker.js` next to the bundled `dist/cli.js`, or `worker.js` next
 * to this file when running from `out/` (tests). Each worker builds its own service once (all
 * registered rules) and runs {@link checkFile} per message; settings are resolved in the main
 * thread (configuration files, `--as-of`) and sent along with the path.
 */
import type { Worker } from 'node:worker_threads';
import type { Settings } from '../config';
import { displayPath } from './files';
import { poolWorkers, scriptIn } from './early';
import type { JsonFile } from './report';

/** Files below this count are checked in the main thread: starting workers would cost more. */
export const POOL_THRESHOLD = 8;

/** A job for a worker. */
export interface PoolJob {
  readonly id: number;
  readonly file: string;
  readonly settings: Settings;
  readonly fix: boolean;
  /** Working directory: report paths are relative to it. */
  readonly cwd: string;
}

/**
 * A worker's answer: the file's report, positions already computed, so neither the text nor the
 * findings travel back to the main thread.
 */
export interface PoolAnswer {
  readonly id: number;
  readonly result: JsonFile;
}

/** The worker script, or undefined when none is shipped next to this code. */
export function workerScript(): string | undefined {
  return scriptIn(__dirname, 'cliWorker.js', 'worker.js');
}

/**
 * How many workers to start for `files` files: `NORMOKONTROL_WORKERS` when set (0 = no pool),
 * otherwise one per core beyond the second; 0 when the pool is not worth it.
 *
 * Why not one per core: a single analysing thread already keeps two cores busy — V8 compiles and
 * collects garbage on background threads (a sequential run uses ~1.4 s of CPU per second). On the
 * 2-core benchmark machine a second analysing thread made the run slower (539 drafts: 1.9 s
 * sequential, 2.2 s with one worker, best of 5), so workers start from the third core on.
 */
export function poolSize(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = poolWorkers(env);
  if (wanted <= 0 || files <= POOL_THRESHOLD) return 0;
  return Math.min(wanted, Math.ceil(files / 2), 16);
}

/** node:worker_threads, loaded only when a pool starts (~2 ms of every small run's start otherwise). */
function workerThreads(): typeof import('node:worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** Jobs a worker holds at once: the next one is queued while the main thread is busy checking. */
const WORKER_QUEUE = 2;

/**
 * Checks `jobs` on `size` workers and, when `local` is given, on the main thread as well;
 * resolves to the results in input order. A job whose worker dies is answered with an error
 * result (exit code 2), never lost.
 */
export function checkFilesInPool(
  jobs: ReadonlyArray<Omit<PoolJob, 'id'>>,
  size: number,
  script: string,
  local?: (job: Omit<PoolJob, 'id'>) => JsonFile,
): Promise<JsonFile[]> {
  const results: Array<JsonFile | undefined> = new Array(jobs.length);
  const failed = (id: number, message: string): JsonFile => {
    const job = jobs[id]!;
    return { path: displayPath(job.file, job.cwd), diagnostics: [], error: `не удалось проверить файл: ${message}` };
  };
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    if (jobs.length === 0) {
      resolve([]);
      return;
    }
    const workers: Worker[] = [];
    let finished = false;
    const finish = (): void => {
      finished = true;
      for (const w of workers) void w.terminate();
      resolve(results.map((r, i) => r ?? failed(i, 'процесс проверки прервался')));
    };
    const feed = (worker: Worker, held: Set<number>): void => {
      while (held.size < WORKER_QUEUE && next < jobs.length) {
        const id = next++;
        held.add(id);
        const job: PoolJob = { id, ...jobs[id]! };
        worker.postMessage(job);
      }
    };
    const settle = (id: number, result: JsonFile): void => {
      if (id < 0 || results[id] !== undefined) return;
      results[id] = result;
      if (++done === jobs.length) finish();
    };
    for (let k = 0; k < Math.min(size, jobs.length); k++) {
      const worker = new (workerThreads().Worker)(script);
      workers.push(worker);
      const held = new Set<number>();
      worker.on('message', (answer: PoolAnswer) => {
        held.delete(answer.id);
        settle(answer.id, answer.result);
        feed(worker, held);
      });
      const fail = (error: unknown): void => {
        // The worker is gone: its jobs fail, the remaining jobs go to the others (or, when no
        // one is left, fail too).
        const message = error instanceof Error ? error.message : String(error);
        for (const id of held) settle(id, failed(id, message));
        held.clear();
        const alive = workers.filter((w) => w !== worker && w.threadId >= 0);
        workers.splice(workers.indexOf(worker), 1);
        if (alive.length === 0 && !local) {
          for (; next < jobs.length; next++) settle(next, failed(next, message));
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (held.size > 0) fail(new Error(`процесс проверки завершился с кодом ${code}`));
      });
      feed(worker, held);
    }
    if (local) {
      // The main thread takes one job at a time and yields between jobs, so worker answers are
      // handled (and workers fed) promptly.
      const step = (): void => {
        if (finished || next >= jobs.length) return;
        const id = next++;
        settle(id, local(jobs[id]!));
        setImmediate(step);
      };
      setImmediate(step);
    }
  });
}

/**
 * A worker pool for `normokontrol check` over many files: every core analyses files, results come
 * back in input order, so the output (and the exit code) is exactly that of the sequential run.
 *
 * The worker script is `dist/cliWorker.js` next to the bundled `dist/cli.js`, or `worker.js` next
 * to this file when running from `out/` (tests). Each worker builds its own service once (all
 * registered rules) and runs {@link checkFile} per message; settings are resolved in the main
 * thread (configuration files, `--as-of`) and sent along with the path.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../config';
import type { FileResult } from './check';

/** Files below this count are checked in the main thread: starting workers would cost more. */
export const POOL_THRESHOLD = 8;

/** A job for a worker. */
export interface PoolJob {
  readonly id: number;
  readonly file: string;
  readonly settings: Settings;
  readonly fix: boolean;
}

/** A worker's answer. */
export interface PoolAnswer {
  readonly id: number;
  readonly result: FileResult;
}

/** The worker script, or undefined when none is shipped next to this code. */
export function workerScript(): string | undefined {
  for (const name of ['cliWorker.js', 'worker.js']) {
    const candidate = path.join(__dirname, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * How many workers to start for `files` files: `NORMOKONTROL_WORKERS` when set (0 or 1 = no pool),
 * otherwise one per core; 0 when the pool is not worth it.
 */
export function poolSize(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = env['NORMOKONTROL_WORKERS'];
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = configured !== undefined && /^\d+$/.test(configured.trim()) ? Number(configured) : cores;
  if (wanted <= 1 || files <= POOL_THRESHOLD) return 0;
  return Math.min(wanted, Math.ceil(files / 2), 16);
}

/**
 * Checks `jobs` on `size` workers; resolves to the results in input order. A job whose worker
 * dies is answered with an error result (exit code 2), never lost.
 */
export function checkFilesInPool(
  jobs: ReadonlyArray<Omit<PoolJob, 'id'>>,
  size: number,
  script: string,
): Promise<FileResult[]> {
  const results: Array<FileResult | undefined> = new Array(jobs.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    if (jobs.length === 0) {
      resolve([]);
      return;
    }
    const workers: Worker[] = [];
    const finish = (): void => {
      for (const w of workers) void w.terminate();
      resolve(results.map((r, i) => r ?? { file: jobs[i]!.file, findings: [], error: 'не удалось проверить файл: процесс проверки прервался' }));
    };
    const feed = (worker: Worker, current: { id: number }): void => {
      if (next >= jobs.length) {
        current.id = -1;
        return;
      }
      const id = next++;
      current.id = id;
      const job: PoolJob = { id, ...jobs[id]! };
      worker.postMessage(job);
    };
    const settle = (id: number, result: FileResult): void => {
      if (id < 0 || results[id] !== undefined) return;
      results[id] = result;
      if (++done === jobs.length) finish();
    };
    for (let k = 0; k < Math.min(size, jobs.length); k++) {
      const worker = new Worker(script);
      workers.push(worker);
      const current = { id: -1 };
      worker.on('message', (answer: PoolAnswer) => {
        settle(answer.id, answer.result);
        feed(worker, current);
      });
      const fail = (error: unknown): void => {
        // The worker is gone: its job fails, the remaining jobs go to the other workers (or, when
        // none is left, fail too).
        const message = error instanceof Error ? error.message : String(error);
        settle(current.id, { file: jobs[current.id]?.file ?? '', findings: [], error: `не удалось проверить файл: ${message}` });
        current.id = -1;
        const alive = workers.filter((w) => w !== worker && w.threadId >= 0);
        workers.splice(workers.indexOf(worker), 1);
        if (alive.length === 0) {
          for (; next < jobs.length; next++) settle(next, { file: jobs[next]!.file, findings: [], error: `не удалось проверить файл: ${message}` });
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (current.id >= 0) fail(new Error(`процесс проверки завершился с кодом ${code}`));
      });
      feed(worker, current);
    }
  });
}

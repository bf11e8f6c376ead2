/**
 * Worker-thread entry of the CLI pool (bundled to `dist/cliWorker.js`): builds the service once
 * and answers every {@link PoolJob} with the report of {@link checkFile} (positions computed here).
 */
import { parentPort } from 'node:worker_threads';
import type { Settings } from '../config';
import { createRegulationService } from '../service';
import { checkFile } from './check';
import type { PoolAnswer, PoolJob } from './pool';
import { toJsonFile } from './report';

const service = createRegulationService({
  logger: {
    info: () => undefined,
    warn: (m) => void process.stderr.write(`normokontrol: ${m.split('\n')[0]!}\n`),
    error: (m) => void process.stderr.write(`normokontrol: ${m.split('\n')[0]!}\n`),
  },
});

/**
 * Settings arrive as a fresh copy with every job; the engine resolves rule settings once per
 * settings object, so equal settings are mapped to one object (a handful of configurations per run).
 */
const interned = new Map<string, Settings>();
function intern(settings: Settings): Settings {
  const key = JSON.stringify(settings);
  let s = interned.get(key);
  if (!s) {
    if (interned.size >= 64) interned.clear();
    interned.set(key, (s = settings));
  }
  return s;
}

parentPort?.on('message', (job: PoolJob) => {
  const result = toJsonFile(checkFile(job.file, intern(job.settings), { service, fix: job.fix }), job.cwd);
  const answer: PoolAnswer = { id: job.id, result };
  parentPort!.postMessage(answer);
});

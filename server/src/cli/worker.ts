/**
 * Worker-thread entry of the CLI pool (bundled to `dist/cliWorker.js`): builds the service once
 * and answers every {@link PoolJob} with the report of {@link checkFile} (positions computed here).
 */
import { parentPort } from 'node:worker_threads';
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

parentPort?.on('message', (job: PoolJob) => {
  const result = toJsonFile(checkFile(job.file, job.settings, { service, fix: job.fix }), job.cwd);
  const answer: PoolAnswer = { id: job.id, result };
  parentPort!.postMessage(answer);
});

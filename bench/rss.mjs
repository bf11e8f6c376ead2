// Fallback for systems without GNU time: runs a command and prints `__TIME__ <seconds> 0` on
// stderr like `/usr/bin/time -f '__TIME__ %e %M'`. Node exposes no RUSAGE_CHILDREN, so the
// child's peak memory is unknown here and reported as 0.
import { spawnSync } from 'node:child_process';

const started = performance.now();
const r = spawnSync(process.argv[2], process.argv.slice(3), { stdio: ['ignore', 'ignore', 'inherit'] });
process.stderr.write(`__TIME__ ${((performance.now() - started) / 1000).toFixed(2)} 0\n`);
process.exitCode = r.status ?? 2;

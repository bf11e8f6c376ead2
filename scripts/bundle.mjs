// Bundles the client, the server and the CLI into CommonJS files under dist/ with esbuild.
// unified/remark are ESM-only; esbuild inlines them, so the shipped code needs no require(esm).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { arrayLoops } from './arrayLoops.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  legalComments: 'none',
};

// commander loads node:child_process when it is loaded (for executable subcommands, which the CLI
// does not have): ~5 ms of every run's start. In the CLI bundle it gets the module on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      loader: 'js',
      contents: "let m; const get = () => (m ??= require('node:child_process'));\nmodule.exports = new Proxy({}, { get: (_, k) => get()[k], has: (_, k) => k in get() });\n",
    }));
  },
};

// The engine's bundles get indexed loops for array for-of loops (scripts/arrayLoops.mjs).
const loops = arrayLoops(path.resolve(import.meta.dirname, '..'));

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/bin/server.ts'], outfile: 'dist/server.js', plugins: [loops] }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [loops, lazyChildProcess] }),
  // The CLI's worker pool (server/src/cli/pool.ts) starts this next to dist/cli.js.
  build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js', plugins: [loops] }),
  // The CLI's model feed (server/src/cli/models.ts) starts this next to dist/cli.js.
  build({ ...common, entryPoints: ['server/src/cli/modelWorker.ts'], outfile: 'dist/cliModels.js', plugins: [loops] }),
  // bin/normokontrol.js starts the CLI through this loader (V8 code cache, see below).
  build({ ...common, entryPoints: ['server/src/cli/launcher.ts'], outfile: 'dist/launcher.js' }),
]);

// The CLI's V8 code cache (server/src/cli/launcher.ts): the bytecode of the functions a `check`
// run compiles, taken from a training run over the example drafts and the test drafts, tied to
// this very dist/cli.js by its hash. Without it (or with another Node) the CLI compiles as usual.
const root = path.resolve(import.meta.dirname, '..');
const cache = path.join(root, 'dist', 'cli.js.cache');
fs.rmSync(cache, { force: true });
const training = ['examples', 'test/fixtures/drafts'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
if (training.length > 0) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'normokontrol.js'), 'check', '--format', 'json', ...training], {
    cwd: root,
    env: { ...process.env, NORMOKONTROL_CODE_CACHE: 'write', NORMOKONTROL_WORKERS: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (!fs.existsSync(cache)) console.warn(`bundle: no CLI code cache written (exit ${run.status}): ${(run.stderr ?? '').slice(-500)}`);
}

// Bundles the client, the server and the CLI into CommonJS files under dist/ with esbuild.
// unified/remark are ESM-only; esbuild inlines them, so the shipped code needs no require(esm).
import { build } from 'esbuild';

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

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/bin/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  // The CLI's worker pool (server/src/cli/pool.ts) starts this next to dist/cli.js.
  build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js' }),
]);

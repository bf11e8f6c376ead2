// Generates snippets/legal-basis.code-snippets from the acts registry (server/data/acts.json),
// so the basis-list snippets never drift from the data. Uses the compiled generator
// (out/server/src/legal/snippets.js): the npm script runs `tsc -b server` first.
// `--check` exits with 1 when the committed file differs (for CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { legalSnippetsFile } = require(join(root, 'out/server/src/legal/snippets.js'));
const data = JSON.parse(readFileSync(join(root, 'server/data/acts.json'), 'utf8'));
const target = join(root, 'snippets/legal-basis.code-snippets');
const text = legalSnippetsFile(data);

if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(target, 'utf8'); } catch { /* missing counts as drift */ }
  if (current !== text) {
    console.error('snippets/legal-basis.code-snippets is stale: run `npm run generate:legal-snippets`');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

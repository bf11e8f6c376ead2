// `npm run demo`: the main job on the bundled example drafts — check every draft, then show the
// outline of one. Findings are the point of the demo, so it exits 0 unless the CLI itself fails (2).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const drafts = readdirSync('examples').filter((f) => f.endsWith('.md')).map((f) => `examples/${f}`);
const run = (args) => {
  console.log(`\n$ normokontrol ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/normokontrol.js', ...args], { stdio: 'inherit' });
  if (r.status === 2 || r.status === null) process.exit(2);
};
run(['check', ...drafts]);
run(['outline', drafts[0]]);

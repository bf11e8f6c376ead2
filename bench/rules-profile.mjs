#!/usr/bin/env node
/**
 * Per-rule CPU profile of the engine (after `npx tsc -b`): parses every draft of
 * `test/fixtures/drafts/**`, `test/fixtures/parser/**`, the shared corpus (`/work/shared/corpus`
 * or NORMOKONTROL_CORPUS) and a ~1 MB concatenation, then runs all rules with per-rule timings and
 * prints a table: per rule total ms and ms per draft, with the shared analyses computed through
 * `ctx.memo` (platform, roles, citations, legal facts…) listed apart (their time is not charged to
 * the rule that happened to ask first).
 *
 *   node bench/rules-profile.mjs                 # table
 *   PROFILE_ROUNDS=5 node bench/rules-profile.mjs
 *   node bench/rules-profile.mjs --dump out.json # findings of every draft (differential checks)
 *   node bench/rules-profile.mjs --root /path/to/other/checkout
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = argValue('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const dumpFile = argValue('--dump');
const only = argValue('--only'); // substring of a draft name
const rounds = Number(process.env.PROFILE_ROUNDS ?? (dumpFile ? 1 : 3));
const require = createRequire(join(root, 'package.json'));
const out = (p) => require(join(root, 'out/server/src', p));

const { parseMarkdown } = out('syntax/parse.js');
const { buildModel } = out('model/clauseTree.js');
const { getKnowledge } = out('knowledge/index.js');
const { allRules } = out('rules/index.js');
const { runRules, effectiveSeverity, ruleSetting } = out('service/engine.js');
const { normalizeSettings } = out('config.js');
const { suppressionFilter } = out('rules/suppression.js');

function walk(dir, acc = []) {
  if (!existsSync(dir)) return acc;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (name.endsWith('.md') && !name.endsWith('.fixed.md')) acc.push(p);
  }
  return acc;
}

const corpusDir = process.env.NORMOKONTROL_CORPUS ?? '/work/shared/corpus';
const files = [...walk(join(root, 'test/fixtures/drafts')), ...walk(join(root, 'test/fixtures/parser')), ...walk(corpusDir)];
const drafts = files.map((f) => ({ name: f.startsWith(root) ? relative(root, f) : f, text: readFileSync(f, 'utf8') }));
{
  // ~1 MB: the drafts concatenated until the size is reached (same recipe every run).
  const parts = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const t = drafts[i % drafts.length].text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    parts.push(t);
    size += t.length + 2;
  }
  drafts.push({ name: '<1 MB concatenation>', text: parts.join('\n\n'), group: '1 MB concatenation of all drafts' });
}
{
  // The drafts of `npm run bench` (bench/corpus.mjs): 35 KB with and without blank lines, 1 MB.
  const { draftOfSize } = await import(join(root, 'bench/corpus.mjs'));
  drafts.push({ name: '<35 KB rpl-poryadok-2025>', text: draftOfSize(35, 'rpl-poryadok-2025'), group: '35 KB bench drafts' });
  drafts.push({ name: '<35 KB sosh14-sferum-2024>', text: draftOfSize(35, 'sosh14-sferum-2024'), group: '35 KB bench drafts' });
  drafts.push({ name: '<1 MB rpl-poryadok-2025>', text: draftOfSize(1024, 'rpl-poryadok-2025'), group: '1 MB bench draft' });
}
const selected = only ? drafts.filter((d) => d.name.includes(only)) : drafts;

const settings = normalizeSettings({});
const knowledge = getKnowledge(settings.knowledge);
const asOf = '2025-06-01';
const logger = { error: (m) => console.error(m), warn() {}, info() {}, log() {} };

if (dumpFile) {
  const dump = {};
  for (const d of selected) {
    const { tree } = parseMarkdown(d.text);
    const model = buildModel(d.text, tree);
    dump[d.name] = runRules({ text: d.text, model, tree, settings, knowledge, asOf, rules: allRules, logger, failedRules: new Set() });
  }
  writeFileSync(dumpFile, JSON.stringify(dump, null, 1));
  console.log(`wrote findings of ${selected.length} drafts to ${dumpFile}`);
  process.exit(0);
}

/** Like engine.runRules, but times memo computations apart from the rules. */
function profileRun(text, model, tree, ruleTimes, memoTimes) {
  const memo = new Map();
  const suppressed = suppressionFilter(model);
  let memoSpent = 0;
  let count = 0;
  for (const rule of allRules) {
    if (effectiveSeverity(settings, rule) === 'off') continue;
    const options = { ...(rule.options ?? {}), ...(ruleSetting(settings, rule)?.options ?? {}) };
    const ctx = {
      text, model, tree, options, asOf, knowledge,
      memo(key, compute) {
        if (!memo.has(key)) {
          const before = memoSpent;
          const t0 = performance.now();
          memo.set(key, compute());
          const spent = performance.now() - t0;
          const own = spent - (memoSpent - before); // nested memos are charged to themselves
          memoTimes.set(key, (memoTimes.get(key) ?? 0) + own);
          memoSpent = before + spent;
        }
        return memo.get(key);
      },
      report(r) {
        if (!suppressed({ ...r, ruleId: rule.id })) count++;
      },
    };
    const before = memoSpent;
    const t0 = performance.now();
    rule.check(ctx);
    const spent = performance.now() - t0 - (memoSpent - before);
    ruleTimes.set(rule.id, (ruleTimes.get(rule.id) ?? 0) + spent);
  }
  return count;
}

function profile(set, label) {
  const ruleTimes = new Map();
  const memoTimes = new Map();
  let parse = 0;
  let modelMs = 0;
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    const measured = r > 0 || rounds === 1; // round 0 warms up
    for (const d of set) {
      let t0 = performance.now();
      const { tree } = parseMarkdown(d.text);
      const t1 = performance.now();
      const model = buildModel(d.text, tree);
      const t2 = performance.now();
      const rt = measured ? ruleTimes : new Map();
      const mt = measured ? memoTimes : new Map();
      profileRun(d.text, model, tree, rt, mt);
      if (measured) {
        parse += t1 - t0;
        modelMs += t2 - t1;
        n++;
      }
    }
  }
  const rulesTotal = [...ruleTimes.values()].reduce((a, b) => a + b, 0);
  const memoTotal = [...memoTimes.values()].reduce((a, b) => a + b, 0);
  const bytes = set.reduce((a, d) => a + d.text.length, 0) / set.length;
  const kb = set.reduce((a, d) => a + Buffer.byteLength(d.text), 0) / set.length;
  console.log(`\n## ${label}: ${set.length} drafts, avg ${(bytes / 1000).toFixed(1)} K chars / ${(kb / 1024).toFixed(1)} KB, ${rounds > 1 ? rounds - 1 : 1} measured round(s)`);
  console.log(`parse ${(parse / n).toFixed(2)} ms/draft · model ${(modelMs / n).toFixed(2)} ms/draft · rules+analyses ${((rulesTotal + memoTotal) / n).toFixed(2)} ms/draft (rules ${(rulesTotal / n).toFixed(2)}, shared analyses ${(memoTotal / n).toFixed(2)})`);
  const rows = [
    ...[...memoTimes].map(([k, v]) => ({ name: `memo ${k}`, v })),
    ...[...ruleTimes].map(([k, v]) => ({ name: k, v })),
  ].sort((a, b) => b.v - a.v);
  console.log('| rule / shared analysis | total ms | ms per draft |');
  console.log('| --- | ---: | ---: |');
  for (const row of rows) {
    if (row.v / n < 0.005 && rows.length > 30) continue;
    console.log(`| ${row.name} | ${row.v.toFixed(1)} | ${(row.v / n).toFixed(3)} |`);
  }
}

const groups = new Map();
for (const d of selected) {
  const g = d.group ?? 'fixture and corpus drafts';
  if (!groups.has(g)) groups.set(g, []);
  groups.get(g).push(d);
}
for (const [label, set] of groups) profile(set, label);

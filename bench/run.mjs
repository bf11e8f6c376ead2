// `npm run bench`: normokontrol side by side with markdownlint-cli2 and textlint + prh on a
// generated corpus, the language server's didChange → publishDiagnostics latency over stdio, and
// the server's memory with 50 drafts open. Prints a table; writes bench/results/latest.json.
//
// Options (environment): BENCH_FILES (corpus size, default 512), BENCH_EDITS (edits per latency
// run, default 60), BENCH_SKIP (comma list of: cli,lsp,memory).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { draftOfSize, generateCorpus } from './corpus.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const FILES = Number(process.env.BENCH_FILES ?? 512);
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const HAS_GNU_TIME = fs.existsSync('/usr/bin/time');

/** Runs a command; resolves with wall time (ms), peak RSS (MB) and the exit code. */
function measure(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const argv = HAS_GNU_TIME ? ['/usr/bin/time', '-f', '__TIME__ %e %M %U %S', cmd, ...args] : [process.execPath, path.join(import.meta.dirname, 'rss.mjs'), cmd, ...args];
    const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = performance.now() - started;
      const m = /__TIME__ ([\d.]+) (\d+)(?: ([\d.]+) ([\d.]+))?/.exec(stderr);
      if (!m) {
        reject(new Error(`${cmd}: no measurement (exit ${code})\n${stderr.slice(-2000)}`));
        return;
      }
      // GNU time reports the largest RSS of the process tree's biggest process, in KB.
      const cpuMs = m[3] === undefined ? NaN : (Number(m[3]) + Number(m[4])) * 1000;
      resolve({ ms: wall, cpuMs, rssMb: Number(m[2]) / 1024, code, stderr: stderr.replace(/__TIME__.*\n?/, '') });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function benchCli(corpus) {
  const tools = [
    { name: 'normokontrol (all rules)', cmd: process.execPath, args: [path.join(ROOT, 'bin', 'normokontrol.js'), 'check', '--format', 'json', corpus.dir], cwd: ROOT },
    { name: 'markdownlint-cli2', cmd: path.join(BIN, 'markdownlint-cli2'), args: ['**/*.md'], cwd: corpus.dir },
    { name: 'textlint + prh', cmd: path.join(BIN, 'textlint'), args: ['--config', path.join(import.meta.dirname, '.textlintrc.json'), `${corpus.dir}/**/*.md`], cwd: ROOT },
  ];
  // Rounds interleave the tools, the order rotating from round to round (A B C, B C A, C A B, …),
  // so that a slow spell of a shared machine, or the wake of the run before, falls on all of them
  // alike; each tool's best round is its figure, the median is shown too.
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 6));
  const runs = tools.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < tools.length; j++) {
      const k = (round + j) % tools.length;
      runs[k].push(await measure(tools[k].cmd, tools[k].args, tools[k].cwd));
    }
  }
  const rows = [];
  for (const [k, t] of tools.entries()) {
    const best = runs[k].reduce((a, b) => (b.ms < a.ms ? b : a));
    if (best.code !== 0 && best.code !== 1) throw new Error(`${t.name} failed with exit code ${best.code}:\n${best.stderr.slice(-2000)}`);
    rows.push({
      tool: t.name,
      wallMs: Math.round(best.ms),
      medianWallMs: Math.round(median(runs[k].map((r) => r.ms))),
      cpuMs: Math.round(best.cpuMs),
      filesPerSec: Math.round(corpus.files / (best.ms / 1000)),
      peakRssMb: Math.round(best.rssMb),
      exitCode: best.code,
      rounds,
      runsMs: runs[k].map((r) => Math.round(r.ms)),
    });
  }
  return rows;
}

/** The median time of a full remark parse of `text` (in this process, warmed up). */
async function remarkParseMs(text) {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const processor = unified().use(remarkParse);
  processor.parse(text);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    processor.parse(text);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function startServer() {
  const { LspClient } = require(path.join(ROOT, 'out', 'test', 'helpers', 'lspClient.js'));
  return LspClient.start({
    command: [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio'],
    // A plain client: no pull diagnostics, so the server publishes on every change.
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { didSave: false } } },
    timeoutMs: 120_000,
  });
}

/** The (line, character) of an offset, for an LSP range. */
function positionAt(text, offset) {
  let line = 0;
  let last = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i + 1;
    }
  }
  return { line, character: offset - last };
}

/**
 * didChange → publishDiagnostics latency: types `edits` characters one by one in the middle of the
 * draft (an incremental change each, as an editor sends while typing) and waits for the
 * diagnostics of each version before the next keystroke.
 */
async function latency(client, uri, text, edits) {
  let version = 1;
  let since = client.published.length;
  await client.open(uri, text, version);
  await client.waitForDiagnostics(uri, (p) => p.version === version, since);
  // Type inside a clause in the middle of the document: a word, then remove it again.
  const at = text.indexOf(' ', Math.floor(text.length / 2));
  const pos = positionAt(text, at);
  const word = ' проверка';
  const times = [];
  for (let i = 0; i < edits; i++) {
    const typing = i % (2 * word.length) < word.length;
    const k = i % word.length;
    const change = typing
      ? { range: { start: { line: pos.line, character: pos.character + k }, end: { line: pos.line, character: pos.character + k } }, text: word[k] }
      : { range: { start: { line: pos.line, character: pos.character + word.length - k - 1 }, end: { line: pos.line, character: pos.character + word.length - k } }, text: '' };
    version++;
    since = client.published.length;
    const v = version;
    const started = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await client.waitForDiagnostics(uri, (p) => p.version === v, since);
    times.push(performance.now() - started);
  }
  await client.close(uri);
  const warm = times.slice(Math.min(5, Math.floor(times.length / 4))); // skip JIT warm-up
  return { edits: warm.length, p50: median(warm), p95: percentile(warm, 95), max: Math.max(...warm) };
}

async function benchLsp() {
  const out = {};
  const client = await startServer();
  try {
    // A draft with blank lines between paragraphs (most drafts), one written without blank lines
    // (the whole body one Markdown paragraph per section: no incremental re-parse possible), and a
    // 1 MB draft grown from the first.
    const drafts = [
      ['35kb', 35, 'rpl-poryadok-2025'],
      ['35kb-no-blank-lines', 35, 'sosh14-sferum-2024'],
      ['1mb', 1024, 'rpl-poryadok-2025'],
    ];
    for (const [name, kb, source] of drafts) {
      const text = draftOfSize(kb, source);
      const r = await latency(client, `file:///bench/${name}.md`, text, kb > 100 ? Math.min(EDITS, 30) : EDITS);
      out[name] = { source, bytes: Buffer.byteLength(text), ...r };
      if (kb > 100) out[name].remarkParseMs = await remarkParseMs(text);
    }
  } finally {
    await client.stop().catch(() => client.kill());
  }
  return out;
}

function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function benchMemory(corpus) {
  if (!fs.existsSync('/proc/self/status')) return { skipped: 'no /proc' };
  const files = [];
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(corpus.dir);
  const picked = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / 50)) === 0).slice(0, 50);
  const client = await startServer();
  try {
    const before = rssOf(client.process.pid);
    let bytes = 0;
    for (const [i, file] of picked.entries()) {
      const text = fs.readFileSync(file, 'utf8');
      bytes += Buffer.byteLength(text);
      const uri = `file:///bench/open-${i}.md`;
      const since = client.published.length;
      await client.open(uri, text, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1, since);
    }
    const after = rssOf(client.process.pid);
    return { documents: picked.length, bytes, idleRssMb: Math.round(before.rssMb), rssMb: Math.round(after.rssMb), peakRssMb: Math.round(after.peakMb) };
  } finally {
    await client.stop().catch(() => client.kill());
  }
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js')) || !fs.existsSync(path.join(ROOT, 'out', 'test', 'helpers', 'lspClient.js'))) {
    throw new Error('build first: npm run build');
  }
  const corpus = generateCorpus(FILES);
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism?.() ?? os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, load: os.loadavg().map((x) => x.toFixed(2)).join(' ') },
    corpus: { files: corpus.files, sources: corpus.sources, mb: +(corpus.bytes / 2 ** 20).toFixed(2) },
  };
  try {
    console.log(`Corpus: ${corpus.files} drafts from ${corpus.sources} sources, ${results.corpus.mb} MB (${corpus.dir}); ${results.machine.cpus} cores, load ${results.machine.load}\n`);
    if (!SKIP.has('cli')) {
      const rows = await benchCli(corpus);
      const ours = rows[0];
      for (const r of rows) r.ratio = +(ours.wallMs / r.wallMs).toFixed(2);
      for (const r of rows) r.medianRatio = +(ours.medianWallMs / r.medianWallMs).toFixed(2);
      results.cli = rows;
      for (const r of rows) r.cpuRatio = +(ours.cpuMs / r.cpuMs).toFixed(2);
      console.log(table(rows, ['tool', 'wallMs', 'medianWallMs', 'cpuMs', 'filesPerSec', 'peakRssMb', 'ratio', 'medianRatio', 'cpuRatio']));
      console.log(`(best of ${rows[0].rounds} interleaved rounds; ratio = normokontrol wall time / tool wall time, targets ≤ 0.5 vs markdownlint-cli2\n and ≤ 0.25 vs textlint + prh; medianRatio = the same for the median rounds; cpuRatio = the same for user+sys CPU time:\n normokontrol spends more CPU than wall time on two cores, its second thread building models)\n`);
    }
    if (!SKIP.has('lsp')) {
      results.lsp = await benchLsp();
      const rows = Object.entries(results.lsp).map(([k, v]) => ({ draft: k, kb: Math.round(v.bytes / 1024), edits: v.edits, p50Ms: v.p50.toFixed(1), p95Ms: v.p95.toFixed(1), maxMs: v.max.toFixed(1), remarkParseMs: v.remarkParseMs?.toFixed(1) ?? '' }));
      console.log(table(rows, ['draft', 'kb', 'edits', 'p50Ms', 'p95Ms', 'maxMs', 'remarkParseMs']));
      console.log('(didChange → publishDiagnostics over stdio; targets p95 ≤ 25 ms at 35 KB, ≤ one full remark parse at 1 MB)\n');
    }
    if (!SKIP.has('memory')) {
      results.memory = await benchMemory(corpus);
      console.log(table([results.memory], Object.keys(results.memory)));
      console.log('(language server with 50 drafts open; target ≤ 150 MB)\n');
    }
    const targets = {};
    if (results.cli) {
      targets.cliVsMarkdownlint = results.cli[1].wallMs > 0 ? +(results.cli[0].wallMs / results.cli[1].wallMs).toFixed(2) : null;
      targets.cliVsTextlint = +(results.cli[0].wallMs / results.cli[2].wallMs).toFixed(2);
    }
    if (results.lsp) {
      targets.lsp35kbP95Ms = +results.lsp['35kb'].p95.toFixed(1);
      targets.lsp35kbNoBlankLinesP95Ms = +results.lsp['35kb-no-blank-lines'].p95.toFixed(1);
      targets.lsp1mbP95VsParse = +(results.lsp['1mb'].p95 / results.lsp['1mb'].remarkParseMs).toFixed(2);
    }
    if (results.memory?.rssMb) targets.serverRss50Mb = results.memory.rssMb;
    results.targets = targets;
    const met = {
      cliVsMarkdownlint: targets.cliVsMarkdownlint === undefined ? undefined : targets.cliVsMarkdownlint <= 0.5,
      cliVsTextlint: targets.cliVsTextlint === undefined ? undefined : targets.cliVsTextlint <= 0.25,
      lsp35kbP95Ms: targets.lsp35kbP95Ms === undefined ? undefined : targets.lsp35kbP95Ms <= 25,
      lsp35kbNoBlankLinesP95Ms: targets.lsp35kbNoBlankLinesP95Ms === undefined ? undefined : targets.lsp35kbNoBlankLinesP95Ms <= 25,
      lsp1mbP95VsParse: targets.lsp1mbP95VsParse === undefined ? undefined : targets.lsp1mbP95VsParse <= 1,
      serverRss50Mb: targets.serverRss50Mb === undefined ? undefined : targets.serverRss50Mb <= 150,
    };
    results.met = met;
    console.log(table(Object.entries(targets).map(([k, v]) => ({ target: k, value: v, met: met[k] ? 'yes' : 'NO' })), ['target', 'value', 'met']));
    fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(import.meta.dirname, 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    console.log('\nwritten bench/results/latest.json');
  } finally {
    fs.rmSync(corpus.dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});

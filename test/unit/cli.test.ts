/**
 * The CLI end to end: `node bin/normokontrol.js …` (the esbuild bundle; `npm test` builds it first)
 * on temporary copies of fixture drafts — JSON shape, exit codes, text and SARIF formats, atomic
 * `--fix`, `outline`, configuration files. A few tests run `runCli` in process with stand-in rules
 * where a real rule with the needed behaviour cannot be relied on (a finding after an emoji, a
 * broken fix, the date a rule sees). Assertions about real rules filter by rule id, so rules added
 * later do not break them.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/program';
import { createRegulationService } from '../../server/src/service';
import { allRules } from '../../server/src/rules';
import { defineRule, type Rule } from '../../server/src/rules/types';
import { FIXTURES, SHARED_CORPUS } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'normokontrol.js');
const CLI_FIXTURES = path.join(FIXTURES, 'cli');
const NUMBERING_ONLY = path.join(CLI_FIXTURES, 'numbering-only.json');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function runInProcess(args: readonly string[], cwd: string, rules: readonly Rule[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    service: createRegulationService({ rules }),
  });
  return { code, stdout, stderr };
}

/** The 0-based index of the n-th (0-based) line starting with `prefix`. */
function lineIndex(text: string, prefix: string, nth = 0): number {
  const lines = text.split(/\r\n|\r|\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.replace(/^\uFEFF/, '').startsWith(prefix) && seen++ === nth) return i;
  }
  throw new Error(`no line starting with ${prefix}`);
}

function assertNoStackTrace(r: Run): void {
  assert.doesNotMatch(r.stderr, /^\s+at .+\(.+:\d+:\d+\)$/m, `stack trace on stderr:\n${r.stderr}`);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON output is inspected structurally */

describe('CLI (bin/normokontrol.js)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build`');
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normokontrol-cli-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const copy = (name: string, as = name): string => {
    const target = path.join(dir, as);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(CLI_FIXTURES, name), target);
    return target;
  };

  describe('check --format json', () => {
    it('reports a duplicate number with 0-based LSP positions, fixes and related information', () => {
      const file = copy('duplicate.md');
      const text = fs.readFileSync(file, 'utf8');
      const r = run(['check', '--format', 'json', 'duplicate.md'], dir);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(report), ['files']);
      assert.equal(report.files.length, 1);
      const f = report.files[0];
      assert.equal(f.path, 'duplicate.md');
      assert.ok(!('error' in f));
      for (const d of f.diagnostics) {
        for (const key of ['rule', 'severity', 'message', 'range', 'fixes']) assert.ok(key in d, `missing ${key} in ${JSON.stringify(d)}`);
        assert.match(d.severity, /^(error|warning|information|hint)$/);
        assert.ok(Array.isArray(d.fixes));
        for (const fix of d.fixes) {
          assert.equal(typeof fix.title, 'string');
          for (const e of fix.edits) {
            assert.equal(typeof e.newText, 'string');
            assert.equal(typeof e.range.start.line, 'number');
          }
        }
      }
      const dups = f.diagnostics.filter((d: any) => d.rule === 'numbering/duplicate');
      assert.equal(dups.length, 1);
      const dup = dups[0];
      const second = lineIndex(text, '1.2.', 1);
      assert.equal(dup.severity, 'error');
      assert.deepEqual(dup.range.start, { line: second, character: 0 });
      assert.equal(dup.range.end.line, second);
      assert.ok(dup.range.end.character === 3 || dup.range.end.character === 4, JSON.stringify(dup.range));
      assert.deepEqual(dup.fixes, []);
      assert.equal(dup.relatedInformation[0].range.start.line, lineIndex(text, '1.2.', 0));
    });

    it('counts characters in UTF-16 code units after an emoji and «» on the line (runCli in process)', async () => {
      const line = 'Чат 😀 «Сферум» для уведомлений';
      fs.writeFileSync(path.join(dir, 'emoji.md'), `\uFEFFПОЛОЖЕНИЕ\n\n${line}\n`);
      const rule = defineRule({
        id: 'text/test-word',
        description: 'Слово «Сферум» (правило для теста)',
        defaultSeverity: 'warning',
        fixable: true,
        check(ctx) {
          const start = ctx.text.indexOf('Сферум');
          ctx.report({ range: { start, end: start + 6 }, message: 'Слово Сферум', fixes: [{ title: 'Заменить', edits: [{ start, end: start + 6, newText: 'MAX' }] }] });
          const first = ctx.text.indexOf('ПОЛОЖЕНИЕ');
          ctx.report({ range: { start: first, end: first + 9 }, message: 'Первая строка после BOM' });
        },
      });
      const r = await runInProcess(['check', '--format', 'json', 'emoji.md'], dir, [rule]);
      assert.equal(r.code, 0, r.stderr);
      const [title, word] = JSON.parse(r.stdout).files[0].diagnostics;
      // «Чат » = 4, «😀» = 2 UTF-16 units (1 code point), « «» = 2: the word starts at character 8.
      assert.deepEqual(word.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 14 } });
      assert.deepEqual(word.fixes[0].edits[0], { range: word.range, newText: 'MAX' });
      // The BOM is not a character for editors: the title starts at character 0.
      assert.deepEqual(title.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    });
  });

  describe('the shipped bundle', () => {
    it('reports byte for byte what the engine reports in process, over every fixture draft and the shared drafts', async () => {
      // The bundle is built from the same sources with a rewrite of array loops
      // (scripts/arrayLoops.mjs); the unit tests run the TypeScript output. Both must agree.
      const args = ['check', '--format', 'json', '--as-of', '2026-01-15', FIXTURES, SHARED_CORPUS];
      const bundled = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28, env: { ...process.env, NORMOKONTROL_WORKERS: '0' } });
      const inProcess = await runInProcess(args, ROOT, allRules);
      assert.equal(bundled.status, inProcess.code, bundled.stderr);
      const files = JSON.parse(inProcess.stdout).files as Array<{ diagnostics: unknown[] }>;
      assert.ok(files.length >= 150 && files.filter((f) => f.diagnostics.length > 0).length >= 100, 'many drafts, most with findings');
      assert.equal(bundled.stdout, inProcess.stdout);
    });
  });

  describe('model feed', () => {
    it('gives the same report with the model feed as without: unreadable, non-UTF-8, BOM and CRLF files included', () => {
      const drafts = fs.readdirSync(path.join(FIXTURES, 'drafts', 'clean')).filter((n) => n.endsWith('.md') && !n.endsWith('.fixed.md'));
      for (let i = 0; i < 20; i++) {
        const source = fs.readFileSync(path.join(FIXTURES, 'drafts', 'clean', drafts[i % drafts.length]!), 'utf8');
        const text = i % 3 === 0 ? '\ufeff' + source.replace(/\r?\n/g, '\r\n') : source.replace('MAX', 'МАХ');
        fs.writeFileSync(path.join(dir, `d${String(i).padStart(2, '0')}.md`), text);
      }
      fs.writeFileSync(path.join(dir, 'd05.md'), Buffer.concat([Buffer.from('# ПОЛОЖЕНИЕ\n\n1. Общие положения\n', 'utf8'), Buffer.from([0xff, 0xfe, 0x0a])]));
      fs.rmSync(path.join(dir, 'd07.md'));
      fs.symlinkSync(path.join(dir, 'нет такого файла.md'), path.join(dir, 'd07.md'));
      const runFeed = (feed: string): Run => {
        // Files named one by one: a directory would skip the broken link.
        const names = Array.from({ length: 20 }, (_, i) => `d${String(i).padStart(2, '0')}.md`);
        const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...names], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NORMOKONTROL_WORKERS: '0', NORMOKONTROL_FEED: feed } });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      };
      const alone = runFeed('0');
      const fed = runFeed('1');
      assert.equal(alone.code, 2, alone.stderr);
      assert.equal(fed.code, alone.code, fed.stderr);
      assert.equal(fed.stdout, alone.stdout);
      assert.equal(fed.stderr, alone.stderr);
      const files = JSON.parse(fed.stdout).files as Array<{ path: string; error?: string; diagnostics: unknown[] }>;
      assert.equal(files.length, 20);
      assert.match(files.find((f) => f.path === 'd07.md')!.error!, /не удалось прочитать файл/);
      assert.ok(files.filter((f) => f.diagnostics.length > 0).length >= 15);
    });
  });

  describe('worker pool', () => {
    function runWith(args: readonly string[], cwd: string, workers: string): Run {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NORMOKONTROL_WORKERS: workers } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    }

    it('gives the same report, in input order, with workers as without (text and JSON, --fix too)', () => {
      // 24 drafts: well over the pool threshold.
      const drafts = fs.readdirSync(path.join(FIXTURES, 'drafts', 'clean')).filter((n) => n.endsWith('.md') && !n.endsWith('.fixed.md'));
      assert.ok(drafts.length >= 8, 'enough clean drafts');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-pool-'));
      try {
        const makeCopies = (into: string): void => {
          fs.mkdirSync(into, { recursive: true });
          for (let i = 0; i < 24; i++) {
            const source = fs.readFileSync(path.join(FIXTURES, 'drafts', 'clean', drafts[i % drafts.length]!), 'utf8');
            // Planted defects so that every file has findings and fixes.
            fs.writeFileSync(path.join(into, `d${String(i).padStart(2, '0')}.md`), source.replace('MAX', 'МАХ').replace('Сферум', 'Сферм'));
          }
        };
        makeCopies(path.join(folder, 'a'));
        makeCopies(path.join(folder, 'b'));
        for (const format of ['json', 'text']) {
          const alone = runWith(['check', '--format', format, '.'], path.join(folder, 'a'), '0');
          const pooled = runWith(['check', '--format', format, '.'], path.join(folder, 'a'), '2');
          assert.equal(pooled.code, alone.code, pooled.stderr);
          assert.equal(pooled.stdout, alone.stdout, `${format} output differs with workers`);
          assert.ok(alone.stdout.length > 1000, 'the drafts have findings');
        }
        const fixedAlone = runWith(['check', '--fix', '--format', 'json', '.'], path.join(folder, 'a'), '0');
        const fixedPooled = runWith(['check', '--fix', '--format', 'json', '.'], path.join(folder, 'b'), '2');
        assert.equal(fixedPooled.stdout, fixedAlone.stdout);
        for (let i = 0; i < 24; i++) {
          const name = `d${String(i).padStart(2, '0')}.md`;
          assert.equal(fs.readFileSync(path.join(folder, 'b', name), 'utf8'), fs.readFileSync(path.join(folder, 'a', name), 'utf8'), `${name} fixed alike`);
        }
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe('exit codes', () => {
    it('0 for a clean draft (numbering rules only)', () => {
      copy('clean.md');
      const r = run(['check', '--config', NUMBERING_ONLY, 'clean.md'], dir);
      assert.doesNotMatch(r.stdout, / error /);
      assert.equal(r.code, 0, r.stderr);
    });

    it('1 when an error-level finding is present', () => {
      copy('duplicate.md');
      const r = run(['check', '--config', NUMBERING_ONLY, 'duplicate.md'], dir);
      assert.equal(r.code, 1, r.stderr);
    });

    it('2 on a missing file, an unknown flag, a bad --as-of, a bad format, a pattern matching nothing, bad config JSON', () => {
      copy('clean.md');
      fs.writeFileSync(path.join(dir, 'bad.json'), '{"rules": {');
      const cases: [string[], RegExp][] = [
        [['check', 'missing.md'], /не найден/],
        [['check', '--no-such-flag', 'clean.md'], /Неизвестный параметр «--no-such-flag»/],
        [['check', '--as-of', '2025-13-01', 'clean.md'], /ГГГГ-ММ-ДД/],
        [['check', '--as-of', '01.09.2025', 'clean.md'], /ГГГГ-ММ-ДД/],
        [['check', '--format', 'xml', 'clean.md'], /Неизвестный формат «xml»/],
        [['check', 'nothing/**/*.md'], /Ни один файл не подходит/],
        [['check', '--config', 'bad.json', 'clean.md'], /не корректный JSON/],
        [['check', '--config', 'absent.json', 'clean.md'], /Не удалось прочитать файл настроек/],
        [['check'], /Не указан обязательный аргумент/],
        [['outline', 'missing.md'], /не найден/],
        [['frobnicate'], /Неизвестная команда/],
      ];
      for (const [args, message] of cases) {
        const r = run(args, dir);
        assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}\n${r.stderr}`);
        assert.match(r.stderr, message, args.join(' '));
        assertNoStackTrace(r);
      }
    });

    it('2 when one of several files fails, while the others are still reported', () => {
      copy('duplicate.md');
      const r = run(['check', '--format', 'json', 'duplicate.md', 'missing.md'], dir);
      assert.equal(r.code, 2);
      const report = JSON.parse(r.stdout);
      assert.ok(report.files[0].diagnostics.some((d: any) => d.rule === 'numbering/duplicate'));
    });
  });

  describe('check --format text', () => {
    it('prints compiler-style lines with 1-based positions and paths relative to cwd', () => {
      copy('duplicate.md', 'docs/duplicate.md');
      const r = run(['check', 'docs/duplicate.md'], dir);
      assert.equal(r.code, 1);
      const lines = r.stdout.split('\n').filter((l) => l !== '');
      assert.ok(lines.length > 0);
      for (const l of lines) assert.match(l, /^[^:\n]+:\d+:\d+ (error|warning|information|hint) [a-z]+\/[a-z0-9-]+ \S.*$/u, l);
      const text = fs.readFileSync(path.join(CLI_FIXTURES, 'duplicate.md'), 'utf8');
      const expected = `${path.join('docs', 'duplicate.md')}:${lineIndex(text, '1.2.', 1) + 1}:1 error numbering/duplicate `;
      assert.ok(lines.some((l) => l.startsWith(expected)), r.stdout);
      assert.match(r.stderr, /Проверено файлов: 1/);
    });

    it('expands a directory to the *.md files inside it', () => {
      copy('duplicate.md', 'docs/a/duplicate.md');
      copy('clean.md', 'docs/clean.md');
      fs.writeFileSync(path.join(dir, 'docs', 'notes.txt'), '1.1. 1.1.');
      const r = run(['check', '--format', 'json', '--config', NUMBERING_ONLY, 'docs'], dir);
      const paths = JSON.parse(r.stdout).files.map((f: any) => f.path).sort();
      assert.deepEqual(paths, [path.join('docs', 'a', 'duplicate.md'), path.join('docs', 'clean.md')]);
      assert.equal(r.code, 1);
    });
  });

  describe('check --format sarif', () => {
    it('writes a SARIF 2.1.0 log with rules, levels, 1-based regions', () => {
      copy('duplicate.md');
      const text = fs.readFileSync(path.join(dir, 'duplicate.md'), 'utf8');
      const r = run(['check', '--format', 'sarif', 'duplicate.md'], dir);
      assert.equal(r.code, 1, r.stderr);
      const log = JSON.parse(r.stdout);
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      const run0 = log.runs[0];
      assert.equal(run0.tool.driver.name, 'normokontrol');
      const ruleIds = new Set(run0.tool.driver.rules.map((x: any) => x.id));
      for (const rule of run0.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(ruleIds.has('numbering/duplicate'));
      assert.ok(run0.results.length > 0);
      for (const res of run0.results) {
        assert.ok(ruleIds.has(res.ruleId), res.ruleId);
        assert.match(res.level, /^(error|warning|note)$/);
        assert.equal(typeof res.message.text, 'string');
        const loc = res.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uri, 'duplicate.md');
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      }
      const dup = run0.results.find((x: any) => x.ruleId === 'numbering/duplicate');
      assert.equal(dup.level, 'error');
      assert.equal(dup.locations[0].physicalLocation.region.startLine, lineIndex(text, '1.2.', 1) + 1);
      assert.equal(dup.locations[0].physicalLocation.region.startColumn, 1);
    });

    it('carries fixes as artifact changes', () => {
      copy('trailing-dot.md');
      const r = run(['check', '--format', 'sarif', '--config', NUMBERING_ONLY, 'trailing-dot.md'], dir);
      const res = JSON.parse(r.stdout).runs[0].results.find((x: any) => x.ruleId === 'numbering/trailing-dot');
      assert.ok(res, r.stdout);
      const replacement = res.fixes[0].artifactChanges[0].replacements[0];
      assert.equal(replacement.insertedContent.text, '.');
      assert.equal(replacement.deletedRegion.startLine, res.locations[0].physicalLocation.region.startLine);
    });
  });

  describe('check --fix', () => {
    const onlyTrailingDot = (): string => {
      const cfg = path.join(dir, 'only-trailing-dot.json');
      fs.writeFileSync(cfg, JSON.stringify({ rules: { structure: 'off', numbering: 'off', terms: 'off', roles: 'off', legal: 'off', text: 'off', 'numbering/trailing-dot': 'warning' } }));
      return cfg;
    };

    it('rewrites a CRLF + BOM file atomically, keeping line endings, BOM and mode', () => {
      const lf = fs.readFileSync(path.join(CLI_FIXTURES, 'trailing-dot.md'), 'utf8');
      const original = '\uFEFF' + lf.replace(/\n/g, '\r\n');
      const file = path.join(dir, 'draft.md');
      fs.writeFileSync(file, original, 'utf8');
      fs.chmodSync(file, 0o640);
      const cfg = onlyTrailingDot();
      const before = fs.readdirSync(dir).sort();

      const r = run(['check', '--fix', '--format', 'json', '--config', cfg, 'draft.md'], dir);
      assert.equal(r.code, 0, r.stderr);
      const bytes = fs.readFileSync(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
      const fixed = bytes.toString('utf8');
      assert.equal(fixed, original.replace('\r\n1.2 Положение', '\r\n1.2. Положение'));
      assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/, 'only CRLF line breaks');
      assert.equal(fs.statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(dir).sort(), before, 'no temporary files left');
      const report = JSON.parse(r.stdout);
      assert.equal(report.files[0].fixesApplied, 1);
      assert.deepEqual(report.files[0].diagnostics.filter((d: any) => d.rule === 'numbering/trailing-dot'), []);

      const again = run(['check', '--fix', '--config', cfg, 'draft.md'], dir);
      assert.equal(again.code, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), fixed, 'a second --fix changes nothing');
    });

    it('reports the findings that remain after fixing, with the exit code from them', () => {
      const file = copy('duplicate.md');
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace('1.1. Настоящее', '1.1 Настоящее'));
      const cfg = path.join(dir, 'cfg.json');
      fs.writeFileSync(cfg, JSON.stringify({ rules: { structure: 'off', numbering: 'off', terms: 'off', roles: 'off', legal: 'off', text: 'off', 'numbering/trailing-dot': 'warning', 'numbering/duplicate': 'error' } }));
      const r = run(['check', '--fix', '--config', cfg, 'duplicate.md'], dir);
      assert.equal(r.code, 1, 'the duplicate is not fixable and remains');
      assert.match(r.stdout, /numbering\/duplicate/);
      assert.doesNotMatch(r.stdout, /numbering\/trailing-dot/);
      assert.match(fs.readFileSync(file, 'utf8'), /^1\.1\. Настоящее/m);
    });

    it('never writes a file that could not be read, and still fixes the others', () => {
      const good = copy('trailing-dot.md');
      const broken = path.join(dir, 'broken.md');
      fs.symlinkSync(path.join(dir, 'no-such-target.md'), broken);
      const cfg = onlyTrailingDot();
      const r = run(['check', '--fix', '--config', cfg, 'broken.md', 'trailing-dot.md'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /broken\.md: не удалось прочитать файл/);
      assertNoStackTrace(r);
      assert.ok(fs.lstatSync(broken).isSymbolicLink());
      assert.ok(!fs.existsSync(path.join(dir, 'no-such-target.md')), 'the link target was not created');
      assert.match(fs.readFileSync(good, 'utf8'), /^1\.2\. Положение/m);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['broken.md', 'only-trailing-dot.json', 'trailing-dot.md']);
    });

    it('leaves a file untouched when fixing it fails (runCli in process, a rule with overlapping edits)', async () => {
      const file = path.join(dir, 'draft.md');
      const original = '\uFEFFПОЛОЖЕНИЕ\r\n\r\n1. Общие положения\r\n';
      fs.writeFileSync(file, original);
      const broken = defineRule({
        id: 'text/test-broken-fix',
        description: 'Правило с ошибочным исправлением (для теста)',
        defaultSeverity: 'warning',
        fixable: true,
        check(ctx) {
          ctx.report({ range: { start: 1, end: 5 }, message: 'Плохая правка', fixes: [{ title: 'Сломать', edits: [{ start: 1, end: 5, newText: 'a' }, { start: 3, end: 7, newText: 'b' }] }] });
        },
      });
      const r = await runInProcess(['check', '--fix', 'draft.md'], dir, [broken]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /draft\.md: не удалось проверить файл/);
      assert.equal(fs.readFileSync(file, 'utf8'), original);
      assert.deepEqual(fs.readdirSync(dir), ['draft.md']);
    });
  });

  describe('configuration', () => {
    it('uses the nearest .normokontrol.json above the file, and warns about bad values', () => {
      copy('duplicate.md', 'sub/deeper/duplicate.md');
      fs.writeFileSync(path.join(dir, 'sub', '.normokontrol.json'), JSON.stringify({ rules: { 'numbering/duplicate': 'off', 'numbering/gap': 'loud' } }));
      const r = run(['check', '--format', 'json', 'sub/deeper/duplicate.md'], dir);
      const diags = JSON.parse(r.stdout).files[0].diagnostics;
      assert.deepEqual(diags.filter((d: any) => d.rule === 'numbering/duplicate'), []);
      assert.match(r.stderr, /Неизвестная важность «loud»/);
    });

    it('fails with exit code 2 on a discovered configuration that is not JSON', () => {
      copy('clean.md');
      fs.writeFileSync(path.join(dir, '.normokontrol.json'), '{ rules: off }');
      const r = run(['check', 'clean.md'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /не корректный JSON/);
      assertNoStackTrace(r);
    });

    it('--as-of overrides asOf of the configuration (runCli in process)', async () => {
      fs.writeFileSync(path.join(dir, 'a.md'), 'ПОЛОЖЕНИЕ\n');
      fs.writeFileSync(path.join(dir, '.normokontrol.json'), JSON.stringify({ asOf: '2024-01-01' }));
      const probe = defineRule({
        id: 'text/test-as-of',
        description: 'Сообщает дату проверки (для теста)',
        defaultSeverity: 'hint',
        fixable: false,
        check(ctx) {
          ctx.report({ range: { start: 0, end: 1 }, message: `Дата проверки ${ctx.asOf}` });
        },
      });
      const fromConfig = await runInProcess(['check', 'a.md'], dir, [probe]);
      assert.match(fromConfig.stdout, /Дата проверки 2024-01-01/);
      const overridden = await runInProcess(['check', '--as-of', '2025-09-01', 'a.md'], dir, [probe]);
      assert.match(overridden.stdout, /Дата проверки 2025-09-01/);
      assert.equal(overridden.code, 0);
    });
  });

  describe('outline', () => {
    const RPL = path.join(SHARED_CORPUS, 'rpl-poryadok-2025.md');
    const EXPECTED = [
      '1', '1.1', '1.2', '1.3', '1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5',
      '2', '2.1', '2.2',
      '3', '3.1', '3.1.1', '3.1.2', '3.1.3', '3.1.4', '3.1.5', '3.1.6', '3.1.7', '3.1.8', '3.1.9', '3.1.10', '3.1.11', '3.1.12',
      '3.2', '3.2.1', '3.2.2',
      '3.3', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7',
      '3.4', '3.4.1', '3.4.2', '3.4.3',
      '3.5', '3.5.1', '3.5.2', '3.5.3',
      '3.6', '3.6.1', '3.6.2',
      '4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.5.1', '4.5.2', '4.5.3', '4.5.4', '4.6', '4.6.1', '4.6.2', '4.6.3',
      '5',
      // Приложение № 1 and its list, Приложение № 2 and its list.
      '1', '1', '2', '3',
      '2', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ];

    it('gives exactly the clause numbers of a real draft in document order (JSON)', () => {
      const r = run(['outline', '--format', 'json', RPL], dir);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.files.length, 1);
      const numbers: string[] = [];
      const kinds = new Map<string, string>();
      const walk = (nodes: any[]): void => {
        for (const n of nodes) {
          for (const key of ['kind', 'title', 'range', 'children']) assert.ok(key in n, `missing ${key}`);
          if ('number' in n) {
            assert.doesNotMatch(n.number, /\.$/);
            numbers.push(n.number);
            if (!kinds.has(n.number)) kinds.set(n.number, n.kind);
          }
          walk(n.children);
        }
      };
      const outline = report.files[0].outline;
      walk(outline);
      assert.deepEqual(numbers, EXPECTED);
      assert.equal(kinds.get('1'), 'section');
      assert.equal(kinds.get('1.1'), 'clause');
      const text = fs.readFileSync(RPL, 'utf8');
      const section1 = outline.find((n: any) => n.number === '1');
      assert.equal(section1.kind, 'section');
      assert.match(section1.title, /^ОБЩИЕ ПОЛОЖЕНИЯ$/i);
      assert.equal(section1.range.start.line, lineIndex(text, '## 1. ОБЩИЕ'));
      assert.deepEqual(section1.children.map((c: any) => c.number), ['1.1', '1.2', '1.3']);
      const appendices = outline.filter((n: any) => n.kind === 'appendix');
      assert.deepEqual(appendices.map((n: any) => n.number), ['1', '2']);
      assert.ok(outline.filter((n: any) => n.kind === 'stamp').every((n: any) => !('number' in n)));
    });

    it('prints an indented tree (text)', () => {
      const r = run(['outline', RPL], dir);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes('1 ОБЩИЕ ПОЛОЖЕНИЯ'), r.stdout);
      assert.ok(lines.some((l) => /^ {2}1\.1 Порядок применения/.test(l)));
      assert.ok(lines.some((l) => /^ {4}1\.3\.1 Информационные технологии/.test(l)));
      assert.ok(lines.some((l) => /^ {4}3\.1\.10 планирует/.test(l)));
    });
  });

  describe('lsp --stdio', () => {
    it('answers initialize over stdio and exits on shutdown + exit', async () => {
      const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      const send = (msg: object): void => {
        const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
        child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
        child.stdin.write(body);
      };
      let buffer = Buffer.alloc(0);
      const responses = new Map<number, any>();
      const waiters = new Map<number, (r: any) => void>();
      child.stdout.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
          if (buffer.length < headerEnd + 4 + length) return;
          const msg = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
          buffer = buffer.subarray(headerEnd + 4 + length);
          if (typeof msg.id === 'number' && !('method' in msg)) {
            responses.set(msg.id, msg);
            waiters.get(msg.id)?.(msg);
          }
        }
      });
      const response = (id: number): Promise<any> => new Promise((resolve) => {
        if (responses.has(id)) resolve(responses.get(id));
        else waiters.set(id, resolve);
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
        const init = await response(1);
        assert.ok(init.result?.capabilities, JSON.stringify(init));
        assert.ok(init.result.capabilities.documentSymbolProvider, 'document symbols advertised');
        send({ method: 'initialized', params: {} });
        send({ id: 2, method: 'shutdown' });
        await response(2);
        send({ method: 'exit' });
        assert.equal(await exited, 0);
      } finally {
        child.kill();
      }
    });
  });

  describe('rules, --version, --help', () => {
    it('lists rules with severity, fixability and a Russian description', () => {
      const r = run(['rules', '--format', 'json'], dir);
      assert.equal(r.code, 0);
      const rules = JSON.parse(r.stdout).rules;
      const dup = rules.find((x: any) => x.id === 'numbering/duplicate');
      assert.equal(dup.severity, 'error');
      assert.equal(typeof dup.fixable, 'boolean');
      assert.match(dup.description, /[а-яё]/i);
      const text = run(['rules'], dir);
      assert.match(text.stdout, /^numbering\/duplicate\s+error\s/m);
    });

    it('prints the version and a Russian help', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const v = run(['--version'], dir);
      assert.equal(v.code, 0);
      assert.equal(v.stdout.trim(), pkg.version);
      const h = run(['--help'], dir);
      assert.equal(h.code, 0);
      assert.match(h.stdout, /Использование: normokontrol/);
      assert.match(h.stdout, /check \[параметры\]/);
      const hc = run(['check', '--help'], dir);
      assert.match(hc.stdout, /--as-of <дата>/);
    });
  });
});

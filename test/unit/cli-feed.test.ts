/**
 * The CLI's model feed (`cli/models.ts`): a second thread reads files and builds their models;
 * whatever it does, the main thread gets each file's true text and model, or does the file itself.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel } from '../../server/src/model/clauseTree';
import { HELPER_NICE, startFeedWorker, takeEarlyFeedWorker, wantsEarlyFeed } from '../../server/src/cli/early';
import { feedScript, ModelFeed } from '../../server/src/cli/models';
import { FIXTURES } from '../helpers/fixtures';

const pause = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function draftFiles(): string[] {
  const dir = path.join(FIXTURES, 'drafts', 'clean');
  return fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort().map((n) => path.join(dir, n));
}

describe('CLI model feed', function () {
  this.timeout(30_000);

  it('hands over each file\'s text and model, as read and built here, in order', () => {
    const script = feedScript();
    assert.ok(script, 'the worker script is next to models.js');
    const files = draftFiles();
    assert.ok(files.length >= 8);
    const feed = new ModelFeed(files, script);
    try {
      pause(1500); // the worker gets ahead of the main thread
      let fed = 0;
      files.forEach((file, i) => {
        const prepared = feed.take(i);
        if (!prepared) return;
        fed++;
        const text = fs.readFileSync(file, 'utf8');
        assert.equal(prepared.text, text, file);
        const { lineAt: _a, ...got } = prepared.model;
        const { lineAt: _b, ...want } = buildModel(text);
        assert.deepEqual(got, want, file);
      });
      assert.ok(fed >= files.length - 1, `the worker answered ${fed} of ${files.length} files`);
    } finally {
      feed.close();
    }
  });

  it('leaves an unreadable file to the main thread', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-feed-'));
    try {
      const files = draftFiles().slice(0, 3);
      const missing = path.join(dir, 'нет такого.md');
      const feed = new ModelFeed([files[0]!, missing, files[1]!], feedScript()!);
      try {
        pause(1500);
        assert.ok(feed.take(0));
        assert.equal(feed.take(1), undefined);
        assert.ok(feed.take(2));
      } finally {
        feed.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives up on a worker that claims files and never answers: the main thread does them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-feed-'));
    try {
      const script = path.join(dir, 'silent.js');
      fs.writeFileSync(script, "const { workerData } = require('node:worker_threads');\nAtomics.add(workerData.shared, 0, 1000);\nsetInterval(() => {}, 1000);\n");
      const feed = new ModelFeed(draftFiles(), script, 300);
      try {
        pause(500);
        const started = Date.now();
        assert.equal(feed.take(0), undefined);
        assert.equal(feed.take(1), undefined);
        assert.ok(Date.now() - started < 3000, 'waited once, not per file');
      } finally {
        feed.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI model feed started early', () => {
  const twoCores = { NORMOKONTROL_WORKERS: '0' };

  it('is started for a check over a folder, a glob or many files, not for one file, --fix or other commands', () => {
    const dir = path.join(FIXTURES, 'drafts', 'clean');
    const many = Array.from({ length: 16 }, (_, i) => `d${i}.md`);
    assert.equal(wantsEarlyFeed(['check', dir], twoCores), true);
    assert.equal(wantsEarlyFeed(['check', '--format', 'json', 'docs/**/*.md'], twoCores), true);
    assert.equal(wantsEarlyFeed(['check', ...many], twoCores), true);
    assert.equal(wantsEarlyFeed(['check', 'one.md'], twoCores), false);
    assert.equal(wantsEarlyFeed(['check', ...many.slice(1)], twoCores), false);
    assert.equal(wantsEarlyFeed(['check', '--fix', dir], twoCores), false);
    assert.equal(wantsEarlyFeed(['outline', dir], twoCores), false);
    assert.equal(wantsEarlyFeed(['check', dir], { ...twoCores, NORMOKONTROL_FEED: '0' }), false);
    assert.equal(wantsEarlyFeed(['check', dir], { NORMOKONTROL_WORKERS: '2' }), false, 'a pool checks the files');
  });

  it('hands a worker started without files its files later', () => {
    const files = draftFiles();
    const early = startFeedWorker(feedScript()!);
    pause(300); // the worker is up and waiting
    (globalThis as Record<symbol, unknown>)[Symbol.for('normokontrol.earlyFeedWorker')] = early;
    const feed = new ModelFeed(files, feedScript()!);
    try {
      pause(1500);
      let fed = 0;
      files.forEach((file, i) => {
        const prepared = feed.take(i);
        if (!prepared) return;
        fed++;
        assert.equal(prepared.text, fs.readFileSync(file, 'utf8'));
      });
      assert.ok(fed >= files.length - 1, `the early worker answered ${fed} of ${files.length} files`);
      assert.equal(takeEarlyFeedWorker(), undefined, 'the feed took the early worker over');
    } finally {
      feed.close();
    }
  });

  it('lowers the priority of the other threads of the process, not of the main one (Linux)', function () {
    if (process.platform !== 'linux') this.skip();
    // In a child process: the test runner's own threads stay as they are.
    const early = require.resolve('../../server/src/cli/early');
    const script = `
      const fs = require('fs');
      const nice = (tid) => Number(fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
      require(${JSON.stringify(early)}).yieldHelperThreads();
      const others = fs.readdirSync('/proc/self/task').filter((t) => Number(t) !== process.pid);
      console.log(JSON.stringify({ main: nice(process.pid), others: others.map(nice) }));`;
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const { main, others } = JSON.parse(out.stdout) as { main: number; others: number[] };
    assert.equal(main, 0);
    assert.ok(others.length >= 4, `V8's helper threads: ${others.length}`);
    assert.deepEqual([...new Set(others)], [HELPER_NICE]);
  });
});

/**
 * Bounded string memos and detached strings (server/src/util/memo.ts): a cached heading or a
 * finding's message quoting a draft must not keep the whole draft in memory (the language server
 * sees a new text on every keystroke; the CLI keeps every finding until the report is printed).
 */
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRegulationService } from '../../server/src/service';
import { detached, memoizeString, RecentCache } from '../../server/src/util/memo';
import { SHARED_CORPUS } from '../helpers/fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A draft of ~1 MB, made at run time (not a literal: literals live as long as the code). */
function bigDraft(seed: number): string {
  return `# Раздел ${seed}\n\n` + `${seed}. Текст пункта, достаточно длинный для проверки.\n`.repeat(20_000);
}

/** Heap bytes still used after `keep` was given 20 fresh drafts of ~2 MB each (and a full GC). */
function retainedBytes(keep: (draft: string) => void): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 20; i++) keep(bigDraft(1000 + i));
  gc();
  return process.memoryUsage().heapUsed - before;
}

const MB = 1 << 20;

describe('memo: detached strings', () => {
  it('detached(s) equals s for short, long, sliced and concatenated strings', () => {
    const text = bigDraft(7);
    for (const s of ['', 'a', 'Раздел 1', text.slice(3, 40), text.slice(0, 13), 'Пункт ' + text.slice(100, 160) + '.', text]) {
      assert.equal(detached(s), s);
    }
  });

  it('a memoised function answers as the function does, and again from its cache', () => {
    let calls = 0;
    const upper = memoizeString((s) => (calls++, s.toUpperCase()), 3);
    const text = bigDraft(3);
    const heading = text.slice(2, 20);
    assert.equal(upper(heading), heading.toUpperCase());
    assert.equal(upper(heading), heading.toUpperCase());
    assert.equal(calls, 1);
    for (const s of ['a', 'b', 'c', 'd']) upper(s);
    assert.equal(upper(heading), heading.toUpperCase());
    assert.equal(calls, 6, 'the cache was dropped when full, then the heading computed again');
  });

  it('headings kept by a memo do not keep their drafts alive', () => {
    // The check checked: plain slices kept in a map do keep their drafts (20 × ~2 MB).
    const plain = new Map<string, string>();
    assert.ok(retainedBytes((d) => void plain.set(d.slice(2, 60), 'x')) > 20 * MB);
    const memo = memoizeString((s) => s.trim(), 100);
    const seen: string[] = [];
    assert.ok(retainedBytes((d) => void seen.push(memo(d.slice(2, 60)))) < 8 * MB);
    assert.equal(seen.length, 20);
  });

  it('detached messages quoting drafts do not keep the drafts alive', () => {
    const messages: string[] = [];
    assert.ok(retainedBytes((d) => void messages.push(`Пункт «${d.slice(20, 80)}» повторяется`)) > 20 * MB);
    const kept: string[] = [];
    const retained = retainedBytes((d) => void kept.push(detached(`Пункт «${d.slice(20, 80)}» повторяется`)));
    assert.ok(retained < 8 * MB, `${retained}`);
    assert.deepEqual(kept, messages);
  });
});

describe('memo: RecentCache', () => {
  it('answers for the last `size` keys set, by identity, and forgets older ones', () => {
    const cache = new RecentCache<object, number>(2);
    const a = {};
    const b = {};
    const c = {};
    assert.equal(cache.get(a), undefined);
    cache.set(a, 1).set(b, 2);
    assert.equal(cache.get(a), 1);
    assert.equal(cache.get(b), 2);
    assert.equal(cache.get({}), undefined, 'an equal object is another key');
    cache.set(a, 10);
    assert.equal(cache.get(a), 10, 'setting a kept key replaces its value, and keeps the other key');
    assert.equal(cache.get(b), 2);
    cache.set(c, 3);
    assert.equal(cache.get(c), 3);
    assert.equal([cache.get(a), cache.get(b)].filter((v) => v !== undefined).length, 1, 'one of the older keys is gone');
  });

  it('keeps the last key by default', () => {
    const cache = new RecentCache<object, number>();
    const a = {};
    const b = {};
    cache.set(a, 1);
    assert.equal(cache.get(a), 1);
    cache.set(b, 2);
    assert.equal(cache.get(b), 2);
    assert.equal(cache.get(a), undefined);
  });

  it('keeps no more than `size` models alive', () => {
    const cache = new RecentCache<object, string>(4);
    const retained = retainedBytes((d) => void cache.set({ text: d }, d.slice(0, 40)));
    assert.ok(retained < 4 * 2.5 * MB + 4 * MB, `${retained}`);
    assert.ok(retained > 2 * MB, 'the last drafts are kept');
  });
});

describe('memo: the language service over many edits', () => {
  it('does not keep a draft per edited heading (typing into a heading of a 100 KB draft)', function () {
    this.timeout(60_000);
    const base = fs.readFileSync(path.join(SHARED_CORPUS, 'rpl-poryadok-2025.md'), 'utf8');
    let text = base.repeat(Math.ceil(100_000 / base.length));
    assert.ok(/^#+ /m.test(text), 'the draft has a Markdown heading');
    const svc = createRegulationService();
    svc.analyze({ uri: 'file:///draft.md', version: 0, getText: () => text });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let v = 1; v <= 200; v++) {
      text = text.replace(/^(#+ [^\n]*)/m, (h) => h + 'а');
      svc.analyze({ uri: 'file:///draft.md', version: v, getText: () => text });
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Each version is ~200 KB in memory: one kept per edit would be ~40 MB.
    assert.ok(grown < 15 * MB, `${(grown / MB).toFixed(1)} MB more after 200 edits`);
  });
});

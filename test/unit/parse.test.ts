/**
 * Parsing never throws and never hangs: empty, binary, 5 MB, heading-only and absurdly nested
 * input still gives a tree and a model whose ranges lie inside the text. No timing assertions
 * (speed lives in benchmarks); the inputs are sized so that a quadratic step would not finish
 * within the suite's timeout.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../server/src/model/clauseTree';
import { splitLines } from '../../server/src/model/lines';
import type { DocumentModel } from '../../server/src/model/types';
import { buildOutline } from '../../server/src/service/outline';
import { parseMarkdown, prepareSource } from '../../server/src/syntax/parse';
import { SHARED_CORPUS } from '../helpers/fixtures';
import { assertModelInvariants } from '../helpers/modelInvariants';

/** A deterministic pseudo-random byte source (the test must fail the same way twice). */
function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function model(text: string): DocumentModel {
  const parsed = parseMarkdown(text);
  assert.equal(parsed.tree.type, 'root');
  const m = buildModel(text, parsed.tree);
  assertModelInvariants(m);
  buildOutline(m);
  // One model line per physical line, and lineAt maps every line start to it.
  assert.equal(m.lines.length, splitLines(text).starts.length);
  return m;
}

describe('parseMarkdown and buildModel never throw', () => {
  it('empty text: one blank line, no nodes, body at the end', () => {
    const m = model('');
    assert.equal(m.lines.length, 1);
    assert.equal(m.nodes.length, 0);
    assert.equal(m.bodyStart, 0);
    assert.equal(m.lineAt(0), 0);
  });

  it('whitespace only (spaces, tabs, NBSP, CRLF): blank lines, no nodes', () => {
    const m = model('   \r\n\t\n\u00a0\u00a0\n  ');
    assert.equal(m.nodes.length, 0);
    assert.equal(m.lines.length, 4);
    assert.ok(m.lines.every((l) => l.block === 'blank'));
  });

  it('binary garbage decoded as latin1', () => {
    const m = model(bytes(64 * 1024, 1).toString('latin1'));
    assert.ok(m.lines.length > 1);
  });

  it('binary garbage decoded as UTF-8, with NULs and lone surrogates', () => {
    const text = bytes(64 * 1024, 2).toString('utf8') + '\0\0\0' + '\ud800x\udfff' + '\n1.1. пункт\0';
    const m = model(text);
    assert.ok(m.lines.length > 1);
  });

  it('a draft with NULs between its clauses still gives its clauses', () => {
    const m = model('1. Общие положения\0\n1.1. Первый пункт.\n\0\0\n1.2. Второй пункт.');
    assert.deepEqual(m.nodes.filter((n) => n.number).map((n) => n.number!.text), ['1', '1.1', '1.2']);
  });

  it('heading-only input: the title alone, and sections without clauses', () => {
    const t = model('# ПОЛОЖЕНИЕ');
    assert.equal(t.title?.kind, 'ПОЛОЖЕНИЕ');
    assert.equal(t.title?.subject, '');
    const s = model('## 1. Общие положения\n## 2. Заключительные положения');
    assert.deepEqual(s.nodes.map((n) => [n.kind, n.number?.text]), [['section', '1'], ['section', '2']]);
    const bare = model('#\n##\n###');
    assert.equal(bare.nodes.length, 0);
  });

  it('ten thousand nested blockquotes on one line', () => {
    const text = '>'.repeat(10_000) + ' 1.1. пункт';
    const m = model(text);
    assert.equal(m.lines.length, 1);
    assert.ok(m.lines[0]!.content.endsWith('1.1. пункт'));
  });

  it('ten thousand nested list markers on one line, and a ladder of a hundred nested lists', function () {
    this.timeout(120_000);
    const flat = model('- '.repeat(10_000) + 'пункт');
    assert.equal(flat.lines.length, 1);
    const ladder = Array.from({ length: 100 }, (_, i) => ' '.repeat(2 * i) + '- пункт ' + i).join('\n');
    const m = model('1. Общие положения\n1.1. Список:\n' + ladder);
    // Items nest, but never deeper than a reader can follow: downstream walkers may recurse.
    let depth = 0;
    for (const n of m.nodes) {
      let d = 0;
      for (let p = n.parent; p; p = p.parent) d++;
      depth = Math.max(depth, d);
    }
    assert.ok(depth <= 12, `nesting depth ${depth}`);
    assert.equal(m.nodes.filter((n) => n.kind === 'item').length, 100);
  });

  it('ten thousand lines of nested blockquotes', function () {
    this.timeout(120_000);
    const text = Array.from({ length: 10_000 }, (_, i) => '>'.repeat(i % 64) + ' 1.' + ((i % 150) + 1) + '. пункт').join('\n');
    const m = model(text);
    assert.equal(m.lines.length, 10_000);
  });

  it('a paragraph of fifty thousand emphasis and link markers', function () {
    this.timeout(120_000);
    for (const unit of ['*a', '**a', '_a', '[a](', '[']) {
      const m = model('1. Общие положения\n1.1. ' + unit.repeat(50_000));
      assert.deepEqual(m.nodes.map((n) => n.number?.text), ['1', '1.1'], unit);
    }
  });

  it('a line of two hundred thousand quotes and a "number" of a hundred thousand parts', () => {
    model('«'.repeat(200_000));
    const m = model('1.' + '1.'.repeat(100_000) + ' текст');
    assert.equal(m.nodes.filter((n) => n.number).length, 0);
  });

  it('a title with no body, followed by twenty thousand unnumbered paragraphs', function () {
    this.timeout(120_000);
    let text = 'ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n';
    for (let i = 0; i < 20_000; i++) text += '\nтекст без номера\n';
    const m = model(text);
    assert.equal(m.title?.subject.startsWith('об использовании ИКОП «Сферум»'), true);
  });

  it('a list item with more than 300 lazy lines loses its marker, one with 300 keeps it, whatever the line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const draft = (lazy: number): string => '1. Общие положения' + eol + Array.from({ length: lazy }, (_, i) => `строка ${i}`).join(eol);
      assert.equal(prepareSource(draft(300)), draft(300));
      const defused = prepareSource(draft(301));
      assert.equal(defused.length, draft(301).length);
      assert.ok(defused.startsWith('1x Общие положения'), JSON.stringify(eol));
    }
  });

  it('thirty thousand pages, each with a page number and a running header, in one list item (lazy lines)', function () {
    this.timeout(120_000);
    let text = 'ПОЛОЖЕНИЕ\nоб использовании\n\n1. Общие положения\n';
    for (let i = 0; i < 30_000; i++) text += `страница ${(i % 9999) + 1} из 9999\nМБОУ «СОШ № 1»\n1.${(i % 150) + 1}. Текст пункта.\n`;
    const m = model(text);
    assert.equal(m.debris.filter((d) => d.kind === 'page-number').length, 30_000);
    assert.equal(m.debris.filter((d) => d.kind === 'running-header').length, 30_000);
    // Every page's clause survives, and no debris line is inside a clause.
    assert.equal(m.nodes.filter((n) => n.kind === 'clause').length, 30_000);
    const debrisLines = new Set(m.debris.map((d) => d.line));
    assert.ok(m.nodes.every((n) => n.lines.every((i) => !debrisLines.has(i))));
  });

  it('a 5 MB draft (a real draft repeated) finishes and keeps every clause', function () {
    this.timeout(180_000);
    const one = fs.readFileSync(path.join(SHARED_CORPUS, 'sosh14-sferum-2024.md'), 'utf8');
    const perCopy = buildModel(one).nodes.filter((n) => n.number && n.kind !== 'item').length;
    const copies = Math.ceil((5 * 1024 * 1024) / one.length);
    const text = Array.from({ length: copies }, () => one).join('\n');
    assert.ok(text.length >= 5 * 1024 * 1024);
    const m = model(text);
    assert.equal(m.nodes.filter((n) => n.number && n.kind !== 'item').length, perCopy * copies);
  });

  it('any mix of draft fragments (fuzzed): no throw, every invariant kept', () => {
    const fragments = [
      'ПОЛОЖЕНИЕ', 'об использовании', 'УТВЕРЖДАЮ', '«УТВЕРЖДЕНО»', 'УЧТЕНО МНЕНИЕ', 'Протокол № 1 от 29.08.2025', '«15» 10', '2025 г',
      '1. Общие положения', '## 2. ПРАВА', '#### **4. …**', '1.1. Текст.', '1.1.Текст', '3.3.4 чат', '- 3.1.10. пункт;', '  - 3.3.4 вложенный',
      '· пункт;', '• пункт', '⇒ акт', 'а) пункт', '1) пункт', '1. Discord;', 'I. Общие положения', 'Раздел 2. Порядок', 'Приложение № 1 к Положению',
      'Приложение 2', 'страница 2 из 5', '- 2 -', '7', '[bookmark: _GoBack]1.2. Текст', '[]{#_GoBack .anchor}', '| УТВЕРЖДАЮ | СОГЛАСОВАНО |', '|---|---|',
      '| a<br>b | **c** |', '> цитата', '```', '    код', '<!-- normokontrol-disable numbering -->', '**', '«', '»', '\\', '1\\. Текст', '\u00a0', '\ufeff', '\0', '',
    ];
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const draft = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 })), eol), { maxLength: 40 })
      .map((parts) => parts.map(([f, e]) => f + e).join(''));
    fc.assert(fc.property(draft, (text) => { model(text); }), { numRuns: 300, seed: 20250901 });
  });

  it('lineAt agrees with the lines for LF, CRLF and lone CR', () => {
    const text = 'a\r\nb\nc\rd\r\n\r\ne';
    const m = model(text);
    assert.equal(m.lines.length, 6);
    for (let off = 0; off <= text.length; off++) {
      const i = m.lineAt(off);
      const l = m.lines[i]!;
      assert.ok(l.start <= off, `offset ${off}: line ${i} starts at ${l.start}`);
      const next = m.lines[i + 1];
      if (next) assert.ok(off < next.start, `offset ${off}: belongs to line ${i + 1}`);
    }
  });

  it('a leading BOM keeps tree offsets aligned with the text', () => {
    const text = '\ufeff## 1. Общие положения\n1.1. Текст.';
    const m = model(text);
    assert.equal(m.bom, true);
    const s = m.nodes[0]!;
    assert.equal(text.slice(s.number!.range.start, s.number!.range.end), '1.');
    assert.equal(m.lines[0]!.headingDepth, 2);
  });
});

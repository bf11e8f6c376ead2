/**
 * The fast block scanner (syntax/blocks.ts) against the remark reference: for every draft and
 * fixture, for hand-picked CommonMark corner cases and for fuzz-mutated drafts, the `Line[]` the
 * model is built from (block kind, heading depth, list depth, list marker and its offset, content
 * range, bold) is IDENTICAL whether the facts come from the scanner or from the remark tree.
 *
 * What is compared: `classifyText(text, 'fast')` deep-equals `classifyLines(text, remarkTree)`,
 * line by line — the whole model (outline, findings) is a function of these lines and the text,
 * so equal lines mean an equal model. Where the scanner gives up (link reference definitions,
 * tabs in indentation that decides structure) `classifyText` uses remark itself; the test counts
 * those and requires that the real drafts never need it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { classifyLines, classifyText, splitLines } from '../../server/src/model/lines';
import { buildModel } from '../../server/src/model/clauseTree';
import { createRegulationService } from '../../server/src/service';
import { scanBlocks } from '../../server/src/syntax/blocks';
import { parseMarkdown, prepareSource } from '../../server/src/syntax/parse';
import { FIXTURES, readMarkdownTree, SHARED_CORPUS } from '../helpers/fixtures';

const EXAMPLES = path.resolve(FIXTURES, '../../examples');

function collect(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    out.push(...readMarkdownTree(dir));
  };
  walk(FIXTURES);
  walk(SHARED_CORPUS);
  walk(EXAMPLES);
  return out;
}

const DRAFTS = collect();
/** Mutated variants (300; `BLOCKS_RUNS` and `BLOCKS_SEED` explore further). */
const RUNS = Number(process.env['BLOCKS_RUNS'] ?? 300);

function scanned(text: string): boolean {
  const { starts, ends } = splitLines(text);
  return scanBlocks(prepareSource(text), starts, ends, text) !== undefined;
}

function assertSameLines(text: string, label: string): void {
  const reference = classifyLines(text, parseMarkdown(text).tree);
  const fast = classifyText(text, 'fast');
  assert.equal(fast.length, reference.length, `${label}: line count`);
  for (let i = 0; i < reference.length; i++) {
    assert.deepStrictEqual(fast[i], reference[i], `${label}: line ${i + 1} ${JSON.stringify(text.slice(reference[i]!.start, reference[i]!.end))}`);
  }
}

/** CommonMark and micromark corner cases the drafts could run into. */
const CORNERS = [
  '- a\n\n  b\n\n- c\n\nd',
  '1. a\n2. b\n\n   c\n10. x',
  '> a\n5. b',
  'a\n> 2. b',
  '    code\n\n-\n',
  '    ```\n    x',
  '- a\n  - b\n\n\n  c',
  '  - a\n   - b',
  '- > a\n  >\n\n  c',
  '- > a\n  >\nb',
  '- ```\n  a\n\n\nb',
  '- ```\n  a\n\n  \nb',
  '- ```\n  a\n\n\n> b',
  '- ```\n  a\n\n\n',
  '- - ```\n    a\n\n\nb',
  '> - ```\n>   a\n>\n>\nb',
  '- <div>\n\n\nb',
  '- <!--\n  a\n  \nb',
  '-\n  foo\n-\n\n  bar',
  'Заголовок\n===\nТекст\n---\n- \n* * *\n***\n',
  'a\n-\nb\n--\n',
  '> a\n---\n> b\n===',
  '# Раздел #\n## 1. Общие положения\n####### семь\n#без пробела',
  '<!-- комментарий\nна двух строках -->\n1. Пункт\n<!-->\n<!--->\nтекст',
  '<div>\n1. Пункт\n\n2. Пункт\n</div>',
  '<span class="x">\nтекст\n\nabc\n<span>\n',
  'абзац\n<span class="x">\nпродолжение',
  '<?php echo 1; ?>\n<!DOCTYPE html>\n<![CDATA[ x ]]>\n<script>\nx\n</script>\n<pre>y</pre>\nz',
  '```\n1. не пункт\n```\n~~~~\n~~~\n~~~~~\nпосле',
  '1) a\n2) b\n1. c\n- d\n+ e\n* f',
  '1. Общие положения\n1.1. Текст\n1.2. Текст\n2. Права\n    2.1. Отступ\n        2.1.1. Глубже',
  '- a\n    - b\n        - c\n            - d\n                - e',
  '1. a\n\n       код\n\n   b',
  '> > > цитата\n> > ещё\nленивая\n\nконец',
  '- [ ] задача\n- [x] готово',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '**ПОЛОЖЕНИЕ**\n\n**1. Общие положения**\n\n1.1. Текст **жирный**',
  '12345678901. длинный номер\n123456789. девять цифр',
  '- a\n-\n- b\n\n-\n\n  c',
  '  > a\n  b\n    > c',
  'текст\n    продолжение\n\n    код\nтекст',
  '- a\n\n      код\n- b',
  '\ufeff# Заголовок\r\n\r\n1. Пункт\r\n   - bullet\r\n',
  'a\r\rb\r\n- c\r',
];

describe('fast block scanner vs remark', function () {
  this.timeout(300_000);

  it(`gives the same lines on every draft and fixture (${DRAFTS.length} files)`, () => {
    assert.ok(DRAFTS.length > 150, 'the fixtures are there');
    for (const [name, text] of DRAFTS) assertSameLines(text, name);
  });

  it('handles the real drafts itself (no fallback to remark)', () => {
    const fallback = DRAFTS.filter(([name, text]) => !name.includes('parser') && !scanned(text)).map(([name]) => name);
    // A draft with a link reference definition or tab-indented containers falls back; the drafts
    // and rule fixtures have at most a couple of those.
    assert.ok(fallback.length <= 3, `fell back on ${fallback.join(', ')}`);
  });

  it('gives the same lines on CommonMark corner cases', () => {
    for (const text of CORNERS) {
      assert.ok(scanned(text) || text.includes(']:'), `scanner gave up on ${JSON.stringify(text)}`);
      assertSameLines(text, JSON.stringify(text));
    }
  });

  it('gives the same lines on 300 fuzz-mutated drafts', () => {
    const samples = DRAFTS.filter(([name]) => !name.endsWith('.fixed.md')).map(([, t]) => t);
    const NASTY = ['\u0000', '\ufeff', '\u00a0', '\r\n', '\r', '\n', '\n\n', '😀', '**', '#', '## ', '- ', '* ', '+ ', '1. ', '2) ', '1.1. ', '> ', '>', '    ', '  ', '\t', '```', '~~~', '<!--', '-->', '<div>', '</div>', '<span>', '<script>', '---', '===', '***', '|', '[x]', '\\'];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 })) }),
      fc.record({ kind: fc.constant('line' as const), at: fc.nat(), text: fc.constantFrom('- ', '  ', '    ', '> ', '1. ', '```\n', '<!--\n', '\n', '---\n', '    - ', '  1. ') }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.nat({ max: 300 }) }),
      fc.record({ kind: fc.constant('crlf' as const) }),
    );
    type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
    const mutate = (text: string, m: Mutation): string => {
      const pos = (k: number): number => (text.length === 0 ? 0 : k % (text.length + 1));
      switch (m.kind) {
        case 'insert': { const p = pos(m.at); return text.slice(0, p) + m.text + text.slice(p); }
        case 'line': {
          // at the start of a line: container and block markers where they matter
          let p = pos(m.at);
          while (p > 0 && text[p - 1] !== '\n') p--;
          return text.slice(0, p) + m.text + text.slice(p);
        }
        case 'delete': { const p = pos(m.at); return text.slice(0, p) + text.slice(p + m.len); }
        case 'duplicate': { const p = pos(m.at); return text.slice(0, p) + text.slice(p, p + m.len) + text.slice(p); }
        case 'crlf': return text.replace(/\r?\n/g, '\r\n');
      }
    };
    let fellBack = 0;
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (i, ms) => {
        let text = samples[i]!;
        for (const m of ms) text = mutate(text, m);
        if (!scanned(text)) fellBack++;
        try {
          assertSameLines(text, 'mutated');
        } catch (error) {
          if (process.env['BLOCKS_DUMP']) fs.writeFileSync(process.env['BLOCKS_DUMP'], text);
          throw error;
        }
      }),
      { numRuns: RUNS, seed: Number(process.env['BLOCKS_SEED'] ?? 20251007) },
    );
    if (process.env['BLOCKS_VERBOSE']) console.log(`scanner gave up on ${fellBack} of ${RUNS}`);
    assert.ok(fellBack < RUNS / 10, `the scanner gave up on ${fellBack} of ${RUNS} variants`);
  });

  it('gives the same model, outline and findings through the service as the remark path', () => {
    const fast = createRegulationService({ parser: 'fast' });
    const remark = createRegulationService({ parser: 'remark' });
    const strip = (m: object): Record<string, unknown> => Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v !== 'function'));
    for (const [name, text] of DRAFTS.filter(([n]) => n.includes('drafts/') || n.includes('corpus') || n.includes('examples'))) {
      assert.deepStrictEqual(strip(buildModel(text)), strip(buildModel(text, parseMarkdown(text).tree)), name);
      const a = fast.analyzeText(text);
      const b = remark.analyzeText(text);
      assert.deepStrictEqual(fast.outline(a), remark.outline(b), name);
      assert.deepStrictEqual(a.findings, b.findings, name);
      // The tree stays available (parsed on first access) and is remark's.
      assert.deepStrictEqual(a.tree, b.tree, name);
    }
  });
});

/**
 * A model packed for another thread (`model/transfer.ts`), cloned as `postMessage` clones it and
 * unpacked, is the model `buildModel` makes: same values, same keys in the same order, the same
 * objects shared (nodes in `root` and `nodes`, parent links), the same `lineAt`.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildModel } from '../../server/src/model/clauseTree';
import { packModel, unpackModel } from '../../server/src/model/transfer';
import type { DocumentModel } from '../../server/src/model/types';
import { FIXTURES, SHARED_CORPUS, readMarkdownTree } from '../helpers/fixtures';

/**
 * The model as a list of facts: every value by its path, every object's keys in order, and each
 * object met again as a reference to the path it was first met at (so sharing and cycles count).
 */
function facts(model: DocumentModel): string[] {
  const out: string[] = [];
  const seen = new Map<object, string>();
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value !== 'object') {
      out.push(`${at}=${typeof value === 'function' ? 'function' : JSON.stringify(value) ?? 'undefined'}`);
      return;
    }
    const first = seen.get(value);
    if (first !== undefined) {
      out.push(`${at}->${first}`);
      return;
    }
    seen.set(value, at);
    out.push(`${at}:${Array.isArray(value) ? 'array' : Object.getPrototypeOf(value) === Object.prototype ? 'object' : 'other'}{${Object.keys(value).join(',')}}`);
    for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
  };
  walk(model, '');
  return out;
}

function roundTrip(text: string): DocumentModel {
  return unpackModel(text, structuredClone(packModel(buildModel(text))));
}

function assertSame(text: string, name: string): void {
  const expected = buildModel(text);
  const actual = roundTrip(text);
  assert.deepEqual(facts(actual), facts(expected), name);
  for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 200))) {
    assert.equal(actual.lineAt(offset), expected.lineAt(offset), `${name}: lineAt(${offset})`);
  }
}

const drafts = [...readMarkdownTree(FIXTURES), ...readMarkdownTree(SHARED_CORPUS)];

describe('model transfer between threads', () => {
  it('gives back the very model of every fixture and shared draft, also with CRLF and a BOM', () => {
    assert.ok(drafts.length >= 150, 'many drafts');
    for (const [name, text] of drafts) {
      assertSame(text, name);
      assertSame('\ufeff' + text.replace(/\r?\n/g, '\r\n'), `${name} (BOM, CRLF)`);
    }
    for (const text of ['', '\ufeff', '\n\n', '# ', '1.', '| УТВЕРЖДАЮ | СОГЛАСОВАНО |\n|---|---|\n| Директор | Совет |']) assertSame(text, JSON.stringify(text));
  });

  it('gives back the very model of drafts made of other drafts\' lines in random order', () => {
    const lines = drafts.flatMap(([, text]) => text.split('\n'));
    fc.assert(fc.property(fc.array(fc.nat(lines.length - 1), { maxLength: 80 }), fc.constantFrom('\n', '\r\n'), (picks, eol) => {
      assertSame(picks.map((k) => lines[k]!).join(eol), 'random draft');
    }), { numRuns: 300, seed: 20261121 });
  });

  it('sends lines and nodes as columns, line contents and node texts as flags, not as copies of the text', () => {
    const [, text] = drafts.find(([name]) => name.includes('sosh14'))!;
    const packed = packModel(buildModel(text));
    assert.ok(packed.lines && packed.data.lines.length === 0, 'lines travel as columns');
    assert.equal(packed.nodeOrder, 'nodes', 'node flags follow model.nodes');
    assert.ok(packed.nodes && packed.data.nodes.length === 0, 'nodes travel as columns');
    const withContent = buildModel(text).lines.filter((l) => l.content.length > 0).length;
    assert.ok(packed.lineContents.reduce((a, b) => a + b, 0) >= withContent * 0.9, 'line contents sliced again on arrival');
    assert.ok(packed.nodeTexts.reduce((a, b) => a + b, 0) >= packed.nodeTexts.length * 0.9, 'node texts joined again on arrival');
  });
});

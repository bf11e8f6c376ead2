/**
 * The incremental parser (syntax/incremental.ts) gives exactly the tree of a full parse — on every
 * draft and fixture, and along random edit sequences — while an edit inside one paragraph re-parses
 * only that paragraph's chunk.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { chunkStarts, createIncrementalParseState, parseIncremental } from '../../server/src/syntax/incremental';
import { parseMarkdown } from '../../server/src/syntax/parse';
import { FIXTURES, readMarkdownTree, SHARED_CORPUS } from '../helpers/fixtures';

function drafts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    out.push(...readMarkdownTree(dir));
  };
  walk(SHARED_CORPUS);
  walk(path.join(FIXTURES, 'drafts'));
  walk(path.join(FIXTURES, 'parser'));
  return out;
}

const DRAFTS = drafts();
/** Drafts long enough to be chunked. */
const CHUNKED = DRAFTS.filter(([, text]) => text.length >= 4096 && chunkStarts(text).length > 3);

function assertSameTree(text: string, state = createIncrementalParseState()): void {
  assert.deepStrictEqual(parseIncremental(state, text).tree, parseMarkdown(text).tree);
}

describe('incremental parse', function () {
  this.timeout(120_000);

  it('has drafts that are cut into chunks', () => {
    assert.ok(CHUNKED.length >= 3, `only ${CHUNKED.length} drafts have chunk boundaries`);
  });

  for (const [name, text] of DRAFTS) {
    it(`${name}: the same tree as a full parse (LF, CRLF, BOM, tripled)`, () => {
      const state = createIncrementalParseState();
      for (const variant of [text, text.replace(/\r?\n/g, '\r\n'), '\ufeff' + text, text + '\n\n' + text + '\n\n' + text]) {
        assertSameTree(variant, state);
      }
    });
  }

  it('an edit inside a paragraph re-parses one chunk and reuses the others', () => {
    for (const [name, text] of CHUNKED) {
      const state = createIncrementalParseState();
      parseIncremental(state, text);
      const chunks = state.lastParsed;
      assert.equal(chunks, chunkStarts(text).length, `${name}: a first parse parses every chunk`);
      const at = text.indexOf(' ', Math.floor(text.length / 2));
      const edited = text.slice(0, at) + ' правка' + text.slice(at);
      assert.deepStrictEqual(parseIncremental(state, edited).tree, parseMarkdown(edited).tree, name);
      assert.equal(state.lastParsed, 1, `${name}: one chunk re-parsed`);
      assert.equal(state.lastReused, chunks - 1, `${name}: the other chunks reused`);
    }
  });

  it('random edit sequences keep the tree equal to a full parse', () => {
    const nasty = ['\n', '\n\n', '\r\n', '```\n', '~~~', '<!--', '-->', '<pre>', '</pre>', '[a]: /x\n', '- ', '1. ', '> ', '    ', '# ', '**', '\t', 'текст', '\u00a0'];
    fc.assert(
      fc.property(
        fc.nat({ max: Math.max(0, CHUNKED.length - 1) }),
        fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 40 }), ins: fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 8 })) }), { minLength: 1, maxLength: 8 }),
        (i, edits) => {
          let text = (CHUNKED[i] ?? DRAFTS[0]!)[1];
          const state = createIncrementalParseState();
          parseIncremental(state, text);
          for (const e of edits) {
            const p = e.at % (text.length + 1);
            text = text.slice(0, p) + e.ins + text.slice(p + e.del);
            assertSameTree(text, state);
          }
        },
      ),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 60) },
    );
  });
});

/**
 * The CLI's offset → position mapping (`server/src/cli/positions.ts`) must report exactly what the
 * language server reports (vscode-languageserver-textdocument's `positionAt`): the same line and
 * character for every offset, with every kind of line break, and the BOM rule on the first line.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStarts, PositionMapper } from '../../server/src/cli/positions';

/** What the language server reports for `offset`, with the CLI's BOM rule applied. */
function reference(text: string, offset: number): { line: number; character: number } {
  const p = TextDocument.create('file:///d.md', 'markdown', 0, text).positionAt(offset);
  if (text.charCodeAt(0) === 0xfeff && p.line === 0) return { line: 0, character: Math.max(0, p.character - 1) };
  return { line: p.line, character: p.character };
}

const piece = fc.constantFrom('\n', '\r\n', '\r', '\r\r\n', 'а', 'b', ' ', '\u00a0', '😀', '\ufeff', '1.', '\n\n');
const text = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));

describe('CLI positions', () => {
  it('match the language server on every offset of random texts (every line break, BOM, surrogate pairs)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const map = new PositionMapper(t);
        for (let offset = -2; offset <= t.length + 2; offset++) assert.deepEqual(map.position(offset), reference(t, offset), `offset ${offset} of ${JSON.stringify(t)}`);
      }),
      { seed: 20261121, numRuns: 500 },
    );
  });

  it('start lines after \\n, \\r\\n and a lone \\r', () => {
    assert.deepEqual(lineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7]);
    assert.deepEqual(lineStarts(''), [0]);
    assert.deepEqual(lineStarts('x\r'), [0, 2]);
  });

  it('count characters after the BOM on the first line only', () => {
    const map = new PositionMapper('\ufeffПоложение\nMAX');
    assert.deepEqual(map.range({ start: 1, end: 10 }), { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.deepEqual(map.position(12), { line: 1, character: 1 });
  });
});

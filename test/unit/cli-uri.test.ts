/** The CLI's fast `file://` URI of plain paths equals Node's `pathToFileURL`. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { fileUri } from '../../server/src/cli/check';

describe('CLI file URIs', () => {
  it('fileUri equals pathToFileURL on any path: plain, with spaces, %, #, ?, Cyrillic, dot segments, double slashes', () => {
    const segment = fc.oneof(
      fc.constantFrom('.', '..', '', '...', 'a.md', 'drafts', '-x', '_y'),
      fc.array(fc.constantFrom('a', 'Z', '0', '_', '.', '-', ' ', '%', '#', '?', 'я', '~', '\\', '"', '+', '@', ':', '\u00a0'), { maxLength: 6 }).map((cs) => cs.join('')),
    );
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (segments, trailing) => {
      const file = '/' + segments.join('/') + (trailing ? '/' : '');
      assert.equal(fileUri(file), pathToFileURL(file).href, file);
    }), { numRuns: 3000, seed: 20261121 });
    assert.equal(fileUri('/tmp/nkc/0/draft-1.md'), 'file:///tmp/nkc/0/draft-1.md');
  });
});

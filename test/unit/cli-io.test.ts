/**
 * The CLI's file plumbing: reading ahead on the thread pool (results in order, read errors passed
 * on, never more reads pending than the window) and the fast `file://` URI of plain paths.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUri } from '../../server/src/cli/check';
import { mapReadAhead } from '../../server/src/cli/readAhead';

describe('CLI file reading and URIs', () => {
  it('reads ahead: every file in input order, a missing file as its error, the others unaffected', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-readahead-'));
    try {
      const files = Array.from({ length: 25 }, (_, i) => path.join(dir, `${i}.md`));
      files.forEach((f, i) => { if (i !== 7) fs.writeFileSync(f, `файл ${i}\n`); });
      const seen: number[] = [];
      const out = await mapReadAhead(files, (i, read) => {
        seen.push(i);
        return Buffer.isBuffer(read) ? read.toString('utf8') : (read as NodeJS.ErrnoException).code;
      }, 4);
      assert.deepEqual(seen, files.map((_, i) => i));
      assert.deepEqual(out, files.map((_, i) => (i === 7 ? 'ENOENT' : `файл ${i}\n`)));
      assert.deepEqual(await mapReadAhead([], () => 1), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

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

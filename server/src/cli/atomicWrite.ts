/**
 * Atomic replacement of a file's text: write a temporary file in the same directory, flush it,
 * give it the original's mode, then rename it over the original. A reader sees either the old or
 * the new text, never half of it; on failure the temporary file is removed and the original kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Replaces the content of `file` (written as UTF-8; a BOM character in `text` is kept). */
export function writeFileAtomic(file: string, text: string): void {
  // Write through symbolic links: the link stays, its target gets the new text.
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const dir = path.dirname(target);
  // node:crypto is loaded here, not with the module: a check without --fix does not need it (~6 ms).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', stat.mode & 0o777);
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, stat.mode & 0o7777);
    fs.renameSync(tmp, target);
  } catch (error) {
    if (fd !== undefined) {
      try { fs.closeSync(fd); } catch { /* already failing */ }
    }
    try { fs.unlinkSync(tmp); } catch { /* not created */ }
    throw error;
  }
}

/**
 * Reading files ahead: while the main thread checks file i, files i+1 … i+window are read on
 * libuv's thread pool, so opening and reading them costs the main thread nothing but a callback
 * (a synchronous read blocks it: ~25 ms over the 539-draft benchmark corpus).
 */
import * as fs from 'node:fs';

/** Files read ahead of the one being checked. */
export const READ_AHEAD = 8;

/**
 * `each(i, bytes or read error)` for every file, in order, one at a time; the result list in the
 * same order. `each` runs synchronously between reads; reading never throws (an error is passed on).
 */
export async function mapReadAhead<T>(files: readonly string[], each: (i: number, read: Buffer | Error) => T, window = READ_AHEAD): Promise<T[]> {
  const reads: Promise<Buffer | Error>[] = [];
  const start = (i: number): void => {
    if (i < files.length) reads[i] = new Promise((resolve) => fs.readFile(files[i]!, (error, data) => resolve(error ?? data)));
  };
  for (let i = 0; i < window; i++) start(i);
  const out: T[] = [];
  for (let i = 0; i < files.length; i++) {
    const read = await reads[i]!;
    delete reads[i];
    start(i + window);
    out.push(each(i, read));
  }
  return out;
}

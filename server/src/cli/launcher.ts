/**
 * The CLI launcher (bundled to dist/launcher.js, started by bin/normokontrol.js): loads the CLI
 * bundle dist/cli.js through a V8 code cache, `dist/cli.js.cache`.
 *
 * Why: a `check` run is a fresh process, and before it analyses anything V8 has to compile the
 * 1.7 MB bundle and, lazily, every function the run calls. The cache holds the bytecode of those
 * functions, made by `scripts/bundle.mjs` right after bundling (a training run of `check` over
 * the example drafts and the fixtures, `NORMOKONTROL_CODE_CACHE=write`): ~50 ms less per run, ~6 %
 * of a check over the 539-draft benchmark corpus. It is what Node ≥ 22's `module.enableCompileCache`
 * does, made at build time (Node 20 has no such API).
 *
 * Safety: the cache is used only with the very bundle it was made from (its {@link sourceHash} is
 * the cache's header; V8 itself only compares the source length) and only by the Node/V8 version and flags
 * that made it (V8 rejects it otherwise). Any problem — no cache, another bundle, a rejected or
 * unreadable cache — means a normal compile: the cache changes how fast the CLI starts, never what
 * it does. `NORMOKONTROL_CODE_CACHE=off` disables it.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as vm from 'node:vm';
import { startEarlyFeedWorker } from './early';

const MAGIC = 'normokontrol-code-cache-2\n';

/**
 * A fingerprint of the bundle's bytes: its length and two 32-bit hashes of its 32-bit words (FNV-1a
 * and a multiply–xor–shift lane). It tells a bundle from an edited or rebuilt one, which is all the
 * cache needs (nothing here is a secret). Not `node:crypto`: loading it took ~6 ms of every start.
 */
export function sourceHash(bytes: Uint8Array): string {
  const data = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.from(bytes);
  const words = new Int32Array(data.buffer, data.byteOffset, data.length >> 2);
  let a = 0x811c9dc5 | 0;
  let b = 0x2545f491 | 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (let i = words.length * 4; i < data.length; i++) {
    a = Math.imul(a ^ data[i]!, 0x01000193);
    b = Math.imul(b ^ data[i]!, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return `${data.length}-${hex(a)}${hex(b)}`;
}

/**
 * The V8 flags of `check`, set before the bundle is compiled (the code cache records them).
 *
 * `check` is a short batch run in a fresh process: much of its time is spent before V8's
 * optimising compiler has paid off. Compiling every function with the baseline compiler at once
 * (`--always-sparkplug`) and optimising later than by default (a larger interrupt budget: fewer
 * functions are optimised, and those that are have had more time to settle) costs ~25 % less CPU
 * over the 539-draft benchmark corpus; 400 000 was the best of 100 000 … 1 600 000 (bench/README.md).
 * Not for `lsp`, a long-running server, which wants the defaults. Both flags only tune when code
 * is compiled, never what it computes.
 */
export function setCheckFlags(args: readonly string[]): void {
  if (args.find((a) => !a.startsWith('-')) !== 'check') return;
  try {
    setFlagsFromString('--always-sparkplug');
    setFlagsFromString('--interrupt-budget=400000');
  } catch {
    // An engine without these flags runs with its defaults.
  }
}

/** The cached data for `source` from `cacheFile`, or undefined when there is none for this very source. */
export function readCodeCache(cacheFile: string, sourceHash: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const header = MAGIC + sourceHash + '\n';
  if (data.length <= header.length || data.toString('latin1', 0, header.length) !== header) return undefined;
  return data.subarray(header.length);
}

/** Writes the cache of `script` (compiled from the source with `sourceHash`) to `cacheFile`. */
export function writeCodeCache(cacheFile: string, sourceHash: string, script: vm.Script): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC + sourceHash + '\n', 'latin1'), script.createCachedData()]));
  fs.renameSync(tmp, cacheFile);
}

/**
 * Loads the CommonJS file `filename` as `require` would, compiled with its code cache when there
 * is a valid one. Returns whether the cache was used.
 */
export function loadWithCodeCache(filename: string, mode: string | undefined): boolean {
  const bytes = fs.readFileSync(filename);
  const hash = sourceHash(bytes);
  const cacheFile = `${filename}.cache`;
  const cachedData = mode === 'off' || mode === 'write' ? undefined : readCodeCache(cacheFile, hash);
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (mode === 'write') process.once('exit', () => writeCodeCache(cacheFile, hash, script));
  const mod = new Module(filename, module);
  mod.filename = filename;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, Module.createRequire(filename), mod, filename, path.dirname(filename));
  mod.loaded = true;
  return used;
}

/** Starts the CLI bundle next to this file (`dist/cli.js`) with the process arguments. */
export function launch(): void {
  setCheckFlags(process.argv.slice(2));
  // The model feed's worker loads while the main thread loads the engine (cli/early.ts).
  startEarlyFeedWorker(process.argv.slice(2), path.join(__dirname, 'cliModels.js'));
  loadWithCodeCache(path.join(__dirname, 'cli.js'), process.env['NORMOKONTROL_CODE_CACHE']);
}

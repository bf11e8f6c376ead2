/**
 * The CLI launcher's V8 code cache (server/src/cli/launcher.ts, dist/cli.js.cache): used only for
 * the bundle it was made from; a missing, stale or damaged cache never changes what the CLI does.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCodeCache, sourceHash } from '../../server/src/cli/launcher';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const EXAMPLES = path.join(ROOT, 'examples');

/** Runs `check --format json` over the examples with the launcher in `dir` (as bin/normokontrol.js does). */
function check(dir: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(tmpBin, 'run.js'), 'check', '--format', 'json', EXAMPLES], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NORMOKONTROL_WORKERS: '0', NK_LAUNCHER: path.join(dir, 'launcher.js'), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmpBin = '';

describe('CLI launcher: V8 code cache', function () {
  this.timeout(60_000);
  let tmp: string;
  let hash: string;
  let reference: { code: number | null; stdout: string; stderr: string };

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-launcher-'));
    tmpBin = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-launcher-bin-'));
    fs.writeFileSync(path.join(tmpBin, 'run.js'), "require(process.env.NK_LAUNCHER).launch();\n");
    for (const f of ['launcher.js', 'cli.js']) fs.copyFileSync(path.join(DIST, f), path.join(tmp, f));
    hash = sourceHash(fs.readFileSync(path.join(tmp, 'cli.js')));
    reference = check(DIST, { NORMOKONTROL_CODE_CACHE: 'off' });
    assert.ok(reference.stdout.includes('"diagnostics"'), reference.stderr);
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(tmpBin, { recursive: true, force: true });
  });

  it('the build ships a cache for the bundle, and the CLI gives the same report with it as without', () => {
    const cacheFile = path.join(DIST, 'cli.js.cache');
    const distHash = sourceHash(fs.readFileSync(path.join(DIST, 'cli.js')));
    assert.ok(readCodeCache(cacheFile, distHash), 'dist/cli.js.cache made by scripts/bundle.mjs for this dist/cli.js');
    const withCache = check(DIST);
    assert.equal(withCache.stdout, reference.stdout);
    assert.equal(withCache.code, reference.code);
  });

  it('is read only for the source it was made from', () => {
    const cacheFile = path.join(tmp, 'cli.js.cache');
    fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(`normokontrol-code-cache-2\n${hash}\n`, 'latin1'), Buffer.from([1, 2, 3])]));
    assert.deepEqual(readCodeCache(cacheFile, hash), Buffer.from([1, 2, 3]));
    assert.equal(readCodeCache(cacheFile, sourceHash(Buffer.from('another bundle'))), undefined, 'another bundle');
    fs.writeFileSync(cacheFile, 'garbage');
    assert.equal(readCodeCache(cacheFile, hash), undefined, 'no header');
    assert.equal(readCodeCache(path.join(tmp, 'missing.cache'), hash), undefined, 'no file');
  });

  it('the fingerprint tells bundles apart: one changed byte, a swap of words, any length, any alignment', () => {
    const bytes = fs.readFileSync(path.join(DIST, 'cli.js'));
    const seen = new Set<string>([sourceHash(bytes)]);
    for (const at of [0, 1, 2, 3, 4, 1000, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 1;
      seen.add(sourceHash(changed));
    }
    const swapped = Buffer.from(bytes);
    swapped.copy(swapped, 0, 4, 8);
    bytes.copy(swapped, 4, 0, 4);
    seen.add(sourceHash(swapped));
    for (let n = 0; n < 9; n++) seen.add(sourceHash(bytes.subarray(0, n)));
    assert.equal(seen.size, 1 + 7 + 1 + 9);
    // The same bytes at an offset not divisible by 4 give the same fingerprint.
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    assert.equal(sourceHash(shifted.subarray(1)), sourceHash(bytes));
  });

  it('a damaged cache or one of another bundle changes nothing in the report', () => {
    const cacheFile = path.join(tmp, 'cli.js.cache');
    // The right header with a damaged payload: V8 rejects it, the bundle compiles as usual.
    fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(`normokontrol-code-cache-2\n${hash}\n`, 'latin1'), Buffer.alloc(4096, 7)]));
    const damaged = check(tmp);
    assert.equal(damaged.stdout, reference.stdout, damaged.stderr);
    assert.equal(damaged.code, reference.code);
    // The shipped bundle's cache next to an edited bundle of the same length (V8 alone would
    // accept it: it compares lengths): the edited code runs, not the cached one.
    fs.copyFileSync(path.join(DIST, 'cli.js.cache'), cacheFile);
    const source = fs.readFileSync(path.join(tmp, 'cli.js'), 'utf8');
    assert.ok(source.includes('id: "roles/institution-mismatch"'));
    const edited = source.replace('id: "roles/institution-mismatch"', 'id: "roles/INSTITUTION-mismatch"');
    assert.equal(edited.length, source.length);
    fs.writeFileSync(path.join(tmp, 'cli.js'), edited);
    const other = check(tmp);
    assert.ok(reference.stdout.includes('"roles/institution-mismatch"'));
    assert.equal(other.stdout, reference.stdout.replaceAll('"roles/institution-mismatch"', '"roles/INSTITUTION-mismatch"'), other.stderr);
  });

  it('writes a cache on request that the next run uses for the same report', () => {
    fs.copyFileSync(path.join(DIST, 'cli.js'), path.join(tmp, 'cli.js'));
    const cacheFile = path.join(tmp, 'cli.js.cache');
    fs.rmSync(cacheFile, { force: true });
    const writing = check(tmp, { NORMOKONTROL_CODE_CACHE: 'write' });
    assert.equal(writing.stdout, reference.stdout);
    const data = readCodeCache(cacheFile, hash);
    assert.ok(data && data.length > 10_000, 'a cache with the bytecode of the run');
    assert.equal(check(tmp).stdout, reference.stdout);
  });
});

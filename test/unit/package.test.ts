/**
 * Packaging: what `vsce` would put into the .vsix (from .vscodeignore), and the .vsix checker
 * used by `npm run package` (scripts/check-vsix.mjs) on hand-made archives.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../../..');

interface Checker { checkVsix(file: string): { problems: string[]; entries: { name: string }[] } }

/** A zip with stored (uncompressed) entries; CRCs are not checked by the reader. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const n = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const GOOD: Record<string, string> = {
  'extension.vsixmanifest': '<x/>',
  '[Content_Types].xml': '<x/>',
  'extension/package.json': JSON.stringify({ main: './dist/client.js' }),
  'extension/readme.md': '#',
  'extension/language-configuration.json': '{}',
  'extension/dist/client.js': 'const v=require("vscode"),p=require("path");',
  'extension/dist/server.js': 'const f=require("node:fs");',
  'extension/grammar/regulation.injection.tmLanguage.json': '{}',
  'extension/snippets/regulation.code-snippets': '{}',
  'extension/schemas/normokontrol.schema.json': '{}',
};

describe('packaging', () => {
  it('vsce would ship the bundles and every contributed file, and nothing else', function () {
    this.timeout(30000);
    const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    const files = out.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const allowed = [
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|language-configuration\.json)$/,
      /^dist\/(client|server)\.js$/,
      /^grammar\/[^/]+\.tmLanguage\.json$/,
      /^snippets\/[^/]+\.code-snippets$/,
      /^schemas\/[^/]+\.schema\.json$/,
    ];
    assert.deepEqual(files.filter((f) => !allowed.some((re) => re.test(f))), [], 'unexpected files in the package');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { languages?: { configuration?: string }[]; grammars?: { path: string }[]; snippets?: { path: string }[]; jsonValidation?: { url: string }[] };
    };
    const contributed = [
      ...(pkg.contributes.languages ?? []).map((l) => l.configuration),
      ...(pkg.contributes.grammars ?? []).map((g) => g.path),
      ...(pkg.contributes.snippets ?? []).map((s) => s.path),
      ...(pkg.contributes.jsonValidation ?? []).map((j) => j.url),
    ].filter((p): p is string => !!p).map((p) => p.replace(/^\.\//, ''));
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/client.js', 'dist/server.js', ...contributed]) {
      assert.ok(files.includes(f), `${f} would not be in the package`);
    }
  });

  describe('check-vsix', () => {
    let checker: Checker;
    let dir: string;
    before(async () => {
      checker = (await import(pathToFileURL(path.join(ROOT, 'scripts/check-vsix.mjs')).href)) as Checker;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-vsix-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const check = (files: Record<string, string>): string[] => {
      const file = path.join(dir, `${Object.keys(files).length}-${Math.random().toString(36).slice(2)}.vsix`);
      fs.writeFileSync(file, storedZip(files));
      return checker.checkVsix(file).problems;
    };

    it('accepts a package with exactly the expected files', () => {
      assert.deepEqual(check(GOOD), []);
    });

    it('rejects sources, maps and node_modules', () => {
      const problems = check({ ...GOOD, 'extension/client/src/client.ts': '', 'extension/dist/server.js.map': '{}', 'extension/node_modules/az/index.js': '' });
      assert.equal(problems.filter((p) => p.startsWith('unexpected file')).length, 3, problems.join('\n'));
    });

    it('rejects a bundle that requires a package it does not carry, or points to a source map', () => {
      const problems = check({ ...GOOD, 'extension/dist/server.js': 'require("az");\n//# sourceMappingURL=server.js.map' });
      assert.ok(problems.some((p) => p.includes('requires "az"')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('source map')), problems.join('\n'));
    });

    it('reports a missing server bundle', () => {
      const { 'extension/dist/server.js': _omit, ...rest } = GOOD;
      assert.ok(check(rest).some((p) => p.includes('extension/dist/server.js')));
    });
  });
});

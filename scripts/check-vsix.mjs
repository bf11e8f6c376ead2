// Checks a packaged .vsix (a zip): only the bundles and declarative files, no sources, tests, maps
// or node_modules; the bundles self-contained (no require of a package that is not shipped) and
// without source maps; under 3 MB. Prints the file list and sizes. Usage:
//   node scripts/check-vsix.mjs [normokontrol.vsix]
// No dependencies: a small reader of the zip central directory, inflate from node:zlib.
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';

export const MAX_BYTES = 3 * 1024 * 1024;

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/language-configuration\.json$/,
  /^extension\/dist\/(client|server)\.js$/,
  /^extension\/grammar\/[^/]+\.tmLanguage\.json$/,
  /^extension\/snippets\/[^/]+\.code-snippets$/,
  /^extension\/schemas\/[^/]+\.schema\.json$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/language-configuration.json',
  'extension/grammar/regulation.injection.tmLanguage.json',
  'extension/snippets/regulation.code-snippets',
  'extension/schemas/normokontrol.schema.json',
];

/** Entries of a zip file: name, sizes and a reader of the uncompressed bytes. */
export function readZip(buffer) {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buffer.readUInt16LE(p + 10);
    const compressed = buffer.readUInt32LE(p + 20);
    const size = buffer.readUInt32LE(p + 24);
    const nameLen = buffer.readUInt16LE(p + 28);
    const extraLen = buffer.readUInt16LE(p + 30);
    const commentLen = buffer.readUInt16LE(p + 32);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({
      name, size, compressed,
      read() {
        const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
        const data = buffer.subarray(start, start + compressed);
        if (method === 0) return data;
        if (method === 8) return zlib.inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Problems of a .vsix (empty when it is fine). */
export function checkVsix(file) {
  const buffer = fs.readFileSync(file);
  const entries = readZip(buffer);
  const problems = [];
  if (buffer.length >= MAX_BYTES) problems.push(`${file} is ${buffer.length} bytes, the limit is ${MAX_BYTES}`);
  for (const e of entries) {
    if (!ALLOWED.some((re) => re.test(e.name))) problems.push(`unexpected file in the package: ${e.name}`);
  }
  const names = new Set(entries.map((e) => e.name));
  for (const r of REQUIRED) if (!names.has(r)) problems.push(`missing from the package: ${r}`);
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'vscode']);
  for (const e of entries.filter((x) => /^extension\/dist\/.*\.js$/.test(x.name))) {
    const text = e.read().toString('utf8');
    if (/sourceMappingURL/.test(text)) problems.push(`${e.name} references a source map`);
    for (const m of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      if (!builtins.has(m[1]) && !m[1].startsWith('.')) problems.push(`${e.name} requires "${m[1]}", which is not in the package`);
    }
  }
  const pkg = entries.find((e) => e.name === 'extension/package.json');
  if (pkg) {
    const manifest = JSON.parse(pkg.read().toString('utf8'));
    if (manifest.main !== './dist/client.js') problems.push(`package.json main is ${manifest.main}, expected ./dist/client.js`);
  }
  return { size: buffer.length, entries, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = process.argv[2] ?? 'normokontrol.vsix';
  const { size, entries, problems } = checkVsix(file);
  for (const e of entries) console.log(`${String(e.size).padStart(9)}  ${e.name}`);
  console.log(`${file}: ${entries.length} files, ${(size / 1024).toFixed(1)} KB (limit ${MAX_BYTES / 1024 / 1024} MB)`);
  if (problems.length) {
    console.error(problems.map((p) => `error: ${p}`).join('\n'));
    process.exit(1);
  }
}

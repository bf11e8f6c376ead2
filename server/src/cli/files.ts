/**
 * Turning command-line arguments into files: plain existing paths pass through, directories
 * become every `*.md` inside them, anything else is a glob pattern (tinyglobby).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// `import = require` makes esbuild take tinyglobby's CommonJS build: its ESM build (through fdir)
// calls createRequire(import.meta.url), which is undefined in a CommonJS bundle.
import tinyglobby = require('tinyglobby');

const { glob, isDynamicPattern } = tinyglobby;

/** Folders never searched when a directory or a pattern is expanded. */
const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Result of {@link expandInputs}. */
export interface ExpandedInputs {
  /** Absolute paths, in argument order (pattern matches sorted), without duplicates. */
  readonly files: string[];
  /** Russian messages for arguments that matched nothing (a usage error: exit code 2). */
  readonly problems: string[];
}

/** Expands file, directory and glob arguments relative to `cwd`. */
export async function expandInputs(args: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  const add = (file: string): void => {
    const abs = path.resolve(cwd, file);
    if (!seen.has(abs)) {
      seen.add(abs);
      files.push(abs);
    }
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(abs);
      if (stat.isSymbolicLink()) {
        try {
          stat = fs.statSync(abs);
        } catch {
          // A dangling link is still a file argument: reading it reports the problem.
        }
      }
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found = await glob('**/*.md', { cwd: abs, absolute: true, ignore: IGNORED, followSymbolicLinks: false });
      if (found.length === 0) problems.push(`В каталоге «${arg}» нет файлов *.md`);
      for (const f of found.sort()) add(f);
      continue;
    }
    if (stat) {
      add(abs);
      continue;
    }
    if (!isDynamicPattern(arg)) {
      problems.push(`Файл «${arg}» не найден`);
      continue;
    }
    // Glob syntax uses `/`; on Windows users type `\` between folders.
    const pattern = process.platform === 'win32' ? arg.replace(/\\/g, '/') : arg;
    const found = await glob(pattern, { cwd, absolute: true, ignore: IGNORED });
    if (found.length === 0) problems.push(`Ни один файл не подходит под шаблон «${arg}»`);
    for (const f of found.map((f) => path.resolve(f)).sort()) add(f);
  }
  return { files, problems };
}

/** A path as users see it in reports: relative to `cwd` when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  // A normalised file under a normalised cwd (as the expanded inputs are): the rest of its path,
  // as path.relative gives it, without its work (~10 µs a file, every file of a report).
  if (process.platform !== 'win32' && cwd.length > 1 && file.length > cwd.length + 1 && file.charCodeAt(cwd.length) === 47 && file.startsWith(cwd) && !cwd.endsWith('/') && !UNNORMALISED.test(cwd)) {
    const rest = file.slice(cwd.length + 1);
    if (!UNNORMALISED.test('/' + rest)) return rest.startsWith('..') ? file : rest;
  }
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** A path with an empty, `.` or `..` segment or a trailing slash (not what path.resolve gives). */
const UNNORMALISED = /\/\/|\/\.\.?(?:\/|$)|\/$/;

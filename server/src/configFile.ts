/**
 * Workspace configuration files (`.normokontrol.json`): reading, validating and finding the
 * nearest one above a document. Shared by the CLI and (later) the language server; the only
 * module outside `cli/` and `main.ts` that touches the file system.
 *
 * The file holds the same object as the `normokontrol` settings: `{"rules": {...}, "asOf": "...",
 * "terms": {...}, ...}`; it is normalised with {@link normalizeSettings}, so unknown values only
 * produce warnings. A file that is not JSON is an error ({@link ConfigFileError}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings, type Settings } from './config';

/** The name looked up from a document's directory upwards. */
export const CONFIG_FILE_NAME = '.normokontrol.json';

/** A configuration file that could not be read or is not valid JSON; the message is Russian. */
export class ConfigFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** A configuration file, read and normalised. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  readonly file: string;
  readonly settings: Settings;
  /** Russian warnings about ignored values (unknown severity, bad date, …). */
  readonly warnings: readonly string[];
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'файл не найден';
    case 'EACCES':
    case 'EPERM': return 'нет прав на чтение';
    case 'EISDIR': return 'это каталог, а не файл';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/** Parses the text of a configuration file (BOM and `//`-free JSON). Throws {@link ConfigFileError}. */
export function parseConfigText(text: string, file: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigFileError(file, `Файл настроек ${file} — не корректный JSON: ${detail}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigFileError(file, `Файл настроек ${file} должен содержать объект JSON ({ … })`);
  }
  const warnings: string[] = [];
  const settings = normalizeSettings(raw, (m) => warnings.push(m));
  return { file, settings, warnings };
}

/** Reads and normalises one configuration file. Throws {@link ConfigFileError}. */
export function readConfigFile(file: string): LoadedConfig {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (error) {
    throw new ConfigFileError(abs, `Не удалось прочитать файл настроек ${abs}: ${describeError(error)}`);
  }
  return parseConfigText(text, abs);
}

/**
 * Finds configuration files for documents: the nearest `.normokontrol.json` walking up from the
 * document's directory to the file-system root. Lookups and parsed files are cached per directory,
 * so checking a thousand files of one folder reads the configuration once.
 */
export class ConfigResolver {
  readonly #dirs = new Map<string, string | null>();
  readonly #files = new Map<string, LoadedConfig>();

  /** The nearest configuration file for a directory, or undefined. */
  findFor(dir: string): string | undefined {
    const start = path.resolve(dir);
    const visited: string[] = [];
    let current = start;
    let found: string | null = null;
    for (;;) {
      const cached = this.#dirs.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const candidate = path.join(current, CONFIG_FILE_NAME);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const d of visited) this.#dirs.set(d, found);
    return found ?? undefined;
  }

  /** The loaded configuration for a document path, or undefined when none applies. Throws {@link ConfigFileError}. */
  loadFor(documentPath: string): LoadedConfig | undefined {
    const file = this.findFor(path.dirname(path.resolve(documentPath)));
    return file === undefined ? undefined : this.load(file);
  }

  /** Loads a configuration file once. Throws {@link ConfigFileError} (every time it is asked). */
  load(file: string): LoadedConfig {
    const abs = path.resolve(file);
    const hit = this.#files.get(abs);
    if (hit) return hit;
    const loaded = readConfigFile(abs);
    this.#files.set(abs, loaded);
    return loaded;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

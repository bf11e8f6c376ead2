/**
 * Per-resource settings of the language server.
 *
 * Sources, later ones winning rule by rule ({@link mergeSettings}):
 * 1. the workspace file: `normokontrol.configFile` when set (absolute, or relative to the
 *    document's workspace folder; `${workspaceFolder}` is expanded), otherwise the nearest
 *    `.normokontrol.json` from the document's directory upwards (as the CLI finds it);
 * 2. the editor's settings, section `normokontrol`, pulled with `workspace/configuration`
 *    (scope = the document) — or, for clients without that request, the `normokontrol` object
 *    of the last `workspace/didChangeConfiguration` notification.
 *
 * Results are cached per document URI as promises; {@link SettingsStore.clear} drops every cache
 * (on `didChangeConfiguration` and when a `.normokontrol.json` changes). Bad input never throws:
 * it is logged and ignored.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeSettings, normalizeSettings, type Settings } from './config';
import { ConfigResolver, type LoadedConfig } from './configFile';
import type { ILogger } from './service/logger';

/** The settings that apply to one document. */
export interface ResourceSettings {
  /** Engine settings: rules, asOf, knowledge overrides. */
  readonly settings: Settings;
  /** Lint every Markdown document, not only those that read as regulations (`normokontrol.lintAllMarkdown`). */
  readonly lintAllMarkdown: boolean;
  /** The workspace configuration file that applied, if any (absolute path). */
  readonly configFile?: string;
}

/** The part of the protocol connection the store needs (kept structural for tests). */
export interface ConfigurationSource {
  /** `workspace/configuration` for one section and scope. */
  getConfiguration(item: { scopeUri?: string; section: string }): Promise<unknown>;
}

/** Options of {@link SettingsStore}. */
export interface SettingsStoreOptions {
  readonly logger: ILogger;
  /** Present when the client answers `workspace/configuration`. */
  readonly configuration?: ConfigurationSource;
  /** Workspace folder URIs (read on every lookup: folders can change). */
  readonly workspaceFolders: () => readonly string[];
}

/** Section of the editor settings. */
export const SETTINGS_SECTION = 'normokontrol';

/** A file system path for a `file:` URI, undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Settings per document, pulled from the client and the workspace file, cached per URI. */
export class SettingsStore {
  readonly #options: SettingsStoreOptions;
  #cache = new Map<string, Promise<ResourceSettings>>();
  #resolver = new ConfigResolver();
  /** Settings pushed by `didChangeConfiguration` (clients without `workspace/configuration`). */
  #global: unknown = undefined;
  /** Warnings already logged since the last clear (no repeated noise per document). */
  #warned = new Set<string>();

  constructor(options: SettingsStoreOptions) {
    this.#options = options;
  }

  /** The settings of a document (cached until {@link clear}). Never rejects. */
  get(uri: string): Promise<ResourceSettings> {
    let hit = this.#cache.get(uri);
    if (!hit) {
      hit = this.#load(uri).catch((error: unknown) => {
        this.#warn(`Настройки для ${uri} не получены: ${error instanceof Error ? error.message : String(error)}`);
        return { settings: normalizeSettings({}), lintAllMarkdown: false };
      });
      this.#cache.set(uri, hit);
    }
    return hit;
  }

  /** Records the `settings` payload of `didChangeConfiguration` (used only without `workspace/configuration`). */
  setGlobal(settings: unknown): void {
    this.#global = isObject(settings) ? settings[SETTINGS_SECTION] : undefined;
  }

  /** Drops every cached value: the next {@link get} asks the client and reads files again. */
  clear(): void {
    this.#cache = new Map();
    this.#resolver = new ConfigResolver();
    this.#warned = new Set();
  }

  /** Drops the cache of one document (on close). */
  forget(uri: string): void {
    this.#cache.delete(uri);
  }

  async #load(uri: string): Promise<ResourceSettings> {
    const raw = this.#options.configuration
      ? await this.#options.configuration.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      : this.#global;
    const editorRaw: Record<string, unknown> = isObject(raw) ? raw : {};
    const editor = normalizeSettings(editorRaw, (m) => this.#warn(`Настройки normokontrol: ${m}`));
    const loaded = this.#loadFile(uri, editorRaw['configFile']);
    for (const w of loaded?.warnings ?? []) this.#warn(`${loaded!.file}: ${w}`);
    const settings = loaded ? mergeSettings(loaded.settings, editor) : editor;
    return { settings, lintAllMarkdown: editorRaw['lintAllMarkdown'] === true, configFile: loaded?.file };
  }

  /** The workspace folder (as a path) that contains a document, else the first folder. */
  #folderFor(docPath: string | undefined): string | undefined {
    const folders = this.#options.workspaceFolders().map(uriToPath).filter((p): p is string => p !== undefined);
    if (docPath) {
      const inside = folders
        .filter((f) => docPath === f || docPath.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
        .sort((a, b) => b.length - a.length)[0];
      if (inside) return inside;
    }
    return folders[0];
  }

  #loadFile(uri: string, configFile: unknown): LoadedConfig | undefined {
    const docPath = uriToPath(uri);
    try {
      if (typeof configFile === 'string' && configFile.trim() !== '') {
        const folder = this.#folderFor(docPath);
        let file = configFile.trim();
        if (file.includes('${workspaceFolder}')) {
          if (!folder) throw new Error(`в «${file}» есть \${workspaceFolder}, но папка рабочей области не открыта`);
          file = file.split('${workspaceFolder}').join(folder);
        }
        if (!path.isAbsolute(file)) {
          const base = folder ?? (docPath ? path.dirname(docPath) : undefined);
          if (!base) throw new Error(`относительный путь «${file}» не к чему отнести: нет папки рабочей области`);
          file = path.resolve(base, file);
        }
        return this.#resolver.load(file);
      }
      if (docPath) return this.#resolver.loadFor(docPath);
      const folder = this.#folderFor(undefined);
      return folder ? this.#resolver.loadFor(path.join(folder, 'untitled.md')) : undefined;
    } catch (error) {
      this.#warn(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  #warn(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#options.logger.warn(message);
  }
}

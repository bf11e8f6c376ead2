/**
 * Checking one file: read, analyse (and with `--fix` fix and write back atomically), return plain
 * data. `checkFile` is the unit a worker pool would run; its result is structured-clone friendly.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../config';
import type { Finding } from '../rules/types';
import type { IRegulationService } from '../service';
import type { Prepared } from './models';
import { writeFileAtomic } from './atomicWrite';

/** Options of {@link checkFile}. */
export interface CheckOptions {
  readonly service: IRegulationService;
  /** Apply preferred fixes (at most {@link MAX_FIX_ROUNDS} rounds) and write the file back. */
  readonly fix?: boolean;
  /** The file's text and model, already read and built (by the model feed; not with `fix`). */
  readonly prepared?: Prepared;
}

/** What `--fix` does at most: rounds of "apply every preferred fix, analyse again". */
export const MAX_FIX_ROUNDS = 10;

/** The outcome for one file. */
export interface FileResult {
  /** Absolute path. */
  readonly file: string;
  /** The analysed text (after fixes with `--fix`); absent when the file could not be read or analysed. */
  readonly text?: string;
  /** Findings of `text`. */
  readonly findings: readonly Finding[];
  /** Russian description of a read, analysis or write failure (exit code 2). */
  readonly error?: string;
  /** With `--fix`: edits applied. */
  readonly fixesApplied?: number;
  /** With `--fix`: whether the file was rewritten. */
  readonly written?: boolean;
}

/** Russian wording of a file-system error. */
export function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'файл не найден';
    case 'EACCES':
    case 'EPERM': return 'нет прав доступа';
    case 'EISDIR': return 'это каталог, а не файл';
    case 'ELOOP': return 'циклическая символическая ссылка';
    case 'ENOSPC': return 'нет места на диске';
    case 'EROFS': return 'файловая система только для чтения';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The text of a file's bytes, as `bytes.toString('utf8')` gives it: a leading BOM stays U+FEFF (so
 * writing the string back keeps it), invalid sequences become U+FFFD.
 *
 * Valid UTF-8 with Cyrillic is converted by `transcode` into UTF-16 and taken as is: V8's own
 * UTF-8 decoder goes character by character, and over the 539-draft benchmark corpus (3.6 MB)
 * this is ~15 ms less of a `check` run. ASCII and invalid UTF-8 take the usual path (the result
 * is the same for valid UTF-8: `test/unit/cli-decode.test.ts`).
 */
export function decodeUtf8(bytes: Buffer): string {
  return bytes.length >= 64 && !isAscii(bytes) && isUtf8(bytes) ? transcode(bytes, 'utf8', 'utf16le').toString('utf16le') : bytes.toString('utf8');
}

/** Reads, analyses and (with `fix`) repairs one file. Never throws. */
export function checkFile(file: string, settings: Settings, options: CheckOptions): FileResult {
  const prepared = options.fix ? undefined : options.prepared;
  let bytes: Buffer | undefined;
  if (!prepared) {
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      return { file, findings: [], error: `не удалось прочитать файл: ${describeIoError(error)}` };
    }
  }
  const text = prepared ? prepared.text : decodeUtf8(bytes!);
  try {
    if (!options.fix || !bytes) {
      const analysis = options.service.analyzeText(text, settings, fileUri(file), prepared?.model);
      return { file, text, findings: analysis.findings };
    }
    const fixed = options.service.fixAll(text, settings, MAX_FIX_ROUNDS);
    if (fixed.text === text) return { file, text, findings: fixed.findings, fixesApplied: 0, written: false };
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      // Invalid UTF-8 became U+FFFD on reading; writing back would damage the file.
      const analysis = options.service.analyzeText(text, settings, fileUri(file));
      return { file, text, findings: analysis.findings, error: 'файл не в кодировке UTF-8; исправления не записаны' };
    }
    try {
      writeFileAtomic(file, fixed.text);
    } catch (error) {
      const analysis = options.service.analyzeText(text, settings, fileUri(file));
      return { file, text, findings: analysis.findings, error: `не удалось записать исправления: ${describeIoError(error)}` };
    }
    return { file, text: fixed.text, findings: fixed.findings, fixesApplied: fixed.applied, written: true };
  } catch (error) {
    return { file, findings: [], error: `не удалось проверить файл: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * `pathToFileURL(file).href`. A normalised absolute POSIX path of plain characters needs no
 * resolving and no escaping: its URL is `file://` + the path (the URL machinery costs ~10 µs a file).
 */
export function fileUri(file: string): string {
  return process.platform !== 'win32' && PLAIN_POSIX_PATH.test(file) ? 'file://' + file : pathToFileURL(file).href;
}

/** `/segment/segment…` of `[A-Za-z0-9_.-]`, no empty, `.` or `..` segment, no trailing slash. */
const PLAIN_POSIX_PATH = /^(?:\/(?!\.\.?(?:\/|$))[\w.-]+)+$/;

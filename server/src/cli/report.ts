/**
 * The CLI's report model: findings converted to LSP-style positions (0-based lines, UTF-16
 * characters). The JSON format prints it as is; the text and SARIF formats are derived from it.
 * Field names are a public contract (CI pipelines parse them): add fields, never rename or remove.
 */
import type { Finding, Severity } from '../rules/types';
import type { FileResult } from './check';
import { displayPath } from './files';
import { detached } from '../util/memo';
import { PositionMapper, type LspRange } from './positions';

/** One edit of a fix. */
export interface JsonEdit {
  readonly range: LspRange;
  readonly newText: string;
}

/** A fix: title and exact edits. */
export interface JsonFix {
  readonly title: string;
  readonly edits: JsonEdit[];
}

/** A related location in the same file. */
export interface JsonRelated {
  readonly message: string;
  readonly range: LspRange;
}

/** One diagnostic. */
export interface JsonDiagnostic {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: LspRange;
  /** Always present; empty when the finding has no fix. */
  readonly fixes: JsonFix[];
  /** Present when the rule points at other places ("first defined here"). */
  readonly relatedInformation?: JsonRelated[];
}

/** One checked file. */
export interface JsonFile {
  /** The path as given relative to the working directory (absolute when outside it). */
  readonly path: string;
  readonly diagnostics: JsonDiagnostic[];
  /** Present when the file could not be read, analysed or written (exit code 2). */
  readonly error?: string;
  /** With `--fix`: edits applied to the file. */
  readonly fixesApplied?: number;
}

/** The whole JSON report. */
export interface JsonReport {
  readonly files: JsonFile[];
}

/** Converts findings of a text to diagnostics. */
export function toDiagnostics(text: string, findings: readonly Finding[]): JsonDiagnostic[] {
  const map = new PositionMapper(text);
  return findings.map((f) => {
    const d: JsonDiagnostic = {
      rule: f.ruleId,
      severity: f.severity,
      // Detached: a message quoting the draft would keep the draft alive until the report is out.
      message: detached(f.message),
      range: map.range(f.range),
      fixes: (f.fixes ?? []).map((fix) => ({
        title: detached(fix.title),
        edits: fix.edits.map((e) => ({ range: map.range(e), newText: detached(e.newText) })),
      })),
    };
    if (f.related && f.related.length > 0) {
      return { ...d, relatedInformation: f.related.map((r) => ({ message: detached(r.message), range: map.range(r.range) })) };
    }
    return d;
  });
}

/** Converts a file result to the report model. */
export function toJsonFile(result: FileResult, cwd: string): JsonFile {
  const diagnostics = result.text === undefined ? [] : toDiagnostics(result.text, result.findings);
  return {
    path: displayPath(result.file, cwd),
    diagnostics,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.fixesApplied !== undefined ? { fixesApplied: result.fixesApplied } : {}),
  };
}

/** Counts diagnostics by severity. */
export function countBySeverity(files: readonly JsonFile[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const d of f.diagnostics) counts[d.severity]++;
  return counts;
}

/** The exit code of a check: 2 on any file failure, 1 on any error-level finding, else 0. */
export function exitCodeOf(files: readonly JsonFile[]): 0 | 1 | 2 {
  if (files.some((f) => f.error !== undefined)) return 2;
  return files.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

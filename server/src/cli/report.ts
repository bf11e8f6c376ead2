/**
 * The CLI's report model: findings converted to LSP-style positions (0-based lines, UTF-16
 * characters). The JSON format prints it as is; the text and SARIF formats are derived from it.
 * Field names are a public contract (CI pipelines parse them): add fields, never rename or remove.
 */
import type { OffsetRange } from '../model/types';
import type { Finding, Severity } from '../rules/types';
import type { FileResult } from './check';
import { detached } from '../util/memo';
import { displayPath } from './files';
import { formatText } from './formatText';
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

/**
 * `JSON.stringify(toJsonFile(result, cwd))`, written directly: the JSON report of a run needs no
 * diagnostic objects (~10 per finding) to be made and walked. Byte for byte the same
 * (`test/unit/report.test.ts`, over every fixture and shared draft); strings go through
 * `JSON.stringify`, so they are escaped exactly as there.
 */
export function jsonOfFile(result: FileResult, cwd: string): string {
  return jsonWithPath(result, displayPath(result.file, cwd));
}

function jsonWithPath(result: FileResult, path: string): string {
  let out = `{"path":${JSON.stringify(path)},"diagnostics":[`;
  if (result.text !== undefined) {
    const map = new PositionMapper(result.text);
    const range = (r: OffsetRange): string => {
      const a = map.position(r.start);
      const b = map.position(r.end);
      return `{"start":{"line":${a.line},"character":${a.character}},"end":{"line":${b.line},"character":${b.character}}}`;
    };
    const findings = result.findings;
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      if (i > 0) out += ',';
      out += `{"rule":${JSON.stringify(f.ruleId)},"severity":${JSON.stringify(f.severity)},"message":${JSON.stringify(f.message)},"range":${range(f.range)},"fixes":[`;
      const fixes = f.fixes ?? [];
      for (let k = 0; k < fixes.length; k++) {
        const fix = fixes[k]!;
        if (k > 0) out += ',';
        out += `{"title":${JSON.stringify(fix.title)},"edits":[`;
        for (let e = 0; e < fix.edits.length; e++) {
          const edit = fix.edits[e]!;
          if (e > 0) out += ',';
          out += `{"range":${range(edit)},"newText":${JSON.stringify(edit.newText)}}`;
        }
        out += ']}';
      }
      out += ']';
      if (f.related && f.related.length > 0) {
        out += ',"relatedInformation":[';
        for (let k = 0; k < f.related.length; k++) {
          const r = f.related[k]!;
          if (k > 0) out += ',';
          out += `{"message":${JSON.stringify(r.message)},"range":${range(r.range)}}`;
        }
        out += ']';
      }
      out += '}';
    }
  }
  out += ']';
  if (result.error !== undefined) out += `,"error":${JSON.stringify(result.error)}`;
  if (result.fixesApplied !== undefined) out += `,"fixesApplied":${JSON.stringify(result.fixesApplied)}`;
  // One flat string of its own (a report entry is kept until the report is written).
  return detached(out + '}');
}

/** The report entry of a checked file for a JSON report (see {@link jsonOfFile}). */
export function jsonReportEntry(result: FileResult, cwd: string): ReportEntry {
  const counts = severityCounts(result.text === undefined ? [] : result.findings);
  const path = displayPath(result.file, cwd);
  return { path, error: result.error, fixesApplied: result.fixesApplied, counts, rendered: jsonWithPath(result, path) };
}

/**
 * A file's part of a report as `check` keeps it until the report is written: what the summary and
 * the exit code need and, for JSON and text reports, the file's rendering — not the object graph
 * of its diagnostics (kept for SARIF only). Hundreds of files' diagnostics kept as objects were
 * copied by every young-generation GC of a run and promoted to the old space.
 */
export interface ReportEntry {
  readonly path: string;
  readonly error?: string;
  readonly fixesApplied?: number;
  readonly counts: Readonly<Record<Severity, number>>;
  /** Format `json`: the file's JSON; format `text`: its lines. */
  readonly rendered?: string;
  /** Format `sarif`: the file. */
  readonly file?: JsonFile;
}

export type ReportFormat = 'text' | 'json' | 'sarif';

/** The report entry of `file` for a report in `format`. */
export function toReportEntry(file: JsonFile, format: ReportFormat): ReportEntry {
  return {
    path: file.path,
    error: file.error,
    fixesApplied: file.fixesApplied,
    counts: severityCounts(file.diagnostics),
    rendered: format === 'json' ? JSON.stringify(file) : format === 'text' ? formatText([file]) : undefined,
    file: format === 'sarif' ? file : undefined,
  };
}

/** How many of `items` (findings or diagnostics) have each severity. */
function severityCounts(items: readonly { readonly severity: Severity }[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const item of items) counts[item.severity]++;
  return counts;
}

/** The JSON report of `entries` (made with format `json`): `{"files":[…]}`, one line. */
export function jsonReport(entries: readonly ReportEntry[]): string {
  return `{"files":[${entries.map((e) => e.rendered!).join(',')}]}\n`;
}

/** Counts diagnostics by severity. */
export function countBySeverity(entries: readonly ReportEntry[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const e of entries) for (const k of Object.keys(counts) as Severity[]) counts[k] += e.counts[k];
  return counts;
}

/** The exit code of a check: 2 on any file failure, 1 on any error-level finding, else 0. */
export function exitCodeOf(entries: readonly ReportEntry[]): 0 | 1 | 2 {
  if (entries.some((e) => e.error !== undefined)) return 2;
  return entries.some((e) => e.counts.error > 0) ? 1 : 0;
}

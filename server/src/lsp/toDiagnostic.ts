/**
 * Findings → LSP diagnostics. The one place where offsets become line/character positions
 * (together with {@link toRange}); everything before this is offset-based.
 */
import { DiagnosticSeverity, type ClientCapabilities, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetRange } from '../model/types';
import type { Finding, Fix, Severity } from '../rules/types';

/** `Diagnostic.source` of every finding. */
export const SOURCE = 'normokontrol';

/** The documentation page of a rule. */
export function docsUrl(ruleId: string): string {
  return `https://github.com/normokontrol/normokontrol/blob/main/docs/rules/${ruleId}.md`;
}

/**
 * `Diagnostic.data`: enough to build quick fixes without server state. `fixes` are offset-based
 * and valid only for `version`; code actions refuse them for any other version.
 */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly version: number;
  readonly fixes?: readonly Fix[];
}

/** Reads {@link DiagnosticData} back from an untrusted `Diagnostic.data`. */
export function readDiagnosticData(data: unknown): DiagnosticData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d['ruleId'] !== 'string' || typeof d['version'] !== 'number') return undefined;
  const fixes = Array.isArray(d['fixes']) ? (d['fixes'] as unknown[]).filter(isFix) : undefined;
  return { ruleId: d['ruleId'], version: d['version'], fixes };
}

function isFix(v: unknown): v is Fix {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f['title'] === 'string' && Array.isArray(f['edits']) && (f['edits'] as unknown[]).every((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const x = e as Record<string, unknown>;
    return typeof x['start'] === 'number' && typeof x['end'] === 'number' && typeof x['newText'] === 'string';
  });
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** An offset range → an LSP range of `doc` (clamped by the document). */
export function toRange(doc: TextDocument, range: OffsetRange): Range {
  return { start: doc.positionAt(range.start), end: doc.positionAt(range.end) };
}

/** What the client can show. */
export interface DiagnosticSupport {
  readonly relatedInformation: boolean;
}

/** Reads diagnostic support from the client's capabilities (push or pull). */
export function diagnosticSupport(caps: ClientCapabilities): DiagnosticSupport {
  const pull = caps.textDocument?.diagnostic as { relatedInformation?: boolean } | undefined;
  return {
    relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true || pull?.relatedInformation === true,
  };
}

/** Converts one finding of version `version` of `doc`. */
export function toDiagnostic(finding: Finding, doc: TextDocument, version: number, support: DiagnosticSupport): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, version, ...(finding.fixes?.length ? { fixes: finding.fixes } : {}) };
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.range),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data,
  };
  if (support.relatedInformation && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: doc.uri, range: toRange(doc, r.range) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** Converts all findings of an analysis. */
export function toDiagnostics(findings: readonly Finding[], doc: TextDocument, version: number, support: DiagnosticSupport): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, doc, version, support));
}

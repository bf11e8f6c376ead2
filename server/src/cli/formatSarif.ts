/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, …): one run, the rules
 * from rule metadata, results with 1-based regions (UTF-16 columns, end column exclusive) and fixes
 * as artifact changes. File failures become tool execution notifications.
 */
import type * as sarif from 'sarif';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule, Severity } from '../rules/types';
import type { LspRange } from './positions';
import type { JsonFile } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(r: LspRange): sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** A relative path as a URI reference (forward slashes, percent-encoded). */
function uriOf(p: string): string {
  if (path.isAbsolute(p)) return pathToFileURL(p).href;
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** Builds the SARIF log. `cwd` becomes the `%SRCROOT%` base of relative paths. */
export function formatSarif(files: readonly JsonFile[], rules: readonly Rule[], version: string, cwd: string): sarif.Log {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: sarif.Result[] = [];
  const notifications: sarif.Notification[] = [];
  for (const f of files) {
    const artifactLocation: sarif.ArtifactLocation = path.isAbsolute(f.path)
      ? { uri: uriOf(f.path) }
      : { uri: uriOf(f.path), uriBaseId: '%SRCROOT%' };
    if (f.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: `${f.path}: ${f.error}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
    }
    for (const d of f.diagnostics) {
      const result: sarif.Result = {
        ruleId: d.rule,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(d.range) } }],
      };
      const index = ruleIndex.get(d.rule);
      if (index !== undefined) result.ruleIndex = index;
      if (d.relatedInformation && d.relatedInformation.length > 0) {
        result.relatedLocations = d.relatedInformation.map((r, i) => ({
          id: i,
          message: { text: r.message },
          physicalLocation: { artifactLocation, region: region(r.range) },
        }));
      }
      if (d.fixes.length > 0) {
        result.fixes = d.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [{
            artifactLocation,
            replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          }],
        }));
      }
      results.push(result);
    }
  }
  const driverRules: sarif.ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    defaultConfiguration: r.defaultSeverity === 'off'
      ? { enabled: false, level: 'note' }
      : { level: LEVEL[r.defaultSeverity] },
    properties: { fixable: r.fixable, tags: [r.id.split('/')[0]!] },
  }));
  const srcroot = pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'normokontrol',
          version,
          semanticVersion: version,
          rules: driverRules,
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: srcroot } },
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      results,
    }],
  };
}

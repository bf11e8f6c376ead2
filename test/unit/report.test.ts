/**
 * The JSON report written directly (server/src/cli/report.ts jsonOfFile) is byte for byte what
 * JSON.stringify makes of the report model (toJsonFile), whatever the findings hold.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import type { FileResult } from '../../server/src/cli/check';
import { jsonOfFile, jsonReportEntry, toJsonFile, toReportEntry } from '../../server/src/cli/report';
import type { Finding } from '../../server/src/rules/types';
import { createRegulationService } from '../../server/src/service';
import { FIXTURES, readMarkdownTree, SHARED_CORPUS } from '../helpers/fixtures';

const CWD = path.resolve(FIXTURES, '..');

describe('CLI report: JSON written directly', () => {
  it('equals JSON.stringify(toJsonFile) for every fixture and shared draft (also with BOM and CRLF)', () => {
    const svc = createRegulationService();
    const drafts = [...readMarkdownTree(FIXTURES), ...readMarkdownTree(SHARED_CORPUS)];
    let findings = 0;
    for (const [rel, text] of drafts) {
      for (const t of [text, '\ufeff' + text.replace(/\n/g, '\r\n')]) {
        const result: FileResult = { file: path.join(CWD, rel), text: t, findings: svc.analyzeText(t).findings };
        findings += result.findings.length;
        assert.equal(jsonOfFile(result, CWD), JSON.stringify(toJsonFile(result, CWD)), rel);
        const { path: p, error, fixesApplied, counts, rendered } = jsonReportEntry(result, CWD);
        const reference = toReportEntry(toJsonFile(result, CWD), 'json');
        assert.deepEqual({ p, error, fixesApplied, counts, rendered }, { p: reference.path, error: reference.error, fixesApplied: reference.fixesApplied, counts: reference.counts, rendered: reference.rendered }, rel);
      }
    }
    assert.ok(findings > 1000, `${findings} findings compared`);
  });

  it('equals it for errors, applied fixes, files outside the cwd and any strings or offsets', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'я', '\n', '\r', '"', '\\', '\u2028', '\u0001', '😀', '«', ' '), maxLength: 40 });
    const range = fc.tuple(fc.integer({ min: -3, max: 50 }), fc.integer({ min: -3, max: 50 })).map(([a, b]) => ({ start: a, end: b }));
    const finding = fc.record({
      range,
      message: text,
      ruleId: fc.constantFrom('text/typo', 'roles/unknown-role'),
      severity: fc.constantFrom('error', 'warning', 'information', 'hint'),
      fixes: fc.option(fc.array(fc.record({ title: text, edits: fc.array(fc.record({ start: fc.nat(50), end: fc.nat(50), newText: text }), { maxLength: 3 }) }), { maxLength: 2 }), { nil: undefined }),
      related: fc.option(fc.array(fc.record({ range, message: text }), { maxLength: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.option(text, { nil: undefined }), fc.array(finding, { maxLength: 4 }), fc.option(text, { nil: undefined }), fc.option(fc.nat(9), { nil: undefined }), fc.constantFrom('/w/a.md', '/elsewhere/b.md', '/w/x/«c».md'),
        (t, fs, error, fixesApplied, file) => {
          const result: FileResult = { file, text: t, findings: fs as Finding[], ...(error !== undefined ? { error } : {}), ...(fixesApplied !== undefined ? { fixesApplied } : {}) };
          assert.equal(jsonOfFile(result, '/w'), JSON.stringify(toJsonFile(result, '/w')));
        },
      ),
      { seed: 3, numRuns: 2000 },
    );
  });
});

/**
 * Applying offset edits: shared by `--fix`, fix-all code actions and the tests.
 */
import type { Finding, Fix, OffsetEdit } from '../rules/types';

/** Applies non-overlapping edits to `text`. Throws on overlap or out-of-range edits (a rule bug). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) {
      throw new Error(`Некорректная правка [${e.start}, ${e.end}) в тексте длиной ${text.length}`);
    }
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

function overlaps(a: readonly OffsetEdit[], b: readonly OffsetEdit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      // Two insertions at one point, or an insertion at the edge of a replacement: order would be ambiguous.
      if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
    }
  }
  return false;
}

/** The fix `--fix` and fix-all apply for a finding: the first preferred one. */
export function preferredFix(finding: Finding): Fix | undefined {
  const fixes = finding.fixes ?? [];
  return fixes.find((f) => f.preferred === true) ?? fixes.find((f) => f.preferred !== false);
}

/**
 * Picks one preferred fix per finding, skipping fixes that overlap an already chosen one, and
 * returns the combined edits (one round; callers repeat until nothing changes).
 */
export function collectFixAllEdits(findings: readonly Finding[]): OffsetEdit[] {
  const chosen: OffsetEdit[] = [];
  const ordered = [...findings].sort((a, b) => a.range.start - b.range.start);
  for (const f of ordered) {
    const fix = preferredFix(f);
    if (!fix || fix.edits.length === 0) continue;
    if (overlaps(chosen, fix.edits)) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

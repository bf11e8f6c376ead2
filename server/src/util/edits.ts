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

/**
 * Chosen edits kept sorted by start, so that checking a fix against them is a binary search, not
 * a scan (fix-all over thousands of findings must stay linear-ish).
 */
class EditSet {
  readonly #edits: OffsetEdit[] = [];

  /** Index of the first edit whose start is ≥ `offset`. */
  #lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.#edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#edits[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when `e` overlaps a chosen edit, or both touch one point and one is an insertion (order would be ambiguous). */
  conflicts(e: OffsetEdit): boolean {
    const clash = (y: OffsetEdit): boolean =>
      (e.start < y.end && y.start < e.end) || (e.start === y.start && (e.start === e.end || y.start === y.end));
    const i = this.#lowerBound(e.start);
    // Chosen edits never overlap each other, so among those starting before e only the last can reach it.
    const before = this.#edits[i - 1];
    if (before && clash(before)) return true;
    for (let k = i; k < this.#edits.length && this.#edits[k]!.start <= e.end; k++) {
      if (clash(this.#edits[k]!)) return true;
    }
    return false;
  }

  add(e: OffsetEdit): void {
    this.#edits.splice(this.#lowerBound(e.start), 0, e);
  }

  toArray(): OffsetEdit[] {
    return [...this.#edits];
  }
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
  const chosen = new EditSet();
  const ordered = [...findings].sort((a, b) => a.range.start - b.range.start);
  for (const f of ordered) {
    const fix = preferredFix(f);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => chosen.conflicts(e))) continue;
    for (const e of fix.edits) chosen.add(e);
  }
  return chosen.toArray();
}

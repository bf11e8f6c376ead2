/**
 * Many «does this span overlap one of these ranges» questions against one set of ranges: the
 * ranges sorted by start with the running maximum of their ends, answered by binary search (a
 * scan of all ranges per question is quadratic on large drafts).
 */
import type { OffsetRange } from '../model/types';

/** True when `[start, end)` overlaps one of the ranges (`c.start < end && start < c.end`). */
export type OverlapTest = (start: number, end: number) => boolean;

/** Builds an {@link OverlapTest} for `ranges` (any order). */
export function overlapTest(ranges: readonly OffsetRange[]): OverlapTest {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  let max = -Infinity;
  for (const c of sorted) maxEnd.push((max = Math.max(max, c.end)));
  return (start, end) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > start;
  };
}

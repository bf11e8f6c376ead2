/**
 * A pure string function memoised in a bounded cache: asked again and again for the same few
 * strings (headings, act titles, word forms) on every run, so its results are kept; the cache is
 * dropped when it reaches `max` entries (never more memory than that).
 */
export function memoizeString(compute: (s: string) => string, max: number): (s: string) => string {
  const cache = new Map<string, string>();
  return (s: string): string => {
    let out = cache.get(s);
    if (out === undefined) {
      if (cache.size >= max) cache.clear();
      cache.set(s, (out = compute(s)));
    }
    return out;
  };
}

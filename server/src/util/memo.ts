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
      // Kept strings are detached: a heading sliced from a draft would keep the whole draft alive.
      out = detached(compute(s));
      cache.set(detached(s), out);
    }
    return out;
  };
}

/**
 * `s`, as a string that holds no reference to a longer one. V8 makes a slice of 13 or more code
 * units a view into its parent and a concatenation a pair of its parts: a short string kept (in a
 * cache, in a message of a finding) would keep the whole text it came from alive — a draft per
 * heading in the caches above, every draft with a finding in a CLI report until it is printed
 * (the main thread's scavenges copied and promoted them: 2–3 times as long). Concatenating and
 * slicing again makes V8 copy the characters into a string of their own.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

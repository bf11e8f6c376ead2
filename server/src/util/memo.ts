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

/**
 * A cache of what was computed for the last objects of a document — a model, a list of mentions —
 * looked up by identity: `get`/`set` as on a `WeakMap`, but only the `size` most recently set keys
 * are kept (and kept alive: a bounded amount; by default the last one).
 *
 * Why not a `WeakMap` for them: a module-level `WeakMap` soon lives in V8's old space, and in a
 * young-generation GC (a scavenge) the values it holds for young keys are reached from the old
 * space, so they survive: every model checked since the last scavenge was copied with its nodes
 * and texts, and many were promoted to the old space to die there (a CLI run's scavenges copied
 * about three times what they otherwise copy). Those keys are asked for again within the analysis
 * that made them, or the next request about the same document, so the last one is enough; each
 * further one kept alive is a model more copied by every scavenge of a CLI run.
 */
export class RecentCache<K extends object, V> {
  private readonly keys: Array<K | undefined>;
  private readonly values: Array<V | undefined>;
  private next = 0;

  constructor(readonly size = 1) {
    this.keys = new Array<K | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
  }

  get(key: K): V | undefined {
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) return this.values[i];
    return undefined;
  }

  set(key: K, value: V): this {
    for (let i = 0; i < this.size; i++) {
      if (this.keys[i] === key) {
        this.values[i] = value;
        return this;
      }
    }
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    return this;
  }
}

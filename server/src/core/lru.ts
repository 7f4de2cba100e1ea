// The one bounded cache of the engine (sentence results in checker.ts; blocks, sentence boundaries
// and link definitions in segment/), keyed by text.
//
// Eviction is second-chance ("clock"), an approximation of least-recently-used: a hit only sets a
// flag, so the thousands of hits of one re-check never reorder the Map; when full, entries are
// evicted from the oldest end, except that a recently used one is moved to the young end once
// instead. A Map keeps insertion order, so its first key is the oldest.
//
// Keys are copied (`detach`) when stored, and their total length is bounded too: a key sliced out
// of a 1 MB draft must not keep every version of that draft alive.

/** Total characters of keys a cache may hold by default (≈ 2 bytes each). */
export const DEFAULT_MAX_KEY_CHARS = 16 * 1024 * 1024;

export class LruCache<V> {
  private readonly map = new Map<string, { value: V; used: boolean }>();
  private chars = 0;
  /** Lookups that found / did not find their key since the last clear (statistics for tests and the bench). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxChars = DEFAULT_MAX_KEY_CHARS,
  ) {}

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Like get, but neither counted nor marked as used. */
  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    e.used = true;
    return e.value;
  }

  set(key: string, value: V): void {
    if (this.map.delete(key)) this.chars -= key.length;
    this.map.set(detach(key), { value, used: false });
    this.chars += key.length;
    let secondChances = this.map.size;
    while (this.map.size > this.capacity || (this.chars > this.maxChars && this.map.size > 1)) {
      const [oldKey, oldest] = this.map.entries().next().value as [string, { value: V; used: boolean }];
      this.map.delete(oldKey);
      if (oldest.used && secondChances-- > 0) {
        oldest.used = false;
        this.map.set(oldKey, oldest);
      } else {
        this.chars -= oldKey.length;
      }
    }
  }

  /** Forget every entry (and reset the statistics). */
  clear(): void {
    this.chars = 0;
    this.map.clear();
    this.hits = this.misses = 0;
  }
}

/**
 * A copy of `s` that does not keep a larger string alive. `text.slice()` in V8 makes a view
 * into `text`; caching such views would pin every version of a 1 MB draft the user typed.
 * Concatenating forces a fresh flat string (the slice then points into that copy).
 */
export function detach(s: string): string {
  return s.length < 16 ? s : (" " + s).slice(1);
}

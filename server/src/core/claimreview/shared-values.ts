// One copy of each value a feed repeats on record after record. JSON.parse makes a new string for every occurrence
// (the reviewer's name, the rating's words, a date) and the reader a new object for every reviewer and rating, so a
// 300,000-review feed would keep hundreds of thousands of copies of a handful of values. A SharedValues hands back
// the first of each instead: strings by their text, objects by the values they hold.

/** A trie of Maps: one level per key of an object, the object at the end. Keys are compared as Map compares them. */
type Trie = Map<unknown, unknown>;

export class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly objects = new Map<string, Trie>();

  /** The first string with the text of `s`. */
  string(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /**
   * The first object of this `kind` given for the same `keys` (the values it holds, in a fixed order), else `o`,
   * which is kept for them. The caller must not change an object it has handed here: others share it.
   */
  object<T extends object>(kind: string, keys: readonly unknown[], o: T): T {
    let level = this.objects.get(kind);
    if (!level) this.objects.set(kind, (level = new Map()));
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keyOf(keys[i]);
      let next = level.get(k) as Trie | undefined;
      if (!next) level.set(k, (next = new Map()));
      level = next;
    }
    const last = keyOf(keys[keys.length - 1]);
    const known = level.get(last) as T | undefined;
    if (known !== undefined) return known;
    level.set(last, o);
    return o;
  }
}

/** Map keys are the same when SameValueZero says so, but -0 is not 0 to an object compared strictly. */
const NEGATIVE_ZERO = Symbol("-0");

function keyOf(k: unknown): unknown {
  return k === 0 && Object.is(k, -0) ? NEGATIVE_ZERO : k;
}

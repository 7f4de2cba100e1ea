// What the index keeps of each claim's analysis, packed: the claim's distinct terms with their polarity, part of
// speech and surface (a ClaimTerm each, made again on demand), and the sequence of terms its adjacent-pair feature
// reads. A 100,000-claim index held 640,000 ClaimTerm objects, each with its own fields, plus a Map per claim;
// here they are a few typed arrays and two string tables, and the same arrays are what the index cache stores
// (index-snapshot.ts).
import type { ClaimTerm } from "./indexed-claim.js";

/** Strings by number: each distinct string is stored once. */
export class StringTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(names: readonly string[] = []) {
    for (const n of names) this.id(n);
  }

  /** The number of `name`, given one when new. */
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.ids.set(name, id);
    }
    return id;
  }

  /** The number of `name`, or -1 when it has none. */
  find(name: string): number {
    return this.ids.get(name) ?? -1;
  }

  get size(): number {
    return this.names.length;
  }
}

/** A growable array of 32-bit integers. */
export class IntList {
  private buf: Int32Array;
  length = 0;
  constructor(initial = 1024) {
    this.buf = new Int32Array(initial);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(Math.max(16, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i];
  }
  /** Room for `n` more values; returns the array to write them to, from index `length` (then add to `length`). */
  reserve(n: number): Int32Array {
    if (this.length + n > this.buf.length) {
      const next = new Int32Array(Math.max(this.length + n, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    return this.buf;
  }
  set(i: number, v: number): void {
    this.buf[i] = v;
  }
  /** Lets go of the room beyond the length (the list may still grow). */
  trim(): void {
    if (this.buf.length > this.length + 16) this.buf = this.buf.slice(0, Math.max(16, this.length));
  }
  /** The values, trimmed to their length (a copy: the list may grow on). */
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }
  /**
   * A list of these values, which it reads in place (no copy: a part read from the index cache holds millions).
   * They are never written: the list is full, so the first value added moves it to an array of its own.
   */
  static of(values: Int32Array): IntList {
    const l = new IntList(0);
    l.buf = values;
    l.length = values.length;
    return l;
  }
}

const NEGATED = 1;
const BEFORE_NEGATION = 2;
const ENTITY = 4;
const IS_CUE = 8;
/** negationDistance is Infinity (no negation reaches the word) or a count of words up to MAX_NEGATION_REACH. */
const FAR = 255;

/** The arrays of a ClaimTermStore, as the index cache writes and reads them. */
export interface ClaimTermArrays {
  /** Per claim, where its terms start in the entry arrays (one more than the claims: the end). */
  termStart: Int32Array;
  /** Per entry: the term (a number in the term table), flags, parts of speech (posBit), negation distance (255: none). */
  term: Int32Array;
  flags: Int32Array;
  pos: Int32Array;
  distance: Int32Array;
  /** The negation cue's text (a number in the text table), -1 when none. */
  negatedBy: Int32Array;
  /** The unit's surface text (a number in the text table). */
  surface: Int32Array;
  /** Per claim, where its pair sequence starts (one more than the claims). */
  pairStart: Int32Array;
  /** The terms whose adjacent pairs are the claim's (matcher.ts termPairs), in order. */
  pair: Int32Array;
}

/** One term of a claim as `add` records it. */
export interface TermEntry {
  term: number;
  negated: boolean;
  negatedBy: string | undefined;
  negationDistance: number;
  beforeNegation: boolean;
  entity: boolean;
  surface: string;
  isCue: boolean;
}

/** How much of a text's reach one claim holds (ClaimTermStore.reachOf). */
export interface ClaimReach {
  /** Its terms the text reaches. */
  terms: number;
  /** Those of them that are not entities (names, places). */
  concepts: number;
  /** The sum of the idf × weight the text gives them. */
  weight: number;
}

/** Every claim's terms, packed. Claims are added in order; the numbers of terms are the index's term table's. */
export class ClaimTermStore {
  private readonly termStart: IntList;
  private readonly term: IntList;
  private readonly flags: IntList;
  private readonly pos: IntList;
  private readonly distance: IntList;
  private readonly negatedBy: IntList;
  private readonly surface: IntList;
  private readonly pairStart: IntList;
  private readonly pair: IntList;

  constructor(
    /** Term names by number (the index's). */
    private readonly terms: StringTable,
    /** Surfaces and negation cues. */
    readonly texts: StringTable = new StringTable(),
    arrays?: ClaimTermArrays,
  ) {
    const a = arrays;
    this.termStart = a ? IntList.of(a.termStart) : IntList.of(new Int32Array([0]));
    this.term = a ? IntList.of(a.term) : new IntList();
    this.flags = a ? IntList.of(a.flags) : new IntList();
    this.pos = a ? IntList.of(a.pos) : new IntList();
    this.distance = a ? IntList.of(a.distance) : new IntList();
    this.negatedBy = a ? IntList.of(a.negatedBy) : new IntList();
    this.surface = a ? IntList.of(a.surface) : new IntList();
    this.pairStart = a ? IntList.of(a.pairStart) : IntList.of(new Int32Array([0]));
    this.pair = a ? IntList.of(a.pair) : new IntList();
  }

  /** Claims stored. */
  get claims(): number {
    return this.termStart.length - 1;
  }

  /** Stores the next claim: its terms (distinct, in order) with their parts of speech, and its pair sequence. */
  addClaim(entries: readonly TermEntry[], posBits: readonly number[], pairTerms: readonly number[]): void {
    entries.forEach((e, k) => {
      this.term.push(e.term);
      this.flags.push(
        (e.negated ? NEGATED : 0) | (e.beforeNegation ? BEFORE_NEGATION : 0) | (e.entity ? ENTITY : 0) | (e.isCue ? IS_CUE : 0),
      );
      this.pos.push(posBits[k]);
      this.distance.push(e.negationDistance === Infinity ? FAR : e.negationDistance);
      this.negatedBy.push(e.negatedBy === undefined ? -1 : this.texts.id(e.negatedBy));
      this.surface.push(this.texts.id(e.surface));
    });
    this.termStart.push(this.term.length);
    for (const t of pairTerms) this.pair.push(t);
    this.pairStart.push(this.pair.length);
  }

  /**
   * Appends claims `from` to `to` of another store's arrays, their term and text numbers mapped through `terms` and
   * `texts` (a part's tables into the index's): the claims must come next in order.
   */
  appendClaims(a: ClaimTermArrays, from: number, to: number, terms: Int32Array, texts: Int32Array): void {
    // In bulk, array by array: a 300,000-claim feed has millions of entries.
    const e0 = a.termStart[from];
    const e1 = a.termStart[to];
    const n = e1 - e0;
    const base = this.term.length;
    // Each array in a loop of its own, written out: one loop through a mapping function per array was most of it.
    const term = this.term.reserve(n);
    for (let i = 0; i < n; i++) term[base + i] = terms[a.term[e0 + i]];
    this.term.length = base + n;
    this.flags.reserve(n).set(a.flags.subarray(e0, e1), base);
    this.flags.length = base + n;
    this.pos.reserve(n).set(a.pos.subarray(e0, e1), base);
    this.pos.length = base + n;
    this.distance.reserve(n).set(a.distance.subarray(e0, e1), base);
    this.distance.length = base + n;
    const negatedBy = this.negatedBy.reserve(n);
    for (let i = 0; i < n; i++) {
      const v = a.negatedBy[e0 + i];
      negatedBy[base + i] = v < 0 ? -1 : texts[v];
    }
    this.negatedBy.length = base + n;
    const surface = this.surface.reserve(n);
    for (let i = 0; i < n; i++) surface[base + i] = texts[a.surface[e0 + i]];
    this.surface.length = base + n;
    const starts = this.termStart.reserve(to - from);
    for (let k = from; k < to; k++) starts[this.termStart.length++] = base + (a.termStart[k + 1] - e0);
    const p0 = a.pairStart[from];
    const pn = a.pairStart[to] - p0;
    const pbase = this.pair.length;
    const pairs = this.pair.reserve(pn);
    for (let i = 0; i < pn; i++) pairs[pbase + i] = terms[a.pair[p0 + i]];
    this.pair.length = pbase + pn;
    const pstarts = this.pairStart.reserve(to - from);
    for (let k = from; k < to; k++) pstarts[this.pairStart.length++] = pbase + (a.pairStart[k + 1] - p0);
  }

  /** Lets go of the lists' spare room once every claim is in. */
  trim(): void {
    for (const l of [
      this.termStart,
      this.term,
      this.flags,
      this.pos,
      this.distance,
      this.negatedBy,
      this.surface,
      this.pairStart,
      this.pair,
    ])
      l.trim();
  }

  /** How many distinct terms claim `id` has. */
  termCount(id: number): number {
    return this.termStart.get(id + 1) - this.termStart.get(id);
  }

  /** Calls `f` with the number of each term of claim `id`, in order. */
  forEachTerm(id: number, f: (term: number) => void): void {
    const end = this.termStart.get(id + 1);
    for (let e = this.termStart.get(id); e < end; e++) f(this.term.get(e));
  }

  /** The sum of `values` over claim `id`'s terms (by term number): forEachTerm without a function call a term. */
  sumOverTerms(id: number, values: Float64Array): number {
    const end = this.termStart.get(id + 1);
    let sum = 0;
    for (let e = this.termStart.get(id); e < end; e++) sum += values[this.term.get(e)];
    return sum;
  }

  /**
   * What claim `id` holds of a text's reach (term number → the idf × weight the text gives that term): how many of
   * its terms are reached, how many of those are not entities, and the sum of what they are given, in the claim's
   * order. A few typed-array reads per term: the matcher asks it of every candidate before scoring any.
   */
  reachOf(id: number, reach: ReadonlyMap<number, number>): ClaimReach {
    const end = this.termStart.get(id + 1);
    let terms = 0;
    let concepts = 0;
    let weight = 0;
    for (let e = this.termStart.get(id); e < end; e++) {
      const w = reach.get(this.term.get(e));
      if (w === undefined) continue;
      terms++;
      if ((this.flags.get(e) & ENTITY) === 0) concepts++;
      weight += w;
    }
    return { terms, concepts, weight };
  }

  /** How many of claim `id`'s terms that are not entities (names, places) `reached` says a text reaches. */
  conceptsReached(id: number, reached: (name: string) => boolean): number {
    const end = this.termStart.get(id + 1);
    let n = 0;
    for (let e = this.termStart.get(id); e < end; e++) if ((this.flags.get(e) & ENTITY) === 0 && reached(this.nameAt(e))) n++;
    return n;
  }

  /** The entry of term `name` in claim `id`, or -1 (a claim has a few distinct terms: a scan). */
  entryOf(id: number, name: string): number {
    const t = this.terms.find(name);
    if (t < 0) return -1;
    const end = this.termStart.get(id + 1);
    for (let e = this.termStart.get(id); e < end; e++) if (this.term.get(e) === t) return e;
    return -1;
  }

  /** Entries `start` to `end` of claim `id` (termStart), for a view that walks them. */
  entries(id: number): { start: number; end: number } {
    return { start: this.termStart.get(id), end: this.termStart.get(id + 1) };
  }

  /** The name of entry `e`'s term. */
  nameAt(e: number): string {
    return this.terms.names[this.term.get(e)];
  }

  /** Entry `e` as a ClaimTerm (a new object). */
  termAt(e: number): ClaimTerm {
    const flags = this.flags.get(e);
    const negBy = this.negatedBy.get(e);
    const distance = this.distance.get(e);
    return {
      negated: (flags & NEGATED) !== 0,
      negatedBy: negBy < 0 ? undefined : this.texts.names[negBy],
      negationDistance: distance === FAR ? Infinity : distance,
      beforeNegation: (flags & BEFORE_NEGATION) !== 0,
      entity: (flags & ENTITY) !== 0,
      surface: this.texts.names[this.surface.get(e)],
      isCue: (flags & IS_CUE) !== 0,
      pos: this.pos.get(e),
    };
  }

  /** Claim `id`'s terms as the matcher reads them, in the order of the statement. */
  termsOf(id: number): Map<string, ClaimTerm> {
    const out = new Map<string, ClaimTerm>();
    const end = this.termStart.get(id + 1);
    for (let e = this.termStart.get(id); e < end; e++) out.set(this.nameAt(e), this.termAt(e));
    return out;
  }

  /** Claim `id`'s adjacent term pairs, "x y" (what matcher.ts termPairs makes of its analysis). */
  pairsOf(id: number): Set<string> {
    const out = new Set<string>();
    const end = this.pairStart.get(id + 1);
    for (let p = this.pairStart.get(id); p + 1 < end; p++)
      out.add(`${this.terms.names[this.pair.get(p)]} ${this.terms.names[this.pair.get(p + 1)]}`);
    return out;
  }

  /** The arrays, for the index cache. */
  arrays(): ClaimTermArrays {
    return {
      termStart: this.termStart.toArray(),
      term: this.term.toArray(),
      flags: this.flags.toArray(),
      pos: this.pos.toArray(),
      distance: this.distance.toArray(),
      negatedBy: this.negatedBy.toArray(),
      surface: this.surface.toArray(),
      pairStart: this.pairStart.toArray(),
      pair: this.pair.toArray(),
    };
  }
}

/**
 * Claim `id`'s terms read in place from the store, as a read-only map in statement order: no Map and no ClaimTerm
 * objects kept per claim (a check against 100,000 claims unpacked the terms of twelve thousand candidates, ten
 * megabytes kept and more collected). `get` makes the ClaimTerm it answers with.
 */
export class PackedClaimTerms implements ReadonlyMap<string, ClaimTerm> {
  constructor(
    private readonly store: ClaimTermStore,
    private readonly id: number,
  ) {}

  get size(): number {
    return this.store.termCount(this.id);
  }

  has(term: string): boolean {
    return this.store.entryOf(this.id, term) >= 0;
  }

  get(term: string): ClaimTerm | undefined {
    const e = this.store.entryOf(this.id, term);
    return e < 0 ? undefined : this.store.termAt(e);
  }

  *entries(): MapIterator<[string, ClaimTerm]> {
    const { start, end } = this.store.entries(this.id);
    for (let e = start; e < end; e++) yield [this.store.nameAt(e), this.store.termAt(e)];
  }

  *keys(): MapIterator<string> {
    const { start, end } = this.store.entries(this.id);
    for (let e = start; e < end; e++) yield this.store.nameAt(e);
  }

  *values(): MapIterator<ClaimTerm> {
    const { start, end } = this.store.entries(this.id);
    for (let e = start; e < end; e++) yield this.store.termAt(e);
  }

  [Symbol.iterator](): MapIterator<[string, ClaimTerm]> {
    return this.entries();
  }

  forEach(f: (value: ClaimTerm, key: string, map: ReadonlyMap<string, ClaimTerm>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
}

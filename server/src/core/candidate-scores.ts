// The index's first cut (ClaimIndex.candidates): the k claims with the highest sum of idf × weight over a
// sentence's terms. The rule it implements is the one the matcher was tuned with, and its answer must stay
// exactly that rule's (findings depend on the rank of every candidate):
//   - terms are read rarest first; each term's posting list is walked in full, and every claim on it becomes a
//     candidate, except that a term in more than `common` claims, once some rarer term found candidates, only
//     adds to the candidates found so far;
//   - a candidate's score is the sum, in that order, of the weights of the terms it holds; the k best are those
//     of highest score, ties to the lower claim index.
// Two things make it cheap without changing that answer:
//   - a bound (MaxScore): once k candidates score more than all the terms left to read could give a claim not yet
//     found, no new claim can enter the k best, so the lists left are not walked for new candidates, and the
//     candidates that cannot reach the k-th score any more are not followed;
//   - membership in a common term's list is a bit test, not a binary search (a sentence asked about thousands of
//     candidates, each a search in a list of thousands: most of the check against 100,000 claims).
// The scores that decide the k best are summed in the same order as before, so they are the same numbers.

/** Relative slack in the bound's comparisons: sums of the same weights in another order differ in the last bits. */
const SLACK = 1e-9;
/** The bound is used for a first cut of up to this many (a sentence's 12, a passage's 30). */
const BOUNDED_K = 32;

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * The `k` ids of `ids` with the highest `score`, ties to the lower id, best first: one pass, keeping the best so far
 * in order (the same list as sorting all of them and taking the first k).
 */
export function topK(ids: ArrayLike<number>, count: number, score: Float64Array, k: number): number[] {
  const out: number[] = [];
  if (k <= 0) return out;
  for (let j = 0; j < count; j++) {
    const id = ids[j];
    const s = score[id];
    const n = out.length;
    if (n === k) {
      const last = out[n - 1];
      if (s < score[last] || (s === score[last] && id > last)) continue;
    }
    // Insertion from the end: the list is short.
    let i = n < k ? n : n - 1;
    while (i > 0) {
      const prev = out[i - 1];
      if (score[prev] > s || (score[prev] === s && prev < id)) break;
      if (i < k) out[i] = prev;
      i--;
    }
    out[i] = id;
  }
  return out;
}

/** Binary search in an ascending list of claim indices. */
function sortedHas(list: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Candidate states in `state`: not reached, reached and followed, reached and left behind by the bound. */
const FOLLOWED = 1;
const LEFT = 2;

/**
 * Top-k scoring over weighted posting lists read in a given order, with the accumulators kept between calls (sized
 * for `n` claims). A list longer than the call's `common` only adds to claims an earlier list reached (unless none
 * did); the sums are made in the lists' order.
 */
export class ListScorer {
  /** Scores and states by claim, zero between calls. */
  private readonly score: Float64Array;
  private readonly state: Uint8Array;
  /** The claims reached in a call, in the order reached. */
  private readonly reached: Int32Array;
  /**
   * The candidates still followed once the bound holds, and the bound's sums (`left`): kept between calls, like the
   * accumulators. Made per call, they were a tenth of what a check against 100,000 claims allocates (millions of
   * candidates pushed one by one, a growing array each), and with it of what outlived the young generation.
   */
  private readonly followedIds: Int32Array;
  private left = new Float64Array(64);
  /** Bit sets of the common lists, made the first time one is asked about (n/8 bytes each). */
  private readonly bits = new Map<Int32Array, Uint32Array>();
  /** Calls in which the bound held (some lists were not walked for new candidates): for tests. */
  bounded = 0;

  constructor(private readonly n: number) {
    this.score = new Float64Array(n);
    this.state = new Uint8Array(n);
    this.reached = new Int32Array(n);
    this.followedIds = new Int32Array(n);
  }

  /** The `k` claims of highest sum of `ws[i]` over the `lists[i]` holding them, ties to the lower claim, best first. */
  top(lists: readonly Int32Array[], ws: readonly number[], k: number, common = Infinity): number[] {
    const m = lists.length;
    // left[i]: the most the lists from i on can give a claim.
    if (this.left.length < m + 1) this.left = new Float64Array(Math.max(m + 1, this.left.length * 2));
    const left = this.left;
    left[m] = 0;
    for (let i = m - 1; i >= 0; i--) left[i] = left[i + 1] + ws[i];
    const { score, state, reached } = this;
    let count = 0;
    /** Candidates still followed once the bound holds (undefined before: all of those reached), the first `nFollowed` of it. */
    let followed: Int32Array | undefined;
    let nFollowed = 0;
    let top = 0;
    const bounded = k > 0 && k <= BOUNDED_K;
    try {
      for (let i = 0; i < m; i++) {
        const list = lists[i];
        const w = ws[i];
        const walk = !(list.length > common && count > 0);
        if (walk && !followed && bounded && count >= k && top > left[i]) {
          // Can a claim not reached yet still enter the k best? Not when the k-th best so far beats all that is left.
          const kth = score[topK(reached, count, score, k)[k - 1]];
          const most = left[i] * (1 + SLACK);
          if (most < kth * (1 - SLACK)) {
            followed = this.followedIds;
            this.bounded++;
            for (let j = 0; j < count; j++) {
              const id = reached[j];
              if ((score[id] + most) * (1 + SLACK) >= kth) followed[nFollowed++] = id;
              else state[id] = LEFT;
            }
          }
        }
        if (walk && !followed) {
          for (let j = 0; j < list.length; j++) {
            const id = list[j];
            if (state[id] === 0) {
              state[id] = FOLLOWED;
              reached[count++] = id;
            }
            const s = (score[id] += w);
            if (s > top) top = s;
          }
        } else {
          const s = followed ? this.addTo(followed, nFollowed, list, w, common) : this.addTo(reached, count, list, w, common);
          if (s > top) top = s;
        }
      }
      // The k best (highest score, then lowest index): kept in order in one pass when k is small, else by sorting.
      // (Read in place: a copy of every claim reached, tens of thousands for a sentence of common words, cost more
      // than the selection.)
      if (k > BOUNDED_K)
        return Array.from((followed ?? reached).subarray(0, followed ? nFollowed : count))
          .sort((x, y) => score[y] - score[x] || x - y)
          .slice(0, k);
      return followed ? topK(followed, nFollowed, score, k) : topK(reached, count, score, k);
    } finally {
      for (let j = 0; j < count; j++) {
        const id = reached[j];
        score[id] = 0;
        state[id] = 0;
      }
    }
  }

  /**
   * Adds `w` to the followed candidates among `ids` that `list` holds; returns the highest score it made. Each way
   * of testing membership adds to the same claims: the cheapest is taken.
   */
  private addTo(ids: ArrayLike<number>, count: number, list: Int32Array, w: number, common: number): number {
    const { score, state } = this;
    let top = 0;
    if (list.length > common) {
      const bits = this.bitsOf(list);
      for (let j = 0; j < count; j++) {
        const id = ids[j];
        if (state[id] === FOLLOWED && (bits[id >>> 5] & (1 << (id & 31))) !== 0) top = Math.max(top, (score[id] += w));
      }
    } else if (count * Math.log2(list.length + 1) < list.length) {
      for (let j = 0; j < count; j++) {
        const id = ids[j];
        if (state[id] === FOLLOWED && sortedHas(list, id)) top = Math.max(top, (score[id] += w));
      }
    } else
      for (let j = 0; j < list.length; j++) {
        const id = list[j];
        if (state[id] === FOLLOWED) top = Math.max(top, (score[id] += w));
      }
    return top;
  }

  private bitsOf(list: Int32Array): Uint32Array {
    let b = this.bits.get(list);
    if (!b) {
      b = new Uint32Array((this.n + 31) >>> 5);
      for (let j = 0; j < list.length; j++) b[list[j] >>> 5] |= 1 << (list[j] & 31);
      this.bits.set(list, b);
    }
    return b;
  }
}

/** The claim index's first cut (see the top of this file): its terms rarest first, then ListScorer. */
export class CandidateScorer {
  private readonly lists: ListScorer;

  constructor(
    n: number,
    private readonly postings: ReadonlyMap<string, Int32Array>,
    private readonly idf: (term: string) => number,
    /** A term in more lists than this only adds to claims a rarer term found. */
    private readonly common: number,
  ) {
    this.lists = new ListScorer(n);
  }

  /** Calls in which the bound held: for tests. */
  get bounded(): number {
    return this.lists.bounded;
  }

  candidates(terms: readonly WeightedTerm[], k: number): number[] {
    const best = new Map<string, number>();
    for (const t of terms) if ((best.get(t.term) ?? 0) < t.weight) best.set(t.term, t.weight);
    // Each term's list and idf looked up once (the sort asked idf twice per comparison); the sort is stable, so terms
    // of equal idf keep their order as before.
    const ordered: { list: Int32Array; idf: number; weight: number }[] = [];
    for (const [t, weight] of best) {
      const list = this.postings.get(t);
      if (list) ordered.push({ list, idf: this.idf(t), weight });
    }
    ordered.sort((a, b) => b.idf - a.idf);
    return this.lists.top(
      ordered.map((o) => o.list),
      ordered.map((o) => o.idf * o.weight),
      k,
      this.common,
    );
  }
}

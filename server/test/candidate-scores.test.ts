// The index's first cut (candidate-scores.ts) skips work with a bound and bit sets; its answer must be the one
// of the plain rule it replaced (every list walked, a common term's list searched for each candidate, a Map
// of scores, all sorted), the very same list in the same order: findings read each candidate's rank. Checked
// here on random posting lists (a few terms in most claims, most terms in few), with random queries.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CandidateScorer, type WeightedTerm } from "../src/core/candidate-scores.js";
import { SectionIndex } from "../src/core/section-terms.js";

/** The rule before the bound (claim-index.ts as it was): the reference. */
function reference(
  postings: ReadonlyMap<string, Int32Array>,
  sets: ReadonlyMap<string, ReadonlySet<number>>,
  idf: (t: string) => number,
  common: number,
  terms: readonly WeightedTerm[],
  k: number,
): number[] {
  const best = new Map<string, number>();
  for (const t of terms) if ((best.get(t.term) ?? 0) < t.weight) best.set(t.term, t.weight);
  const ordered = [...best.entries()].filter(([t]) => postings.has(t)).sort((a, b) => idf(b[0]) - idf(a[0]));
  const score = new Map<number, number>();
  for (const [term, weight] of ordered) {
    const list = postings.get(term)!;
    const w = idf(term) * weight;
    if (list.length > common && score.size > 0) {
      for (const id of score.keys()) if (sets.get(term)!.has(id)) score.set(id, score.get(id)! + w);
    } else for (const id of list) score.set(id, (score.get(id) ?? 0) + w);
  }
  return [...score.keys()].sort((x, y) => score.get(y)! - score.get(x)! || x - y).slice(0, k);
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function database(n: number, vocabulary: number, rnd: () => number): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  for (let id = 0; id < n; id++) {
    const size = 2 + Math.floor(rnd() * 10);
    const terms = new Set<string>();
    // Zipf-like: term r is drawn about 1/r as often, so a few lists are long and most are short.
    while (terms.size < size) terms.add(`t${Math.floor(Math.exp(rnd() * Math.log(vocabulary)))}`);
    for (const t of terms) (lists.get(t) ?? lists.set(t, []).get(t)!).push(id);
  }
  return new Map([...lists].map(([t, l]) => [t, Int32Array.from(l)]));
}

test("the first cut is the plain rule's, candidate for candidate, on random databases and queries", () => {
  let checked = 0;
  let bounded = 0;
  // [seed, claims, vocabulary, common, whole weights (many ties: the bound must not drop a claim that ties)]
  for (const [seed, n, vocabulary, common, whole] of [
    [1, 3000, 400, 60, false],
    [2, 5000, 2000, 100, false],
    [3, 2000, 60, 200, false],
    [4, 4000, 800, 1e9, false],
    [5, 3000, 300, 80, true],
  ] as const) {
    const rnd = random(seed);
    const postings = database(n, vocabulary, rnd);
    const bm25 = (t: string) => Math.log(1 + (n - postings.get(t)!.length + 0.5) / (postings.get(t)!.length + 0.5));
    const idf = whole ? (t: string) => Math.ceil(bm25(t)) : bm25;
    const scorer = new CandidateScorer(n, postings, idf, common);
    const names = [...postings.keys()];
    const sets = new Map([...postings].map(([t, l]) => [t, new Set(l)]));
    for (let q = 0; q < 400; q++) {
      const terms: WeightedTerm[] = [];
      const size = 1 + Math.floor(rnd() * 16);
      for (let i = 0; i < size; i++) {
        // Rare and common terms alike, now and then one no claim has, and repeats at another weight.
        const term = rnd() < 0.05 ? "absent" : names[Math.floor(rnd() ** 2 * names.length)];
        terms.push({ term, weight: whole ? 1 : [1, 0.9, 0.8][Math.floor(rnd() * 3)] });
      }
      // Only common terms now and then (the first is then walked in full).
      if (q % 25 === 0)
        terms.splice(
          0,
          terms.length,
          ...names
            .filter((t) => postings.get(t)!.length > common)
            .slice(0, 3)
            .map((term) => ({ term, weight: 1 })),
        );
      for (const k of [1, 5, 12, 30, 33, 500]) {
        assert.deepEqual(scorer.candidates(terms, k), reference(postings, sets, idf, common, terms, k), `seed ${seed} query ${q} k ${k}`);
        checked++;
      }
    }
    bounded += scorer.bounded;
  }
  assert.equal(checked, 5 * 400 * 6);
  // The bound must have been used, else this compared nothing of it.
  assert.ok(bounded > 500, `the bound held in ${bounded} calls`);
});

test("a claim the bound would leave out on a tie with the k-th best is kept (ties go to the lower claim)", () => {
  const postings = new Map([
    ["a", Int32Array.of(5)],
    ["f", Int32Array.of(7)],
    ["d", Int32Array.of(1)],
    ["e", Int32Array.of(1)],
    ["b", Int32Array.of(0)],
    ["c", Int32Array.of(0)],
  ]);
  const idf = (t: string) => ({ a: 3, f: 2, d: 2, e: 1, b: 1, c: 1 })[t]!;
  const scorer = new CandidateScorer(10, postings, idf, 100);
  const sets = new Map([...postings].map(([t, l]) => [t, new Set(l)]));
  const ask = (...terms: string[]) => terms.map((term) => ({ term, weight: 1 }));
  // Claim 0 is not reached before the rest of the terms could only tie claim 7's 2, the second best: it must still be reached.
  assert.deepEqual(scorer.candidates(ask("a", "f", "b", "c"), 2), [5, 0]);
  // Claim 1 is reached with 2, and the 1 left would tie it with claim 5: it must still be followed.
  assert.deepEqual(scorer.candidates(ask("a", "d", "e"), 1), [1]);
  for (const [terms, k] of [
    [ask("a", "f", "b", "c"), 2],
    [ask("a", "d", "e"), 1],
  ] as const)
    assert.deepEqual(scorer.candidates(terms, k), reference(postings, sets, idf, 100, terms, k));
  assert.equal(scorer.bounded, 4, "the bound held in every call");
});

test("the section index's candidates are the plain rule's (a Map of scores, all sorted), on random titles", () => {
  const rnd = random(9);
  const words = Array.from({ length: 300 }, (_, i) => `w${i}x`);
  const pick = () => words[Math.floor(rnd() ** 3 * words.length)];
  const titles = Array.from({ length: 40 }, () => Array.from({ length: 3 + Math.floor(rnd() * 6) }, pick).join(" "));
  // Claims of one article share its sections.
  const sections = Array.from({ length: 4000 }, () => titles[Math.floor(rnd() * titles.length)]);
  const index = new SectionIndex(sections, (w) => w);
  const lists = new Map<string, number[]>();
  sections.forEach((s, id) => {
    for (const t of new Set(s.split(" "))) (lists.get(t) ?? lists.set(t, []).get(t)!).push(id);
  });
  const plain = (terms: string[], k: number) => {
    const score = new Map<number, number>();
    for (const t of new Set(terms)) {
      const list = lists.get(t);
      if (!list || list.length > Math.max(50, sections.length * 0.05)) continue;
      for (const id of list) score.set(id, (score.get(id) ?? 0) + index.idf(t));
    }
    return [...score.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, k)
      .map(([id]) => id);
  };
  let nonEmpty = 0;
  for (let q = 0; q < 300; q++) {
    const terms = Array.from({ length: 1 + Math.floor(rnd() * 10) }, pick);
    for (const k of [1, 10, 40]) {
      const got = index.candidates(terms, k);
      assert.deepEqual(got, plain(terms, k), `query ${q} k ${k}`);
      if (got.length) nonEmpty++;
    }
  }
  assert.ok(nonEmpty > 300, `${nonEmpty} queries found candidates`);
});

test("the section index built in slices (SectionIndex.build, with pauses) answers as the one built at once", async () => {
  const rnd = random(11);
  const words = Array.from({ length: 200 }, (_, i) => `w${i}x`);
  const pick = () => words[Math.floor(rnd() ** 2 * words.length)];
  const titles = Array.from({ length: 300 }, () => Array.from({ length: 2 + Math.floor(rnd() * 5) }, pick).join(" "));
  // More sections than one slice holds, and not a whole number of slices.
  const sections = Array.from({ length: 23_456 }, () => titles[Math.floor(rnd() * titles.length)]);
  let pauses = 0;
  const sliced = await SectionIndex.build(
    sections,
    (w) => w,
    async () => void pauses++,
  );
  const whole = new SectionIndex(sections, (w) => w);
  assert.ok(pauses >= 3, `${pauses} pauses`);
  for (let q = 0; q < 200; q++) {
    const terms = Array.from({ length: 1 + Math.floor(rnd() * 8) }, pick);
    for (const k of [1, 12]) assert.deepEqual(sliced.candidates(terms, k), whole.candidates(terms, k), `query ${q} k ${k}`);
    for (const t of terms) assert.equal(sliced.idf(t), whole.idf(t));
  }
});

// The words of a claim's section (an article heading; for a fact-check feed, the title of the review,
// "Did 122 Prisoners Released from Guantanamo Return to the Battlefield?"), as terms with idf weights.
// A title often names the story in the words a tweet uses when the claim's own sentence does not, so
// how much of it a text reaches is one of the calibrated score's features. Read with a plain word split
// and the same term folding as the analysis (termOf), lazily, only for the candidates a text draws.
import { termOf } from "./analyze.js";
import { ListScorer } from "./candidate-scores.js";

/** Function words a title shares with everything. */
const STOP: ReadonlySet<string> = new Set(
  `a an the and or but if of at by for with about to from in on into over under is are was were be been being
  do does did has have had it its this that these those he she they them his her their we you i my your our not
  no as than so too very can will would could should may might must what which who whom why how when where
  there here all any some more most such only own same just up out off again then once also`.split(/\s+/),
);

/**
 * Terms of a section heading with their weights, given an idf. `term` is termOf, or a host's memo of it (Nlp.termOf):
 * a feed's 100,000 titles share their words, and stemming each again was most of a check against it.
 */
export function sectionTerms(section: string, idf: (term: string) => number, term: (word: string) => string = termOf): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of section.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []) {
    if (STOP.has(w) || w.length < 2) continue;
    const t = term(w.replace(/['’]s$/, ""));
    if (!out.has(t)) out.set(t, idf(t));
  }
  return out;
}

/**
 * An inverted index over the claims' sections, for candidates a text reaches through the title of a
 * claim's review rather than its statement ("Is the Harbor Ferry Ending?" for "The city's harbor
 * ferry will stop running next year"). Built on first use (a plain word split: about 10 µs a claim).
 */
export class SectionIndex {
  private readonly postings = new Map<string, Int32Array>();
  private readonly n: number;
  /** candidates()' accumulators (candidate-scores.ts). */
  private readonly scorer: ListScorer;

  /** `lists`: the postings as `build` read them; read here, at once, when not given. */
  constructor(
    sections: readonly string[],
    term: (word: string) => string = termOf,
    lists = sectionPostings(sections, term, 0, sections.length, new Map(), new Map()),
  ) {
    this.n = sections.length;
    this.scorer = new ListScorer(this.n);
    for (const [t, l] of lists) this.postings.set(t, Int32Array.from(l));
  }

  /**
   * The same index, its sections read SECTIONS_PER_SLICE at a time with `pause` awaited between (a host that must
   * keep answering: at 100,000 claims one build held a language server's event loop ≈ 80 ms).
   */
  static async build(sections: readonly string[], term: (word: string) => string, pause: () => Promise<void>): Promise<SectionIndex> {
    const seen = new Map<string, string[]>();
    const lists = new Map<string, number[]>();
    for (let from = 0; from < sections.length; from += SECTIONS_PER_SLICE) {
      sectionPostings(sections, term, from, Math.min(sections.length, from + SECTIONS_PER_SLICE), seen, lists);
      await pause();
    }
    return new SectionIndex(sections, term, lists);
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
  }

  /**
   * The `k` claims whose sections share the most idf weight with `terms`, best first (ties to the lower claim);
   * terms in over 5% of sections are skipped. Sums in the terms' order.
   */
  candidates(terms: Iterable<string>, k: number): number[] {
    const lists: Int32Array[] = [];
    const ws: number[] = [];
    for (const t of new Set(terms)) {
      const list = this.postings.get(t);
      if (!list || list.length > Math.max(50, this.n * 0.05)) continue;
      lists.push(list);
      ws.push(this.idf(t));
    }
    return this.scorer.top(lists, ws, k);
  }
}

/** Sections read between two pauses of SectionIndex.build. */
const SECTIONS_PER_SLICE = 10_000;

/**
 * Adds sections [from, to) to `lists` (term → the ids of the claims whose section has it, ascending). Claims of one
 * article share its sections: each distinct title is read once (`seen`, by title).
 */
function sectionPostings(
  sections: readonly string[],
  term: (word: string) => string,
  from: number,
  to: number,
  seen: Map<string, string[]>,
  lists: Map<string, number[]>,
): Map<string, number[]> {
  for (let id = from; id < to; id++) {
    const s = sections[id];
    let terms = seen.get(s);
    if (!terms) seen.set(s, (terms = [...sectionTerms(s, () => 0, term).keys()]));
    for (const t of terms) {
      const list = lists.get(t);
      if (list) list.push(id);
      else lists.set(t, [id]);
    }
  }
  return lists;
}

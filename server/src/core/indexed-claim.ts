// A claim as the index holds it: its analysis and terms, read once when the database loads. Its own
// file because both the index (claim-index.ts) and what the record backs (support.ts) read it, and
// claim-index.ts imports support.ts.
import type { Analysis } from "./analyze.js";
import type { Claim } from "./types.js";

/** What a claim contributes to matching, computed once when the database loads. */
export interface IndexedClaim {
  claim: Claim;
  /**
   * The claim's statement, analysed. Not kept by the index (it was half the heap of a 100,000-claim
   * index): read only for the few claims a sentence comes close to, it is analysed again on first
   * use and kept in a bounded cache (ClaimIndex.analysisOf).
   */
  readonly analysis: Analysis;
  /**
   * Distinct content terms of the statement, with their polarity in the claim, in statement order. The index keeps
   * them packed (claim-terms.ts) and reads them in place; read-only.
   */
  readonly terms: ReadonlyMap<string, ClaimTerm>;
  /** Sum of idf over `terms`: the denominator of coverage. */
  readonly weight: number;
  /** Pseudo-term for the claim's speaker: naming the right speaker is evidence too. */
  speakerTerm: string;
}

export interface ClaimTerm {
  negated: boolean;
  negatedBy?: string;
  negationDistance: number;
  beforeNegation: boolean;
  entity: boolean;
  surface: string;
  isCue: boolean;
  /** Parts of speech the term has in the claim, as WordNet names them, one bit each (claim-index.ts posBit). */
  pos: number;
}

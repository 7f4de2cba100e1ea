// What a match score means. A candidate claim's features — how much of the claim the text reaches
// (coverage), how much of the text the claim accounts for (precision), how much of its section's
// title it reaches, how many words it shares, how far ahead of the next candidate it stands — are
// mapped by a logistic model to the probability that the text restates the claim. The weights are
// fit (scripts/fit-calibration.mjs) on tweets matched to a 10,375-claim fact-check database and on
// sentences matched to the bundled article's database, so a score of 0.8 means "about 8 in 10 such
// matches are right" on either kind of database, and `--min-score` means the same across databases.
// The features are shares and small counts, never raw idf sums, so they do not grow with the database.

export interface CandidateFeatureInput {
  coverage: number;
  precision: number;
  /** Share of the claim's section weight the text reaches (0 when the claim has no section words). */
  section: number;
  hits: number;
  conceptHits: number;
  /** idf weight of the claim reached (a database-dependent scale: used through its logarithm only). */
  reached: number;
  /** This candidate's raw score minus the best other candidate's (positive only for the leader). */
  margin: number;
  /** Its place in the index's first cut (0 = first). */
  retrievalRank: number;
}

/** The names of the model's inputs, in order (the fitting script prints its weights in this order). */
export const FEATURES = [
  "bias",
  "coverage",
  "precision",
  "coverage*precision",
  "section",
  "log(1+hits)",
  "concept share",
  "log(1+reached)",
  "margin",
  "leader",
  "log(1+retrieval rank)",
] as const;

export function featureVector(f: CandidateFeatureInput): number[] {
  return [
    1,
    f.coverage,
    f.precision,
    f.coverage * f.precision,
    f.section,
    Math.log1p(f.hits),
    f.hits ? f.conceptHits / f.hits : 0,
    Math.log1p(f.reached),
    f.margin,
    f.margin > 0 ? 1 : 0,
    Math.log1p(f.retrievalRank),
  ];
}

/** The fitted weights, one per FEATURES entry (scripts/fit-calibration.mjs). */
export const WEIGHTS: readonly number[] = [-1.798, 1.1063, 0.9513, 0.7794, 1.2742, 0.543, -0.3654, 0.0965, 0.0, 0.0, -2.1406];

/** Calibrated probability that a text restates a candidate claim, from its feature vector. */
export function restatementProbability(x: readonly number[], w: readonly number[] = WEIGHTS): number {
  let z = 0;
  for (let i = 0; i < w.length; i++) z += w[i] * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** A passage's best candidate is reported when at least this likely (see matcher.ts, matchPassage). */
export const PASSAGE_ACCEPT = 0.5;
/** Candidates a passage draws from the index's first cut before they are scored and calibrated. */
export const PASSAGE_CANDIDATES = 30;

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
  /** That section weight, in units of the rarest possible word (idf of a word no claim has). */
  sectionRare: number;
  hits: number;
  conceptHits: number;
  /** Adjacent word pairs of the claim the text has side by side too ("Olive Garden"). */
  pairs: number;
  /** Hits on names and places. */
  properHits: number;
  /** idf weight of the claim reached, in units of the rarest possible word: "how many rare words are shared". */
  reachedRare: number;
  /** The rarest shared word's idf, in the same units. */
  maxHit: number;
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
  "section rare words",
  "log(1+hits)",
  "concept share",
  "log(1+proper hits)",
  "rare words reached",
  "rarest hit",
  "log(1+retrieval rank)",
  "log(1+shared pairs)",
] as const;

export function featureVector(f: CandidateFeatureInput): number[] {
  return [
    1,
    f.coverage,
    f.precision,
    f.coverage * f.precision,
    f.section,
    f.sectionRare,
    Math.log1p(f.hits),
    f.hits ? f.conceptHits / f.hits : 0,
    Math.log1p(f.properHits),
    f.reachedRare,
    f.maxHit,
    Math.log1p(f.retrievalRank),
    Math.log1p(f.pairs),
  ];
}

/** The fitted weights, one per FEATURES entry (scripts/fit-calibration.mjs). */
export const WEIGHTS: readonly number[] = [
  -1.3564, 0.8804, 0.8756, 0.7269, 0.4413, 0.6052, -0.054, -0.6041, -0.1031, 0.0974, 0.238, -2.0307, 0.3484,
];

/** Calibrated probability that a text restates a candidate claim, from its feature vector. */
export function restatementProbability(x: readonly number[], w: readonly number[] = WEIGHTS): number {
  let z = 0;
  for (let i = 0; i < w.length; i++) z += w[i] * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** A passage's best candidate is reported when at least this likely (see matcher.ts, matchPassage). */
export const PASSAGE_ACCEPT = 0.45;
/** Candidates a passage draws from the index's first cut before they are scored and calibrated. */
export const PASSAGE_CANDIDATES = 30;

// What a match score means. A candidate claim's features — how much of the claim the text reaches
// (coverage), how much of the text the claim accounts for (precision), how much of its section's title it
// reaches, how many rare words and adjacent word pairs it shares, its place in the index's first cut —
// are combined into one ranking score (a conditional logit: fit so that, among a text's candidates, the
// right one scores highest), and that score, with coverage and precision, is mapped by a logistic model
// to a probability. The map is fit on the findings a text would get (its best candidate), so a finding's
// score of 0.8 means "about 8 in 10 findings of this score are right". scripts/fit-calibration.mjs fits
// both on tweets matched to a 10,375-claim fact-check database (CheckThat! 2020 train) and on sentences
// matched to the bundled article's 21 claims, and folds them into one weight vector (WEIGHTS), so the
// probability keeps the ranking's order within a text and `--min-score` reads the same on either kind of
// database. Features are shares, small counts and idf sums in units of the rarest possible word, never
// raw idf sums, so they do not grow with the database. (Short texts in a database of a handful of claims
// still score high on topic words alone: the acceptance rules in matcher.ts, not the score, keep those out.)

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

/** The fitted weights, one per FEATURES entry: the ranking model times the calibration's slope, plus its offsets (scripts/fit-calibration.mjs). */
export const WEIGHTS: readonly number[] = [
  -4.1003, 3.261, 6.2053, -0.3991, 0.81, 1.4658, -1.1957, -0.1481, 0.2471, 0.9132, -0.0093, -0.653, 0.0477,
];

/** Calibrated probability that a text restates a candidate claim, from its feature vector. */
export function restatementProbability(x: readonly number[], w: readonly number[] = WEIGHTS): number {
  let z = 0;
  for (let i = 0; i < w.length; i++) z += w[i] * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * A passage's best candidate is reported when at least this likely (see matcher.ts, matchPassage): on the
 * CheckThat! train tweets, 92% of the findings it lets through are right (90% on the dev tweets).
 */
export const PASSAGE_ACCEPT = 0.6;
/** Candidates a passage draws from the index's first cut before they are scored and calibrated. */
export const PASSAGE_CANDIDATES = 30;

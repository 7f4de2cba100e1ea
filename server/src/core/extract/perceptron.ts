// Scoring with a linear model over feature strings: the averaged ranking perceptrons that
// scripts/train-extractor.mjs trains and stores as model/source-model.json and model/pronoun-model.json.

export interface LinearModel {
  /** What the model labels, for the reader of the JSON. */
  about: string;
  /** Decision threshold: a token is a cue when its score is above it. */
  threshold: number;
  /** Feature string → weight (features with no weight score 0). */
  weights: Record<string, number>;
}

/** A model ready for scoring: its weights in a Map (a lookup per feature string, faster than an object of 100,000 keys). */
export interface ScoringModel {
  threshold: number;
  weights: ReadonlyMap<string, number>;
}

export function compile(model: LinearModel): ScoringModel {
  return { threshold: model.threshold, weights: new Map(Object.entries(model.weights)) };
}

export function score(model: ScoringModel, features: readonly string[]): number {
  let s = 0;
  const w = model.weights;
  for (const f of features) {
    const v = w.get(f);
    if (v !== undefined) s += v;
  }
  return s;
}

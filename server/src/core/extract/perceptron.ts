// Scoring with a linear model over feature strings: the averaged perceptron that
// scripts/train-extractor.mjs trains and stores as model/cue-model.json.

export interface LinearModel {
  /** What the model labels, for the reader of the JSON. */
  about: string;
  /** Decision threshold: a token is a cue when its score is above it. */
  threshold: number;
  /** Feature string → weight (features with no weight score 0). */
  weights: Record<string, number>;
}

export function score(model: LinearModel, features: readonly string[]): number {
  let s = 0;
  const w = model.weights;
  for (const f of features) {
    const v = w[f];
    if (v !== undefined) s += v;
  }
  return s;
}

// A BIO sequence tagger: each token of a sequence gets O (outside), B (begins a span) or I (inside, after
// B or I), scored by a linear model over feature strings plus label-to-label transition weights, and
// decoded with Viterbi, so the spans it returns are always well formed. The cue tagger (cue-tagger.ts)
// and the content tagger (content-model.ts) are two of them; scripts/train-extractor.mjs trains both
// with trainTagger (train-tagger.ts), an averaged structured perceptron over the same decoding.

export const O = 0;
export const B = 1;
export const I = 2;
export const LABELS = ["O", "B", "I"] as const;
const L = 3;

/** A tagger as stored in model/*.json. */
export interface TaggerJson {
  /** What the model tags, for the reader of the JSON. */
  about: string;
  labels: readonly string[];
  /** Feature string → its weight for O, B and I (features with no entry score 0). */
  weights: Record<string, number[]>;
  /** Transition weights, row = previous label (the last row: the sequence start), column = label. */
  transitions: number[][];
  /** Added to every token's O, B, I scores: how the trainer set the balance of precision and recall. */
  bias?: number[];
}

/** A tagger ready for decoding: the weights in a Map (one lookup per feature string). */
export interface Tagger {
  weights: ReadonlyMap<string, ArrayLike<number>>;
  /** transitions[prev * 3 + label]; prev 3 is the start of the sequence. */
  transitions: Float64Array;
  bias?: ArrayLike<number>;
}

export function compileTagger(json: TaggerJson): Tagger {
  const transitions = new Float64Array((L + 1) * L);
  json.transitions.forEach((row, p) => row.forEach((w, l) => (transitions[p * L + l] = w)));
  return { weights: new Map(Object.entries(json.weights)), transitions, ...(json.bias ? { bias: json.bias } : {}) };
}

/** The O/B/I scores of one token: `out[at]`, `out[at + 1]`, `out[at + 2]` (added to). */
export function addEmission(tagger: Tagger, features: readonly string[], out: Float64Array, at: number): void {
  const w = tagger.weights;
  const bias = tagger.bias;
  if (bias) {
    out[at] += bias[0];
    out[at + 1] += bias[1];
    out[at + 2] += bias[2];
  }
  for (const f of features) {
    const v = w.get(f);
    if (v === undefined) continue;
    out[at] += v[0];
    out[at + 1] += v[1];
    out[at + 2] += v[2];
  }
}

/** I may only follow B or I. */
const allowed = (prev: number, label: number) => label !== I || prev === B || prev === I;

/**
 * The best label sequence for emission scores `em` (3 per token, O/B/I) under the transition weights:
 * Viterbi over the three labels, with I never after O nor at the start. Linear in the sequence length.
 */
export function viterbi(em: Float64Array, n: number, transitions: Float64Array): Uint8Array {
  const labels = new Uint8Array(n);
  if (n === 0) return labels;
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let l = 0; l < L; l++) score[l] = allowed(L, l) ? em[l] + transitions[L * L + l] : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let l = 0; l < L; l++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed(p, l)) continue;
        const s = score[(i - 1) * L + p] + transitions[p * L + l];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + l] = best + em[i * L + l];
      back[i * L + l] = arg;
    }
  }
  let last = 0;
  for (let l = 1; l < L; l++) if (score[(n - 1) * L + l] > score[(n - 1) * L + last]) last = l;
  labels[n - 1] = last;
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + labels[i]];
  return labels;
}

/** The tagged sequence of `features` (one list per token). */
export function tag(tagger: Tagger, features: readonly (readonly string[])[]): Uint8Array {
  const em = new Float64Array(features.length * L);
  features.forEach((f, i) => addEmission(tagger, f, em, i * L));
  return viterbi(em, features.length, tagger.transitions);
}

/** The spans of a label sequence, as [first, last] index pairs (B then any I). */
export function spansOf(labels: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === O) continue;
    let j = i;
    while (j + 1 < labels.length && labels[j + 1] === I) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

/** The BIO labels of spans [first, last] over a sequence of `n` tokens. */
export function labelsOf(n: number, spans: readonly (readonly [number, number])[]): Uint8Array {
  const out = new Uint8Array(n);
  for (const [a, b] of spans) {
    if (a < 0 || b >= n || b < a) continue;
    out[a] = B;
    for (let i = a + 1; i <= b; i++) out[i] = I;
  }
  return out;
}

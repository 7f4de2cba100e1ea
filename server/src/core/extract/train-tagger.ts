// Training a BIO tagger (tagger.ts): an averaged structured perceptron. Each sequence is decoded with the
// current weights by the same Viterbi that extraction uses; where the decoded labels differ from the right
// ones, the token's features move towards the right label and away from the decoded one, and so do the
// transitions. The weights returned are the average over every step (lazily kept), which generalises
// better than the last ones. Deterministic: the sequences in the order given, a fixed number of passes.
// Pure (no disk): scripts/train-extractor.mjs feeds it PolNeAR; the unit tests feed it sentences of their own.
import { addEmission, LABELS, viterbi, type Tagger, type TaggerJson } from "./tagger.js";

const L = 3;

export interface Sequence {
  /** One feature list per token. */
  features: readonly (readonly string[])[];
  /** The right label of each token (O 0, B 1, I 2). */
  labels: ArrayLike<number>;
}

export interface TrainOptions {
  passes: number;
  about: string;
  /**
   * Features whose averaged weights (B and I relative to O) are all smaller than this are dropped: a
   * smaller file, and on PolNeAR better held-out scores (the perceptron's rare features overfit). Default 0.01.
   */
  minWeight?: number;
  /** Decimals the weights are rounded to. Default 2. */
  decimals?: number;
  /** Called after each pass with its number and how many sequences it got wrong. */
  progress?: (pass: number, errors: number) => void;
}

/** Weights with lazy averaging: total accumulates weight × steps, brought up to date when a weight changes. */
class Averaged {
  readonly w = new Map<string, Float64Array>();
  private readonly total = new Map<string, Float64Array>();
  private readonly stamp = new Map<string, number>();
  readonly trans = new Float64Array((L + 1) * L);
  private readonly transTotal = new Float64Array((L + 1) * L);
  private readonly transStamp = new Float64Array((L + 1) * L);
  time = 0;

  view(): Tagger {
    return { weights: this.w, transitions: this.trans };
  }

  update(f: string, label: number, d: number): void {
    let w = this.w.get(f);
    let t = this.total.get(f);
    if (!w || !t) {
      w = new Float64Array(L);
      t = new Float64Array(L);
      this.w.set(f, w);
      this.total.set(f, t);
    }
    const since = this.time - (this.stamp.get(f) ?? 0);
    for (let l = 0; l < L; l++) t[l] += since * w[l];
    this.stamp.set(f, this.time);
    w[label] += d;
  }

  updateTransition(k: number, d: number): void {
    this.transTotal[k] += (this.time - this.transStamp[k]) * this.trans[k];
    this.transStamp[k] = this.time;
    this.trans[k] += d;
  }

  averaged(min: number, decimals: number): Pick<TaggerJson, "weights" | "transitions"> {
    const scale = 10 ** decimals;
    const round = (x: number) => Math.round(x * scale) / scale || 0;
    const weights: Record<string, number[]> = {};
    const keys = [...this.w.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const T = this.time || 1;
    for (const f of keys) {
      const w = this.w.get(f)!;
      const t = this.total.get(f)!;
      const since = this.time - (this.stamp.get(f) ?? 0);
      const avg = [0, 1, 2].map((l) => (t[l] + since * w[l]) / T);
      // only the differences between a token's three scores matter to Viterbi (a constant added to all
      // three adds the same to every path): stored with O at 0, the others relative to it
      const rel = [0, round(avg[1] - avg[0]), round(avg[2] - avg[0])];
      if (Math.abs(rel[1]) < min && Math.abs(rel[2]) < min) continue;
      weights[f] = rel;
    }
    const transitions: number[][] = [];
    for (let p = 0; p <= L; p++) {
      const row: number[] = [];
      for (let l = 0; l < L; l++) {
        const k = p * L + l;
        row.push(round((this.transTotal[k] + (this.time - this.transStamp[k]) * this.trans[k]) / T));
      }
      transitions.push(row);
    }
    return { weights, transitions };
  }
}

/** A tagger trained on `data`. */
export function trainTagger(data: readonly Sequence[], opts: TrainOptions): TaggerJson {
  const m = new Averaged();
  for (let pass = 1; pass <= opts.passes; pass++) {
    let errors = 0;
    for (const { features, labels } of data) {
      m.time++;
      const n = features.length;
      if (!n) continue;
      const em = new Float64Array(n * L);
      const view = m.view();
      features.forEach((f, i) => addEmission(view, f, em, i * L));
      const guess = viterbi(em, n, m.trans);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = labels[i];
        const p = guess[i];
        const gp = i ? labels[i - 1] : L;
        const pp = i ? guess[i - 1] : L;
        if (g !== p) {
          wrong = true;
          for (const f of features[i]) {
            m.update(f, g, 1);
            m.update(f, p, -1);
          }
        }
        if (g !== p || gp !== pp) {
          m.updateTransition(gp * L + g, 1);
          m.updateTransition(pp * L + p, -1);
        }
      }
      if (wrong) errors++;
    }
    opts.progress?.(pass, errors);
  }
  return { about: opts.about, labels: [...LABELS], ...m.averaged(opts.minWeight ?? 0.01, opts.decimals ?? 2) };
}

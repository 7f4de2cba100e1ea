// Character 4-grams of a text's words, for comparing a draft with a fact-checked claim below the level of
// whole words. A post writes what a claim says in forms the word index does not join: a hashtag in one
// lowercase run ("#fyrefestival" for "Fyre Festival", "#maddoxstrong" naming "Maddox"), a clipped or
// compound word ("e-cigs", "cigarettes"), a name glued to a handle. Shared 4-grams of the padded words
// see those ("fyre", "madd", "ciga"), and they need no statistics of the database: the reviewed-claim
// model (restatement-model.ts) reads three shares of them beside the word-level features.
//
// Pure; linear in the text's length.

/** A text's 4-grams with their weights (1 + ln count), and the vector's length. */
export interface GramVector {
  grams: ReadonlyMap<string, number>;
  /** Euclidean norm of the weights. */
  norm: number;
  /** Sum of the weights. */
  total: number;
}

/** Words too common to say what a text is about; their grams would join every pair of texts. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  "the a an of to in on and or is are was were be been for with that this it at by from as has have had not no".split(" "),
);

const GRAM = 4;

/** The 4-grams of the lowercased words of `text` (letters and digits; stop words left out), each word padded by a space either side. */
export function gramVector(text: string): GramVector {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word || STOP_WORDS.has(word)) continue;
    const padded = ` ${word} `;
    if (padded.length < GRAM) {
      counts.set(padded, (counts.get(padded) ?? 0) + 1);
      continue;
    }
    for (let i = 0; i + GRAM <= padded.length; i++) {
      const g = padded.slice(i, i + GRAM);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
  }
  const grams = new Map<string, number>();
  let sq = 0;
  let total = 0;
  for (const [g, c] of counts) {
    const w = 1 + Math.log(c);
    grams.set(g, w);
    sq += w * w;
    total += w;
  }
  return { grams, norm: Math.sqrt(sq), total };
}

/** How alike two gram vectors are: their cosine, and the share of each one's weight whose grams the other has. */
export interface GramOverlap {
  cosine: number;
  /** Share of `b`'s weight (the claim's) that `a` (the text) has. */
  reachOfB: number;
  /** Share of `a`'s weight that `b` has. */
  reachOfA: number;
}

export function gramOverlap(a: GramVector, b: GramVector): GramOverlap {
  let dot = 0;
  let inA = 0;
  let inB = 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a, b] : [b, a];
  for (const [g, x] of small.grams) {
    const y = large.grams.get(g);
    if (y === undefined) continue;
    dot += x * y;
    if (small === a) {
      inA += x;
      inB += y;
    } else {
      inA += y;
      inB += x;
    }
  }
  return {
    cosine: a.norm > 0 && b.norm > 0 ? dot / (a.norm * b.norm) : 0,
    reachOfB: b.total > 0 ? inB / b.total : 0,
    reachOfA: a.total > 0 ? inA / a.total : 0,
  };
}

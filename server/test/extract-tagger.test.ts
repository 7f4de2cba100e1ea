// The BIO tagger the extractor's cue and content models use (core/extract/tagger.ts, train-tagger.ts):
// Viterbi decoding gives well-formed label sequences whatever the scores, spans and labels convert both
// ways, and a tiny tagger trained here on sentences written for this test finds the cue of a sentence it
// has not seen — the same features and training as the shipped cue model, on our own fixture text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cueFeatures } from "../src/core/extract/features.js";
import { B, compileTagger, I, labelsOf, O, spansOf, tag, viterbi } from "../src/core/extract/tagger.js";
import { trainTagger, type Sequence } from "../src/core/extract/train-tagger.js";
import { tokenizeDoc, type XDoc } from "../src/core/extract/tokens.js";
import { nlp } from "./helpers.js";

/** A well-formed BIO sequence: I only right after B or I. */
function wellFormed(labels: ArrayLike<number>): boolean {
  for (let i = 0; i < labels.length; i++) if (labels[i] === I && (i === 0 || labels[i - 1] === O)) return false;
  return true;
}

/** Deterministic pseudo-random numbers (a linear congruential generator), so the test is the same every run. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe("BIO decoding", () => {
  it("gives a well-formed sequence for any scores, even scores that favour I everywhere", () => {
    const rnd = numbers(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rnd() * 12);
      const em = new Float64Array(n * 3);
      for (let k = 0; k < em.length; k++) em[k] = (rnd() - 0.5) * 10 + (k % 3 === I ? 4 : 0);
      const transitions = new Float64Array(12);
      for (let k = 0; k < 12; k++) transitions[k] = (rnd() - 0.5) * 6;
      const labels = viterbi(em, n, transitions);
      assert.equal(labels.length, n);
      assert.ok(wellFormed(labels), `trial ${trial}: ${[...labels].join("")}`);
    }
  });

  it("finds the best path: with no transition weights, each token's best allowed label", () => {
    // O B I scores per token: the second token prefers I, which is allowed after B
    const em = Float64Array.from([0, 5, 1, 0, 1, 6, 3, 0, 2]);
    assert.deepEqual([...viterbi(em, 3, new Float64Array(12))], [B, I, O]);
    // a first token that prefers I cannot take it: the start allows O or B only
    const start = Float64Array.from([1, 0, 9]);
    assert.deepEqual([...viterbi(start, 1, new Float64Array(12))], [O]);
  });

  it("converts spans to labels and back", () => {
    const spans: [number, number][] = [
      [1, 2],
      [3, 3],
      [6, 8],
    ];
    const labels = labelsOf(10, spans);
    assert.deepEqual([...labels], [O, B, I, B, O, O, B, I, I, O]);
    assert.deepEqual(spansOf(labels), spans);
    assert.deepEqual(spansOf(new Uint8Array(4)), []);
  });
});

// Sentences written for this test: the cue of each marked with [brackets].
const TRAINING = [
  "The mayor [said] the harbor would reopen in May.",
  "Residents [told] reporters that the water was rising.",
  "The council [ruled out] a new tax on boats.",
  "“We will finish the dredging,” the engineer [said].",
  "The port authority [said] it could pay for half of the work.",
  "The harbor is the oldest in the region and draws fishing crews from three towns.",
  "[According to] the clerk, the vote was six to three.",
  "Fishing crews repaired their nets on the quay before dawn.",
  "The treasurer [warned] that the budget would run short by June.",
  "The ferry left the dock at noon and returned after dark.",
  "She [added] that the city would hire two more inspectors.",
  "The tide rose over the sea wall twice last winter.",
];

/** A fixture sentence as the tagger sees it: its tokens' cue features and the bracketed cue as BIO labels. */
function sequence(marked: string, lexicon: Record<string, string>): { doc: XDoc; seq: Sequence } {
  const text = marked.replace(/[[\]]/g, "");
  const open = marked.indexOf("[");
  const cue = open < 0 ? null : [open, marked.indexOf("]") - 1];
  const doc = tokenizeDoc(nlp, text);
  const features = doc.tokens.map((_, i) => cueFeatures(doc, i, lexicon));
  const inCue = doc.tokens.flatMap((t, i) => (cue && t.start >= cue[0] && t.end <= cue[1] ? [i] : []));
  return { doc, seq: { features, labels: labelsOf(features.length, inCue.length ? [[inCue[0], inCue[inCue.length - 1]]] : []) } };
}

describe("a tagger trained on a handful of sentences", () => {
  const lexicon = { say: "5", tell: "5", rule: "3", warn: "4", add: "4", accord: "5" };
  const model = trainTagger(
    TRAINING.map((s) => sequence(s, lexicon).seq),
    { passes: 10, about: "test" },
  );
  const tagger = compileTagger(model);
  const cuesOf = (text: string) => {
    const { doc, seq } = sequence(text, lexicon);
    return spansOf(tag(tagger, seq.features)).map(([a, b]) => text.slice(doc.tokens[a].start, doc.tokens[b].end));
  };

  it("tags every cue of the sentences it learned from", () => {
    for (const s of TRAINING) {
      const want = /\[([^\]]+)\]/.exec(s)?.[1];
      assert.deepEqual(cuesOf(s.replace(/[[\]]/g, "")), want ? [want] : [], s);
    }
  });

  it("tags the cue of a sentence it has not seen, and none in a sentence without one", () => {
    assert.deepEqual(cuesOf("The harbor master said the channel was too shallow."), ["said"]);
    assert.deepEqual(cuesOf("The boats stayed in the harbor all week."), []);
  });

  it("stores O at 0 and B, I relative to it, with transition weights for every pair", () => {
    for (const w of Object.values(model.weights)) assert.equal(w[0], 0);
    assert.equal(model.transitions.length, 4);
    for (const row of model.transitions) assert.equal(row.length, 3);
  });
});

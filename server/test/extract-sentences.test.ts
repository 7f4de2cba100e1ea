// The extractor's sentences (core/extract/tokens.ts): wink's splits, with those that cut a sentence inside
// a word or a party-state tag joined again. Sentences written for this test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tokenizeDoc } from "../src/core/extract/tokens.js";
import { nlp } from "./helpers.js";

const sentences = (text: string) => tokenizeDoc(nlp, text).sentences.map((s) => text.slice(s.start, s.end));

describe("extractor sentences", () => {
  it("keeps a party-state tag inside its sentence", () => {
    assert.deepEqual(sentences("Rep. Ada Brook (D-N.Y.) said the ferry would run. It did not."), [
      "Rep. Ada Brook (D-N.Y.) said the ferry would run.",
      "It did not.",
    ]);
  });

  it("keeps a web address inside its sentence", () => {
    assert.deepEqual(sentences("“The memo came from a harbour.gov account,” the union said. Nobody replied."), [
      "“The memo came from a harbour.gov account,” the union said.",
      "Nobody replied.",
    ]);
  });

  it("still splits sentences that end in a parenthesis or follow one another", () => {
    assert.deepEqual(sentences("The ferry stopped (for a week). The union met. It voted."), [
      "The ferry stopped (for a week).",
      "The union met.",
      "It voted.",
    ]);
  });
});

// The span rules (core/extract/spans.ts) for a content before its source when only a recipient or a
// circumstance follows the cue ("…, an aide told the newspaper on Tuesday."), and the source candidates
// (core/extract/source-model.ts) for a share of people ("Two in three said") and for the phrase after
// "according to" when the tagger reads no noun in it; which cues stand without a source ("X appears to Y")
// or inherit the last speaker (a verb's, not a phrase's like "in light of"). Sentences written for the test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attributionsOfCues } from "../src/core/extract/index.js";
import { sourceCandidates } from "../src/core/extract/source-model.js";
import { attributions } from "../src/core/extract/spans.js";
import { tokenizeDoc, type XDoc } from "../src/core/extract/tokens.js";
import { nlp } from "./helpers.js";

/** The cue group of the first token whose text is `word`. */
function cueAt(doc: XDoc, word: string): [number, number] {
  const i = doc.tokens.findIndex((t) => t.value === word);
  assert.ok(i >= 0, `no "${word}"`);
  return [i, i];
}

/** The span rules' content and source for the cue `word` of `text`. */
function ruled(text: string, word: string): { content: string; source: string | null } {
  const doc = tokenizeDoc(nlp, text);
  const [r] = attributions(doc, [cueAt(doc, word)]);
  assert.ok(r, `no attribution for "${word}"`);
  const src = r.source ? text.slice(doc.tokens[r.source[0]].start, doc.tokens[r.source[1]].end) : null;
  return { content: text.slice(r.content[0], r.content[1]), source: src };
}

describe("span rules: a content before its source, with a recipient or a circumstance after the cue", () => {
  it("takes the clause before the source when the cue is followed by whom it was told", () => {
    const got = ruled("The ferry line will close in June, a harbor official told the Coastal Herald.", "told");
    assert.equal(got.content, "The ferry line will close in June");
    assert.match(got.source ?? "", /harbor official/);
  });

  it("takes the clause before the source when the cue is followed by where or when it was said", () => {
    const got = ruled("The plant will reopen in the spring, the company said in a statement on Friday.", "said");
    assert.equal(got.content, "The plant will reopen in the spring");
  });

  it("keeps an object after the cue as the content (a fronted clause is not what was said)", () => {
    const got = ruled("Shortly after the vote, the chairman announced his resignation.", "announced");
    assert.equal(got.content, "his resignation");
  });

  it("keeps a relative clause's own object (“…, which writes the rules”)", () => {
    const got = ruled("Both countries belong to the league, which writes the rules of the game.", "writes");
    assert.equal(got.content, "the rules of the game");
  });
});

describe("source candidates", () => {
  const words = (text: string, doc: XDoc, r: readonly [number, number]) => text.slice(doc.tokens[r[0]].start, doc.tokens[r[1]].end);

  it("a share of people heads a source (“Two in three said”)", () => {
    const text = "Two in three said the new tax was unfair.";
    const doc = tokenizeDoc(nlp, text);
    const heads = sourceCandidates(doc, cueAt(doc, "said"), []).map((c) => (c.span ? doc.tokens[c.head].value : null));
    assert.ok(heads.includes("Two"), `candidates: ${heads.join(", ")}`);
  });

  it("the phrase after “according to” is a candidate up to its comma, whatever the tagger reads in it", () => {
    const text = "According to recent polling, the senator is leading the field.";
    const doc = tokenizeDoc(nlp, text);
    const i = doc.tokens.findIndex((t) => t.value === "According");
    const spans = sourceCandidates(doc, [i, i + 1], []).flatMap((c) => (c.span ? [words(text, doc, c.span)] : []));
    assert.ok(spans.includes("recent polling"), `candidates: ${spans.join(" | ")}`);
  });
});

describe("cues without a source", () => {
  /** The candidates attributionsOfCues makes of the single cue `word` (no keep model). */
  const candidates = (text: string, word: string) => {
    const doc = tokenizeDoc(nlp, text);
    return attributionsOfCues(doc, [cueAt(doc, word)]);
  };

  it("“X appears to Y” is kept without a source; “X appears focused on Y” is no attribution", () => {
    const raising = candidates("The harbor fees appear to be rising again this year.", "appear");
    assert.equal(raising.length, 1);
    assert.equal(raising[0].source, null);
    assert.equal(candidates("The harbor plan appears focused on the eastern piers.", "appears").length, 0);
  });

  it("a cue without a verb does not inherit the last speaker", () => {
    const text = "The mayor spoke first. The unions kept up their strikes, especially in light of the new rules.";
    const doc = tokenizeDoc(nlp, text);
    const i = doc.tokens.findIndex((t, k) => t.value === "in" && doc.tokens[k + 1]?.value === "light");
    const cue: [number, number] = [i, i + 2];
    // a verb in the same place does: "…, and warned that …" is the speaker named before
    const verbText = "The mayor spoke first. The unions kept up their strikes, and warned that the new rules were unfair.";
    const verbDoc = tokenizeDoc(nlp, verbText);
    assert.ok(
      attributionsOfCues(verbDoc, [cueAt(verbDoc, "warned")]).some((r) => r.inherit),
      "the verb inherits the speaker",
    );
    assert.ok(
      attributionsOfCues(doc, [cue]).every((r) => !r.inherit),
      "no candidate inherits a speaker",
    );
  });
});

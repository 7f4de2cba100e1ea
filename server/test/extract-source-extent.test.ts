// How far a source mention reaches (core/extract/source-extent.ts): the whole noun phrase PolNeAR marks
// as the source — appositives with their closing comma, parentheticals, identifying prepositional
// phrases, relative clauses, coordinations — and not the scene-setting words beside it. Sentences
// written for this test; the head run given is what the source model would pick.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sourceExtent } from "../src/core/extract/source-extent.js";
import { tokenizeDoc, type XDoc } from "../src/core/extract/tokens.js";
import { nlp } from "./helpers.js";

/** Token index of the first token at or after character `at`. */
const tokenAt = (doc: XDoc, at: number) => doc.tokens.findIndex((t) => t.start >= at);
/** Token index of the last token ending at or before character `at`. */
const tokenBefore = (doc: XDoc, at: number) => {
  let k = -1;
  doc.tokens.forEach((t, i) => {
    if (t.end <= at) k = i;
  });
  return k;
};

/**
 * The mention sourceExtent gives in `text` for the head run `head` and the cue `cue` (both found as
 * written); the content is the quotation when there is one, else what follows the cue.
 */
function extent(text: string, head: string, cue: string): string {
  const doc = tokenizeDoc(nlp, text);
  const hs = text.indexOf(head);
  const cs = text.indexOf(cue);
  assert.ok(hs >= 0 && cs >= 0, `${head} / ${cue} not in ${text}`);
  const a = tokenAt(doc, hs);
  const b = tokenBefore(doc, hs + head.length);
  const c0 = tokenAt(doc, cs);
  const c1 = tokenBefore(doc, cs + cue.length);
  const open = text.indexOf("“");
  const close = text.indexOf("”");
  const content: [number, number] = open >= 0 ? [open, close + 1] : [doc.tokens[c1 + 1].start, text.replace(/\.\s*$/, "").length];
  const cues = new Uint8Array(doc.tokens.length).fill(1, c0, c1 + 1);
  const [s, e] = sourceExtent(doc, [a, b], [c0, c1], [content], cues);
  return text.slice(doc.tokens[s].start, doc.tokens[e].end);
}

describe("source extent", () => {
  it("takes an appositive with the comma that closes it, before the cue", () => {
    assert.equal(
      extent("Marta Quill, a lawyer for the dockworkers' union, said the strike would last a week.", "Marta Quill", "said"),
      "Marta Quill, a lawyer for the dockworkers' union,",
    );
  });

  it("takes an appositive after the cue to the sentence's end, without the full stop", () => {
    assert.equal(
      extent("“The harbour will close,” said Marta Quill, a lawyer for the dockworkers' union.", "Marta Quill", "said"),
      "Marta Quill, a lawyer for the dockworkers' union",
    );
  });

  it("takes a parenthetical and an identifying prepositional phrase", () => {
    assert.equal(extent("Sen. Ada Brook (D-Ore.) said the bill was dead.", "Sen. Ada Brook", "said"), "Sen. Ada Brook (D-Ore.)");
    assert.equal(
      extent("A spokeswoman for the port authority said the cranes were safe.", "A spokeswoman", "said"),
      "A spokeswoman for the port authority",
    );
  });

  it("takes a relative clause right after the head", () => {
    assert.equal(
      extent("Officials who spoke on condition of anonymity said the talks had stalled.", "Officials", "said"),
      "Officials who spoke on condition of anonymity",
    );
  });

  it("takes both halves of a coordination that opens the clause, and no object before it", () => {
    assert.equal(extent("Quill and her deputy said the strike would go on.", "her deputy", "said"), "Quill and her deputy");
    assert.equal(
      extent("Then comes the vote, where Quill and her deputy believe they can win.", "her deputy", "believe"),
      "Quill and her deputy",
    );
    assert.equal(extent("The mayor thanked Quill and her deputy said nothing.", "her deputy", "said"), "her deputy");
  });

  it("takes a participle after a common noun, but not a verb of the clause", () => {
    assert.equal(
      extent("The inspection records released on Friday show that the cranes were safe.", "The inspection records", "show"),
      "The inspection records released on Friday",
    );
    assert.equal(extent("The union balked and said the offer was too low.", "The union", "said"), "The union");
  });

  it("ends a prepositional phrase at a verb of its own", () => {
    assert.equal(
      extent(
        "A spokeswoman for the port authority emailed reporters a statement, arguing that the cranes were safe.",
        "A spokeswoman",
        "arguing",
      ),
      "A spokeswoman for the port authority",
    );
  });

  it("leaves out what only sets the scene: adverbs, times, the occasion", () => {
    assert.equal(extent("Quill, however, said the strike would go on.", "Quill", "said"), "Quill");
    assert.equal(extent("Quill, in an interview on Monday, said the strike would go on.", "Quill", "said"), "Quill");
    assert.equal(extent("A spokeswoman in a statement said the cranes were safe.", "A spokeswoman", "said"), "A spokeswoman");
  });

  it("stops at a new clause after the cue and never runs into the content", () => {
    assert.equal(extent("“We will stay out,” said Quill, adding that talks would resume.", "Quill", "said"), "Quill");
    assert.equal(extent("“We will stay out,” Quill said.", "Quill", "said"), "Quill");
  });

  it("takes a number's hedge, a hyphenated word and a percentage into the mention", () => {
    assert.equal(extent("About 40 dockworkers said the cranes were unsafe.", "40 dockworkers", "said"), "About 40 dockworkers");
    assert.equal(extent("More than 300 tenants say the rent rose.", "300 tenants", "say"), "More than 300 tenants");
    assert.equal(
      extent("The Harwich-based ferry union said the strike would go on.", "ferry union", "said"),
      "The Harwich-based ferry union",
    );
    assert.equal(extent("A 61% majority of tenants say the rent rose.", "majority of tenants", "say"), "A 61% majority of tenants");
    // a hedge that is no number's stays out
    assert.equal(extent("Only the tenants say the rent rose.", "the tenants", "say"), "the tenants");
  });

  it("takes the nouns of a compound the head run cut short, not a date", () => {
    assert.equal(extent("Harbour Watch said the cranes were unsafe.", "Harbour", "said"), "Harbour Watch");
    assert.equal(extent("Port polling showed the union ahead.", "Port", "showed"), "Port polling");
    assert.equal(extent("The Quill campaign staff said the strike would go on.", "The Quill", "said"), "The Quill campaign staff");
    assert.equal(extent("Quill Monday said the strike would go on.", "Quill", "said"), "Quill");
  });
});

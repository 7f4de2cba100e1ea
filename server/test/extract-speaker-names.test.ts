// Who a source mention names (core/extract/speakers.ts and the pronoun step of core/extract/index.ts):
// a person "of" a place is the person, an institution "of" a place is the institution, and "he"/"she"
// never refers to an organisation. Sentences written for this test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractClaims } from "../src/core/extract/index.js";
import { nlp } from "./helpers.js";

/** The speaker's name of the claim whose quote holds `words`. */
function speakerOf(text: string, words: string): string {
  const db = extractClaims({ nlp, text, title: "Ferry" });
  const claim = db.claims.find((c) => c.quote.includes(words));
  assert.ok(claim, `no claim holds ${words}: ${JSON.stringify(db.claims.map((c) => c.quote))}`);
  return db.speakers[claim.speaker].name;
}

describe("speaker names", () => {
  it("a person of a place is the person", () => {
    assert.equal(speakerOf("Gov. Ana Ruiz of Oregon said the ferry would run in May.", "the ferry would run"), "Ana Ruiz");
    assert.equal(speakerOf("Mayor Tom Lee of Salem said that the ferry was late.", "the ferry was late"), "Tom Lee");
  });

  it("an institution of a place is the institution, whole", () => {
    assert.match(speakerOf("The Bank of Portugal said interest rates would rise.", "interest rates"), /Bank of Portugal$/);
  });

  it("he or she is the person last named, not an organisation named since", () => {
    const text =
      "Marta Quill, a lawyer for the dockworkers, said the strike would go on. " +
      "Harbour News reported the cranes were unsafe. " +
      "She added that the union would meet on Friday.";
    assert.equal(speakerOf(text, "the union would meet"), "Marta Quill");
  });
});

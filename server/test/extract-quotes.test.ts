// Quotation marks as newspapers print them: doubled apostrophes ('' … '', as some papers set quotation
// marks) read as quotation marks, at the same offsets; and a quotation interrupted by its cue ("“…,” she
// said. “…”") recorded as the piece that holds most of it, never with "she said" inside the quote.
// The sentences are written for this test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractClaims } from "../src/core/extract/index.js";
import { normaliseQuotes, tokenizeDoc } from "../src/core/extract/tokens.js";
import { nlp } from "./helpers.js";

describe("doubled apostrophes as quotation marks", () => {
  it("are read as one straight mark where the quoted words begin and end, with every offset kept", () => {
    const text = "The mayor said, ''We will dredge the channel,'' and left. It is the ''Harbor Plan''.";
    const marks = normaliseQuotes(text);
    assert.equal(marks.length, text.length);
    const open = text.indexOf("''We");
    assert.equal(marks[open], '"', "an opening mark at the first apostrophe");
    const close = text.indexOf("'' and") + 1;
    assert.equal(marks[close], '"', "a closing mark at the second apostrophe");
    assert.equal(marks.replace(/["\s]/g, ""), text.replace(/['\s]/g, ""));
    // the quoted words are inside the quotation, the words around it are not
    const doc = tokenizeDoc(nlp, text);
    const word = (w: string) => doc.tokens.find((t) => t.value === w)!;
    assert.equal(word("dredge").inQuote, true);
    assert.equal(word("left").inQuote, false);
    assert.equal(doc.text, text, "the document keeps the text as written");
  });

  it("leaves text without them as it is", () => {
    const text = "The captain's log was lost, the harbor master said.";
    assert.equal(normaliseQuotes(text), text);
  });

  it("gives a direct quote cut verbatim from the text, with its marks", () => {
    const text =
      "Harbor Dredging Set to Begin\n" +
      "''We will not let the channel silt up again,'' Mayor Elena Vasquez said on Tuesday.\n" +
      "The council meets again in May.\n";
    const db = extractClaims({ nlp, text, title: "Harbor" });
    const c = db.claims.find((x) => x.quote.includes("silt up"));
    assert.ok(c, db.claims.map((x) => x.quote).join(" | "));
    assert.equal(text.slice(c.start, c.end), c.quote);
    assert.equal(c.quoteKind, "direct");
    assert.match(c.quote, /^''We will not let the channel silt up again,''$/);
    assert.equal(db.speakers[c.speaker].name, "Elena Vasquez");
    assert.doesNotMatch(c.text, /''/, "the statement has no quotation marks");
  });
});

describe("a quotation interrupted by its cue", () => {
  it("is recorded as its longest piece, without the cue and source inside the quote", () => {
    const text =
      "“We cannot wait,” said Tomas Reyes. “The channel is losing depth every winter, and the fishing crews " +
      "have already moved two boats to the next harbor because they can no longer get out at low tide.”\n";
    const db = extractClaims({ nlp, text, title: "Harbor" });
    const c = db.claims.find((x) => x.quote.includes("losing depth"));
    assert.ok(c, db.claims.map((x) => x.quote).join(" | "));
    assert.doesNotMatch(c.quote, /said|Reyes/);
    assert.equal(text.slice(c.start, c.end), c.quote);
    assert.equal(db.speakers[c.speaker].name, "Tomas Reyes");
  });
});

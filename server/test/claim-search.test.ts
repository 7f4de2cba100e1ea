import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ClaimSearch } from "../src/core/claim-search.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { nlp } from "./helpers.js";

describe("claim search", () => {
  let search: ClaimSearch;
  before(async () => {
    search = new ClaimSearch((await readBundledClaims()).claims);
  });

  it("finds a claim from a misspelled query", () => {
    assert.equal(search.search("nato membrship ukrane")[0].claim.id, "esg-s7-rejects-nato-membership");
  });
  it("matches the words of a query separately", () => {
    assert.equal(search.search("nato kyiv")[0].claim.id, "esg-s8-nato-expansion-unacceptable");
  });
  it("treats search operators as plain text", () => {
    assert.equal(search.search("!nato 'kyiv |")[0].claim.id, "esg-s8-nato-expansion-unacceptable");
  });
  it("searches speakers", () => {
    const ids = search.search("Leavitt").map((h) => h.claim.id);
    assert.equal(ids[0], "esg-s6-coordinate-without-boots");
  });
  it("lists claims for an empty query", () => {
    assert.equal(search.search("", 5).length, 5);
  });
  it("scores best first, between 0 and 1", () => {
    const hits = search.search("air power");
    assert.ok(hits.length > 0);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
    assert.ok(hits.every((h) => h.score >= 0 && h.score <= 1));
  });
});

describe("claim search over a large database", () => {
  it("narrows through the index and still finds a misspelled claim", async () => {
    const { createFactChecker } = await import("../src/core/checker.js");
    const db = await readBundledClaims();
    const filler = Array.from({ length: 3000 }, (_, i) => ({
      ...db.claims[i % db.claims.length],
      id: `filler-${i}`,
      speaker: { id: "clerk", name: "Pat Clerk", role: "City clerk" },
      text: `Council number ${i} voted on budget line ${i % 97} for parks and libraries.`,
    }));
    const checker = createFactChecker({ databases: [{ ...db, claims: [...filler, ...db.claims] }], nlp });
    const hits = checker.search.search("aerial capabilites", 5);
    assert.equal(hits[0].claim.id, "esg-s5-unmatched-air-capabilities");
    assert.ok(checker.search.search("Leavitt", 5).some((h) => h.claim.id === "esg-s6-coordinate-without-boots"));
  });
});

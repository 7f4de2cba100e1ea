import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ClaimSearch } from "../src/core/claim-search.js";
import { loadBundledClaims } from "../src/core/claims-loader.js";

describe("claim search", () => {
  let search: ClaimSearch;
  before(async () => {
    search = new ClaimSearch((await loadBundledClaims()).claims);
  });

  it("finds a claim from a misspelled query", () => {
    assert.equal(search.search("nato membrship ukrane")[0].claim.id, "esg-s7-rejects-nato-membership");
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

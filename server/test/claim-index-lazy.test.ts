// The index keeps no claim's analysis (claim-index.ts, analysisOf): it analyses a claim again when a verdict
// reads it. That is only right if a claim's analysis does not depend on the claims analysed beside it when
// the index was built (analyzeMany reads 200 at a time): checked here on every claim of every database the
// tests use, each analysed alone against analysed in one batch with all the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeMany } from "../src/core/analyze.js";
import { ClaimIndex } from "../src/core/claim-index.js";
import { EMPTY_LEXICON } from "../src/core/lexicon/lexicon.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { fixture, nlp } from "./helpers.js";

test("a claim analysed alone is analysed as in a batch, and the index's lazy analysis is that one", async () => {
  const databases = [
    await readBundledClaims(),
    ...(await Promise.all(["harbor", "transit", "briefing"].map((n) => readClaimsFile(fixture("core", `${n}.claims.json`))))),
  ];
  const claims = databases.flatMap((d) => d.claims);
  const texts = claims.map((c) => c.text);
  const batch = analyzeMany(nlp, texts);
  texts.forEach((t, k) => assert.deepEqual(analyzeMany(nlp, [t])[0], batch[k], t));
  const index = new ClaimIndex(claims, EMPTY_LEXICON, nlp);
  index.claims.forEach((c, k) => assert.deepEqual(c.analysis, batch[k]));
  assert.equal(index.claims[3].analysis, index.claims[3].analysis, "kept once made");
});

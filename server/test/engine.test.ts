// The engine as a host builds it: createFactChecker({ databases, lexicon, nlp?, segmenter? }). It owns what
// it keeps (index, sentence results, segmenter); the English pipeline and the segmenter are shared only
// when the host passes them; and the language server hands both from one engine to the next on a reload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createFactChecker } from "../src/core/checker.js";
import { EMPTY_LEXICON } from "../src/core/lexicon/lexicon.js";
import { createNlp } from "../src/core/nlp.js";
import { Segmenter } from "../src/core/segment/segmenter.js";
import { ClaimsStore } from "../src/claims-store.js";
import { nodeFs } from "../src/deps.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { BUNDLED_CLAIMS_PATH } from "../src/node/install-paths.js";
import { nlp } from "./helpers.js";

const DRAFT = "Trump ruled out deploying American troops to Ukraine.\n\nTrump said American troops would be deployed to Ukraine.\n";

test("an engine uses the Nlp and segmenter it is given, and makes its own otherwise", async () => {
  const databases = [await readBundledClaims()];
  const given = createFactChecker({ databases, nlp });
  assert.equal(given.nlp, nlp);
  assert.equal(given.segmenter.nlp, nlp);
  const segmenter = new Segmenter(nlp);
  const withSegmenter = createFactChecker({ databases, segmenter });
  assert.equal(withSegmenter.segmenter, segmenter);
  assert.equal(withSegmenter.nlp, nlp, "the segmenter's Nlp");
  const own = createFactChecker({ databases: [] });
  assert.notEqual(own.nlp, nlp);
  assert.equal(own.segmenter.nlp, own.nlp);
  assert.throws(() => createFactChecker({ databases, nlp: createNlp(), segmenter }), /another Nlp/);
});

test("two engines share no cache unless given one segmenter; results never depend on it", async () => {
  const databases = [await readBundledClaims()];
  const a = createFactChecker({ databases, lexicon: EMPTY_LEXICON, nlp });
  const b = createFactChecker({ databases, lexicon: EMPTY_LEXICON, nlp });
  const first = a.checkText(DRAFT, "markdown");
  assert.ok(first.findings.length >= 2);
  assert.equal(first.stats.cached, 0);
  assert.notEqual(a.segmenter, b.segmenter);
  assert.deepEqual(b.segmenter.cacheStats().blocks, { size: 0, hits: 0, misses: 0 }, "b's segmenter saw nothing of a's draft");
  assert.equal(b.checkText(DRAFT, "markdown").stats.cached, 0, "b's sentence cache is its own");
  assert.equal(a.checkText(DRAFT, "markdown").stats.cached, first.stats.sentences, "a's is warm");

  const c = createFactChecker({ databases, lexicon: EMPTY_LEXICON, segmenter: a.segmenter });
  const misses = a.segmenter.cacheStats().blocks.misses;
  assert.deepEqual(c.checkText(DRAFT, "markdown").findings, first.findings);
  assert.equal(a.segmenter.cacheStats().blocks.misses, misses, "c segmented nothing again");

  a.clearCaches();
  assert.equal(a.segmenter.cacheStats().blocks.size, 0);
  const again = a.checkText(DRAFT, "markdown");
  assert.equal(again.stats.cached, 0, "clearCaches forgot the sentence results");
  assert.deepEqual(again.findings, first.findings);
});

test("the claims store gives every rebuilt engine its one Nlp and the previous engine's segmenter", async () => {
  const store = new ClaimsStore(nodeFs, EMPTY_LEXICON);
  const empty = store.checker;
  assert.equal(empty.nlp, store.nlp);
  await store.load(BUNDLED_CLAIMS_PATH, { bundled: true });
  await store.rebuild();
  const first = store.checker;
  assert.notEqual(first, empty);
  assert.ok(first.claims.length > 0);
  assert.equal(first.nlp, store.nlp);
  assert.equal(first.segmenter, empty.segmenter);
  first.checkText(DRAFT, "markdown");
  const misses = first.segmenter.cacheStats().blocks.misses;
  await store.rebuild();
  const second = store.checker;
  assert.notEqual(second, first);
  assert.equal(second.segmenter, first.segmenter);
  second.checkText(DRAFT, "markdown");
  assert.equal(second.segmenter.cacheStats().blocks.misses, misses, "after a reload the draft's blocks came from the cache");
});

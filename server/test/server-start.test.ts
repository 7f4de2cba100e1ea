// What the server does before the first draft: the English model is decoded while it answers initialize
// (server.ts), when the protocol guarantees nothing else is waiting, not inside the first check; so is what the
// first check would read on first use (ServerDeps.warmUp: WordNet's tables, the word vectors).
import assert from "node:assert/strict";
import { test } from "node:test";
import { createNlp } from "../src/core/nlp.js";
import { startHarness } from "./server-harness.js";

test("the model is decoded at initialize, with no claims to index and no draft open", async () => {
  const nlp = createNlp();
  assert.equal(nlp.loaded, false);
  const h = await startHarness({ bundled: false, deps: { nlp } });
  try {
    assert.equal(nlp.loaded, true);
  } finally {
    await h.dispose();
  }
});

test("the warm-up (WordNet's tables, the word vectors in production) runs at initialize, once", async () => {
  let warmed = 0;
  let initialized = false;
  const h = await startHarness({
    bundled: false,
    deps: {
      warmUp: () => {
        assert.equal(initialized, false, "before the client hears back");
        warmed++;
      },
    },
  });
  initialized = true;
  try {
    assert.equal(warmed, 1);
  } finally {
    await h.dispose();
  }
});

test("a warm-up that throws (a broken dictionary file) does not fail initialize: it is logged", async () => {
  const h = await startHarness({
    bundled: false,
    deps: {
      warmUp: () => {
        throw new Error("index.noun: unreadable");
      },
    },
  });
  try {
    assert.ok(
      h.logs.some((l) => /warming up the lexicon: index\.noun: unreadable/.test(l)),
      h.logs.join("\n"),
    );
  } finally {
    await h.dispose();
  }
});

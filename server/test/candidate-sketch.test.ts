// The matcher decides from a candidate's sketch (matcher.ts, Sketch: what it holds of the text, counted from the
// index's packed terms) which candidates to score at all: only those the sentence or passage rules could accept.
// That is lossless only if the sketch gives score()'s hits, concept hits and speaker test exactly and its coverage
// never below score()'s. Checked here on every fixture database at once, with their claims restated whole, in part,
// with their own speaker named and with another one named.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ClaimIndex } from "../src/core/claim-index.js";
import { analyzeText, NO_CONTEXT, sketchesOf, termPairs, termPairsBound } from "../src/core/matcher.js";
import { reviewerSpeakers } from "../src/core/reviewers.js";
import { SpeakerDirectory } from "../src/core/speakers.js";
import { createLexicon } from "../src/node/lexicon.js";
import { allFixtureClaims, fixture, nlp } from "./helpers.js";

test("a candidate's sketch gives score()'s hits, concept hits and speaker test, and at least its coverage", async () => {
  const claims = await allFixtureClaims();
  const index = new ClaimIndex(claims, createLexicon(), nlp);
  const speakers = new SpeakerDirectory(new Set(claims.map((c) => c.speaker)));
  const ctx = { ...NO_CONTEXT, reviewers: reviewerSpeakers(claims) };

  const texts: string[] = [];
  claims.forEach((c, i) => {
    const words = c.text.replace(/\.$/, "").split(" ");
    const other = claims[(i * 7 + 3) % claims.length].speaker.name;
    texts.push(c.text, words.filter((_, k) => k % 3 !== 1).join(" ") + ".");
    texts.push(`${c.speaker.name} said ${words.slice(0, 6).join(" ")}.`, `${other} said that ${c.text}`);
    // Halves of two claims: candidates that share a few words, some with the speaker named.
    for (const step of [1, 5, 11, 17]) {
      const d = claims[(i + step) % claims.length];
      const tail = d.text.split(" ");
      const half = `${words.slice(0, words.length >> 1).join(" ")} ${tail.slice(tail.length >> 1).join(" ")}`;
      texts.push(half, `According to ${d.speaker.name}, ${half}`);
    }
  });
  for (const f of ["harbor", "transit", "factchecks"])
    texts.push(
      ...readFileSync(fixture("core", `${f}.txt`), "utf8")
        .split(/(?<=[.!?])\s+/)
        .filter((s) => s.length > 20),
    );

  let candidates = 0;
  let named = 0;
  let fewHits = 0;
  for (const text of texts)
    for (const { id, sketch, scored } of sketchesOf(text, index, speakers, ctx, 30)) {
      const what = `${JSON.stringify(text)} × claim ${claims[id].id}`;
      candidates++;
      if (scored.speakerMatches !== undefined) named++;
      if (scored.hits < 3) fewHits++;
      assert.equal(sketch.reviewer, scored.reviewer, what);
      assert.equal(sketch.hits, scored.hits, what);
      assert.equal(sketch.conceptHits, scored.conceptHits, what);
      assert.equal(sketch.speakerMatches, scored.speakerMatches, what);
      assert.equal(sketch.terms, scored.terms, what);
      assert.ok(sketch.coverage >= scored.coverage, `${what}: coverage ${sketch.coverage} < ${scored.coverage}`);
      assert.ok(sketch.coverage <= scored.coverage * (1 + 1e-8) + 1e-12, `${what}: coverage ${sketch.coverage} ≫ ${scored.coverage}`);
    }
  // The passage's acceptance bound counts a text's adjacent pairs without making them: never fewer than there are.
  let tight = 0;
  for (const text of texts) {
    const a = analyzeText(text, index);
    const links = a.units.map((u) => index.links(u));
    const made = termPairs(a, links).size;
    const bound = termPairsBound(a, links);
    assert.ok(bound >= made, `${JSON.stringify(text)}: ${bound} < ${made} pairs`);
    if (bound === made) tight++;
  }
  assert.ok(tight > texts.length / 2, `the bound is the count for ${tight} of ${texts.length} texts`);
  // The cases the sketch must get right are all here: many candidates, named speakers, and few shared words.
  assert.ok(candidates > 3_000, `${candidates} candidates`);
  assert.ok(named > 1_000, `${named} with a named speaker`);
  assert.ok(fewHits > 1_000, `${fewHits} with fewer than three hits`);
});

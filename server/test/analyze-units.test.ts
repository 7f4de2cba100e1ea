// What analyze.ts makes of a sentence's words: alias phrases (the longest at each place, case-sensitive ones),
// negation cues of one and of several words and how far they reach, and the clauses punctuation ends. The
// lookups behind them are indexed for speed (phrases by first word); these cases pin what they find.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyze } from "../src/core/analyze.js";
import { createNlp } from "../src/core/nlp.js";

const nlp = createNlp();
const unitsOf = (text: string) => analyze(nlp, text).units;
const unit = (text: string, surface: string) => {
  const u = unitsOf(text).find((x) => x.surface === surface);
  assert.ok(
    u,
    `no unit ${JSON.stringify(surface)} in ${JSON.stringify(text)}: ${unitsOf(text)
      .map((x) => x.surface)
      .join(" | ")}`,
  );
  return u;
};

test("analysis: alias phrases, longest first, and case-sensitive aliases", () => {
  const long = unit("The United States of America sent aid.", "United States of America");
  assert.equal(long.term, "#us");
  assert.equal(long.entity, true);
  assert.equal(unit("The United States sent aid.", "United States").term, "#us");
  assert.equal(unit("They sent boots on the ground quickly.", "boots on the ground").term, "#troops");
  assert.equal(unit("The US sent aid.", "US").term, "#us");
  // "us" the pronoun is a stop word, not the country.
  assert.ok(!unitsOf("They told us nothing.").some((u) => u.term === "#us"));
  assert.equal(unit("Ukrainian officials met.", "Ukrainian").term, "#ukraine");
});

test("analysis: negation cues of several words, their reach and the clauses that stop it", () => {
  const a = unit("Paris no longer supports the plan.", "supports");
  assert.equal(a.negated, true);
  assert.equal(a.negatedBy, "no longer");
  assert.equal(unit("They chose talks rather than troops.", "troops").negatedBy, "rather than");
  const ruled = unit("Officials ruled out sending troops.", "sending");
  assert.equal(ruled.negated, true);
  assert.equal(ruled.negatedBy, "ruled out");
  // "not only" adds rather than denies.
  assert.equal(unit("It is not only costly but slow.", "costly").negated, false);
  // A dash, a semicolon or "--" ends the clause a cue reaches.
  for (const mark of [" -- ", " — ", "; ", ", "]) {
    const after = unit(`They did not agree${mark}talks resumed.`, "talks");
    assert.equal(after.negated, false, mark);
    assert.equal(unit(`They did not agree${mark}talks resumed.`, "agree").negated, true, mark);
  }
  // What stands before "not" in its clause is its subject.
  assert.equal(unit("Taxes will not be raised.", "Taxes").beforeNegation, true);
});

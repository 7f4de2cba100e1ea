// The lexical gate (claim-index.ts) and stop words: analysis never makes a unit of a stop word but as an alias
// (analyze.ts), so what a stop word's lemmas are related to in the lexicon ("back" → "endorse", "further" →
// "promote") cannot be a term the matcher reads; the gate lets such words reach only their aliases. A text whose
// words reach a claim only that way is not analysed; one whose aliases or content words do still is, and the
// checker's findings are those of matching every sentence.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ClaimIndex } from "../src/core/claim-index.js";
import { createFactChecker } from "../src/core/checker.js";
import type { Claim, ClaimsDatabase } from "../src/core/types.js";
import { createLexicon } from "../src/node/lexicon.js";
import { nlp } from "./helpers.js";

function claim(id: string, text: string): Claim {
  return {
    id,
    text,
    speaker: { id: "ana-reyes", name: "Ana Reyes", role: "Minister" },
    verb: "said",
    hedged: false,
    polarity: "positive",
    quoteKind: "reported",
    source: { title: "Fixture", section: "One", quote: text, start: 0, end: text.length },
  };
}

const CLAIMS = [
  claim("c-endorse", "The ministry will endorse and promote the beginning of the programme."),
  claim("c-aid", "The United States will send winter aid to Kyiv."),
];

test("the lexical gate: a stop word reaches its aliases, not what its lemmas are related to", () => {
  const lexicon = createLexicon();
  // The premise: these stop words are related to the claim's words in the lexicon.
  assert.ok(lexicon.related("further").some((r) => r.word === "promote"));
  assert.ok(lexicon.related("back").some((r) => r.word === "endorse"));
  const index = new ClaimIndex(CLAIMS, lexicon, nlp);
  assert.equal(index.mayMatch("Back further, first and over again."), false);
  assert.equal(index.mayMatchPassage("Back further. First and over again.", 2, new Set()), false);
  // Content words still reach the claim, and so does "US" (a stop word as "us", an alias as "US"). Three terms of a
  // claim each: the sentence gate asks for what the matcher accepts (three, or two with the speaker named).
  assert.equal(index.mayMatch("They endorse and promote the beginning."), true);
  assert.equal(index.mayMatch("The US sends aid."), true);
  assert.equal(index.mayMatch("Europe backs winter aid for Kyiv."), true);
});

test("the lexical gate and stop words: a check finds what matching every sentence finds", () => {
  const db: ClaimsDatabase = { version: 1, source: { title: "Fixture" }, claims: CLAIMS } as unknown as ClaimsDatabase;
  const checker = createFactChecker({ databases: [db], lexicon: createLexicon(), nlp });
  const draft = [
    "Back further, first and over again.",
    "The ministry will endorse and promote the beginning of the programme.",
    "The US will send winter aid to Kyiv.",
    "Further back, the ministry will not endorse the programme.",
  ].join("\n\n");
  const found = checker.checkText(draft, "markdown").findings.map((f) => `${draft.slice(f.start, f.end)} → ${f.claim.id} ${f.verdict}`);
  assert.ok(
    found.some((f) => f.startsWith("The ministry will endorse") && f.includes("c-endorse")),
    found.join("\n"),
  );
  assert.ok(
    found.some((f) => f.startsWith("The US will send") && f.includes("c-aid")),
    found.join("\n"),
  );
  assert.ok(!found.some((f) => f.startsWith("Back further")), found.join("\n"));
});

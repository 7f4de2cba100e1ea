// The lexical gate (claim-index.ts, mayMatch and mayMatchPassage) reads a text's posting lists from the chunks it
// has learnt before the ones it has not, and stops reading once they hold more postings than it counts through (it
// lets such a text through). Its answer must not depend on what it learnt before: checked here on a database whose
// common words hold thousands of claims, with the same texts asked in two orders and again once all are learnt.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ClaimIndex } from "../src/core/claim-index.js";
import type { Claim } from "../src/core/types.js";
import { createLexicon } from "../src/node/lexicon.js";
import { nlp } from "./helpers.js";

const NOUNS = ["harbour", "library", "tramline", "orchard", "stadium", "clinic", "bridge", "archive", "market", "ferry"];
const VERBS = ["fund", "close", "expand", "repair", "inspect"];
const PLACES = ["Aldham", "Brixby", "Corrow", "Dunmere", "Elsing", "Fenwick"];

function claims(n: number): Claim[] {
  const speaker = { id: "pat-ives", name: "Pat Ives", role: "Mayor" };
  return Array.from({ length: n }, (_, i) => {
    const text = `The council will ${VERBS[i % 5]} the ${NOUNS[(i * 7) % 10]} in ${PLACES[(i * 3) % 6]} by ${2030 + (i % 40)}.`;
    return {
      id: `g-${i}`,
      text,
      speaker,
      verb: "said",
      hedged: false,
      polarity: "positive",
      quoteKind: "reported",
      source: { title: "Generated", section: `Part ${i % 9}`, quote: text, start: 0, end: text.length },
    };
  });
}

test("the lexical gate answers the same whatever it learnt before", () => {
  const all = claims(6_000);
  const texts = [
    "The council met.",
    "The council will fund the harbour.",
    "A new stadium for Corrow.",
    "Nothing here is about anything.",
    "The council, the council and the council.",
    "Inspect the archive in Dunmere by 2041, said Pat Ives.",
    "Bridges were repaired; orchards expanded.",
    'She called it "the council will close the library" in her speech.',
  ];
  for (let i = 0; i < 40; i++) texts.push(`The ${NOUNS[i % 10]} of ${PLACES[i % 6]} will ${VERBS[(i * 3) % 5]} ${i}.`);
  const ask = (index: ClaimIndex, t: string) => [
    index.mayMatch(t),
    index.mayMatchPassage(t, 2, new Set()),
    index.mayMatchPassage(t, 3, new Set([0, 1, 2])),
  ];
  const lexicon = createLexicon();
  const forward = new ClaimIndex(all, lexicon, nlp);
  const backward = new ClaimIndex(all, lexicon, nlp);
  const first = texts.map((t) => ask(forward, t));
  const reversed = [...texts]
    .reverse()
    .map((t) => ask(backward, t))
    .reverse();
  const again = texts.map((t) => ask(forward, t));
  assert.deepEqual(reversed, first);
  assert.deepEqual(again, first);
  // "council" is in every claim: past the count, let through; a passage needs three terms of a claim, and one
  // list of thousands is still one term.
  assert.deepEqual(ask(forward, "The council met."), [true, false, false]);
  assert.deepEqual(ask(forward, "Nothing here is about anything."), [false, false, false]);
  assert.deepEqual(ask(forward, "The council will fund the harbour."), [true, true, true]);
});

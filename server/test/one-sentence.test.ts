// A unit of prose that is surely one sentence skips wink (boundaries.ts, oneSentence): whenever the shortcut
// answers, it must give wink's own span. Checked on every line, sentence and claim of the repository's texts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { oneSentence } from "../src/core/segment/boundaries.js";
import { CLAIMS_DIR } from "../src/node/install-paths.js";
import { fixture, nlp } from "./helpers.js";

test("oneSentence answers only where wink finds one sentence, with wink's span", () => {
  const texts = [
    readFileSync(`${CLAIMS_DIR}/european-led-security-guarantees.txt`, "utf8"),
    readFileSync(fixture("core", "harbor.txt"), "utf8"),
    readFileSync(fixture("core", "transit.txt"), "utf8"),
    readFileSync(`${CLAIMS_DIR}/../examples/draft.md`, "utf8"),
  ];
  const units = new Set<string>();
  for (const t of texts) {
    for (const line of t.split("\n")) {
      units.add(line);
      units.add(`  ${line} `);
      const spans = nlp.sentenceSpans(line);
      for (let k = 0; k < spans.length; k += 2) {
        const s = line.slice(spans[k], spans[k + 1]);
        units.add(s);
        units.add(s.replace(/[.!?]$/, "")); // a heading-like line
        units.add(`“${s}”`);
      }
    }
  }
  let answered = 0;
  for (const u of units) {
    const one = oneSentence(u);
    if (!one) continue;
    answered++;
    assert.deepEqual(nlp.sentenceSpans(u), one, JSON.stringify(u));
  }
  assert.ok(answered > 100, `answered ${answered} of ${units.size}`);
  for (const u of ["One. Two.", "Dr. Smith came", "Line one\nline two", "Is it? Yes", "a; b", "U.S. troops"])
    assert.equal(oneSentence(u), undefined, u);
});

// Inline ignores a writer types, in Markdown and plain text alike: next line, a disable/enable block,
// a claim id, the whole file; and that directives cost nothing when absent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ignoreDirectives } from "../src/core/draft-marks.js";
import { articleChecker } from "./helpers.js";

const TROOPS = "Trump ruled out deploying American troops to Ukraine.";
const CONTRA = "Trump said American troops would be deployed to Ukraine.";
const OVER = "Germany, France and the United Kingdom will commit ground forces.";
const TROOPS_ID = "esg-s4-no-us-troops";

const checker = await articleChecker();
const found = (text: string, format: "markdown" | "plaintext") =>
  checker.checkText(text, format).findings.map((f) => `${text.slice(f.start, f.end)} [${f.verdict}]`);

for (const format of ["markdown", "plaintext"] as const) {
  test(`${format}: a disable/enable block skips the sentences between, and only those`, () => {
    const text = `${TROOPS}\n\n<!-- factcheck-disable -->\n\n${CONTRA}\n\n${OVER}\n\n<!-- factcheck-enable -->\n\n${CONTRA}\n`;
    assert.deepEqual(found(text, format), [`${TROOPS} [supported]`, `${CONTRA} [contradicted]`]);
    // No enable: to the end of the file.
    assert.deepEqual(found(`${TROOPS}\n\n<!-- factcheck-disable -->\n\n${CONTRA}\n`, format), [`${TROOPS} [supported]`]);
  });

  test(`${format}: next line, whole file, and claim ids`, () => {
    assert.deepEqual(found(`<!-- factcheck-ignore-next-line -->\n${CONTRA}\n\n${OVER}\n`, format), [`${OVER} [overstated]`]);
    assert.deepEqual(found(`${CONTRA}\n\n${OVER}\n\n<!-- factcheck-ignore-file -->\n`, format), []);
    // With an id, only that claim's findings go: the overstated one stays.
    assert.deepEqual(found(`<!-- factcheck-ignore-file ${TROOPS_ID} -->\n\n${CONTRA}\n\n${OVER}\n`, format), [`${OVER} [overstated]`]);
    assert.deepEqual(found(`<!-- factcheck-disable esg-s2-countries-could-commit -->\n\n${CONTRA}\n\n${OVER}\n`, format), [
      `${CONTRA} [contradicted]`,
    ]);
    // Right after a sentence, with an id: that claim, for that sentence.
    assert.deepEqual(found(`${CONTRA} <!-- factcheck-ignore ${TROOPS_ID} --> ${CONTRA}\n`, format), [`${CONTRA} [contradicted]`]);
    assert.deepEqual(found(`${CONTRA} <!-- factcheck-ignore some-other-claim -->\n`, format), [`${CONTRA} [contradicted]`]);
  });
}

test("Markdown: an escaped directive is literal text, not a directive", () => {
  assert.deepEqual(found(`\\<!-- factcheck-ignore-file -->\n\n${CONTRA}\n`, "markdown"), [`${CONTRA} [contradicted]`]);
});

test("lookups: none without directives; spans by binary search over many blocks", () => {
  assert.equal(ignoreDirectives("No directives here. factcheck- is just a word.", "plaintext").none, true);
  const parts: string[] = [];
  for (let i = 0; i < 2000; i++) parts.push(`<!-- factcheck-disable -->\nA${i}.\n<!-- factcheck-enable -->\nB${i}.\n`);
  const text = parts.join("");
  const d = ignoreDirectives(text, "plaintext");
  const a = text.indexOf("A1234.");
  const b = text.indexOf("B1234.");
  assert.equal(d.skipsSentence(a, a + 6), true);
  assert.equal(d.skipsSentence(b, b + 6), false);
});

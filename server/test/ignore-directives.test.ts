// Inline ignores a writer types, in Markdown and plain text alike: next line, a disable/enable block,
// a claim id, the whole file; and that directives cost nothing when absent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ignoreDirectives } from "../src/core/draft-marks.js";
import { plainMarkdownLayout } from "../src/core/markdown-limits.js";
import { layoutMarkdown } from "../src/core/markdown-prose.js";
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

test("Markdown: a directive inside code (a fence, an indented block, inline code) is an example and does nothing; outside it works", () => {
  const fenced = (fence: string, directive: string) => `${fence}md\n${directive}\n${fence}\n\n${CONTRA}\n\n${OVER}\n`;
  for (const directive of [
    "<!-- factcheck-ignore-file -->",
    "<!-- factcheck-disable -->",
    `<!-- factcheck-ignore-file ${TROOPS_ID} -->`,
    `<!-- factcheck-disable ${TROOPS_ID} -->`,
  ]) {
    for (const fence of ["```", "~~~~"])
      assert.deepEqual(
        found(fenced(fence, directive), "markdown"),
        [`${CONTRA} [contradicted]`, `${OVER} [overstated]`],
        `${fence} ${directive}`,
      );
    // Indented four spaces: a code block.
    assert.deepEqual(
      found(`Write this to skip a file:\n\n    ${directive}\n\n${CONTRA}\n\n${OVER}\n`, "markdown"),
      [`${CONTRA} [contradicted]`, `${OVER} [overstated]`],
      `indented ${directive}`,
    );
    // Inline code in a paragraph of its own.
    assert.deepEqual(
      found(`Type \`${directive}\` to skip.\n\n${CONTRA}\n\n${OVER}\n`, "markdown").filter((f) => !f.startsWith("Type")),
      [`${CONTRA} [contradicted]`, `${OVER} [overstated]`],
      `inline ${directive}`,
    );
  }
  // A fence inside a list item (the block scanner does not see it; the parse does).
  assert.deepEqual(found(`- Example:\n\n  \`\`\`\n  <!-- factcheck-ignore-file -->\n  \`\`\`\n\n${CONTRA}\n`, "markdown"), [
    `${CONTRA} [contradicted]`,
  ]);
  // An ignore-next-line inside a fence ignores nothing after the fence.
  assert.deepEqual(found(`\`\`\`\n<!-- factcheck-ignore-next-line -->\n\`\`\`\n${CONTRA}\n`, "markdown"), [`${CONTRA} [contradicted]`]);
  // The same directives outside code work.
  assert.deepEqual(found(`<!-- factcheck-ignore-file -->\n\n${CONTRA}\n\n${OVER}\n`, "markdown"), []);
  assert.deepEqual(found(`<!-- factcheck-disable ${TROOPS_ID} -->\n\n${CONTRA}\n\n${OVER}\n`, "markdown"), [`${OVER} [overstated]`]);
  // A directive after a code block (the range ends before it) still counts.
  assert.deepEqual(found(`\`\`\`\ncode\n\`\`\`\n\n<!-- factcheck-ignore-file -->\n\n${CONTRA}\n`, "markdown"), []);
});

test("plain text has no code: backticks and fences there are characters, and the directive counts", () => {
  assert.deepEqual(found(`\`\`\`\n<!-- factcheck-ignore-file -->\n\`\`\`\n\n${CONTRA}\n`, "plaintext"), []);
  assert.deepEqual(found(`Type \`<!-- factcheck-disable -->\` here.\n\n${CONTRA}\n`, "plaintext"), []);
});

test("ignoreDirectives: a directive starting inside a code range is skipped; one after it is not", () => {
  const text = "`<!-- factcheck-ignore-file -->` then <!-- factcheck-disable -->\nA.\n";
  const code = [0, text.indexOf("`", 1) + 1];
  const d = ignoreDirectives(text, "markdown", code);
  const a = text.indexOf("A.");
  assert.equal(d.skipsSentence(0, 1), false, "the file directive was in code");
  assert.equal(d.skipsSentence(a, a + 2), true, "the disable after the code counts");
  assert.equal(ignoreDirectives(text, "markdown", [0, text.length]).none, true, "all in code: no directive");
});

test("the segmentation's code ranges: fences, indented blocks and inline code, also when Markdown is read as plain text (too long to parse)", () => {
  const src = "Some `inline` text.\n\n```\nfenced\n```\n\n    indented\n";
  const ranges = (code: number[] | undefined) => (code ?? []).map((x, k, all) => (k % 2 ? "" : src.slice(x, all[k + 1]))).filter(Boolean);
  assert.deepEqual(ranges(layoutMarkdown(src).code), ["`inline`", "```\nfenced\n```", "    indented"]);
  // The plain reading knows fences (inline code reads as prose there), closed or running to the end.
  assert.deepEqual(ranges(plainMarkdownLayout(src).code), ["```\nfenced\n```"]);
  assert.deepEqual(plainMarkdownLayout("text\n~~~\nopen").code, [5, 13]);
  assert.equal(layoutMarkdown("No code at all.").code, undefined);
  assert.deepEqual(checker.segmenter.segmentDraftDetailed(`${CONTRA}\n\n\`\`\`\nx\n\`\`\`\n`, "markdown").code, [
    CONTRA.length + 2,
    CONTRA.length + 2 + 9,
  ]);
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

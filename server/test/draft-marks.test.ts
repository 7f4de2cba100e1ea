// The marks Fact Check writes into drafts (core/draft-marks.ts) as the segmenter and the checker
// read them: the inline ignore comment, footnote references and definitions, parenthetical citations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { citationRanges, ignoredByMarker } from "../src/core/draft-marks.js";
import { proseText } from "../src/core/segment/sentence.js";
import { articleChecker, newSegmenter } from "./helpers.js";

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const IGNORE = "<!-- factcheck-ignore -->";

test("the ignore comment counts right after a sentence, on its line, not escaped", () => {
  const at = SUPPORTED.length;
  for (const format of ["markdown", "plaintext"] as const) {
    assert.ok(ignoredByMarker(`${SUPPORTED}${IGNORE} Next.`, at, format));
    assert.ok(ignoredByMarker(`${SUPPORTED} \t<!--factcheck-ignore-->`, at, format), "spaces, and any spacing inside");
    assert.ok(!ignoredByMarker(`${SUPPORTED}\n${IGNORE}`, at, format), "not on the next line");
    assert.ok(!ignoredByMarker(`${SUPPORTED} Next.${IGNORE}`, at, format), "not after the next sentence");
    assert.ok(!ignoredByMarker(`${SUPPORTED}<!-- factcheck-ignore-next-line -->`, at, format), "the line form is another mark");
  }
  assert.ok(!ignoredByMarker(`${SUPPORTED}\\${IGNORE}`, at + 1, "markdown"), "an escaped comment is text");
});

test("citations: balanced, on one line, escapes skipped", () => {
  const c = "(source: Title (2024), Section; Jane Alvarez, Mayor)";
  assert.deepEqual(citationRanges(`Said. ${c} Next.`, 0, 100), [6, 6 + c.length]);
  assert.deepEqual(citationRanges("(source: a \\) b)", 0, 20), [0, 16]);
  assert.deepEqual(citationRanges("(source: never closed\n) later", 0, 40), []);
  assert.deepEqual(citationRanges("x (source: a) y (source: b)", 3, 27), [16, 27], "only within the range");
});

test("citations: one inside another is part of it; an escaped one opens its own", () => {
  assert.deepEqual(citationRanges("(source: a (source: b) c) d", 0, 30), [0, 25]);
  assert.deepEqual(citationRanges("(source: \\(source: \\(a)", 0, 30), [0, 23], "the outer one reaches the last parenthesis");
  assert.deepEqual(citationRanges("(source: ( (source: x) y", 0, 30), [11, 22], "an unclosed one leaves the next");
  // Many on one line: every one found, each once (one scan of the line, not one per citation).
  const line = "(source: x) ".repeat(20_000);
  assert.equal(citationRanges(line, 0, line.length).length, 40_000);
  const open = "(source: (".repeat(20_000);
  assert.deepEqual(citationRanges(open, 0, open.length), []);
});

test("Markdown: a footnote reference is markup of the sentence before it, our definitions and citations are no prose", () => {
  const label = "[^factcheck-esg-s4-no-us-troops]";
  const cite = "(source: European-Led Security Guarantees; Donald Trump, President of the United States)";
  const draft = `${SUPPORTED}${label} ${cite} ${CONTRADICTED}[^1]\n\n[^1]: My own note says a thing.\n${label}: Trump ruled out deploying American troops to Ukraine (Donald Trump, President), as reported in X.\n`;
  const sentences = newSegmenter().segmentDraft(draft, "markdown");
  assert.deepEqual(
    sentences.map((s) => s.text),
    // The writer's own footnote is their prose (its label masked); the one we wrote is not.
    [`${SUPPORTED}${label}`, `${CONTRADICTED}[^1]`, "[^1]: My own note says a thing."],
  );
  assert.equal(proseText(sentences[0]).trimEnd(), SUPPORTED, "the label is masked");
  assert.equal(proseText(sentences[1]).trimEnd(), CONTRADICTED);
});

test("plain text: citations and ignore comments are not words", () => {
  const cite = "(source: European-Led Security Guarantees; Donald Trump, President of the United States)";
  const draft = `${SUPPORTED} ${cite} ${CONTRADICTED}${IGNORE} Last one here.`;
  assert.deepEqual(
    newSegmenter()
      .segmentDraft(draft, "plaintext")
      .map((s) => s.text),
    [SUPPORTED, CONTRADICTED, "Last one here."],
  );
});

test("the checker skips exactly the sentence an ignore comment follows", async () => {
  const checker = await articleChecker();
  const verdicts = (text: string, format: "markdown" | "plaintext") => checker.checkText(text, format).findings.map((f) => f.verdict);
  for (const format of ["markdown", "plaintext"] as const) {
    assert.deepEqual(verdicts(`${SUPPORTED} ${CONTRADICTED}`, format), ["supported", "contradicted"]);
    assert.deepEqual(verdicts(`${SUPPORTED}${IGNORE} ${CONTRADICTED}`, format), ["contradicted"], format);
    assert.deepEqual(verdicts(`${SUPPORTED} ${CONTRADICTED} ${IGNORE}`, format), ["supported"], format);
  }
  assert.deepEqual(verdicts(`${SUPPORTED}\\${IGNORE} ${CONTRADICTED}`, "markdown"), ["supported", "contradicted"], "escaped: literal text");
  // A citation next to a sentence changes nothing about it.
  const cite = "(source: European-Led Security Guarantees, No NATO Membership for Ukraine; Karoline Leavitt, White House press secretary)";
  for (const format of ["markdown", "plaintext"] as const) {
    assert.deepEqual(verdicts(`Intro. ${cite} ${CONTRADICTED}`, format), ["contradicted"], format);
  }
});

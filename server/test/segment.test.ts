import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createNlp, MAX_TOKEN, Nlp } from "../src/core/nlp.js";
import { Segmenter } from "../src/core/segment/segmenter.js";
import { proseText, type ProseSentence, type SegmentFormat } from "../src/core/segment/sentence.js";
import { newSegmenter, nlp } from "./helpers.js";

// One segmenter for the file (its caches shared by the tests, as an engine shares them between checks);
// the cache tests make their own.
const segmenter = newSegmenter();
const segmentDraft = (text: string, format: SegmentFormat) => segmenter.segmentDraft(text, format);
const segmentDraftDetailed = (text: string, format: SegmentFormat) => segmenter.segmentDraftDetailed(text, format);
const ignoredLines = (text: string, format: SegmentFormat) => segmenter.ignoredLines(text, format);
const splitBlocks = (text: string, format: SegmentFormat) => segmenter.splitBlocks(text, format);
const segmentMarkdownWhole = (text: string) => segmenter.segmentMarkdownWhole(text);
const annotate = (text: string) => nlp.annotate(text);
const sentenceSpans = (text: string) => nlp.sentenceSpans(text);

/** The sentences' texts, after checking that each `text` is exactly the draft's slice. */
function cut(draft: string, format: SegmentFormat = "markdown"): string[] {
  const sentences = segmentDraft(draft, format);
  for (const s of sentences) {
    assert.equal(s.text, draft.slice(s.start, s.end), `text of ${JSON.stringify(s)} is the draft's slice`);
    assert.ok(s.end > s.start);
    assert.doesNotMatch(s.text, /^\s|\s$/, "sentence ranges are trimmed");
    if (s.mask) checkMask(s);
  }
  for (let i = 1; i < sentences.length; i++) assert.ok(sentences[i].start >= sentences[i - 1].end, "in order, disjoint");
  return sentences.map((s) => s.text);
}

function checkMask(s: ProseSentence): void {
  let last = 0;
  for (const [a, b] of s.mask!) {
    assert.ok(a >= last && b > a && b <= s.text.length, `mask ${JSON.stringify(s.mask)} sorted, disjoint, inside`);
    last = b;
  }
}

function one(draft: string, needle: string, format: SegmentFormat = "markdown"): ProseSentence {
  const s = segmentDraft(draft, format).find((x) => x.text.includes(needle));
  assert.ok(s, `a sentence contains ${JSON.stringify(needle)}`);
  return s;
}

describe("sentence boundaries (wink-nlp)", () => {
  test("abbreviations do not end sentences", () => {
    const draft =
      "U.S. President Donald Trump has signaled that he could back it. Mr. Smith said no, e.g. on Monday. Dr. Jones agreed with the U.N. envoy. Rev. Green did not.";
    assert.deepEqual(cut(draft, "plaintext"), [
      "U.S. President Donald Trump has signaled that he could back it.",
      "Mr. Smith said no, e.g. on Monday.",
      "Dr. Jones agreed with the U.N. envoy.",
      "Rev. Green did not.",
    ]);
  });

  test("a period followed by a lower-case word is not a boundary", () => {
    assert.deepEqual(cut("The study by Smith et al. reported a rise. It was small.", "plaintext"), [
      "The study by Smith et al. reported a rise.",
      "It was small.",
    ]);
  });

  test("offsets are UTF-16 code units through emoji and curly quotes", () => {
    const draft = "😀👨‍👩‍👧 “Quoted,” she said. ‘Next’ one’s here! 𝒳 is a symbol.";
    const sentences = segmentDraft(draft, "plaintext");
    assert.deepEqual(
      sentences.map((s) => s.text),
      ["😀👨‍👩‍👧 “Quoted,” she said.", "‘Next’ one’s here!", "𝒳 is a symbol."],
    );
    assert.equal(sentences[1].start, draft.indexOf("‘Next’"));
    assert.equal(sentences[2].start, draft.indexOf("𝒳"));
    assert.equal(sentences[2].end, draft.length);
  });

  test("characters wink drops from its output do not shift offsets", () => {
    const draft = "\uFEFFFirst one.\u3000Second\u2028one. Third.";
    assert.deepEqual(cut(draft, "plaintext"), ["First one.", "Second\u2028one.", "Third."]);
  });

  test("surrounding whitespace is trimmed", () => {
    assert.deepEqual(cut("   Leading spaces here.   \t Trailing too.  \n\n", "plaintext"), ["Leading spaces here.", "Trailing too."]);
  });

  test("sentenceSpans gives token-exact ranges", () => {
    const text = "  He left.  She stayed. ";
    const spans = sentenceSpans(text);
    assert.deepEqual(spans, [2, 10, 12, 23]);
  });
});

describe("plain text", () => {
  test("paragraphs are separated by blank lines and wrapped lines are joined", () => {
    const draft = "A title line without a period\n\nA sentence that wraps\nacross two lines. Another one.\n   \nLast paragraph";
    assert.deepEqual(cut(draft, "plaintext"), [
      "A title line without a period",
      "A sentence that wraps\nacross two lines.",
      "Another one.",
      "Last paragraph",
    ]);
  });

  test("Markdown syntax is just text in plain text", () => {
    assert.deepEqual(cut("# Not a heading. `code` is words here.", "plaintext"), ["# Not a heading.", "`code` is words here."]);
    assert.deepEqual(ignoredLines("<!-- factcheck-ignore-next-line -->\nText.", "plaintext"), []);
  });

  test("CRLF line endings", () => {
    const draft = "First one.\r\n\r\nSecond line\r\ncontinues. Third.\r\n";
    assert.deepEqual(cut(draft, "plaintext"), ["First one.", "Second line\r\ncontinues.", "Third."]);
    assert.deepEqual(cut(draft, "markdown"), ["First one.", "Second line\r\ncontinues.", "Third."]);
  });

  test("a long paragraph without blank lines is cut only where wink ends a sentence", () => {
    const lines = [
      "U.S. President Donald Trump has signaled that European allies would lead.",
      "Officials in Washington said the talks would resume next week.",
      "Mr. Smith said the deal, e.g. the troop part, was not final!",
      "The minister ruled out sending ground forces to the region?",
    ];
    let draft = "";
    for (let i = 0; draft.length < 20_000; i++) draft += `${lines[i % lines.length]} Item ${i}.\n`;
    const got = segmentDraft(draft, "plaintext").map((s) => [s.start, s.end]);
    const whole = sentenceSpans(draft);
    const expected: number[][] = [];
    for (let i = 0; i < whole.length; i += 2) expected.push([whole[i], whole[i + 1]]);
    assert.deepEqual(got, expected);
    assert.ok(splitBlocks(draft, "plaintext").length > 1, "cut into several blocks");
  });
});

describe("Markdown", () => {
  test("a heading is its own sentence", () => {
    assert.deepEqual(cut("# Heading without a period\nText right under it. More.\n\nSetext title\n============\nBody."), [
      "Heading without a period",
      "Text right under it.",
      "More.",
      "Setext title",
      "Body.",
    ]);
  });

  test("list items: markers are outside the range and items never merge", () => {
    const draft = "- First item. Second sentence.\n- Another item without period\n  continued here.\n1. Numbered item.\n- [ ] Task item.";
    assert.deepEqual(cut(draft), [
      "First item.",
      "Second sentence.",
      "Another item without period\n  continued here.",
      "Numbered item.",
      "Task item.",
    ]);
    assert.equal(one(draft, "First").start, 2);
  });

  test("block quotes: prefixes are outside the range, and masked inside it", () => {
    const draft = "> Quote line one\n> continues here. Next one.\n>\n> > Nested quote.";
    assert.deepEqual(cut(draft), ["Quote line one\n> continues here.", "Next one.", "Nested quote."]);
    const s = one(draft, "Quote");
    assert.equal(s.start, 2);
    assert.equal(proseText(s), "Quote line one\n  continues here.");
  });

  test("emphasis and strong stay in the sentence", () => {
    const draft = "**Bold** claim here. And *more* text. Ends in __strong.__ Then _this_.";
    assert.deepEqual(cut(draft), ["**Bold** claim here.", "And *more* text.", "Ends in __strong.__", "Then _this_."]);
    assert.equal(proseText(one(draft, "Bold")), "  Bold   claim here.");
  });

  test("inline code keeps its place in the sentence but is masked", () => {
    const draft = "Call `foo.bar()` now. `Code` starts this one. Done.";
    assert.deepEqual(cut(draft), ["Call `foo.bar()` now.", "`Code` starts this one.", "Done."]);
    const s = one(draft, "Call");
    assert.deepEqual(s.mask, [[5, 16]]);
    assert.equal(proseText(s), `Call ${" ".repeat(11)} now.`);
    assert.equal(proseText(s).length, s.text.length);
  });

  test("link text is prose, link targets are not", () => {
    const draft =
      'See [the report](https://example.com/a.b?c=d "A title") for details. Visit <https://example.org/x.y>. ![A chart](chart.png) shows it.';
    assert.deepEqual(cut(draft), [
      'See [the report](https://example.com/a.b?c=d "A title") for details.',
      "Visit <https://example.org/x.y>.",
      "![A chart](chart.png) shows it.",
    ]);
    const words = segmentDraft(draft, "markdown").map(proseText).join(" ");
    assert.match(words, /the report/);
    assert.doesNotMatch(words, /example|title|chart|png|https/i);
  });

  test("reference links and definitions", () => {
    const draft =
      "Read [the statement][gov] and [this].\n\n[gov]: https://example.gov/statement.html\n[this]: <https://example.com/this> 'Title'";
    assert.deepEqual(cut(draft), ["Read [the statement][gov] and [this]."]);
    const s = one(draft, "Read");
    assert.equal(proseText(s).replace(/\s+/g, " "), "Read the statement and this .");
  });

  test("fenced and indented code is skipped", () => {
    const draft = [
      "Before.",
      "",
      "```js",
      "const s = 'Not a sentence.';",
      "",
      "Still code at column 0.",
      "```",
      "",
      "~~~",
      "Tilde code.",
      "~~~",
      "",
      "    Indented code. Not prose.",
      "",
      "After.",
    ].join("\n");
    assert.deepEqual(cut(draft), ["Before.", "After."]);
  });

  test("an unclosed fence swallows the rest of the draft", () => {
    assert.deepEqual(cut("Prose.\n\n```\ncode\n\nMore code."), ["Prose."]);
  });

  test("an indented fence with blank lines inside is still code", () => {
    const draft = "Intro.\n\n  ```\ncode\n\nnot prose\n  ```\n\nOutro.";
    assert.deepEqual(cut(draft), ["Intro.", "Outro."]);
  });

  test("front matter is skipped", () => {
    const draft = "---\ntitle: A claim. Not prose.\n\nauthor: Desk\n---\n\n# Title\n\nBody text.";
    assert.deepEqual(cut(draft), ["Title", "Body text."]);
  });

  test("HTML is skipped: blocks, inline tags and comments", () => {
    const draft = [
      "<div>",
      "Not prose inside a div.",
      "</div>",
      "",
      "<!--",
      "",
      "Hidden sentence.",
      "",
      "-->",
      "",
      "Visible <span>inline</span> text.",
    ].join("\n");
    assert.deepEqual(cut(draft), ["Visible <span>inline</span> text."]);
    assert.equal(proseText(one(draft, "Visible")).replace(/\s+/g, " "), "Visible inline text.");
  });

  test("table cells are prose, one unit each", () => {
    const draft = "| Speaker | Claim |\n|---|:---:|\n| Mr. Smith | Could back it. Then left |\n| Jones | Ruled it out |";
    assert.deepEqual(cut(draft), ["Speaker", "Claim", "Mr. Smith", "Could back it.", "Then left", "Jones", "Ruled it out"]);
  });

  test("escapes are masked, their characters kept", () => {
    const s = one("A literal \\*star\\* here.", "literal");
    assert.equal(s.text, "A literal \\*star\\* here.");
    assert.equal(proseText(s), "A literal  *star * here.");
  });

  test("a sentence never spans two blocks", () => {
    assert.deepEqual(cut("First paragraph without period\n\nSecond paragraph.\n> Quote without period\n\n- item"), [
      "First paragraph without period",
      "Second paragraph.",
      "Quote without period",
      "item",
    ]);
  });

  test("ignoredLines: the line after each ignore comment, not in code", () => {
    const draft = [
      "<!-- factcheck-ignore-next-line -->",
      "Ignored sentence.",
      "",
      "Kept. <!-- factcheck-ignore-next-line -->",
      "Also ignored.",
      "",
      "```",
      "<!-- factcheck-ignore-next-line -->",
      "```",
      "",
      "<!--factcheck-ignore-next-line-->",
      "Last.",
    ].join("\n");
    assert.deepEqual(ignoredLines(draft, "markdown"), [1, 4, 11]);
    assert.deepEqual(segmentDraftDetailed(draft, "markdown").ignoredLines, [1, 4, 11]);
    assert.deepEqual(cut(draft), ["Ignored sentence.", "Kept.", "Also ignored.", "Last."]);
  });
});

describe("incremental segmentation", () => {
  const draft = [
    "---",
    "title: Test",
    "---",
    "",
    "# Where Washington stands",
    "",
    "U.S. President Donald Trump has signaled support. Mr. Smith said no.",
    "",
    "> A quote with `code` and a [link](https://example.com/a.b).",
    "",
    "- One item.",
    "- Two items.",
    "",
    "```",
    "code. Not prose.",
    "```",
    "",
    "| a | b |",
    "|---|---|",
    "| cell one. | cell two |",
    "",
    "<!-- factcheck-ignore-next-line -->",
    "The last paragraph 😀 ends here.",
  ].join("\n");

  test("unchanged blocks come from the cache and are re-based after an edit above them", () => {
    const cold = newSegmenter();
    const before = cold.segmentDraft(draft, "markdown");
    const missesAfterCold = cold.cacheStats().blocks.misses;
    const inserted = "A new paragraph. With two sentences.\n\n";
    const at = draft.indexOf("# Where");
    const edited = draft.slice(0, at) + inserted + draft.slice(at);
    const after = cold.segmentDraft(edited, "markdown");
    const stats = cold.cacheStats();
    assert.equal(stats.blocks.misses - missesAfterCold, 1, "only the new paragraph was segmented");
    assert.ok(stats.blocks.hits > 0);
    assert.deepEqual(
      after.map((s) => s.text),
      ["A new paragraph.", "With two sentences.", ...before.map((s) => s.text)],
    );
    for (let i = 0; i < before.length; i++) {
      const a = after[i + 2];
      assert.equal(a.start, before[i].start + inserted.length);
      assert.equal(edited.slice(a.start, a.end), a.text);
      assert.deepEqual(a.mask, before[i].mask);
    }
    assert.deepEqual(cold.ignoredLines(edited, "markdown"), [cold.ignoredLines(draft, "markdown")[0] + 2]);
  });

  test("an edit inside a block re-segments that block only", () => {
    const s = newSegmenter();
    s.segmentDraft(draft, "markdown");
    const before = s.cacheStats().blocks.misses;
    const edited = draft.replace("Mr. Smith said no.", "Mr. Smith said yes.");
    const after = s.segmentDraft(edited, "markdown");
    assert.equal(s.cacheStats().blocks.misses - before, 1);
    assert.ok(after.some((s) => s.text === "Mr. Smith said yes."));
  });

  test("results do not depend on the cache", () => {
    const s = newSegmenter();
    const warm = JSON.stringify(s.segmentDraftDetailed(draft, "markdown"));
    assert.ok(s.cacheStats().blocks.size > 0);
    s.clearCaches();
    assert.deepEqual(s.cacheStats(), { blocks: { size: 0, hits: 0, misses: 0 }, spans: { size: 0, hits: 0, misses: 0 } });
    assert.equal(JSON.stringify(s.segmentDraftDetailed(draft, "markdown")), warm);
    assert.equal(JSON.stringify(newSegmenter().segmentDraftDetailed(draft, "markdown")), warm);
  });

  test("two segmenters share no cache", () => {
    const a = newSegmenter();
    const b = newSegmenter();
    a.segmentDraft(draft, "markdown");
    const first = a.cacheStats();
    assert.ok(first.blocks.size > 0 && first.blocks.misses > 0);
    assert.deepEqual(b.cacheStats().blocks, { size: 0, hits: 0, misses: 0 });
    b.segmentDraft(draft, "markdown");
    assert.deepEqual(b.cacheStats(), first, "b did all of a's work again: it found nothing a had cached");
  });

  test("block by block equals parsing the whole draft, through many edits", () => {
    const snippets = [
      "\n\n",
      "\n",
      "```\n",
      "\n```\n",
      "<!--",
      "-->",
      "\n<div>\n",
      "\n    indented\n",
      "\n- item\n",
      "> ",
      "# ",
      "*",
      "[",
      "](http://x.y)",
      "`",
      "\n---\n",
      "|",
      "\n[link]: http://a\n",
      "[link]",
      "Mr. ",
      ". ",
      "😀",
      "\r\n",
    ];
    let doc = draft;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 150; i++) {
      const at = Math.floor(rnd() * doc.length);
      doc =
        rnd() < 0.3
          ? doc.slice(0, at) + doc.slice(at + Math.floor(rnd() * 12))
          : doc.slice(0, at) + snippets[Math.floor(rnd() * snippets.length)] + doc.slice(at);
      assert.deepEqual(segmentDraft(doc, "markdown"), segmentMarkdownWhole(doc), `after edit ${i}: ${JSON.stringify(doc)}`);
    }
  });

  test("long lists without blank lines are cut into blocks without changing the result", () => {
    let doc = "";
    for (let i = 0; doc.length < 12_000; i++)
      doc += `- Item ${i} has *some* text. It ends here.\n${i % 7 === 0 ? `## Heading ${i}\n` : ""}`;
    assert.ok(splitBlocks(doc, "markdown").length > 2);
    assert.deepEqual(segmentDraft(doc, "markdown"), segmentMarkdownWhole(doc));
  });
});

describe("limits: long, deep and unclosed input", () => {
  /** Sentences of a Markdown draft, after checking each is the draft's exact slice. */
  const texts = (draft: string) => cut(draft);

  test("an unclosed fence indented 1–3 spaces is found by the block scanner: the rest is code", () => {
    for (const indent of [" ", "  ", "   "]) {
      const draft = `Before it. More.\n\n${indent}\`\`\`\ncode.\n\nNot prose either.\n\n# Nor this`;
      const blocks = splitBlocks(draft, "markdown");
      assert.deepEqual(
        blocks.map((b) => [b.kind, draft.slice(b.start, b.end).split("\n")[0]]),
        [
          ["markdown", "Before it. More."],
          ["code", `${indent}\`\`\``],
        ],
      );
      assert.deepEqual(texts(draft), ["Before it.", "More."]);
      assert.deepEqual(segmentDraft(draft, "markdown"), segmentMarkdownWhole(draft));
    }
  });

  test("an indented fence that may be inside a list item is left to micromark", () => {
    // Inside the item (indent 2 = its content column): closed where the item ends.
    const inItem = "- An item.\n  ```\n  code.\n\nAfter the list.";
    assert.ok(splitBlocks(inItem, "markdown").every((b) => b.kind === "markdown"));
    assert.deepEqual(texts(inItem), ["An item.", "After the list."]);
    // Left of the item's content: top-level, so it runs to the end.
    const topLevel = "- An item.\n ```\n  code.\n\nStill code.";
    assert.deepEqual(texts(topLevel), ["An item."]);
    for (const d of [inItem, topLevel]) assert.deepEqual(segmentDraft(d, "markdown"), segmentMarkdownWhole(d));
  });

  test("a fence left open in every list item: each item is settled by the next, as in the whole draft", () => {
    const items = Array.from({ length: 300 }, (_, i) => `- Item ${i} is here.\n  \`\`\`\n  code ${i}.`);
    for (const draft of [items.join("\n\n"), items.join("\n\n") + "\n\n ```\nTop-level code.", items.join("\n\n> Quote.\n\n")]) {
      const sentences = segmentDraft(draft, "markdown");
      assert.deepEqual(sentences, segmentMarkdownWhole(draft));
      assert.equal(sentences.filter((s) => s.text.startsWith("Item ")).length, 300);
      assert.ok(!sentences.some((s) => /code/.test(s.text)));
    }
    // Block quotes, each with an open fence: the next block starts with ">", so each run is
    // parsed with the next block and restarted where that one's fence opens.
    const quotes = Array.from({ length: 300 }, (_, i) => `> Quote ${i} is here.\n> \`\`\`\n> code ${i}.`).join("\n\n");
    const sentences = segmentDraft(quotes, "markdown");
    assert.deepEqual(sentences, segmentMarkdownWhole(quotes));
    assert.deepEqual(
      sentences.map((s) => s.text),
      Array.from({ length: 300 }, (_, i) => `Quote ${i} is here.`),
    );
  });

  test("a block that defines and uses its own links parses as the whole draft does", () => {
    const draft = "[a]: https://example.com/a\n[b]: https://example.com/b\nSee [a] and [b] here.\n\nAlso [a].";
    assert.deepEqual(segmentDraft(draft, "markdown"), segmentMarkdownWhole(draft));
    assert.deepEqual(one(draft, "Also").mask, [
      [5, 6],
      [7, 8],
    ]);
  });

  test("link definitions still apply in a block whose parse ends inside a fence", () => {
    const draft = "[ref]: https://example.com\n\n- See [ref] for it.\n  ```\n  code";
    const s = one(draft, "See");
    assert.deepEqual(
      s,
      segmentMarkdownWhole(draft).find((x) => x.text.includes("See")),
    );
    assert.equal(proseText(s), "See  ref  for it.");
  });

  test("lists and block quotes nested deeper than 64 levels are read as plain text, not a crash", () => {
    for (const marker of ["- ", "> ", "1. ", "* > "]) {
      const deep = `Intro.\n\n${marker.repeat(10_000)}Deep item. Second one.\n\nAfter.`;
      assert.deepEqual(texts(deep), ["Intro.", "Deep item.", "Second one.", "After."], marker);
    }
    // A staircase: one more level on each line.
    const stairs = Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}- Level ${i}.`).join("\n");
    assert.deepEqual(
      texts(stairs),
      Array.from({ length: 200 }, (_, i) => `Level ${i}.`),
    );
    // 64 levels are still Markdown: the same as parsing the whole draft.
    const ok = `${"> ".repeat(60)}*Quoted* text.`;
    assert.deepEqual(segmentDraft(ok, "markdown"), segmentMarkdownWhole(ok));
    assert.deepEqual(one(ok, "Quoted").mask, [
      [0, 1],
      [7, 8],
    ]);
  });

  test("inline markup nested deeper than 64 levels is read as plain text", () => {
    const draft = `${"**a ".repeat(5000)}end.${" b**".repeat(5000)}`;
    const sentences = segmentDraft(draft, "markdown");
    assert.equal(sentences.length, 1);
    assert.equal(sentences[0].text, draft);
    assert.equal(sentences[0].mask, undefined, "no markup: every character is prose");
  });

  test("plain-text reading still skips fenced code and comments, and honours ignore comments", () => {
    // One block quote 100 levels deep; every line inside it.
    const draft = [
      "Quoted deep.",
      "```",
      "Code line.",
      "```",
      "Seen <!-- hidden --> here.",
      "<!-- factcheck-ignore-next-line -->",
      "Ignored line.",
      "| Cell one. | Cell two. |",
    ]
      .map((line) => "> ".repeat(100) + line)
      .join("\n");
    assert.deepEqual(texts(draft), ["Quoted deep.", "Seen <!-- hidden --> here.", "Ignored line.", "Cell one.", "Cell two."]);
    assert.deepEqual(ignoredLines(draft, "markdown"), [6]);
  });

  test("a long run without blank lines is cut into blocks micromark can take, with the same prose", () => {
    let draft = "";
    for (let i = 0; draft.length < 40_000; i++) draft += `Paragraph ${i} has *some* text. It [ends](http://x.y/${i}) here.\n`;
    const blocks = splitBlocks(draft, "markdown");
    assert.ok(blocks.length > 8);
    for (const b of blocks) assert.ok(b.end - b.start <= 8192, `block of ${b.end - b.start} characters`);
    assert.deepEqual(segmentDraft(draft, "markdown"), segmentMarkdownWhole(draft));
  });

  test("a block too long to parse is read as plain text, with exact offsets", () => {
    const draft = Array.from({ length: 1000 }, (_, i) => `Sentence *${i}* is here.`).join(" ");
    const sentences = segmentDraft(draft, "markdown");
    assert.equal(sentences.length, 1000);
    assert.equal(sentences[7].text, "Sentence *7* is here.");
    for (const s of sentences) assert.equal(draft.slice(s.start, s.end), s.text);
  });

  test("an edit in a very long line re-segments a piece of it, not all of it", () => {
    const draft = Array.from({ length: 4000 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    for (const format of ["plaintext", "markdown"] as const) {
      const s = newSegmenter();
      s.segmentDraft(draft, format);
      const before = s.cacheStats().spans.misses;
      const edited = draft.replace("number 2000 is", "number 2000 was");
      const after = s.segmentDraft(edited, format);
      assert.ok(s.cacheStats().spans.misses - before < 20, `${format}: ${s.cacheStats().spans.misses - before} pieces re-segmented`);
      assert.deepEqual(
        after.map((s) => s.text),
        draft.replace("number 2000 is", "number 2000 was").split(/(?<=\.) /),
      );
    }
  });
});

describe("nlp.ts", () => {
  test("an Nlp decodes its model once, on first use; two are two", () => {
    const a = createNlp();
    assert.ok(a instanceof Nlp);
    assert.equal(a.loaded, false, "nothing is decoded before it is needed");
    const wink = a.wink;
    assert.equal(typeof wink.readDoc, "function");
    assert.equal(a.loaded, true);
    assert.equal(a.wink, wink, "the same instance every time");
    assert.notEqual(createNlp().wink, wink, "another Nlp has its own");
    assert.deepEqual(a.sentenceSpans("One. Two."), nlp.sentenceSpans("One. Two."));
  });

  test("load() decodes the instances a check reads, and what they read is unchanged", () => {
    const a = createNlp();
    a.load();
    assert.equal(a.loaded, true);
    const text = "Trump ruled out troops. “They won’t go,” he said.";
    assert.deepEqual(a.sentenceSpans(text), createNlp().sentenceSpans(text));
    assert.deepEqual(a.analysisTokens(text), createNlp().analysisTokens(text));
  });

  test("a segmenter asks the Nlp it was given", () => {
    const own = createNlp();
    const s = new Segmenter(own);
    assert.equal(s.nlp, own);
    assert.equal(own.loaded, false);
    s.segmentDraft("One sentence. Another one.", "plaintext");
    assert.equal(own.loaded, true);
  });

  test("annotate gives tokens with offsets, lemmas, stems, POS and negation", () => {
    const text = "“Troops weren’t deployed,” Leavitt said 😀.";
    const { tokens, sentences } = annotate(text);
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.value);
    const deployed = tokens.find((t) => t.value === "deployed")!;
    assert.equal(deployed.lemma, "deploy");
    assert.equal(deployed.pos, "VERB");
    assert.equal(deployed.negated, true);
    assert.equal(tokens.find((t) => t.value === "Troops")!.stem, "troop");
    assert.equal(sentences.length, 1);
  });

  test("a 200,000-character token is cut into pieces wink can take, offsets unchanged", () => {
    const word = "y".repeat(200_000);
    const text = `A ${word} end. Next one.`;
    const { tokens } = annotate(text);
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.value);
    assert.ok(tokens.every((t) => t.value.length <= MAX_TOKEN));
    // Pieces of MAX_TOKEN characters, each followed by the one character turned into a space.
    assert.equal(tokens.filter((t) => t.value.startsWith("y")).length, Math.ceil(200_000 / (MAX_TOKEN + 1)));
    assert.deepEqual(sentenceSpans(text), [0, text.indexOf(" Next"), text.indexOf("Next"), text.length]);
  });
});

// Blocks with simple inline Markdown are laid out without micromark (simple-inline.ts): whenever the shortcut
// answers, it must give micromark's layout. Checked on edge cases written out and on many generated blocks
// mixing the constructs it reads with the characters and line starts that would make them something else.
import assert from "node:assert/strict";
import { test } from "node:test";
import { layoutMarkdownBatch } from "../src/core/markdown-prose.js";
import type { ProseLayout } from "../src/core/prose-layout.js";
import { simpleInlineLayout } from "../src/core/simple-inline.js";

/** micromark's layout of one block (layoutMarkdownBatch always parses). */
function parsed(src: string): ProseLayout | undefined {
  return layoutMarkdownBatch(src, [0, src.length])?.[0];
}

function plain(l: ProseLayout): unknown {
  return { classes: l.classes ? [...l.classes] : null, units: l.units, code: l.code ?? [], ignoreLines: l.ignoreLines, open: l.openAtEnd };
}

function check(src: string): boolean {
  const fast = simpleInlineLayout(src);
  if (!fast) return false;
  const ref = parsed(src);
  assert.ok(ref, `micromark gives no single layout for ${JSON.stringify(src)}`);
  assert.deepEqual(plain(fast), plain(ref), JSON.stringify(src));
  return true;
}

test("simple inline Markdown: the shortcut's layout is micromark's (written cases)", () => {
  const accepted = [
    "The **council** voted.",
    "**Bold** start and *em* end *here*.",
    "See [the report](https://example.com/r-1) and `report-2.pdf` today.",
    "More at <https://example.org/n/42>.",
    "Line one with *em*\nline two with `code`.",
    "## Security guarantees 12",
    "## The *real* plan",
    "- First item with **bold**.\n- Second [link](http://x.y/z).\n- Third.",
    "1. One `a`.\n2. Two.\n10. Ten <http://a.b/c>.",
    "Prices rose 5% (*again*).",
    "Ünïcode **Wörter** and *ça*.",
    "> A quote with *em*.\n> Its second line [link](https://e.com/x).",
    "> Plain quoted words.",
    "> One `code` line\n> and **two**",
    "- [Link](https://e.com/a) starts the item.\n- Plain item.",
    "1. [Link](https://e.com/b) first.",
    "## [Linked](https://e.com/h) heading",
    "| a | b |",
    "| City | Troops | Note |\n| --- | ---: | --- |\n| Riga | 12 | **France** sent [trucks](https://e.com/t). |\n| Oslo | 7 | `n/a` |",
    "|a|b|\n|:-:|-|\n|c|",
    "| not | a table |\n| just | rows |",
    "| one *em* |\n| --- |",
  ];
  for (const s of accepted) assert.ok(check(s), `shortcut declined ${JSON.stringify(s)}`);
  const declined = [
    "plain words only",
    "It *works*, really*",
    "* item",
    "**not closed",
    "*a **b** c*",
    "foo*bar*",
    "*foo*bar",
    "***three***",
    "[ref] alone",
    "[a](b c)",
    "[a](<b>)",
    "![img](x.png)",
    "a <b>tag</b>",
    "a <mailto@x.com> b",
    "a `` b `` c",
    "a & b",
    "a \\* b",
    "snake_case",
    "hard  \nbreak",
    "- [ ] task",
    "- [x] done",
    "1. [X] done",
    "- [a]: https://e.com/def",
    "| a | b |\nlazy line",
    "a | b\n--- | ---",
    "| a |  \n| --- |",
    "| *a | b* |",
    "| a `|` b |",
    "| a & b |",
    "- - nested",
    "- a\n  b",
    "## heading #",
    "# a\n# b",
    "1) paren",
    "text\n===",
    "text\n- item",
    "> quote *em*\nlazy line",
    ">no space *em*",
    "> a\n>\n> b *c*",
    "> > nested *x*",
    "> - item *x*",
    "> *em\n> across* lines",
    "[^1] note",
    "a (source: x) b *c*",
  ];
  for (const s of declined) {
    assert.equal(simpleInlineLayout(s), undefined, JSON.stringify(s));
  }
});

test("simple inline Markdown: the shortcut's layout is micromark's (generated blocks)", () => {
  const pieces = [
    "word",
    "Word",
    "ça",
    "42",
    " ",
    " ",
    " ",
    "\u00a0",
    ".",
    ",",
    "!",
    "?",
    "(",
    ")",
    '"',
    "’",
    "*",
    "**",
    "***",
    "`",
    "``",
    "[",
    "]",
    "](",
    "(https://e.com/a-1)",
    "<",
    ">",
    "<https://e.org/x?a=1&b=2>",
    "\n",
    "\n- ",
    "\n1. ",
    "\n2. ",
    "\n> ",
    "\n>",
    "#",
    "- ",
    "&",
    "&amp;",
    "_",
    "\\",
    "~",
    ":",
    "1.",
    "=",
    "|",
    " | ",
    "\n| ",
    "\n|",
    "\n| --- | --- |",
    "\n|:-:|",
    "---",
  ];
  const starts = [
    "",
    "",
    "",
    "- ",
    "1. ",
    "## ",
    "# ",
    "**",
    "*",
    "[",
    "`",
    "<https://a.b> ",
    "3. ",
    "-",
    "> ",
    ">",
    "> > ",
    "| ",
    "|",
    "- [",
    "- [ ] ",
  ];
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let accepted = 0;
  let tables = 0;
  const good = [
    "word ",
    "Word ",
    "**Bold** ",
    "*em* ",
    "`c-1` ",
    "[t x](https://e.com/p) ",
    "<https://e.org/n> ",
    "end. ",
    "(*p*) ",
    "x, ",
  ];
  for (let k = 0; k < 20_000; k++) {
    let s = starts[rnd(starts.length)];
    const len = 1 + rnd(14);
    for (let j = 0; j < len; j++) s += pieces[rnd(pieces.length)];
    if (check(s)) accepted++;
  }
  // Blocks built mostly of the constructs the shortcut reads (`good`), so that many are accepted.
  for (let k = 0; k < 5_000; k++) {
    let s = ["", "- ", "1. ", "## ", "> "][rnd(5)];
    const len = 1 + rnd(8);
    for (let j = 0; j < len; j++) s += good[rnd(good.length)];
    s = s.trimEnd();
    if (s.startsWith("- ") && rnd(2)) s += `\n- ${good[rnd(good.length)].trim()}`;
    if (s.startsWith("> ") && rnd(2)) s += `\n> ${good[rnd(good.length)].trim()}`;
    if (check(s)) accepted++;
  }
  assert.ok(accepted > 2_000, `accepted ${accepted}`);
  // Pipe tables: a header row, mostly a delimiter row, body rows; cells of the constructs above and of pipes.
  const cell = () => {
    let c = "";
    for (let j = rnd(3); j >= 0; j--) c += good[rnd(good.length)];
    return c.trim();
  };
  const delimiters = ["| --- | --- |", "|:-|-:|", "| --- |", "|---|---|---|", "| - | :--: |", "| --- | -- -- |"];
  for (let k = 0; k < 2_000; k++) {
    const row = () => (rnd(4) ? `| ${cell()} | ${cell()} |` : `|${cell()}|${cell()}|${cell()}`);
    let s = row();
    if (rnd(4)) s += `\n${delimiters[rnd(delimiters.length)]}`;
    for (let r = rnd(4); r > 0; r--) s += `\n${row()}`;
    if (check(s)) tables++;
  }
  assert.ok(tables > 1_000, `tables accepted ${tables}`);
});

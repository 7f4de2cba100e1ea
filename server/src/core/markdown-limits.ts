// What is too much for micromark, and how such Markdown is read instead.
//
// micromark's time is not linear in its input on some text: in one paragraph, unmatched
// emphasis closers ("a** a** …"), unclosed comments ("a <!-- a <!-- …") and link openers
// ("[a](" …) cost time quadratic in the paragraph's length (a 100 KB paragraph of them takes
// 10–20 s), and nested containers cost time that grows faster than their depth (12,500 nested
// list items on one line take minutes). So micromark is never given
//   - more than MAX_PARSE characters at once (the block scanner, segment/block-scanner.ts, cuts long runs of
//     lines into blocks well below this, so only text it cannot cut gets here), nor
//   - text whose container nesting (block quotes, list items), estimated by a cheap line scan
//     before parsing, or measured in the tree after it, is deeper than MAX_DEPTH.
// Such a block is read as plain text by `plainMarkdownLayout`: container and heading markers,
// table cells, fenced code, HTML comments and Fact Check's own marks are still recognised line
// by line; everything else is prose (inline markup, such as emphasis delimiters, link targets
// and code spans, is read as text). Sentences, offsets and ignore comments work as usual; the
// cost is linear.

import { citationRanges, factcheckDefinitionLines, footnoteRefRanges } from "./draft-marks.js";
import type { ProseLayout } from "./prose-layout.js";

/** Most characters micromark is given in one call. */
export const MAX_PARSE = 8 * 1024;

/** Deepest container nesting (block quotes plus list items, or nested inline markup) parsed as Markdown. */
export const MAX_DEPTH = 64;

// As in markdown-prose.ts.
const OUTSIDE = 0;
const PROSE = 1;
const MARKUP = 2;

/**
 * An estimate, from the line prefixes alone, of how deeply `src` nests block quotes and list
 * items; it stops counting once past `limit`. Every level of nesting is opened by a marker
 * (">" or a list marker) at the start of some line, and a list item stays open until a marker
 * line starts left of its content, so the estimate is at least the real depth (a lazy line may
 * close a container the estimate keeps open). Linear: each line's prefix is read once.
 */
export function nestingDepth(src: string, limit = MAX_DEPTH): number {
  /** Content columns (lowest possible) of the list items that may be open. */
  const open: number[] = [];
  let max = 0;
  for (let ls = 0; ls < src.length;) {
    let le = src.indexOf("\n", ls);
    if (le < 0) le = src.length;
    let quotes = 0;
    let col = 0;
    for (let i = ls; i < le;) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9) {
        col = c === 9 ? col + 4 - (col % 4) : col + 1;
        i++;
      } else if (c === 62 /* > */) {
        quotes++;
        col++;
        i++;
      } else {
        const w = listMarkerWidth(src, i, le);
        if (w === 0) break;
        while (open.length && open[open.length - 1] > col) open.pop();
        open.push(col + w + 1);
        col += w;
        i += w;
      }
    }
    if (quotes + open.length > max) {
      max = quotes + open.length;
      if (max > limit) return max;
    }
    ls = le + 1;
  }
  return max;
}

/**
 * Width of the list marker at `i` ("-", "+", "*", or up to nine digits and "." or ")"), which
 * must be followed by a space, a tab or the end of the line; 0 if there is none.
 */
export function listMarkerWidth(src: string, i: number, le: number): number {
  const c = src.charCodeAt(i);
  let w = 0;
  if (c === 45 || c === 43 || c === 42) {
    w = 1;
  } else {
    while (w < 9 && i + w < le && isDigit(src.charCodeAt(i + w))) w++;
    if (w === 0) return 0;
    const d = src.charCodeAt(i + w);
    if (d !== 46 && d !== 41) return 0; // "." or ")"
    w++;
  }
  if (i + w === le) return w;
  const next = src.charCodeAt(i + w);
  return next === 32 || next === 9 || next === 13 ? w : 0;
}

/**
 * `src` read line by line as plain text (see the file comment). Per line: the container prefix
 * (indentation, ">", list markers) and an ATX heading's "#"s are outside; a line holding a list
 * marker or a heading starts a new unit, and so does the line after a blank line; lines inside
 * a fenced code block and HTML comments are outside (an ignore comment marks the next line);
 * lines without a letter or digit (setext underlines, thematic breaks, table delimiter rows)
 * are outside and end the unit; in a line starting with "|", each cell is a unit; the rest is
 * prose, except Fact Check's own marks (citations, footnotes; draft-marks.ts). `withFrontmatter`: a leading `---` block up
 * to the next `---` line is outside. Never open at its end: an unclosed fence or comment ends
 * with the text.
 */
export function plainMarkdownLayout(src: string, withFrontmatter = false): ProseLayout {
  const classes = new Uint8Array(src.length);
  const units: number[] = [];
  const ignoreLines: number[] = [];
  const code: number[] = []; // fenced code blocks (inline code reads as prose here)
  let codeStart = -1;
  let unitStart = -1;
  let unitEnd = 0;
  const endUnit = () => {
    if (unitStart >= 0) units.push(unitStart, unitEnd);
    unitStart = -1;
  };
  const prose = (a: number, b: number) => {
    if (b <= a) return;
    classes.fill(PROSE, a, b);
    if (unitStart < 0) unitStart = a;
    unitEnd = b;
  };
  let fenceChar = 0;
  let fenceLength = 0;
  let commentStart = -1;
  // Where the next "<!--" and "-->" are (searched again only once passed, so that lines without
  // them do not each search the rest of the text).
  let nextOpen = -1;
  let nextClose = -1;
  const find = (what: string, from: number, known: number): number => {
    if (known >= from || known === Infinity) return known;
    const at = src.indexOf(what, from);
    return at < 0 ? Infinity : at;
  };
  let inFrontmatter = withFrontmatter && /^---[ \t]*\r?(?:\n|$)/.test(src);
  for (let ls = 0, line = 0; ls < src.length; line++) {
    let nl = src.indexOf("\n", ls);
    if (nl < 0) nl = src.length;
    const le = nl > ls && src.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const lineStart = ls;
    ls = nl + 1;

    if (inFrontmatter) {
      if (lineStart > 0 && /^---[ \t]*$/.test(src.slice(lineStart, le))) inFrontmatter = false;
      continue;
    }
    let from = lineStart;
    let heading = false;
    if (commentStart < 0) {
      // Container prefix: indentation, block quote markers, list markers (not inside code).
      let marker = false;
      for (;;) {
        while (from < le && (src.charCodeAt(from) === 32 || src.charCodeAt(from) === 9)) from++;
        if (from < le && src.charCodeAt(from) === 62 /* > */) {
          from++;
          continue;
        }
        const w = fenceChar || from >= le ? 0 : listMarkerWidth(src, from, le);
        if (w === 0) break;
        marker = true;
        from += w;
      }
      if (fenceChar) {
        const n = fenceLine(src, from, le, fenceChar);
        if (n >= fenceLength && /^[ \t]*$/.test(src.slice(from + n, le))) {
          fenceChar = 0;
          code.push(codeStart, le);
        }
        continue;
      }
      const c = src.charCodeAt(from);
      const fence = c === 96 || c === 126 ? fenceLine(src, from, le, c) : 0;
      if (fence >= 3 && !(c === 96 && src.slice(from + fence, le).includes("`"))) {
        endUnit();
        fenceChar = c;
        fenceLength = fence;
        codeStart = lineStart;
        continue;
      }
      if (!HAS_WORD.test(src.slice(from, le))) {
        endUnit();
        continue;
      }
      let hashes = 0;
      while (hashes < 7 && src.charCodeAt(from + hashes) === 35 /* # */) hashes++;
      const next = src.charCodeAt(from + hashes);
      heading = hashes >= 1 && hashes <= 6 && (from + hashes === le || next === 32 || next === 9);
      if (marker || heading) endUnit();
      if (heading) from += hashes;
      if (src.charCodeAt(from) === 124 /* | */) {
        // A table row: each cell is a unit, the pipes are outside.
        endUnit();
        for (let i = from, cell = from; i <= le; i++) {
          if (i === le || (src.charCodeAt(i) === 124 && src.charCodeAt(i - 1) !== 92)) {
            prose(cell, i);
            endUnit();
            cell = i + 1;
          }
        }
        continue;
      }
    }
    // The rest of the line: prose, except HTML comments. One that starts the line (an HTML
    // block) runs until its "-->", or to the end; one inside text only if a "-->" closes it.
    const lineContent = from;
    while (from < le) {
      if (commentStart >= 0) {
        const close = (nextClose = find("-->", from, nextClose));
        if (close + 3 > le) break;
        if (IGNORE_COMMENT_WHOLE.test(src.slice(commentStart, close + 3))) ignoreLines.push(line + 1);
        commentStart = -1;
        from = close + 3;
        continue;
      }
      let open = (nextOpen = find("<!--", from, nextOpen));
      if (open < le && open > lineContent && (nextClose = find("-->", open + 4, nextClose)) === Infinity) open = le;
      const end = open >= le ? le : open;
      prose(from, end);
      if (end === le) break;
      commentStart = open;
      from = open + 4;
    }
    if (heading) endUnit();
  }
  endUnit();
  if (fenceChar) code.push(codeStart, src.length); // an unclosed fence runs to the end
  // Fact Check's own marks (draft-marks.ts), as in a parsed paragraph.
  const fill = (ranges: number[], c: number, where: (a: number, b: number) => boolean) => {
    for (let k = 0; k < ranges.length; k += 2) if (where(ranges[k], ranges[k + 1])) classes.fill(c, ranges[k], ranges[k + 1]);
  };
  const always = () => true;
  fill(citationRanges(src, 0, src.length), OUTSIDE, always);
  fill(footnoteRefRanges(src, 0, src.length), MARKUP, (a, b) => !classes.subarray(a, b).includes(OUTSIDE));
  fill(factcheckDefinitionLines(src, 0, src.length), OUTSIDE, always);
  const layout: ProseLayout = { classes, units, ignoreLines, openAtEnd: false };
  if (code.length) layout.code = code;
  return layout;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const IGNORE_COMMENT_WHOLE = /^<!--\s*factcheck-ignore-next-line\s*-->$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** How many `c`s (backticks or tildes) start the text at `p`, before `le`. */
function fenceLine(src: string, p: number, le: number, c: number): number {
  let n = 0;
  while (p + n < le && src.charCodeAt(p + n) === c) n++;
  return n;
}

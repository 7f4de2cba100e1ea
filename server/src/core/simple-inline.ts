// The layout of a block whose only Markdown is a few simple inline constructs, read without micromark.
//
// Most blocks of a draft that are not plain prose (markdown-prose.ts, isPlainParagraph) are paragraphs,
// headings and one-line list items holding an emphasised word, a link, an inline code span or an autolink, and
// nothing else; parsing them with micromark was most of segmentation's time. This reader accepts only a subset
// of CommonMark where the parse is not in doubt, and answers undefined for anything else (the caller parses):
// every syntax character must belong to one of
//   `*x*` / `**x**`  a run of one or two stars after the start, a space, a line break or ASCII punctuation and
//                    before a letter or digit, closed by a run of the same length after a letter or digit and
//                    before the end, a space, a line break or ASCII punctuation, with plain text between them;
//   `x`              one backtick, text without backticks or syntax characters on one line, one backtick;
//   [text](dest)     plain text in the brackets, a destination of URL characters only, no title;
//   <scheme:rest>    an absolute-URI autolink of URL characters.
// Such delimiters can only open or only close (CommonMark's flanking rules), no two constructs overlap or
// nest, and nothing else in the block is syntax: the parse is these nodes and text. A block is one paragraph
// (no line starting a block, no indented or hard-broken lines), one ATX heading without a closing sequence, a
// list whose every line is one item ("- " or "N. ", one marker kind), or a block quote of one such paragraph
// whose every line starts "> ". A unit test compares the result with
// micromark's layout on written and generated blocks (server/test/simple-inline.test.ts).
import { CITATION_PREFIX } from "./draft-marks.js";
import { pipeTableUnits } from "./pipe-table.js";
import { MARKUP, PROSE, type ProseLayout } from "./prose-layout.js";

/** Characters that may start Markdown inline syntax (or a block, at a line's start) in CommonMark. */
const SYNTAX = /[\\`*_[\]<>&|!~]/;
/** Line starts that begin a block (list items, headings, setext underlines, fences, quotes, HTML, tables). */
const BLOCK_START = /(?:^|\n)(?: {0,3}(?:[-+=#~>|<]|\d{1,9}[.)](?:[ \t\r\n]|$))|[ \t])/;
/** Characters of a link destination or an autolink accepted here: no spaces, brackets, quotes or syntax. */
const URL_CHAR = /^[A-Za-z0-9\-._~:/?#@!$+,;=%&]+$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]{1,31}:/;

/**
 * The layout micromark would give `src` (one top-level block, read without front matter or link definitions),
 * when it is a paragraph, an ATX heading or a list of one-line items whose only syntax is the simple
 * constructs above; undefined otherwise.
 */
export function simpleInlineLayout(src: string): ProseLayout | undefined {
  const n = src.length;
  if (n === 0) return undefined;
  const c0 = src.charCodeAt(0);
  if (c0 === 32 || c0 === 9 || c0 === 10 || c0 === 13 || c0 === 0x3c /* < */) return undefined;
  if (/[\t\r\\_~]/.test(src) || / \n|\n |\n\n/.test(src) || src.endsWith(" ") || src.endsWith("\n")) return undefined;
  // A pipe is text to CommonMark, but a paragraph with one may be a table: only the table branch reads them.
  if (c0 !== 0x7c /* | */ && src.includes("|")) return undefined;
  if (src.includes("![") || src.includes("[^") || src.includes(CITATION_PREFIX)) return undefined;
  const classes = new Uint8Array(n);
  const units: number[] = [];
  const code: number[] = [];
  if (c0 === 0x23 /* # */ || c0 === 0x2d /* - */ || (c0 >= 48 && c0 <= 57)) {
    // One-line items or a heading: a marker, one space, then inline content on its own line.
    const heading = c0 === 0x23;
    if (heading && src.includes("\n")) return undefined;
    const marker = heading ? HEADING : c0 === 0x2d ? BULLET : ORDERED;
    for (let line = 0; line < n;) {
      let end = src.indexOf("\n", line);
      if (end < 0) end = n;
      const m = marker.exec(src.slice(line, end));
      if (!m) return undefined;
      const from = line + m[0].length;
      if (from >= end || BLOCK_START.test(src.slice(from, end))) return undefined;
      // An item's first "[ ]", "[x]" is a task checkbox to the reader (markdown-prose.ts); a link may start one.
      if (!heading && TASK_BOX.test(src.slice(from, from + 4))) return undefined;
      if (heading && src.charCodeAt(end - 1) === 0x23) return undefined; // a closing sequence
      if (!inline(src, from, end, classes, code)) return undefined;
      units.push(from, end);
      line = end + 1;
    }
  } else if (c0 === 0x7c /* | */) {
    // Every line starts with a pipe: one paragraph (no line of it can start another block), which is cut into
    // cells when it is a table (pipe-table.ts), as the reader cuts micromark's paragraph.
    for (let line = 0; line < n;) {
      if (src.charCodeAt(line) !== 0x7c) return undefined;
      const end = src.indexOf("\n", line);
      line = end < 0 ? n : end + 1;
    }
    if (!inline(src, 0, n, classes, code)) return undefined;
    if (!pipeTableUnits(src, classes, 0, n, units)) units.push(0, n);
  } else if (c0 === 0x3e /* > */) {
    // A block quote holding one paragraph: every line "> " and its words. The prefixes of the lines after the
    // first are inside the paragraph's text, as markup micromark strips (OUTSIDE); the line breaks are prose.
    for (let line = 0; line < n;) {
      let end = src.indexOf("\n", line);
      if (end < 0) end = n;
      const from = line + 2;
      if (src.charCodeAt(line) !== 0x3e || src.charCodeAt(line + 1) !== 32 || from >= end) return undefined;
      if (src.charCodeAt(from) === 32 || BLOCK_START.test(src.slice(from, end))) return undefined;
      if (!inline(src, from, end, classes, code)) return undefined;
      if (line > 0) classes[line - 1] = PROSE;
      line = end + 1;
    }
    units.push(2, n);
  } else {
    if (BLOCK_START.test(src) || !SYNTAX.test(src)) return undefined; // plain paragraphs have their own path
    if (!inline(src, 0, n, classes, code)) return undefined;
    units.push(0, n);
  }
  const layout: ProseLayout = { classes, units, ignoreLines: [], openAtEnd: false };
  if (code.length) layout.code = code;
  return layout;
}

const HEADING = /^#{1,6} (?=[^ ])/;
/** A GFM task checkbox at an item's start (markdown-prose.ts masks it): such items are left to micromark. */
const TASK_BOX = /^\[[ xX]\](?=[ \t]|$)/;
const BULLET = /^- (?=[^ ])/;
const ORDERED = /^\d{1,9}\. (?=[^ ])/;

/**
 * Classifies the inline content `src[from, to)` (one paragraph's, or one line's) into `classes`, inline code
 * into `code`; false when it holds syntax other than the simple constructs.
 */
function inline(src: string, from: number, to: number, classes: Uint8Array, code: number[]): boolean {
  classes.fill(PROSE, from, to);
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (!isSyntax(c)) {
      i++; // most characters: letters, spaces, digits
    } else if (c === 42 /* * */) {
      const close = emphasis(src, i, from, to);
      if (close < 0) return false;
      for (let k = i; k < close; k++) if (src.charCodeAt(k) === 42) classes[k] = MARKUP;
      i = close;
    } else if (c === 96 /* ` */) {
      const end = codeSpan(src, i, to);
      if (end < 0) return false;
      classes.fill(MARKUP, i, end);
      code.push(i, end);
      i = end;
    } else if (c === 91 /* [ */) {
      const end = inlineLink(src, i, to, classes);
      if (end < 0) return false;
      i = end;
    } else if (c === 60 /* < */) {
      const end = autolink(src, i, to);
      if (end < 0) return false;
      classes.fill(MARKUP, i, end);
      i = end;
    } else if (c === 93 /* ] */ || c === 62 /* > */ || c === 38 /* & */) {
      return false;
    } else {
      i++; // "!" (an image, "![", the caller has ruled out)
    }
  }
  return true;
}

/** Emphasis opened at `at` inside [from, to): the index after its closer, or -1 when it is not the simple kind. */
function emphasis(s: string, at: number, from: number, to: number): number {
  let len = 0;
  while (at + len < to && s.charCodeAt(at + len) === 42) len++;
  if (len > 2) return -1;
  const before = at === from ? 32 : s.charCodeAt(at - 1);
  if (before !== 32 && before !== 10 && !isAsciiPunctuation(before)) return -1;
  if (!isWordChar(s, at + len, to)) return -1;
  // Plain text to the closer: no syntax character and no line break in between.
  let k = at + len;
  while (k < to && s.charCodeAt(k) !== 42) {
    if (isSyntax(s.charCodeAt(k)) || s.charCodeAt(k) === 10) return -1;
    k++;
  }
  if (k >= to) return -1;
  let closeLen = 0;
  while (k + closeLen < to && s.charCodeAt(k + closeLen) === 42) closeLen++;
  if (closeLen !== len || !isWordChar(s, k - 1, to)) return -1;
  const after = k + len;
  if (after < to) {
    const a = s.charCodeAt(after);
    if (a !== 32 && a !== 10 && !isAsciiPunctuation(a)) return -1;
  }
  return after;
}

/** A code span of one backtick each side opening at `at`: the index after it, or -1. */
function codeSpan(s: string, at: number, to: number): number {
  if (s.charCodeAt(at + 1) === 96) return -1;
  let k = at + 1;
  while (k < to && s.charCodeAt(k) !== 96) {
    if (isSyntax(s.charCodeAt(k)) || s.charCodeAt(k) === 10) return -1;
    k++;
  }
  if (k >= to || k === at + 1 || (k + 1 < to && s.charCodeAt(k + 1) === 96)) return -1;
  return k + 1;
}

/** `[text](dest)` opening at `at`: marks it (brackets and destination MARKUP, text PROSE) and returns the index after it, or -1. */
function inlineLink(s: string, at: number, to: number, classes: Uint8Array): number {
  let k = at + 1;
  while (k < to && s[k] !== "]") {
    if (isSyntax(s.charCodeAt(k)) || s.charCodeAt(k) === 10) return -1;
    k++;
  }
  if (k + 1 >= to || !/[\p{L}\p{N}]/u.test(s.slice(at + 1, k))) return -1;
  if (s[k + 1] !== "(") return -1;
  const close = s.indexOf(")", k + 2);
  if (close < 0 || close >= to || !URL_CHAR.test(s.slice(k + 2, close))) return -1;
  classes.fill(MARKUP, at, at + 1);
  classes.fill(MARKUP, k, close + 1);
  return close + 1;
}

/** An absolute-URI autolink `<scheme:…>` opening at `at`: the index after it, or -1. */
function autolink(s: string, at: number, to: number): number {
  const close = s.indexOf(">", at + 1);
  if (close < 0 || close >= to) return -1;
  const inner = s.slice(at + 1, close);
  if (!SCHEME.test(inner) || !URL_CHAR.test(inner)) return -1;
  return close + 1;
}

/** A letter or digit (neither whitespace nor punctuation, for CommonMark's flanking rules). */
function isWordChar(s: string, i: number, to: number): boolean {
  if (i < 0 || i >= to) return false;
  const c = s.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c > 127 && /[\p{L}\p{N}]/u.test(s[i]);
}

/** A character of SYNTAX. */
function isSyntax(c: number): boolean {
  return (
    c === 92 ||
    c === 96 ||
    c === 42 ||
    c === 95 ||
    c === 91 ||
    c === 93 ||
    c === 60 ||
    c === 62 ||
    c === 38 ||
    c === 124 ||
    c === 33 ||
    c === 126
  );
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

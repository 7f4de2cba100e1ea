// Which characters of a piece of Markdown are prose, parsed with mdast-util-from-markdown.
//
// `layoutMarkdown` classifies every UTF-16 code unit of its input as
//   PROSE   words a reader reads: text nodes of paragraphs, headings, link text, list items,
//           block quotes, emphasis, table cells;
//   MARKUP  inline syntax inside prose: emphasis delimiters, link brackets and targets, inline
//           code, inline HTML, images, hard breaks, backslashes of escapes. A sentence may
//           contain (and start or end with) markup, but its words are never words of the sentence;
//   OUTSIDE everything else: code blocks, HTML blocks, front matter, definitions, container
//           prefixes ("> ", "- ", continuation indentation), heading markers, table pipes.
// and lists the "units": ranges inside which sentences are looked for. A unit is one paragraph,
// heading or table cell, so no sentence can span two blocks or cells.
//
// This module knows nothing about sentences; segment.ts runs wink-nlp over each unit.

import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { frontmatter } from "micromark-extension-frontmatter";
import type { Nodes } from "mdast";

export const OUTSIDE = 0;
export const PROSE = 1;
export const MARKUP = 2;

export interface ProseLayout {
  /** Class of each UTF-16 code unit (OUTSIDE/PROSE/MARKUP), or null when every character is prose. */
  classes: Uint8Array | null;
  /** Flat list of [start, end) unit ranges, in document order. */
  units: number[];
  /** 0-based lines (relative to the input) that follow a `<!-- factcheck-ignore-next-line -->` comment. */
  ignoreLines: number[];
  /**
   * The input ends inside a construct that a following blank line does not close (an unclosed
   * fenced code block, HTML comment, `<script>` … block): the caller must parse it together
   * with what follows.
   */
  openAtEnd: boolean;
}

export const IGNORE_COMMENT = /<!--\s*factcheck-ignore-next-line\s*-->/g;

const FRONTMATTER_OPTIONS = { extensions: [frontmatter()], mdastExtensions: [frontmatterFromMarkdown()] };

/**
 * A paragraph of ordinary prose with no character that could start Markdown syntax. Such
 * text (most paragraphs of a news draft) needs no parse: all of it is prose, one unit.
 */
export function isPlainParagraph(src: string): boolean {
  if (src.length === 0) return false;
  const c0 = src.charCodeAt(0);
  if (c0 === 32 || c0 === 9 || c0 === 10 || c0 === 13) return false;
  if (/[\\`*_[\]<>&|]/.test(src)) return false;
  // Line starts that begin a block: list items, headings, setext underlines, fences, quotes.
  if (/(?:^|\n) {0,3}(?:[-+=#~]|\d{1,9}[.)](?:[ \t\r\n]|$))/.test(src)) return false;
  // A blank line means more than one paragraph.
  if (/\n[ \t]*(?:\r?\n|\r?$)/.test(src)) return false;
  return true;
}

/**
 * Classify `src`, a run of whole top-level Markdown blocks. `withFrontmatter`: `src` starts
 * the document, so a leading `---` fence is YAML front matter.
 */
export function layoutMarkdown(src: string, withFrontmatter = false): ProseLayout {
  if (!withFrontmatter && isPlainParagraph(src)) {
    return { classes: null, units: [0, src.length], ignoreLines: [], openAtEnd: false };
  }
  const tree = fromMarkdown(src, withFrontmatter ? FRONTMATTER_OPTIONS : undefined);
  const classes = new Uint8Array(src.length);
  const units: number[] = [];
  const ignoreLines: number[] = [];
  let openAtEnd = false;
  let contentEnd = src.length;
  while (contentEnd > 0 && isBlank(src.charCodeAt(contentEnd - 1))) contentEnd--;

  const fill = (s: number, e: number, c: number) => classes.fill(c, s, e);

  const noteIgnores = (node: { value: string; position?: Nodes["position"] }) => {
    if (!node.position || node.value.indexOf("factcheck-ignore-next-line") < 0) return;
    const firstLine = node.position.start.line - 1;
    IGNORE_COMMENT.lastIndex = 0;
    for (let m = IGNORE_COMMENT.exec(node.value); m; m = IGNORE_COMMENT.exec(node.value)) {
      ignoreLines.push(firstLine + countNewlines(node.value, 0, m.index + m[0].length) + 1);
    }
  };

  const markText = (s: number, e: number) => {
    fill(s, e, PROSE);
    for (let i = s; i < e; i++) {
      const c = src.charCodeAt(i);
      if (c === 92 /* \ */ && i + 1 < e && isAsciiPunctuation(src.charCodeAt(i + 1))) {
        classes[i] = MARKUP;
        i++;
      } else if (c === 10 /* \n */) {
        // Continuation line: its container prefix ("> ", indentation) is not part of the text.
        let j = i + 1;
        while (j < e) {
          const d = src.charCodeAt(j);
          if (d !== 32 && d !== 9 && d !== 62 /* > */) break;
          classes[j++] = OUTSIDE;
        }
        i = j - 1;
      }
    }
  };

  const inline = (node: Nodes) => {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return;
    const s = p.start.offset;
    const e = p.end.offset;
    switch (node.type) {
      case "text":
        markText(s, e);
        return;
      case "html":
        fill(s, e, MARKUP);
        noteIgnores(node);
        return;
      case "link":
        fill(s, e, MARKUP);
        // An autolink's text is its URL.
        if (src.charCodeAt(s) === 60 /* < */) return;
        break;
      default:
        fill(s, e, MARKUP);
    }
    // emphasis, strong, delete, link, linkReference …: children are prose again.
    // inlineCode, image, imageReference, break have no children and stay markup.
    if ("children" in node) for (const child of node.children as Nodes[]) inline(child);
  };

  const inlineContainer = (node: Nodes, isParagraph: boolean, isTaskCandidate: boolean) => {
    if (!("children" in node) || node.children.length === 0) return;
    for (const child of node.children as Nodes[]) inline(child);
    const first = (node.children[0] as Nodes).position;
    const last = (node.children[node.children.length - 1] as Nodes).position;
    if (!first || !last || first.start.offset === undefined || last.end.offset === undefined) return;
    let a = first.start.offset;
    const b = last.end.offset;
    if (isTaskCandidate && /^\[[ xX]\](?=[ \t]|$)/.test(src.slice(a, a + 4))) {
      // "- [ ] task" (GFM task list): the checkbox is not prose.
      fill(a, a + 3, OUTSIDE);
      a += 3;
    }
    if (isParagraph && tableUnits(a, b)) return;
    units.push(a, b);
  };

  /** A paragraph that is a GFM pipe table (header row, delimiter row, body rows): one unit per cell. */
  const tableUnits = (a: number, b: number): boolean => {
    const nl1 = src.indexOf("\n", a);
    if (nl1 < 0 || nl1 >= b) return false;
    let nl2 = src.indexOf("\n", nl1 + 1);
    if (nl2 < 0 || nl2 > b) nl2 = b;
    const header = proseOf(a, nl1);
    const delimiter = proseOf(nl1 + 1, nl2);
    if (!header.includes("|") || !delimiter.includes("|") || !TABLE_DELIMITER.test(delimiter)) return false;
    fill(nl1 + 1, nl2, OUTSIDE);
    for (let ls = a; ls < b; ) {
      let le = src.indexOf("\n", ls);
      if (le < 0 || le > b) le = b;
      if (ls !== nl1 + 1) {
        let cell = ls;
        for (let i = ls; i < le; i++) {
          if (src.charCodeAt(i) === 124 /* | */ && classes[i] === PROSE && src.charCodeAt(i - 1) !== 92) {
            classes[i] = OUTSIDE;
            if (i > cell) units.push(cell, i);
            cell = i + 1;
          }
        }
        if (le > cell) units.push(cell, le);
      }
      ls = le + 1;
    }
    return true;
  };

  const proseOf = (s: number, e: number): string => {
    let out = "";
    for (let i = s; i < e; i++) if (classes[i] === PROSE) out += src[i];
    return out;
  };

  const block = (node: Nodes, parentType: string | undefined, index: number) => {
    switch (node.type) {
      case "paragraph":
        inlineContainer(node, true, parentType === "listItem" && index === 0);
        return;
      case "heading":
        inlineContainer(node, false, false);
        return;
      case "html":
        noteIgnores(node);
        if (htmlOpenAtEnd(node)) openAtEnd = true;
        return;
      case "code":
        if (codeOpenAtEnd(node)) openAtEnd = true;
        return;
      case "definition":
      case "thematicBreak":
      case "yaml":
        return;
      default:
        if ("children" in node) (node.children as Nodes[]).forEach((c, i) => block(c, node.type, i));
    }
  };

  const endsAtContentEnd = (node: Nodes) => (node.position?.end.offset ?? 0) >= contentEnd;

  const codeOpenAtEnd = (node: Nodes): boolean => {
    if (!endsAtContentEnd(node)) return false;
    const s = node.position?.start.offset ?? 0;
    const raw = src.slice(s, contentEnd);
    const open = /^[ \t]*(`{3,}|~{3,})/.exec(raw);
    if (!open) return false; // indented code: closed by any unindented line
    const nl = raw.lastIndexOf("\n");
    if (nl < 0) return true;
    const lastLine = raw.slice(nl + 1).replace(/^[ \t>]*/, "");
    const close = /^(`{3,}|~{3,})[ \t]*\r?$/.exec(lastLine);
    return !(close && close[1][0] === open[1][0] && close[1].length >= open[1].length);
  };

  const htmlOpenAtEnd = (node: Nodes & { value: string }): boolean => {
    if (!endsAtContentEnd(node)) return false;
    const v = node.value.replace(/^[ \t]+/, "");
    for (const [start, end] of HTML_BLOCK_ENDS) if (start.test(v)) return !end.test(v);
    return false;
  };

  (tree.children as Nodes[]).forEach((c, i) => block(c, "root", i));
  return { classes, units, ignoreLines, openAtEnd };
}

/** Start and end conditions of the CommonMark HTML blocks (kinds 1–5) that blank lines do not end. */
export const HTML_BLOCK_ENDS: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf("\n", from); i >= 0 && i < to; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

// Which characters of a piece of Markdown are prose, parsed with mdast-util-from-markdown.
//
// `layoutMarkdown` classifies every UTF-16 code unit of its input as
//   PROSE   words a reader reads: text nodes of paragraphs, headings, link text, list items,
//           block quotes, emphasis, table cells;
//   MARKUP  inline syntax inside prose: emphasis delimiters, link brackets and targets, inline
//           code, inline HTML, images, hard breaks, backslashes of escapes. A sentence may
//           contain (and start or end with) markup, but its words are never words of the sentence;
//   OUTSIDE everything else: code blocks, HTML blocks and comments, front matter, definitions,
//           container prefixes ("> ", "- "), heading markers, table pipes, task checkboxes.
// and lists the "units": ranges inside which sentences are looked for. A unit is one paragraph,
// heading or table cell, so no sentence can span two blocks or cells.
//
// This module knows nothing about sentences; segment.ts runs wink-nlp over each unit.

import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { frontmatter } from "micromark-extension-frontmatter";
import type { Nodes } from "mdast";
import { CITATION_PREFIX, citationRanges, factcheckDefinitionLines, footnoteRefRanges, plainTextMarkers } from "./draft-marks.js";

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
  if (src.includes(CITATION_PREFIX)) return false; // a citation Fact Check wrote: parsed, so that it is masked
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
export function layoutMarkdown(src: string, withFrontmatter = false, definitions = ""): ProseLayout {
  if (!withFrontmatter && !definitions && isPlainParagraph(src)) {
    return { classes: null, units: [0, src.length], ignoreLines: [], openAtEnd: false };
  }
  const input = definitions ? `${src}\n\n${definitions}` : src;
  return layoutTree(src, fromMarkdown(input, withFrontmatter ? FRONTMATTER_OPTIONS : undefined)).layout;
}

/** Plain text (in `units`, whole by default): every character is prose except Fact Check's ignore comments and citations (draft-marks.ts). */
export function plainTextLayout(src: string, units: number[] = [0, src.length]): ProseLayout {
  const ranges = plainTextMarkers(src);
  if (ranges.length === 0) return { classes: null, units, ignoreLines: [], openAtEnd: false };
  const classes = new Uint8Array(src.length).fill(PROSE);
  for (let k = 0; k < ranges.length; k += 2) classes.fill(OUTSIDE, ranges[k], ranges[k + 1]);
  return { classes, units, ignoreLines: [], openAtEnd: false };
}

/**
 * Link reference definitions made elsewhere in the document, as Markdown lines to append to a
 * block so that "[text][label]" and "[label]" parse as links there too. `defined` maps
 * normalised labels to labels as written. Only labels the block may use are included, in a
 * stable order (the string is part of the block's cache key).
 */
export function definitionsFor(src: string, defined: ReadonlyMap<string, string>): string {
  if (defined.size === 0 || src.indexOf("]") < 0) return "";
  const used = new Set<string>();
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(src); m; m = BRACKETED.exec(src)) {
    const label = defined.get(normalizeLabel(m[1]));
    if (label !== undefined) used.add(label);
  }
  return [...used].sort().map((l) => `[${l}]: #`).join("\n");
}

/**
 * Labels of the link reference definitions in `src` (a run of whole top-level blocks), as
 * mdast identifiers: the label's source text (escapes not decoded: "[a\-b]" and "[a-b]" are
 * different labels), whitespace collapsed, lower-cased. Usable as a label again.
 */
export function definedLabels(src: string, withFrontmatter = false): string[] {
  const labels: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "definition") {
      labels.push(node.identifier);
    } else if ("children" in node && node.type !== "paragraph" && node.type !== "heading") {
      for (const c of node.children as Nodes[]) walk(c);
    }
  };
  walk(fromMarkdown(src, withFrontmatter ? FRONTMATTER_OPTIONS : undefined));
  return labels;
}

/** How CommonMark compares labels: case-folded, inner whitespace collapsed. */
export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, " ").trim().toLowerCase().toUpperCase();
}

const BRACKETED = /\[((?:[^[\]\\]|\\.){1,999})\]/g;

/**
 * Layouts of several consecutive top-level blocks from one parse (micromark has a high
 * per-call cost). `ranges` are the blocks' [start, end) offsets inside `src`, which runs
 * from the first block's start to the last one's end. Returns undefined when the blocks do
 * not parse independently (a node runs from one block into the next, or a link reference
 * definition could change how another block parses); the caller then lays out each block alone.
 */
export function layoutMarkdownBatch(src: string, ranges: readonly number[], definitions = ""): ProseLayout[] | undefined {
  const tree = fromMarkdown(definitions ? `${src}\n\n${definitions}` : src);
  const { layout, hasDefinition } = layoutTree(src, tree);
  if (hasDefinition) return undefined;
  let k = 0;
  for (const node of tree.children as Nodes[]) {
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? 0;
    if (s >= src.length) break; // appended definitions
    while (k + 2 < ranges.length && s >= ranges[k + 1]) k += 2;
    if (s < ranges[k] || e > ranges[k + 1]) return undefined;
  }
  const out: ProseLayout[] = [];
  for (let r = 0; r < ranges.length; r += 2) {
    const a = ranges[r];
    const b = ranges[r + 1];
    const firstLine = countNewlines(src, 0, a);
    const lastLine = firstLine + countNewlines(src, a, b);
    const units: number[] = [];
    for (let u = 0; u < layout.units.length; u += 2) {
      if (layout.units[u] >= a && layout.units[u + 1] <= b) units.push(layout.units[u] - a, layout.units[u + 1] - a);
    }
    out.push({
      classes: layout.classes ? layout.classes.slice(a, b) : null,
      units,
      ignoreLines: layout.ignoreLines.filter((l) => l > firstLine && l <= lastLine + 1).map((l) => l - firstLine),
      openAtEnd: r + 2 === ranges.length ? layout.openAtEnd : false,
    });
  }
  return out;
}

function layoutTree(src: string, tree: ReturnType<typeof fromMarkdown>): { layout: ProseLayout; hasDefinition: boolean } {
  let hasDefinition = false;
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
      } else if (c === 38 /* & */) {
        // A character reference (&amp; &nbsp; &#8220;) is markup for one character: mask it all.
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(src);
        if (m && m.index === i && i + m[0].length <= e) {
          fill(i, i + m[0].length, MARKUP);
          i += m[0].length - 1;
        }
      } else if (c === 10 /* \n */) {
        // Continuation line: its block quote prefix ("> ", "> > ") is not part of the text.
        // (Plain indentation is left alone: it is whitespace either way.)
        let j = i + 1;
        let quoted = false;
        while (j < e) {
          const d = src.charCodeAt(j);
          if (d === 62 /* > */) quoted = true;
          else if (d !== 32 && d !== 9) break;
          j++;
        }
        if (quoted) fill(i + 1, j, OUTSIDE);
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
        // A comment is never part of a sentence's range (it may sit inside one, masked);
        // other inline HTML is markup like emphasis.
        fill(s, e, node.value.startsWith("<!--") ? OUTSIDE : MARKUP);
        noteIgnores(node);
        return;
      case "break":
        // A hard line break is layout: no sentence ends or starts with it (text written after a
        // sentence, before its trailing backslash, would otherwise hand the break to the next one).
        fill(s, e, OUTSIDE);
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
    markFootnotes(a, b);
    if (isParagraph && tableUnits(a, b)) return;
    units.push(a, b);
  };

  /** Footnote references are markup; footnote definitions and citations Fact Check wrote are not prose (draft-marks.ts). */
  const markFootnotes = (a: number, b: number) => {
    const cites = citationRanges(src, a, b);
    for (let k = 0; k < cites.length; k += 2) fill(cites[k], cites[k + 1], OUTSIDE);
    const refs = footnoteRefRanges(src, a, b);
    for (let k = 0; k < refs.length; k += 2) {
      if (!classes.subarray(refs[k], refs[k + 1]).includes(OUTSIDE)) fill(refs[k], refs[k + 1], MARKUP);
    }
    const defs = factcheckDefinitionLines(src, a, b);
    for (let k = 0; k < defs.length; k += 2) fill(defs[k], defs[k + 1], OUTSIDE);
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
        hasDefinition = true;
        return;
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

  (tree.children as Nodes[]).forEach((c, i) => {
    // Nodes after the input are definitions appended by the caller.
    if ((c.position?.start.offset ?? 0) < src.length) block(c, "root", i);
  });
  return { layout: { classes, units, ignoreLines, openAtEnd }, hasDefinition };
}

/** Start and end conditions of the CommonMark HTML blocks (kinds 1–5) that blank lines do not end. */
export const HTML_BLOCK_ENDS: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

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

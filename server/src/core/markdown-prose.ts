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
// This module knows nothing about sentences; segment/unit-sentences.ts runs wink-nlp over each unit.
// Text micromark would take too long over (too long, or nested too deep) is read as plain text
// instead (markdown-limits.ts). The trees are walked with explicit stacks, never recursively.

import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { frontmatter } from "micromark-extension-frontmatter";
import type { Nodes } from "mdast";
import { CITATION_PREFIX, citationRanges, factcheckDefinitionLines, footnoteRefRanges, plainTextMarkers } from "./draft-marks.js";
import { MAX_DEPTH, MAX_PARSE, nestingDepth, plainMarkdownLayout } from "./markdown-limits.js";
import { pipeTableUnits } from "./pipe-table.js";
import { MARKUP, OUTSIDE, PROSE, type ProseLayout } from "./prose-layout.js";
import { simpleInlineLayout } from "./simple-inline.js";

export { MARKUP, OUTSIDE, PROSE } from "./prose-layout.js";

export type { ProseLayout } from "./prose-layout.js";

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

/** Whether layoutMarkdown reads `src` (one block, no front matter or definitions) without micromark. */
export function parsesWithoutMicromark(src: string): boolean {
  return isPlainParagraph(src) || simpleInlineLayout(src) !== undefined;
}

/**
 * Classify `src`, a run of whole top-level Markdown blocks. `withFrontmatter`: `src` starts
 * the document, so a leading `---` fence is YAML front matter. Text longer than `maxParse`, or
 * nested deeper than MAX_DEPTH, is read as plain text (plainMarkdownLayout).
 */
export function layoutMarkdown(src: string, withFrontmatter = false, definitions = "", maxParse = MAX_PARSE): ProseLayout {
  if (!withFrontmatter && !definitions) {
    if (isPlainParagraph(src)) return { classes: null, units: [0, src.length], ignoreLines: [], openAtEnd: false };
    const simple = simpleInlineLayout(src);
    if (simple) return simple;
  }
  if (!parseable(src, maxParse)) return plainMarkdownLayout(src, withFrontmatter);
  return layoutTree(src, parse(src, withFrontmatter, definitions))?.layout ?? plainMarkdownLayout(src, withFrontmatter);
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
 * The mdast tree of `src`, positions relative to `src`. `definitions` (link reference
 * definitions made elsewhere) are parsed before it, followed by a blank line: nothing in them
 * runs into `src`, and a construct left open at the end of `src` (an unclosed fence) cannot
 * swallow them. Their nodes come first, at negative offsets.
 */
function parse(src: string, withFrontmatter: boolean, definitions: string): ReturnType<typeof fromMarkdown> {
  if (!definitions) return fromMarkdown(src, withFrontmatter ? FRONTMATTER_OPTIONS : undefined);
  const prefix = `${definitions}\n\n`;
  const tree = fromMarkdown(prefix + src);
  const lines = countNewlines(prefix, 0, prefix.length);
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      p.start = { line: p.start.line - lines, column: p.start.column, offset: (p.start.offset ?? 0) - prefix.length };
      p.end = { line: p.end.line - lines, column: p.end.column, offset: (p.end.offset ?? 0) - prefix.length };
    }
    if ("children" in node) for (const c of node.children as Nodes[]) stack.push(c);
  }
  return tree;
}

/** Whether micromark may be given `src`: short enough, and (by a cheap estimate) not nested too deep. */
function parseable(src: string, maxParse = MAX_PARSE): boolean {
  return src.length <= maxParse && nestingDepth(src) <= MAX_DEPTH;
}

/**
 * Link reference definitions made elsewhere in the document, as Markdown lines to parse with a
 * block so that "[text][label]" and "[label]" parse as links there too. `defined` maps
 * normalised labels to labels as written. Only labels the block may use are included, in a
 * stable order (the string is part of the block's cache key).
 */
export function definitionsFor(src: string, defined: ReadonlyMap<string, string>, own: readonly string[] = []): string {
  if (defined.size === 0 || src.indexOf("]") < 0) return "";
  // Labels `src` defines itself need no copy (a block of many definitions would be parsed twice over).
  const skip = new Set(own.map(normalizeLabel));
  const used = new Set<string>();
  for (const m of src.matchAll(BRACKETED)) {
    const key = normalizeLabel(m[1]);
    const label = skip.has(key) ? undefined : defined.get(key);
    if (label !== undefined) used.add(label);
  }
  return [...used]
    .sort()
    .map((l) => `[${l}]: #`)
    .join("\n");
}

/**
 * Labels of the link reference definitions in `src` (a run of whole top-level blocks), as
 * mdast identifiers: the label's source text (escapes not decoded: "[a\-b]" and "[a-b]" are
 * different labels), whitespace collapsed, lower-cased. Usable as a label again.
 */
export function definedLabels(src: string, withFrontmatter = false): string[] {
  // Text read as plain text (too long or too deep to parse) defines nothing.
  if (!parseable(src)) return [];
  const labels: string[] = [];
  const stack: [Nodes, number][] = [[fromMarkdown(src, withFrontmatter ? FRONTMATTER_OPTIONS : undefined), 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return [];
    if (node.type === "definition") {
      labels.push(node.identifier);
    } else if ("children" in node && node.type !== "paragraph" && node.type !== "heading") {
      const children = node.children as Nodes[];
      const d = depth + (node.type === "listItem" || node.type === "blockquote" ? 1 : 0);
      for (let k = children.length - 1; k >= 0; k--) stack.push([children[k], d]);
    }
  }
  return labels;
}

/** How CommonMark compares labels: case-folded, inner whitespace collapsed. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, " ")
    .trim()
    .toLowerCase()
    .toUpperCase();
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
  if (!parseable(src)) return undefined;
  const tree = parse(src, false, definitions);
  const laid = layoutTree(src, tree);
  if (!laid || laid.hasDefinition) return undefined;
  const { layout } = laid;
  let k = 0;
  /** Whether `node` lies within one of the blocks (looked for from the current one on). */
  const withinOne = (node: Nodes): boolean => {
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? 0;
    while (k + 2 < ranges.length && s >= ranges[k + 1]) k += 2;
    return s >= ranges[k] && e <= ranges[k + 1];
  };
  for (const node of tree.children as Nodes[]) {
    if ((node.position?.start.offset ?? 0) < 0) continue; // the definitions parsed with it
    if (withinOne(node)) continue;
    // A list whose items (separated by blank lines) fall one by one into the blocks parses as
    // they do one by one: an item's prose does not depend on its neighbours.
    if (node.type !== "list" || !(node.children as Nodes[]).every(withinOne)) return undefined;
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
    const last = r + 2 === ranges.length;
    const piece: ProseLayout = {
      classes: layout.classes ? layout.classes.slice(a, b) : null,
      units,
      ignoreLines: layout.ignoreLines.filter((l) => l > firstLine && l <= lastLine + 1).map((l) => l - firstLine),
      openAtEnd: last ? layout.openAtEnd : false,
    };
    const code: number[] = [];
    for (let c = 0; c < (layout.code?.length ?? 0); c += 2) {
      if (layout.code![c] >= a && layout.code![c + 1] <= b) code.push(layout.code![c] - a, layout.code![c + 1] - a);
    }
    if (code.length) piece.code = code;
    if (last && layout.open) {
      const blocks: number[] = [];
      for (let k = 0; k < layout.open.blocks.length; k += 2) {
        if (layout.open.blocks[k] >= a) blocks.push(layout.open.blocks[k] - a, layout.open.blocks[k + 1] - a);
      }
      piece.open = { from: layout.open.from - a, nested: layout.open.nested, blocks };
    }
    out.push(piece);
  }
  return out;
}

/** The layout of a parsed tree; undefined if it nests deeper than MAX_DEPTH (the caller reads `src` as plain text). */
function layoutTree(src: string, tree: ReturnType<typeof fromMarkdown>): { layout: ProseLayout; hasDefinition: boolean } | undefined {
  let hasDefinition = false;
  const classes = new Uint8Array(src.length);
  const units: number[] = [];
  const ignoreLines: number[] = [];
  const code: number[] = [];
  let openAtEnd = false;
  let openFrom = 0;
  let openNested = false;
  const codeAndHtml: number[] = [];
  let contentEnd = src.length;
  while (contentEnd > 0 && isBlank(src.charCodeAt(contentEnd - 1))) contentEnd--;

  const fill = (s: number, e: number, c: number) => classes.fill(c, s, e);

  const noteIgnores = (node: { value: string; position?: Nodes["position"] }) => {
    if (!node.position || node.value.indexOf("factcheck-ignore-next-line") < 0) return;
    const firstLine = node.position.start.line - 1;
    for (const m of node.value.matchAll(IGNORE_COMMENT)) {
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
        const m = ENTITY.exec(src.slice(i, Math.min(e, i + MAX_ENTITY)));
        if (m) {
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

  /** Classify the inline content of a paragraph or heading. False if it nests deeper than MAX_DEPTH. */
  const inlineContent = (parent: Nodes): boolean => {
    const stack: [Nodes, number][] = [];
    const push = (children: Nodes[], depth: number) => {
      for (let k = children.length - 1; k >= 0; k--) stack.push([children[k], depth]);
    };
    push((parent as { children: Nodes[] }).children, 1);
    while (stack.length) {
      const [node, depth] = stack.pop()!;
      if (depth > MAX_DEPTH) return false;
      const p = node.position;
      if (!p || p.start.offset === undefined || p.end.offset === undefined) continue;
      const s = p.start.offset;
      const e = p.end.offset;
      switch (node.type) {
        case "text":
          markText(s, e);
          continue;
        case "html":
          // A comment is never part of a sentence's range (it may sit inside one, masked);
          // other inline HTML is markup like emphasis.
          fill(s, e, node.value.startsWith("<!--") ? OUTSIDE : MARKUP);
          noteIgnores(node);
          continue;
        case "break":
          // A hard line break is layout: no sentence ends or starts with it (text written after a
          // sentence, before its trailing backslash, would otherwise hand the break to the next one).
          fill(s, e, OUTSIDE);
          continue;
        case "link":
          fill(s, e, MARKUP);
          // An autolink's text is its URL.
          if (src.charCodeAt(s) === 60 /* < */) continue;
          break;
        case "inlineCode":
          fill(s, e, MARKUP);
          code.push(s, e);
          continue;
        default:
          fill(s, e, MARKUP);
      }
      // emphasis, strong, delete, link, linkReference …: children are prose again (they are
      // classified after their parent, so their classes win). inlineCode, image,
      // imageReference, break have no children and stay markup.
      if ("children" in node) push(node.children as Nodes[], depth + 1);
    }
    return true;
  };

  /** False if the inline content nests deeper than MAX_DEPTH. */
  const inlineContainer = (node: Nodes, isParagraph: boolean, isTaskCandidate: boolean): boolean => {
    if (!("children" in node) || node.children.length === 0) return true;
    if (!inlineContent(node)) return false;
    const first = (node.children[0] as Nodes).position;
    const last = (node.children[node.children.length - 1] as Nodes).position;
    if (!first || !last || first.start.offset === undefined || last.end.offset === undefined) return true;
    let a = first.start.offset;
    const b = last.end.offset;
    if (isTaskCandidate && /^\[[ xX]\](?=[ \t]|$)/.test(src.slice(a, a + 4))) {
      // "- [ ] task" (GFM task list): the checkbox is not prose.
      fill(a, a + 3, OUTSIDE);
      a += 3;
    }
    markFootnotes(a, b);
    if (!(isParagraph && pipeTableUnits(src, classes, a, b, units))) units.push(a, b);
    return true;
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

  /**
   * Classify the block structure, depth first in document order (so units come out in order).
   * Stack entries: node, its parent's type, its index in the parent, and how many block quotes
   * and list items contain it. False if that is more than MAX_DEPTH.
   */
  const blocks = (): boolean => {
    const stack: [Nodes, string, number, number][] = [];
    const top = tree.children as Nodes[];
    for (let k = top.length - 1; k >= 0; k--) {
      // Nodes before the input are the definitions parsed with it.
      if ((top[k].position?.start.offset ?? 0) >= 0) stack.push([top[k], "root", k, 0]);
    }
    while (stack.length) {
      const [node, parentType, index, depth] = stack.pop()!;
      switch (node.type) {
        case "paragraph":
          if (!inlineContainer(node, true, parentType === "listItem" && index === 0)) return false;
          break;
        case "heading":
          if (!inlineContainer(node, false, false)) return false;
          break;
        case "html":
        case "code":
          if (node.type === "html") noteIgnores(node);
          else code.push(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
          codeAndHtml.push(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
          if (node.type === "html" ? htmlOpenAtEnd(node) : codeOpenAtEnd(node)) {
            openAtEnd = true;
            openFrom = node.position?.start.offset ?? 0;
            openNested = depth > 0;
          }
          break;
        case "definition":
          hasDefinition = true;
          break;
        case "thematicBreak":
        case "yaml":
          break;
        default:
          if ("children" in node) {
            const d = depth + (node.type === "listItem" || node.type === "blockquote" ? 1 : 0);
            if (d > MAX_DEPTH) return false;
            const children = node.children as Nodes[];
            for (let k = children.length - 1; k >= 0; k--) stack.push([children[k], node.type, k, d]);
          }
      }
    }
    return true;
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

  if (!blocks()) return undefined;
  const layout: ProseLayout = { classes, units, ignoreLines, openAtEnd };
  if (code.length) layout.code = code;
  if (openAtEnd) layout.open = { from: openFrom, nested: openNested, blocks: codeAndHtml };
  return { layout, hasDefinition };
}

/** Start and end conditions of the CommonMark HTML blocks (kinds 1–5) that blank lines do not end. */
export const HTML_BLOCK_ENDS: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** A character reference at the start of a string (no g or y flag: a module-level regex must keep no lastIndex). */
const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** The longest character reference: "&", 32 letters and digits, ";". */
const MAX_ENTITY = 34;

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

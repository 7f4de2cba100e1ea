// Cuts a draft into prose sentences with exact UTF-16 offsets.
//
// Sentence boundaries come from wink-nlp (nlp.ts); Markdown structure from
// mdast-util-from-markdown (markdown-prose.ts). The language server calls this on every
// keystroke for drafts up to 1 MB, so the work is incremental:
//
//  1. `splitBlocks` cuts the draft into top-level blocks with a cheap line scanner. A new
//     block starts at an unindented line after a blank line, at a code fence that is certainly
//     top-level (unindented, or indented less than any list item's content), and in long runs
//     without blank lines at bullet items, ATX headings and sentence ends (longRunCut). The
//     scanner follows fenced code, front matter and HTML blocks so it does not cut inside them.
//     Parsing each block alone gives the same prose as parsing the whole draft; that matters
//     beyond speed, since micromark gets slower per character as its input grows, and is
//     never given more than MAX_PARSE characters at once (markdown-limits.ts).
//  2. Each block is parsed and segmented on its own, and the result (offsets relative to the
//     block) is kept in a bounded cache keyed by the block's text. Unchanged blocks cost one
//     Map lookup and are re-based to wherever the block now starts.
//  3. Where one block's parse ends inside a construct a blank line does not close (an unclosed
//     fence or HTML comment the scanner did not see, e.g. a fence in a list item), it is parsed
//     again together with the following blocks, twice as many characters each time (so the
//     cost stays linear): micromark has the last word, up to MAX_PARSE characters.
//  4. Link reference definitions are collected from the whole draft and parsed with each block
//     that uses their labels, so "[text][ref]" reads as a link wherever the definition is.
//  5. wink-nlp runs once per unit (paragraph, heading, table cell) on the unit's text with
//     every non-prose character blanked to a space, so offsets need no mapping; its results
//     are cached per blanked text too. Very long units (a plain-text draft with one paragraph
//     per line and no blank lines, a paragraph on one very long line) are cut at line breaks,
//     and inside very long lines at some sentence ends, where wink, asked about a small window
//     around the cut, confirms that a sentence ends.
//
// `segmentMarkdownWhole` parses a draft in one piece; tests check that both agree.
// `segmentDraftSteps` is the same work as a generator that yields between blocks, for callers
// that must not block (the language server on a large draft).

import {
  definedLabels,
  definitionsFor,
  HTML_BLOCK_ENDS,
  isPlainParagraph,
  layoutMarkdown,
  layoutMarkdownBatch,
  MARKUP,
  normalizeLabel,
  plainTextLayout,
  PROSE,
  type ProseLayout,
} from "./markdown-prose.js";
import { listMarkerWidth, MAX_PARSE } from "./markdown-limits.js";
import { isSpace, sentenceSpans } from "./nlp.js";
import type { Sentence } from "./types.js";
import { detach, LruCache } from "./lru.js";

export type SegmentFormat = "markdown" | "plaintext";

/** A sentence as cut from a draft; `text === draft.slice(start, end)`. */
export interface ProseSentence extends Sentence {
  /**
   * Ranges `[start, end)` relative to the sentence (i.e. indices into `text`) that are not
   * words of the sentence: inline code, link and image targets, inline HTML, emphasis and link
   * delimiters, escapes, and container prefixes ("> ") on continuation lines. Sorted and
   * disjoint. Absent when every character is prose. Shared between calls: do not mutate.
   * `proseText(sentence)` gives `text` with these ranges blanked to spaces.
   */
  mask?: [number, number][];
}

export interface Segmentation {
  sentences: ProseSentence[];
  /** 0-based lines following a `<!-- factcheck-ignore-next-line -->` comment (Markdown only), ascending. */
  ignoredLines: number[];
}

export interface DraftBlock {
  /** UTF-16 offsets of the block: from the start of its first line to the end of its last non-blank line. */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /**
   * "code": a top-level fenced code block (not parsed unless an earlier block runs into it);
   * "frontmatter": closed YAML front matter at the start of the draft.
   */
  kind: "markdown" | "code" | "frontmatter" | "plaintext";
}

/** Sentences of a draft, in document order. */
export function segmentDraft(text: string, format: SegmentFormat): ProseSentence[] {
  return segmentDraftDetailed(text, format).sentences;
}

/**
 * 0-based line numbers that follow a `<!-- factcheck-ignore-next-line -->` comment in a
 * Markdown draft (comments inside code are not comments). Always empty for plain text.
 * Sentences starting on these lines are meant to be suppressed by the checker.
 */
export function ignoredLines(text: string, format: SegmentFormat): number[] {
  return segmentDraftDetailed(text, format).ignoredLines;
}

let memo: { text: string; format: SegmentFormat; result: Segmentation } | undefined;

/**
 * Sentences and ignored lines in one pass. The last result is remembered, so calling
 * `segmentDraft` and then `ignoredLines` on the same text costs one pass.
 * The returned objects are shared with the caches: treat them as read-only.
 */
export function segmentDraftDetailed(text: string, format: SegmentFormat): Segmentation {
  return runSteps(segmentDraftSteps(text, format));
}

/**
 * `segmentDraftDetailed` in steps: the generator yields between pieces of work (every few
 * hundred lines scanned, every block segmented) and returns the same Segmentation. A caller
 * that must stay responsive (the language server on a large draft) resumes it a slice at a
 * time; no state outside the caches is shared between steps, so interleaving is safe.
 */
export function* segmentDraftSteps(text: string, format: SegmentFormat): Generator<void, Segmentation, void> {
  if (memo && memo.format === format && memo.text === text) return memo.result;
  const blocks = yield* splitBlockSteps(text, format);
  let result: Segmentation;
  if (format === "markdown") {
    const groups = blocks.map((_, i) => i + 1);
    const defined = yield* linkDefinitions(text, blocks, groups);
    const merged: number[] = [];
    result = yield* assemble(text, blocks, format, defined, merged);
    if (merged.length) {
      // Some blocks were parsed together (one ran into the next). Their definitions are
      // whatever the merged text defines, which can differ from the blocks' own (e.g. a
      // definition inside what turned out to be code). Block grouping does not depend on
      // definitions, so one more pass settles it.
      for (let k = 0; k < merged.length; k += 2) groups[merged[k]] = merged[k + 1];
      const regrouped = yield* linkDefinitions(text, blocks, groups);
      if (!sameMap(regrouped, defined)) result = yield* assemble(text, blocks, format, regrouped, []);
    }
  } else {
    result = yield* assemble(text, blocks, format, new Map(), []);
  }
  memo = { text, format, result };
  return result;
}

/** Runs a step generator to its end without pausing. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Segment every block. Records each run of blocks parsed together into `merged` as [first, end). */
function* assemble(
  text: string,
  blocks: DraftBlock[],
  format: SegmentFormat,
  defined: ReadonlyMap<string, string>,
  merged: number[],
): Generator<void, Segmentation, void> {
  const sentences: ProseSentence[] = [];
  const ignored: number[] = [];
  // Blocks before this index are read on their own, never with the blocks after them (see below).
  let aloneUntil = 0;
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i];
    if (b.kind === "code") {
      i++;
      continue;
    }
    // micromark-extension-frontmatter is only used on closed front matter: on an unclosed
    // "---" it leaves the parser in a state that misreads the rest of the input.
    const withFrontmatter = b.kind === "frontmatter";
    let r = yield* blockResult(text, b.start, b.end, format, withFrontmatter, defined, b.kind === "markdown" ? blocks : undefined, i);
    let j = i + 1;
    if (r.openAtEnd && i >= aloneUntil) {
      // Parse again with the following blocks, each time about twice as many characters, so
      // that a construct running on costs time linear in its length, until the run is closed
      // at its end or reaches the end of the draft.
      let run = r;
      let end = j;
      while (run.openAtEnd && end < blocks.length) {
        const want = 2 * (blocks[end - 1].end - b.start);
        let next = end;
        do next++;
        while (next < blocks.length && blocks[next - 1].end - b.start < want);
        while (next > end && blocks[next - 1].end - b.start > MAX_PARSE) next--;
        if (next === end) break;
        end = next;
        run = yield* blockResult(text, b.start, blocks[end - 1].end, format, withFrontmatter, defined);
      }
      if (!run.openAtEnd || end === blocks.length) {
        r = run;
        j = end;
      } else {
        // Still open after MAX_PARSE characters, more than micromark is asked about at once:
        // this block and the ones the run covered are read each on its own, as the block
        // scanner cut them (so what the scanner could not place, such as a fence it took for
        // one inside a list item, may be read differently from a parse of the whole draft).
        aloneUntil = end;
      }
    }
    if (j > i + 1) merged.push(i, j);
    if (r.base !== b.start) {
      // Re-base the block's sentences to where the block now starts.
      r.base = b.start;
      r.absolute = r.sentences.map((s) => {
        const out: ProseSentence = { start: b.start + s.start, end: b.start + s.end, text: s.text };
        if (s.mask) out.mask = s.mask;
        return out;
      });
    }
    for (const s of r.absolute) sentences.push(s);
    for (const l of r.ignoreLines) ignored.push(b.line + l);
    i = j;
    yield;
  }
  return { sentences, ignoredLines: ignored };
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * Reference implementation for tests: parse the whole Markdown draft at once, without blocks
 * or block caches. `segmentDraft` must give the same sentences (it is much faster on big
 * drafts: micromark slows down on long input).
 */
export function segmentMarkdownWhole(text: string): ProseSentence[] {
  const r = computeBlock(text, layoutMarkdown(text, splitBlocks(text, "markdown")[0]?.kind === "frontmatter", "", Infinity));
  return r.sentences.map((s) => {
    const out: ProseSentence = { start: s.start, end: s.end, text: s.text };
    if (s.mask) out.mask = s.mask;
    return out;
  });
}

/** `sentence.text` with its masked ranges replaced by spaces (same length, so offsets still hold). */
export function proseText(sentence: ProseSentence): string {
  const mask = sentence.mask;
  if (!mask || mask.length === 0) return sentence.text;
  let out = "";
  let at = 0;
  for (const [a, b] of mask) {
    out += sentence.text.slice(at, a) + " ".repeat(b - a);
    at = b;
  }
  return out + sentence.text.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Block scanner

const enum Mode {
  None,
  Fence,
  /** HTML blocks of kinds 1–5 (comments, <script>, <pre> …): end at a marker, not at a blank line. */
  HtmlToMarker,
  /** HTML blocks of kinds 6–7: end at a blank line. */
  HtmlToBlank,
}

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const FRONTMATTER_FENCE = /^---[ \t]*$/;
const HTML_KIND_6 =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i;
const HTML_KIND_7 =
  /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

/** Top-level blocks of a draft (see the file comment). Blank lines between blocks belong to none. */
export function splitBlocks(text: string, format: SegmentFormat): DraftBlock[] {
  return runSteps(splitBlockSteps(text, format));
}

/** `splitBlocks` in steps (see segmentDraftSteps): yields every SCAN_STEP_LINES lines. */
function splitBlockSteps(text: string, format: SegmentFormat): Generator<void, DraftBlock[], void> {
  return format === "markdown" ? splitMarkdown(text) : splitPlain(text);
}

/** Lines the block scanner handles between two yields (well under a millisecond, unless wink is asked about many line breaks). */
const SCAN_STEP_LINES = 256;

function* splitPlain(text: string): Generator<void, DraftBlock[], void> {
  const blocks: DraftBlock[] = [];
  let start = -1;
  let startLine = 0;
  let end = 0;
  let line = 0;
  for (let pos = 0; ; line++) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const le = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (isBlankRange(text, pos, le)) {
      if (start >= 0) blocks.push({ start, end, line: startLine, kind: "plaintext" });
      start = -1;
    } else {
      // A long paragraph (often a whole draft written one paragraph per line, with no blank
      // lines) is also cut at line breaks where a sentence ends, as confirmed by wink on a
      // small window around the break, so that editing it stays incremental.
      if (start >= 0 && pos - start > LONG_BLOCK && looksLikeSentenceEnd(text, pos - 1) && winkSplitsAt(text, pos - 1)) {
        blocks.push({ start, end, line: startLine, kind: "plaintext" });
        start = -1;
      }
      if (start < 0) {
        start = pos;
        startLine = line;
      }
      end = le;
    }
    if (nl >= text.length) break;
    pos = nl + 1;
    if (line % SCAN_STEP_LINES === 0) yield;
  }
  if (start >= 0) blocks.push({ start, end, line: startLine, kind: "plaintext" });
  return blocks;
}

function* splitMarkdown(text: string): Generator<void, DraftBlock[], void> {
  const blocks: DraftBlock[] = [];
  let pos = 0;
  let line = 0;

  // YAML front matter: "---" on the first line, up to the next "---" line.
  if (text.startsWith("---")) {
    const firstNl = text.indexOf("\n");
    if (firstNl > 0 && FRONTMATTER_FENCE.test(stripCr(text.slice(0, firstNl)))) {
      let p = firstNl + 1;
      for (let l = 1; p <= text.length; l++) {
        let nl = text.indexOf("\n", p);
        if (nl < 0) nl = text.length;
        const lt = stripCr(text.slice(p, nl));
        if (FRONTMATTER_FENCE.test(lt)) {
          blocks.push({ start: 0, end: p + lt.length, line: 0, kind: "frontmatter" });
          pos = nl + 1;
          line = l + 1;
          break;
        }
        if (nl >= text.length) break;
        p = nl + 1;
      }
    }
  }

  let mode = Mode.None;
  let fenceCode = 0;
  let fenceLength = 0;
  let htmlEnd: RegExp | undefined;
  let prevBlank = true;
  // The lowest content column any list item open here may have (Infinity: none is open). A
  // fence indented less than that cannot be inside a list item, so it is top-level code. Only
  // an unindented line after a blank line (or the start) certainly closes every list item.
  let minContent = Infinity;
  // An indented fence was seen that may be inside a list item or not: any later indented fence
  // line may be its closing one, so none is taken for an opening one from then on.
  let maybeInFence = false;
  let start = -1;
  let startLine = 0;
  let end = 0;
  const flush = (kind: DraftBlock["kind"]) => {
    if (start >= 0) blocks.push({ start, end, line: startLine, kind });
    start = -1;
  };

  for (; pos <= text.length; line++) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const le = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    // First non-space character of the line (ordinary prose lines need nothing else).
    let fc = pos;
    let tab = false;
    for (let c = text.charCodeAt(fc); fc < le && (c === 32 || c === 9); c = text.charCodeAt(++fc)) tab ||= c === 9;
    const blank = fc === le;
    const first = blank ? -1 : text.charCodeAt(fc);
    // Columns of indentation, as far as "up to 3 spaces" is concerned (a tab reaches column 4).
    const indent = tab ? 4 : fc - pos;

    if (mode === Mode.Fence) {
      if (!blank) end = le;
      if ((first === fenceCode) && indent <= 3) {
        const close = FENCE_CLOSE.exec(text.slice(pos, le));
        if (close && close[1].length >= fenceLength) {
          flush("code");
          mode = Mode.None;
        }
      }
      prevBlank = false;
    } else if (mode === Mode.HtmlToMarker) {
      if (!blank) end = le;
      if (htmlEnd!.test(text.slice(pos, le))) mode = Mode.None;
      prevBlank = false;
    } else if (blank) {
      prevBlank = true;
      if (mode === Mode.HtmlToBlank) mode = Mode.None;
    } else {
      const col0 = indent === 0;
      if (col0 && prevBlank && mode === Mode.None) minContent = Infinity;
      // A fence indented 1–3 columns is found here too when it is certainly not inside a list
      // item; otherwise the parse of its block ends open and the blocks after it are parsed
      // with it (assemble).
      let fence = mode === Mode.None && (first === 96 || first === 126) && indent <= 3 ? FENCE_OPEN.exec(text.slice(fc, le)) : null;
      if (fence && fence[1][0] === "`" && fence[2].includes("`")) fence = null; // inline code, not a fence
      if (fence && !col0 && (indent >= minContent || maybeInFence)) {
        maybeInFence = true;
        fence = null;
      }
      if (indent <= 3) {
        const w = listMarkerWidth(text, fc, le);
        if (w > 0) minContent = Math.min(minContent, indent + w + 1);
      }
      if (fence) {
        flush("markdown");
        start = pos;
        startLine = line;
        end = le;
        mode = Mode.Fence;
        fenceCode = fence[1].charCodeAt(0);
        fenceLength = fence[1].length;
      } else {
        if (start >= 0 && col0 && mode === Mode.None && prevBlank) {
          flush("markdown");
        } else if (start >= 0 && mode === Mode.None && pos - start > LONG_BLOCK && longRunCut(text, pos, fc, le, indent, pos - start)) {
          // A long run without blank lines (a long list, headings with text under them, a draft
          // written one paragraph per line) is cut too, where the prose stays the same:
          // micromark gets slower per character on long input, and cannot be given more than
          // MAX_PARSE characters at once (markdown-limits.ts).
          flush("markdown");
        }
        if (start < 0) {
          start = pos;
          startLine = line;
        }
        end = le;
        if (mode === Mode.None && first === 60 /* < */ && indent <= 3) {
          const lineText = text.slice(pos, le);
          const t = text.slice(fc, le);
          for (const [open, close] of HTML_BLOCK_ENDS) {
            if (open.test(t)) {
              if (!close.test(t)) {
                mode = Mode.HtmlToMarker;
                htmlEnd = close;
              }
              break;
            }
          }
          if (mode === Mode.None && (HTML_KIND_6.test(lineText) || (prevBlank && HTML_KIND_7.test(lineText)))) {
            mode = Mode.HtmlToBlank;
          }
        }
      }
      prevBlank = false;
    }
    if (nl >= text.length) break;
    pos = nl + 1;
    if (line % SCAN_STEP_LINES === 0) yield;
  }
  flush(mode === Mode.Fence ? "code" : "markdown");
  return blocks;
}

/** Blocks longer than this are also cut before bullet items, ATX headings and sentences (longRunCut). */
const LONG_BLOCK = 4096;

/** Runs longer than this are cut before any unindented line that may start a paragraph (longRunCut). */
const FORCED_CUT = 6144;

/**
 * Whether a long run of lines (`run` characters so far) may be cut before this line (`fc`: its
 * first non-space character), so that no block is longer than micromark can take
 * (markdown-limits.ts):
 *  - before a bullet item or an ATX heading indented at most 3 columns: either ends whatever
 *    precedes it, so the prose is the same;
 *  - before an unindented line starting with a letter or an opening quote, when the line
 *    before ends a sentence (as wink confirms): the two paragraphs have the prose of the one;
 *  - past FORCED_CUT characters, before any unindented line that would start a paragraph of
 *    its own (not a setext underline, an HTML tag or a number, which could read differently).
 * Inline markup running across a cut (emphasis, a link, a code span over a line break) is then
 * read as text, and a sentence running across a forced cut as two.
 */
function longRunCut(text: string, pos: number, fc: number, le: number, indent: number, run: number): boolean {
  if (indent > 3) return false;
  if (startsListItemOrHeading(text, fc, le)) {
    if (indent === 0) return true;
    // An indented bullet only with text after it (an empty one could be a setext underline).
    const w = listMarkerWidth(text, fc, le);
    return w === 0 || /\S/.test(text.slice(fc + w, le));
  }
  if (indent > 0) return false;
  if (run > FORCED_CUT && !FORCED_CUT_AVOIDS.test(text.slice(pos, pos + 1))) return true;
  return PROSE_START.test(text.slice(pos, pos + 2)) && looksLikeSentenceEnd(text, pos - 1) && winkSplitsAt(text, pos - 1);
}

const PROSE_START = /^[\p{L}"'“‘]/u;
const FORCED_CUT_AVOIDS = /^[-=<0-9]/;

function startsListItemOrHeading(text: string, pos: number, le: number): boolean {
  const c = text.charCodeAt(pos);
  const next = pos + 1 < le ? text.charCodeAt(pos + 1) : -1;
  if (c === 45 || c === 43 || c === 42) return next === 32 || next === 9; // "- ", "+ ", "* "
  if (c !== 35) return false; // "#"
  let i = pos;
  while (i < le && i - pos < 7 && text.charCodeAt(i) === 35) i++;
  const n = i - pos;
  return n <= 6 && (i === le || text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9);
}

function stripCr(s: string): string {
  return s.endsWith("\r") ? s.slice(0, -1) : s;
}

function isBlankRange(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Per-block segmentation and caches

interface RelSentence {
  start: number;
  end: number;
  text: string;
  mask?: [number, number][];
}

interface BlockResult {
  /** Offsets relative to the block. */
  sentences: RelSentence[];
  /** Lines relative to the block's first line. */
  ignoreLines: number[];
  openAtEnd: boolean;
  /** The sentences re-based to `base`, kept so an unmoved block costs no allocation. */
  base: number;
  absolute: ProseSentence[];
}

const BLOCK_CACHE_SIZE = 50_000;
const SPAN_CACHE_SIZE = 100_000;
/** Longer blocks are not cached: each version would pin its whole text (they are rebuilt from cached pieces). */
const MAX_CACHED_TEXT = 64 * 1024;
/** Block results by block text, one cache per way of parsing it. */
const blockCaches = {
  markdown: new LruCache<BlockResult>(BLOCK_CACHE_SIZE),
  frontmatter: new LruCache<BlockResult>(16),
  plaintext: new LruCache<BlockResult>(BLOCK_CACHE_SIZE),
};
const spanCache = new LruCache<number[]>(SPAN_CACHE_SIZE);
const windowCache = new LruCache<boolean>(SPAN_CACHE_SIZE);

export interface CacheStats {
  size: number;
  hits: number;
  misses: number;
}

/** Hit and miss counts of the block cache and the sentence-boundary cache (for tests and diagnostics). */
export function segmentCacheStats(): { blocks: CacheStats; spans: CacheStats } {
  return {
    blocks: {
      size: blockCaches.markdown.size + blockCaches.frontmatter.size + blockCaches.plaintext.size,
      hits: blockCaches.markdown.hits + blockCaches.frontmatter.hits + blockCaches.plaintext.hits,
      misses: blockCaches.markdown.misses + blockCaches.frontmatter.misses + blockCaches.plaintext.misses,
    },
    spans: { size: spanCache.size, hits: spanCache.hits, misses: spanCache.misses },
  };
}

/** Forget every cached block and sentence boundary (and reset the statistics). */
export function clearSegmentCache(): void {
  for (const c of Object.values(blockCaches)) c.clear();
  definitionCache.clear();
  spanCache.clear();
  memo = undefined;
  windowCache.clear();
}

const definitionCache = new LruCache<string[]>(BLOCK_CACHE_SIZE);

/**
 * Link reference definitions anywhere in the draft (normalised label → label as written).
 * A block parsed alone must still see them, or "[text][ref]" would read as prose with its
 * label. Only text containing "]:" can define one; it is parsed (once: cached) to find out
 * what it really defines. `groups[i]` is the end (exclusive) of the run of blocks parsed
 * together starting at block i (normally i + 1).
 */
function* linkDefinitions(text: string, blocks: DraftBlock[], groups: readonly number[]): Generator<void, Map<string, string>, void> {
  const defined = new Map<string, string>();
  let at = -1;
  for (let i = 0; i < blocks.length; i = Math.max(groups[i], i + 1)) {
    const b = blocks[i];
    if (b.kind === "frontmatter") continue;
    const end = blocks[groups[i] - 1].end;
    if (b.kind === "code" && groups[i] === i + 1) continue;
    if (at < b.start) at = text.indexOf("]:", b.start);
    if (at < 0) break;
    if (at >= end) continue;
    const src = text.slice(b.start, end);
    let labels = definitionCache.get(src);
    if (!labels) {
      labels = definedLabels(src);
      definitionCache.set(src, labels);
      yield; // a parse: a step's worth of work
    }
    for (const l of labels) if (!defined.has(normalizeLabel(l))) defined.set(normalizeLabel(l), l);
  }
  return defined;
}

/**
 * The result for the text from `start` to `end` (one block, or several parsed together), from
 * the cache or computed. The cache key is the text, plus the definitions it is parsed with.
 * On a miss for block `blocks[index]`, the following uncached blocks are parsed with it in
 * one go (prefillBatch).
 */
function* blockResult(
  text: string,
  start: number,
  end: number,
  format: SegmentFormat,
  withFrontmatter: boolean,
  defined: ReadonlyMap<string, string>,
  blocks?: DraftBlock[],
  index = 0,
): Generator<void, BlockResult, void> {
  const src = text.slice(start, end);
  const cache = blockCaches[format === "plaintext" ? "plaintext" : withFrontmatter ? "frontmatter" : "markdown"];
  const defs = format === "markdown" && !withFrontmatter ? definitionsFor(src, defined) : "";
  const key = defs ? `${src}\u0000${defs}` : src;
  const hit = cache.get(key);
  if (hit) return hit;
  if (blocks) {
    yield* prefillBatch(text, blocks, index, defined);
    const batched = cache.peek(key);
    if (batched) return batched;
  }
  const cacheable = src.length <= MAX_CACHED_TEXT;
  const own = cacheable ? detach(src) : src;
  const layout: ProseLayout =
    format === "plaintext" ? plainTextLayout(own, plainUnits(own)) : layoutMarkdown(own, withFrontmatter, defs);
  const result = computeBlock(own, layout);
  if (cacheable) cache.set(defs ? key : own, result);
  return result;
}

/**
 * Prose units of a plain-text block. A title line ("No NATO Membership for Ukraine" above a
 * paragraph) has no sentence punctuation to end it, so sentence splitting would glue it to the
 * next sentence; a short capitalised line without terminal punctuation, followed by a line that
 * starts a new sentence, is its own unit. Hard-wrapped prose keeps its lines together: its lines
 * are long, or the next line continues in lower case.
 */
function plainUnits(own: string): number[] {
  const units: number[] = [];
  let start = 0;
  let lineStart = 0;
  for (let nl = own.indexOf("\n"); nl >= 0; lineStart = nl + 1, nl = own.indexOf("\n", nl + 1)) {
    // Only the first MAX_TITLE_CHARS of a line are looked at: a title is short.
    if (nl - lineStart > MAX_TITLE_CHARS) continue;
    const line = own.slice(lineStart, nl).replace(/\r$/, "");
    const next = own.slice(nl + 1, nl + 2);
    if (isTitleLine(line) && /\p{Lu}|\p{N}|["“‘']/u.test(next)) {
      if (lineStart > start) units.push(start, lineStart);
      units.push(lineStart, lineStart + line.length);
      start = nl + 1;
    }
  }
  units.push(start, own.length);
  return units;
}

const MAX_TITLE_WORDS = 12;
const MAX_TITLE_CHARS = 120;

function isTitleLine(line: string): boolean {
  const t = line.trim();
  if (!t || !/^\p{Lu}/u.test(t) || /[.!?:;,…"”’')\]-]$/.test(t)) return false;
  return t.split(/\s+/).length <= MAX_TITLE_WORDS;
}

function computeBlock(own: string, layout: ProseLayout): BlockResult {
  const sentences: RelSentence[] = [];
  for (let k = 0; k < layout.units.length; k += 2) {
    sentencesInUnit(own, layout.classes, layout.units[k], layout.units[k + 1], sentences);
  }
  return { sentences, ignoreLines: layout.ignoreLines, openAtEnd: layout.openAtEnd, base: -1, absolute: [] };
}

/** At most this many blocks, and characters, are parsed in one micromark call. */
const BATCH_BLOCKS = 16;
const BATCH_CHARS = 8192;

/**
 * Fill the cache for the run of uncached Markdown blocks starting at `blocks[i]` with one
 * parse (micromark costs ≈0.1 ms per call on top of its per-character cost). Blocks that need
 * no parse (plain paragraphs) ride along; the run stops at a cached block. Does nothing if the
 * run does not parse block by block (see layoutMarkdownBatch): results never depend on batching.
 */
function* prefillBatch(text: string, blocks: DraftBlock[], i: number, defined: ReadonlyMap<string, string>): Generator<void, void, void> {
  const base = blocks[i].start;
  const ranges: number[] = [];
  const keys: (string | undefined)[] = [];
  const defs = new Set<string>();
  let parsed = 0;
  for (let j = i; j < blocks.length && ranges.length < 2 * BATCH_BLOCKS; j++) {
    const b = blocks[j];
    if (b.kind !== "markdown" || b.end - base > BATCH_CHARS) break;
    const src = text.slice(b.start, b.end);
    const d = definitionsFor(src, defined);
    const key = d ? `${src}\u0000${d}` : src;
    if (blockCaches.markdown.has(key)) break;
    const plain = !d && isPlainParagraph(src);
    if (!plain) parsed++;
    if (d) for (const line of d.split("\n")) defs.add(line);
    ranges.push(b.start - base, b.end - base);
    keys.push(plain ? undefined : key);
  }
  if (parsed < 2) return;
  const combined = text.slice(base, base + ranges[ranges.length - 1]);
  const layouts = layoutMarkdownBatch(combined, ranges, [...defs].sort().join("\n"));
  if (!layouts) return;
  for (let k = 0; k < layouts.length; k++) {
    const key = keys[k];
    if (key === undefined) continue;
    const own = detach(text.slice(base + ranges[2 * k], base + ranges[2 * k + 1]));
    blockCaches.markdown.set(key, computeBlock(own, layouts[k]));
    yield;
  }
}

const HAS_WORD = /[\p{L}\p{N}]/u;

function sentencesInUnit(src: string, cls: Uint8Array | null, ua: number, ub: number, out: RelSentence[]): void {
  const blanked = cls ? blankOut(src, cls, ua, ub) : src.slice(ua, ub);
  if (!HAS_WORD.test(blanked)) return;
  const spans = joinLowerCaseStarts(blanked, spansOf(blanked), cls, ua);
  const n = spans.length >> 1;
  // Sentence ranges run from the first to the last word, plus the markup that belongs to them:
  // markup touching the last word ("claim.**", "[text](http://…)") ends the sentence, markup
  // touching the first word ("**Bold** claim") or standing alone before it ("`code` starts")
  // starts it, and markup after the last sentence of the unit ends that one.
  const starts = new Array<number>(n);
  const ends = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    let e = ua + spans[2 * k + 1];
    if (cls) {
      const ceiling = k + 1 < n ? ua + spans[2 * k + 2] : ub;
      while (e < ceiling && cls[e] === MARKUP) e++;
    }
    ends[k] = e;
  }
  for (let k = 0; k < n; k++) {
    let s = ua + spans[2 * k];
    if (cls) {
      let floor = k > 0 ? ends[k - 1] : ua;
      while (s > floor && cls[s - 1] === MARKUP) s--;
      if (k > 0) {
        // Markup left on the previous sentence's line ("Done. <!-- note -->⏎Next") is its.
        // (Looked for back to `floor` only: lastIndexOf would scan a one-line unit to its start.)
        let nl = s - 1;
        while (nl >= floor && src.charCodeAt(nl) !== 10) nl--;
        if (nl >= floor) {
          for (let i = nl - 1; i >= floor; i--) {
            if (cls[i] === MARKUP) {
              ends[k - 1] = i + 1;
              break;
            }
          }
          floor = nl;
        }
      }
      for (let i = floor; i < s; i++) {
        if (cls[i] === MARKUP) {
          s = i;
          break;
        }
      }
    }
    starts[k] = s;
  }
  if (cls && n > 0) {
    for (let i = ub - 1; i >= ends[n - 1]; i--) {
      if (cls[i] === MARKUP) {
        ends[n - 1] = i + 1;
        break;
      }
    }
  }
  for (let k = 0; k < n; k++) {
    if (!HAS_WORD.test(blanked.slice(spans[2 * k], spans[2 * k + 1]))) continue;
    let s = starts[k];
    let e = ends[k];
    while (s < e && isSpace(src.charCodeAt(s))) s++;
    while (e > s && isSpace(src.charCodeAt(e - 1))) e--;
    if (e <= s) continue;
    const sentence: RelSentence = { start: s, end: e, text: src.slice(s, e) };
    if (cls) {
      const mask: [number, number][] = [];
      for (let i = s; i < e; i++) {
        if (cls[i] === PROSE) continue;
        const a = i;
        while (i < e && cls[i] !== PROSE) i++;
        mask.push([a - s, i - s]);
      }
      if (mask.length) sentence.mask = mask;
    }
    out.push(sentence);
  }
}

/** `src.slice(a, b)` with every non-prose character except line breaks replaced by a space. */
function blankOut(src: string, cls: Uint8Array, a: number, b: number): string {
  let out = "";
  let run = a;
  for (let i = a; i < b; i++) {
    if (cls[i] === PROSE) continue;
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) continue;
    if (i > run) out += src.slice(run, i);
    out += " ";
    run = i + 1;
  }
  return run === a ? src.slice(a, b) : out + src.slice(run, b);
}

// ---------------------------------------------------------------------------------------------
// Sentence boundaries within one unit

/** Above this many characters a unit is cut at confirmed sentence boundaries before wink runs. */
const LARGE_UNIT = 5000;
/** Characters of context on each side of a line break when asking wink whether it ends a sentence. */
const WINDOW = 48;

/**
 * Abbreviations wink-nlp's model does not know, that (nearly) always precede a name or a
 * number, so a sentence boundary wink puts right after them is wrong.
 */
const JOIN_AFTER = new Set([
  "Pres", "Adm", "Rev", "Hon", "Msgr", "Supt", "Atty", "Cmdr", "Brig", "Fig", "Figs", "Vol", "Vols", "cf",
]);

/** wink sentence spans of `t` (flat [start, end, …]), corrected and cached. */
function spansOf(t: string): number[] {
  if (t.length > LARGE_UNIT) return largeUnitSpans(t); // its pieces are cached instead
  const hit = spanCache.get(t);
  if (hit) return hit;
  const spans = correctedSpans(t);
  spanCache.set(t, spans);
  return spans;
}

function correctedSpans(t: string): number[] {
  const raw = sentenceSpans(t);
  const out: number[] = [];
  for (let k = 0; k < raw.length; k += 2) {
    const s = raw[k];
    const e = raw[k + 1];
    if (out.length && wronglySplit(t, out[out.length - 2], out[out.length - 1])) out[out.length - 1] = e;
    else out.push(s, e);
  }
  return out;
}

/** wink ended a sentence at `prevEnd` right after an abbreviation it does not know ("Rev. Smith"). */
function wronglySplit(t: string, prevStart: number, prevEnd: number): boolean {
  if (t.charCodeAt(prevEnd - 1) !== 46 /* . */) return false;
  const m = /([A-Za-z]+)\.$/.exec(t.slice(Math.max(prevStart, prevEnd - 12), prevEnd));
  return m !== null && JOIN_AFTER.has(m[1]);
}

/**
 * A "sentence" wink starts with a lower-case letter right after a period ("Smith et al.
 * reported") continues the previous one, unless markup stands between them ("… now.
 * `code` starts …": the code, blanked out, was the real start).
 */
function joinLowerCaseStarts(t: string, spans: number[], cls: Uint8Array | null, offset: number): number[] {
  let out: number[] | undefined;
  for (let k = 2; k < spans.length; k += 2) {
    const prevEnd = out ? out[out.length - 1] : spans[k - 1];
    const s = spans[k];
    let join = t.charCodeAt(prevEnd - 1) === 46 /* . */ && /^\p{Ll}/u.test(t.slice(s, s + 2));
    if (join && cls) for (let i = offset + prevEnd; i < offset + s; i++) if (cls[i] !== PROSE) join = false;
    if (join) {
      out ??= spans.slice(0, k);
      out[out.length - 1] = spans[k + 1];
    } else if (out) {
      out.push(s, spans[k + 1]);
    }
  }
  return out ?? spans;
}

/**
 * A very long unit (typically a plain-text draft with one paragraph per line and no blank
 * lines): cut it at line breaks where a sentence visibly ends and wink, asked about a small
 * window around the break, agrees; then segment (and cache) each piece on its own.
 */
function largeUnitSpans(t: string): number[] {
  const cuts = [0];
  for (let line = 0; line < t.length; ) {
    let nl = t.indexOf("\n", line);
    if (nl < 0) nl = t.length;
    if (nl - line > LARGE_UNIT) cutLongLine(t, line, nl, cuts);
    if (nl < t.length && looksLikeSentenceEnd(t, nl) && winkSplitsAt(t, nl)) cuts.push(nl + 1);
    line = nl + 1;
  }
  cuts.push(t.length);
  const out: number[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const piece = t.slice(a, cuts[k + 1]);
    if (!HAS_WORD.test(piece)) continue;
    let spans = spanCache.get(piece);
    if (!spans) {
      spans = correctedSpans(piece);
      spanCache.set(piece, spans);
    }
    for (const x of spans) out.push(a + x);
  }
  return out;
}

/**
 * Cuts inside one very long line (a paragraph written on one line, a whole draft without line
 * breaks) at sentence ends, so that an edit re-segments one piece, not the whole line. To keep
 * the cuts where they are when text before them changes, only some sentence ends are tried,
 * chosen by the characters just before them (about one in CUT_SPACING), and wink must agree.
 */
function cutLongLine(t: string, from: number, to: number, cuts: number[]): void {
  SENTENCE_END.lastIndex = from;
  for (let m = SENTENCE_END.exec(t); m && m.index < to; m = SENTENCE_END.exec(t)) {
    const ws = m.index + m[0].length - 1;
    if (ws >= to) break;
    let h = 0;
    for (let i = Math.max(from, ws - 12); i < ws; i++) h = (h * 31 + t.charCodeAt(i)) | 0;
    if ((h & (CUT_SPACING - 1)) === 0 && looksLikeSentenceEnd(t, ws) && winkSplitsAt(t, ws)) cuts.push(ws + 1);
  }
}

/** Sentence punctuation, closing quotes or brackets, then the whitespace after them. */
const SENTENCE_END = /[.!?…]["')\]’”»]*[ \t]/g;
/** About one sentence end in this many (a power of two) is tried as a cut in a long line. */
const CUT_SPACING = 8;

function looksLikeSentenceEnd(t: string, nl: number): boolean {
  let p = nl - 1;
  while (p >= 0 && isSpace(t.charCodeAt(p))) p--;
  while (p >= 0 && "\"')]’”»".includes(t[p])) p--;
  if (p < 0 || !".!?…".includes(t[p])) return false;
  if (t[p] === ".") {
    const m = /([A-Za-z]+)\.$/.exec(t.slice(Math.max(0, p - 11), p + 1));
    if (m && JOIN_AFTER.has(m[1])) return false;
  }
  let q = nl + 1;
  while (q < t.length && isSpace(t.charCodeAt(q))) q++;
  return q < t.length && !/^\p{Ll}/u.test(t.slice(q, q + 2));
}

function winkSplitsAt(t: string, nl: number): boolean {
  // Start and end the window at whitespace so that no word is cut in two.
  let a = Math.max(0, nl - WINDOW);
  while (a > 0 && a < nl && !isSpace(t.charCodeAt(a - 1))) a++;
  let b = Math.min(t.length, nl + 1 + WINDOW);
  while (b < t.length && b > nl + 1 && !isSpace(t.charCodeAt(b))) b--;
  const w = t.slice(a, b);
  let q = nl + 1;
  while (q < b && isSpace(t.charCodeAt(q))) q++;
  const key = `${q - a}:${w}`;
  let split = windowCache.get(key);
  if (split === undefined) {
    const spans = correctedSpans(w);
    split = false;
    for (let k = 0; k < spans.length; k += 2) if (spans[k] === q - a) split = true;
    windowCache.set(key, split);
  }
  return split;
}

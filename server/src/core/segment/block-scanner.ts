// The block scanner: cuts a draft into top-level blocks with a cheap line scanner, so that each block
// can be parsed and segmented on its own (and cached by its text). A new block starts at an unindented
// line after a blank line, at a code fence that is certainly top-level (unindented, or indented less
// than any list item's content), and in long runs without blank lines at bullet items, ATX headings
// and sentence ends (longRunCut). The scanner follows fenced code, front matter and HTML blocks so it
// does not cut inside them. Parsing each block alone gives the same prose as parsing the whole draft;
// that matters beyond speed, since micromark gets slower per character as its input grows, and is
// never given more than MAX_PARSE characters at once (markdown-limits.ts).
import { HTML_BLOCK_ENDS } from "../markdown-prose.js";
import { listMarkerWidth } from "../markdown-limits.js";
import type { SegmentFormat } from "./sentence.js";

/** Where a sentence ends, as wink confirms it (boundaries.ts): the block scanner cuts long runs only there. */
export interface SentenceEnds {
  /** Whether a sentence visibly ends just before offset `at` + 1 (a line break, a space) and wink agrees. */
  confirmedAt(text: string, at: number): boolean;
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
  /**
   * Present when the block starts where the scan depends on nothing before it but this value (a resync
   * point): an unindented line after a blank line with no fence, HTML block or front matter open (in plain
   * text: the first line after a blank line). Its value is the one piece of state the Markdown scanner
   * carries across such a line (an indented fence seen that may be inside a list item); false in plain text.
   * An incremental re-scan starts at such a block and stops at the next one past the edit (scanBlockSteps).
   */
  sync?: boolean;
}

/**
 * Where an incremental scan starts and when it may stop: it starts at a resync block of the previous scan
 * (everything before it unchanged) and stops at the first resync point at or after `from` (the end of the
 * edit, in the new text) for which `stop(offset, sync)` says the previous scan had a resync block there,
 * with the same state: from there on the two scans are the same, shifted.
 */
export interface ScanResume {
  pos: number;
  line: number;
  sync: boolean;
  from: number;
  stop(pos: number, sync: boolean): boolean;
}

/** What a scan found: the blocks, and where it stopped (-1: at the end of the text). */
export interface ScanResult {
  blocks: DraftBlock[];
  stoppedAt: number;
}

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

/**
 * The top-level blocks of a draft (see the file comment), in steps: yields every SCAN_STEP_LINES lines.
 * Blank lines between blocks belong to none. `ends` confirms the sentence ends a long run is cut at.
 */
export function* splitBlockSteps(text: string, format: SegmentFormat, ends: SentenceEnds): Generator<void, DraftBlock[], void> {
  return (yield* scanBlockSteps(text, format, ends)).blocks;
}

/** The blocks of `text`, or with `resume`, those from a resync block of the previous scan to where the scan may stop. */
export function scanBlockSteps(
  text: string,
  format: SegmentFormat,
  ends: SentenceEnds,
  resume?: ScanResume,
): Generator<void, ScanResult, void> {
  return format === "markdown" ? splitMarkdown(text, ends, resume) : splitPlain(text, ends, resume);
}

/** Lines the block scanner handles between two yields (well under a millisecond, unless wink is asked about many line breaks). */
const SCAN_STEP_LINES = 256;

function* splitPlain(text: string, ends: SentenceEnds, resume?: ScanResume): Generator<void, ScanResult, void> {
  const blocks: DraftBlock[] = [];
  let start = -1;
  let startLine = 0;
  let startSync = false;
  let end = 0;
  let line = resume?.line ?? 0;
  const push = () =>
    blocks.push(
      startSync ? { start, end, line: startLine, kind: "plaintext", sync: false } : { start, end, line: startLine, kind: "plaintext" },
    );
  for (let pos = resume?.pos ?? 0; ; line++) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const le = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (isBlankRange(text, pos, le)) {
      if (start >= 0) push();
      start = -1;
    } else {
      // A long paragraph (often a whole draft written one paragraph per line, with no blank
      // lines) is also cut at line breaks where a sentence ends, as confirmed by wink on a
      // small window around the break, so that editing it stays incremental.
      if (start >= 0 && pos - start > LONG_BLOCK && ends.confirmedAt(text, pos - 1)) {
        push();
        start = -1;
        startSync = false;
      } else if (start < 0) {
        // After a blank line (or at the start): a resync point.
        if (resume && pos >= resume.from && resume.stop(pos, false)) return { blocks, stoppedAt: pos };
        startSync = true;
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
  if (start >= 0) push();
  return { blocks, stoppedAt: -1 };
}

function* splitMarkdown(text: string, ends: SentenceEnds, resume?: ScanResume): Generator<void, ScanResult, void> {
  const blocks: DraftBlock[] = [];
  let pos = resume?.pos ?? 0;
  let line = resume?.line ?? 0;

  // YAML front matter: "---" on the first line, up to the next "---" line.
  if (!resume && text.startsWith("---")) {
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
  let maybeInFence = resume?.sync ?? false;
  let start = -1;
  let startLine = 0;
  let end = 0;
  /** The block being built started at a resync point, with this state (undefined: it did not). */
  let startSync: boolean | undefined;
  const flush = (kind: DraftBlock["kind"]) => {
    if (start >= 0)
      blocks.push(startSync === undefined ? { start, end, line: startLine, kind } : { start, end, line: startLine, kind, sync: startSync });
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
      if (first === fenceCode && indent <= 3) {
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
      // A resync point: nothing before this line matters to the scan from here on but maybeInFence.
      const sync = col0 && prevBlank && mode === Mode.None;
      if (sync) {
        if (resume && pos >= resume.from && resume.stop(pos, maybeInFence)) {
          flush("markdown");
          return { blocks, stoppedAt: pos };
        }
        minContent = Infinity;
      }
      const syncState = sync ? maybeInFence : undefined;
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
        startSync = syncState;
        end = le;
        mode = Mode.Fence;
        fenceCode = fence[1].charCodeAt(0);
        fenceLength = fence[1].length;
      } else {
        if (start >= 0 && col0 && mode === Mode.None && prevBlank) {
          flush("markdown");
        } else if (
          start >= 0 &&
          mode === Mode.None &&
          pos - start > LONG_BLOCK &&
          longRunCut(text, pos, fc, le, indent, pos - start, ends)
        ) {
          // A long run without blank lines (a long list, headings with text under them, a draft
          // written one paragraph per line) is cut too, where the prose stays the same:
          // micromark gets slower per character on long input, and cannot be given more than
          // MAX_PARSE characters at once (markdown-limits.ts).
          flush("markdown");
        }
        if (start < 0) {
          start = pos;
          startLine = line;
          startSync = syncState;
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
  return { blocks, stoppedAt: -1 };
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
function longRunCut(text: string, pos: number, fc: number, le: number, indent: number, run: number, ends: SentenceEnds): boolean {
  if (indent > 3) return false;
  if (startsListItemOrHeading(text, fc, le)) {
    if (indent === 0) return true;
    // An indented bullet only with text after it (an empty one could be a setext underline).
    const w = listMarkerWidth(text, fc, le);
    return w === 0 || /\S/.test(text.slice(fc + w, le));
  }
  if (indent > 0) return false;
  if (run > FORCED_CUT && !FORCED_CUT_AVOIDS.test(text.slice(pos, pos + 1))) return true;
  return PROSE_START.test(text.slice(pos, pos + 2)) && ends.confirmedAt(text, pos - 1);
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

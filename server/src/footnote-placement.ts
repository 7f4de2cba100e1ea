// Where a new footnote definition goes in a Markdown draft, and with which line breaks.
//
// Footnote definitions gather in one block at the end of the draft: a new one joins a block of
// definitions already there, or starts one after a blank line. When the draft ends inside a
// construct that swallows what follows (a fenced code block or an HTML comment, <pre> … left
// open at the end), appending would put the definition inside it, so it goes just before that
// construct instead. Every line break written is the draft's own (\n, \r\n or a lone \r).
import { HTML_BLOCK_ENDS } from "./core/markdown-prose.js";

export interface FootnotePlacement {
  offset: number;
  /** Line breaks to write before the definition line, and after it. */
  before: string;
  after: string;
}

/** The draft's line ending: its first one, or "\n" when it has none. */
export function lineEnding(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : "\n";
}

/** Where the definition of `label` goes, or undefined when the draft already defines it. */
export function footnotePlacement(text: string, label: string): FootnotePlacement | undefined {
  if (isDefined(text, label)) return undefined;
  const eol = lineEnding(text);
  const open = openConstructAtEnd(text);
  if (open >= 0) {
    // Join a block of definitions standing right before the construct, else stand alone before it.
    let at = open;
    while (at > 0 && lineBefore(text, at).trim() === "") at = lineStart(text, at);
    if (at > 0 && isDefinitionLine(lineBefore(text, at))) return { offset: at, before: "", after: eol };
    const blank = open === 0 || lineBefore(text, open).trim() === "";
    return { offset: open, before: blank ? "" : eol, after: eol + eol };
  }
  let contentEnd = text.length;
  while (contentEnd > 0 && /[\r\n \t]/.test(text[contentEnd - 1])) contentEnd--;
  if (contentEnd === 0) return { offset: text.length, before: "", after: eol };
  const breaks = (text.slice(contentEnd).match(/\r\n|\r|\n/g) ?? []).length;
  const lastLine = lineBefore(text, contentEnd, true);
  const needed = isDefinitionLine(lastLine) ? 1 : 2;
  return { offset: text.length, before: eol.repeat(Math.max(0, needed - breaks)), after: eol };
}

function isDefined(text: string, label: string): boolean {
  for (let i = text.indexOf(label + ":"); i >= 0; i = text.indexOf(label + ":", i + 1)) {
    let j = i;
    while (j > 0 && i - j < 3 && (text[j - 1] === " " || text[j - 1] === "\t")) j--;
    if (j === 0 || text[j - 1] === "\n" || text[j - 1] === "\r") return true;
  }
  return false;
}

function isDefinitionLine(line: string): boolean {
  return /^[ \t]{0,3}\[\^[^\]\s]+\]:/.test(line);
}

/** The start of the line before the one `at` starts. */
function lineStart(text: string, at: number): number {
  let end = at;
  if (end > 0 && text[end - 1] === "\n") end--;
  if (end > 0 && text[end - 1] === "\r") end--;
  while (end > 0 && text[end - 1] !== "\n" && text[end - 1] !== "\r") end--;
  return end;
}

/** The line that ends just before `at` (which starts a line), or, with `containing`, the line `at` ends. */
function lineBefore(text: string, at: number, containing = false): string {
  let end = at;
  if (!containing) {
    if (end > 0 && text[end - 1] === "\n") end--;
    if (end > 0 && text[end - 1] === "\r") end--;
  }
  let start = end;
  while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
  return text.slice(start, end);
}

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The offset of the line that opens a fenced code block or an HTML block of kinds 1–5 (comment,
 * <script>, <pre> …) still open at the end of the draft, or -1. Like the segmenter's block
 * scanner, only constructs at column 0 count: those are the top-level ones, which no container
 * around them closes.
 */
export function openConstructAtEnd(text: string): number {
  let start = -1;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  const lineBreak = /\r\n|\r|\n/g;
  for (let pos = 0; pos <= text.length;) {
    lineBreak.lastIndex = pos;
    const br = lineBreak.exec(text);
    const end = br ? br.index : text.length;
    const line = text.slice(pos, end);
    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
        fence = { char: open[1][0], length: open[1].length };
        start = pos;
      } else if (line.startsWith("<")) {
        for (const [opener, closer] of HTML_BLOCK_ENDS) {
          if (!opener.test(line)) continue;
          if (!closer.test(line.slice(1))) {
            htmlEnd = closer;
            start = pos;
          }
          break;
        }
      }
    }
    if (!br) break;
    pos = end + br[0].length;
  }
  return fence || htmlEnd ? start : -1;
}

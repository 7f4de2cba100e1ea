// What segmentation gives: prose sentences with exact UTF-16 offsets into the draft, each with the ranges
// inside it that are markup rather than words (its mask), and the lines an ignore comment covers.
import type { DraftFormat } from "../../../../protocol/markdown.js";
import type { Sentence } from "../types.js";

/** How a draft is read: Markdown (code, HTML, link targets skipped) or plain text. */
export type SegmentFormat = DraftFormat;

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
  /**
   * Flat [start, end) ranges of code in the draft (Markdown only; fenced and indented code blocks,
   * inline code), ascending and disjoint: a directive written there is an example, not a directive.
   */
  code: number[];
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

/** A letter or a digit: a stretch of text without one holds no sentence. */
export const HAS_WORD = /[\p{L}\p{N}]/u;

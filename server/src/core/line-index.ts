// Offsets to 0-based line/character positions (UTF-16 code units, as JavaScript strings and LSP count
// them): the one line index of the engine, for claims files, sources, drafts and the CLI's reports.

export interface LinePosition {
  line: number;
  character: number;
}

/**
 * What ends a line. "any": "\n", "\r\n" and a lone "\r", as LSP and CommonMark count them (claims files,
 * sources, every position shown to a user). "lf": "\n" alone, as the segmenter's block scanner numbers
 * the lines of a draft (segment/block-scanner.ts), so that a line number it reports means the same line here.
 */
export type LineBreaks = "any" | "lf";

/** Maps offsets in one text to line/character positions. Build once per text; each lookup is a binary search. */
export class LineIndex {
  /**
   * Where each line starts, counted first and then written: typed, and of its final size (a claims file of 100,000
   * claims has 1.2 million lines; grown a push at a time, as an array of numbers, they were ≈ 20 MB of heap, half of
   * it the copies growing left behind, for an index a load reads a few hundred thousand times and lets go).
   */
  private readonly starts: Uint32Array;

  constructor(
    readonly text: string,
    breaks: LineBreaks = "any",
  ) {
    // A text without "\r" breaks only at "\n" either way, and indexOf finds those many times faster than a loop.
    const lf = breaks === "lf" || !text.includes("\r");
    const starts = new Uint32Array(lineBreaks(text, lf, undefined) + 1);
    lineBreaks(text, lf, starts);
    this.starts = starts;
  }

  /** How many lines the text has (a text without line breaks has one). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where a 0-based line starts; undefined past the last line. */
  lineStart(line: number): number | undefined {
    return this.starts[line];
  }

  /** Offsets outside the text are clamped to it. */
  positionAt(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
}

/**
 * Counts the line breaks of `text` ("\n" alone when `lf`, else "\n", "\r\n" and a lone "\r"); with `starts`, also
 * writes where each line starts (starts[0] = 0, then one past each break).
 */
function lineBreaks(text: string, lf: boolean, starts: Uint32Array | undefined): number {
  let n = 0;
  if (lf) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      n++;
      if (starts) starts[n] = i + 1;
    }
    return n;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (c !== 10 /* \n */) continue;
    n++;
    if (starts) starts[n] = i + 1;
  }
  return n;
}

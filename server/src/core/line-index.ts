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
  private readonly starts: number[];

  constructor(
    readonly text: string,
    breaks: LineBreaks = "any",
  ) {
    const starts = [0];
    // A text without "\r" breaks only at "\n" either way, and indexOf finds those many times faster than a loop.
    if (breaks === "lf" || !text.includes("\r")) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        } else if (c === 10 /* \n */) {
          starts.push(i + 1);
        }
      }
    }
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

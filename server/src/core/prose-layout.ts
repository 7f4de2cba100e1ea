// What the Markdown reader hands segmentation for one block: which characters are prose, the prose
// units, the lines an ignore comment covers, and whether the block ends inside an open construct.
// In a file of its own so the readers (markdown-prose.ts, markdown-limits.ts) share it without a cycle.

/** The class of a character in ProseLayout.classes: outside the prose (markup, code, HTML), prose, or inline markup. */
export const OUTSIDE = 0;
export const PROSE = 1;
export const MARKUP = 2;

/** The prose of one block. */
export interface ProseLayout {
  /** Class of each UTF-16 code unit (OUTSIDE/PROSE/MARKUP), or null when every character is prose. */
  classes: Uint8Array | null;
  /** Flat list of [start, end) unit ranges, in document order. */
  units: number[];
  /** 0-based lines (relative to the input) that follow a `<!-- factcheck-ignore-next-line -->` comment. */
  ignoreLines: number[];
  /**
   * Flat [start, end) ranges of code, in document order: fenced and indented code blocks and
   * inline code spans. Absent: none. What looks like a directive there is an example, not one
   * (draft-marks.ts ignoreDirectives).
   */
  code?: number[];
  /**
   * The input ends inside a construct that a following blank line does not close (an unclosed
   * fenced code block, HTML comment, `<script>` … block): the caller must parse it together
   * with what follows.
   */
  openAtEnd: boolean;
  /**
   * When open at the end: where the open construct starts, whether it is inside a block quote
   * or list item (which an unindented line ends, and it with them), and the [start, end) ranges
   * of every code and HTML block (the open one included). A later block boundary that none of
   * them spans, before `from`, is a point where the parse could restart (segment.ts).
   */
  open?: { from: number; nested: boolean; blocks: number[] };
}

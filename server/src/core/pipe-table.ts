// A GFM pipe table inside a paragraph's prose: CommonMark (which the Markdown readers parse) reads a table as a
// paragraph whose pipes are text, and segmentation cuts it into one unit per cell, so that no sentence runs
// from one cell into the next. Shared by the micromark reader (markdown-prose.ts) and the shortcut that reads
// simple blocks without it (simple-inline.ts): both must cut a table the same way.
import { OUTSIDE, PROSE } from "./prose-layout.js";

/** A table's delimiter row ("| --- | :-: |"), as its prose reads. */
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;

/**
 * When the paragraph whose inline content is `src[a, b)` (classified in `classes`) is a pipe table — a header
 * row and a delimiter row holding "|", then body rows — marks the delimiter row and the cells' pipes OUTSIDE,
 * appends each cell's range to `units` and returns true; otherwise changes nothing and returns false.
 */
export function pipeTableUnits(src: string, classes: Uint8Array, a: number, b: number, units: number[]): boolean {
  const nl1 = src.indexOf("\n", a);
  if (nl1 < 0 || nl1 >= b) return false;
  let nl2 = src.indexOf("\n", nl1 + 1);
  if (nl2 < 0 || nl2 > b) nl2 = b;
  const header = proseOf(src, classes, a, nl1);
  const delimiter = proseOf(src, classes, nl1 + 1, nl2);
  if (!header.includes("|") || !delimiter.includes("|") || !TABLE_DELIMITER.test(delimiter)) return false;
  classes.fill(OUTSIDE, nl1 + 1, nl2);
  for (let ls = a; ls < b;) {
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
}

/** The prose characters of `src[s, e)`. */
function proseOf(src: string, classes: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let i = s; i < e; i++) if (classes[i] === PROSE) out += src[i];
  return out;
}

// Offsets to 0-based line/character positions (UTF-16 code units, as JavaScript strings and LSP count them).
// Line breaks are "\n", "\r\n" and "\r", as in LSP.

export interface LinePosition {
  line: number;
  character: number;
}

/** Maps offsets in one text to line/character positions. Build once per text; each lookup is a binary search. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
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

/** A JSON Pointer (RFC 6901) for a path of keys and indices: ["claims", 3, "speaker"] → "/claims/3/speaker". */
export function toJsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** The segments of a JSON Pointer, unescaped and still as strings: "/claims/3" → ["claims", "3"]. */
export function fromJsonPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

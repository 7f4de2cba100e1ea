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

/** Deepest nesting of arrays and objects a claims file may have (the format itself needs four levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * Offset of the first "[" or "{" that opens a level deeper than `limit`, or -1 if none. Parsers
 * and validators of JSON trees (jsonc-parser, ajv) recurse once per level and overflow the stack
 * on deeply nested text ("Maximum call stack size exceeded", with no position), so this linear
 * scan runs first. It knows just enough JSON to skip strings and comments (as jsonc-parser's
 * scanner does: a line break ends an unterminated string).
 */
export function jsonTooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) {
      depth--;
    }
  }
  return -1;
}

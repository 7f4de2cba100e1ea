// One linear pass over a claims file's text that JSON.parse cannot make: JSON.parse keeps the last of two equal
// keys without a word, and gives no positions. So the fast path of the loader (loader.ts) counts the keys the text
// writes (to compare with the keys the parsed value has: fewer means a duplicate, reported from the slow path's
// tree) and notes where each `"id":` value starts (a claim's provenance). The text is known to be valid JSON
// when this runs, so the scan need only tell strings from structure.

export interface JsonScan {
  /** How many object keys the text writes. */
  keys: number;
  /** Offsets of the string values of keys written exactly `"id"`, in text order. */
  idValues: number[];
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const COLON = 58;

/**
 * Offset just past the string literal opening at `i`, or -1 when it is not closed (indexOf for each quote: native
 * speed over long strings).
 */
export function closedStringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  while (j > 0) {
    // A quote preceded by an odd number of backslashes is escaped.
    let b = j - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((j - 1 - b) % 2 === 0) return j + 1;
    j = text.indexOf('"', j + 1);
  }
  return -1;
}

/** Offset just past the string literal opening at `i`; the text's end when it is not closed. */
export function stringEnd(text: string, i: number): number {
  const end = closedStringEnd(text, i);
  return end < 0 ? text.length : end;
}

/** The offset of the first character from `i` on that is not JSON whitespace (space, tab, line feed, carriage return). */
export function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

export function scanJson(text: string): JsonScan {
  let keys = 0;
  const idValues: number[] = [];
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i)) {
    const end = stringEnd(text, i);
    const next = skipSpace(text, end);
    if (text.charCodeAt(next) === COLON) {
      keys++;
      if (end - i === 4 && text.startsWith('"id"', i)) {
        const value = skipSpace(text, next + 1);
        if (text.charCodeAt(value) === QUOTE) idValues.push(value);
      }
    }
    i = end;
  }
  return { keys, idValues };
}

/** How many keys the objects of a parsed value hold, all levels. Iterative: no stack to overflow. */
export function countKeys(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push(x);
    } else {
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        n++;
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === "object" && x !== null) stack.push(x);
      }
    }
  }
  return n;
}

/** The string value at `offset` (a string literal's opening quote), decoded. */
export function stringAt(text: string, offset: number): { value: string; end: number } {
  const end = stringEnd(text, offset);
  const raw = text.slice(offset + 1, end - 1);
  return { value: raw.includes("\\") ? (JSON.parse(text.slice(offset, end)) as string) : raw, end };
}

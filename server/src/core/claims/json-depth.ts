// How deep a claims file nests, found before anything recursive reads it: jsonc-parser's tree, its
// getNodeValue and ajv recurse once per level, and 10,000-deep JSON overflows the stack with a
// "Maximum call stack size exceeded" that names no place. Claims files are shallow; deeper than
// MAX_JSON_DEPTH is an error at the bracket that goes too deep.

/** Deeper than any claims file needs (a claim's fields sit at depth 4). */
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

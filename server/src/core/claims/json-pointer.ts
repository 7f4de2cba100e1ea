// JSON Pointers (RFC 6901): how errors in a claims file name the value they are about ("/claims/3/speaker").

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

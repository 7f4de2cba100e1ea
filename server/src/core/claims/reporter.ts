// Problems found in one claims file, collected before anything is thrown: each an InputError with its
// 0-based line/character (UTF-16), the offset and length of the offending JSON node, and its JSON path.
// Also the small pieces of prose the messages share (a value described, a list of names).
import { LineIndex } from "../line-index.js";
import type { FileSpan, InputError } from "../types.js";
import { type JsonNode, pointerOf } from "./json-tree.js";

/** Where something is in an input file: an InputError without its message. */
export type InputLocation = Omit<InputError, "message">;

/** The errors of one claims file, and the line index of its text. */
export class Reporter {
  readonly errors: InputError[] = [];
  readonly lines: LineIndex;
  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
  }
  location(offset: number, length: number, jsonPath: string): InputLocation {
    const { line, character } = this.lines.positionAt(offset);
    return { file: this.file, line, character, offset, length, path: jsonPath };
  }
  /** A span of the claims file. */
  span(start: number, end: number): FileSpan {
    return { file: this.file, start, end, range: { start: this.lines.positionAt(start), end: this.lines.positionAt(end) } };
  }
  add(offset: number, length: number, jsonPath: string, message: string): void {
    this.errors.push({ ...this.location(offset, length, jsonPath), message });
  }
  /** Error on a whole node (a value, or a property key). */
  node(node: JsonNode, message: string, jsonPath = pointerOf(node)): void {
    this.add(node.offset, node.length, jsonPath, message);
  }
  /** Error on an object or array as a whole: underline just its opening bracket, as VS Code does. */
  opening(node: JsonNode, message: string, jsonPath = pointerOf(node)): void {
    this.add(node.offset, Math.min(1, node.length), jsonPath, message);
  }
}

export function describeValue(node: JsonNode): string {
  switch (node.type) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "null":
      return "null";
    case "string":
      return `a string (${snippet(String(node.value), 30)})`;
    default:
      return `a ${node.type} (${String(node.value)})`;
  }
}

export function withArticle(type: string): string {
  return type === "integer" || type === "object" || type === "array" ? `an ${type}` : `a ${type}`;
}

export function snippet(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? s.slice(0, max - 1) + "…" : s);
}

export function spans(starts: number[], length: number): string {
  const shown = starts.slice(0, 5).map((s) => `${s}–${s + length}`);
  return shown.join(", ") + (starts.length > 5 ? `, … (${starts.length - 5} more)` : "");
}

export function list(keys: readonly string[]): string {
  return keys.map((k) => JSON.stringify(k)).join(", ");
}

// Problems found in one claims file, collected before anything is thrown: each an InputError with its
// 0-based line/character (UTF-16), the offset and length of the offending JSON node, and its JSON path.
// Also the small pieces of prose the messages share (a value described, a list of names).
import { LineIndex, type LinePosition } from "../line-index.js";
import type { InputError } from "../types.js";
import { type JsonNode, nodeAtPointer, parseJson, pointerOf } from "./json-tree.js";

/** Where something is in an input file: an InputError without its message. */
export type InputLocation = Omit<InputError, "message">;

/** Which part of the value a JSON Pointer names an error is on. */
export type ErrorPart = "value" | "key" | "opening";

/**
 * The errors of one claims file, and the line index of its text. Checks of the plain value (JSON.parse's) name
 * places by JSON Pointer (`at`); the tree that turns a pointer into a position (jsonc-parser's, slow on large
 * files) is built only when the first such error needs one.
 */
export class Reporter {
  readonly errors: InputError[] = [];
  private _lines: LineIndex | undefined;
  private tree: JsonNode | undefined;
  constructor(
    readonly file: string,
    private readonly text: string,
  ) {}
  get lines(): LineIndex {
    return (this._lines ??= new LineIndex(this.text));
  }
  /** The file's tree with positions (built on first use; the text is known to be valid JSON by then). */
  root(): JsonNode | undefined {
    this.tree ??= parseJson(this.text).root;
    return this.tree;
  }
  /** The node a pointer names (its key node for part "key"), or the deepest existing ancestor. */
  nodeAt(pointer: string, part: ErrorPart = "value"): JsonNode | undefined {
    const root = this.root();
    if (!root) return undefined;
    const node = nodeAtPointer(root, pointer);
    if (part === "key" && node.parent?.type === "property" && node.parent.children?.[1] === node) return node.parent.children[0];
    return node;
  }
  /** Error on the value (or its key, or its opening bracket) that a JSON Pointer names. */
  at(pointer: string, message: string, part: ErrorPart = "value"): void {
    const node = this.nodeAt(pointer, part);
    if (!node) return this.add(0, 0, pointer, message);
    if (part === "opening") this.add(node.offset, Math.min(1, node.length), pointer, message);
    else this.add(node.offset, node.length, pointer, message);
  }
  /** Where the value a JSON Pointer names starts, 0-based. */
  positionOf(pointer: string): LinePosition {
    return this.lines.positionAt(this.nodeAt(pointer)?.offset ?? 0);
  }
  location(offset: number, length: number, jsonPath: string): InputLocation {
    const { line, character } = this.lines.positionAt(offset);
    return { file: this.file, line, character, offset, length, path: jsonPath };
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

/** A plain JSON value in words, as describeValue says a node. */
export function describePlain(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `a string (${snippet(value, 30)})`;
  return `a ${typeof value} (${String(value)})`;
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

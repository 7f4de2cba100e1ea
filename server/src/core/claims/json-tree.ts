// A claims file as a JSON tree that keeps every node's offset (jsonc-parser, strict JSON: no comments, no
// trailing commas), and the ways the loader walks it: a property's key or value, the node at a JSON Pointer,
// the pointer of a node. Syntax errors come out in words.
import { getNodePath, parseTree, printParseErrorCode } from "jsonc-parser";
import type { Node as JsonNode, ParseError, ParseOptions } from "jsonc-parser";
import { jsonTooDeepAt } from "./json-depth.js";
import { fromJsonPointer, toJsonPointer } from "./json-pointer.js";

export type { JsonNode };

const PARSE_OPTIONS: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true };

/** A leading byte order mark is not JSON; blank it out without shifting offsets. */
function blankBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text;
}

/**
 * The tree of a claims file's text (offsets into it as given), and its syntax errors: at most one per offset.
 * Text nested too deeply to walk recursively is not parsed: `tooDeepAt` is where it goes too deep.
 */
export function parseJson(text: string): { root: JsonNode | undefined; syntax: ParseError[]; tooDeepAt?: number } {
  const deep = jsonTooDeepAt(text);
  if (deep >= 0) return { root: undefined, syntax: [], tooDeepAt: deep };
  const all: ParseError[] = [];
  const root = parseTree(blankBom(text), all, PARSE_OPTIONS);
  // jsonc-parser may report several errors at one place ("expected property name", "expected value"): keep the first.
  const at = new Set<number>();
  const syntax: ParseError[] = [];
  for (const e of all) {
    if (at.has(e.offset)) continue;
    at.add(e.offset);
    syntax.push(e);
  }
  return { root, syntax };
}

const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: "invalid symbol",
  InvalidNumberFormat: "invalid number format",
  PropertyNameExpected: "expected property name",
  ValueExpected: "expected value",
  ColonExpected: "expected colon",
  CommaExpected: "expected comma",
  CloseBraceExpected: "expected closing brace '}'",
  CloseBracketExpected: "expected closing bracket ']'",
  EndOfFileExpected: "expected end of file",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unexpected end of comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unexpected end of number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string (control characters must be escaped)",
};

export function syntaxMessage(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return `syntax error: ${SYNTAX_MESSAGES[code] ?? code}`;
}

/** JSON Pointer of a value node (for a property key node: of its value). */
export function pointerOf(node: JsonNode): string {
  const n = node.parent?.type === "property" ? (node.parent.children?.[1] ?? node) : node;
  return toJsonPointer(getNodePath(n));
}

export function property(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (obj?.type !== "object") return undefined;
  // JSON keeps the last of duplicate keys, and so does getNodeValue; so do we.
  let found: JsonNode | undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) found = p;
  return found;
}

export function valueOf(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  return property(obj, key)?.children?.[1];
}

export function keyOf(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  return property(obj, key)?.children?.[0];
}

/** The value node at a JSON Pointer, or the deepest existing ancestor. */
export function nodeAtPointer(root: JsonNode, pointer: string): JsonNode {
  let node = root;
  for (const seg of fromJsonPointer(pointer)) {
    let next: JsonNode | undefined;
    if (node.type === "object") next = valueOf(node, seg);
    else if (node.type === "array" && /^\d+$/.test(seg)) next = node.children?.[Number(seg)];
    if (!next) break;
    node = next;
  }
  return node;
}

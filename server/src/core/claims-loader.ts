// Loads claims databases (`*.claims.json`, format in claims/claims.schema.json) into the data model of types.ts.
//
// Pure: every file is read through a `LoaderHost`, which decides what may be read (server/src/claims-disk.ts
// confines a claims file and its source to a root folder, reads only regular files, and caps their size), and can
// serve unsaved editor text. No vscode / LSP imports.
//
// Messages never quote the source text: a source may be any file the host lets through, and messages reach CI
// logs and editor diagnostics. They give offsets (and line:column) into it instead; the claims file's own text
// may be quoted.
//
// Every problem becomes an InputError with a 0-based line/character (UTF-16), the offset and length of the
// offending JSON node, and its JSON path. All problems are collected before anything is thrown:
//   0. nesting deeper than MAX_JSON_DEPTH (64) levels, found by a linear scan before anything recursive runs; reported
//      alone, at the bracket that goes too deep.
//   1. syntax (jsonc-parser, strict JSON: no comments, no trailing commas). If there are syntax errors, only those
//      are reported: schema errors on a half-parsed tree would mostly be noise.
//   2. an empty file, or a top-level value that is not an object.
//   3. schema (ajv, allErrors), each error mapped to the node at its instancePath.
//   4. meaning: duplicate property names, duplicate claim ids, unknown speakers, offsets out of range, and quotes
//      that are not exactly `sourceText.slice(start, end)`. Claims without start/end get them by finding the quote.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { findNodeAtLocation, getNodePath, getNodeValue, parseTree, printParseErrorCode } from "jsonc-parser";
import type { Node as JsonNode, ParseError, ParseOptions } from "jsonc-parser";
import { CLAIMS_SCHEMA } from "./claims-schema.js";
import { fromJsonPointer, jsonTooDeepAt, LineIndex, MAX_JSON_DEPTH, toJsonPointer } from "./json-positions.js";
import { isReadRefused } from "./refused-read.js";
import { InputErrors } from "./types.js";
import type { Claim, ClaimsDatabase, InputError, Polarity, QuoteKind, Speaker } from "./types.js";

// ---------------------------------------------------------------------------------------------------------------
// Public API

/**
 * How the loader reads files; both methods return UTF-8 decoded text. A host refuses a file by throwing a
 * `ReadRefused` (core/refused-read.ts): an "outside-root" refusal is reported as its own message, the others as
 * the reason the file cannot be read.
 */
export interface LoaderHost {
  /** Reads the claims file itself (it may serve unsaved editor text). */
  readFile(path: string): Promise<string>;
  /** Reads the file the claims file's `source.file` names. */
  readSource(request: SourceRequest): Promise<string>;
  /** Used only to word "not found" errors when a read fails without an ENOENT code. */
  exists?(path: string): Promise<boolean>;
  /** Makes a path absolute; the host knows the folder relative paths start from (default: the process's). */
  absolute?(path: string): string;
}

/** What `LoaderHost.readSource` is asked for. */
export interface SourceRequest {
  /** The claims file naming the source. */
  claimsFile: string;
  /** `source.file` as written in it. */
  written: string;
  /** `written` resolved against the claims file's folder, without touching the disk (symlinks not followed). */
  path: string;
}

export interface ParseClaimsOptions {
  /** The source text quotes point into. Without it, quotes and offsets cannot be checked. */
  sourceText?: string;
  /** Absolute path of the source text; becomes `ClaimsDatabase.sourcePath` and names the source in messages. */
  sourcePath?: string;
}

/** What the loader returns: a ClaimsDatabase plus what else the file says. */
export interface LoadedClaimsDatabase extends ClaimsDatabase {
  /** Every speaker of the file, in file order, including any with no claims. Claims share these objects. */
  speakers: Speaker[];
  /** The `source` block of the file, when present. */
  source?: { title: string; file?: string; url?: string };
  /** The source text the quotes were checked against, when known. */
  sourceText?: string;
}

/** Where something is in an input file: an InputError without its message. */
export type InputLocation = Omit<InputError, "message">;

export const BUNDLED_CLAIMS_FILE = "european-led-security-guarantees.claims.json";

/**
 * Folder holding the shipped claims (`claims/` at the extension root).
 *
 * Resolved once, at module load:
 *  1. `FACTCHECK_CLAIMS_DIR` in the environment, if set (tests, or an unusual install);
 *  2. otherwise the nearest ancestor of this module's folder that contains `claims/claims.schema.json`. That works
 *     from tsc output (out/server/src/core/*.js, ESM: uses import.meta.url) and from an esbuild CJS bundle in dist/
 *     (uses __dirname), as long as `claims/` ships beside them in the extension root. Nothing to define at bundle
 *     time; esbuild may warn that import.meta is empty in CJS output — that branch is never taken there
 *     (silence with `logOverride: { "empty-import-meta": "silent" }`).
 *  3. failing both, `<module dir>/../../../../claims`, the tsc layout.
 */
export const CLAIMS_DIR: string = resolveClaimsDir();

/** Absolute path of claims/european-led-security-guarantees.claims.json. See CLAIMS_DIR for how it is found. */
export const BUNDLED_CLAIMS_PATH: string = path.join(CLAIMS_DIR, BUNDLED_CLAIMS_FILE);

/** Absolute path of claims/claims.schema.json. */
export const CLAIMS_SCHEMA_PATH: string = path.join(CLAIMS_DIR, "claims.schema.json");

/**
 * Parses and checks the text of a claims file. `file` is only used to name the file in errors and as `origin`.
 * Quotes are checked against `opts.sourceText` when given; otherwise claims keep the offsets they state
 * (0/0 when they state none: without a source text, offsets mean nothing).
 * @throws InputErrors with every problem found
 */
export function parseClaimsDatabase(text: string, file: string, opts: ParseClaimsOptions = {}): LoadedClaimsDatabase {
  return analyze(text, file, opts);
}

/**
 * Reads a claims file through `host`, then its `source.file` (relative to the claims file) when it names one, and
 * checks both. A claims file that cannot be read, or a source file that cannot be read, is an error naming it.
 * @throws InputErrors with every problem found
 */
export async function loadClaimsFile(file: string, host: LoaderHost): Promise<LoadedClaimsDatabase> {
  let text: string;
  try {
    text = await host.readFile(file);
  } catch (err) {
    const message = isReadRefused(err) && err.kind === "outside-root" ? err.message : `cannot read claims file: ${await describeReadError(err, file, host)}`;
    throw new InputErrors([{ file, line: 0, character: 0, offset: 0, length: 0, path: "", message }]);
  }

  // Find source.file before the full check, so the source text is there for it.
  const opts: AnalyzeOptions = {};
  const root = jsonTooDeepAt(text) < 0 ? parseTree(prepare(text), [], PARSE_OPTIONS) : undefined; // analyze reports the depth
  const fileNode = root?.type === "object" ? findNodeAtLocation(root, ["source", "file"]) : undefined;
  if (fileNode?.type === "string" && typeof fileNode.value === "string" && fileNode.value !== "") {
    const sourcePath = path.resolve(host.absolute?.(path.dirname(file)) ?? path.dirname(file), fileNode.value);
    try {
      opts.sourceText = await host.readSource({ claimsFile: file, written: fileNode.value, path: sourcePath });
      opts.sourcePath = sourcePath;
    } catch (err) {
      opts.sourceProblem =
        isReadRefused(err) && err.kind === "outside-root"
          ? err.message
          : `cannot read source file ${JSON.stringify(fileNode.value)} (${sourcePath}): ${await describeReadError(err, sourcePath, host)}`;
    }
  }
  return analyze(text, file, opts);
}

/** Loads the claims shipped with the extension (server/src/claims-disk.ts builds the host, confined to CLAIMS_DIR). */
export function loadBundledClaims(host: LoaderHost): Promise<LoadedClaimsDatabase> {
  return loadClaimsFile(BUNDLED_CLAIMS_PATH, host);
}

/**
 * Claim ids must be unique across every loaded database. Returns one error per later duplicate, located at its
 * `id` (when the claim came from this loader; otherwise at the start of its database's file).
 */
export function validateClaimIdsUnique(dbs: readonly ClaimsDatabase[]): InputError[] {
  const errors: InputError[] = [];
  const seen = new Map<string, { db: ClaimsDatabase; claim: Claim }>();
  for (const db of dbs) {
    db.claims.forEach((claim, i) => {
      const first = seen.get(claim.id);
      if (!first) {
        seen.set(claim.id, { db, claim });
        return;
      }
      const at = claimLocation(claim) ?? { file: db.origin, line: 0, character: 0, offset: 0, length: 0, path: `/claims/${i}/id` };
      const firstAt = claimLocation(first.claim);
      const where = firstAt ? `${firstAt.file}:${firstAt.line + 1}:${firstAt.character + 1}` : first.db.origin;
      errors.push({
        ...at,
        message: `duplicate claim id ${JSON.stringify(claim.id)}: already defined in ${where}; claim ids must be unique across all loaded claims files`,
      });
    });
  }
  return errors;
}

/** Where a claim loaded by this module is defined: its `id` value in its claims file. */
export function claimLocation(claim: Claim): InputLocation | undefined {
  return locations.get(claim);
}

// ---------------------------------------------------------------------------------------------------------------
// Implementation

const locations = new WeakMap<Claim, InputLocation>();

const PARSE_OPTIONS: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true };

interface AnalyzeOptions extends ParseClaimsOptions {
  /** Set by loadClaimsFile when source.file could not be read; reported at the source.file node. */
  sourceProblem?: string;
}

/** A leading byte order mark is not JSON; blank it out without shifting offsets. */
function prepare(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text;
}

const SYNTAX_MESSAGES: Record<string, string> = {
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

function syntaxMessage(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return `syntax error: ${SYNTAX_MESSAGES[code] ?? code}`;
}

class Reporter {
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

/** JSON Pointer of a value node (for a property key node: of its value). */
function pointerOf(node: JsonNode): string {
  const n = node.parent?.type === "property" ? node.parent.children?.[1] ?? node : node;
  return toJsonPointer(getNodePath(n));
}

function property(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (obj?.type !== "object") return undefined;
  // JSON keeps the last of duplicate keys, and so does getNodeValue; so do we.
  let found: JsonNode | undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) found = p;
  return found;
}

function valueOf(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  return property(obj, key)?.children?.[1];
}

function keyOf(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  return property(obj, key)?.children?.[0];
}

/** The value node at a JSON Pointer, or the deepest existing ancestor. */
function nodeAtPointer(root: JsonNode, pointer: string): JsonNode {
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

function describeValue(node: JsonNode): string {
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

function withArticle(type: string): string {
  return type === "integer" || type === "object" || type === "array" ? `an ${type}` : `a ${type}`;
}

function snippet(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? s.slice(0, max - 1) + "…" : s);
}

function spans(starts: number[], length: number): string {
  const shown = starts.slice(0, 5).map((s) => `${s}–${s + length}`);
  return shown.join(", ") + (starts.length > 5 ? `, … (${starts.length - 5} more)` : "");
}

function list(keys: readonly string[]): string {
  return keys.map((k) => JSON.stringify(k)).join(", ");
}

// ajv, compiled once on first use. `logger: false`: a stdio language server must never write to stdout.
let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
    for (const kw of ["defaultSnippets", "enumDescriptions", "markdownDescription"]) ajv.addKeyword(kw);
    validator = ajv.compile(CLAIMS_SCHEMA as unknown as object);
  }
  return validator;
}

function reportSchemaErrors(root: JsonNode, rep: Reporter): void {
  const validate = getValidator();
  if (validate(getNodeValue(root))) return;
  const errors = validate.errors ?? [];
  // A value of the wrong type gets one error, not also "must be one of" / "must match" on the same value.
  const wrongType = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  // All properties missing from one object make one error.
  const missing = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== "required") continue;
    const names = missing.get(e.instancePath) ?? [];
    if (!missing.has(e.instancePath)) missing.set(e.instancePath, names);
    names.push(String((e.params as { missingProperty?: unknown }).missingProperty));
  }
  for (const e of errors) {
    if (e.keyword === "propertyNames") continue; // reported through the inner error on the key itself
    if (e.keyword !== "type" && wrongType.has(e.instancePath) && !e.propertyName) continue;
    if (e.keyword === "required") {
      const names = missing.get(e.instancePath);
      if (!names) continue;
      missing.delete(e.instancePath);
      const node = nodeAtPointer(root, e.instancePath);
      const what = names.length === 1 ? "property" : "properties";
      rep.opening(node, `missing required ${what} ${list(names)}`, e.instancePath);
      continue;
    }
    reportSchemaError(e, root, rep);
  }
}

function idRule(what: string, value: string): string {
  return `${what} ${JSON.stringify(value)} must be lowercase letters, digits and hyphens, starting with a letter or digit (pattern ^[a-z0-9][a-z0-9-]*$)`;
}

function reportSchemaError(e: ErrorObject, root: JsonNode, rep: Reporter): void {
  const node = nodeAtPointer(root, e.instancePath);
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const prop = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = keyOf(node, prop) ?? node;
      rep.node(key, `unknown property ${JSON.stringify(prop)}; allowed here: ${list(allowed)}`, `${at}/${toJsonPointer([prop]).slice(1)}`);
      return;
    }
    case "type":
      rep.node(node, `expected ${withArticle(String(params.type))}, found ${describeValue(node)}`, at);
      return;
    case "const":
      if (at === "/version") rep.node(node, `unsupported version ${JSON.stringify(e.data)}: this extension reads version ${JSON.stringify(params.allowedValue)}`, at);
      else rep.node(node, `must be ${JSON.stringify(params.allowedValue)}`, at);
      return;
    case "enum":
      rep.node(node, `must be one of ${list((params.allowedValues as unknown[]).map(String))}; found ${JSON.stringify(e.data)}`, at);
      return;
    case "pattern": {
      if (e.propertyName !== undefined) {
        const key = keyOf(node, e.propertyName) ?? node;
        const what = at === "/speakers" ? "speaker id" : "property name";
        rep.node(key, idRule(what, e.propertyName), `${at}/${toJsonPointer([e.propertyName]).slice(1)}`);
      } else if (/^\/claims\/\d+\/id$/.test(at)) {
        rep.node(node, idRule("claim id", String(e.data)), at);
      } else if (at === "/source/url") {
        rep.node(node, `source url must be an http:// or https:// URL without spaces`, at);
      } else {
        rep.node(node, `must match pattern ${String(params.pattern)}`, at);
      }
      return;
    }
    case "minLength":
      rep.node(node, `must not be empty`, at);
      return;
    case "minimum":
      rep.node(node, `must be ${String(params.limit)} or more; found ${JSON.stringify(e.data)}`, at);
      return;
    case "dependencies": {
      const prop = String(params.property);
      const key = keyOf(node, prop) ?? node;
      rep.node(key, `${JSON.stringify(prop)} is given without ${JSON.stringify(params.missingProperty)}: give both "start" and "end", or neither to have them found`, `${at}/${prop}`);
      return;
    }
    default:
      rep.node(node, e.message ?? `fails schema rule "${e.keyword}"`, at);
  }
}

/** Every object's repeated keys: JSON parsers silently keep the last one, which hides mistakes. */
function reportDuplicateKeys(root: JsonNode, rep: Reporter): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "object") {
      const seen = new Map<string, JsonNode>();
      for (const p of node.children ?? []) {
        const key = p.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        const first = seen.get(name);
        if (first) {
          const line = rep.lines.positionAt(first.offset).line + 1;
          rep.node(key, `duplicate property ${JSON.stringify(name)} (first on line ${line}); only the last one would count`);
        } else seen.set(name, key);
      }
    }
    const children = node.children ?? [];
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
  }
}

interface SpeakerInfo {
  id: string;
  name?: unknown;
  aliases?: unknown;
}

function suggestSpeaker(ref: string, speakers: SpeakerInfo[]): string | undefined {
  const low = ref.toLowerCase();
  for (const s of speakers) {
    const names = [s.id, s.name, ...(Array.isArray(s.aliases) ? s.aliases : [])];
    if (names.some((n) => typeof n === "string" && n.toLowerCase() === low)) return s.id;
  }
  let best: { id: string; d: number } | undefined;
  for (const s of speakers) {
    const d = editDistance(low, s.id);
    if (d <= 2 && (!best || d < best.d)) best = { id: s.id, d };
  }
  return best?.id;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** All start offsets of `needle` in `hay`. */
function occurrences(hay: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * A loose form of a text for "did you mean": curly quotes, dashes, runs of whitespace and case folded.
 * `map[i]` is the offset in the original of loose character i.
 */
function loosen(s: string): { text: string; map: number[] } {
  let text = "";
  const map: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (/\s/.test(c)) {
      if (lastSpace) continue;
      c = " ";
      lastSpace = true;
    } else lastSpace = false;
    if ("\u2018\u2019\u201a\u201b\u2032`".includes(c)) c = "'";
    else if ("\u201c\u201d\u201e\u201f\u2033".includes(c)) c = '"';
    else if ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212".includes(c)) c = "-";
    for (const l of c.toLowerCase()) {
      text += l;
      map.push(i);
    }
  }
  return { text, map };
}

function looseMatch(source: string, quote: string): { start: number; end: number } | undefined {
  const q = loosen(quote).text.trim();
  if (!q) return undefined;
  const src = loosen(source);
  const i = src.text.indexOf(q);
  if (i < 0) return undefined;
  return { start: src.map[i], end: src.map[i + q.length - 1] + 1 };
}

function analyze(rawText: string, file: string, opts: AnalyzeOptions): LoadedClaimsDatabase {
  const text = prepare(rawText);
  const rep = new Reporter(file, text);
  const fail = (): never => {
    rep.errors.sort((a, b) => a.offset - b.offset);
    throw new InputErrors(rep.errors);
  };

  // 0. Nesting, before any parser that recurses per level sees the text.
  const deep = jsonTooDeepAt(text);
  if (deep >= 0) {
    rep.add(deep, 1, "", `nested deeper than ${MAX_JSON_DEPTH} levels`);
    fail();
  }

  // 1. Syntax.
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, PARSE_OPTIONS);
  // jsonc-parser may report several errors at one place ("expected property name", "expected value"): keep the first.
  const syntaxAt = new Set<number>();
  for (const e of syntax) {
    if (syntaxAt.has(e.offset)) continue;
    syntaxAt.add(e.offset);
    rep.add(e.offset, e.length, "", syntaxMessage(e));
  }
  if (rep.errors.length) fail();

  // 2. Shape of the whole file.
  if (!root) {
    rep.add(0, 0, "", `claims file is empty: expected a JSON object with "version", "title", "speakers" and "claims"`);
    fail();
  }
  if (root!.type !== "object") {
    rep.node(root!, `expected a JSON object with "version", "title", "speakers" and "claims" at the top level, found ${describeValue(root!)}`, "");
    fail();
  }
  const top = root!;

  // 3. Schema.
  reportSchemaErrors(top, rep);

  // 4. Meaning. Each check looks only at values of the right type; the schema has reported the rest.
  reportDuplicateKeys(top, rep);

  const sourceFileNode = valueOf(valueOf(top, "source"), "file");
  if (opts.sourceProblem) {
    if (sourceFileNode) rep.node(sourceFileNode, opts.sourceProblem);
    else rep.add(0, 0, "", opts.sourceProblem);
  }
  const sourceText = opts.sourceText;
  // Where an offset of the source is, for messages that may not quote it. Built on first use.
  let sourceLines: LineIndex | undefined;
  const sourceAt = (offset: number): string => {
    const p = (sourceLines ??= new LineIndex(sourceText ?? "")).positionAt(offset);
    return `line ${p.line + 1}, column ${p.character + 1}`;
  };
  const sourceName = opts.sourcePath
    ? path.basename(opts.sourcePath)
    : typeof sourceFileNode?.value === "string"
      ? sourceFileNode.value
      : "the source text";

  const speakersNode = valueOf(top, "speakers");
  const speakerInfos: SpeakerInfo[] = [];
  if (speakersNode?.type === "object") {
    for (const p of speakersNode.children ?? []) {
      const id = p.children?.[0]?.value;
      const v = p.children?.[1];
      if (typeof id !== "string") continue;
      speakerInfos.push({ id, name: valueOf(v, "name")?.value, aliases: v && valueOf(v, "aliases") ? getNodeValue(valueOf(v, "aliases")!) : undefined });
    }
  }
  const speakerIds = new Set(speakerInfos.map((s) => s.id));

  const claimsNode = valueOf(top, "claims");
  const claimNodes = claimsNode?.type === "array" ? claimsNode.children ?? [] : [];
  const firstById = new Map<string, JsonNode>();
  const offsets = new Map<number, { start: number; end: number }>();

  claimNodes.forEach((claimNode, index) => {
    if (claimNode.type !== "object") return;

    const idNode = valueOf(claimNode, "id");
    if (idNode?.type === "string") {
      const id = String(idNode.value);
      const first = firstById.get(id);
      if (first) {
        const where = rep.lines.positionAt(first.offset);
        rep.node(idNode, `duplicate claim id ${JSON.stringify(id)}: already used at line ${where.line + 1}, column ${where.character + 1}`);
      } else firstById.set(id, idNode);
    }

    const speakerNode = valueOf(claimNode, "speaker");
    if (speakerNode?.type === "string" && speakerNode.value !== "" && speakersNode?.type === "object") {
      const ref = String(speakerNode.value);
      if (!speakerIds.has(ref)) {
        const hint = suggestSpeaker(ref, speakerInfos);
        const known = speakerInfos.length ? `speakers defined in this file: ${list(speakerInfos.map((s) => s.id))}` : `"speakers" is empty`;
        rep.node(speakerNode, `unknown speaker ${JSON.stringify(ref)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ""}; ${known}`);
      }
    }

    const quoteNode = valueOf(claimNode, "quote");
    const startNode = valueOf(claimNode, "start");
    const endNode = valueOf(claimNode, "end");
    const quote = quoteNode?.type === "string" && quoteNode.value !== "" ? String(quoteNode.value) : undefined;
    const isOffset = (n: JsonNode | undefined) => n?.type === "number" && Number.isInteger(n.value) && n.value >= 0;
    const start = isOffset(startNode) ? (startNode!.value as number) : undefined;
    const end = isOffset(endNode) ? (endNode!.value as number) : undefined;

    if (sourceText === undefined) {
      // Nothing to check against: keep stated offsets; 0/0 means "unknown".
      if (start !== undefined && end !== undefined && start <= end) offsets.set(index, { start, end });
      else if (start !== undefined && end !== undefined) rep.node(startNode!, `start ${start} is after end ${end}`);
      return;
    }
    if (!quote) return;

    if (start !== undefined && end !== undefined) {
      let inRange = true;
      if (start > sourceText.length) {
        rep.node(startNode!, `start ${start} is past the end of ${sourceName} (${sourceText.length} characters)`);
        inRange = false;
      }
      if (end > sourceText.length) {
        rep.node(endNode!, `end ${end} is past the end of ${sourceName} (${sourceText.length} characters)`);
        inRange = false;
      }
      if (inRange && start > end) {
        rep.node(startNode!, `start ${start} is after end ${end}`);
        inRange = false;
      }
      if (!inRange) return;
      const actual = sourceText.slice(start, end);
      if (actual === quote) {
        offsets.set(index, { start, end });
        return;
      }
      const found = occurrences(sourceText, quote);
      const elsewhere = found.length
        ? `; the quote is at ${spans(found, quote.length)}`
        : `; the quote is not found verbatim anywhere in ${sourceName}`;
      // Not what the source has there: that text may be anything the source file holds (a secret, in CI).
      rep.node(quoteNode!, `quote does not match ${sourceName} at ${start}–${end} (${sourceAt(start)})${elsewhere}`);
      return;
    }
    if (start !== undefined || end !== undefined) return; // one without the other: reported by the schema

    const found = occurrences(sourceText, quote);
    if (found.length === 1) {
      offsets.set(index, { start: found[0], end: found[0] + quote.length });
    } else if (found.length > 1) {
      rep.node(
        quoteNode!,
        `quote occurs ${found.length} times in ${sourceName} (at ${spans(found, quote.length)}); add "start" and "end" to choose one`,
      );
    } else {
      const near = looseMatch(sourceText, quote);
      const hint = near
        ? `; a near match at ${near.start}–${near.end} (${sourceAt(near.start)}) differs only in quotes, dashes, spacing or case`
        : "";
      rep.node(quoteNode!, `quote not found verbatim in ${sourceName}${hint}`);
    }
  });

  if (rep.errors.length) fail();

  // 5. Build the model. The schema has passed, so the shapes below hold.
  const raw = getNodeValue(top) as RawDatabase;
  const speakers = new Map<string, Speaker>();
  for (const [id, s] of Object.entries(raw.speakers)) {
    speakers.set(id, { id, name: s.name, role: s.role, ...(s.aliases ? { aliases: [...s.aliases] } : {}) });
  }
  const claims = raw.claims.map((c, index): Claim => {
    const at = offsets.get(index) ?? { start: 0, end: 0 };
    const claim: Claim = {
      id: c.id,
      text: c.text,
      speaker: speakers.get(c.speaker)!,
      verb: c.verb,
      hedged: c.hedged,
      polarity: c.polarity,
      // A file that does not say is read as paraphrase: the safe side, which never puts words in quotation marks.
      quoteKind: c.quoteKind ?? "reported",
      source: {
        title: raw.source?.title ?? raw.title,
        section: c.section,
        quote: c.quote,
        start: at.start,
        end: at.end,
        ...(raw.source?.file !== undefined ? { file: raw.source.file } : {}),
        ...(sourceText !== undefined && offsets.has(index) ? { sentence: sentenceStartOf(sourceText, at.start) } : {}),
      },
    };
    const idNode = valueOf(claimNodes[index], "id")!;
    locations.set(claim, rep.location(idNode.offset, idNode.length, `/claims/${index}/id`));
    return claim;
  });

  const db: LoadedClaimsDatabase = { origin: file, title: raw.title, claims, speakers: [...speakers.values()] };
  if (opts.sourcePath !== undefined) db.sourcePath = opts.sourcePath;
  if (raw.source) db.source = { ...raw.source };
  if (sourceText !== undefined) db.sourceText = sourceText;
  return db;
}

/** Where the sentence holding `offset` starts: just past the previous sentence end or line break. */
function sentenceStartOf(text: string, offset: number): number {
  for (let i = offset - 1; i > 0; i--) {
    const ch = text[i];
    if (ch === "\n") return i + 1;
    if (/\s/.test(ch) && /[.!?]["”’)]?$/.test(text.slice(Math.max(0, i - 2), i))) return i + 1;
  }
  return 0;
}

interface RawDatabase {
  version: 1;
  title: string;
  source?: { title: string; file?: string; url?: string };
  speakers: Record<string, { name: string; role: string; aliases?: string[] }>;
  claims: Array<{
    id: string;
    text: string;
    speaker: string;
    verb: string;
    section: string;
    quote: string;
    start?: number;
    end?: number;
    hedged: boolean;
    polarity: Polarity;
    quoteKind?: QuoteKind;
  }>;
}

async function describeReadError(err: unknown, file: string, host: LoaderHost): Promise<string> {
  if (isReadRefused(err)) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EISDIR") return "it is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (host.exists && !(await host.exists(file).catch(() => true))) return "file not found";
  return err instanceof Error ? err.message : String(err);
}

function moduleDir(): string {
  // esbuild CJS bundle: __dirname is the bundle's folder. tsc ESM output: there is no __dirname.
  if (typeof __dirname === "string") return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

function resolveClaimsDir(): string {
  const fromEnv = process.env.FACTCHECK_CLAIMS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const here = moduleDir();
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "claims", "claims.schema.json"))) return path.join(dir, "claims");
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(here, "../../../../claims");
}

// Loads claims databases (`*.claims.json`, format in claims/claims.schema.json) into the data model of types.ts —
// and fact-check feeds (JSON-LD ClaimReview, a Fact Check Tools claims:search response, found by their content; CSV,
// by a name ending in .csv) as the database `factcheck import` would write for them (core/claimreview):
// the public API of this folder (json-tree, reporter, schema-errors, semantic-checks, quote-checks, database).
//
// Pure: every file is read through a `LoaderHost`, which decides what may be read (server/src/node/claims-disk.ts
// confines a claims file and its source to a root folder, reads only regular files, and caps their size), and can
// serve unsaved editor text. No vscode / LSP imports.
//
// Messages never quote the source text: a source may be any file the host lets through, and messages reach CI
// logs and editor diagnostics. They give offsets (and line:column) into it instead; the claims file's own text
// may be quoted.
//
// Every problem becomes an InputError with a 0-based line/character (UTF-16), the offset and length of the
// offending JSON node, and its JSON path. All problems are collected before anything is thrown:
//   1. syntax (jsonc-parser, strict JSON: no comments, no trailing commas). If there are syntax errors, only those
//      are reported: schema errors on a half-parsed tree would mostly be noise.
//   2. an empty file, or a top-level value that is not an object.
//   3. schema (ajv, allErrors), each error mapped to the node at its instancePath.
//   4. meaning: duplicate property names, duplicate claim ids, unknown speakers, offsets out of range, and quotes
//      that are not exactly `sourceText.slice(start, end)`. Claims without start/end get them by finding the quote.

import * as path from "node:path";
import { importFeed, importFeedBox, type ImportedFeed, isCsvFile, isFeedValue, streamJsonLd } from "../claimreview/import.js";
import { isReadRefused } from "../refused-read.js";
import { InputErrors } from "../types.js";
import type { Claim, ClaimProvenance, ClaimsDatabase, InputError } from "../types.js";
import { buildDatabase, type LoadedClaimsDatabase, type RawDatabase } from "./database.js";
import { jsonTooDeepAt, MAX_JSON_DEPTH } from "./json-depth.js";
import { countKeys, type JsonScan, scanJson, stringAt } from "./json-scan.js";
import { parseJson, syntaxMessage } from "./json-tree.js";
import { sourceView } from "./quote-checks.js";
import { describePlain, type InputLocation, Reporter } from "./reporter.js";
import { reportSchemaErrors, schemaValid } from "./schema-errors.js";
import { checkClaims, reportDuplicateKeys } from "./semantic-checks.js";

export type { LoadedClaimsDatabase } from "./database.js";
export type { InputLocation } from "./reporter.js";

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

/**
 * Parses and checks the text of a claims file. `file` is only used to name the file in errors and as `origin`.
 * Quotes are checked against `opts.sourceText` when given; otherwise claims keep the offsets they state
 * (0/0 when they state none: without a source text, offsets mean nothing).
 * @throws InputErrors with every problem found
 */
export function parseClaimsDatabase(text: string, file: string, opts: ParseClaimsOptions = {}): LoadedClaimsDatabase {
  return readFeedFirst(text, file) ?? checkClaimsText(text, file, opts);
}

/**
 * A CSV feed, or a JSON-LD feed read a record at a time (claimreview/stream.ts), never parsed whole; undefined for
 * any other file (and for a feed of a shape the streaming importer leaves to the whole-document path).
 */
function readFeedFirst(text: string, file: string): LoadedClaimsDatabase | undefined {
  const feed = isCsvFile(file) ? importFeed(text, file) : streamJsonLd(text, file);
  return feed && feedDatabase(feed, file, new Reporter(file, text));
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
    const message =
      isReadRefused(err) && err.kind === "outside-root"
        ? err.message
        : `cannot read claims file: ${await describeReadError(err, file, host)}`;
    throw new InputErrors([{ file, line: 0, character: 0, offset: 0, length: 0, path: "", message }]);
  }

  const feed = readFeedFirst(text, file);
  if (feed) return feed;

  // Find source.file before the full check, so the source text is there for it. Text that JSON.parse refuses
  // has no source to read: the check reports its syntax errors.
  const opts: CheckClaimsOptions = {};
  // In a box, so that a feed's parsed value (hundreds of MB for a large one) can be let go once it is imported.
  const parsed = { value: parseFast(text) };
  const value = parsed.value;
  const written = isObject(value) && isObject(value.source) ? value.source.file : undefined;
  if (typeof written === "string" && written !== "") {
    const sourcePath = path.resolve(host.absolute?.(path.dirname(file)) ?? path.dirname(file), written);
    try {
      opts.sourceText = await host.readSource({ claimsFile: file, written, path: sourcePath });
      opts.sourcePath = sourcePath;
    } catch (err) {
      opts.sourceProblem =
        isReadRefused(err) && err.kind === "outside-root"
          ? err.message
          : `cannot read source file ${JSON.stringify(written)} (${sourcePath}): ${await describeReadError(err, sourcePath, host)}`;
    }
  }
  return checkClaimsText(text, file, opts, parsed);
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
      const at = claim.provenance
        ? inputLocationOf(claim.provenance.definedIn)
        : { file: db.origin, line: 0, character: 0, offset: 0, length: 0, path: `/claims/${i}/id` };
      const firstAt = first.claim.provenance?.definedIn;
      const where = firstAt ? `${firstAt.file}:${firstAt.range.start.line + 1}:${firstAt.range.start.character + 1}` : first.db.origin;
      errors.push({
        ...at,
        message: `duplicate claim id ${JSON.stringify(claim.id)}: already defined in ${where}; claim ids must be unique across all loaded claims files`,
      });
    });
  }
  return errors;
}

/** An InputError's place (without its message) for a claim's provenance: its `id` value. */
function inputLocationOf(at: ClaimProvenance["definedIn"]): InputLocation {
  return {
    file: at.file,
    line: at.range.start.line,
    character: at.range.start.character,
    offset: at.start,
    length: at.end - at.start,
    path: at.pointer,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Implementation

interface CheckClaimsOptions extends ParseClaimsOptions {
  /** Set by loadClaimsFile when source.file could not be read; reported at the source.file node. */
  sourceProblem?: string;
}

/**
 * What JSON.parse makes of a claims file's text (a leading byte order mark ignored), or NOT_JSON. JSON.parse copes
 * with any depth, and so do the fast path's checks (ajv stops at the schema's depth, the key count is iterative);
 * only the tree built for errors recurses, and the check tests the depth before it builds one.
 */
function parseFast(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return NOT_JSON;
  }
}
const NOT_JSON: unique symbol = Symbol("not JSON");

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parses a claims file's text and checks it (syntax, shape, schema, meaning), then builds the database.
 *
 * The fast path, for a good file: JSON.parse, the schema (ajv) and the checks of meaning run on the plain value,
 * and a linear scan (json-scan.ts) counts the keys (a duplicate key is the one thing JSON.parse hides) and finds
 * where each claim's id stands. jsonc-parser's tree, which keeps every node's position (and costs ten times
 * JSON.parse), is built only when there is an error to place (Reporter.at), or when that scan cannot place an id.
 */
function checkClaimsText(
  text: string,
  file: string,
  opts: CheckClaimsOptions,
  box: { value: unknown } = { value: parseFast(text) },
): LoadedClaimsDatabase {
  const rep = new Reporter(file, text);
  const fail = (): never => {
    rep.errors.sort((a, b) => a.offset - b.offset);
    throw new InputErrors(rep.errors);
  };

  // 1. Syntax, and a depth no recursive walk could survive (json-depth.ts), reported alone.
  // A fact-check feed (JSON-LD ClaimReview, a claims:search response) loads as the claims database it imports to.
  if (isFeedValue(box.value)) return feedDatabase(importFeedBox(box, text, file), file, rep);
  const parsed = box.value;
  if (parsed === NOT_JSON) {
    const { root, syntax, tooDeepAt } = parseJson(text);
    if (tooDeepAt !== undefined) rep.add(tooDeepAt, 1, "", `nested deeper than ${MAX_JSON_DEPTH} levels`);
    for (const e of syntax) rep.add(e.offset, e.length, "", syntaxMessage(e));
    if (rep.errors.length) fail();
    // 2. Shape of the whole file: only blank text gets here (jsonc-parser allows empty content, JSON.parse does not).
    if (!root) rep.add(0, 0, "", `claims file is empty: expected a JSON object with "version", "title", "speakers" and "claims"`);
    else rep.node(root, `cannot read this file as JSON`, "");
    fail();
  }
  if (!isObject(parsed)) {
    rep.at(
      "",
      `expected a JSON object with "version", "title", "speakers" and "claims" at the top level, found ${describePlain(parsed)}`,
      "opening",
    );
    fail();
  }
  const top = parsed as Record<string, unknown>;

  // 3. Schema: ajv on the plain value. Its errors are placed on the tree, which a file too deep to walk
  // recursively never gets: that is reported alone, as a syntax error would be.
  const scan = scanJson(text);
  const schemaOk = schemaValid(top);
  // Fewer keys in the value than in the text: some object repeats a key.
  const keysOk = scan.keys === countKeys(top);
  if (!schemaOk || !keysOk) {
    const deep = jsonTooDeepAt(text);
    if (deep >= 0) {
      rep.add(deep, 1, "", `nested deeper than ${MAX_JSON_DEPTH} levels`);
      fail();
    }
  }
  if (!schemaOk) reportSchemaErrors(rep.root()!, rep);

  // 4. Meaning.
  if (!keysOk) reportDuplicateKeys(rep.root()!, rep);
  const written = isObject(top.source) ? top.source.file : undefined;
  if (opts.sourceProblem) {
    if (typeof written === "string") rep.at("/source/file", opts.sourceProblem);
    else rep.add(0, 0, "", opts.sourceProblem);
  }
  const sourceName = opts.sourcePath ? path.basename(opts.sourcePath) : typeof written === "string" ? written : "the source text";
  const source = sourceView(opts.sourceText, sourceName);
  const offsets = checkClaims(top, rep, source);
  if (rep.errors.length) fail();

  // 5. The model.
  const raw = top as unknown as RawDatabase;
  return buildDatabase(raw, file, rep, source, opts.sourcePath, offsets, idSpans(text, raw, scan, rep));
}

/** The database of an imported feed: its claims have no provenance (no id in the file); its skipped records are warnings. */
function feedDatabase(feed: ImportedFeed, file: string, rep: Reporter): LoadedClaimsDatabase {
  const db = buildDatabase(feed.database, file, rep, sourceView(undefined, "the source text"), undefined, new Map(), () => undefined);
  if (feed.warnings.length) db.warnings = feed.warnings;
  return db;
}

/**
 * Where each claim's id value stands: the scan's `"id":` values matched in order against the claims' ids (in a
 * file the schema passed, only claims have an `id` with a string value); the tree's place when they do not match
 * (an id key written with escapes, say).
 */
function idSpans(text: string, raw: RawDatabase, scan: JsonScan, rep: Reporter): (index: number) => { start: number; end: number } {
  // As numbers, a claim's span made when asked (buildDatabase asks once): 100,000 {start, end} objects kept for the
  // whole load were ≈ 5 MB left in the old generation.
  const n = raw.claims.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let found = 0;
  let k = 0;
  matching: for (const claim of raw.claims) {
    while (k < scan.idValues.length) {
      const at = scan.idValues[k++];
      const { value, end } = stringAt(text, at);
      if (value === claim.id) {
        starts[found] = at;
        ends[found++] = end;
        continue matching;
      }
    }
    break;
  }
  if (found === n) return (i) => ({ start: starts[i], end: ends[i] });
  return (i) => {
    const node = rep.nodeAt(`/claims/${i}/id`)!;
    return { start: node.offset, end: node.offset + node.length };
  };
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

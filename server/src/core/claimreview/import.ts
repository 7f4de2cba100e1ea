// A fact-check feed's text as a claims database: which format it is, its records, its bad records with their
// places. The public API of this folder for `factcheck import` (cli/import.ts) and for the claims loader, which
// loads a feed directly when a claims file turns out to be one (claims/loader.ts).
//
// JSON is read with JSON.parse (the fast path: a 300,000-review feed is hundreds of megabytes); jsonc-parser's
// tree, which knows where every value stands, is built only when a record must be reported at its line and column.
import { parseJson, nodeAtPointer, syntaxMessage } from "../claims/json-tree.js";
import type { RawDatabase } from "../claims/database.js";
import { LineIndex } from "../line-index.js";
import { type InputError, InputErrors } from "../types.js";
import { looksLikeApiResponse, readApiResponse } from "./api.js";
import { readCsv } from "./csv.js";
import { looksLikeJsonLd, readJsonLd } from "./jsonld.js";
import { type FeedRead, pointerOfPlace, type RecordProblem } from "./record.js";
import { recordsToDatabase } from "./to-database.js";

export type FeedFormat = "jsonld" | "api" | "csv";

export interface ImportedFeed {
  format: FeedFormat;
  /** The feed as a claims file's value (version 2), ready to write or to load. */
  database: RawDatabase;
  /** Records skipped (and other things said about the input), each with its place. */
  warnings: InputError[];
}

export interface ImportOptions {
  /** The database's title; default the feed's own name (a DataFeed's), else the file's name. */
  title?: string;
}

/** Whether a parsed JSON value is a fact-check feed rather than a claims database. */
export function isFeedValue(value: unknown): boolean {
  return looksLikeJsonLd(value) || looksLikeApiResponse(value);
}

/** Whether a file is read as CSV: by its name. */
export function isCsvFile(file: string): boolean {
  return /\.csv$/i.test(file);
}

/**
 * Reads a feed file's text: CSV when the name ends in `.csv`, else JSON (JSON-LD or a claims:search response).
 * @throws InputErrors when nothing can be read (not JSON, not a feed, a CSV without the needed columns)
 */
export function importFeed(text: string, file: string, opts: ImportOptions = {}): ImportedFeed {
  if (isCsvFile(file)) return finish("csv", readCsv(text), text, file, opts);
  const box: { value: unknown } = { value: undefined };
  try {
    box.value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const rep = new LineIndex(text);
    const { syntax } = parseJson(text);
    const errors = syntax.length
      ? syntax.map((e) => at(file, rep, e.offset, e.length, syntaxMessage(e)))
      : [at(file, rep, 0, 0, "the file is empty: expected JSON-LD with ClaimReview, a claims:search response, or CSV")];
    throw new InputErrors(errors);
  }
  return importFeedBox(box, text, file, opts);
}

/**
 * A feed from its parsed value (`text` is what it was parsed from, for positions).
 * @throws InputErrors when the value is no feed, or holds no record that could be read
 */
export function importFeedValue(value: unknown, text: string, file: string, opts: ImportOptions = {}): ImportedFeed {
  return importFeedBox({ value }, text, file, opts);
}

/**
 * importFeedValue for a value in a box, which is emptied once the records are read: the parsed feed (as large as
 * the file, several times over) can then be collected while the database is built. The loader's way in.
 */
export function importFeedBox(box: { value: unknown }, text: string, file: string, opts: ImportOptions = {}): ImportedFeed {
  const read = readFeedValue(box.value);
  box.value = undefined;
  if (read) return finish(read.format, read.read, text, file, opts);
  throw new InputErrors([
    at(
      file,
      new LineIndex(text),
      0,
      0,
      "not a fact-check feed: expected JSON-LD with ClaimReview (an object, an array, @graph or a DataFeed), or a Fact Check Tools claims:search response",
    ),
  ]);
}

function readFeedValue(value: unknown): { format: FeedFormat; read: FeedRead } | undefined {
  if (looksLikeApiResponse(value)) return { format: "api", read: readApiResponse(value as Record<string, unknown>) };
  if (looksLikeJsonLd(value)) return { format: "jsonld", read: readJsonLd(value) };
  return undefined;
}

function finish(format: FeedFormat, read: FeedRead, text: string, file: string, opts: ImportOptions): ImportedFeed {
  const title = opts.title ?? read.title ?? defaultTitle(file);
  const { database, problems } = recordsToDatabase(read.records, title);
  const all = [...read.problems, ...problems];
  const warnings = placeProblems(all, text, file);
  if (!database.claims.length) {
    const none = at(file, new LineIndex(text), 0, 0, `no fact-check could be read from this ${FORMAT_NAME[format]}`);
    throw new InputErrors([...warnings, none]);
  }
  return { format, database, warnings };
}

const FORMAT_NAME: Record<FeedFormat, string> = { jsonld: "JSON-LD", api: "claims:search response", csv: "CSV file" };

function defaultTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(claimreview\.json|claims\.json|jsonld|json|csv)$/i, "") || "Fact checks";
}

/** Problems with their line and column: CSV lines as they are; JSON Pointers through the tree, built once if needed. */
function placeProblems(problems: readonly RecordProblem[], text: string, file: string): InputError[] {
  if (!problems.length) return [];
  const lines = new LineIndex(text);
  let root: ReturnType<typeof parseJson>["root"] | null = null;
  return problems
    .map((p) => {
      if ("line" in p.at) {
        const line = Math.max(0, p.at.line - 1);
        return { file, line, character: 0, offset: lines.lineStart(line) ?? 0, length: 0, path: "", message: p.message };
      }
      const pointer = pointerOfPlace(p.at) ?? "";
      root ??= parseJson(text).root;
      const node = root ? nodeAtPointer(root, pointer) : undefined;
      const offset = node?.offset ?? 0;
      return { ...at(file, lines, offset, node ? Math.min(1, node.length) : 0, p.message), path: pointer };
    })
    .sort((a, b) => a.line - b.line || a.character - b.character);
}

function at(file: string, lines: LineIndex, offset: number, length: number, message: string): InputError {
  const p = lines.positionAt(offset);
  return { file, line: p.line, character: p.character, offset, length, path: "", message };
}

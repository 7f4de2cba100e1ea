// A fact-check feed's text as a claims database: which format it is, its records, its bad records with their
// places. The public API of this folder for `factcheck import` (cli/import.ts) and for the claims loader, which
// loads a feed directly when a claims file turns out to be one (claims/loader.ts).
//
// JSON is read with JSON.parse (the fast path: a 300,000-review feed is hundreds of megabytes); jsonc-parser's
// tree, which knows where every value stands, is built only when a record must be reported at its line and column.
import { parseJson, syntaxMessage } from "../claims/json-tree.js";
import { LineIndex } from "../line-index.js";
import { InputErrors } from "../types.js";
import { looksLikeApiResponse, readApiResponse } from "./api.js";
import { readCsv } from "./csv.js";
import { looksLikeJsonLd, readJsonLd } from "./jsonld.js";
import { at, type FeedFormat, finishFeed, type ImportedFeed, type ImportOptions, wholeTree } from "./finish.js";
import type { FeedRead } from "./record.js";
import { streamJsonLd } from "./stream.js";
import { DatabaseBuilder } from "./to-database.js";

export { streamJsonLd } from "./stream.js";

export type { FeedFormat, ImportedFeed, ImportOptions } from "./finish.js";

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
  if (!isCsvFile(file)) {
    const streamed = streamJsonLd(text, file, opts);
    if (streamed) return streamed;
  }
  return importFeedWhole(text, file, opts);
}

/**
 * importFeed without the streaming importer: the whole document parsed at once. What the streaming path must give
 * exactly (its test), and what it falls back to.
 * @throws InputErrors when nothing can be read
 */
export function importFeedWhole(text: string, file: string, opts: ImportOptions = {}): ImportedFeed {
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
  const builder = new DatabaseBuilder();
  for (const r of read.records) builder.add(r);
  return finishFeed(format, builder, read.problems, read.title, text, file, opts, wholeTree(text));
}

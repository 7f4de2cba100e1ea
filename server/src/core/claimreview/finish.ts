// The end of every JSON and CSV import: the records' database finished, its problems placed at their line and
// column (sorted), and the error when no record could be read. Shared by the whole-document path (import.ts) and the
// streaming one (stream.ts).
import { parseJson, nodeAtPointer } from "../claims/json-tree.js";
import { LineIndex } from "../line-index.js";
import { type InputError, InputErrors } from "../types.js";
import type { RawDatabase } from "../claims/database.js";
import { pointerOfPlace, type RecordPlace, type RecordProblem } from "./record.js";
import type { DatabaseBuilder } from "./to-database.js";

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

/**
 * Where a record problem's JSON node is: its offset and length in the file's text. The whole-document way builds
 * jsonc-parser's tree of the whole text once, the first time it is asked; the streaming importer's finds the node in
 * the one top-level value it is in (stream.ts).
 */
export type NodeLocator = (at: RecordPlace, pointer: string) => { offset: number; length: number } | undefined;

export function wholeTree(text: string): NodeLocator {
  let root: ReturnType<typeof parseJson>["root"] | null = null;
  return (_at, pointer) => {
    root ??= parseJson(text).root;
    return root ? nodeAtPointer(root, pointer) : undefined;
  };
}

/**
 * The imported feed from its records as built (`builder`, every record added in order) and the problems met while
 * reading them; throws when no record could be read. Shared by the whole-document path and the streaming one.
 * @throws InputErrors when the database has no claim
 */
export function finishFeed(
  format: FeedFormat,
  builder: DatabaseBuilder,
  readProblems: readonly RecordProblem[],
  feedTitle: string | undefined,
  text: string,
  file: string,
  opts: ImportOptions,
  locate: NodeLocator,
): ImportedFeed {
  const title = opts.title ?? feedTitle ?? defaultTitle(file);
  const { database, problems } = builder.finish(title);
  const all = [...readProblems, ...problems];
  const warnings = placeProblems(all, text, file, locate);
  if (!database.claims.length) {
    const none = at(file, new LineIndex(text), 0, 0, `no fact-check could be read from this ${FORMAT_NAME[format]}`);
    throw new InputErrors([...warnings, none]);
  }
  return { format, database, warnings };
}

const FORMAT_NAME: Record<FeedFormat, string> = { jsonld: "JSON-LD", api: "claims:search response", csv: "CSV file" };

export function defaultTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(claimreview\.json|claims\.json|jsonld|json|csv)$/i, "") || "Fact checks";
}

/** Problems with their line and column: CSV lines as they are; JSON Pointers through `locate`. */
function placeProblems(problems: readonly RecordProblem[], text: string, file: string, locate: NodeLocator): InputError[] {
  if (!problems.length) return [];
  const lines = new LineIndex(text);
  return problems
    .map((p) => {
      if ("line" in p.at) {
        const line = Math.max(0, p.at.line - 1);
        return { file, line, character: 0, offset: lines.lineStart(line) ?? 0, length: 0, path: "", message: p.message };
      }
      const pointer = pointerOfPlace(p.at) ?? "";
      const node = locate(p.at, pointer);
      const offset = node?.offset ?? 0;
      return { ...at(file, lines, offset, node ? Math.min(1, node.length) : 0, p.message), path: pointer };
    })
    .sort((a, b) => a.line - b.line || a.character - b.character);
}

export function at(file: string, lines: LineIndex, offset: number, length: number, message: string): InputError {
  const p = lines.positionAt(offset);
  return { file, line: p.line, character: p.character, offset, length, path: "", message };
}

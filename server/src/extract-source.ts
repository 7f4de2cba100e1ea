// One source document to a claims database and the text stored beside it, shared by `factcheck extract`
// (cli/extract.ts, which writes the files) and the server's extract request (extract-request.ts, whose
// client writes them). No disk access here: the caller reads and writes.
import * as path from "node:path";
import { extractClaims, type ClaimsFileJson } from "./core/extract/index.js";
import { mergeReviewed } from "./core/extract/merge.js";
import type { Nlp } from "./core/nlp.js";
import { Segmenter } from "./core/segment/segmenter.js";
import { markdownSource, plainSource, type SourceText } from "./core/extract/source-text.js";
import { htmlSource } from "./extract-html.js";
import { draftFormatOf } from "../../protocol/markdown.js";

export type SourceFormat = "plaintext" | "markdown" | "html";

export function sourceFormatOf(file: string, languageId?: string): SourceFormat {
  if (draftFormatOf(file, languageId) === "markdown") return "markdown";
  if (languageId === "html" || /\.(html?|xhtml)$/i.test(file)) return "html";
  return "plaintext";
}

export interface DrawRequest {
  /** The English pipeline to read the source with: the host's one (createNlp), shared with its engines. */
  nlp: Nlp;
  /** The source's file name (only its name and extension are used). */
  file: string;
  content: string;
  format?: SourceFormat;
  title?: string;
  /** Base name of the output: `<base>.claims.json` and `<base>.txt`; default the source's name without extension. */
  base?: string;
  /** The existing claims file's JSON, when re-extracting over it: reviewed claims are kept. */
  previous?: unknown;
}

export interface DrawResult {
  db: ClaimsFileJson;
  /** The text every quote is cut from, to be stored as `sourceFileName` beside the claims file. */
  sourceText: string;
  claimsFileName: string;
  sourceFileName: string;
  /** The source file itself holds exactly `sourceText` (plain text): nothing new needs writing. */
  sourceIsInput: boolean;
  keptReviewed: number;
  lostReviewed: string[];
}

/** A byline at the top of a plain-text or Markdown article ("By Jane Doe"), for the article's own reporting. */
function bylineOf(text: string): string | undefined {
  const m = /^(?:\s*\S[^\n]*\n){0,3}?\s*By\s+([\p{Lu}][\p{L}.'’-]+(?:\s+(?:and\s+)?[\p{Lu}][\p{L}.'’-]+){0,5})\s*$/mu.exec(
    text.slice(0, 2000),
  );
  return m?.[1];
}

export function drawClaims(req: DrawRequest): DrawResult {
  const format = req.format ?? sourceFormatOf(req.file);
  const ext = path.extname(req.file);
  const base = req.base ?? path.basename(req.file, ext);
  let src: SourceText & { byline?: string; siteName?: string };
  if (format === "html") src = htmlSource(req.content);
  else if (format === "markdown") src = markdownSource(req.content, new Segmenter(req.nlp));
  else src = plainSource(req.content);
  const sourceIsInput = format === "plaintext" && src.text === req.content && /\.txt$/i.test(req.file);
  const sourceFileName = sourceIsInput
    ? path.basename(req.file)
    : `${base}.txt` === path.basename(req.file)
      ? `${base}.source.txt`
      : `${base}.txt`;
  const title = (req.title ?? src.title ?? base).trim() || base;
  const who = src.siteName ?? src.byline ?? bylineOf(src.text);
  const fresh = extractClaims({
    nlp: req.nlp,
    text: src.text,
    title,
    headings: src.headings,
    sourceFile: sourceFileName,
    reporter: who ? `${who} (the article's reporting)` : undefined,
  });
  const merged = req.previous ? mergeReviewed(fresh, req.previous, src.text) : { db: fresh, kept: 0, lost: [] };
  return {
    db: merged.db,
    sourceText: src.text,
    claimsFileName: `${base}.claims.json`,
    sourceFileName,
    sourceIsInput,
    keptReviewed: merged.kept,
    lostReviewed: merged.lost,
  };
}

/** "34 claims, 6 speakers" (the article's own reporting counted apart). */
export function summarise(db: ClaimsFileJson): string {
  const reporting = db.claims.filter((c) => c.speaker === "reporting").length;
  const attributed = db.claims.length - reporting;
  const speakers = Object.keys(db.speakers).filter((k) => k !== "reporting").length;
  return `${attributed} claim${attributed === 1 ? "" : "s"}, ${speakers} speaker${speakers === 1 ? "" : "s"}${reporting ? ` (and ${reporting} of the article's own reporting)` : ""}`;
}

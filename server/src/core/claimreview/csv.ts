// Records out of a CSV file with a header row: a spreadsheet of fact-checks, one review a row. The header names
// the columns (any order, any case; spaces, "-" and "_" ignored, so "Review URL", "review_url" and "reviewUrl"
// are one column); COLUMNS below is the mapping, and README's "CSV column mapping" prints it. Parsing is
// csv-parse's (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, a byte order mark); a row it
// cannot read (a wrong number of fields, a quote never closed) is reported with its line and skipped.
import { parse } from "csv-parse/sync";
import type { ClaimReview, ReviewRating } from "../types.js";
import { type FeedRead, type FeedRecord, httpUrl, numberOf, type RecordProblem, siteOf, textOf } from "./record.js";

/** What each field of a record is called in a header: the first name is the one `factcheck` documents. */
export const CSV_COLUMNS = {
  claim: ["claim", "claimReviewed", "text", "claimText"],
  claimant: ["claimant", "claimAuthor", "author"],
  claimDate: ["claimDate"],
  appearances: ["appearance", "appearances", "claimUrl", "firstAppearance"],
  reviewUrl: ["reviewUrl", "url"],
  publisher: ["publisher", "publisherName", "reviewer", "factChecker"],
  publisherSite: ["publisherSite", "site"],
  reviewDate: ["reviewDate", "datePublished", "date"],
  textualRating: ["rating", "textualRating", "verdict"],
  alternateName: ["alternateName", "ratingAlternateName"],
  ratingValue: ["ratingValue"],
  bestRating: ["bestRating"],
  worstRating: ["worstRating"],
  language: ["language", "languageCode", "inLanguage"],
  headline: ["headline", "title", "reviewTitle"],
} as const;

export type CsvField = keyof typeof CSV_COLUMNS;

/** Fields a row must have: the claim, the review's URL, who reviewed it, and a rating (words or value). */
const REQUIRED: readonly CsvField[] = ["claim", "reviewUrl", "publisher"];

const fold = (name: string) => name.replace(/[\s_-]+/g, "").toLowerCase();

const BY_NAME: ReadonlyMap<string, CsvField> = new Map(
  (Object.entries(CSV_COLUMNS) as [CsvField, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [fold(n), field] as const)),
);

/**
 * Reads a CSV feed. Rows are reported by their line in the file (1-based, the header is line 1). A header
 * without the claim, review URL and reviewer columns is one problem at line 1, and nothing loads.
 */
export function readCsv(text: string): FeedRead {
  const problems: RecordProblem[] = [];
  let header: string[] | undefined;
  const rows = parse(text, {
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      problems.push({
        at: { line: Number(err?.lines ?? 0) },
        message: `cannot read this row: ${err?.message ?? "malformed CSV"}: skipped`,
      });
      return undefined;
    },
    columns: (names: string[]) => {
      header = names;
      return names.map((n, i) => `${i}`);
    },
  }) as { record: Record<string, string>; info: { lines: number; raw: string } }[];
  if (!header) return { records: [], problems: [...problems, { at: { line: 1 }, message: "the file is empty: expected a header row" }] };

  const columnOf = new Map<CsvField, number>();
  const unknown: string[] = [];
  header.forEach((name, i) => {
    const field = BY_NAME.get(fold(name));
    if (field === undefined) {
      if (name.trim()) unknown.push(name);
    } else if (!columnOf.has(field)) columnOf.set(field, i);
  });
  const missing = REQUIRED.filter((f) => !columnOf.has(f));
  if (!columnOf.has("textualRating") && !columnOf.has("alternateName") && !columnOf.has("ratingValue")) missing.push("textualRating");
  if (missing.length) {
    const names = missing.map((f) => JSON.stringify(CSV_COLUMNS[f][0])).join(", ");
    problems.unshift({
      at: { line: 1 },
      message: `the header row has no column ${names} (see the CSV column mapping in the README); nothing loaded`,
    });
    return { records: [], problems };
  }
  if (unknown.length)
    problems.unshift({ at: { line: 1 }, message: `unknown columns ignored: ${unknown.map((n) => JSON.stringify(n)).join(", ")}` });

  const records: FeedRecord[] = [];
  for (const { record, info } of rows) {
    const line = info.lines - lineBreaks(info.raw);
    const get = (f: CsvField) => {
      const i = columnOf.get(f);
      return i === undefined ? undefined : textOf(record[String(i)]);
    };
    const r = readRow(get);
    if (typeof r === "string") problems.push({ at: { line }, message: r });
    else records.push({ ...r, at: { line } });
  }
  return { records, problems };
}

/** Line breaks inside a raw record, not counting the one that ends it. */
function lineBreaks(raw: string): number {
  const body = raw.replace(/(\r\n|\r|\n)$/, "");
  return (body.match(/\r\n|\r|\n/g) ?? []).length;
}

function readRow(get: (f: CsvField) => string | undefined): Omit<FeedRecord, "at"> | string {
  const claim = get("claim");
  if (claim === undefined) return `this row has no ${JSON.stringify(CSV_COLUMNS.claim[0])}: skipped`;
  const urlText = get("reviewUrl");
  if (urlText === undefined) return `this row has no ${JSON.stringify(CSV_COLUMNS.reviewUrl[0])}: skipped`;
  const url = httpUrl(urlText);
  if (url === undefined) return `reviewUrl must be an http:// or https:// URL; found ${JSON.stringify(urlText.slice(0, 80))}: skipped`;
  const site = siteOf(get("publisherSite"));
  const name = get("publisher") ?? site;
  if (name === undefined) return `this row has no ${JSON.stringify(CSV_COLUMNS.publisher[0])}: skipped`;
  const rating: ReviewRating = {};
  const words = get("textualRating") ?? get("alternateName");
  if (words !== undefined) rating.textualRating = words;
  const alternate = get("alternateName");
  if (alternate !== undefined && alternate !== words) rating.alternateName = alternate;
  for (const key of ["ratingValue", "bestRating", "worstRating"] as const) {
    const raw = get(key);
    if (raw === undefined) continue;
    const v = numberOf(raw);
    if (v === undefined) return `${key} must be a number; found ${JSON.stringify(raw.slice(0, 40))}: skipped`;
    rating[key] = v;
  }
  if (rating.textualRating === undefined && rating.ratingValue === undefined)
    return "this row has no rating (rating, alternateName or ratingValue): skipped";
  const review: ClaimReview = { url, publisher: { name, ...(site ? { site } : {}) }, rating };
  const date = get("reviewDate");
  if (date !== undefined) review.date = date;
  const headline = get("headline");
  if (headline !== undefined) review.headline = headline;
  const language = get("language");
  if (language !== undefined) review.language = language;
  const record: Omit<FeedRecord, "at"> = { claim, appearances: [], review };
  const claimant = get("claimant");
  if (claimant !== undefined) record.claimant = { name: claimant };
  const claimDate = get("claimDate");
  if (claimDate !== undefined) record.claimDate = claimDate;
  for (const u of (get("appearances") ?? "").split(/\s+/)) {
    const link = httpUrl(u);
    if (link !== undefined && !record.appearances.includes(link)) record.appearances.push(link);
  }
  return record;
}

// The quotes of a claims file against the source text they point into: each quote must be exactly
// `source.slice(start, end)`, and a claim that states no offsets gets them by finding its quote, which must
// then occur exactly once. Messages never quote the source (it may be any file the host lets through, and
// messages reach CI logs): they give offsets and line:column into it, and a near match by its offsets.
import { LineIndex, type LinePosition } from "../line-index.js";
import { type Reporter, spans } from "./reporter.js";

/** The source text as the checks see it. */
export interface SourceView {
  /** Undefined when the claims file names no source (or it could not be read): then offsets are kept as stated. */
  text: string | undefined;
  /** How messages name it: its file name, or `source.file` as written. */
  name: string;
  /** 0-based line and UTF-16 character of an offset (a line index built on first use). */
  position(offset: number): LinePosition;
}

export function sourceView(text: string | undefined, name: string): SourceView {
  let lines: LineIndex | undefined;
  return { text, name, position: (offset) => (lines ??= new LineIndex(text ?? "")).positionAt(offset) };
}

/**
 * The offsets of one claim's quote in the source, checked; undefined (with the problem reported) when they
 * cannot be had. `claim` is the plain value of the claim at JSON Pointer `at`. Without a source text, stated offsets are kept as they are and missing ones stay unknown.
 */
export function quoteOffsets(
  claim: Readonly<Record<string, unknown>>,
  at: string,
  rep: Reporter,
  source: SourceView,
): { start: number; end: number } | undefined {
  const sourceText = source.text;
  const sourceName = source.name;
  const sourceAt = (offset: number): string => {
    const p = source.position(offset);
    return `line ${p.line + 1}, column ${p.character + 1}`;
  };
  const quote = typeof claim.quote === "string" && claim.quote !== "" ? claim.quote : undefined;
  const isOffset = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;
  const start = isOffset(claim.start) ? claim.start : undefined;
  const end = isOffset(claim.end) ? claim.end : undefined;

  if (sourceText === undefined) {
    // Nothing to check against: keep stated offsets; 0/0 means "unknown".
    if (start !== undefined && end !== undefined && start <= end) return { start, end };
    if (start !== undefined && end !== undefined) rep.at(`${at}/start`, `start ${start} is after end ${end}`);
    return undefined;
  }
  if (!quote) return undefined;

  if (start !== undefined && end !== undefined) {
    let inRange = true;
    if (start > sourceText.length) {
      rep.at(`${at}/start`, `start ${start} is past the end of ${sourceName} (${sourceText.length} characters)`);
      inRange = false;
    }
    if (end > sourceText.length) {
      rep.at(`${at}/end`, `end ${end} is past the end of ${sourceName} (${sourceText.length} characters)`);
      inRange = false;
    }
    if (inRange && start > end) {
      rep.at(`${at}/start`, `start ${start} is after end ${end}`);
      inRange = false;
    }
    if (!inRange) return undefined;
    if (sourceText.startsWith(quote, start) && start + quote.length === end) return { start, end };
    const found = occurrences(sourceText, quote);
    const elsewhere = found.length
      ? `; the quote is at ${spans(found, quote.length)}`
      : `; the quote is not found verbatim anywhere in ${sourceName}`;
    // Not what the source has there: that text may be anything the source file holds (a secret, in CI).
    rep.at(`${at}/quote`, `quote does not match ${sourceName} at ${start}–${end} (${sourceAt(start)})${elsewhere}`);
    return undefined;
  }
  if (start !== undefined || end !== undefined) return undefined; // one without the other: reported by the schema

  const found = occurrences(sourceText, quote);
  if (found.length === 1) return { start: found[0], end: found[0] + quote.length };
  if (found.length > 1) {
    rep.at(
      `${at}/quote`,
      `quote occurs ${found.length} times in ${sourceName} (at ${spans(found, quote.length)}); add "start" and "end" to choose one`,
    );
  } else {
    const near = looseMatch(sourceText, quote);
    const hint = near
      ? `; a near match at ${near.start}–${near.end} (${sourceAt(near.start)}) differs only in quotes, dashes, spacing or case`
      : "";
    rep.at(`${at}/quote`, `quote not found verbatim in ${sourceName}${hint}`);
  }
  return undefined;
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

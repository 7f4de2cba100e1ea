// One fact-checked claim as every feed format gives it (JSON-LD ClaimReview, the Fact Check Tools API, CSV), before
// it becomes a claim of a claims database (to-database.ts). Every string is untrusted feed text; links are kept
// only when they are http(s).
import { toJsonPointer } from "../claims/json-pointer.js";
import type { ClaimReview } from "../types.js";

export interface FeedRecord {
  /** The claim as the reviewer states it (ClaimReview.claimReviewed; the API's `text`). */
  claim: string;
  /** Who made the claim (itemReviewed.author; the API's `claimant`), when the feed says. */
  claimant?: { name: string; organization?: boolean };
  claimDate?: string;
  /** Where the claim appeared, the first appearance first (http(s) only). */
  appearances: string[];
  review: ClaimReview;
  /** Where the record is in its input: a JSON Pointer, or a CSV line. */
  at: RecordPlace;
}

export type RecordPlace = { pointer: string } | { line: number } | { path: PathLink | undefined };

/**
 * A step of a path into a JSON value, linked to its parent: a JSON-LD feed's records keep these (shared by
 * siblings), and the pointer is spelled only for a record that is reported (pointerOfPlace).
 */
export interface PathLink {
  parent: PathLink | undefined;
  key: string | number;
}

/** The JSON Pointer of a place in JSON (not a CSV line). */
export function pointerOfPlace(at: RecordPlace): string | undefined {
  if ("pointer" in at) return at.pointer;
  if ("line" in at) return undefined;
  const keys: (string | number)[] = [];
  for (let l = at.path; l; l = l.parent) keys.push(l.key);
  return toJsonPointer(keys.reverse());
}

/** A record that could not be read: skipped, and reported with its place. */
export interface RecordProblem {
  at: RecordPlace;
  message: string;
}

/** What reading one feed gives. */
export interface FeedRead {
  records: FeedRecord[];
  problems: RecordProblem[];
  /** The feed's own name (a DataFeed's `name`), when it has one. */
  title?: string;
}

const HTTP_URL = /^https?:\/\/\S+$/;

/** `s` when it is an http(s) URL without spaces, else undefined. */
export function httpUrl(s: unknown): string | undefined {
  // Case as the claims schema's pattern has it (HTTP_URL_PATTERN), so every kept link passes it.
  if (typeof s !== "string") return undefined;
  const t = s.trim();
  return HTTP_URL.test(t) ? t : undefined;
}

/** The host of an http(s) URL, without a trailing dot ("https://www.politifact.com/x" → "www.politifact.com"). */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/\.$/, "") || undefined;
  } catch {
    return undefined;
  }
}

/** A reviewer's site as a host name: "politifact.com" as given, or the host of a URL. */
export function siteOf(s: unknown): string | undefined {
  if (typeof s !== "string") return undefined;
  const t = s.trim();
  if (!t) return undefined;
  if (/^https?:\/\//i.test(t)) return hostOf(t);
  return /^[\w.-]+$/.test(t) ? t.toLowerCase() : undefined;
}

/** A number from a number or a numeric string ("1", "4.5"), else undefined. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A trimmed, non-empty string, else undefined. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
}

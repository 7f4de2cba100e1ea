// Feed records as a claims database (claims file version 2): one reviewed claim per record, its claimant a speaker.
// Ids are stable — the reviewer, the claim's first words and a hash of the review URL and the claim — so importing
// the same feed again gives the same ids, and two reviews of one claim (by two fact-checkers) get two.
import { CURRENT_CLAIMS_VERSION } from "../claims/schema.js";
import type { RawDatabase } from "../claims/database.js";
import { type FeedRecord, pointerOfPlace, type RecordProblem } from "./record.js";

/** Role of a claimant speaker, by what the feed says it is. export.ts reads it back. */
export const CLAIMANT_ROLE = "claimant";
export const ORGANIZATION_CLAIMANT_ROLE = "claimant (organization)";

type RawClaim = RawDatabase["claims"][number];

/**
 * The claims database of a feed's records, added one at a time, so that a streamed feed (stream.ts) never holds all
 * its records at once: each becomes its claim as it comes. Records that repeat an earlier one (same review URL and
 * claim) are problems. The same records in the same order give the same database and problems.
 */
export class DatabaseBuilder {
  private readonly speakers: RawDatabase["speakers"] = {};
  // Claimants by name, people and organisations apart (the same name may be both).
  private readonly speakerKeyOf = { person: new Map<string, string>(), organization: new Map<string, string>() };
  private readonly publisherSlug = new Map<string, string>();
  private readonly claims: RawClaim[] = [];
  private readonly problems: RecordProblem[] = [];
  // Records by review URL (a string the record already holds: nothing allocated per record to find repeats), each
  // kept as its claim text and place only (not the whole record).
  private readonly seen = new Map<string, Seen | Seen[]>();
  private readonly ids = new Set<string>();

  add(r: FeedRecord): void {
    const { seen, ids, speakers, publisherSlug } = this;
    const sameUrl = seen.get(r.review.url);
    const earlier = sameUrl === undefined ? undefined : (Array.isArray(sameUrl) ? sameUrl : [sameUrl]).find((e) => e.claim === r.claim);
    if (earlier) {
      this.problems.push({ at: r.at, message: `repeats the record at ${placeName(earlier.at)} (same review url and claim): skipped` });
      return;
    }
    const entry: Seen = { claim: r.claim, at: r.at };
    if (sameUrl === undefined) seen.set(r.review.url, entry);
    else if (Array.isArray(sameUrl)) sameUrl.push(entry);
    else seen.set(r.review.url, [sameUrl, entry]);
    let pub = publisherSlug.get(r.review.publisher.name);
    if (pub === undefined) publisherSlug.set(r.review.publisher.name, (pub = slug(r.review.publisher.name, 3) || "review"));
    const base = `${pub}-${slug(r.claim.slice(0, 80), 5) || "claim"}-${hash(r.review.url, r.claim)}`;
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    const claim: RawClaim = { id, text: r.claim };
    if (r.claimant) {
      const byName = r.claimant.organization ? this.speakerKeyOf.organization : this.speakerKeyOf.person;
      let key = byName.get(r.claimant.name);
      if (key === undefined) {
        const first = slug(r.claimant.name, 6) || `claimant-${hash(r.claimant.name, "")}`;
        key = first;
        for (let n = 2; key in speakers; n++) key = `${first}-${n}`;
        byName.set(r.claimant.name, key);
        speakers[key] = { name: r.claimant.name, role: r.claimant.organization ? ORGANIZATION_CLAIMANT_ROLE : CLAIMANT_ROLE };
      }
      claim.speaker = key;
    }
    if (r.appearances.length) {
      claim.url = r.appearances[0];
      if (r.appearances.length > 1) claim.appearances = r.appearances.slice(1);
    }
    if (r.claimDate !== undefined) claim.claimDate = r.claimDate;
    claim.review = r.review;
    this.claims.push(claim);
  }

  finish(title: string): { database: RawDatabase; problems: RecordProblem[] } {
    return {
      database: { version: CURRENT_CLAIMS_VERSION as 2, title, speakers: this.speakers, claims: this.claims },
      problems: this.problems,
    };
  }
}

interface Seen {
  claim: string;
  at: FeedRecord["at"];
}

export function placeName(at: FeedRecord["at"]): string {
  return "line" in at ? `line ${at.line}` : pointerOfPlace(at) || "the top level";
}

/** Lowercase ASCII words joined by hyphens, at most `words` of them (accents dropped: "Zoë" → "zoe"). */
function slug(s: string, words: number): string {
  // The common case, ASCII up to the end of the last word kept, without normalising, splitting and joining: a
  // feed's 300,000 claims each get one. Any other character takes the full way (NFKD can make letters of it).
  let out = "";
  let n = 0;
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (c >= 128) return slugUnicode(s, words);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (alnum && start < 0) {
      if (n === words) return out;
      start = i;
    } else if (!alnum && start >= 0) {
      out += (n++ ? "-" : "") + s.slice(start, i).toLowerCase();
      start = -1;
    }
  }
  return out;
}

function slugUnicode(s: string, words: number): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, words)
    .join("-");
}

/** FNV-1a of `a`, a line break and `b`, six base-36 digits: ids stay the same from one import to the next. */
function hash(a: string, b: string): string {
  // Kept as an int32 in one local (the same bits as the unsigned value): a closure's captured unsigned number
  // above 2^30 would be a heap number, allocated at every character of 300,000 claims.
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 10, 0x01000193);
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).padStart(6, "0").slice(-6);
}

/**
 * Several imported databases as one (`factcheck import A B --out X`): speakers with the same name and role become
 * one, and a claim whose id an earlier database has (the same review of the same claim) is left out and named.
 */
export function mergeDatabases(parts: readonly RawDatabase[], title: string): { database: RawDatabase; repeated: string[] } {
  if (parts.length === 1) return { database: { ...parts[0], title }, repeated: [] };
  const speakers: RawDatabase["speakers"] = {};
  const keyOf = new Map<string, string>();
  const claims: RawClaim[] = [];
  const ids = new Set<string>();
  const repeated: string[] = [];
  for (const part of parts) {
    const rename = new Map<string, string>();
    for (const [key, s] of Object.entries(part.speakers)) {
      const who = `${s.role}\n${s.name}`;
      let k = keyOf.get(who);
      if (k === undefined) {
        k = key;
        for (let n = 2; k in speakers; n++) k = `${key}-${n}`;
        keyOf.set(who, k);
        speakers[k] = s;
      }
      rename.set(key, k);
    }
    for (const c of part.claims) {
      if (ids.has(c.id)) {
        repeated.push(c.id);
        continue;
      }
      ids.add(c.id);
      claims.push(c.speaker !== undefined ? { ...c, speaker: rename.get(c.speaker) ?? c.speaker } : c);
    }
  }
  return { database: { version: CURRENT_CLAIMS_VERSION as 2, title, speakers, claims }, repeated };
}

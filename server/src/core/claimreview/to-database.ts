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
  /** Each claim's record's place, by claim (to name it when a later record repeats it). */
  private readonly places: FeedRecord["at"][] = [];
  // The claims by their hash's six digits (idHash), one number or a list: a record that repeats an earlier one (the
  // same review URL and claim) has the same hash, and so does every id that could equal a new one. A number is a
  // cheaper key than the URL or the id (no string to hash, and no string compared but when the numbers meet).
  private readonly byHash = new Map<number, number | number[]>();

  add(r: FeedRecord): void {
    const { byHash, claims, speakers, publisherSlug } = this;
    const h = idHash(r.review.url, r.claim);
    const same = byHash.get(h);
    if (same !== undefined) {
      const earlier = (typeof same === "number" ? [same] : same).find(
        (i) => claims[i].text === r.claim && claims[i].review!.url === r.review.url,
      );
      if (earlier !== undefined) {
        this.problems.push({
          at: r.at,
          message: `repeats the record at ${placeName(this.places[earlier])} (same review url and claim): skipped`,
        });
        return;
      }
    }
    let pub = publisherSlug.get(r.review.publisher.name);
    if (pub === undefined) publisherSlug.set(r.review.publisher.name, (pub = slug(r.review.publisher.name, 3) || "review"));
    // Joined, not concatenated: a concatenation is a tree of string pieces (seven a claim here, 32 bytes each) that
    // the id would keep; a join is one flat string.
    const base = [pub, slug(r.claim.slice(0, 80), 5) || "claim", hashDigits(h)].join("-");
    let id = base;
    if (same !== undefined) {
      const taken = new Set((typeof same === "number" ? [same] : same).map((i) => claims[i].id));
      for (let n = 2; taken.has(id); n++) id = [base, n].join("-");
    }
    const index = claims.length;
    if (same === undefined) byHash.set(h, index);
    else if (typeof same === "number") byHash.set(h, [same, index]);
    else same.push(index);
    this.places.push(r.at);
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
  return hashDigits(idHash(a, b));
}

/** The number whose six base-36 digits `hash` writes: FNV-1a of `a`, a line break and `b`, modulo 36^6. */
function idHash(a: string, b: string): number {
  // Kept as an int32 in one local (the same bits as the unsigned value): a closure's captured unsigned number
  // above 2^30 would be a heap number, allocated at every character of 300,000 claims.
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 10, 0x01000193);
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SIX_DIGITS;
}

const SIX_DIGITS = 36 ** 6;

function hashDigits(h: number): string {
  return h.toString(36).padStart(6, "0");
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

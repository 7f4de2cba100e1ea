// Claim search for the command palette: fuzzy, typo-tolerant, over claim text, speaker and
// section. fuse.js does this well on a few thousand short records, but scans every record per
// query: over a 100,000-claim feed one query took seconds. So a large database is narrowed
// first — by the matcher's inverted index (typo-corrected words) and by speaker and section
// names — and fuse.js ranks only that short list. Even a short list of 1,000 claims took fuse.js
// 20 ms or more, though few of them match every word, so a gate (fuzzy-gate.ts) first drops the
// claims fuse.js cannot match; what it keeps, fuse.js ranks exactly as it would have ranked the list.
import Fuse from "fuse.js";
import { gateWords, type GateWord, mayMatch } from "./fuzzy-gate.js";
import type { Claim } from "./types.js";

export interface ClaimSearchHit {
  claim: Claim;
  /** 1 is a perfect match, 0 none. */
  score: number;
}

/** Claims likely to match a query, for narrowing a large database (the checker's index provides it). */
export type Narrow = (query: string, limit: number) => readonly Claim[];

/**
 * Longest query searched, in UTF-16 units; the rest is ignored. A claim search is a few words
 * typed into a picker; fuse.js matches every word of the query fuzzily against every field, so a
 * pasted page (100,000 characters) would otherwise cost seconds.
 */
export const MAX_QUERY_CHARS = 500;

/** Up to this many claims, fuse.js searches them all (those the gate keeps). */
const SCAN_ALL = 2000;
/** How many candidates a narrowed search hands to fuse.js. */
const SHORT_LIST = 500;

export class ClaimSearch {
  private readonly fuse: Fuse<Claim>;

  constructor(
    private readonly claims: readonly Claim[],
    private readonly narrow?: Narrow,
  ) {
    this.fuse = new Fuse(claims.length <= SCAN_ALL || !narrow ? [...claims] : [], FUSE_OPTIONS);
  }

  /** Best matches first. An empty query lists claims in database order. Only the first MAX_QUERY_CHARS count. */
  search(query: string, limit = 50): ClaimSearchHit[] {
    // Extended search gives ' = ! ^ $ | a meaning; a writer's query is words, so they go.
    const q = capQuery(query)
      .replace(/(^|\s)[=!'^]+/g, "$1")
      .replace(/\$(?=\s|$)|\|/g, " ")
      .trim();
    if (!q) return this.claims.slice(0, limit).map((claim) => ({ claim, score: 1 }));
    const words = gateWords(q, FUSE_OPTIONS.threshold);
    const all = this.claims.length <= SCAN_ALL || !this.narrow;
    // Without a gate (operators in the query) fuse.js reads the query itself, over everything as before.
    if (all && !words) return hitsOf(this.fuse, q, limit);
    const list = all ? this.claims : this.shortList(q);
    const seen = new Map<string, boolean>();
    return hitsOf(new Fuse(words ? list.filter((c) => mayMatchClaim(words, c, seen)) : list, FUSE_OPTIONS), q, limit);
  }

  /** Claims sharing the query's words, then claims whose speaker or section names a query word. */
  private shortList(q: string): Claim[] {
    const out = new Set(this.narrow!(q, SHORT_LIST));
    const words = q
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length >= 3);
    if (!words.length) return [...out];
    // A word (no white space in it) is in "name role section" exactly when it is in one of the three, so each
    // distinct name, role and section is tested once (a few thousand strings, not one per claim), then the
    // claims are walked in order.
    const who = (this.who ??= whoIndex(this.claims));
    const hits = who.parts.map((texts) => texts.map((t) => words.some((w) => t.includes(w))));
    if (!hits.some((h) => h.includes(true))) return [...out];
    const [names, roles, sections] = hits;
    const [nameOf, roleOf, sectionOf] = who.ids;
    for (let i = 0; i < this.claims.length; i++) {
      if (out.size >= SHORT_LIST * 2) break;
      if (names[nameOf[i]] || roles[roleOf[i]] || sections[sectionOf[i]]) out.add(this.claims[i]);
    }
    return [...out];
  }

  /** Per claim, the index of its lowercase speaker name, role and section among the distinct ones (built on the first narrowed search). */
  private who: WhoIndex | undefined;
}

interface WhoIndex {
  /** The distinct lowercase names, roles and sections. */
  parts: [string[], string[], string[]];
  /** Per claim, its name's, role's and section's index in `parts`. */
  ids: [Uint32Array, Uint32Array, Uint32Array];
}

function whoIndex(claims: readonly Claim[]): WhoIndex {
  const parts: WhoIndex["parts"] = [[], [], []];
  const ids: WhoIndex["ids"] = [new Uint32Array(claims.length), new Uint32Array(claims.length), new Uint32Array(claims.length)];
  const byText = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  claims.forEach((c, i) => {
    // As the search before this index read them: `${…}`, so a missing role reads "undefined".
    const fields = [`${c.speaker.name}`, `${c.speaker.role}`, `${c.source.section}`];
    for (let p = 0; p < 3; p++) {
      const text = fields[p].toLowerCase();
      let k = byText[p].get(text);
      if (k === undefined) {
        k = parts[p].push(text) - 1;
        byText[p].set(text, k);
      }
      ids[p][i] = k;
    }
  });
  return { parts, ids };
}

/** fuse.js's hits as the search's, best first. */
function hitsOf(fuse: Fuse<Claim>, q: string, limit: number): ClaimSearchHit[] {
  return fuse.search(q, { limit }).map((r) => ({ claim: r.item, score: Math.round((1 - (r.score ?? 1)) * 1000) / 1000 }));
}

/**
 * Whether one of the fields fuse.js searches may match every word (fuzzy-gate.ts); false only when fuse.js cannot
 * match the claim. Names, roles and sections repeat across claims, so their answers are kept in `seen` for the
 * query, and they are asked first: the order does not change the answer, only how soon it is known.
 */
function mayMatchClaim(words: readonly GateWord[], c: Claim, seen: Map<string, boolean>): boolean {
  for (const value of [c.speaker?.name, c.speaker?.role, c.source?.section] as unknown[]) {
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return true;
    let may = seen.get(value);
    if (may === undefined) seen.set(value, (may = mayMatchAll(words, value)));
    if (may) return true;
  }
  for (const value of [c.text, c.source?.quote, c.id] as unknown[]) {
    if (value === undefined || value === null) continue;
    // Anything but a string fuse.js reads in its own ways (arrays, numbers): keep the claim.
    if (typeof value !== "string") return true;
    if (mayMatchAll(words, value)) return true;
  }
  return false;
}

/** Whether a field may match every word, lowercased as fuse.js lowercases it (its extended search, then its bitap). */
function mayMatchAll(words: readonly GateWord[], value: string): boolean {
  const text = value.toLowerCase().toLowerCase();
  return words.every((w) => mayMatch(w, text));
}

/** The first MAX_QUERY_CHARS of a query, cut at a word break when there is one (and never inside a surrogate pair). */
export function capQuery(query: string): string {
  if (query.length <= MAX_QUERY_CHARS) return query;
  let end = MAX_QUERY_CHARS;
  const space = query.lastIndexOf(" ", end);
  if (space > MAX_QUERY_CHARS / 2) end = space;
  else if ((query.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  return query.slice(0, end);
}

export const FUSE_OPTIONS = {
  includeScore: true,
  // Words are matched separately (AND), each fuzzily: "nato kyiv" finds "NATO expansion to include Kyiv".
  useExtendedSearch: true,
  ignoreLocation: true,
  threshold: 0.4,
  minMatchCharLength: 2,
  keys: [
    { name: "text", weight: 3 },
    { name: "source.quote", weight: 2 },
    { name: "speaker.name", weight: 1.5 },
    { name: "speaker.role", weight: 0.5 },
    { name: "source.section", weight: 1 },
    { name: "id", weight: 0.5 },
  ],
};

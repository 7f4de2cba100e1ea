// TEST-ONLY REFERENCE: server/src/core/claim-search.ts as it was before the search was sped up (issue 12,
// item 6), copied verbatim but for the class's name and the import path. The equivalence test
// (claim-search-same.test.ts) asserts that today's ClaimSearch returns exactly what this one returns;
// search-ab.ts times the two in the same process. Never edit it to follow the shipped code.
//
// Claim search for the command palette: fuzzy, typo-tolerant, over claim text, speaker and
// section. fuse.js does this well on a few thousand short records, but scans every record per
// query: over a 100,000-claim feed one query took seconds. So a large database is narrowed
// first — by the matcher's inverted index (typo-corrected words) and by speaker and section
// names — and fuse.js ranks only that short list.
import Fuse from "fuse.js";
import type { Claim } from "../../src/core/types.js";

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

/** Up to this many claims, fuse.js searches them all. */
const SCAN_ALL = 2000;
/** How many candidates a narrowed search hands to fuse.js. */
const SHORT_LIST = 500;

export class ClaimSearchBefore {
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
    const fuse = this.claims.length <= SCAN_ALL || !this.narrow ? this.fuse : new Fuse([...this.shortList(q)], FUSE_OPTIONS);
    return fuse.search(q, { limit }).map((r) => ({ claim: r.item, score: Math.round((1 - (r.score ?? 1)) * 1000) / 1000 }));
  }

  /** Claims sharing the query's words, then claims whose speaker or section names a query word. */
  private shortList(q: string): Claim[] {
    const out = new Set(this.narrow!(q, SHORT_LIST));
    const words = q
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length >= 3);
    if (!words.length) return [...out];
    // Each distinct "speaker role section" is tested once, then the claims are walked in order.
    const { ids, texts } = (this.who ??= whoIndex(this.claims));
    const hit = new Uint8Array(texts.length);
    let any = false;
    texts.forEach((who, k) => {
      if (!words.some((w) => who.includes(w))) return;
      hit[k] = 1;
      any = true;
    });
    if (!any) return [...out];
    for (let i = 0; i < this.claims.length; i++) {
      if (out.size >= SHORT_LIST * 2) break;
      if (hit[ids[i]]) out.add(this.claims[i]);
    }
    return [...out];
  }

  /** Per claim, the index of its lowercase "speaker role section" among the distinct ones (built on the first narrowed search). */
  private who: { ids: Uint32Array; texts: string[] } | undefined;
}

function whoIndex(claims: readonly Claim[]): { ids: Uint32Array; texts: string[] } {
  const ids = new Uint32Array(claims.length);
  const texts: string[] = [];
  const byText = new Map<string, number>();
  claims.forEach((c, i) => {
    const who = `${c.speaker.name} ${c.speaker.role} ${c.source.section}`.toLowerCase();
    let k = byText.get(who);
    if (k === undefined) {
      k = texts.push(who) - 1;
      byText.set(who, k);
    }
    ids[i] = k;
  });
  return { ids, texts };
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

const FUSE_OPTIONS = {
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

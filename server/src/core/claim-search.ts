// Claim search for the command palette: fuzzy, typo-tolerant, over claim text, speaker and
// section. fuse.js does this well on a few thousand short records; the index is built once per
// database load.
import Fuse from "fuse.js";
import type { Claim } from "./types.js";

export interface ClaimSearchHit {
  claim: Claim;
  /** 1 is a perfect match, 0 none. */
  score: number;
}

export class ClaimSearch {
  private readonly fuse: Fuse<Claim>;

  constructor(private readonly claims: readonly Claim[]) {
    this.fuse = new Fuse([...claims], {
      includeScore: true,
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
    });
  }

  /** Best matches first. An empty query lists claims in database order. */
  search(query: string, limit = 50): ClaimSearchHit[] {
    const q = query.trim();
    if (!q) return this.claims.slice(0, limit).map((claim) => ({ claim, score: 1 }));
    return this.fuse.search(q, { limit }).map((r) => ({ claim: r.item, score: Math.round((1 - (r.score ?? 1)) * 1000) / 1000 }));
  }
}

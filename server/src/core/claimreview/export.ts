// Any claims database as schema.org JSON-LD, so a newsroom can publish what it checked: one DataFeed whose
// `dataFeedElement`s are a ClaimReview for each reviewed claim (with its rating, reviewer, dates and appearances,
// exactly as imported: import → export → import gives the same database) and a Claim for each claim of a source
// (its speaker as `author`, the source's words as a Quotation that `appearance` points to). A claim nobody rated is
// never given a rating.
//
// Property names and expected types are schema.org's: ClaimReview (claimReviewed, itemReviewed, reviewRating, url,
// datePublished, headline, inLanguage, author), Claim (text, author, datePublished, firstAppearance, appearance),
// Rating (ratingValue, bestRating, worstRating, alternateName, name), Organization / Person (name, url, jobTitle),
// Quotation (text, creator, isPartOf). schema.org's Rating has no textualRating: the reviewer's words go in `name`,
// and in `alternateName` (what Google's fact-check guidelines read) unless the feed gave another alternateName.
import type { Claim, ClaimsDatabase, ClaimReview } from "../types.js";
import { ORGANIZATION_CLAIMANT_ROLE } from "./to-database.js";

type JsonLd = Record<string, unknown>;

/** What export needs of a database: its claims, and the source's URL when the loader kept it. */
export type ExportableDatabase = ClaimsDatabase & { source?: { title: string; url?: string } };

/** The databases as one schema.org DataFeed (JSON-LD, compact, with the schema.org context). */
export function exportClaimReview(databases: readonly ExportableDatabase[]): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: databases.map((d) => d.title).join("; ") || "Fact Check claims",
    dataFeedElement: databases.flatMap((db) => db.claims.map((c) => (c.review ? claimReviewOf(c, c.review) : claimOf(c, db)))),
  };
}

function claimReviewOf(c: Claim, r: ClaimReview): JsonLd {
  const claim: JsonLd = { "@type": "Claim" };
  if (c.claimant)
    claim.author = { "@type": c.claimant.role === ORGANIZATION_CLAIMANT_ROLE ? "Organization" : "Person", name: c.claimant.name };
  if (c.claimDate !== undefined) claim.datePublished = c.claimDate;
  const [firstSeen, ...others] = c.appearances ?? [];
  if (firstSeen !== undefined) claim.firstAppearance = { "@type": "CreativeWork", url: firstSeen };
  if (others.length) claim.appearance = others.map((url) => ({ "@type": "CreativeWork", url }));

  const rating: JsonLd = { "@type": "Rating" };
  for (const key of ["ratingValue", "bestRating", "worstRating"] as const) if (r.rating[key] !== undefined) rating[key] = r.rating[key];
  const words = r.rating.textualRating;
  if (words !== undefined) rating.name = words;
  const alternate = r.rating.alternateName ?? words;
  if (alternate !== undefined) rating.alternateName = alternate;

  const review: JsonLd = {
    "@type": "ClaimReview",
    url: r.url,
    claimReviewed: c.text,
    author: { "@type": "Organization", name: r.publisher.name, ...(r.publisher.site ? { url: `https://${r.publisher.site}` } : {}) },
    reviewRating: rating,
    itemReviewed: claim,
  };
  if (r.date !== undefined) review.datePublished = r.date;
  if (r.headline !== undefined) review.headline = r.headline;
  if (r.language !== undefined) review.inLanguage = r.language;
  return review;
}

/** A claim of a source: who said it, what, and the source's words it rests on. No rating: nobody rated it. */
function claimOf(c: Claim, db: ExportableDatabase): JsonLd {
  const author = { "@type": "Person", name: c.speaker.name, jobTitle: c.speaker.role };
  const work: JsonLd = { "@type": "CreativeWork", name: c.source.title };
  const url = db.source?.url;
  if (url !== undefined) work.url = url;
  // The source's words: the speaker's own only for a direct quote; otherwise the source's paraphrase, with no creator
  // named (the source wrote them).
  const quotation: JsonLd = { "@type": "Quotation", text: c.source.quote, isPartOf: work };
  if (c.quoteKind === "direct") quotation.creator = author;
  const claim: JsonLd = { "@type": "Claim", identifier: c.id, text: c.text, author, appearance: quotation };
  if (c.claimDate !== undefined) claim.datePublished = c.claimDate;
  return claim;
}

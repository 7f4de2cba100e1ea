// Records out of a Google Fact Check Tools API `claims:search` response (what
// `GET https://factchecktools.googleapis.com/v1alpha1/claims:search?query=…` returns, saved as JSON): `claims[]`,
// each with `text`, `claimant`, `claimDate` and `claimReview[]` (`publisher {name, site}`, `url`, `title`,
// `reviewDate`, `textualRating`, `languageCode`). One record per review: a claim three fact-checkers rated is three
// records. The API has no numeric rating; its `textualRating` is ClaimReview's `reviewRating.alternateName`.
import type { ClaimReview } from "../types.js";
import { type FeedRead, type FeedRecord, httpUrl, type RecordProblem, siteOf, textOf } from "./record.js";

function isNode(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether a JSON value is a claims:search response (not a claims database, which has `version` and `speakers`). */
export function looksLikeApiResponse(v: unknown): boolean {
  if (!isNode(v) || "version" in v || "speakers" in v || !Array.isArray(v.claims)) return false;
  return v.claims.length === 0 ? "nextPageToken" in v : v.claims.some((c) => isNode(c) && "claimReview" in c);
}

export function readApiResponse(value: Record<string, unknown>): FeedRead {
  const records: FeedRecord[] = [];
  const problems: RecordProblem[] = [];
  const claims = Array.isArray(value.claims) ? value.claims : [];
  claims.forEach((c, i) => {
    const at = `/claims/${i}`;
    if (!isNode(c)) return problems.push({ at: { pointer: at }, message: "expected a claim object: skipped" });
    const claim = textOf(c.text);
    if (claim === undefined) return problems.push({ at: { pointer: at }, message: 'this claim has no "text": skipped' });
    const reviews = Array.isArray(c.claimReview) ? c.claimReview : [];
    if (!reviews.length) return problems.push({ at: { pointer: at }, message: 'this claim has no "claimReview": skipped' });
    reviews.forEach((r, j) => {
      const rat = `${at}/claimReview/${j}`;
      if (!isNode(r)) return problems.push({ at: { pointer: rat }, message: "expected a review object: skipped" });
      const urlText = textOf(r.url);
      const url = httpUrl(urlText);
      if (url === undefined)
        return problems.push({
          at: { pointer: rat },
          message:
            urlText === undefined
              ? 'this review has no "url": skipped'
              : `this review's url must be an http:// or https:// URL; found ${JSON.stringify(urlText.slice(0, 80))}: skipped`,
        });
      const pub = isNode(r.publisher) ? r.publisher : {};
      const site = siteOf(pub.site);
      const name = textOf(pub.name) ?? site;
      if (name === undefined)
        return problems.push({ at: { pointer: rat }, message: 'this review has no "publisher" name or site: skipped' });
      const words = textOf(r.textualRating);
      if (words === undefined) return problems.push({ at: { pointer: rat }, message: 'this review has no "textualRating": skipped' });
      const review: ClaimReview = { url, publisher: { name, ...(site ? { site } : {}) }, rating: { textualRating: words } };
      const date = textOf(r.reviewDate);
      if (date !== undefined) review.date = date;
      const title = textOf(r.title);
      if (title !== undefined) review.headline = title;
      const language = textOf(r.languageCode);
      if (language !== undefined) review.language = language;
      const record: FeedRecord = { claim, appearances: [], review, at: { pointer: rat } };
      const claimant = textOf(c.claimant);
      if (claimant !== undefined) record.claimant = { name: claimant };
      const claimDate = textOf(c.claimDate);
      if (claimDate !== undefined) record.claimDate = claimDate;
      records.push(record);
    });
  });
  return { records, problems };
}

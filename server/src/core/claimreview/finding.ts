// What a finding about a reviewed claim says: the draft repeats (or denies) a claim a fact-checker rated. Not a
// verdict of its own — the verdict still says how the sentence stands to the record (supported: it restates the
// claim; contradicted: it says the opposite) — but a reading of that verdict against the review: repeating a claim
// rated False is what the writer must see; denying it is no error, and the explanation says so.
//
// Shared by the editor's diagnostics and hover (server/src/review-card.ts), the command line's reports (cli/report.ts)
// and its exit code. Every string here is feed text, untrusted: the callers escape it for where it goes.
import { DENIAL_CLASS, isFalseish, RATING_CLASS_LABEL, type RatingClass } from "../../../../protocol/ratings.js";
import type { Finding } from "../types.js";
import { ratingClassOf, ratingWords } from "./rating.js";

/** Whether the sentence says what the reviewed claim says, or its opposite. */
export type ReviewStance = "repeats" | "denies";

export interface ReviewReading {
  stance: ReviewStance;
  /** The review's rating, normalised. */
  ratingClass: RatingClass;
  /** The class whose severity the finding takes: the rating's for a repetition, its opposite's for a denial (DENIAL_CLASS). */
  severityClass: RatingClass;
  /** The reviewer's words for the rating ("False", "Pants on Fire!"), or its value ("1 of 5"). */
  rating: string;
  reviewer: string;
  site?: string;
  /** The review's date as a day (YYYY-MM-DD) when the feed gives an ISO date, else as given. */
  date?: string;
  url: string;
  /** Who made the claim, when the review says. */
  claimant?: string;
  /** Whether the finding is a problem to report: a repetition of a false-ish claim, or a denial of a true-ish one. */
  problem: boolean;
}

/** The reading of a finding against its claim's review, or undefined when the claim has none. */
export function reviewReading(f: Finding): ReviewReading | undefined {
  const review = f.claim.review;
  if (!review) return undefined;
  const stance: ReviewStance = f.verdict === "contradicted" ? "denies" : "repeats";
  const ratingClass = ratingClassOf(review.rating);
  const severityClass = stance === "denies" ? DENIAL_CLASS[ratingClass] : ratingClass;
  return {
    stance,
    ratingClass,
    severityClass,
    rating: ratingWords(review.rating),
    reviewer: review.publisher.name,
    ...(review.publisher.site !== undefined ? { site: review.publisher.site } : {}),
    ...(review.date !== undefined ? { date: dayOf(review.date) } : {}),
    url: review.url,
    ...(f.claim.claimant ? { claimant: f.claim.claimant.name } : {}),
    problem: isFalseish(severityClass),
  };
}

/** `2024-05-01T09:30:00Z` → `2024-05-01`; anything else as it is. */
function dayOf(date: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(date);
  return m ? m[1] : date;
}

/** `repeats a claim rated False by PolitiFact (2024-05-01)`; `denies a claim rated …`. */
export function reviewHeadline(r: ReviewReading): string {
  return `${r.stance} a claim rated ${r.rating} by ${r.reviewer}${r.date !== undefined ? ` (${r.date})` : ""}`;
}

/**
 * One line on what the finding means: for a denial, that saying the opposite of a false claim is no error (or that
 * denying a true one is); for a repetition, the rating's class when the reviewer's words do not say it plainly,
 * and the verdict's own explanation when the sentence also differs from the claim (`overstated`, `unsupported` …).
 */
export function reviewExplanation(f: Finding, r: ReviewReading): string {
  const label = RATING_CLASS_LABEL[r.ratingClass];
  if (r.stance === "denies") {
    const verdict = isFalseish(r.ratingClass) ? ", which is no error" : "";
    return `the draft says the opposite of a claim the reviewer rated ${label}${verdict} (${f.explanation})`;
  }
  const also = f.verdict === "supported" ? "" : `; also ${f.verdict}: ${f.explanation}`;
  return `the draft restates a claim the reviewer rated ${label}${also}`;
}

// How the editor shows a finding about a reviewed claim (a claim from a fact-check feed, core/claimreview): its
// diagnostic message ("repeats a claim rated False by PolitiFact (2024-05-01) — …"), its severity (by the review's
// rating, `factCheck.ratingSeverity.<class>`), what its diagnostic `data` carries, and its hover card. diagnostics.ts,
// hover.ts and draft-checker.ts call in here with one line each, so the review's wording lives in one place.
//
// Feed text is untrusted: in the card every string is escaped (protocol/markdown.ts) and the only link is the
// review's own URL, and only when it is http(s); in a message it is plain text, capped.
import type { DiagnosticSeverity } from "vscode-languageserver";
import { reviewExplanation, reviewHeadline, reviewReading, type ReviewReading } from "./core/claimreview/finding.js";
import type { Finding } from "./core/types.js";
import { ratingSeverityOf, type Settings, severityOf } from "./settings.js";
import { RATING_CLASS_LABEL } from "../../protocol/ratings.js";
import { escapeMarkdownForDisplay as esc, markdownLinkTarget } from "../../protocol/markdown.js";
import type { ReviewData } from "../../protocol/messages.js";

/** A finding's LSP severity: by its review's rating when its claim has one, else by its verdict. Undefined: not shown. */
export function findingSeverity(settings: Settings, f: Finding): DiagnosticSeverity | undefined {
  const r = reviewReading(f);
  return r ? ratingSeverityOf(settings, r.severityClass) : severityOf(settings, f.verdict);
}

/** `s`, or its first `max - 1` units and "…". */
function cap(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/**
 * The diagnostic message of a reviewed claim's finding, or undefined for any other finding:
 * `repeats a claim rated False by Lakeside Fact Check (2024-05-01) — Dana Whitlock's claim, as the reviewer states it: …`.
 * The claim is the reviewer's wording, never put in quotation marks as the claimant's words.
 */
export function reviewDiagnosticMessage(f: Finding, max: number): string | undefined {
  const r = reviewReading(f);
  if (!r) return undefined;
  const whose = r.claimant !== undefined ? `${cap(r.claimant, 100)}'s claim` : "the claim";
  return cap(
    `${cap(reviewHeadline(r), 300)} — ${whose}, as the reviewer states it: ${cap(f.claim.text, 400)} (${cap(reviewExplanation(f, r), 250)})`,
    max,
  );
}

/** What a reviewed claim's diagnostic carries in `data` (FindingData.review), for the client and code actions. */
export function reviewData(f: Finding): { review?: ReviewData } {
  const r = reviewReading(f);
  if (!r) return {};
  return {
    review: {
      stance: r.stance,
      rating: cap(r.rating, 200),
      ratingClass: r.ratingClass,
      reviewer: cap(r.reviewer, 200),
      ...(r.date !== undefined ? { date: cap(r.date, 40) } : {}),
      url: cap(r.url, 2000),
    },
  };
}

/** The review's URL, for a diagnostic's `codeDescription` (the editor links the finding's code to it), when http(s). */
export function reviewLink(f: Finding): string | undefined {
  const url = f.claim.review?.url;
  return url !== undefined && /^https?:\/\/\S+$/.test(url) ? url : undefined;
}

/** An http(s) URL as a Markdown link destination, or undefined for anything else (a feed may hold any string). */
function httpLink(url: string): string | undefined {
  return /^https?:\/\/\S+$/.test(url) ? markdownLinkTarget(url) : undefined;
}

/** The hover card of a reviewed claim's finding, or undefined for any other finding. */
export function reviewCard(f: Finding): string | undefined {
  const r = reviewReading(f);
  if (!r) return undefined;
  const c = f.claim;
  const title = r.stance === "repeats" ? "Repeats a reviewed claim" : "Denies a reviewed claim";
  const link = httpLink(r.url);
  const lines = [
    `**${title}** — ${esc(reviewHeadline(r))}`,
    esc(reviewExplanation(f, r)),
    `**Claim** (${esc(c.id)}), as the reviewer states it: ${esc(c.text)}`,
    `**Claimant:** ${r.claimant !== undefined ? esc(r.claimant) : "not named by the review"}${c.claimDate !== undefined ? ` (${esc(c.claimDate)})` : ""}`,
    `**Rating:** ${esc(r.rating)} (${esc(RATING_CLASS_LABEL[r.ratingClass])})`,
    `**Reviewer:** ${esc(r.reviewer)}${r.site !== undefined ? ` (${esc(r.site)})` : ""}${r.date !== undefined ? `, ${esc(r.date)}` : ""}${link ? ` · [Read the review](${link})` : ""}`,
  ];
  return lines.join("\n\n");
}

export type { ReviewReading };

// The hover card for an underlined sentence, compact so that everything a writer acts on fits the
// first screen of a hover at a normal window size (the e2e measures it at 1280×800):
//   **Contradicted** — the draft says "deployed", not "ruled out … deploying"
//   **Reported by European-Led Security Guarantees:** firmly ruling out the deployment …
//   Donald Trump, President of the United States (ruled out) · U.S. Contribution Through Air Support · [Open the source at these words](file:…)
// (VS Code puts its own "Quick Fix…" action beside the diagnostic's part of the same hover.)
// The verdict and explanation appear once, the recorded words once, labelled for what they are:
// "Quoted words" (in quotation marks) only for a direct claim, "Reported by <source title>" (no
// marks) for the source's paraphrase. Every string from a claims file or the draft is escaped
// (protocol/markdown.ts); the only live Markdown is ours: emphasis and one file: link.
// LSP MarkupContent has no isTrusted: VS Code renders server Markdown untrusted (no command links)
// unless the client opts in, and ours must not.
import { type Hover, MarkupKind } from "vscode-languageserver";
import { claimDefinition, fileLink, quoteLocation } from "./claim-info.js";
import type { Finding } from "./core/types.js";
import { problemFirst } from "./diagnostics.js";
import { reviewCard } from "./review-card.js";
import { sourceWords, sourceWordsLabel } from "../../protocol/claim-text.js";
import { escapeMarkdownForDisplay as esc, markdownLinkTarget } from "../../protocol/markdown.js";
import { VERDICT_TITLES } from "../../protocol/verdicts.js";

export function findingCard(f: Finding): string {
  const reviewed = reviewCard(f); // a claim from a fact-check feed: review-card.ts
  if (reviewed !== undefined) return reviewed;
  const c = f.claim;
  const quote = quoteLocation(c);
  const definition = quote ? undefined : claimDefinition(c);
  const role = c.speaker.role ? `, ${esc(c.speaker.role)}` : "";
  const verb = c.verb ? ` (${esc(c.verb)})` : "";
  // The title is already in "Reported by <title>" for a paraphrase; a direct quote names it here.
  const where = [c.quoteKind === "direct" ? c.source.title : "", c.source.section !== c.source.title ? c.source.section : ""]
    .filter((s) => s)
    .map(esc)
    .join(" — ");
  const link = quote
    ? `[Open the source at these words](${markdownLinkTarget(fileLink(quote))})`
    : definition
      ? `[Open the claim in its claims file](${markdownLinkTarget(fileLink(definition))})`
      : "";
  return [
    `**${VERDICT_TITLES[f.verdict]}** — ${esc(problemFirst(f.explanation))}`,
    `**${esc(sourceWordsLabel(c))}:** ${esc(sourceWords(c))}`,
    [`${esc(c.speaker.name)}${role}${verb}`, where, link].filter((s) => s).join(" · "),
  ].join("\n\n");
}

/** A hover for the findings of one sentence (several claims may match it), or null. */
export function findingsHover(findings: readonly Finding[], range: Hover["range"]): Hover | null {
  if (!findings.length) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: findings.map((f) => findingCard(f)).join("\n\n---\n\n") },
    range,
  };
}

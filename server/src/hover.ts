// The hover card for an underlined sentence. Every string from a claims file or the draft is
// escaped (protocol/markdown.ts); the only live Markdown is ours: emphasis and one file: link. The source's
// words are labelled for what they are: "Quoted words" (in quotation marks) only for a direct
// claim, "Reported by <source title>" (no marks) for the source's paraphrase.
// LSP MarkupContent has no isTrusted: VS Code renders server Markdown untrusted (no command links)
// unless the client opts in, and ours must not.
import { type Hover, MarkupKind } from "vscode-languageserver";
import { claimDefinition, fileLink, quoteLocation } from "./claim-info.js";
import type { Finding } from "./core/types.js";
import { reviewCard } from "./review-card.js";
import { sourceWords, sourceWordsLabel } from "../../protocol/claim-text.js";
import { escapeMarkdownForDisplay as esc, markdownLinkTarget } from "../../protocol/markdown.js";

const VERDICT_TITLE: Record<Finding["verdict"], string> = {
  supported: "Supported",
  contradicted: "Contradicted",
  misattributed: "Misattributed",
  overstated: "Overstated",
  misquoted: "Misquoted",
  unsupported: "Unsupported",
};

export function findingCard(f: Finding): string {
  const reviewed = reviewCard(f); // a claim from a fact-check feed: review-card.ts
  if (reviewed !== undefined) return reviewed;
  const c = f.claim;
  const quote = quoteLocation(c);
  const definition = quote ? undefined : claimDefinition(c);
  const section = c.source.section && c.source.section !== c.source.title ? ` — ${esc(c.source.section)}` : "";
  const link = quote
    ? ` · [Open the article at the quote](${markdownLinkTarget(fileLink(quote))})`
    : definition
      ? ` · [Open the claim in its claims file](${markdownLinkTarget(fileLink(definition))})`
      : "";
  return [
    `**${VERDICT_TITLE[f.verdict]}** — ${esc(f.explanation)}`,
    `**Claim** (${esc(c.id)}): ${esc(c.text)}`,
    `**Speaker:** ${esc(c.speaker.name)}, ${esc(c.speaker.role)} (${esc(c.verb)})`,
    `**${esc(sourceWordsLabel(c))}:** ${esc(sourceWords(c))}`,
    `**Source:** ${esc(c.source.title)}${section}${link}`,
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

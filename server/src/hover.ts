// The hover card for an underlined sentence. Every string from a claims file or the draft is
// escaped (escape.ts); the only live Markdown is ours: emphasis and one file: link. The source's
// words are labelled for what they are: "Quoted words" (in quotation marks) only for a direct
// claim, "Reported by <source title>" (no marks) for the source's paraphrase.
// LSP MarkupContent has no isTrusted: VS Code renders server Markdown untrusted (no command links)
// unless the client opts in, and ours must not.
import { type Hover, MarkupKind } from "vscode-languageserver";
import { claimDefinition, fileLink } from "./claim-info.js";
import type { ClaimsStore } from "./claims-store.js";
import type { Finding } from "./core/types.js";
import { escapeMarkdown as esc, markdownLinkTarget } from "./escape.js";
import { sourceWords, sourceWordsLabel } from "../../protocol/claim-text.js";

const VERDICT_TITLE: Record<Finding["verdict"], string> = {
  supported: "Supported",
  contradicted: "Contradicted",
  misattributed: "Misattributed",
  overstated: "Overstated",
  misquoted: "Misquoted",
  unsupported: "Unsupported",
};

export function findingCard(f: Finding, store: ClaimsStore): string {
  const c = f.claim;
  const quote = store.quoteOf(c);
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
export function findingsHover(findings: readonly Finding[], range: Hover["range"], store: ClaimsStore): Hover | null {
  if (!findings.length) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: findings.map((f) => findingCard(f, store)).join("\n\n---\n\n") },
    range,
  };
}

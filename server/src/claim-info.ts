// A claim's places as LSP Locations — its quote in the source article, its definition in its claims
// file — and file: links that VS Code opens there; and the claim as sent over the wire (ClaimInfo).
// Everything comes from the claim's provenance, worked out once by the loader: nothing is looked up.
import { pathToFileURL } from "node:url";
import type { Location } from "vscode-languageserver";
import type { Claim, FileSpan } from "./core/types.js";
import type { ClaimInfo } from "../../protocol/messages.js";

function locationOf(span: FileSpan): Location {
  return { uri: pathToFileURL(span.file).href, range: span.range };
}

/** The quote's range in the source text, when the source was read and the claim has offsets into it. */
export function quoteLocation(claim: Claim): Location | undefined {
  const at = claim.provenance?.quoteIn;
  return at ? locationOf(at) : undefined;
}

/** Where a claim is defined in its claims file (its `id`), for claims whose source text is not shipped. */
export function claimDefinition(claim: Claim): Location | undefined {
  const at = claim.provenance?.definedIn;
  return at ? locationOf(at) : undefined;
}

/** A file: link with a `#Lline,column` fragment (1-based), which VS Code opens at that position. */
export function fileLink(location: Location): string {
  const { line, character } = location.range.start;
  return `${location.uri}#L${line + 1},${character + 1}`;
}

export function toClaimInfo(claim: Claim): ClaimInfo {
  const quote = quoteLocation(claim);
  const definedIn = claim.provenance?.definedIn;
  return {
    id: claim.id,
    text: claim.text,
    speaker: {
      name: claim.speaker.name,
      role: claim.speaker.role,
      ...(claim.speaker.aliases?.length ? { aliases: [...claim.speaker.aliases] } : {}),
    },
    verb: claim.verb,
    hedged: claim.hedged,
    quoteKind: claim.quoteKind,
    source: {
      title: claim.source.title,
      section: claim.source.section,
      quote: claim.source.quote,
      ...(quote ? { uri: quote.uri, range: quote.range } : {}),
    },
    origin: definedIn ? pathToFileURL(definedIn.file).href : "",
  };
}

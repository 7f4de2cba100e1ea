// Where a claim's quote is in its shipped source article, as an LSP Location and as a file: link
// that VS Code opens at the quote, and the claim as sent over the wire (ClaimInfo).
import { pathToFileURL } from "node:url";
import type { Location } from "vscode-languageserver";
import { claimLocation, type LoadedClaimsDatabase } from "./core/claims-loader.js";
import { LineIndex } from "./core/json-positions.js";
import type { Claim } from "./core/types.js";
import type { ClaimInfo } from "../../protocol/messages.js";

const lineIndexes = new WeakMap<LoadedClaimsDatabase, LineIndex>();

/** The quote's range in the database's source text, when the source is known and the claim has offsets. */
export function quoteLocation(db: LoadedClaimsDatabase | undefined, claim: Claim): Location | undefined {
  if (!db?.sourcePath || db.sourceText === undefined || claim.source.end <= claim.source.start) return undefined;
  let lines = lineIndexes.get(db);
  if (!lines) {
    lines = new LineIndex(db.sourceText);
    lineIndexes.set(db, lines);
  }
  return {
    uri: pathToFileURL(db.sourcePath).href,
    range: { start: lines.positionAt(claim.source.start), end: lines.positionAt(claim.source.end) },
  };
}

/** Where a claim is defined in its claims file (its `id`), for claims whose source text is not shipped. */
export function claimDefinition(claim: Claim): Location | undefined {
  const at = claimLocation(claim);
  if (!at) return undefined;
  return {
    uri: pathToFileURL(at.file).href,
    range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + at.length } },
  };
}

/** A file: link with a `#Lline,column` fragment (1-based), which VS Code opens at that position. */
export function fileLink(location: Location): string {
  const { line, character } = location.range.start;
  return `${location.uri}#L${line + 1},${character + 1}`;
}

export function toClaimInfo(claim: Claim, origin: string, quote: Location | undefined): ClaimInfo {
  return {
    id: claim.id,
    text: claim.text,
    speaker: { name: claim.speaker.name, role: claim.speaker.role, ...(claim.speaker.aliases?.length ? { aliases: [...claim.speaker.aliases] } : {}) },
    verb: claim.verb,
    hedged: claim.hedged,
    quoteKind: claim.quoteKind,
    source: {
      title: claim.source.title,
      section: claim.source.section,
      quote: claim.source.quote,
      ...(quote ? { uri: quote.uri, range: quote.range } : {}),
    },
    origin,
  };
}

// The server's side of "Draw Claims from Source" (protocol/messages.ts): extraction in-process, the files
// returned for the client to write. Bad input is answered with an error that says what is wrong.
import * as path from "node:path";
import { ResponseError, ErrorCodes, type Connection } from "vscode-languageserver/node.js";
import { type DrawClaimsParams, type DrawClaimsResult, DrawClaimsRequest } from "../../protocol/messages.js";
import type { Nlp } from "./core/nlp.js";
import { drawClaims, sourceFormatOf, summarise } from "./extract-source.js";

/** Largest source accepted (UTF-16 units): extraction costs about 0.1 s per 10,000 words. */
export const MAX_SOURCE_CHARS = 5_000_000;

/** Answers a drawClaims request, reading the source with `nlp` (the server's one, shared with its engines). */
export function handleDrawClaims(params: DrawClaimsParams, nlp: Nlp): DrawClaimsResult {
  if (!params || typeof params.file !== "string" || typeof params.content !== "string")
    throw new ResponseError(ErrorCodes.InvalidParams, "drawClaims needs { file, content }");
  if (params.content.length > MAX_SOURCE_CHARS)
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `${path.basename(params.file)} is too large to extract (${params.content.length} characters; at most ${MAX_SOURCE_CHARS})`,
    );
  let previous: unknown;
  if (params.previous) {
    try {
      previous = JSON.parse(params.previous);
    } catch (e) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `the existing claims file beside ${path.basename(params.file)} is not valid JSON (${(e as Error).message}); fix or remove it first`,
      );
    }
  }
  const r = drawClaims({
    nlp,
    file: params.file,
    content: params.content,
    format: sourceFormatOf(params.file, params.languageId),
    title: params.title,
    previous,
  });
  return {
    claimsFileName: r.claimsFileName,
    claimsJson: JSON.stringify(r.db, null, 2) + "\n",
    sourceFileName: r.sourceFileName,
    sourceText: r.sourceText,
    sourceIsInput: r.sourceIsInput,
    summary: summarise(r.db),
    claims: r.db.claims.filter((c) => c.speaker !== "reporting").length,
    speakers: Object.keys(r.db.speakers).filter((k) => k !== "reporting").length,
    keptReviewed: r.keptReviewed,
  };
}

export function registerDrawClaims(connection: Connection, nlp: Nlp): void {
  connection.onRequest(DrawClaimsRequest, (params) => handleDrawClaims(params, nlp));
}

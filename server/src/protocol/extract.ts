// The "Draw Claims from Source" request: the client sends a source document (its name and text), the
// server draws a claims database from it (server/src/extract-source.ts) and returns the files to write.
// The client writes them into the workspace, so the server never writes to disk.
// Kept in its own file so that it moves with the other protocol files as one unit.
import { RequestType } from "vscode-languageserver-protocol";

export interface DrawClaimsParams {
  /** The source's file name or path (its extension picks the reader: .md/.markdown, .html/.htm, else plain text). */
  file: string;
  /** The source's text (an open editor's, saved or not). */
  content: string;
  /** The editor's language id, when the source is an open document ("markdown", "html", "plaintext"). */
  languageId?: string;
  title?: string;
  /** The text of an existing `NAME.claims.json` beside it: its claims marked `reviewed` are kept. */
  previous?: string;
}

export interface DrawClaimsResult {
  /** `NAME.claims.json`, to be written beside the source. */
  claimsFileName: string;
  /** The claims database, as the file's text. */
  claimsJson: string;
  /** `NAME.txt` (or the source itself when `sourceIsInput`): the text every quote is cut from. */
  sourceFileName: string;
  sourceText: string;
  sourceIsInput: boolean;
  /** "34 claims, 6 speakers". */
  summary: string;
  claims: number;
  speakers: number;
  keptReviewed: number;
}

export const DrawClaimsRequest = new RequestType<DrawClaimsParams, DrawClaimsResult, void>("factcheck/drawClaims");

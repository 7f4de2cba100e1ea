// Custom LSP requests and notifications shared by the Fact Check server and client, and the data
// they and the diagnostics carry. Declared once here, typed, and imported by both sides so a
// rename breaks the build, not the user. The one file of protocol/ with an LSP import (for
// RequestType and NotificationType): the core imports verdicts.ts, settings.ts and
// claim-text.ts, never this. No `vscode` or server-only imports: the client bundles it too.
import { NotificationType, RequestType } from "vscode-languageserver-protocol";
import type { QuoteKindName } from "./claim-text.js";
import type { RatingClass } from "./ratings.js";
import type { Verdict, VerdictCounts } from "./verdicts.js";

export type { QuoteKindName } from "./claim-text.js";

/** A claim as sent over the wire: everything a hover, a picker item or an inserted citation needs. */
export interface ClaimInfo {
  id: string;
  text: string;
  speaker: { name: string; role: string; aliases?: string[] };
  verb: string;
  hedged: boolean;
  /** `direct`: `source.quote` is the speaker's own words; `reported`: the source's paraphrase (never to be put in quotation marks). */
  quoteKind: QuoteKindName;
  source: {
    title: string;
    section: string;
    quote: string;
    /** file: URI of the source text, when shipped, and the quote's range in it. */
    uri?: string;
    range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  };
  /** Where the claim was loaded from. */
  origin: string;
}

export interface SearchClaimsParams {
  query: string;
  limit?: number;
}
export interface SearchClaimsResult {
  items: { claim: ClaimInfo; score: number }[];
}
/** Fuzzy claim search (fuse.js in the core) for the command palette. */
export const SearchClaimsRequest = new RequestType<SearchClaimsParams, SearchClaimsResult, void>("factcheck/searchClaims");

export interface ClaimByIdParams {
  id: string;
}
export const ClaimByIdRequest = new RequestType<ClaimByIdParams, ClaimInfo | null, void>("factcheck/claimById");

/** Reload every claims database now (the "Reload Claims" command). */
export const ReloadClaimsRequest = new RequestType<void, StatusParams, void>("factcheck/reloadClaims");

export interface ClaimsFileStatus {
  /** file: URI, or "bundled" for the article database shipped with the extension. */
  uri: string;
  claims: number;
  /** Errors of the last load; when present, the last good version (if any) is still in use. */
  errors: { line: number; character: number; message: string; path: string }[];
}

export interface StatusParams {
  state: "loading" | "ready" | "error";
  totalClaims: number;
  files: ClaimsFileStatus[];
  /** True in VS Code's Restricted Mode: workspace claims files are not loaded, only the bundled database. */
  restricted?: boolean;
}

/** `initializationOptions` the VS Code client sends. Other clients (Neovim) send none: the workspace counts as trusted. */
export interface InitializationOptions {
  /** `vscode.workspace.isTrusted`. False: Restricted Mode, workspace claims files are not loaded. */
  workspaceTrusted?: boolean;
}
/** Sent by the server whenever the loaded claims change. */
export const StatusNotification = new NotificationType<StatusParams>("factcheck/status");

/**
 * The findings of one document by verdict, as just published: sent with every
 * textDocument/publishDiagnostics (server/src/document-counts.ts), so the status bar need not
 * read verdicts back out of diagnostic messages. Only what is shown counts: a verdict set to
 * `off` or an ignored claim is not in the diagnostics and not in the counts.
 */
export interface DocumentCountsParams {
  uri: string;
  /** The document version the diagnostics were computed for; null when they are not tied to one (a closed document's clearing). */
  version: number | null;
  counts: VerdictCounts;
}
export const DocumentCountsNotification = new NotificationType<DocumentCountsParams>("factcheck/documentCounts");

/** `source` of every diagnostic the server publishes (findings and claims-file errors). */
export const DIAGNOSTIC_SOURCE = "factcheck";

/**
 * Client-side command behind the "Ignore claim <id> in this workspace" quick fix. The CLIENT registers it
 * (the server does not list it in executeCommandProvider, so vscode-languageclient does not claim the id):
 * it adds the claim id to the `factCheck.ignoredClaims` setting (workspace folder of `uri`, or the workspace),
 * and the resulting workspace/didChangeConfiguration makes the server drop that claim's diagnostics.
 * Arguments: `[claimId: string, uri: string]`.
 */
export const IGNORE_CLAIM_COMMAND = "factcheck.ignoreClaim";
export type IgnoreClaimArgs = [claimId: string, uri: string];

/** A Markdown line that makes the checker skip sentences starting on the next line (still honoured; the quick fix writes the inline form). */
export const IGNORE_NEXT_LINE_COMMENT = "<!-- factcheck-ignore-next-line -->";

interface LspPosition {
  line: number;
  character: number;
}
interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** Words the draft puts in quotation marks, as a finding found them (Finding.quoted, in document positions). */
export interface QuotedData {
  /** The words inside the marks. */
  range: LspRange;
  /** The opening and closing marks, one character each. */
  open: LspPosition;
  close: LspPosition;
  /** For a direct claim: the speaker's recorded words nearest to the quoted ones. */
  recorded?: string;
}

/**
 * What a finding's quick fixes need. A published diagnostic's `data` holds only `{ verdict }` (a publish
 * of a long draft carries over a thousand diagnostics): the server rebuilds this from the findings it
 * published when code actions are asked for (a client may also send it in `data`). The texts a fix
 * inserts are not in here: the server builds them from the loaded claim when the fix is asked for, so
 * data forged or kept from an older claims file can never put words into the draft.
 */
export interface FindingData {
  claimId: string;
  verdict: Verdict;
  /** The sentence as checked; a quick fix is offered only while the document still has it at the diagnostic's range. */
  sentence: string;
  quoteKind: QuoteKindName;
  /** For misattributed: the speaker the draft names (range in the document) and the recorded one. */
  namedSpeaker?: { range: LspRange; name: string };
  recordedSpeaker: string;
  /** For misquoted (and quotes that checked out): the quoted words and their marks. */
  quoted?: QuotedData;
  /** For a claim from a fact-check feed: what the sentence does with it, and the review (server/src/review-card.ts). */
  review?: ReviewData;
}

/** A reviewed claim's finding, in a diagnostic's data: "repeats a claim rated False by PolitiFact (2024-05-01)". */
export interface ReviewData {
  stance: "repeats" | "denies";
  /** The reviewer's words for the rating. */
  rating: string;
  /** The rating normalised (protocol/ratings.ts). */
  ratingClass: RatingClass;
  reviewer: string;
  date?: string;
  /** The review (http or https). */
  url: string;
}

// The "Draw Claims from Source" request: the client sends a source document (its name and text), the
// server draws a claims database from it (server/src/extract-source.ts) and returns the files to write.
// The client writes them into the workspace, so the server never writes to disk.

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

// The Claims view (client/src/claims-view.ts): every loaded database with its claims.
export interface ListClaimsResult {
  databases: { uri: string; title: string; claims: ClaimInfo[] }[];
}
export const ListClaimsRequest = new RequestType<void, ListClaimsResult, void>("factcheck/listClaims");

// "Fact Check: Check Workspace": the client finds the drafts (files.exclude applied), the server reads
// and checks each one that is not open and publishes its diagnostics, so Problems lists them.
export interface CheckFilesParams {
  /** file: URIs of drafts. */
  uris: string[];
}
export interface CheckFilesResult {
  checked: number;
  findings: number;
  /** Files that could not be read, with why. */
  failed: { uri: string; message: string }[];
}
export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>("factcheck/checkFiles");

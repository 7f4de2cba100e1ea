// The data model shared by every part of Fact Check: claims as stored in claims files,
// sentences as cut from drafts, and findings as reported to the CLI and the language server.
// Everything is in UTF-16 offsets into the original text; turning offsets into line/column
// positions is the job of whoever talks to an editor or a terminal.
import type { Verdict } from "../../../protocol/verdicts.js";
import type { LinePosition } from "./line-index.js";

/** Who made a statement. `name` is how a reader would cite them. */
export interface Speaker {
  /** Stable key inside one database, e.g. "trump". */
  id: string;
  name: string;
  role: string;
  /** Other ways a draft may name this speaker ("Trump", "the president"). */
  aliases?: string[];
}

export interface ClaimSource {
  /** Title of the source document. */
  title: string;
  /** Section heading inside the source. */
  section: string;
  /** Verbatim words of the source that the claim rests on: an exact substring of the source text. */
  quote: string;
  /** UTF-16 offsets of `quote` inside the source text (end exclusive). */
  start: number;
  end: number;
  /** The source file, relative to the claims file (e.g. "european-led-security-guarantees.txt"). */
  file?: string;
  /**
   * Offset where the source sentence holding the quote starts, when the source text is known.
   * Claims with the same source and sentence were drawn from one statement ("While ruling out
   * X, Trump indicated Y"): a draft restating one of them often restates the other too.
   */
  sentence?: number;
  /**
   * The rest of that source sentence: its words outside the quotes of every claim drawn from it (each quote's place
   * blanked), when the source text is known. What the source says around the statements — when, where, who the
   * speaker is ("On Thursday in Denver, the Republican senator said …") — so a draft repeating it adds nothing the
   * source does not back. One string per source sentence, shared by its claims.
   */
  frame?: string;
}

export type Polarity = "positive" | "negative";

export interface Claim {
  /** Stable id, unique across every loaded database (e.g. "esg-s4-no-troops"). */
  id: string;
  /** The claim as a plain statement, with pronouns resolved. */
  text: string;
  speaker: Speaker;
  /** The attribution verb the source uses: signaled, emphasized, ruled out, stated … */
  verb: string;
  /** Hedged claims say "could", "may", "might", "possible", "potential"; firm ones do not. */
  hedged: boolean;
  /** A negative claim denies or rules something out ("ruled out troops"); a positive one asserts. */
  polarity: Polarity;
  /**
   * Whether `source.quote` is the speaker's own words (`direct`: inside quotation marks in the
   * source) or the source's paraphrase of them (`reported`). Only a direct quote may ever be put
   * in quotation marks under the speaker's name.
   */
  quoteKind: QuoteKind;
  source: ClaimSource;
  /** Where the claim and its quote stand, worked out once by the loader. Absent for claims built in memory. */
  provenance?: ClaimProvenance;
  /**
   * A fact-checker's review of this claim (from a ClaimReview feed: claims files of version 2). Its presence says
   * the claim is a *reviewed claim*: `text` is the claim as the reviewer states it (`claimReviewed`), made by
   * `claimant` — not a statement of `source` — and the people it names are what it is about, not who said it.
   */
  review?: ClaimReview;
  /**
   * Who made the claim, when the review says (`itemReviewed.author`): then it is also `speaker`. A reviewed
   * claim whose review names no one has a placeholder `speaker` (UNNAMED_CLAIMANT_ID) and no `claimant`.
   */
  claimant?: Speaker;
  /** When the claim was made (ISO 8601 date as the feed gives it), for reviewed claims. */
  claimDate?: string;
  /** Where the claim appeared (http(s) URLs), for reviewed claims: `itemReviewed.appearance` / `firstAppearance`. */
  appearances?: string[];
}

/** The speaker key of a reviewed claim whose review names no claimant. */
export const UNNAMED_CLAIMANT_ID = "unnamed-claimant";

/**
 * A fact-checker's verdict on a claim, as schema.org's ClaimReview states it. Every string is untrusted feed
 * text: escape it wherever it is shown; `url` is checked to be http(s).
 */
export interface ClaimReview {
  /** The review article (http or https). */
  url: string;
  /** Who published the review (ClaimReview.author / publisher): "PolitiFact", and its site "politifact.com". */
  publisher: { name: string; site?: string };
  /** When the review was published (ISO 8601 date as the feed gives it). */
  date?: string;
  /** The review's `reviewRating`, as given. */
  rating: ReviewRating;
  /** The review article's headline or title, when given. */
  headline?: string;
  /** BCP 47 language of the review (`inLanguage`), when given. */
  language?: string;
}

/** schema.org Rating as a review states it. At least one of `textualRating` and `alternateName` names it in words. */
export interface ReviewRating {
  /** The reviewer's words for the verdict: "False", "Pants on Fire!", "Mostly true" (Rating.textualRating). */
  textualRating?: string;
  /** Rating.alternateName, which many feeds use instead of textualRating. */
  alternateName?: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
}

/** A stretch of a file, as UTF-16 offsets into its text and as the 0-based line/character positions LSP uses. */
export interface FileSpan {
  /** The file: a claims file's path as the loader was given it, a source's absolute path. */
  file: string;
  /** Offsets into the file's text, end exclusive. */
  start: number;
  end: number;
  range: { start: LinePosition; end: LinePosition };
}

/**
 * Where a loaded claim comes from. Findings carry their claim, so whoever shows a finding (a diagnostic's
 * related information, a hover's link, the claim search) reads its places from here, with no lookup.
 */
export interface ClaimProvenance {
  /**
   * The claim's `id` value in its claims file, and its JSON Pointer ("/claims/3/id"): where "open the claim"
   * lands and where a duplicate id is reported.
   */
  definedIn: FileSpan & { pointer: string };
  /** The quote in the source text: only when the source was read and the claim's offsets checked against it. */
  quoteIn?: FileSpan;
}

export type QuoteKind = "direct" | "reported";

/** One loaded claims database: a file of claims plus the source text its quotes point into. */
export interface ClaimsDatabase {
  /** Path or URI the database was loaded from. */
  origin: string;
  title: string;
  claims: Claim[];
  /** Absolute path of the source text, when it is known and shipped. */
  sourcePath?: string;
}

// The verdict list is the protocol's (plain TypeScript, no LSP), shared with the client.
export { type Verdict, VERDICTS } from "../../../protocol/verdicts.js";

/** A prose sentence cut from a draft. `text` is exactly `draft.slice(start, end)`. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Where a named speaker stands in a draft sentence, offsets relative to the sentence. */
export interface SpeakerMention {
  name: string;
  start: number;
  end: number;
}

export interface Finding {
  /** Offsets of the sentence in the draft. */
  start: number;
  end: number;
  verdict: Verdict;
  /** Match strength in [0, 1]. */
  score: number;
  /** One line, naming the cue that decided the verdict. */
  explanation: string;
  claim: Claim;
  /** For `misattributed`: the speaker the draft names, with offsets into the draft. */
  namedSpeaker?: SpeakerMention;
  /**
   * For a finding about words the draft puts in quotation marks (`misquoted`, or a quote that
   * checked out): where the quoted words stand in the draft, without the marks (`open`/`close`
   * are the offsets of the marks themselves), and, when the claim's quote is `direct`, the
   * recorded words nearest to them — the only text a fix may put inside those marks.
   */
  quoted?: QuotedSpan;
}

export interface QuotedSpan {
  /** Draft offsets of the words inside the marks. */
  start: number;
  end: number;
  /** Draft offsets of the opening and closing marks. */
  open: number;
  close: number;
  /** The speaker's recorded words nearest to the quoted ones (direct claims only). */
  recorded?: string;
}

/** A problem in an input file, with 0-based line and character (UTF-16) and a JSON path where it applies. */
export interface InputError {
  file: string;
  line: number;
  character: number;
  /** Offsets in the file, so editors can underline the exact place. */
  offset: number;
  length: number;
  /** JSON path such as `/claims/3/speaker/name`, or "" for the whole file. */
  path: string;
  message: string;
}

export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map(formatInputError).join("\n"));
    this.name = "InputErrors";
  }
}

/** `file:line:column: message (at /json/path)` with 1-based line and column, as compilers print. */
export function formatInputError(e: InputError): string {
  const at = e.path ? ` (at ${e.path})` : "";
  return `${e.file}:${e.line + 1}:${e.character + 1}: ${e.message}${at}`;
}

// Findings and claims-file errors as LSP diagnostics. A finding's diagnostic carries what the editor shows
// (range, severity, message, the claim's id as its code, a link to the recorded words where there is something to
// fix: linksRecord) and, in `data`, its verdict only: a 1 MB draft has over a thousand findings, and every publish
// sends them all. The link to the recorded words is the related information (the code links only a reviewed
// claim's review). What the quick
// fixes need to find their place (FindingData: the sentence as checked, the named speaker, the quoted
// words) is rebuilt from the document's published findings when code actions are asked for
// (DocumentState.findingData); the words they write come from the loaded claim. The parts of a diagnostic
// that are the claim's alone (its recorded statement, the link to its words) are made once per claim
// (ClaimParts).
import type { Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { claimDefinition, quoteLocation } from "./claim-info.js";
import { LineIndex } from "./core/line-index.js";
import { reviewData, reviewDiagnosticMessage, reviewLink } from "./review-card.js";
import type { Finding, InputError } from "./core/types.js";
import { recordedStatement } from "../../protocol/claim-text.js";
import { DIAGNOSTIC_SOURCE, type FindingData } from "../../protocol/messages.js";
import { VERDICT_TITLES } from "../../protocol/verdicts.js";

/**
 * Longest diagnostic message (and relatedInformation message), in UTF-16 units. Claims files are
 * data from anywhere: a 5 MB title or claim text must not become a 5 MB message in every finding
 * of every publish. Real messages are a line or two.
 */
export const MAX_MESSAGE_CHARS = 1000;

/**
 * Longest text a finding's quick fixes may involve: FindingData's strings plus the claim's texts
 * the fixes write (claimTextChars). Beyond it, no quick fixes.
 */
export const MAX_DATA_CHARS = 20_000;

/** The length of everything a quick fix may write from `claim`. */
export function claimTextChars(claim: Finding["claim"]): number {
  const { speaker, source } = claim;
  return (
    claim.text.length +
    claim.verb.length +
    speaker.name.length +
    speaker.role.length +
    source.title.length +
    source.section.length +
    source.quote.length
  );
}

/** `s`, or its first `max - 1` units and "…" (never cut inside a surrogate pair). */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if ((s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  return s.slice(0, end) + "…";
}

/**
 * The Problems row, problem first: `Contradicted — the draft says "deployed", not "ruled out … deploying";
 * Trump ruled out deploying American troops to Ukraine.` — the verdict, what differs (problemFirst), then
 * who said what as the protocol's formatter words it (recordedStatement: a reported claim as reported
 * speech, never in quotation marks; a direct claim with the speaker's quoted words). Each part is
 * capped so what differs survives a huge claim. (The command line keeps its own order: cli/report.ts.)
 */
export function diagnosticMessage(f: Finding, quotedText?: string, statement = capText(recordedStatement(f.claim), 620)): string {
  const reviewed = reviewDiagnosticMessage(f, MAX_MESSAGE_CHARS); // a claim from a fact-check feed: review-card.ts
  if (reviewed !== undefined) return reviewed;
  // A misquotation's explanation names the record's words; the draft's own go first.
  const lead = quotedText !== undefined && f.verdict === "misquoted" ? `the draft quotes "${capText(oneLine(quotedText), 120)}"; ` : "";
  const problem = capText(lead + problemFirst(f.explanation), 300);
  return capText(`${VERDICT_TITLES[f.verdict]} — ${problem}; ${statement}`, MAX_MESSAGE_CHARS);
}

/**
 * The core's explanations name the record first (`the record says "X"; the draft says "Y"`); a writer
 * scanning Problems needs the draft's words first: `the draft says "Y", not "X"`. Any other form (and
 * whatever follows, `; also …`) is kept as the core wrote it.
 */
export function problemFirst(explanation: string): string {
  const m = /^the record says ("[^"]*"); the draft says ("[^"]*"|it as certain)(.*)$/s.exec(explanation);
  return m ? `the draft says ${m[2]}, not ${m[1]}${m[3]}` : explanation;
}

/** The related-information messages: where the link goes. */
export const RECORDED_WORDS_HERE = "the recorded words, in the source";
export const CLAIM_HERE = "the claim, in its claims file (no source text is shipped)";

/** What a finding's diagnostic takes from its claim alone: made once per claim, shared by its diagnostics. */
interface ClaimPart {
  /** The record as the message words it (recordedStatement, capped). */
  statement: string;
  codeDescription?: Diagnostic["codeDescription"];
  relatedInformation?: Diagnostic["relatedInformation"];
}

/**
 * The per-claim parts of diagnostics, made on first use. One per set of loaded claims (the draft checker
 * keeps one per engine): a claim object is never reused across reloads, so an entry never goes stale.
 */
export class ClaimParts {
  private readonly parts = new Map<Finding["claim"], ClaimPart>();

  of(f: Finding): ClaimPart {
    let p = this.parts.get(f.claim);
    if (!p) {
      p = claimPart(f);
      this.parts.set(f.claim, p);
    }
    return p;
  }
}

function claimPart(f: Finding): ClaimPart {
  const part: ClaimPart = { statement: capText(recordedStatement(f.claim), 620) };
  // The place only, in a few words: the hover card and the message already show the recorded words,
  // and a hover that repeats them does not fit the first screen.
  const quote = quoteLocation(f.claim);
  // No source text shipped with this database: link to the claim in its claims file instead.
  // The place is the related information's alone: a code link to it too would say it twice, in every
  // diagnostic of every publish (the hover card links it as well).
  const place = quote ?? claimDefinition(f.claim);
  if (place) part.relatedInformation = [{ location: place, message: quote ? RECORDED_WORDS_HERE : CLAIM_HERE }];
  const review = reviewLink(f); // a reviewed claim's code opens its review (review-card.ts)
  if (review) part.codeDescription = { href: review };
  return part;
}

/** A finding's diagnostic as published (see the file comment); `parts`: the per-claim parts to share. */
export function findingDiagnostic(doc: TextDocument, f: Finding, severity: DiagnosticSeverity, parts?: ClaimParts): Diagnostic {
  const part = parts ? parts.of(f) : claimPart(f);
  const diagnostic: Diagnostic = {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: f.claim.id,
    message: diagnosticMessage(f, f.quoted ? doc.getText().slice(f.quoted.start, f.quoted.end) : undefined, part.statement),
    // The verdict travels for the counts (document-counts.ts) and for clients that sort by it.
    data: { verdict: f.verdict },
  };
  if (part.codeDescription) diagnostic.codeDescription = part.codeDescription;
  if (part.relatedInformation && linksRecord(f)) diagnostic.relatedInformation = part.relatedInformation;
  return diagnostic;
}

/**
 * Whether a finding's diagnostic links the recorded words (its related information). Yes where the writer must go to
 * the record to fix something: a misquotation, a misattribution, a contradiction, an overstatement, a detail the
 * record lacks, and any reviewed claim's finding (the writer repeats or denies what a fact-checker rated). Not for a
 * `supported` finding of a recorded claim: nothing needs fixing, and its hover card already shows the claim, the
 * speaker and the recorded words with the same link — while the link is ≈ 230 bytes in every publish, a third of a
 * long draft's findings, and every keystroke republishes them all.
 */
export function linksRecord(f: Finding): boolean {
  return f.verdict !== "supported" || f.claim.review !== undefined;
}

/**
 * What a finding's quick fixes need (FindingData), with positions in `doc`, whose text at `at` (the
 * finding's sentence start, by default its own) holds the finding's sentence. Undefined when the texts
 * involved are too long to write into a draft: a claims file with absurdly long fields gets no quick fixes.
 */
export function findingData(doc: TextDocument, f: Finding, sentence: string, at = f.start): FindingData | undefined {
  const move = at - f.start;
  const pos = (offset: number) => doc.positionAt(offset + move);
  const data: FindingData = {
    claimId: f.claim.id,
    verdict: f.verdict,
    sentence,
    quoteKind: f.claim.quoteKind,
    recordedSpeaker: f.claim.speaker.name,
    ...(f.namedSpeaker
      ? { namedSpeaker: { name: f.namedSpeaker.name, range: { start: pos(f.namedSpeaker.start), end: pos(f.namedSpeaker.end) } } }
      : {}),
    ...(f.quoted
      ? {
          quoted: {
            range: { start: pos(f.quoted.start), end: pos(f.quoted.end) },
            open: pos(f.quoted.open),
            close: pos(f.quoted.close),
            ...(f.quoted.recorded !== undefined ? { recorded: f.quoted.recorded } : {}),
          },
        }
      : {}),
    ...reviewData(f),
  };
  return dataChars(data) + claimTextChars(f.claim) <= MAX_DATA_CHARS ? data : undefined;
}

/** Errors of one claims file, at their exact places in `text` (the text the loader read). */
export function inputErrorDiagnostics(text: string, errors: readonly InputError[], severity: DiagnosticSeverity): Diagnostic[] {
  const lines = new LineIndex(text);
  return errors.map((e) => ({
    // A large file loaded in a worker keeps no text (claims-store.ts): an error there (a duplicate id) ends on its line.
    range: {
      start: { line: e.line, character: e.character },
      end: e.offset + e.length <= text.length ? lines.positionAt(e.offset + e.length) : { line: e.line, character: e.character + e.length },
    },
    severity,
    source: DIAGNOSTIC_SOURCE,
    message: capText(e.path ? `${e.message} (at ${e.path})` : e.message, MAX_MESSAGE_CHARS),
  }));
}

function dataChars(data: FindingData): number {
  let n = 0;
  for (const v of Object.values(data)) if (typeof v === "string") n += v.length;
  return n + (data.namedSpeaker?.name.length ?? 0) + (data.quoted?.recorded?.length ?? 0);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

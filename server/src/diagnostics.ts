// Findings and claims-file errors as LSP diagnostics. A finding's diagnostic carries in `data`
// what its quick fixes need to find their place (FindingData: the claim's id, the sentence as
// checked, the named speaker, the quoted words); the words they write come from the loaded claim.
import type { Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { claimDefinition, fileLink, quoteLocation } from "./claim-info.js";
import { LineIndex } from "./core/line-index.js";
import { reviewData, reviewDiagnosticMessage, reviewLink } from "./review-card.js";
import type { Finding, InputError } from "./core/types.js";
import { isDirect, recordedStatement, sourceName, sourceWords } from "../../protocol/claim-text.js";
import { DIAGNOSTIC_SOURCE, type FindingData } from "../../protocol/messages.js";

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
 * `contradicted: Trump ruled out deploying American troops to Ukraine. — <the core's explanation>`:
 * the record as reported speech (a direct claim: the speaker's quoted words), never a paraphrase
 * in quotation marks. Each part is capped so the explanation survives a huge claim. (The command line puts the
 * explanation first: cli/report.ts, reportMessage.)
 */
export function diagnosticMessage(f: Finding): string {
  const reviewed = reviewDiagnosticMessage(f, MAX_MESSAGE_CHARS); // a claim from a fact-check feed: review-card.ts
  if (reviewed !== undefined) return reviewed;
  return capText(`${f.verdict}: ${capText(recordedStatement(f.claim), 620)} — ${capText(f.explanation, 300)}`, MAX_MESSAGE_CHARS);
}

/** `Reported by <title, section>: <words>`, or for a direct claim `Quoted words: “…” — <title, section>`. */
function sourceLine(f: Finding): string {
  if (isDirect(f.claim)) return `Quoted words: ${sourceWords(f.claim)} — ${sourceName(f.claim)}`;
  return `Reported by ${sourceName(f.claim)}: ${sourceWords(f.claim)}`;
}

export function findingDiagnostic(doc: TextDocument, f: Finding, severity: DiagnosticSeverity): Diagnostic {
  const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
  const quote = quoteLocation(f.claim);
  const data: FindingData = {
    claimId: f.claim.id,
    verdict: f.verdict,
    sentence: doc.getText(range),
    quoteKind: f.claim.quoteKind,
    recordedSpeaker: f.claim.speaker.name,
    ...(f.namedSpeaker
      ? {
          namedSpeaker: {
            name: f.namedSpeaker.name,
            range: { start: doc.positionAt(f.namedSpeaker.start), end: doc.positionAt(f.namedSpeaker.end) },
          },
        }
      : {}),
    ...(f.quoted
      ? {
          quoted: {
            range: { start: doc.positionAt(f.quoted.start), end: doc.positionAt(f.quoted.end) },
            open: doc.positionAt(f.quoted.open),
            close: doc.positionAt(f.quoted.close),
            ...(f.quoted.recorded !== undefined ? { recorded: f.quoted.recorded } : {}),
          },
        }
      : {}),
    ...reviewData(f),
  };
  const diagnostic: Diagnostic = {
    range,
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: f.claim.id,
    message: diagnosticMessage(f),
    // A claim with absurdly long fields gets no quick fixes rather than megabytes in every publish;
    // its verdict still travels, for the counts (document-counts.ts).
    data: dataChars(data) + claimTextChars(f.claim) <= MAX_DATA_CHARS ? data : { verdict: f.verdict },
  };
  if (quote) {
    diagnostic.codeDescription = { href: fileLink(quote) };
    diagnostic.relatedInformation = [{ location: quote, message: capText(sourceLine(f), MAX_MESSAGE_CHARS) }];
  } else {
    // No source text shipped with this database: link to the claim in its claims file instead.
    const definition = claimDefinition(f.claim);
    if (definition) {
      diagnostic.codeDescription = { href: fileLink(definition) };
      diagnostic.relatedInformation = [
        { location: definition, message: capText(`claim ${f.claim.id}: ${sourceLine(f)}`, MAX_MESSAGE_CHARS) },
      ];
    }
  }
  const review = reviewLink(f); // a reviewed claim's code opens its review (review-card.ts)
  if (review) diagnostic.codeDescription = { href: review };
  return diagnostic;
}

/** Errors of one claims file, at their exact places in `text` (the text the loader read). */
export function inputErrorDiagnostics(text: string, errors: readonly InputError[], severity: DiagnosticSeverity): Diagnostic[] {
  const lines = new LineIndex(text);
  return errors.map((e) => ({
    range: { start: { line: e.line, character: e.character }, end: lines.positionAt(e.offset + e.length) },
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

// Findings and claims-file errors as LSP diagnostics. A finding's diagnostic carries in `data`
// everything its quick fixes need (FindingData), so code actions never depend on server state
// that may have moved on since the diagnostic was published.
import type { Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { claimDefinition, fileLink } from "./claim-info.js";
import type { ClaimsStore } from "./claims-store.js";
import { LineIndex } from "./core/json-positions.js";
import type { Finding, InputError } from "./core/types.js";
import { isDirect, recordedStatement, sourceName, sourceWords } from "./protocol/claim-text.js";
import { DIAGNOSTIC_SOURCE, type FindingData } from "./protocol/index.js";

/**
 * `contradicted: Trump ruled out deploying American troops to Ukraine. — <the core's explanation>`:
 * the record as reported speech (a direct claim: the speaker's quoted words), never a paraphrase
 * in quotation marks.
 */
export function findingMessage(f: Finding): string {
  return `${f.verdict}: ${recordedStatement(f.claim)} — ${f.explanation}`;
}

/** `Reported by <title, section>: <words>`, or for a direct claim `Quoted words: “…” — <title, section>`. */
function sourceLine(f: Finding): string {
  if (isDirect(f.claim)) return `Quoted words: ${sourceWords(f.claim)} — ${sourceName(f.claim)}`;
  return `Reported by ${sourceName(f.claim)}: ${sourceWords(f.claim)}`;
}

export function findingDiagnostic(doc: TextDocument, f: Finding, severity: DiagnosticSeverity, store: Pick<ClaimsStore, "quoteOf">): Diagnostic {
  const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
  const quote = store.quoteOf(f.claim);
  const data: FindingData = {
    claimId: f.claim.id,
    verdict: f.verdict,
    sentence: doc.getText(range),
    quoteKind: f.claim.quoteKind,
    recordedSpeaker: f.claim.speaker.name,
    ...(f.namedSpeaker
      ? { namedSpeaker: { name: f.namedSpeaker.name, range: { start: doc.positionAt(f.namedSpeaker.start), end: doc.positionAt(f.namedSpeaker.end) } } }
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
  };
  const diagnostic: Diagnostic = {
    range,
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: f.claim.id,
    message: findingMessage(f),
    data,
  };
  if (quote) {
    diagnostic.codeDescription = { href: fileLink(quote) };
    diagnostic.relatedInformation = [{ location: quote, message: sourceLine(f) }];
  } else {
    // No source text shipped with this database: link to the claim in its claims file instead.
    const definition = claimDefinition(f.claim);
    if (definition) {
      diagnostic.codeDescription = { href: fileLink(definition) };
      diagnostic.relatedInformation = [{ location: definition, message: `claim ${f.claim.id}: ${sourceLine(f)}` }];
    }
  }
  return diagnostic;
}

/** Errors of one claims file, at their exact places in `text` (the text the loader read). */
export function inputErrorDiagnostics(text: string, errors: readonly InputError[], severity: DiagnosticSeverity): Diagnostic[] {
  const lines = new LineIndex(text);
  return errors.map((e) => ({
    range: { start: { line: e.line, character: e.character }, end: lines.positionAt(e.offset + e.length) },
    severity,
    source: DIAGNOSTIC_SOURCE,
    message: e.path ? `${e.message} (at ${e.path})` : e.message,
  }));
}

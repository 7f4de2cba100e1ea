// Findings and claims-file errors as LSP diagnostics. A finding's diagnostic carries in `data`
// everything its quick fixes need (FindingData), so code actions never depend on server state
// that may have moved on since the diagnostic was published.
import type { Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { claimDefinition, fileLink } from "./claim-info.js";
import { attributedStatement, footnoteCitation, shortCitation, sourceName } from "./citations.js";
import type { ClaimsStore } from "./claims-store.js";
import { LineIndex } from "./core/json-positions.js";
import type { Finding, InputError } from "./core/types.js";
import { DIAGNOSTIC_SOURCE, type FindingData } from "./protocol/index.js";

/**
 * Longest diagnostic message (and relatedInformation message), in UTF-16 units. Claims files are
 * data from anywhere: a 5 MB title or claim text must not become a 5 MB message in every finding
 * of every publish. Real messages are a line or two.
 */
export const MAX_MESSAGE_CHARS = 1000;

/** Longest text (sum of FindingData's strings) a diagnostic carries for its quick fixes; beyond it, no quick fixes. */
export const MAX_DATA_CHARS = 20_000;

/** `s`, or its first `max - 1` units and "…" (never cut inside a surrogate pair). */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if ((s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  return s.slice(0, end) + "…";
}

/** `contradicted: Donald Trump ruled out: "…" — <the core's explanation>`, each part capped so the explanation survives a huge claim. */
export function findingMessage(f: Finding): string {
  const c = f.claim;
  return capText(`${f.verdict}: ${capText(c.speaker.name, 120)} ${capText(c.verb, 60)}: "${capText(c.text, 500)}" — ${capText(f.explanation, 300)}`, MAX_MESSAGE_CHARS);
}

export function findingDiagnostic(doc: TextDocument, f: Finding, severity: DiagnosticSeverity, store: ClaimsStore): Diagnostic {
  const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
  const quote = store.quoteOf(f.claim);
  const db = store.databaseOf(f.claim);
  const data: FindingData = {
    claimId: f.claim.id,
    verdict: f.verdict,
    sentence: doc.getText(range),
    attributed: attributedStatement(f.claim, db?.sourceText ?? ""),
    citation: footnoteCitation(f.claim),
    shortCitation: shortCitation(f.claim),
    recordedSpeaker: f.claim.speaker.name,
    ...(f.namedSpeaker
      ? { namedSpeaker: { name: f.namedSpeaker.name, range: { start: doc.positionAt(f.namedSpeaker.start), end: doc.positionAt(f.namedSpeaker.end) } } }
      : {}),
  };
  const diagnostic: Diagnostic = {
    range,
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: f.claim.id,
    message: findingMessage(f),
    // A claim with absurdly long fields gets no quick fixes rather than megabytes in every publish.
    ...(dataChars(data) <= MAX_DATA_CHARS ? { data } : {}),
  };
  if (quote) {
    diagnostic.codeDescription = { href: fileLink(quote) };
    diagnostic.relatedInformation = [{ location: quote, message: capText(`${f.claim.speaker.name} ${f.claim.verb}: "${f.claim.source.quote}" — ${sourceName(f.claim)}`, MAX_MESSAGE_CHARS) }];
  } else {
    // No source text shipped with this database: link to the claim in its claims file instead.
    const definition = claimDefinition(f.claim);
    if (definition) {
      diagnostic.codeDescription = { href: fileLink(definition) };
      diagnostic.relatedInformation = [{ location: definition, message: capText(`claim ${f.claim.id}: "${f.claim.source.quote}" — ${sourceName(f.claim)}`, MAX_MESSAGE_CHARS) }];
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
    message: capText(e.path ? `${e.message} (at ${e.path})` : e.message, MAX_MESSAGE_CHARS),
  }));
}

function dataChars(data: FindingData): number {
  let n = 0;
  for (const v of Object.values(data)) if (typeof v === "string") n += v.length;
  return n + (data.namedSpeaker?.name.length ?? 0);
}

// Quick fixes for a finding's diagnostic. Each is a WorkspaceEdit that changes exactly the text it
// names; all they need travels in the diagnostic's `data` (FindingData). A fix is offered only while
// the document still holds the checked sentence at the diagnostic's range, so a stale diagnostic
// (the writer typed since it was published) can never rewrite the wrong words.
import { type CodeAction, CodeActionKind, type Diagnostic, type Range, type TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { DIAGNOSTIC_SOURCE, type FindingData, IGNORE_CLAIM_COMMAND, IGNORE_NEXT_LINE_COMMENT, type IgnoreClaimArgs } from "./protocol/index.js";

export function isFindingData(d: unknown): d is FindingData {
  const x = d as Partial<FindingData> | null;
  return (
    typeof x === "object" && x !== null && typeof x.claimId === "string" && typeof x.verdict === "string" && typeof x.sentence === "string" &&
    typeof x.attributed === "string" && typeof x.citation === "string" && typeof x.shortCitation === "string" && typeof x.recordedSpeaker === "string"
  );
}

/** The footnote label a Markdown citation of `claimId` uses. */
export function footnoteLabel(claimId: string): string {
  return `[^factcheck-${claimId}]`;
}

export function quickFixes(doc: TextDocument, diagnostic: Diagnostic, markdown: boolean): CodeAction[] {
  const data = diagnostic.data;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingData(data)) return [];
  if (doc.getText(diagnostic.range) !== data.sentence) return []; // stale: re-check will publish a fresh one
  const actions: CodeAction[] = [];
  const fix = (title: string, edits: TextEdit[], isPreferred = false): void => {
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [doc.uri]: edits } } });
  };

  const named = data.namedSpeaker;
  if (data.verdict === "misattributed" && named && within(named.range, diagnostic.range)) {
    fix(`Attribute to ${data.recordedSpeaker} (replace "${named.name}")`, [{ range: named.range, newText: data.recordedSpeaker }], true);
  }
  if (data.verdict === "contradicted" || data.verdict === "overstated") {
    fix(`Replace with the recorded statement: ${data.attributed}`, [{ range: diagnostic.range, newText: data.attributed }], true);
  }

  const citation = markdown ? footnoteEdits(doc, diagnostic.range, data) : parentheticalEdits(doc, diagnostic.range, data);
  if (citation) fix(markdown ? `Cite ${data.recordedSpeaker} in a footnote` : `Cite ${data.recordedSpeaker} after the sentence`, citation);

  if (markdown) {
    const at = { line: diagnostic.range.start.line, character: 0 };
    fix("Ignore this sentence (factcheck-ignore-next-line)", [{ range: { start: at, end: at }, newText: IGNORE_NEXT_LINE_COMMENT + eolOf(doc) }]);
  }
  const args: IgnoreClaimArgs = [data.claimId, doc.uri];
  const title = `Ignore claim ${data.claimId} in this workspace`;
  actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: IGNORE_CLAIM_COMMAND, arguments: args } });
  return actions;
}

/** `[^factcheck-<id>]` right after the sentence, and its definition at the end of the document unless there already. */
function footnoteEdits(doc: TextDocument, range: Range, data: FindingData): TextEdit[] | undefined {
  const label = footnoteLabel(data.claimId);
  const text = doc.getText();
  const end = doc.offsetAt(range.end);
  if (text.startsWith(label, end)) return undefined; // already cited right here
  const edits: TextEdit[] = [{ range: { start: range.end, end: range.end }, newText: label }];
  const defined = new RegExp(`^[ \\t]{0,3}${escapeRegExp(label)}:`, "m").test(text);
  if (!defined) {
    const eol = eolOf(doc);
    const lastLine = text.replace(/(\r\n|\r|\n)+$/, "").split(/\r\n|\r|\n/).pop() ?? "";
    // Footnotes gather in one block at the end: join an existing block, else start one after a blank line.
    const separator = /^[ \t]{0,3}\[\^[^\]]+\]:/.test(lastLine)
      ? text.endsWith(eol) ? "" : eol
      : text === "" || text.endsWith(eol + eol) ? "" : text.endsWith(eol) ? eol : eol + eol;
    const docEnd = doc.positionAt(text.length);
    edits.push({ range: { start: docEnd, end: docEnd }, newText: `${separator}${label}: ${data.citation}${eol}` });
  }
  return edits;
}

/** ` (Speaker, role, Source title)` right after the sentence. */
function parentheticalEdits(doc: TextDocument, range: Range, data: FindingData): TextEdit[] | undefined {
  const insert = ` (${data.shortCitation})`;
  if (doc.getText().startsWith(insert, doc.offsetAt(range.end))) return undefined;
  return [{ range: { start: range.end, end: range.end }, newText: insert }];
}

function within(inner: Range, outer: Range): boolean {
  const le = (a: Range["start"], b: Range["start"]) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function eolOf(doc: TextDocument): string {
  return doc.getText().includes("\r\n") ? "\r\n" : "\n";
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

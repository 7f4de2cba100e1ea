// How the "Insert Quote with Attribution" and "Insert Citation" actions write into an editor.
// The texts themselves come from protocol/claim-text.ts, shared with the server's
// quick fixes so both write the same formats:
//   direct claim     Lena Ortiz, Mayor of Port Lindell, said: “the Harbor Bridge will reopen to traffic in June.”
//   reported claim   Donald Trump indicated that U.S. air power could play a role … (source: European-Led Security Guarantees, U.S. Contribution Through Air Support).
//   citation         (source: European-Led Security Guarantees, U.S. Contribution Through Air Support; Donald Trump, President of the United States)
// A reported claim (the source paraphrases its speaker) is never put inside quotation marks.
// Text from claims files is escaped for Markdown documents. It is inserted at every cursor,
// replacing any selection, with a space added where it would otherwise touch a word.
import * as vscode from "vscode";
import { citation, type DraftTextFormat, quoteWithAttribution } from "../../protocol/claim-text.js";
import type { ClaimInfo } from "../../protocol/messages.js";

/** How text inserted into `doc` must be written: Markdown (escaped) or plain text. Same test as the server's. */
export function formatOf(doc: Pick<vscode.TextDocument, "languageId" | "fileName"> | undefined): DraftTextFormat {
  return doc && (doc.languageId === "markdown" || /\.(md|markdown|mdx)$/i.test(doc.fileName)) ? "markdown" : "plaintext";
}

/** What Insert Quote with Attribution writes: the direct quote, or reported speech. */
export function formatQuoteWithAttribution(claim: ClaimInfo, format: DraftTextFormat): string {
  return quoteWithAttribution(claim, format);
}

/** What Insert Citation writes. */
export function formatCitation(claim: ClaimInfo, format: DraftTextFormat): string {
  return citation(claim, format);
}

/** The source's words alone, verbatim, for the clipboard. */
export function plainQuote(claim: Pick<ClaimInfo, "source">): string {
  return claim.source.quote;
}

/**
 * `text` with a space before it when the character before the insertion point is part of a word
 * or closing punctuation, and after it when a word follows directly.
 */
export function withSpacing(text: string, before: string, after: string): string {
  const needsBefore = before !== "" && !/[\s([{“‘"'«—–/-]/.test(before);
  const needsAfter = after !== "" && /[\p{L}\p{N}(“‘]/u.test(after);
  return `${needsBefore ? " " : ""}${text}${needsAfter ? " " : ""}`;
}

/** Inserts `text` at every cursor of `editor` (replacing selections). Resolves false if the editor refused. */
export async function insertAtCursors(editor: vscode.TextEditor, text: string): Promise<boolean> {
  const doc = editor.document;
  const charAt = (pos: vscode.Position, delta: -1 | 1): string => {
    const offset = doc.offsetAt(pos) + (delta < 0 ? -1 : 0);
    if (offset < 0) return "";
    const p = doc.positionAt(offset);
    return doc.getText(new vscode.Range(p, doc.positionAt(offset + 1)));
  };
  const selections = [...editor.selections];
  const ok = await editor.edit((b) => {
    for (const s of selections) b.replace(s, withSpacing(text, charAt(s.start, -1), charAt(s.end, 1)));
  });
  if (ok) editor.revealRange(editor.selection, vscode.TextEditorRevealType.Default);
  return ok;
}

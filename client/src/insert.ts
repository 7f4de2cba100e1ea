// What the "Insert Quote with Attribution" and "Insert Citation" actions write, and how.
//
// Formats (typographic quotes, the quote verbatim from the source):
//   quote with attribution   Donald Trump, President of the United States, ruled out: “firmly ruling out the deployment of American troops to Ukraine.”
//   citation                 (Donald Trump, President of the United States, “European-Led Security Guarantees”, U.S. Contribution Through Air Support)
// Rules:
//   - the quote is the source's exact words; a final full stop goes inside the closing quote
//     unless the quote already ends in . ! ? or … ; double quotes inside it become single ones
//     (“ ” → ‘ ’), as nested quotation requires;
//   - an empty role is left out ("Name, verb: …"); the citation leaves out a section that only
//     repeats the title;
//   - inserted at every cursor, replacing any selection, with a space added where the text would
//     otherwise touch a word before or after it.
import * as vscode from "vscode";
import type { ClaimInfo } from "../../server/src/protocol/index.js";

const OPEN = "“";
const CLOSE = "”";

/** Double quotes inside a quotation become single ones; straight ones become typographic. */
export function nestQuotes(text: string): string {
  let open = true;
  return text.replace(/[“”"]/g, (q) => {
    if (q === "“") return "‘";
    if (q === "”") return "’";
    const r = open ? "‘" : "’";
    open = !open;
    return r;
  });
}

/** `Name, Role,` or `Name` when there is no role. */
function speakerPhrase(claim: Pick<ClaimInfo, "speaker">): string {
  const name = claim.speaker.name.trim();
  const role = claim.speaker.role.trim();
  return role ? `${name}, ${role}` : name;
}

/** `Donald Trump, President of the United States, ruled out: “… to Ukraine.”` */
export function formatQuoteWithAttribution(claim: Pick<ClaimInfo, "speaker" | "verb" | "source">): string {
  const quote = nestQuotes(claim.source.quote.trim());
  const end = /[.!?…]$/.test(quote) ? "" : ".";
  const verb = claim.verb.trim() || "said";
  return `${speakerPhrase(claim)}, ${verb}: ${OPEN}${quote}${end}${CLOSE}`;
}

/** `(Donald Trump, President of the United States, “European-Led Security Guarantees”, Section)` */
export function formatCitation(claim: Pick<ClaimInfo, "speaker" | "source">): string {
  const title = claim.source.title.trim();
  const section = claim.source.section.trim();
  const parts = [speakerPhrase(claim)];
  if (title) parts.push(`${OPEN}${nestQuotes(title)}${CLOSE}`);
  if (section && section !== title) parts.push(section);
  return `(${parts.join(", ")})`;
}

/** The quote alone, verbatim, for the clipboard. */
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

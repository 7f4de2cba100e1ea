// Markdown, both ways the extension meets it, for the client and the server alike:
//   - which documents are Markdown (`draftFormatOf`: the one test the CLI, the server and the client's insert commands use);
//   - text shown in rendered Markdown (hover cards, the status bar's tooltip) made inert: `escapeMarkdownForDisplay`.
// Text written INTO a draft is escaped differently, so that the draft stays readable and renders to the same
// literal text: `escapeForDraft` in claim-text.ts.
//
// This file must stay free of `vscode` and server-only imports: the client bundles it too.

/** How a draft is read: Markdown (code, HTML and link targets skipped; text written into it escaped) or plain text. */
export type DraftFormat = "markdown" | "plaintext";

const MARKDOWN_NAME = /\.(md|markdown|mdx)$/i;

/**
 * A document is Markdown when its editor says so (`languageId`), or when its name (a path, a URI, a file name)
 * ends in .md, .markdown or .mdx; anything else is plain text.
 */
export function draftFormatOf(name: string, languageId?: string): DraftFormat {
  return languageId === "markdown" || MARKDOWN_NAME.test(name) ? "markdown" : "plaintext";
}

/**
 * Escapes text for display inside rendered Markdown, where it must stay text: `<`, `>` and `&` become HTML
 * entities (so no tag or entity survives), every other ASCII punctuation character is backslash-escaped
 * (CommonMark renders `\X` as a literal X for all of them, which also defeats autolinks such as `command:` or
 * `https://`, and theme icons `$(…)`), and line breaks become spaces so the text cannot start a new block.
 */
export function escapeMarkdownForDisplay(text: string): string {
  return text
    .replace(/\r\n?|\n|\u2028|\u2029/g, " ")
    .replace(/[!-/:-@[-`{-~]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "\\" + c));
}

/** A link destination for a file: URI, safe inside `[text](…)`: parentheses, spaces and angle brackets encoded. */
export function markdownLinkTarget(uri: string): string {
  return uri.replace(/[()<> \\]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

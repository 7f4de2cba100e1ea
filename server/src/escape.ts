// Text from claims files and drafts goes into Markdown hovers, and a claims file can come from
// anyone (a cloned repository). So every such string is made inert before it is rendered:
// no links, images, HTML, command links, code spans or emphasis can come out of it.

/**
 * Escapes text for use inside Markdown: `<`, `>` and `&` become HTML entities (so no tag or
 * entity survives), every other ASCII punctuation character is backslash-escaped (CommonMark
 * renders `\X` as a literal X for all of them, which also defeats autolinks such as
 * `command:` or `https://`), and line breaks become spaces so the text cannot start a new block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n|\u2028|\u2029/g, " ")
    .replace(/[!-/:-@[-`{-~]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "\\" + c));
}

/** A link destination for a file: URI, safe inside `[text](…)`: parentheses, spaces and angle brackets encoded. */
export function markdownLinkTarget(uri: string): string {
  return uri.replace(/[()<> \\]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

// Every text Fact Check writes into a draft, or shows, about a claim: the recorded statement as
// reported speech, the quote with attribution, citations (parenthetical and footnote). One module
// for the client's commands and the server's quick fixes, so both write the same thing.
//
// The first law: never fabricate a quotation. A claim whose recorded words are the source's
// paraphrase (`quoteKind: "reported"`) is written as reported speech, never inside quotation
// marks under the speaker's name; only a `direct` claim's quote goes inside quotation marks.
//
// Claims files come from anyone, so every piece of claim text is escaped for the draft's format
// (`markdown`: it arrives as literal text, never as a link, image, HTML, emphasis or footnote).
//
// This file must stay free of `vscode` and server-only imports: the client bundles it too.

import type { DraftFormat } from "./markdown.js";

export type QuoteKindName = "direct" | "reported";

/** What these texts need of a claim; the core's Claim and the wire's ClaimInfo both have it. */
export interface ClaimText {
  text: string;
  speaker: { name: string; role: string; aliases?: readonly string[] };
  verb: string;
  quoteKind: QuoteKindName;
  source: { title: string; section: string; quote: string };
}

const OPEN = "“";
const CLOSE = "”";

/** Attribution verbs that read well before a "that" clause ("noted that …"). Others get "According to …". */
const THAT_VERBS = new Set([
  "said",
  "stated",
  "noted",
  "signaled",
  "signalled",
  "emphasized",
  "emphasised",
  "indicated",
  "suggested",
  "underscored",
  "warned",
  "claimed",
  "argued",
  "added",
  "explained",
  "insisted",
  "acknowledged",
  "announced",
  "confirmed",
  "predicted",
  "stressed",
  "asserted",
  "maintained",
  "observed",
  "wrote",
  "told reporters",
  "declared",
  "believes",
  "said again",
]);

/** Words that start a sentence but are never proper nouns, so they lose their capital mid-sentence. */
const FUNCTION_WORDS = new Set([
  "a",
  "an",
  "the",
  "some",
  "any",
  "this",
  "that",
  "these",
  "those",
  "it",
  "its",
  "there",
  "such",
  "all",
  "no",
  "each",
  "every",
  "many",
  "most",
  "several",
  "both",
  "one",
  "another",
  "other",
  "future",
  "further",
  "more",
  "less",
  "few",
]);

export function isDirect(claim: Pick<ClaimText, "quoteKind">): boolean {
  return claim.quoteKind === "direct";
}

/**
 * The recorded statement as reported speech, one sentence with its full stop:
 * `Donald Trump indicated that U.S. air power could play a role in backing European security commitments.`
 * A claim text that already begins with the speaker's name or an alias is used as it is
 * ("Trump ruled out deploying American troops to Ukraine."). Never in quotation marks.
 */
export function reportedStatement(claim: ClaimText, format: DraftFormat): string {
  return reportedClause(claim, format) + ".";
}

/**
 * What "Insert Quote with Attribution" writes.
 *   direct:   `Donald Trump, President of the United States, said: “We will not send troops.”`
 *   reported: `Donald Trump indicated that U.S. air power could play a role … (source: European-Led Security Guarantees, U.S. Contribution Through Air Support).`
 */
export function quoteWithAttribution(claim: ClaimText, format: DraftFormat): string {
  if (isDirect(claim))
    return `${speakerWithRole(claim, format)}, ${verbOf(claim, format)}: ${OPEN}${quotedWords(claim, format, true)}${CLOSE}`;
  // The source in the citation form the checker masks (core/draft-marks.ts): its words never change the sentence's verdict.
  return `${reportedClause(claim, format)} (source: ${balanced(sourceName(claim, format), format)}).`;
}

/**
 * What "Insert Citation" and the plain-text quick fix write:
 * `(source: European-Led Security Guarantees, U.S. Contribution Through Air Support; Donald Trump, President of the United States)`.
 * The checker knows this form (core/draft-marks.ts) and never reads it as words of a sentence.
 */
export function citation(claim: ClaimText, format: DraftFormat): string {
  return `(source: ${balanced(sourceName(claim, format), format)}; ${balanced(speakerWithRole(claim, format), format)})`;
}

/**
 * The body of a footnote definition (`[^label]: <body>`).
 *   direct:   `Donald Trump (President of the United States) said: “We will not send troops” — Title, Section.`
 *   reported: `Donald Trump (President of the United States) indicated that U.S. air power could …, as reported in Title, Section.`
 */
export function footnoteDefinition(claim: ClaimText, format: DraftFormat): string {
  const who = speakerInParentheses(claim, format);
  if (isDirect(claim))
    return `${who} ${verbOf(claim, format)}: ${OPEN}${quotedWords(claim, format, false)}${CLOSE} — ${sourceName(claim, format)}.`;
  return `${reportedClause(claim, format, who)}, as reported in ${sourceName(claim, format)}.`;
}

/**
 * The record in one line of plain text, for messages:
 *   direct:   `Donald Trump said: “We will not send troops”`
 *   reported: the reported statement (`Donald Trump indicated that U.S. air power could …`).
 */
export function recordedStatement(claim: ClaimText): string {
  if (isDirect(claim))
    return `${oneLine(claim.speaker.name)} ${verbOf(claim, "plaintext")}: ${OPEN}${quotedWords(claim, "plaintext", false)}${CLOSE}`;
  return reportedStatement(claim, "plaintext");
}

/**
 * What the source's words are, as a label before them: "Quoted words" for a direct claim, or
 * "Reported by <source title>" for the source's paraphrase (plain text; escape it to render it).
 */
export function sourceWordsLabel(claim: Pick<ClaimText, "quoteKind" | "source">): string {
  return isDirect(claim) ? "Quoted words" : `Reported by ${oneLine(claim.source.title)}`;
}

/** The source's words as a message shows them: in quotation marks only when they are the speaker's own. */
export function sourceWords(claim: Pick<ClaimText, "quoteKind" | "source">): string {
  const words = oneLine(claim.source.quote);
  return isDirect(claim) ? `${OPEN}${nestQuotes(words)}${CLOSE}` : words;
}

/**
 * Who said it and the source's words, one line of plain text (the CLI's messages):
 *   direct:   `Donald Trump (President of the United States): “We will not send troops”`
 *   reported: `Donald Trump (President of the United States), as reported by Title: <the source's words>`
 */
export function attributionLine(claim: ClaimText): string {
  const who = speakerInParentheses(claim, "plaintext");
  return isDirect(claim) ? `${who}: ${sourceWords(claim)}` : `${who}, as reported by ${oneLine(claim.source.title)}: ${sourceWords(claim)}`;
}

/** "Title, Section", or just the title when the section is empty or repeats it. */
export function sourceName(claim: Pick<ClaimText, "source">, format: DraftFormat = "plaintext"): string {
  const title = oneLine(claim.source.title);
  const section = oneLine(claim.source.section);
  const text = section && section !== title ? `${title}, ${section}` : title;
  return escapeInline(text, format);
}

/** The speaker's name and role: `Donald Trump, President of the United States`, or the name alone. */
export function speakerWithRole(claim: Pick<ClaimText, "speaker">, format: DraftFormat = "plaintext"): string {
  const name = oneLine(claim.speaker.name);
  const role = oneLine(claim.speaker.role);
  return escapeInline(role ? `${name}, ${role}` : name, format);
}

/** Double quotes inside a quotation become single ones (“ ” → ‘ ’), as nested quotation requires. */
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

/**
 * Text from a claims file made literal for a draft. Plain text: as is (on one line). Markdown:
 * backslash escapes for every character that could start inline markup (`\ ` * _ [ ] < > ~ |`),
 * `&` before an entity, `://` (autolinks), and a line-start construct at the very beginning
 * (`#`, `>`, `-`/`+`, `=`, `1.`), since the text may land at the start of a line.
 */
export function escapeForDraft(text: string, format: DraftFormat): string {
  const s = oneLine(text);
  return format === "markdown" ? escapeLineStart(escapeInline(s, format), format) : s;
}

// ---------------------------------------------------------------------------------------------

/** `Donald Trump indicated that …` / `According to Donald Trump, …` / the text itself, without its final stop. */
function reportedClause(claim: ClaimText, format: DraftFormat, who?: string): string {
  const text = oneLine(claim.text).replace(/\s*[.!?]+$/, "");
  const verb = oneLine(claim.verb);
  if (startsWithSpeaker(claim, text)) {
    const clause = escapeForDraft(text, format);
    // The text names the speaker its own way: the full name and role go after it.
    return who ? `${clause} (${speakerWithRole(claim, format)})` : clause;
  }
  const body = escapeInline(lowerFirstWord(text, `${claim.text} ${claim.source.quote}`), format);
  const name = who ?? escapeInline(oneLine(claim.speaker.name), format);
  if (THAT_VERBS.has(verb.toLowerCase())) return escapeLineStart(`${name} ${escapeInline(verb, format)} that ${body}`, format);
  return `According to ${midSentence(name)}, ${body}`;
}

/** `Donald Trump (President of the United States)`, or the name alone. */
function speakerInParentheses(claim: ClaimText, format: DraftFormat): string {
  const name = escapeInline(oneLine(claim.speaker.name), format);
  const role = oneLine(claim.speaker.role);
  return escapeLineStart(role ? `${name} (${escapeInline(role, format)})` : name, format);
}

function verbOf(claim: ClaimText, format: DraftFormat): string {
  return escapeInline(oneLine(claim.verb) || "said", format);
}

/** A direct quote, verbatim but for nested quotation marks; `withStop` adds a final full stop inside the marks. */
function quotedWords(claim: ClaimText, format: DraftFormat, withStop: boolean): string {
  const quote = nestQuotes(oneLine(claim.source.quote));
  const end = withStop && !/[.!?…]$/.test(quote) ? "." : "";
  return escapeInline(quote, format) + end;
}

/**
 * The claim text already says who speaks: it begins with one of the speaker's names or aliases
 * (first letter in either case), perhaps after a title ("Mayor Jane Alvarez announced …", up to
 * three capitalised words) or "According to".
 */
function startsWithSpeaker(claim: ClaimText, text: string): boolean {
  const names = [claim.speaker.name, ...(claim.speaker.aliases ?? [])].map(oneLine).filter((n) => n !== "");
  const lead = /^(?:According to\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}/u.exec(text)![0];
  // Every place the name could start: the very beginning, or after each word of the lead.
  const starts = [0];
  for (const m of lead.matchAll(/\s+/g)) starts.push(m.index + m[0].length);
  return names.some((n) =>
    starts.some((at) => {
      const t = text.slice(at);
      if (t.length < n.length || t.slice(1, n.length) !== n.slice(1) || t[0].toLowerCase() !== n[0].toLowerCase()) return false;
      return !/[\p{L}\p{N}]/u.test(t.charAt(n.length)); // a whole word: "Trump's" names Trump, "Trumpet" does not
    }),
  );
}

/**
 * Lowercases the first letter only when the first word is surely not a name: a function word
 * ("The", "Some"), or a word the claim or its quote also writes in lowercase ("future"). "Europe",
 * "France", "U.S.", "NATO" keep theirs; when unsure, the case is kept.
 */
function lowerFirstWord(text: string, evidence: string): string {
  const m = /^(\p{Lu})(\p{Ll}*)(?![\p{L}\p{N}.])/u.exec(text);
  if (!m) return text;
  const lower = (m[1] + m[2]).toLowerCase();
  const seenLower = new RegExp(`(^|[^\\p{L}])${escapeRegExp(lower)}($|[^\\p{L}])`, "u").test(evidence);
  return FUNCTION_WORDS.has(lower) || seenLower ? text[0].toLowerCase() + text.slice(1) : text;
}

/** "The article's reporting" → "the article's reporting" inside a sentence. */
function midSentence(name: string): string {
  return /^The\s/.test(name) ? "t" + name.slice(1) : name;
}

const ENTITY_LIKE = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;

/** Markdown inline escaping (see escapeForDraft); plain text is left alone. */
function escapeInline(s: string, format: DraftFormat): string {
  if (format !== "markdown") return s;
  return s
    .replace(/[\\`*_[\]<>~|]/g, "\\$&")
    .replace(ENTITY_LIKE, "\\&")
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\b(www)\./gi, "$1\\.");
}

/** Escapes a construct that would start a block if `s` began a line: heading, quote, list item, setext underline. */
function escapeLineStart(s: string, format: DraftFormat): string {
  if (format !== "markdown") return s;
  const m = /^(\d{1,9})([.)])(?=\s|$)/.exec(s);
  if (m) return `${m[1]}\\${m[2]}${s.slice(m[0].length)}`;
  return /^(?:#|=|[-+](?=\s|$))/.test(s) ? "\\" + s : s;
}

/** Parentheses that do not pair up become brackets, so a citation's closing parenthesis stays its own. */
function balanced(s: string, format: DraftFormat): string {
  let depth = 0;
  for (const c of s.replace(/\\./g, "")) {
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) break;
  }
  if (depth === 0) return s;
  const [open, close] = format === "markdown" ? ["\\[", "\\]"] : ["[", "]"];
  return s.replace(/\(/g, open).replace(/\)/g, close);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

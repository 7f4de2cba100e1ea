// Texts built from a claim for insertion into a draft: the recorded statement, attributed (the
// replacement for a contradicted or overstated sentence), and citations (footnote and parenthetical).
// Kept plain and predictable: a writer must be able to guess what a quick fix will insert.
import type { Claim } from "./core/types.js";

/** Attribution verbs that read well before a "that" clause ("noted that …"). Others get "According to …". */
const THAT_VERBS = new Set([
  "said", "stated", "noted", "signaled", "signalled", "emphasized", "emphasised", "indicated", "suggested", "underscored",
  "reported", "warned", "claimed", "argued", "added", "explained", "insisted", "acknowledged", "announced", "confirmed",
  "predicted", "stressed", "asserted", "maintained", "observed", "wrote", "told reporters", "declared", "believes", "said again",
]);

/** Words that start a sentence but are never proper nouns, so they lose their capital mid-sentence. */
const FUNCTION_WORDS = new Set([
  "a", "an", "the", "some", "any", "this", "that", "these", "those", "it", "its", "there", "such", "all", "no", "each",
  "every", "many", "most", "several", "both", "one", "another", "other", "future", "further", "more", "less", "few",
]);

/** The recorded statement as a sentence that says who said it. */
export function attributedStatement(claim: Claim, context = ""): string {
  const text = oneLine(claim.text).replace(/\s*[.!?]*$/, "");
  const end = ".";
  if (namesSpeaker(claim)) return text + end;
  const body = lowerFirstWord(text, `${claim.text} ${claim.source.quote} ${context}`);
  const verb = oneLine(claim.verb);
  if (THAT_VERBS.has(verb.toLowerCase())) return `${oneLine(claim.speaker.name)} ${verb} that ${body}${end}`;
  return `According to ${midSentence(oneLine(claim.speaker.name))}, ${body}${end}`;
}

/** Footnote definition body: `Speaker (role), verb: "quote" — Source title, section.` */
export function footnoteCitation(claim: Claim): string {
  const s = claim.source;
  return `${oneLine(claim.speaker.name)} (${oneLine(claim.speaker.role)}), ${oneLine(claim.verb)}: "${oneLine(s.quote)}" — ${sourceName(claim)}.`;
}

/** Parenthetical citation body for plain text: `Speaker, role, Source title`. */
export function shortCitation(claim: Claim): string {
  return `${oneLine(claim.speaker.name)}, ${oneLine(claim.speaker.role)}, ${oneLine(claim.source.title)}`;
}

/** "Title, Section", or just the title when the section repeats it. */
export function sourceName(claim: Claim): string {
  const { title, section } = claim.source;
  return section && section !== title ? `${oneLine(title)}, ${oneLine(section)}` : oneLine(title);
}

function namesSpeaker(claim: Claim): boolean {
  const names = [claim.speaker.name, ...(claim.speaker.aliases ?? [])].filter((n) => n.trim());
  return names.some((n) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(n)}($|[^\\p{L}\\p{N}])`, "u").test(claim.text));
}

/**
 * Lowercases the first letter when the first word is a common word, not a name: a function word, or a
 * word the claim or its source also writes in lowercase ("future"). "Europe", "U.S.", "NATO" keep theirs.
 */
function lowerFirstWord(text: string, evidence: string): string {
  const m = /^(\p{Lu})(\p{Ll}*)(?![\p{L}.])/u.exec(text);
  if (!m) return text;
  const lower = (m[1] + m[2]).toLowerCase();
  const seenLower = new RegExp(`(^|[^\\p{L}])${escapeRegExp(lower)}($|[^\\p{L}])`, "u").test(evidence);
  return FUNCTION_WORDS.has(lower) || seenLower ? text[0].toLowerCase() + text.slice(1) : text;
}

/** "The article's reporting" → "the article's reporting" inside a sentence. */
function midSentence(name: string): string {
  return /^The\s/.test(name) ? "t" + name.slice(1) : name;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

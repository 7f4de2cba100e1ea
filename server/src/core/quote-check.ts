// Checking the words a draft sentence puts in quotation marks against the record.
//
// Words in quotation marks attributed to a speaker claim to be that speaker's own words. They are
//   - verbatim in that speaker's direct quote                → fine (the sentence's verdict stands);
//   - verbatim in the source's paraphrase of that speaker    → misquoted: not their recorded words;
//   - verbatim in another speaker's recorded words           → misattributed;
//   - not verbatim anywhere                                  → misquoted, naming the nearest wording.
// Quotations of three words or fewer are scare quotes; words attributed to the source itself
// ("according to the article") are not a speaker's words.
import type { Analysis } from "./analyze.js";
import type { ClaimIndex } from "./claim-index.js";
import { isVerbatim, nearestWording, type QuotedPart, quotedParts, SCARE_QUOTE_MAX_WORDS, wordCount, wordSpans } from "./quotes.js";
import { type NamedSpeaker, sameSpeaker } from "./speakers.js";
import type { Verdict } from "./types.js";

export interface QuoteVerdict {
  claimIndex: number;
  /** undefined: the quotation checks out, the claim's own verdict stands. */
  verdict?: Verdict;
  explanation?: string;
  part: QuotedPart;
  /** The recorded words nearest to the quotation, for a direct claim (what a fix may put in the marks). */
  recorded?: string;
  /**
   * The quotation is in nobody's recorded words and near none of them: it cannot be called a misquotation, but a
   * sentence holding it is not backed either. The verdict replaces `supported` only, never a finding's own fault.
   */
  unbacked?: true;
}

/** Nouns for the source itself: a quotation "according to the article" is the article's words. */
const SOURCE_NOUNS: ReadonlySet<string> = new Set([
  "article",
  "report",
  "story",
  "piece",
  "source",
  "text",
  "paper",
  "newspaper",
  "outlet",
  "transcript",
  "release",
]);
/** Candidates looked up through the index for a quotation's own words. */
const QUOTE_CANDIDATES = 8;

export function checkQuotes(
  text: string,
  a: Analysis,
  named: NamedSpeaker | undefined,
  /** Claims the sentence restates, best first. */
  chosen: readonly number[],
  index: ClaimIndex,
  /** Claims the sentence came close to restating without clearing the thresholds. */
  near: readonly number[] = [],
): QuoteVerdict[] {
  const parts = quotedParts(text).filter((p) => wordCount(p.words) > SCARE_QUOTE_MAX_WORDS);
  if (!parts.length || attributedToSource(a, named, index, chosen)) return [];
  const out: QuoteVerdict[] = [];
  for (const part of parts) {
    const v = checkOne(part, a, named, chosen, index, near);
    if (v) out.push(v);
  }
  return out;
}

function checkOne(
  part: QuotedPart,
  a: Analysis,
  named: NamedSpeaker | undefined,
  chosen: readonly number[],
  index: ClaimIndex,
  near: readonly number[],
): QuoteVerdict | undefined {
  const ids = candidatesFor(part, a, chosen, index);
  if (!ids.length) return undefined;
  // Whose words the draft says these are: the speaker it names, else (a pronoun, or none) the
  // speaker of the claim it restates.
  const isTheirs = (id: number) => {
    const sp = index.claims[id].claim.speaker;
    return named ? sameSpeaker(named, a.tokens, sp) : chosen.length > 0 && sp.name === index.claims[chosen[0]].claim.speaker.name;
  };
  const verbatim = ids.filter((id) => isVerbatim(part.words, recordWords(index, id)));
  const own = verbatim.filter(isTheirs);
  const direct = own.find((id) => index.claims[id].claim.quoteKind === "direct");
  if (direct !== undefined) return { claimIndex: direct, part, recorded: part.text };
  // A mixed quote: the source paraphrases the speaker but puts these very words in quotation marks inside that
  // paraphrase ("Lin says the depot is the only site that “can be built and paid for” this year"): they are the
  // speaker's words, as the source gives them.
  const mixed = own.find((id) => insideMarks(part.words, index.claims[id].claim.source.quote));
  if (mixed !== undefined) return { claimIndex: mixed, part, recorded: part.text };
  const reported = own[0];
  if (reported !== undefined) {
    const sp = index.claims[reported].claim.speaker;
    return {
      claimIndex: reported,
      verdict: "misquoted",
      explanation: `the source paraphrases ${sp.name}; these are not ${possessive(sp.name)} recorded words`,
      part,
    };
  }
  const others = verbatim[0];
  if (others !== undefined) {
    const c = index.claims[others].claim;
    const whose =
      c.quoteKind === "direct"
        ? `they are the recorded words of ${c.speaker.name} (${c.speaker.role})`
        : `the source has them as its paraphrase of ${c.speaker.name} (${c.speaker.role})`;
    const who = named
      ? a.tokens
          .slice(named.first, named.last + 1)
          .map((t) => t.text)
          .join(" ")
      : "someone else";
    return { claimIndex: others, verdict: "misattributed", explanation: `the draft gives these words to "${who}"; ${whose}`, part };
  }
  // Not verbatim anywhere: name the nearest recorded wording, preferring the claimed speaker's.
  let best: { id: number; text: string; shared: number } | undefined;
  for (const id of [...ids].sort((x, y) => Number(isTheirs(y)) - Number(isTheirs(x)))) {
    const near = nearestWording(part.words, index.claims[id].claim.source.quote);
    if (near && (!best || near.shared > best.shared)) best = { id, ...near };
  }
  // Not verbatim, and the sentence restates no claim: quoted words about something else.
  // (A near match of the named speaker's own counts: the quotation is what tips it.)
  if (
    !best ||
    !(chosen.includes(best.id) || (named && near.includes(best.id) && isTheirs(best.id))) ||
    best.shared < Math.ceil(wordCount(part.words) / 2)
  ) {
    // Words in quotation marks the record holds nowhere, in a sentence that restates a claim of the speaker they are
    // given to: not near enough any recorded wording to name it, and so not a misquotation, but not backed either.
    // A `supported` finding would vouch for them.
    const theirs = chosen.find(isTheirs);
    if (theirs === undefined) return undefined;
    return {
      claimIndex: theirs,
      verdict: "unsupported",
      explanation: "the record does not hold the words in quotation marks",
      part,
      unbacked: true,
    };
  }
  const c = index.claims[best.id].claim;
  const notes: string[] = [];
  if (c.quoteKind === "reported") notes.push(`and the source only paraphrases ${c.speaker.name}`);
  if (!isTheirs(best.id)) notes.push(`the record attributes this to ${c.speaker.name} (${c.speaker.role})`);
  return {
    claimIndex: best.id,
    verdict: "misquoted",
    explanation: [`the record says "${best.text}"`, ...notes].join("; ").replace("; and", ", and"),
    part,
    recorded: c.quoteKind === "direct" ? best.text : undefined,
  };
}

/** The claims to compare a quotation with: those the sentence restates, and those sharing its words. */
function candidatesFor(part: QuotedPart, a: Analysis, chosen: readonly number[], index: ClaimIndex): number[] {
  const inside = a.units.filter((u) => a.tokens[u.first].start >= part.start && a.tokens[u.last].end <= part.end);
  const terms = inside.flatMap((u) => index.links(u)).map((l) => ({ term: l.term, weight: l.weight }));
  const found = terms.length ? index.candidates(terms, QUOTE_CANDIDATES) : [];
  return [...new Set([...chosen, ...found])];
}

/** Are `words` verbatim inside one part of `quote` that the source itself has in quotation marks? */
function insideMarks(words: readonly string[], quote: string): boolean {
  return quotedParts(quote).some((q) => isVerbatim(words, q.words));
}

function recordWords(index: ClaimIndex, id: number): string[] {
  return wordSpans(index.claims[id].claim.source.quote).map((w) => w.word);
}

/** "according to the article", or a mention of the source's own title: the source speaks, not a person. */
function attributedToSource(a: Analysis, named: NamedSpeaker | undefined, index: ClaimIndex, chosen: readonly number[]): boolean {
  for (let i = 0; i + 2 < a.tokens.length; i++) {
    if (a.tokens[i].lower !== "according" || a.tokens[i + 1].lower !== "to") continue;
    for (let k = i + 2; k < Math.min(a.tokens.length, i + 5); k++) if (SOURCE_NOUNS.has(a.tokens[k].lemma)) return true;
  }
  if (!named) return false;
  const name = a.tokens
    .slice(named.first, named.last + 1)
    .map((t) => t.lower)
    .join(" ");
  return chosen.some((id) => index.claims[id].claim.source.title.toLowerCase() === name);
}

function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`;
}

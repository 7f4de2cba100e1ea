// Deciding what a matched sentence does to its claim, in order of how much harm it does a writer:
//   misattributed — it names a speaker other than the one on record;
//   contradicted  — a matched word is denied where the record affirms it, or the reverse
//                   (negation, a negating verb, an antonym, "un-"); or it puts an opposite of a
//                   record word, or another actor, where the record has its own;
//   overstated    — the record hedges (could, may, possible) and the sentence does not;
//   unsupported   — it adds or changes a detail (an evaluative word, an actor, a number, a date)
//                   that the record does not back;
//   supported     — it restates the record, and the record backs everything it asserts.
// (`misquoted`, about words in quotation marks, is decided in quote-check.ts.)
// Each verdict comes with a one-line explanation naming the cue that decided it.
import type { Analysis } from "./analyze.js";
import type { TermHit } from "./claim-index.js";
import type { IndexedClaim } from "./indexed-claim.js";
import { CERTAINTY_CUES, HEDGE_CUES } from "./lexicon/cues.js";
import type { NamedSpeaker } from "./speakers.js";
import type { Detail } from "./support.js";
import type { Verdict } from "./types.js";

export interface VerdictInput {
  analysis: Analysis;
  claim: IndexedClaim;
  hits: TermHit[];
  named: NamedSpeaker | undefined;
  speakerMatches: boolean | undefined;
  /** Details of the sentence the record does not back (support.ts). */
  details: Detail[];
  /** Terms whose clash another claim of the sentence explains. */
  explained?: ReadonlySet<string>;
  /**
   * The claim is a fact-checker's record of someone else's claim (reviewers.ts): it asserts nothing
   * itself, so a draft repeating it is not judged for hedging or added details, only for denying it.
   */
  reviewed?: boolean;
}

/** How far before the first matched word a hedge still governs it: "could commit", "may be weary". */
const HEDGE_LOOKBEHIND = 4;

export function decideVerdict(input: VerdictInput): { verdict: Verdict; explanation: string } {
  const { analysis: a, claim, hits, named, speakerMatches, details } = input;
  const record = claim.claim;

  if (named && speakerMatches === false) {
    const who = a.tokens
      .slice(named.first, named.last + 1)
      .map((t) => t.text)
      .join(" ");
    return {
      verdict: "misattributed",
      explanation: `the draft names "${who}"; the record attributes this to ${record.speaker.name} (${record.speaker.role})`,
    };
  }

  const clash = contradiction(input);
  if (clash) return { verdict: "contradicted", explanation: clash };
  const swap = details.find((d) => d.kind === "opposite" || d.kind === "actor-swap");
  if (swap) {
    const recordSays = swap.kind === "opposite" ? swap.recordWord : swap.kind === "actor-swap" ? swap.recordActor : "";
    return { verdict: "contradicted", explanation: `the record says "${recordSays}"; the draft says "${surfaceOf(a, swap)}"` };
  }

  if (record.hedged && !input.reviewed) {
    const first = Math.min(...hits.map((h) => h.unit.first));
    const last = Math.max(...hits.map((h) => h.unit.last));
    const hedged = a.hedges.some((i) => i >= first - HEDGE_LOOKBEHIND && i <= last);
    if (!hedged) {
      const recordHedge = hedgeWord(claim);
      const certain = a.tokens.slice(Math.max(0, first - HEDGE_LOOKBEHIND), last + 1).find((t) => CERTAINTY_CUES.has(t.lower));
      const draftSays = certain ? `"${certain.text}"` : "it as certain";
      return { verdict: "overstated", explanation: `the record says "${recordHedge}"; the draft says ${draftSays}` };
    }
  }

  const unbacked = details.filter((d) => d.kind === "unbacked");
  if (unbacked.length) {
    const words = [...new Set(unbacked.map((d) => `"${surfaceOf(a, d)}"`))];
    return { verdict: "unsupported", explanation: `the record does not say ${words.join(" or ")}` };
  }

  // The message around it already names the speaker and the claim: say only what agrees.
  const hedgeNote = record.hedged ? `, hedged as the record is ("${hedgeWord(claim)}")` : "";
  return { verdict: "supported", explanation: `restates the record${hedgeNote}` };
}

function surfaceOf(a: Analysis, d: Detail): string {
  return a.tokens
    .slice(d.unit.first, d.unit.last + 1)
    .map((t) => t.text)
    .join(" ");
}

/**
 * Matched words whose polarity differs between record and draft. Places and the negating verbs
 * themselves say nothing on their own about affirming or denying; nor does the subject of a
 * denial ("Taxes" in "Taxes will not rise").
 */
export function clashingHits(claim: IndexedClaim, hits: readonly TermHit[], explained?: ReadonlySet<string>): TermHit[] {
  return hits.filter((h) => {
    if (explained?.has(h.term)) return false;
    const t = claim.terms.get(h.term)!;
    if (t.entity || t.isCue || h.unit.isCue || t.beforeNegation || h.unit.beforeNegation) return false;
    return draftDenies(h) !== t.negated;
  });
}

/** Does the draft deny this hit's word? An antonym or "un-" word carries its own denial: "unacceptable" is "not acceptable". */
export function draftDenies(h: TermHit): boolean {
  return h.unit.negated !== h.link.flipped;
}

/** Plain negation words: "not", "n't", "no", "never" … (straight or curly apostrophe). */
const PLAIN_NEGATIONS: ReadonlySet<string> = new Set([
  "not",
  "n't",
  "n’t",
  "no",
  "never",
  "cannot",
  "nor",
  "neither",
  "none",
  "nothing",
  "nobody",
]);
/** How near its negation a word must be to be what a denial of a fact-checked claim is about. */
const REVIEWED_NEGATION_REACH = 3;

/**
 * A fact-checker's record paraphrases someone else's claim, and a draft repeating it is social or web
 * text: loose wording, negating verbs standing for other ones ("banned", "opposed" for "refused to
 * allow"), questions, negations far from the claim's words. Only a plain denial ("not", "never", "no")
 * within a few words of a matched word that is no proper name, in a sentence that asserts (no
 * question), says the draft denies what the record claims, or the reverse.
 */
function plainClash(h: TermHit, claim: IndexedClaim, a: Analysis): boolean {
  const t = claim.terms.get(h.term)!;
  const tok = a.tokens[h.unit.first];
  if (tok.pos === "PROPN" || h.link.flipped) return false;
  if (inQuestion(a, h.unit.last)) return false;
  const draftSide = h.unit.negated && PLAIN_NEGATIONS.has(cueWord(h.unit.negatedBy)) && h.unit.negationDistance <= REVIEWED_NEGATION_REACH;
  const recordSide = t.negated && PLAIN_NEGATIONS.has(cueWord(t.negatedBy)) && t.negationDistance <= REVIEWED_NEGATION_REACH;
  return draftSide !== recordSide && (h.unit.negated ? draftSide : recordSide);
}

function cueWord(cue: string | undefined): string {
  return (cue ?? "").toLowerCase().split(/\s+/)[0] ?? "";
}

/** Does the sentence holding token `i` end with a question mark? */
function inQuestion(a: Analysis, i: number): boolean {
  for (let k = i + 1; k < a.tokens.length; k++) {
    const t = a.tokens[k].text;
    if (t === "?") return true;
    if (t === "." || t === "!") return false;
  }
  return false;
}

/** A matched word whose polarity differs between record and draft, as an explanation. */
function contradiction({ analysis, claim, hits, explained, reviewed }: VerdictInput): string | undefined {
  let clashes = clashingHits(claim, hits, explained);
  if (reviewed) clashes = clashes.filter((h) => plainClash(h, claim, analysis));
  if (!clashes.length) return undefined;
  // Name the word a negation is about — the nearest to its cue ("not … acceptable", not "not … include").
  const nearness = (c: TermHit) => (c.link.flipped ? -1 : Math.min(claim.terms.get(c.term)!.negationDistance, c.unit.negationDistance));
  const h = clashes.reduce((best, c) => (nearness(c) < nearness(best) ? c : best));
  const t = claim.terms.get(h.term)!;
  const recordSays = t.negated ? `${t.negatedBy ?? "not"} … ${t.surface}` : t.surface;
  const draftSays = h.unit.negated ? `${h.unit.negatedBy} … ${h.unit.surface}` : h.unit.surface;
  return `the record says "${recordSays}"; the draft says "${draftSays}"`;
}

function hedgeWord(claim: IndexedClaim): string {
  const a = claim.analysis;
  const fromText = a.hedges.map((i) => a.tokens[i].text)[0];
  if (fromText) return fromText;
  const quoteHedge = claim.claim.source.quote.split(/\s+/).find((w) => HEDGE_CUES.has(w.toLowerCase()));
  return quoteHedge ?? "may";
}

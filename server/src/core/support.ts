// Is what a sentence asserts backed by the record? A sentence that restates a claim may still
// change one detail of it: an evaluative word ("a reasonable step" for "a step too far"), an
// actor in a role ("driven by the United States" for "by European allies"), a number or a date.
// Such a sentence is not `supported`. This file finds the details a sentence adds or changes:
//   - an opposite of a claim word the sentence did not repeat (WordNet antonyms, direct or
//     through their similar-to clusters: "minor" against "central") → contradicted;
//   - an actor the record does not name, standing where the record names another → contradicted;
//   - any other evaluative word, actor, number or date the record does not back → unsupported.
// Nouns and verbs the writer adds ("to police a ceasefire") are the writer's own clause and are
// left alone: they are where paraphrase lives, and flagging them would bury the real findings.
import { analyze, type Analysis, termOf, type Unit } from "./analyze.js";
import type { IndexedClaim } from "./indexed-claim.js";
import { FRAME_LEMMAS } from "./lexicon/cues.js";
import type { Lexicon, Pos } from "./lexicon/lexicon.js";
import type { Nlp } from "./nlp.js";

/** Adverbs that change how much or how often a claim holds: grammar, not topic. */
const DEGREE_ADVERBS: ReadonlySet<string> = new Set([
  "only",
  "merely",
  "barely",
  "hardly",
  "scarcely",
  "slightly",
  "partly",
  "partially",
  "largely",
  "mostly",
  "fully",
  "entirely",
  "completely",
  "totally",
  "solely",
  "exclusively",
  "rarely",
  "seldom",
  "always",
  "sometimes",
  "occasionally",
  "never",
  "wholly",
  "somewhat",
]);
/** Adjectives that quantify or point rather than evaluate. */
const NEUTRAL_ADJECTIVES: ReadonlySet<string> = new Set([
  "such",
  "other",
  "same",
  "own",
  "many",
  "several",
  "more",
  "most",
  "much",
  "few",
  "various",
  "whole",
  "certain",
  "further",
  "additional",
  "similar",
  "different",
  "overall",
  "particular",
  "specific",
  "respective",
  "next",
  "last",
  "first",
  "former",
  "latter",
  "previous",
  "current",
  "present",
]);

/** What the record says for one claim, as terms, read once per claim. */
export interface RecordVocabulary {
  /** Terms of the claim text and of its quote. */
  terms: Set<string>;
  /** Terms WordNet relates to the record's words (synonyms, similar adjectives, derived forms). */
  related: Set<string>;
  /** Adjectives and adverbs of the record, for opposites. */
  evaluative: { lower: string; lemma: string; pos: Pos }[];
  /** The record's actor units (places, organisations, people), in claim-text order. */
  actors: Unit[];
  analysis: Analysis;
  /**
   * Terms of the rest of the claim's source sentence (ClaimSource.frame: the quotes of its claims blanked): when,
   * where, who the speaker is. The source says them, so they back a draft's date, actor or description, exactly
   * (no WordNet relatives) — but never a number, and never an actor standing where the record names another.
   */
  frame: Set<string>;
}

export type Detail =
  | { kind: "opposite"; unit: Unit; recordWord: string }
  | { kind: "actor-swap"; unit: Unit; recordActor: string }
  | { kind: "unbacked"; unit: Unit };

const WN_POS: Readonly<Record<string, Pos>> = { ADJ: "adj", ADV: "adv", NOUN: "noun", VERB: "verb", PROPN: "noun" };

export function recordVocabulary(claim: IndexedClaim, lexicon: Lexicon, nlp: Nlp): RecordVocabulary {
  const quote = analyze(nlp, claim.claim.source.quote);
  const terms = new Set<string>([...claim.terms.keys()]);
  const evaluative: RecordVocabulary["evaluative"] = [];
  const related = new Set<string>();
  for (const a of [claim.analysis, quote]) {
    for (const u of a.units) {
      terms.add(u.term);
      terms.add(termOf(u.lemma));
      const pos = WN_POS[u.pos];
      if (!pos || u.first !== u.last) continue;
      if (pos === "adj" || pos === "adv") evaluative.push({ lower: u.lower, lemma: u.lemma, pos });
      for (const w of new Set([u.lower, u.lemma])) for (const r of lexicon.related(w, pos)) related.add(termOf(r.word));
    }
  }
  const actors = claim.analysis.units.filter((u) => isActor(u, claim.analysis));
  const frame = new Set<string>();
  const frameText = claim.claim.source.frame;
  if (frameText) {
    for (const u of analyze(nlp, frameText).units) {
      frame.add(u.term);
      frame.add(termOf(u.lemma));
    }
  }
  return { terms, related, evaluative, actors, analysis: claim.analysis, frame };
}

/** Places, organisations and named people: the alias table's entities, or proper nouns. */
export function isActor(u: Unit, a: Analysis): boolean {
  if (a.tokens.slice(u.first, u.last + 1).some((t) => t.temporal)) return false;
  if (u.entity) return true;
  // A capitalised first word is not evidence of a name.
  return u.first === u.last && u.pos === "PROPN" && u.first > 0;
}

/** Is a sentence unit a detail that the record must back? */
export function isDetail(u: Unit, a: Analysis): "evaluative" | "actor" | "number" | "date" | undefined {
  if (u.isHedge || u.isCue || (u.first !== u.last && !u.entity) || FRAME_LEMMAS.has(u.lemma)) return undefined;
  const t = a.tokens[u.first];
  if (t.temporal) return t.pos === "PROPN" || t.pos === "NUM" ? "date" : undefined;
  if (isActor(u, a)) return "actor";
  if (t.pos === "NUM") return "number";
  if (t.pos === "ADJ" && !NEUTRAL_ADJECTIVES.has(t.lower)) return "evaluative";
  if (t.pos === "ADV" && DEGREE_ADVERBS.has(t.lower)) return "evaluative";
  return undefined;
}

/**
 * The details of a sentence that the record does not back, for one claim.
 * `accounted` holds the token indices the chosen claims' matched words cover, and the speaker.
 * `reached` is the set of this claim's terms the sentence reaches.
 */
export function unbackedDetails(
  a: Analysis,
  record: RecordVocabulary,
  accounted: ReadonlySet<number>,
  reached: ReadonlySet<string>,
  lexicon: Lexicon,
  /** Units of the sentence matched to this claim, token index → the claim term they matched. */
  hitAt: ReadonlyMap<number, string>,
): Detail[] {
  const out: Detail[] = [];
  for (const u of a.units) {
    // "Europe, not Washington, …": a contrast the sentence draws asserts nothing the record must
    // back. (A detail further inside a denial, "without placing German boots", still counts.)
    if (accounted.has(u.first) || (u.negated && u.negationDistance <= 1 && /^not$/i.test(u.negatedBy ?? ""))) continue;
    const kind = isDetail(u, a);
    if (!kind) continue;
    if (record.terms.has(u.term) || record.terms.has(termOf(u.lemma))) continue;
    const inFrame = kind !== "number" && (record.frame.has(u.term) || record.frame.has(termOf(u.lemma)));
    if (kind === "actor") {
      const swapped = swappedActor(u, a, record, reached, hitAt);
      if (swapped) out.push({ kind: "actor-swap", unit: u, recordActor: swapped });
      else if (!inFrame) out.push({ kind: "unbacked", unit: u });
      continue;
    }
    if (inFrame) continue;
    if (kind === "evaluative") {
      const pos = WN_POS[u.pos];
      const mine = new Set([u.lower, u.lemma]);
      const rel = [...mine].flatMap((w) => lexicon.related(w, pos).map((r) => r.word));
      if (record.related.has(u.term) || rel.some((w) => record.terms.has(termOf(w)) || record.related.has(termOf(w)))) continue;
      const opposite = oppositeOf([...mine, ...rel], record, reached, lexicon);
      out.push(opposite ? { kind: "opposite", unit: u, recordWord: opposite } : { kind: "unbacked", unit: u });
      continue;
    }
    out.push({ kind: "unbacked", unit: u });
  }
  return out;
}

/** A record adjective or adverb the sentence did not repeat, of which one of `words` is an opposite. */
function oppositeOf(words: string[], record: RecordVocabulary, reached: ReadonlySet<string>, lexicon: Lexicon): string | undefined {
  if (!lexicon.opposites) return undefined;
  for (const r of record.evaluative) {
    if (reached.has(termOf(r.lemma))) continue;
    const theirs = new Set([r.lower, r.lemma, ...lexicon.related(r.lower, r.pos).map((x) => x.word)]);
    for (const w of words) {
      for (const o of lexicon.opposites(w, r.pos)) if (theirs.has(o.word)) return r.lower;
    }
  }
  return undefined;
}

/**
 * The record's actor that a sentence's unbacked actor stands in for: the record names an actor
 * the sentence does not, next to the same matched word ("driven primarily by European allies" /
 * "driven primarily by the United States").
 */
function swappedActor(
  u: Unit,
  a: Analysis,
  record: RecordVocabulary,
  reached: ReadonlySet<string>,
  hitAt: ReadonlyMap<number, string>,
): string | undefined {
  const missing = record.actors.filter((x) => !reached.has(x.term));
  if (!missing.length) return undefined;
  // The nearest matched word in the sentence, and where its term stands in the claim.
  let anchor: { term: string; distance: number; before: boolean } | undefined;
  for (const [i, term] of hitAt) {
    const d = Math.abs(i - u.first);
    if (!anchor || d < anchor.distance) anchor = { term, distance: d, before: i < u.first };
  }
  const claimUnits = record.analysis.units;
  const anchorAt = anchor ? claimUnits.findIndex((x) => x.term === anchor!.term) : -1;
  let best = missing[0];
  if (anchorAt >= 0) {
    const pos = claimUnits[anchorAt].first;
    best = missing.reduce((b, x) => (Math.abs(x.first - pos) < Math.abs(b.first - pos) ? x : b));
  }
  // "European allies": the actor with the noun it qualifies.
  const next = record.analysis.tokens[best.last + 1];
  const withNoun = next && (next.pos === "NOUN" || next.pos === "PROPN") && !reached.has(termOf(next.lemma));
  return withNoun ? `${best.surface} ${next.text}` : best.surface;
}

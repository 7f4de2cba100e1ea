// Matching one draft sentence against the claims: retrieve candidates through the index,
// score how much of each claim the sentence restates, keep the best (and any further claim
// the sentence restates with other words of its own), then decide each one's verdict.
import { analyze, type Analysis } from "./analyze.js";
import type { ClaimIndex, TermHit, TermLink } from "./claim-index.js";
import type { WeightedTerm } from "./candidate-scores.js";
import type { IndexedClaim } from "./indexed-claim.js";
import { FRAME_LEMMAS } from "./lexicon/cues.js";
import { checkQuotes } from "./quote-check.js";
import { REPEATS_SOURCE, repeatsSource } from "./repeats-source.js";
import { findNamedSpeaker, type NamedSpeaker, sameSpeaker, type SpeakerDirectory } from "./speakers.js";
import type { Claim, Verdict } from "./types.js";
import { unbackedDetails } from "./support.js";
import { clashingHits, decideVerdict, draftDenies } from "./verdict.js";
import { type CandidateFeatureInput, featureVector, PASSAGE_ACCEPT, PASSAGE_CANDIDATES, restatementProbability } from "./calibration.js";
import { type GramVector, gramOverlap, gramVector } from "./char-grams.js";
import { leaderChance, posterShare, posterWords, rankScore, rankVector, RESTATEMENT_MODEL, runnerUpChance } from "./restatement-model.js";
import { type MeaningBag, meaningBag, softCoverage, type WordVectors } from "./word-vectors.js";

/** A sentence's match with one claim, offsets relative to the sentence. */
export interface SentenceMatch {
  claimIndex: number;
  verdict: Verdict;
  score: number;
  explanation: string;
  namedSpeaker?: { name: string; start: number; end: number };
  /** Words in quotation marks this match checked, offsets relative to the sentence (see Finding.quoted). */
  quoted?: { start: number; end: number; open: number; close: number; recorded?: string };
  /** Share of the claim the sentence reaches, and share of the sentence the claim accounts for. */
  coverage: number;
  precision: number;
}

export interface MatchTuning {
  /** Candidates scored in full after the index's first cut. */
  candidates: number;
  /** Least score (0..1), the mean of coverage and precision, for a claim to count as restated. */
  threshold: number;
  /** Least share of the claim's weight the sentence must reach: a sentence may restate part of a claim. */
  minCoverage: number;
  /** Least share of the sentence's own content the claim must account for. */
  minPrecision: number;
}

export const DEFAULT_TUNING: MatchTuning = { candidates: 12, threshold: 0.45, minCoverage: 0.25, minPrecision: 0.35 };

/**
 * What the matcher needs to know about the loaded claims beyond the index (built once per engine by
 * the FactChecker; see reviewers.ts and section-terms.ts).
 */
export interface MatchContext {
  /** Speakers (by name) that stand for a fact-checker, not a claimant: names in a draft are what their claims are about. */
  reviewers: ReadonlySet<string>;
  /** The terms of claim `id`'s section (an article's title, for a fact-check feed), with their weights. */
  sectionTerms(id: number): ReadonlyMap<string, number>;
  /** Claims whose sections share the most with these terms, best first (section-terms.ts, SectionIndex). */
  sectionCandidates?(terms: ReadonlySet<string>, k: number): number[];
  /** Claim `id`'s adjacent term pairs (termPairs of its analysis), kept once computed. */
  claimPairs?(id: number): ReadonlySet<string>;
  /** Claim `id`'s character 4-grams, of its text and section (char-grams.ts), kept once computed. */
  claimGrams?(id: number): GramVector;
  /** Word vectors (word-vectors.ts), when the lexicon has them: the reviewed-claim ranking compares meanings. */
  wordVectors?: WordVectors;
  /** Claim `id`'s content words with their vectors (meaningBag of its text), kept once computed. */
  claimMeaning?(id: number): MeaningBag;
}

/** The character 4-grams the reviewed-claim model compares a text with: the claim's text and its section title. */
export function claimGramText(claim: Claim): string {
  return `${claim.text} ${claim.source.section ?? ""}`;
}

/** Least claim terms a passage-level match shares (see matchPassage). */
export const PASSAGE_MIN_HITS = 3;
/**
 * Least claim terms a passage shares with a reviewed claim it is reported to repeat (one of them not a name
 * or place). The learned model ranks every candidate (a right claim that shares one rare word with a post
 * still helps it rank the others), but one shared word is no evidence of a restatement in a database of
 * any size.
 */
export const REVIEWED_MIN_HITS = 2;
/** Least of a passage-level match's shared terms that are not names or places: for a claim of what people said, and for a reviewed one. */
export const PASSAGE_MIN_CONCEPTS = PASSAGE_MIN_HITS - 1;
export const REVIEWED_MIN_CONCEPTS = 1;

export const NO_CONTEXT: MatchContext = { reviewers: new Set(), sectionTerms: () => new Map() };

/**
 * Is this claim a fact-checker's record (reviewers.ts)? A claim with a review always is, whoever else
 * of that name another loaded database quotes; otherwise its speaker decides.
 */
function isRecordOfReview(ctx: Pick<MatchContext, "reviewers">, claim: Claim): boolean {
  return claim.review !== undefined || ctx.reviewers.has(claim.speaker.name);
}

/** A text analysed against the index, ready to score candidates. */
interface Prepared {
  a: Analysis;
  named: NamedSpeaker | undefined;
  links: TermLink[][];
  speakerTokens: Set<number>;
  /** The sentence's content weight without the named speaker, and with it (for a reviewer's claims, names are content). */
  weight: number;
  weightWithNames: number;
  /** The sentence's terms (its own and those its words link to), for section overlap (made on first use). */
  readonly terms: Set<string>;
  /** Its adjacent term pairs, for phrase overlap (made on first use). */
  readonly pairs: Set<string>;
  /** At least the number of those pairs, counted without making them (termPairsBound). */
  readonly pairsBound: number;
  speakers: SpeakerDirectory;
}

function prepare(text: string, index: ClaimIndex, speakers: SpeakerDirectory, analysis?: Analysis): Prepared | undefined {
  const a = analysis ?? analyze(index.nlp, text, index.spellFix);
  if (!a.units.length) return undefined;
  const named = findNamedSpeaker(a.tokens, speakers);
  const links = a.units.map((u) => index.links(u));
  const speakerTokens = speakers.knownMentions(a.tokens);
  // The terms and pairs are read only for candidates that get features, or a passage's section candidates: most
  // sentences checked against a large database have none, so they are made on first use.
  let terms: Set<string> | undefined;
  let pairs: Set<string> | undefined;
  let pairsBound: number | undefined;
  const weight = contentWeight(a, links, index, named, speakerTokens);
  return {
    a,
    named,
    links,
    speakerTokens,
    weight,
    // Without a named speaker the two weights are one sum (contentWeight with the same arguments): made once.
    weightWithNames: named ? contentWeight(a, links, index, undefined, speakerTokens) : weight,
    get terms() {
      return (terms ??= contentTerms(a, links, speakerTokens));
    },
    get pairs() {
      return (pairs ??= termPairs(a, links));
    },
    get pairsBound() {
      return (pairsBound ??= termPairsBound(a, links));
    },
    speakers,
  };
}

/** A text's content terms: its own and those its words link to, without hedges, frames and known speakers' names. */
function contentTerms(a: Analysis, links: TermLink[][], speakerTokens: Set<number>): Set<string> {
  const terms = new Set<string>();
  a.units.forEach((u, k) => {
    if (u.isHedge || FRAME_LEMMAS.has(u.lemma) || speakerTokens.has(u.first)) return;
    terms.add(u.term);
    for (const l of links[k]) terms.add(l.term);
  });
  return terms;
}

/** The index's first cut, then every candidate scored, with its calibrated probability. */
function scoreCandidates(
  p: Prepared,
  index: ClaimIndex,
  ctx: MatchContext,
  k: number,
  poster?: string,
  /**
   * Only these candidates get features and a probability (the others' are never read): all when absent. Given the
   * candidate's features but the shared pairs, to read if it needs them.
   */
  wanted?: (s: Scored, input: () => Omit<CandidateFeatureInput, "pairs">) => boolean,
  /**
   * Only candidates whose sketch (what they hold of the text, counted before scoring) this accepts are scored and
   * returned, for a caller that reads no other (matchSentence, matchPassage); their places still count in the
   * others' retrievalRank. All when absent.
   */
  keep?: (s: Sketch) => boolean,
): Scored[] {
  // A link is a weighted term as the first cut reads one (term, weight): no copy of each.
  const query: readonly WeightedTerm[] = p.links.flat();
  const shortlist = index.candidates(query, k);
  const have = new Set(shortlist);
  // Titles name a story in words its claim may not use: a few candidates come through them.
  if (ctx.sectionCandidates && k >= PASSAGE_CANDIDATES) {
    for (const id of ctx.sectionCandidates(p.terms, Math.ceil(k / 3))) {
      if (have.has(id)) continue;
      shortlist.push(id);
      have.add(id);
    }
  }
  // A fact-check about a post often names who posted it, a name the post itself need not use: a few
  // reviewed claims come through the text's words and the poster's together (restatement-model.ts, posterWords).
  if (poster) {
    const named = analyze(index.nlp, poster, index.spellFix).units.flatMap((u) => index.links(u));
    if (named.length) {
      const extra = index.candidates([...query, ...named], Math.ceil(k / 3));
      for (const id of extra) {
        if (have.has(id) || !isRecordOfReview(ctx, index.claims[id].claim)) continue;
        shortlist.push(id);
        have.add(id);
      }
    }
  }
  // Candidates share speakers, and drafts their mentions: whether the text's named speaker is one is a pure test,
  // remembered per mention and speaker (speakers.ts, SpeakerTests).
  const isNamed = p.named ? p.speakers.tests.forMention(p.named, p.a.tokens) : undefined;
  const scored: Scored[] = [];
  const reach = keep && new Reach(p, index);
  for (let r = 0; r < shortlist.length; r++) {
    const id = shortlist[r];
    const claim = index.claims[id];
    const reviewer = isRecordOfReview(ctx, claim.claim);
    // A fact-checker's claim is not anyone's words: the people a draft names are what it is about.
    const named = reviewer ? undefined : p.named;
    if (reach && !keep(sketch(id, claim, reach, named, reviewer, index, isNamed))) continue;
    const s = score(id, claim, p.a, p.links, index, reviewer ? p.weightWithNames : p.weight, named, isNamed);
    s.reviewer = reviewer;
    s.retrievalRank = r;
    scored.push(s);
  }
  for (const s of scored) {
    let input: Omit<CandidateFeatureInput, "pairs"> | undefined;
    if (!wanted || wanted(s, () => (input ??= featureInput(s, p, index, ctx)))) calibrate(s, p, index, ctx, input);
  }
  return scored;
}

/** A scored candidate's features (calibration.ts) but the shared pairs, the one that needs the claim's pairs made. */
function featureInput(s: Scored, p: Prepared, index: ClaimIndex, ctx: MatchContext): Omit<CandidateFeatureInput, "pairs"> {
  const unit = Math.log(1 + (index.size + 0.5) / 0.5);
  // The share of the claim's section the text reaches: read by the features alone.
  const sec = sectionReach(p.terms, ctx.sectionTerms(s.id));
  return {
    coverage: s.coverage,
    precision: s.precision,
    section: sec.share,
    sectionRare: sec.reached / unit,
    hits: s.hits.length,
    conceptHits: s.conceptHits,
    properHits: s.hits.filter((h) => h.unit.entity || p.a.tokens[h.unit.first].pos === "PROPN").length,
    reachedRare: s.reached / unit,
    maxHit: Math.max(0, ...s.hits.map((h) => index.idf(h.term))) / unit,
    retrievalRank: s.retrievalRank,
  };
}

/** Gives a scored candidate its features and calibrated probability (`input`: its featureInput, when made). */
function calibrate(
  s: Scored,
  p: Prepared,
  index: ClaimIndex,
  ctx: MatchContext,
  input: Omit<CandidateFeatureInput, "pairs"> = featureInput(s, p, index, ctx),
): void {
  const pairs = sharedPairs(p.pairs, ctx.claimPairs?.(s.id) ?? termPairs(s.claim.analysis));
  s.features = featureVector({ ...input, pairs });
  s.probability = restatementProbability(s.features);
  s.calibrated = true;
}

/**
 * Can a candidate with these features (all but the shared pairs) reach a calibrated probability of `accept`? The
 * pairs shared are at least none and at most the text's own pairs (each counted once, and each must be the text's;
 * counted without making them, pairsBound), and the probability is monotone in them — in floating point too, each step being monotone — so the larger of
 * the two ends bounds it.
 */
function mayReach(input: Omit<CandidateFeatureInput, "pairs">, p: Prepared, accept: number): boolean {
  return (
    restatementProbability(featureVector({ ...input, pairs: 0 })) >= accept ||
    restatementProbability(featureVector({ ...input, pairs: p.pairsBound })) >= accept
  );
}

/**
 * What a candidate holds of a text, counted from the index's packed terms before it is scored: exactly score()'s
 * number of hits and of hits that are not names or places, its speaker test, and its coverage up to rounding —
 * score() adds the same idf × weight products in another order, so `coverage` is raised by a relative 1e-9, more
 * than that can change them. A rule that only asks for enough of these is passed by every candidate whose score()
 * would pass it.
 */
export interface Sketch {
  reviewer: boolean;
  hits: number;
  conceptHits: number;
  /** At least score()'s coverage. */
  coverage: number;
  speakerMatches: boolean | undefined;
  /** The claim's number of distinct terms. */
  terms: number;
}

/** Relative slack of a sketch's coverage over score()'s: sums of a few dozen products in another order differ by far less. */
const SKETCH_SLACK = 1e-9;

/** A text's reach by term number (ClaimIndex.reachOfLinks): of all its words, and of those outside the named speaker. */
class Reach {
  private all: Map<number, number> | undefined;
  private outside: Map<number, number> | undefined;
  constructor(
    private readonly p: Prepared,
    private readonly index: ClaimIndex,
  ) {}

  /** The reach score() reads with `named`: the words of the named speaker's mention are not content. */
  of(named: NamedSpeaker | undefined): Map<number, number> {
    if (!named) return (this.all ??= this.index.reachOfLinks(this.p.links.flat()));
    if (!this.outside) {
      const units = this.p.a.units;
      this.outside = this.index.reachOfLinks(
        this.p.links.filter((_, k) => !(units[k].first >= named.first && units[k].last <= named.last)).flat(),
      );
    }
    return this.outside;
  }
}

/** A candidate's sketch, as score() would weigh it (the speaker's weight on the claim's side, and reached when it is the claim's). */
function sketch(
  id: number,
  claim: IndexedClaim,
  reach: Reach,
  named: NamedSpeaker | undefined,
  reviewer: boolean,
  index: ClaimIndex,
  isNamed: ((speaker: Claim["speaker"]) => boolean) | undefined,
): Sketch {
  const r = index.reachOf(id, reach.of(named));
  let reached = r.weight;
  let claimWeight = claim.weight;
  let speakerMatches: boolean | undefined;
  if (named) {
    speakerMatches = isNamed!(claim.claim.speaker);
    const w = index.idf(claim.speakerTerm);
    claimWeight += w;
    if (speakerMatches) reached += w;
  }
  return {
    reviewer,
    hits: r.terms,
    conceptHits: r.concepts,
    coverage: claimWeight > 0 ? Math.min(1, (reached * (1 + SKETCH_SLACK)) / claimWeight) : 0,
    speakerMatches,
    terms: index.termCount(id),
  };
}

/**
 * Each candidate of a text's first cut: its sketch beside what score() makes of it (for the test that holds the
 * two together, server/test/candidate-sketch.test.ts).
 * @internal
 */
export function sketchesOf(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  ctx: MatchContext = NO_CONTEXT,
  k: number = PASSAGE_CANDIDATES,
): { id: number; sketch: Sketch; scored: Sketch }[] {
  const p = prepare(text, index, speakers);
  if (!p) return [];
  const reach = new Reach(p, index);
  const isNamed = p.named ? p.speakers.tests.forMention(p.named, p.a.tokens) : undefined;
  return index.candidates(p.links.flat(), k).map((id) => {
    const claim = index.claims[id];
    const reviewer = isRecordOfReview(ctx, claim.claim);
    const named = reviewer ? undefined : p.named;
    const s = score(id, claim, p.a, p.links, index, reviewer ? p.weightWithNames : p.weight, named, isNamed);
    const scored = {
      reviewer,
      hits: s.hits.length,
      conceptHits: s.conceptHits,
      coverage: s.coverage,
      speakerMatches: s.speakerMatches,
      terms: claim.terms.size,
    };
    return { id, sketch: sketch(id, claim, reach, named, reviewer, index, isNamed), scored };
  });
}

/** Can a candidate with these (at most) restate the sentence: enough of the claim, and words enough that it is not chance? */
function viableWith(
  tuning: MatchTuning,
  coverage: number,
  hits: number,
  conceptHits: number,
  speakerMatches: boolean | undefined,
  terms: number,
): boolean {
  return (
    coverage >= tuning.minCoverage &&
    // Two shared words can be chance ("role", "supportive"); three, or two and the speaker, rarely are.
    (hits >= Math.min(3, terms) || (hits >= 2 && speakerMatches === true)) &&
    conceptHits >= 1
  );
}

/** Adjacent content-word pairs of a text ("olive garden", "minecraft shut"), as terms, for phrase overlap. */
export function termPairs(a: Analysis, links?: TermLink[][]): Set<string> {
  const out = new Set<string>();
  const kept: number[] = [];
  a.units.forEach((u, k) => {
    if (!u.isHedge && !FRAME_LEMMAS.has(u.lemma)) kept.push(k);
  });
  const termsAt = (k: number) => [a.units[k].term, ...(links ? links[k].map((l) => l.term) : [])];
  for (let i = 0; i + 1 < kept.length; i++) {
    const right = termsAt(kept[i + 1]);
    for (const x of termsAt(kept[i])) for (const y of right) out.add(`${x} ${y}`);
  }
  return out;
}

/** At least termPairs(a, links).size: the pairs it would make, counted (a pair made twice counts twice). */
export function termPairsBound(a: Analysis, links: TermLink[][]): number {
  let n = 0;
  let prev = -1;
  a.units.forEach((u, k) => {
    if (u.isHedge || FRAME_LEMMAS.has(u.lemma)) return;
    // termPairs' terms of a unit: its own and its links' (the exact link is its own term).
    const here = links[k].length + (links[k].some((l) => l.term === u.term) ? 0 : 1);
    if (prev >= 0) n += prev * here;
    prev = here;
  });
  return n;
}

/** How many adjacent word pairs of the claim the text also has side by side. */
function sharedPairs(textPairs: ReadonlySet<string>, claimPairs: ReadonlySet<string>): number {
  let n = 0;
  for (const pair of claimPairs) if (textPairs.has(pair)) n++;
  return n;
}

/** Share of a claim's section weight the text reaches, and that weight. */
function sectionReach(terms: ReadonlySet<string>, section: ReadonlyMap<string, number>): { share: number; reached: number } {
  let all = 0;
  let hit = 0;
  for (const [t, w] of section) {
    all += w;
    if (terms.has(t)) hit += w;
  }
  return { share: all > 0 ? hit / all : 0, reached: hit };
}

export function matchSentence(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  tuning: MatchTuning = DEFAULT_TUNING,
  ctx: MatchContext = NO_CONTEXT,
  /** The text's analysis, when the caller has it (`analyzeText`). */
  analysis?: Analysis,
): SentenceMatch[] {
  const p = prepare(text, index, speakers, analysis);
  if (!p) return [];
  const { a, named, links, speakerTokens } = p;
  const sentenceWeight = p.weight;
  const isViable = (s: Scored) => viableWith(tuning, s.coverage, s.hits.length, s.conceptHits, s.speakerMatches, s.claim.terms.size);
  // Only viable candidates are read past this point: the others are not scored (their sketch shows they cannot be).
  const scored = scoreCandidates(
    p,
    index,
    ctx,
    tuning.candidates,
    undefined,
    () => false,
    (k) => viableWith(tuning, k.coverage, k.hits, k.conceptHits, k.speakerMatches, k.terms),
  );
  let viable = scored.filter(isViable);
  // A sentence that names a speaker restates that speaker's claims when any of them matches:
  // others with the same words are theirs, not a misattribution.
  if (viable.some((s) => s.speakerMatches === true && passes(s, s.precision, tuning)))
    viable = viable.filter((s) => s.speakerMatches !== false);
  explainDenials(viable);
  // A draft that names the claim's own speaker points at that speaker's claims first.
  viable.sort((x, y) => y.rank - x.rank);

  const chosen = selectClaims(viable, a, links, index, sentenceWeight, tuning);
  // Only the chosen claims' probabilities are read (their findings' scores): the rest are never calibrated.
  for (const s of chosen) calibrate(s, p, index, ctx);
  const out = decideAll(chosen, p, index, text);
  // Words in quotation marks are checked against the speaker's recorded words; a fact-checker's record
  // holds none of anyone's (reviewers.ts), so its matches keep their verdicts.
  const reviewed = out.filter((m) => isRecordOfReview(ctx, index.claims[m.claimIndex].claim));
  const spoken = out.filter((m) => !reviewed.includes(m));
  const repeats = markRepeats(spoken, text, index);
  applyQuoteChecks(
    spoken,
    text,
    a,
    named,
    index,
    viable.filter((s) => !s.reviewer).map((s) => s.id),
    ctx,
    repeats,
  );
  void speakerTokens;
  return [...spoken, ...reviewed];
}

/** A text analysed as the matcher reads it (typos corrected to the claims' words). */
export function analyzeText(text: string, index: ClaimIndex): Analysis {
  return analyze(index.nlp, text, index.spellFix);
}

/** A match found for a whole passage (paragraph, tweet): offsets relative to the passage text. */
export interface PassageMatch extends SentenceMatch {
  /** Where the words the claim reaches stand in the passage: the finding goes on the sentences holding them. */
  reach: { start: number; end: number };
}

/**
 * The claim a passage as a whole restates, when its sentences, read one by one, found none: a tweet
 * cut into fragments, a long claim repeated in part across sentences. Among claims of what people said,
 * the passage's best candidate is taken when its calibrated probability reaches `accept`, and a second one
 * only when it is as likely. Reviewed claims (a fact-checker's records) are decided by the learned model
 * (restatement-model.ts, chooseReviewed). Claims in `found` (those its sentences already restate) are not
 * reported again.
 */
export function matchPassage(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  ctx: MatchContext,
  found: ReadonlySet<number>,
  accept: number = PASSAGE_ACCEPT,
  k: number = PASSAGE_CANDIDATES,
  /** The passage's analysis, when the caller has it (passage-analysis.ts, joinAnalyses). */
  analysis?: Analysis,
  /** Who posted it, when it is a pasted post with a trailer (NormalisedText.poster). */
  poster?: string,
): PassageMatch[] {
  const p = prepare(text, index, speakers, analysis);
  if (!p) return [];
  // A claim of what people said is only read with PASSAGE_MIN_HITS shared terms (chooseByRules): the others are not
  // scored. Reviewed ones are all ranked (the runner-up's score decides the leader's chance).
  // Of those, a claim of what people said is only read when its probability reaches `accept` (chooseByRules): the
  // others are not calibrated.
  const all = scoreCandidates(
    p,
    index,
    ctx,
    k,
    poster,
    (s, input) => s.reviewer || mayReach(input(), p, accept),
    (s) => s.reviewer || enoughForRules(s),
  )
    // Fragments carry no speaker cue of their own: a passage-level match is never a misattribution;
    // a claim of another speaker than the one named is left to the sentences.
    .filter((s) => s.speakerMatches !== false);
  // Reviewed claims (a fact-checker's records) are decided by the learned model; the others by the rules below.
  const chosen = [
    ...chooseByRules(
      all.filter((s) => !s.reviewer && s.calibrated),
      found,
      accept,
    ),
    ...chooseReviewed(
      all.filter((s) => s.reviewer),
      p,
      ctx,
      found,
      poster,
    ),
  ];
  return decideAll(chosen, p, index, text).map((m, i) => {
    const hits = chosen[i].hits;
    const start = Math.min(...hits.map((h) => p.a.tokens[h.unit.first].start));
    const end = Math.max(...hits.map((h) => p.a.tokens[h.unit.last].end));
    return { ...m, reach: { start, end } };
  });
}

/**
 * A whole passage has words enough to share three with the claim it restates, two of them not names or places:
 * fewer is a shared topic ("Russian and Ukrainian delegations met"), not a restatement.
 */
function enoughForRules(s: { hits: number; conceptHits: number }): boolean {
  return s.hits >= PASSAGE_MIN_HITS && s.conceptHits >= PASSAGE_MIN_CONCEPTS;
}

/** A passage's claims of what people said: its best candidate when likely enough, and a second one only when it is as likely. */
function chooseByRules(candidates: Scored[], found: ReadonlySet<number>, accept: number): Scored[] {
  const scored = candidates
    .filter((s) => enoughForRules({ hits: s.hits.length, conceptHits: s.conceptHits }))
    .sort((x, y) => y.probability - x.probability);
  const top = scored[0];
  if (!top || top.probability < accept || found.has(top.id)) return [];
  return scored
    .filter((s, i) => i === 0 || (s.probability >= accept && s.probability >= top.probability - 0.05 && !found.has(s.id)))
    .slice(0, 2);
}

/** A reviewed candidate as the learned model ranks it: its inputs, its ranking score, and whether it may be reported at all. */
interface RankedReviewed {
  s: Scored;
  x: number[];
  score: number;
  reportable: boolean;
}

/** Shared terms that are words, not numbers ("42", "2012", "5th"): a number alone ties a text to a claim by chance. */
function wordHits(s: Scored, p: Prepared): number {
  return s.hits.filter((h) => p.a.tokens[h.unit.first].pos !== "NUM" && !/^\p{N}/u.test(h.term)).length;
}

/** A passage's reviewed candidates, ranked by the learned model (restatement-model.ts), best first. */
function rankReviewed(candidates: Scored[], p: Prepared, ctx: MatchContext, poster: string | undefined): RankedReviewed[] {
  // Nothing to rank (a database without fact-checkers' records): the passage's grams and meaning are not needed,
  // and the word vectors are not read.
  if (!candidates.length) return [];
  const text = gramVector(p.a.text);
  const posted = posterWords(poster, p.a.text);
  const wv = ctx.wordVectors;
  const meaning = wv && meaningBag(p.a.text, wv);
  return candidates
    .map((s) => {
      const grams = gramOverlap(text, ctx.claimGrams?.(s.id) ?? gramVector(claimGramText(s.claim.claim)));
      // Without word vectors both shares are 0 (a lexicon without them: tests; the model is fit with them).
      const claimMeaning = wv && (ctx.claimMeaning?.(s.id) ?? meaningBag(s.claim.claim.text, wv));
      const said = meaning && claimMeaning ? [softCoverage(claimMeaning, meaning), softCoverage(meaning, claimMeaning)] : [0, 0];
      const x = rankVector(s.features, grams, posterShare(posted, claimGramText(s.claim.claim)), said);
      return { s, x, score: rankScore(x), reportable: wordHits(s, p) >= REVIEWED_MIN_HITS && s.conceptHits >= REVIEWED_MIN_CONCEPTS };
    })
    .sort((a, b) => b.score - a.score || a.s.id - b.s.id);
}

/**
 * The reviewed claims a passage repeats: its best candidate when the acceptance model finds it likely
 * enough and it shares REVIEWED_MIN_HITS words with the passage, and runners-up that their own model finds
 * likely too; each gets that probability as its score. Claims in `found` are not reported again.
 */
function chooseReviewed(
  candidates: Scored[],
  p: Prepared,
  ctx: MatchContext,
  found: ReadonlySet<number>,
  poster: string | undefined,
): Scored[] {
  const m = RESTATEMENT_MODEL;
  const ranked = rankReviewed(candidates, p, ctx, poster);
  const lead = ranked[0];
  if (!lead) return [];
  // Runners-up only beside a leader that is reported (here, or by the passage's sentences).
  const leaderP = leaderChance(ranked);
  const leads = found.has(lead.s.id) || (lead.reportable && leaderP >= m.threshold);
  if (!leads) return [];
  const out: Scored[] = [];
  ranked.forEach((r, i) => {
    const chance = i === 0 ? leaderP : runnerUpChance(r.score, lead.score);
    if (!r.reportable || chance < (i === 0 ? m.threshold : m.also) || found.has(r.s.id) || out.length >= m.maxFindings) return;
    r.s.probability = chance;
    out.push(r.s);
  });
  return out;
}

/** A passage's reviewed candidates as the learned model ranks them, with its inputs (for fitting it: scripts/fit-restatement.mjs). */
export function reviewedCandidates(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  ctx: MatchContext,
  analysis?: Analysis,
  poster?: string,
): { claimIndex: number; x: number[]; score: number; reportable: boolean }[] {
  const p = prepare(text, index, speakers, analysis);
  if (!p) return [];
  const all = scoreCandidates(p, index, ctx, PASSAGE_CANDIDATES, poster).filter((s) => s.speakerMatches !== false && s.reviewer);
  return rankReviewed(all, p, ctx, poster).map((r) => ({ claimIndex: r.s.id, x: r.x, score: r.score, reportable: r.reportable }));
}

/** One candidate as `check --candidates K` lists it. */
export interface RankedCandidate {
  claimIndex: number;
  score: number;
  coverage: number;
  precision: number;
  /** The features the score is computed from (calibration.ts, FEATURES), for fitting. */
  features: number[];
}

/** The `k` claims most likely restated by a text, most likely first, whether or not any is accepted. */
export function rankCandidates(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  ctx: MatchContext,
  k: number,
  pool: number = PASSAGE_CANDIDATES,
): RankedCandidate[] {
  const p = prepare(text, index, speakers);
  if (!p) return [];
  return scoreCandidates(p, index, ctx, Math.max(k, pool))
    .sort((x, y) => y.probability - x.probability)
    .slice(0, k)
    .map((s) => ({
      claimIndex: s.id,
      score: round(s.probability),
      coverage: round(s.coverage),
      precision: round(s.precision),
      features: s.features,
    }));
}

/** Verdicts for the chosen claims of one text. */
function decideAll(chosen: Scored[], p: Prepared, index: ClaimIndex, text: string): SentenceMatch[] {
  const { a, named, speakerTokens } = p;
  void text;
  // Token indices the chosen claims account for: their matched words and the speaker.
  const accounted = new Set<number>(speakerTokens);
  if (named) for (let i = named.first; i <= named.last; i++) accounted.add(i);
  for (const s of chosen) for (const h of s.hits) for (let i = h.unit.first; i <= h.unit.last; i++) accounted.add(i);
  return chosen.map((s) => {
    const reached = new Set(s.hits.map((h) => h.term));
    const hitAt = new Map(s.hits.map((h) => [h.unit.first, h.term]));
    const details = s.reviewer ? [] : unbackedDetails(a, index.recordOf(s.id), accounted, reached, index.lexicon, hitAt);
    const decided = decideVerdict({
      analysis: a,
      claim: s.claim,
      hits: s.hits,
      named: s.reviewer ? undefined : named,
      speakerMatches: s.speakerMatches,
      details,
      explained: s.explained,
      reviewed: s.reviewer,
    });
    return {
      claimIndex: s.id,
      verdict: decided.verdict,
      score: round(s.probability),
      explanation: decided.explanation,
      coverage: round(s.coverage),
      precision: round(s.precision),
      namedSpeaker: decided.verdict === "misattributed" && named ? mentionRange(a, named) : undefined,
    };
  });
}

/** Were two claims drawn from the same sentence of the same source? */
function sameStatement(x: Claim, y: Claim): boolean {
  return (
    x.source.sentence !== undefined &&
    x.source.sentence === y.source.sentence &&
    x.source.title === y.source.title &&
    x.source.file === y.source.file
  );
}

/** Does a scored claim clear the thresholds, with this precision? */
function passes(s: Scored, precision: number, tuning: MatchTuning): boolean {
  return precision >= tuning.minPrecision && (s.coverage + precision) / 2 >= tuning.threshold;
}

/**
 * Greedy cover: the best claim first, then each further claim the sentence restates with words
 * of its own. A further claim's precision is measured on what the claims before it leave
 * unexplained, so a sentence holding two statements can restate both.
 */
function selectClaims(
  viable: Scored[],
  a: Analysis,
  links: TermLink[][],
  index: ClaimIndex,
  sentenceWeight: number,
  tuning: MatchTuning,
): Scored[] {
  const chosen: Scored[] = [];
  const used = new Set<number>();
  let explained = 0;
  const unitWeight = new Map<number, number>();
  a.units.forEach((u, k) => unitWeight.set(u.first, Math.max(0, ...links[k].map((l) => index.idf(l.term) * l.weight))));
  // Each pick changes what the rest leave unexplained, so the list is read again after each.
  for (let picked = true; picked;) {
    picked = false;
    for (const s of viable) {
      if (chosen.includes(s)) continue;
      if (!tryPick(s)) continue;
      picked = true;
      break;
    }
  }
  return chosen;

  function tryPick(s: Scored): boolean {
    const fresh = s.hits.filter((h) => !used.has(h.unit.first));
    let precision = s.precision;
    if (chosen.length) {
      // A further claim must stand on words of its own (two, one of them not a place), not
      // re-read the words of the first.
      // Claims drawn from the statement a chosen claim comes from need only one word of their own.
      const need = chosen.some((c) => sameStatement(c.claim.claim, s.claim.claim)) ? 1 : 2;
      if (fresh.length < need || !fresh.some((h) => !h.unit.entity)) return false;
      // Precision on what is left: the share of the unexplained words this claim accounts for.
      const freshReached = fresh.reduce((w, h) => w + index.idf(h.term) * h.link.weight, 0);
      const rest = Math.max(1e-9, sentenceWeight - explained);
      precision = Math.min(1, freshReached / rest);
    }
    if (!passes(s, precision, tuning)) return false;
    chosen.push(s);
    for (const h of s.hits) {
      if (used.has(h.unit.first)) continue;
      used.add(h.unit.first);
      explained += unitWeight.get(h.unit.first) ?? 0;
    }
    return true;
  }
}

/**
 * A claim drawn from the same statement as another may word one of its words the other way:
 * "Trump rejected NATO membership" denies the membership that "NATO membership would be a step
 * too far" names. A draft that denies it restates the first, and does not contradict the second:
 * a denial that another matching claim of the same speaker also makes (a claim with no clash of
 * its own) is explained by that claim. Such a clash is not counted, and the claim ranks after
 * the one that explains it, so the explaining claim is the one the sentence restates first.
 */
function explainDenials(viable: Scored[]): void {
  const clashes = new Map(viable.map((s) => [s, clashingHits(s.claim, s.hits, s.explained)]));
  for (const s of viable) {
    for (const h of clashes.get(s)!) {
      if (!draftDenies(h)) continue;
      const by = viable.find(
        (o) =>
          o !== s &&
          clashes.get(o)!.length === 0 &&
          o.claim.claim.speaker.name === s.claim.claim.speaker.name &&
          o.claim.terms.get(h.term)?.negated === true &&
          o.hits.some((x) => x.term === h.term),
      );
      if (!by) continue;
      s.explained.add(h.term);
      s.rank = Math.min(s.rank, by.rank - 0.01);
    }
  }
}

/**
 * A sentence that repeats its claim's own source sentence word for word is backed by the record, whatever the claim's
 * rewording gave (repeats-source.ts). Its words in quotation marks are the source's, in the source's quotation marks,
 * given to the speaker the source gives them to: the quotation checks locate them (the hover shows them) and leave the
 * verdict. The claims returned.
 */
function markRepeats(out: SentenceMatch[], text: string, index: ClaimIndex): Set<number> {
  const repeats = new Set<number>();
  for (const m of out) {
    if (m.verdict === "supported") continue;
    const claim = index.claims[m.claimIndex].claim;
    if (!repeatsSource(text, claim, index.statementOf(m.claimIndex))) continue;
    m.verdict = "supported";
    m.explanation = REPEATS_SOURCE;
    m.namedSpeaker = undefined;
    repeats.add(m.claimIndex);
  }
  return repeats;
}

/** Words in quotation marks decide the verdict of the claim they are checked against (quote-check.ts). */
function applyQuoteChecks(
  out: SentenceMatch[],
  text: string,
  a: Analysis,
  named: NamedSpeaker | undefined,
  index: ClaimIndex,
  near: readonly number[],
  ctx: Pick<MatchContext, "reviewers">,
  /** Claims whose source sentence the text repeats (markRepeats): their verdict stands. */
  repeats: ReadonlySet<number>,
): void {
  const verdicts = checkQuotes(
    text,
    a,
    named,
    out.map((m) => m.claimIndex),
    index,
    near,
  );
  for (const q of verdicts) {
    // A fact-checker's record holds nobody's words (reviewers.ts): quotations are not checked against it.
    if (isRecordOfReview(ctx, index.claims[q.claimIndex].claim)) continue;
    const quoted = {
      start: q.part.start,
      end: q.part.end,
      open: q.part.open,
      close: q.part.close,
      ...(q.recorded ? { recorded: q.recorded } : {}),
    };
    const m = out.find((x) => x.claimIndex === q.claimIndex);
    if (m) {
      m.quoted = quoted;
      // A supported match's sentence was not read against its source sentence (markRepeats reads the others): read
      // now, when a quotation would change its verdict.
      const repeat = () =>
        repeats.has(q.claimIndex) ||
        (m.verdict === "supported" && repeatsSource(text, index.claims[q.claimIndex].claim, index.statementOf(q.claimIndex)));
      if (q.verdict && m.verdict !== "misquoted" && !(q.unbacked && m.verdict !== "supported") && !repeat()) {
        // A misquotation outranks every other fault; the explanation keeps what else is wrong.
        const rest = m.verdict !== "supported" && q.verdict === "misquoted" ? `; also ${m.verdict}: ${m.explanation}` : "";
        m.verdict = q.verdict;
        m.explanation = q.explanation! + rest;
        m.namedSpeaker = q.verdict === "misattributed" && named ? mentionRange(a, named) : undefined;
      }
    } else if (q.verdict && !q.unbacked) {
      const claim = index.claims[q.claimIndex].claim;
      // Quoted words the sentence's own match missed, in the very sentence the source has them in: backed.
      const repeat = repeatsSource(text, claim, index.statementOf(q.claimIndex));
      // The quotation is the named speaker's claim after all: the others are not misattributions.
      if (named && sameSpeaker(named, a.tokens, claim.speaker)) {
        for (let k = out.length - 1; k >= 0; k--) if (out[k].verdict === "misattributed") out.splice(k, 1);
      }
      // Quoted words the sentence's own match missed (another speaker's, or a claim scored low).
      out.push({
        claimIndex: q.claimIndex,
        verdict: repeat ? "supported" : q.verdict,
        score: 0.5,
        explanation: repeat ? REPEATS_SOURCE : q.explanation!,
        coverage: 0,
        precision: 0,
        quoted,
        namedSpeaker: !repeat && q.verdict === "misattributed" && named ? mentionRange(a, named) : undefined,
      });
    }
  }
}

interface Scored {
  id: number;
  claim: IndexedClaim;
  hits: TermHit[];
  coverage: number;
  precision: number;
  score: number;
  rank: number;
  conceptHits: number;
  speakerMatches: boolean | undefined;
  /** Weight of the claim the sentence reaches, and what a named speaker adds to the sentence's side. */
  reached: number;
  speakerWeight: number;
  /** Terms whose clash another claim explains (see explainDenials). */
  explained: Set<string>;
  /** The claim is a fact-checker's record (MatchContext.reviewers). */
  reviewer: boolean;
  /** Its place in the index's first cut. */
  retrievalRank: number;
  features: number[];
  /** Calibrated probability that the text restates it (calibration.ts). */
  probability: number;
  /** Whether features and probability were computed (calibrate). */
  calibrated: boolean;
}

function score(
  id: number,
  claim: IndexedClaim,
  a: Analysis,
  links: TermLink[][],
  index: ClaimIndex,
  sentenceWeight: number,
  named: NamedSpeaker | undefined,
  /** sameSpeaker(named, a.tokens, ·), remembered by the caller. */
  isNamed: (speaker: Claim["speaker"]) => boolean = (speaker) => sameSpeaker(named!, a.tokens, speaker),
): Scored {
  const hits: TermHit[] = [];
  const best = new Map<string, TermHit>();
  const terms = claim.terms;
  a.units.forEach((u, k) => {
    // The speaker's name is who says it, weighed apart below; "the president" is not content.
    if (named && u.first >= named.first && u.last <= named.last) return;
    for (const l of links[k]) {
      if (!terms.has(l.term)) continue;
      const prev = best.get(l.term);
      if (!prev || prev.link.weight < l.weight) best.set(l.term, { term: l.term, unit: u, link: l });
    }
  });
  let reached = 0;
  let conceptHits = 0;
  for (const h of best.values()) {
    hits.push(h);
    reached += index.idf(h.term) * h.link.weight;
    if (!terms.get(h.term)!.entity) conceptHits++;
  }
  // A named speaker is evidence either way: the right one adds to both sides, a wrong one
  // is content this claim does not account for.
  let claimWeight = claim.weight;
  let ownWeight = sentenceWeight;
  let speakerWeight = 0;
  const speakerMatches = named ? isNamed(claim.claim.speaker) : undefined;
  if (named) {
    const w = index.idf(claim.speakerTerm);
    claimWeight += w;
    if (speakerMatches) {
      reached += w;
      ownWeight += w;
      speakerWeight = w;
    } else {
      speakerWeight = namedWeight(named, a, index);
      ownWeight += speakerWeight;
    }
  }
  const coverage = claimWeight > 0 ? Math.min(1, reached / claimWeight) : 0;
  const precision = ownWeight > 0 ? Math.min(1, reached / ownWeight) : 0;
  const s = (coverage + precision) / 2;
  return {
    id,
    claim,
    hits,
    coverage,
    precision,
    score: s,
    // Naming the claim's speaker, or its very negating verb ("rejected", "ruled out"), says
    // which of several similar claims the sentence restates.
    rank: s + (speakerMatches ? 0.15 : 0) + (hits.some((h) => h.unit.isCue && terms.get(h.term)!.isCue) ? 0.1 : 0),
    conceptHits,
    speakerMatches,
    reached,
    speakerWeight,
    explained: new Set(),
    reviewer: false,
    retrievalRank: 0,
    features: [],
    probability: 0,
    calibrated: false,
  };
}

/** How much a named speaker weighs: as rare as a known speaker is in the claims, or as any unknown word. */
function namedWeight(named: NamedSpeaker, a: Analysis, index: ClaimIndex): number {
  const name = a.tokens
    .slice(named.first, named.last + 1)
    .map((t) => t.lower)
    .join(" ");
  const known = index.speakerTermFor(name);
  return known ? index.idf(known) : Math.log(1 + (index.size + 0.5) / 0.5);
}

function contentWeight(
  a: Analysis,
  links: TermLink[][],
  index: ClaimIndex,
  named: NamedSpeaker | undefined,
  speakerTokens: Set<number>,
): number {
  const unknown = Math.log(1 + (index.size + 0.5) / 0.5);
  let w = 0;
  const seen = new Set<string>();
  a.units.forEach((u, k) => {
    if (u.isHedge || FRAME_LEMMAS.has(u.lemma)) return;
    if (named && u.first >= named.first && u.last <= named.last) return;
    if (speakerTokens.has(u.first)) return;
    if (seen.has(u.term)) return;
    seen.add(u.term);
    const l = links[k];
    if (!l.length) {
      w += unknown;
      return;
    }
    // The best link's idf × weight (Math.max of them, without an array per unit).
    let best = -Infinity;
    for (const x of l) {
      const v = index.idf(x.term) * x.weight;
      if (v > best) best = v;
    }
    w += best;
  });
  return w;
}

function mentionRange(a: Analysis, named: NamedSpeaker): { name: string; start: number; end: number } {
  return { name: named.name, start: a.tokens[named.first].start, end: a.tokens[named.last].end };
}

function round(x: number): number {
  return Math.round(Math.min(1, x) * 1000) / 1000;
}

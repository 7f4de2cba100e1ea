// Matching one draft sentence against the claims: retrieve candidates through the index,
// score how much of each claim the sentence restates, keep the best (and any further claim
// the sentence restates with other words of its own), then decide each one's verdict.
import { analyze, type Analysis, type Unit } from "./analyze.js";
import type { ClaimIndex, IndexedClaim, TermLink } from "./claim-index.js";
import { findNamedSpeaker, type NamedSpeaker, sameSpeaker, type SpeakerDirectory } from "./speakers.js";
import type { Verdict } from "./types.js";
import { decideVerdict } from "./verdict.js";

/** A sentence's match with one claim, offsets relative to the sentence. */
export interface SentenceMatch {
  claimIndex: number;
  verdict: Verdict;
  score: number;
  explanation: string;
  namedSpeaker?: { name: string; start: number; end: number };
  /** Share of the claim the sentence reaches, and share of the sentence the claim accounts for. */
  coverage: number;
  precision: number;
}

/** One claim term the sentence reaches, and through which unit. */
export interface TermHit {
  term: string;
  unit: Unit;
  link: TermLink;
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

export const DEFAULT_TUNING: MatchTuning = { candidates: 8, threshold: 0.45, minCoverage: 0.25, minPrecision: 0.35 };

/** Verbs of saying: they frame a sentence, so they should not count as unmatched content. */
const FRAME_LEMMAS = new Set([
  "say", "state", "tell", "note", "suggest", "signal", "emphasize", "emphasise", "indicate", "stress", "add",
  "explain", "mention", "claim", "underscore", "insist", "argue", "believe", "think", "write", "remark",
  "report", "reiterate", "make", "clear", "accord", "describe", "frame", "cast", "position", "later",
]);

export function matchSentence(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  tuning: MatchTuning = DEFAULT_TUNING,
): SentenceMatch[] {
  const a = analyze(text, index.spellFix);
  if (!a.units.length) return [];
  const named = findNamedSpeaker(a.tokens, speakers);
  const links = a.units.map((u) => index.links(u));

  // First cut through the index: a short list of claims that share the sentence's rarest words.
  const shortlist = index.candidates(
    links.flat().map((l) => ({ term: l.term, weight: l.weight })),
    tuning.candidates,
  );

  const sentenceWeight = contentWeight(a, links, index, named, speakers.knownMentions(a.tokens));
  const scored = shortlist
    .map((id) => score(id, index.claims[id], a, links, index, sentenceWeight, named))
    .filter(
      (s) =>
        s.coverage >= tuning.minCoverage &&
        s.precision >= tuning.minPrecision &&
        s.score >= tuning.threshold &&
        // Two shared words can be chance ("role", "supportive"); three, or two and the speaker, rarely are.
        (s.hits.length >= Math.min(3, s.claim.terms.size) || (s.hits.length >= 2 && s.speakerMatches === true)) &&
        s.conceptHits >= 1,
    )
    // A draft that names the claim's own speaker points at that speaker's claims first.
    .sort((x, y) => y.rank - x.rank);

  const out: SentenceMatch[] = [];
  const used = new Set<number>();
  for (const s of scored) {
    const own = s.hits.filter((h) => !h.unit.entity);
    const overlap = own.filter((h) => used.has(h.unit.first)).length;
    // A second claim must stand on words of its own, not re-read the words of the first.
    if (out.length && (overlap >= own.length / 3 || own.length - overlap < 2)) continue;
    for (const h of own) used.add(h.unit.first);
    const decided = decideVerdict({ analysis: a, claim: s.claim, hits: s.hits, named, speakerMatches: s.speakerMatches });
    out.push({
      claimIndex: s.id,
      verdict: decided.verdict,
      score: round(s.score),
      explanation: decided.explanation,
      coverage: round(s.coverage),
      precision: round(s.precision),
      namedSpeaker: decided.verdict === "misattributed" && named ? mentionRange(a, named) : undefined,
    });
  }
  return out;
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
}

function score(
  id: number,
  claim: IndexedClaim,
  a: Analysis,
  links: TermLink[][],
  index: ClaimIndex,
  sentenceWeight: number,
  named: NamedSpeaker | undefined,
): Scored {
  const hits: TermHit[] = [];
  const best = new Map<string, TermHit>();
  a.units.forEach((u, k) => {
    // The speaker's name is who says it, weighed apart below; "the president" is not content.
    if (named && u.first >= named.first && u.last <= named.last) return;
    for (const l of links[k]) {
      if (!claim.terms.has(l.term)) continue;
      const prev = best.get(l.term);
      if (!prev || prev.link.weight < l.weight) best.set(l.term, { term: l.term, unit: u, link: l });
    }
  });
  let reached = 0;
  let conceptHits = 0;
  for (const h of best.values()) {
    hits.push(h);
    reached += index.idf(h.term) * h.link.weight;
    if (!claim.terms.get(h.term)!.entity) conceptHits++;
  }
  // A named speaker is evidence either way: the right one adds to both sides, a wrong one
  // is content this claim does not account for.
  let claimWeight = claim.weight;
  let ownWeight = sentenceWeight;
  const speakerMatches = named ? sameSpeaker(named, a.tokens, claim.claim.speaker) : undefined;
  if (named) {
    const w = index.idf(claim.speakerTerm);
    claimWeight += w;
    if (speakerMatches) {
      reached += w;
      ownWeight += w;
    } else {
      ownWeight += namedWeight(named, a, index);
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
    rank: s + (speakerMatches ? 0.15 : 0) + (hits.some((h) => h.unit.isCue && claim.terms.get(h.term)!.isCue) ? 0.1 : 0),
    conceptHits,
    speakerMatches,
  };
}

/** How much a named speaker weighs: as rare as a known speaker is in the claims, or as any unknown word. */
function namedWeight(named: NamedSpeaker, a: Analysis, index: ClaimIndex): number {
  const name = a.tokens.slice(named.first, named.last + 1).map((t) => t.lower).join(" ");
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
    w += l.length ? Math.max(...l.map((x) => index.idf(x.term) * x.weight)) : unknown;
  });
  return w;
}

function mentionRange(a: Analysis, named: NamedSpeaker): { name: string; start: number; end: number } {
  return { name: named.name, start: a.tokens[named.first].start, end: a.tokens[named.last].end };
}

function round(x: number): number {
  return Math.round(Math.min(1, x) * 1000) / 1000;
}

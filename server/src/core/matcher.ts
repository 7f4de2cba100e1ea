// Matching one draft sentence against the claims: retrieve candidates through the index,
// score how much of each claim the sentence restates, keep the best (and any further claim
// the sentence restates with other words of its own), then decide each one's verdict.
import { analyze, type Analysis } from "./analyze.js";
import type { ClaimIndex, TermHit, TermLink } from "./claim-index.js";
import type { IndexedClaim } from "./indexed-claim.js";
import { FRAME_LEMMAS } from "./lexicon/cues.js";
import { checkQuotes } from "./quote-check.js";
import { findNamedSpeaker, type NamedSpeaker, sameSpeaker, type SpeakerDirectory } from "./speakers.js";
import type { Claim, Verdict } from "./types.js";
import { unbackedDetails } from "./support.js";
import { clashingHits, decideVerdict, draftDenies } from "./verdict.js";

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

export function matchSentence(
  text: string,
  index: ClaimIndex,
  speakers: SpeakerDirectory,
  tuning: MatchTuning = DEFAULT_TUNING,
): SentenceMatch[] {
  const a = analyze(index.nlp, text, index.spellFix);
  if (!a.units.length) return [];
  const named = findNamedSpeaker(a.tokens, speakers);
  const links = a.units.map((u) => index.links(u));
  const speakerTokens = speakers.knownMentions(a.tokens);

  // First cut through the index: a short list of claims that share the sentence's rarest words.
  const shortlist = index.candidates(
    links.flat().map((l) => ({ term: l.term, weight: l.weight })),
    tuning.candidates,
  );

  const sentenceWeight = contentWeight(a, links, index, named, speakerTokens);
  let viable = shortlist
    .map((id) => score(id, index.claims[id], a, links, index, sentenceWeight, named))
    .filter(
      (s) =>
        s.coverage >= tuning.minCoverage &&
        // Two shared words can be chance ("role", "supportive"); three, or two and the speaker, rarely are.
        (s.hits.length >= Math.min(3, s.claim.terms.size) || (s.hits.length >= 2 && s.speakerMatches === true)) &&
        s.conceptHits >= 1,
    );
  // A sentence that names a speaker restates that speaker's claims when any of them matches:
  // others with the same words are theirs, not a misattribution.
  if (viable.some((s) => s.speakerMatches === true && passes(s, s.precision, tuning)))
    viable = viable.filter((s) => s.speakerMatches !== false);
  explainDenials(viable);
  // A draft that names the claim's own speaker points at that speaker's claims first.
  viable.sort((x, y) => y.rank - x.rank);

  const chosen = selectClaims(viable, a, links, index, sentenceWeight, tuning);
  // Token indices the chosen claims account for: their matched words and the speaker.
  const accounted = new Set<number>(speakerTokens);
  if (named) for (let i = named.first; i <= named.last; i++) accounted.add(i);
  for (const s of chosen) for (const h of s.hits) for (let i = h.unit.first; i <= h.unit.last; i++) accounted.add(i);

  const out: SentenceMatch[] = chosen.map((s) => {
    const reached = new Set(s.hits.map((h) => h.term));
    const hitAt = new Map(s.hits.map((h) => [h.unit.first, h.term]));
    const details = unbackedDetails(a, index.recordOf(s.id), accounted, reached, index.lexicon, hitAt);
    const decided = decideVerdict({
      analysis: a,
      claim: s.claim,
      hits: s.hits,
      named,
      speakerMatches: s.speakerMatches,
      details,
      explained: s.explained,
    });
    return {
      claimIndex: s.id,
      verdict: decided.verdict,
      score: round(s.score),
      explanation: decided.explanation,
      coverage: round(s.coverage),
      precision: round(s.precision),
      namedSpeaker: decided.verdict === "misattributed" && named ? mentionRange(a, named) : undefined,
    };
  });
  applyQuoteChecks(
    out,
    text,
    a,
    named,
    index,
    viable.map((s) => s.id),
  );
  return out;
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

/** Words in quotation marks decide the verdict of the claim they are checked against (quote-check.ts). */
function applyQuoteChecks(
  out: SentenceMatch[],
  text: string,
  a: Analysis,
  named: NamedSpeaker | undefined,
  index: ClaimIndex,
  near: readonly number[],
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
      if (q.verdict && m.verdict !== "misquoted") {
        // A misquotation outranks every other fault; the explanation keeps what else is wrong.
        const rest = m.verdict !== "supported" && q.verdict === "misquoted" ? `; also ${m.verdict}: ${m.explanation}` : "";
        m.verdict = q.verdict;
        m.explanation = q.explanation! + rest;
        m.namedSpeaker = q.verdict === "misattributed" && named ? mentionRange(a, named) : undefined;
      }
    } else if (q.verdict) {
      // The quotation is the named speaker's claim after all: the others are not misattributions.
      if (named && sameSpeaker(named, a.tokens, index.claims[q.claimIndex].claim.speaker)) {
        for (let k = out.length - 1; k >= 0; k--) if (out[k].verdict === "misattributed") out.splice(k, 1);
      }
      // Quoted words the sentence's own match missed (another speaker's, or a claim scored low).
      out.push({
        claimIndex: q.claimIndex,
        verdict: q.verdict,
        score: 0.5,
        explanation: q.explanation!,
        coverage: 0,
        precision: 0,
        quoted,
        namedSpeaker: q.verdict === "misattributed" && named ? mentionRange(a, named) : undefined,
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
  let speakerWeight = 0;
  const speakerMatches = named ? sameSpeaker(named, a.tokens, claim.claim.speaker) : undefined;
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
    rank: s + (speakerMatches ? 0.15 : 0) + (hits.some((h) => h.unit.isCue && claim.terms.get(h.term)!.isCue) ? 0.1 : 0),
    conceptHits,
    speakerMatches,
    reached,
    speakerWeight,
    explained: new Set(),
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

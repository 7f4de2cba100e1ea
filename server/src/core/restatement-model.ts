// Which fact-checked claim a paragraph repeats, and whether to say so: the learned decision for reviewed
// claims (a claim with a ClaimReview `review`, or any claim of a fact-checker's database: reviewers.ts).
//
// A fact-check feed is a large database of short claims, and a post that repeats one is short, fragmentary
// and worded its own way; the word-level acceptance rules that keep a news draft's findings exact (three
// shared words, coverage and precision floors) throw away most right answers there. For these claims the
// paragraph (a post, a Markdown block) is read as a whole, and two small models decide:
//
// - a ranking model (a conditional logit: among a paragraph's candidates, the right one should score
//   highest) over the calibration's features (calibration.ts), three shares of shared character 4-grams
//   (char-grams.ts: hashtags in one lowercase run, clipped and compound words), and the share of a pasted
//   post's poster that the claim names (posterShare), and two shares of meaning from word vectors
//   (word-vectors.ts, softCoverage: how much of the claim the post says in other words, and of the post the claim);
// - an acceptance model (a logistic regression on the best candidate's ranking score, its leads over the
//   next two, and its own ranking inputs) that gives the probability that the best candidate is the claim the
//   paragraph repeats — the score alone says how it compares with its rivals, the inputs what it shares with
//   the post (a leader with most of the post's grams and meaning is surer than one with the same score made of
//   rare shared words), and the lead over the third how alone it stands — and a smaller one for a runner-up
//   (its score and its distance behind the leader): a runner-up close behind a strong leader is most often a
//   near-duplicate of it, not a second claim, and the leader's map would call it likely.
//
// A paragraph's best candidate is reported when that probability reaches `threshold`; a runner-up when its
// own reaches `also` (at most `maxFindings` in all; on the CheckThat! tweets no runner-up is that likely, so
// a post gets one finding — a paragraph holding two statements keeps its sentences' own findings instead,
// checker.ts). The models and the thresholds are fit by `node scripts/fit-restatement.mjs` (deterministic) on the CheckThat! 2020
// train tweets against their 10,375 Snopes claims, never on the dev tweets, which choose nothing but are
// reported; the weights are in model/restatement-model.json.
import model from "./model/restatement-model.json" with { type: "json" };
import { FEATURES } from "./calibration.js";
import type { GramOverlap } from "./char-grams.js";

/** The ranking model's inputs, in order: the calibration's features without its bias, the gram shares, the poster's share. */
export const RANK_FEATURES: readonly string[] = [
  ...FEATURES.slice(1),
  "gram cosine",
  "claim grams reached",
  "text grams reached",
  "poster named",
  "claim said in meaning",
  "text said in meaning",
];

export interface RestatementModel {
  about: string;
  features: string[];
  /** One weight per RANK_FEATURES entry. */
  rank: number[];
  /** For the leader: [bias, ranking score, lead over the runner-up, lead over the third, ...its ranking inputs] (acceptInputs). */
  accept: number[];
  /** The fitting data's mean leads of a leader over its runner-up and over the third: read for a missing rival. */
  leads: number[];
  /** For a runner-up: [bias, ranking score, lead over the leader (≤ 0)]. */
  acceptRunnerUp: number[];
  /** Least probability for a paragraph's best candidate to be reported. */
  threshold: number;
  /** Least probability for a runner-up to be reported beside it. */
  also: number;
  /** Most reviewed-claim findings one paragraph gets. */
  maxFindings: number;
}

export const RESTATEMENT_MODEL: RestatementModel = model as RestatementModel;

/**
 * The ranking model's input vector for a candidate: its calibration features (with the bias first, as
 * featureVector gives them), its gram overlap, how much of the post's poster the claim names, and how much of
 * the claim the text says in meaning and of the text the claim does (softCoverage of word vectors, both 0
 * without them).
 */
export function rankVector(
  calibrationFeatures: readonly number[],
  grams: GramOverlap,
  poster: number,
  meaning: readonly [number, number] | readonly number[] = [0, 0],
): number[] {
  return [...calibrationFeatures.slice(1), grams.cosine, grams.reachOfB, grams.reachOfA, poster, meaning[0], meaning[1]];
}

/** Words of three letters or more, lowercased: the unit `posterShare` compares. */
function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
}

/**
 * The words of a pasted post's poster (its "— Name (@handle) date" trailer, social-text.ts) that the
 * post's text does not use itself, as a list to look for in claims. Fact-checks are often about a post
 * ("Donald Trump tweeted that …", "a whistleblower's account was suspended"): who posted it is evidence
 * of which claim it is, though never a word of what it says (the trailer is not matched as text).
 */
export function posterWords(poster: string | undefined, text: string): string[] {
  if (!poster) return [];
  const own = new Set(nameWords(text));
  return [...new Set(nameWords(poster))].filter((w) => !own.has(w));
}

/** Share of those words that a claim's text (and section) names. */
export function posterShare(words: readonly string[], claimText: string): number {
  if (!words.length) return 0;
  const claim = new Set(nameWords(claimText));
  return words.filter((w) => claim.has(w)).length / words.length;
}

/** The ranking score: higher is likelier, comparable among one paragraph's candidates. */
export function rankScore(x: readonly number[], m: RestatementModel = RESTATEMENT_MODEL): number {
  let z = 0;
  for (let i = 0; i < m.rank.length; i++) z += m.rank[i] * (x[i] ?? 0);
  return z;
}

/** A candidate as the acceptance models read it: its ranking inputs and score. */
export interface RankedInputs {
  x: readonly number[];
  score: number;
}

/**
 * The leader acceptance model's inputs for a paragraph's candidates, best first: [1, the leader's score, its
 * lead over the runner-up, its lead over the third, ...the leader's ranking inputs]. A lead over a missing
 * rival (a database of a handful of claims, where no other claim shares a word with the paragraph) is no
 * evidence either way, so it is the typical lead of the fitting data (`leads`; there every tweet has thirty
 * rivals): read as a tie, a lone restatement would look like one of two near-duplicates, a coin toss; read as
 * a lead over a claim sharing nothing, any lone match would look certain.
 */
export function acceptInputs(ranked: readonly RankedInputs[], leads: readonly number[] = RESTATEMENT_MODEL.leads): number[] {
  const [lead, second, third] = ranked;
  const l1 = second ? lead.score - second.score : leads[0];
  const l2 = third ? lead.score - third.score : Math.max(l1, leads[1]);
  return [1, lead.score, l1, l2, ...lead.x];
}

/** Probability that a paragraph's best candidate (ranked[0]; candidates best first) is the claim it repeats. */
export function leaderChance(ranked: readonly RankedInputs[], m: RestatementModel = RESTATEMENT_MODEL): number {
  const v = acceptInputs(ranked, m.leads);
  let z = 0;
  for (let i = 0; i < m.accept.length; i++) z += m.accept[i] * (v[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Probability that a runner-up is also a claim the paragraph repeats, from its ranking score and its
 * distance behind the leader's (≤ 0): a runner-up close behind a strong leader is most often a near-duplicate
 * of it, not a second claim.
 */
export function runnerUpChance(score: number, leader: number, m: RestatementModel = RESTATEMENT_MODEL): number {
  const w = m.acceptRunnerUp;
  const z = w[0] + w[1] * score + w[2] * (score - leader);
  return 1 / (1 + Math.exp(-z));
}

// Which speakers of the loaded databases stand for a fact-checker rather than for someone who made
// the claims. A fact-check feed records claims other people made ("Trump said the wall is being
// built"), under the reviewer who checked them (Snopes, PolitiFact): the people its claim texts and a
// draft name are what the claim is about, so a draft that names them does not misattribute anything,
// and the draft's quotation marks are not the reviewer's words.
//
// The signal, per speaker, over all its claims: each claim carries a `review` (a ClaimReview import),
// or its text never names the speaker and its verb is no verb of saying ("fact-checked", "rated",
// "reviewed" — not "said", "stated", "ruled out"). A speaker whose claims report what they said fails
// the test on its first "said".
import { ATTRIBUTION_VERB_LEMMAS } from "./lexicon/cues.js";
import type { Claim } from "./types.js";

const IRREGULAR: Readonly<Record<string, string>> = {
  said: "say",
  says: "say",
  told: "tell",
  wrote: "write",
  written: "write",
  thought: "think",
  made: "make",
  spoke: "speak",
  spoken: "speak",
  held: "hold",
};

/** Is `verb` ("ruled out", "said in a statement", "fact-checked") a verb of saying? */
export function isUtteranceVerb(verb: string): boolean {
  const first = verb.trim().toLowerCase().split(/\s+/)[0] ?? "";
  if (!first) return false;
  if (first === "according") return true;
  const forms = [
    first,
    IRREGULAR[first],
    first.replace(/ied$/, "y"),
    first.replace(/ed$/, ""),
    first.replace(/d$/, ""),
    first.replace(/e?s$/, ""),
  ];
  return forms.some((f) => f !== undefined && ATTRIBUTION_VERB_LEMMAS.has(f));
}

/**
 * One pattern per speaker for namesSpeaker: any of its names (or a name's last word) of three letters or more,
 * between non-letters. One alternation finds a match exactly when one of the names would alone; compiled once per
 * speaker object (claims share them), not once per claim and name (that was most of building an engine over a
 * 10,000-claim feed).
 */
type NamePatterns = Map<Claim["speaker"], RegExp | null>;

function namePattern(speaker: Claim["speaker"], patterns: NamePatterns): RegExp | null {
  let re = patterns.get(speaker);
  if (re === undefined) {
    const names = [speaker.name, ...(speaker.aliases ?? [])].map((n) => n.toLowerCase().trim()).filter(Boolean);
    const words = names.flatMap((n) => {
      const split = n.split(/\s+/);
      return [n, split[split.length - 1]];
    });
    const alternatives = [...new Set(words.filter((w) => w.length >= 3))].map(escapeRegExp);
    re = alternatives.length ? new RegExp(`[^\\p{L}](?:${alternatives.join("|")})[^\\p{L}]`, "u") : null;
    patterns.set(speaker, re);
  }
  return re;
}

/** Does the claim's text name its own speaker (by name, alias or surname)? */
function namesSpeaker(claim: Claim, patterns: NamePatterns): boolean {
  const re = namePattern(claim.speaker, patterns);
  return re !== null && re.test(` ${claim.text.toLowerCase()} `);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A fact-checker's record of someone else's claim? (`patterns`: the speakers' name patterns, kept by the caller.) */
export function isReviewRecord(claim: Claim, patterns: NamePatterns = new Map()): boolean {
  if ((claim as { review?: unknown }).review !== undefined) return true;
  return !namesSpeaker(claim, patterns) && !isUtteranceVerb(claim.verb);
}

/**
 * The names of the speakers whose claims are review records: none is reported with a verb of saying,
 * and nearly all (9 in 10; a feed has claims about the fact-checker itself, "Snopes ignored …") do not
 * name the speaker.
 */
export function reviewerSpeakers(claims: Iterable<Claim>): Set<string> {
  const tally = new ReviewerTally();
  tally.add(claims);
  return tally.result();
}

/** reviewerSpeakers claim by claim: a host that must not hold the thread adds a database's claims a slice at a time. */
export class ReviewerTally {
  private readonly tally = new Map<string, { n: number; records: number; spoken: boolean }>();
  private readonly patterns: NamePatterns = new Map();
  /** Claims of a database share a handful of verbs. */
  private readonly utterance = new Map<string, boolean>();

  private spokenVerb(verb: string): boolean {
    let u = this.utterance.get(verb);
    if (u === undefined) this.utterance.set(verb, (u = isUtteranceVerb(verb)));
    return u;
  }

  add(claims: Iterable<Claim>): void {
    for (const c of claims) {
      const t = this.tally.get(c.speaker.name) ?? { n: 0, records: 0, spoken: false };
      t.n++;
      const reviewed = (c as { review?: unknown }).review !== undefined;
      if (!reviewed && this.spokenVerb(c.verb)) t.spoken = true;
      if (reviewed || (!this.spokenVerb(c.verb) && !namesSpeaker(c, this.patterns))) t.records++;
      this.tally.set(c.speaker.name, t);
    }
  }

  result(): Set<string> {
    return new Set([...this.tally].filter(([, t]) => !t.spoken && t.records >= 0.9 * t.n).map(([n]) => n));
  }
}

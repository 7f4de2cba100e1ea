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

/** Does the claim's text name its own speaker (by name, alias or surname)? */
function namesSpeaker(claim: Claim): boolean {
  const text = ` ${claim.text.toLowerCase()} `;
  const names = [claim.speaker.name, ...(claim.speaker.aliases ?? [])].map((n) => n.toLowerCase().trim()).filter(Boolean);
  return names.some((n) => {
    const words = n.split(/\s+/);
    return [n, words[words.length - 1]].some((w) => w.length >= 3 && new RegExp(`[^\\p{L}]${escapeRegExp(w)}[^\\p{L}]`, "u").test(text));
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A fact-checker's record of someone else's claim? */
export function isReviewRecord(claim: Claim): boolean {
  if ((claim as { review?: unknown }).review !== undefined) return true;
  return !namesSpeaker(claim) && !isUtteranceVerb(claim.verb);
}

/**
 * The names of the speakers whose claims are review records: none is reported with a verb of saying,
 * and nearly all (9 in 10; a feed has claims about the fact-checker itself, "Snopes ignored …") do not
 * name the speaker.
 */
export function reviewerSpeakers(claims: Iterable<Claim>): Set<string> {
  const tally = new Map<string, { n: number; records: number; spoken: boolean }>();
  for (const c of claims) {
    const t = tally.get(c.speaker.name) ?? { n: 0, records: 0, spoken: false };
    t.n++;
    const reviewed = (c as { review?: unknown }).review !== undefined;
    if (!reviewed && isUtteranceVerb(c.verb)) t.spoken = true;
    if (isReviewRecord(c)) t.records++;
    tally.set(c.speaker.name, t);
  }
  return new Set([...tally].filter(([, t]) => !t.spoken && t.records >= 0.9 * t.n).map(([n]) => n));
}

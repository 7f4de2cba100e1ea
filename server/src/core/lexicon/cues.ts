// Closed word lists that decide verdicts. They are grammar, not topic: none of them names
// anything from a particular article, so they carry over to any claims database.

/** Words and phrases that deny what follows them in the same clause. */
export const NEGATION_CUES: readonly string[] = [
  "not", "n't", "no", "never", "neither", "nor", "none", "nobody", "nothing", "without", "cannot",
  "rather than", "instead of", "far from", "no longer",
  // Verbs whose object is denied: "ruled out troops" denies troops as "no troops" does.
  "rule out", "ruling out", "ruled out", "rules out", "reject", "refuse", "deny", "oppose", "dismiss",
  "exclude", "avoid", "lack", "stop", "cease", "halt", "abandon", "veto", "scrap", "forgo", "renounce",
  "prevent", "prohibit", "forbid", "ban", "bar", "block", "preclude", "resist", "decline", "refrain", "oppose",
];

/** Lemmas of the negating verbs above, so inflected forms ("rejected", "lacks") count too. */
export const NEGATING_VERB_LEMMAS: ReadonlySet<string> = new Set([
  "reject", "refuse", "deny", "oppose", "dismiss", "exclude", "avoid", "lack", "stop", "cease", "halt",
  "abandon", "veto", "scrap", "forgo", "renounce", "rule_out", "prevent", "prohibit", "forbid", "ban", "bar",
  "block", "preclude", "resist", "decline", "refrain",
]);

/** Words that end a negation's reach: a new clause starts after them. */
export const CLAUSE_BREAKERS: ReadonlySet<string> = new Set([
  "but", "though", "although", "while", "whereas", "because", "since", "however", "yet", "which", "who",
  "whom", "unless", "except", "so", "despite", "as", "given", "saying", "describing", "calling",
]);

/** Hedges: a claim that carries one is possible, not certain. */
export const HEDGE_CUES: ReadonlySet<string> = new Set([
  "could", "may", "might", "possible", "possibly", "potential", "potentially", "perhaps", "maybe", "likely",
  "unlikely", "probably", "appear", "appears", "appeared", "seem", "seems", "seemed", "conceivably", "reportedly",
  "allegedly", "can", "option", "consider", "considering", "weigh", "weighing",
]);

/** Words that state something as settled; named in an `overstated` explanation when present. */
export const CERTAINTY_CUES: ReadonlySet<string> = new Set([
  "will", "is", "are", "was", "were", "has", "have", "confirmed", "confirms", "confirm", "promised", "promises",
  "promise", "guaranteed", "guarantees", "certainly", "definitely", "surely", "committed", "shall", "must",
  "pledged", "vowed", "announced",
]);

/**
 * Verbs that attribute words to someone: "X said", "X ruled out", "X rejected". The subject of the
 * first such verb is the speaker the draft names. Lemmas as wink-nlp produces them.
 */
export const ATTRIBUTION_VERB_LEMMAS: ReadonlySet<string> = new Set([
  "say", "state", "tell", "claim", "suggest", "signal", "emphasize", "emphasise", "indicate", "note", "reject",
  "rule", "underscore", "stress", "insist", "argue", "promise", "announce", "warn", "add", "explain",
  "acknowledge", "confirm", "deny", "welcome", "frame", "cast", "describe", "reinforce", "predict", "vow",
  "pledge", "declare", "assert", "maintain", "contend", "concede", "admit", "mention", "point", "believe",
  "think", "hint", "write", "tweet", "post", "remark", "report", "reiterate", "urge", "call", "propose",
  "endorse", "support", "oppose", "dismiss", "refuse", "praise", "criticize", "criticise", "make", "position",
  "agree", "disagree", "accept", "expect", "cite", "signaled", "signalled", "envision", "envisage", "outline",
]);

/** Words that may stand between a speaker's name and the verb: "Trump has firmly ruled out". */
export const SPEAKER_VERB_GAP: ReadonlySet<string> = new Set([
  "has", "have", "had", "also", "later", "then", "firmly", "again", "repeatedly", "publicly", "reportedly",
  "previously", "once", "earlier", "recently", "already", "clearly", "strongly", "flatly", "explicitly",
  "has also", "did", "does", "is", "was", "will", "would", "had", "just",
]);

/** Verbs of saying: they frame a sentence, so they should not count as unmatched content. */
export const FRAME_LEMMAS: ReadonlySet<string> = new Set([
  "say", "state", "tell", "note", "suggest", "signal", "emphasize", "emphasise", "indicate", "stress", "add",
  "explain", "mention", "claim", "underscore", "insist", "argue", "believe", "think", "write", "remark",
  "report", "reiterate", "make", "clear", "accord", "describe", "frame", "cast", "position", "later",
]);

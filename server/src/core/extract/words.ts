// Word lists the span rules use: titles that precede a name, pronouns, the verb-group words between a
// source and its cue, cues that take a recipient ("told reporters"), and the hedging and denying words.

/** Titles written before a name ("Sen. Lindsey Graham", "President Donald Trump"); they go to the role. */
export const TITLES: ReadonlySet<string> = new Set(
  (
    "president vice sen senator rep representative gov governor mayor secretary minister prime chancellor " +
    "mr mrs ms miss dr prof professor gen general adm admiral lt col colonel sgt capt captain judge justice chief " +
    "speaker leader chairman chairwoman chair councillor councilor councilman councilwoman director ambassador attorney candidate nominee former sheriff commissioner " +
    "rev pastor reverend bishop rabbi father pope king queen prince princess lord lady sir dame deputy assistant acting press spokesman spokeswoman spokesperson " +
    "u.s. us state house senate white foreign defense democratic republican gop presidential hopeful businessman billionaire " +
    "first first-lady lady senior advisor adviser strategist manager pollster analyst economist officer official"
  ).split(" "),
);

/** Words of time, which end a noun run and are no source themselves. */
export const TEMPORAL: ReadonlySet<string> = new Set(
  (
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august september " +
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec " +
    "today yesterday tomorrow tonight morning afternoon evening night week weekend month year day hour decade"
  ).split(" "),
);

export const PERSONAL_PRONOUNS: ReadonlySet<string> = new Set(["he", "she", "him", "her", "i", "we", "they", "it", "who", "you"]);

/** Words of a verb group that may stand between a source and its cue ("Trump has also repeatedly said"). */
export const VERB_GROUP: ReadonlySet<string> = new Set(
  (
    "has have had having is are was were be been being am do does did will would shall should can could may might must " +
    "not never also later then still repeatedly again already just once reportedly publicly privately openly first " +
    "n't 's 're 've 'd 'll ’s ’re ’ve ’d ’ll often recently previously initially earlier quickly flatly firmly"
  ).split(" "),
);

/** Cue lemmas whose first object is the person addressed, not the content ("told reporters that …"). */
export const RECIPIENT_CUES: ReadonlySet<string> = new Set([
  "tell",
  "ask",
  "inform",
  "assure",
  "warn",
  "remind",
  "urge",
  "promise",
  "convince",
  "persuade",
  "advise",
  "notify",
  "email",
  "text",
  "write",
]);

export const HEDGES =
  /\b(could|may|might|possible|possibly|potential|potentially|perhaps|likely|unlikely|probably|maybe|suggest(?:s|ed)?|appear(?:s|ed)?|seem(?:s|ed)?)\b/i;

/** Cues that deny what follows ("ruled out X": X is denied). */
export const NEGATING_CUES =
  /^(?:rul\w* out|reject\w*|den(?:y|ied|ies|ying)|dismiss\w*|refus\w*|oppos\w*|declin\w*|push\w* back|disput\w*|rebuff\w*|ruled out)$/i;

export const NEGATION = /\b(not|no|never|n['’]t|none|nobody|nothing|neither|nor|without)\b/i;

/** Multi-word cues, as lemma sequences, marked wherever they occur outside quotations. */
export const MULTIWORD_CUES: readonly string[][] = [
  ["rule", "out"],
  ["push", "back", "on"],
  ["point", "out"],
  ["call", "for"],
  ["according", "to"],
  ["in", "a", "statement"],
  ["make", "clear"],
  ["weigh", "in"],
];

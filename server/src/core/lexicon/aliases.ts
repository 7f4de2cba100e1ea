// Names that news writing uses interchangeably. Each group folds to one canonical term, so
// "the U.S.", "Washington" and "American" all retrieve a claim that says "United States".
//
// `entity: true` marks places and organisations: they help retrieval but say nothing about
// whether a sentence affirms or denies a claim, so polarity comparison skips them.
// Concepts (troops, air power) are not entities: "no boots on the ground" denies "troops".
//
// Phrases are lowercase word sequences as the tokenizer produces them ("u.s." stays one token).
// Matching prefers the longest phrase at each position.

export interface AliasGroup {
  term: string;
  entity: boolean;
  phrases: string[];
  /** Phrases that only count when written with a capital letter ("US" the country, not "us" the pronoun). */
  caseSensitive?: string[];
}

export const ALIAS_GROUPS: readonly AliasGroup[] = [
  {
    term: "#us",
    entity: true,
    phrases: [
      "u.s.",
      "u.s",
      "usa",
      "u.s.a.",
      "united states",
      "united states of america",
      "america",
      "american",
      "americans",
      "washington",
    ],
    caseSensitive: ["US"],
  },
  { term: "#ukraine", entity: true, phrases: ["ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"] },
  { term: "#russia", entity: true, phrases: ["russia", "russian", "russians", "moscow", "the kremlin", "kremlin"] },
  { term: "#europe", entity: true, phrases: ["europe", "european", "europeans", "the eu", "eu", "european union"] },
  { term: "#nato", entity: true, phrases: ["nato", "the alliance", "north atlantic treaty organization", "the atlantic alliance"] },
  { term: "#uk", entity: true, phrases: ["uk", "u.k.", "united kingdom", "britain", "great britain", "british"] },
  { term: "#france", entity: true, phrases: ["france", "french"] },
  { term: "#germany", entity: true, phrases: ["germany", "german"] },
  {
    term: "#troops",
    entity: false,
    phrases: [
      "troops",
      "troop",
      "soldiers",
      "soldier",
      "boots on the ground",
      "boots",
      "ground forces",
      "ground troops",
      "military personnel",
      "servicemen",
      "service members",
      "forces",
    ],
  },
  {
    term: "#air",
    entity: false,
    phrases: ["air power", "airpower", "air force", "air forces", "aerial", "air", "warplanes", "air support"],
  },
  // Verbs of putting forces somewhere; single words also match by lemma ("sent", "deploying").
  { term: "#deploy", entity: false, phrases: ["deploy", "deployment", "send", "dispatch", "put"] },
  { term: "#peace", entity: false, phrases: ["peace deal", "peace agreement", "peace settlement", "ceasefire", "peace"] },
];

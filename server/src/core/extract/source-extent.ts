// How far a source mention reaches, as PolNeAR marks it: the whole noun phrase with the modifiers that
// identify the speaker, not just its head run. The source model picks the head ("Anne Lee"); this
// widens it over what follows the head in the same clause —
//   a parenthetical                  "Rep. Anne Lee (D-Ore.) said"
//   a prepositional phrase           "A spokeswoman for the union said", "72 percent of voters say"
//   appositives and relative clauses, with the comma that closes them
//                                    "Anne Lee, a lawyer for the union, said", "Lee, who ran in 2012, said"
//   after the cue, to the clause's end
//                                    "said Anne Lee, a lawyer for the union."
// and not over what only sets the scene: "Lee, however, said", "Lee, in an interview on Monday, said",
// "Lee on Monday said", "said Lee, adding that …". The widened mention is stored as one more way the
// speaker is written (an alias), so that what reads the database finds the whole mention by the quote.
import type { XDoc, XToken } from "./tokens.js";
import { TEMPORAL, VERB_GROUP } from "./words.js";

/** How many tokens the modifiers may run to; longer stretches are rarely one noun phrase. */
const MAX_MODIFIER = 40;
/** Prepositions that open a phrase identifying a noun ("a spokeswoman for", "percent of", "economists at"). */
const PREPOSITIONS: ReadonlySet<string> = new Set(["of", "for", "at", "from", "in", "with", "among", "like", "by"]);
/** After a name, only these go on identifying it ("Gov. Anne Lee of Oregon"); "Lee in Ohio" sets the scene. */
const AFTER_NAME: ReadonlySet<string> = new Set(["of", "from"]);
const RELATIVES: ReadonlySet<string> = new Set(["who", "whose", "which", "whom"]);
/** Nouns of the medium or occasion ("in a statement", "at a rally"): the phrase says how, not who. */
const OCCASIONS =
  /^(?:statement|interview|speech|letter|e-?mail|tweet|call|release|conference|post|op-ed|rally|debate|hearing|briefing|appearance|meeting|event|address|note|memo|message|video|broadcast|show|program|podcast|radio|television|tv)s?$/;
/** What may open an appositive: the words that begin a noun phrase. */
const NOMINAL: ReadonlySet<string> = new Set(["DET", "NOUN", "PROPN", "ADJ", "NUM"]);
/** Words that open a clause whatever the tagger reads them as ("where Lee and Park believe …"). */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  "where",
  "when",
  "while",
  "because",
  "as",
  "if",
  "since",
  "though",
  "although",
  "but",
  "and",
]);
const POSSESSIVE: ReadonlySet<string> = new Set(["his", "her", "its", "their", "our", "my"]);
const isQuoteMark = (t: XToken) => t.value === "“" || t.value === "”" || t.value === '"';
/** Words that never belong to a name, even capitalised ("In", "And", "He"). */
const FUNCTION_POS: ReadonlySet<string> = new Set(["ADP", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "ADV", "PUNCT", "INTJ"]);
/** A verb as the tagger reads it, unless it is a capitalised word inside a name ("Human Rights Watch", "Josh"). */
const verbal = (t: XToken) => (t.pos === "VERB" || t.pos === "AUX") && !/^\p{Lu}/u.test(t.value);

/** Character ranges [start, end) of the content; a token inside one is never part of the source. */
type Pieces = readonly (readonly [number, number])[];

/**
 * The token range [first, last] of the whole mention whose head run is `source`, for the cue `cue`
 * with content `pieces`; `cues` marks the tokens of every cue of the text (modifiers never run over
 * another cue). The range is `source` itself when nothing identifying follows the head.
 */
export function sourceExtent(
  doc: XDoc,
  source: readonly [number, number],
  cue: readonly [number, number],
  pieces: Pieces,
  cues: Uint8Array,
): [number, number] {
  const tk = doc.tokens;
  const [a, b] = source;
  const sent = doc.sentences[tk[b].sentence];
  const before = b < cue[0];
  if (!before && a <= cue[1]) return [a, b];
  // a pronoun is the whole mention ("he"; "who" after a name is the name's, not the source's)
  if (a === b && tk[a].pos === "PRON") return [a, b];
  // the modifiers stop at the cue's verb group (before it) or at the clause's end (after it)
  let ceil = Math.min(sent.last, b + MAX_MODIFIER);
  if (before) {
    ceil = cue[0] - 1;
    while (ceil > b && (tk[ceil].pos === "AUX" || tk[ceil].pos === "PART" || tk[ceil].pos === "ADV" || VERB_GROUP.has(tk[ceil].lower)))
      ceil--;
  }
  const floor = before ? sent.first : cue[1] + 1;
  const free = (i: number) =>
    i >= floor &&
    i <= ceil &&
    !tk[i].inQuote &&
    !isQuoteMark(tk[i]) &&
    !cues[i] &&
    !pieces.some(([s, e]) => tk[i].start < e && tk[i].end > s);
  /** Whether a token ends the phrase it follows: a comma or a sentence's punctuation. */
  const ends = (t: XToken) => t.value === "," || /^[.!?;:]$/.test(t.value);
  /** The last free token from `k` on before the next comma or sentence punctuation. */
  const toComma = (k: number) => {
    while (free(k + 1) && !ends(tk[k + 1])) k++;
    return k;
  };
  const s = leftEdge(doc, newPhrase(doc, a, b), b, floor, before, free);
  let e = compoundEnd(doc, b, ceil, free);
  // a parenthetical right after the head: "(D-Ore.)"
  if (tk[e + 1]?.value === "(") {
    let k = e + 2;
    while (k - e <= 12 && free(k) && tk[k].value !== ")") k++;
    if (tk[k]?.value === ")" && k <= ceil) e = k;
  }
  // prepositional phrases without a verb, up to a comma ("a spokeswoman for the union")
  const person = tk[b].pos === "PROPN";
  while (free(e + 1) && PREPOSITIONS.has(tk[e + 1].lower) && (!person || AFTER_NAME.has(tk[e + 1].lower))) {
    // the phrase runs to the next preposition, so that a scene-setting one after it stays out
    let k = e + 2;
    // (and stops at a verb: "a spokeswoman for the committee emailed reporters")
    while (free(k) && !PREPOSITIONS.has(tk[k].lower) && !ends(tk[k]) && !verbal(tk[k])) k++;
    const phrase = tk.slice(e + 2, k);
    if (!phrase.length || phrase.some((t) => TEMPORAL.has(t.lower) || OCCASIONS.test(t.lower))) break;
    e = k - 1;
  }
  // a relative clause right after the head ("officials who spoke on condition of anonymity say"): to the
  // cue's verb group before the cue, to the next comma after it
  if (free(e + 1) && RELATIVES.has(tk[e + 1].lower)) {
    const k = toComma(e + 1);
    if (!before || k === ceil || (tk[k + 1]?.value === "," && k + 1 === ceil)) e = before && k + 1 === ceil ? k + 1 : k;
  }
  // a participle after a common noun ("emails released this week show", "a poll conducted in May"):
  // to the cue's verb group before the cue, to the clause's end after it, with no other verb or "and"
  if (free(e + 1) && tk[b].pos === "NOUN" && tk[e + 1].pos === "VERB" && /(?:ed|en|wn)$/.test(tk[e + 1].lower)) {
    const k = toComma(e + 1);
    const rest = tk.slice(e + 2, k + 1);
    if (!rest.some((t) => verbal(t) || t.pos === "CCONJ") && (!before || k === ceil)) e = k;
  }
  // appositives and relative clauses, each set off by a comma: "Lee, a lawyer for the union, who …,"
  let closed = e;
  let k = e;
  while (free(k + 1) && tk[k + 1].value === ",") {
    const open = tk[k + 2];
    if (!open || !free(k + 2)) break;
    const relative = RELATIVES.has(open.lower);
    const nominal = NOMINAL.has(open.pos) || POSSESSIVE.has(open.lower) || open.lower === "and";
    if (!relative && !nominal) break;
    let j = k + 2;
    let clause = relative;
    while (free(j + 1) && !ends(tk[j + 1])) {
      j++;
      // a verb in an appositive is a clause of its own ("Lee, the party's lawyer, has said"), unless
      // a relative pronoun opened it ("a lawyer who ran in 2012")
      if (RELATIVES.has(tk[j].lower)) clause = true;
      else if (verbal(tk[j]) && !clause) break;
    }
    if (verbal(tk[j]) && !clause) break;
    if (tk.slice(k + 2, j + 1).some((t) => TEMPORAL.has(t.lower) && t.pos !== "PROPN") && !relative) break;
    k = j;
    if (before) {
      // before the cue, an appositive counts once the comma that closes it is there
      if (tk[k + 1]?.value === "," && k + 1 <= ceil) closed = k + 1;
    } else closed = k;
  }
  return [s, Math.max(e, closed)];
}

/** Words that hedge a number ("about 40 lawmakers", "only 32 percent of voters"). */
const NUMBER_HEDGES: ReadonlySet<string> = new Set([
  "about",
  "nearly",
  "almost",
  "roughly",
  "around",
  "approximately",
  "only",
  "just",
  "some",
  "over",
  "under",
  "barely",
  "fully",
  "exactly",
  "precisely",
  "estimated",
]);
/** Words in -ing that open a phrase rather than modify a noun ("including independents", "according to"). */
const PREPOSITION_LIKE: ReadonlySet<string> = new Set([
  "including",
  "according",
  "regarding",
  "concerning",
  "following",
  "excluding",
  "during",
  "saying",
  "telling",
  "adding",
  "arguing",
]);
/** Two-word hedges of a number: "more than 40", "at least 12", "up to 300". */
const NUMBER_HEDGE_PAIRS: ReadonlySet<string> = new Set(["more than", "fewer than", "less than", "at least", "up to", "as many"]);

/** Whether tokens i-2, i-1, i are one hyphenated word the tokenizer split ("Brooklyn-based", "crowd-sourced"). */
const hyphenated = (tk: XToken[], i: number) =>
  i >= 2 &&
  tk[i - 1].value === "-" &&
  tk[i - 1].start === tk[i - 2].end &&
  tk[i].start === tk[i - 1].end &&
  /^\p{L}/u.test(tk[i - 2].value) &&
  /^\p{L}/u.test(tk[i].value);

/**
 * Where a head run ending at `b` really ends: over the nouns of a compound the source model cut short
 * ("Exit polling", "Judicial Watch", "media buying sources", "Bernie Sanders supporters"), a hyphenated
 * word among them included — up to `ceil`, never over a date or a word of the scene.
 */
function compoundEnd(doc: XDoc, b: number, ceil: number, free: (i: number) => boolean): number {
  const tk = doc.tokens;
  const nominal = (i: number) => {
    const t = tk[i];
    if (!free(i) || i > ceil || TEMPORAL.has(t.lower) || TEMPORAL.has(t.lemma)) return false;
    if (t.pos === "NOUN" || t.pos === "PROPN") return true;
    // a capitalised word inside a name, whatever the tagger read ("Human Rights Watch")
    if (/^\p{Lu}/u.test(t.value) && !FUNCTION_POS.has(t.pos)) return true;
    return false;
  };
  let e = b;
  for (;;) {
    const t = tk[e + 1];
    if (!t) break;
    if (nominal(e + 1)) e++;
    // "polling", "buying": a gerund the tagger read as a verb, inside the compound or closing it before the cue
    else if (
      free(e + 1) &&
      e + 1 <= ceil &&
      t.pos === "VERB" &&
      /ing$/.test(t.lower) &&
      !PREPOSITION_LIKE.has(t.lower) &&
      (e + 1 === ceil || nominal(e + 2))
    )
      e++;
    else if (e + 3 <= ceil && free(e + 3) && hyphenated(tk, e + 3) && tk[e + 1].start === tk[e].end) e += 2;
    else break;
  }
  return e;
}

/**
 * Where a head run [a, b] that holds two noun phrases side by side begins the last one: at its own
 * determiner ("two weeks the committee" → "the committee"; "the families of the victims" stays whole).
 */
function newPhrase(doc: XDoc, a: number, b: number): number {
  const tk = doc.tokens;
  let s = a;
  for (let i = a + 1; i <= b; i++) {
    const prev = tk[i - 1];
    if (tk[i].pos === "DET" && (prev.pos === "NOUN" || prev.pos === "PROPN" || prev.pos === "NUM" || prev.pos === "ADJ")) s = i;
  }
  return s;
}

/**
 * Where the mention whose head run starts at token `a` begins: back over the words before it that the
 * tagger split off ("White House spokesman Josh Earnest" with "Josh" read as a verb) and over a
 * coordination ("Lee and Park said", "current and former officials say").
 */
function leftEdge(doc: XDoc, a: number, b: number, floor: number, before: boolean, free: (i: number) => boolean): number {
  const tk = doc.tokens;
  const first = doc.sentences[tk[a].sentence].first;
  const nounish = (i: number) => {
    const t = tk[i];
    if (!free(i) || TEMPORAL.has(t.lower) || TEMPORAL.has(t.lemma)) return false;
    if (t.pos === "PROPN" || t.pos === "NOUN" || t.pos === "ADJ" || t.pos === "NUM") return true;
    // a capitalised word inside the sentence is part of a name, whatever the tagger read
    return i > first && /^\p{Lu}/u.test(t.value) && !FUNCTION_POS.has(t.pos);
  };
  // where a noun phrase may begin: the sentence's start, after a comma or quotation mark, after a
  // subordinator, or right after a cue that comes first ("according to Democratic and independent analysts")
  const opensClause = (i: number) => {
    const lead = tk[i - 1];
    return (
      i === first ||
      (!before && i === floor) ||
      lead.value === "," ||
      lead.value === "“" ||
      lead.value === "”" ||
      lead.pos === "SCONJ" ||
      CLAUSE_OPENERS.has(lead.lower)
    );
  };
  let s = a;
  const back = () => {
    for (;;) {
      if (s - 1 >= floor && nounish(s - 1)) s--;
      // "a 54% majority"
      else if (s - 2 >= floor && tk[s - 1].value === "%" && free(s - 1) && nounish(s - 2)) s -= 2;
      // "the Brooklyn-based campaign", "a still-struggling company": one word the tokenizer split
      else if (s - 3 >= floor && hyphenated(tk, s - 1) && free(s - 1) && free(s - 3)) s -= 3;
      // "growing numbers", "a Reuters rolling poll": a participle before the noun, after a word of the phrase
      else if (
        s - 1 >= floor &&
        free(s - 1) &&
        tk[s - 1].pos === "VERB" &&
        /ing$/.test(tk[s - 1].lower) &&
        !PREPOSITION_LIKE.has(tk[s - 1].lower) &&
        (s - 1 === first || (s - 2 >= floor && (nounish(s - 2) || tk[s - 2].pos === "DET")))
      )
        s--;
      else if (s - 2 >= floor && tk[s - 1].value === "." && tk[s - 2].pos === "PROPN") s--;
      // "CNN/ORC", "Brooklyn-based": a slash or hyphen inside a word the tokenizer split
      else if (
        s - 2 >= floor &&
        (tk[s - 1].value === "/" || tk[s - 1].value === "-") &&
        tk[s - 1].start === tk[s - 2].end &&
        nounish(s - 2)
      )
        s -= 2;
      else break;
    }
    // a number's hedge ("about 200 protesters", "more than 40 lawmakers", "only about 4 in 10")
    if (tk[s].pos === "NUM" || /^\p{N}/u.test(tk[s].value)) {
      for (;;) {
        if (s - 1 >= floor && free(s - 1) && NUMBER_HEDGES.has(tk[s - 1].lower)) s--;
        else if (s - 2 >= floor && free(s - 2) && free(s - 1) && NUMBER_HEDGE_PAIRS.has(`${tk[s - 2].lower} ${tk[s - 1].lower}`)) s -= 2;
        else break;
      }
    }
    if (s - 1 >= floor && free(s - 1) && (tk[s - 1].pos === "DET" || POSSESSIVE.has(tk[s - 1].lower))) s--;
  };
  back();
  // after a cue that comes first, a few words the tagger read as verbs still open the phrase
  // ("according to company documents", "according to exit polls")
  if (
    !before &&
    s > floor &&
    s - floor <= 2 &&
    tk.slice(floor, s).every((t, k) => free(floor + k) && /^\p{L}/u.test(t.value) && !FUNCTION_POS.has(t.pos))
  )
    s = floor;
  // "Lee and Park", "Lee, Park and Kim", "current and former officials": only at the start of the
  // clause, so that an object before the source ("met Lee and Park said") stays out
  for (let n = 0; n < 4 && s - 2 >= floor && (tk[s - 1].lower === "and" || (n > 0 && tk[s - 1].value === ",")) && free(s - 1); n++) {
    const keep = s;
    s -= 1;
    const at = s;
    back();
    if (s === at) {
      s = keep;
      break;
    }
    if (s - 1 >= floor && (tk[s - 1].lower === "both" || tk[s - 1].lower === "neither")) s--;
    if (!opensClause(s)) {
      s = keep;
      break;
    }
  }
  // a description before the name, set off by commas: "Her campaign manager, Ana Ruiz, said"
  if (s === a && s - 2 >= floor && tk[s - 1].value === "," && free(s - 1) && (!before || tk[b + 1]?.value === ",")) {
    const keep = s;
    s -= 1;
    const at = s;
    back();
    const description = tk.slice(s, at).some((t) => t.pos === "NOUN");
    if (s === at || !description || !opensClause(s)) s = keep;
  }
  return s;
}

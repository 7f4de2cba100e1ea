// Turns one sentence into what the matcher compares: tokens with offsets, lemmas and parts of
// speech (wink-nlp), folded into content units — one per word or alias phrase — each carrying
// a normalised term and whether a negation in its clause denies it.
import stem from "wink-porter2-stemmer";
import { ALIAS_GROUPS } from "./lexicon/aliases.js";
import { CLAUSE_BREAKERS, HEDGE_CUES, NEGATING_VERB_LEMMAS, NEGATION_CUES } from "./lexicon/cues.js";
import type { Nlp } from "./nlp.js";

export interface Token {
  /** The text as written. */
  text: string;
  /** Lowercase, with curly quotes straightened. */
  lower: string;
  lemma: string;
  /** Universal part-of-speech tag (PROPN, VERB, NOUN …). */
  pos: string;
  /** Offsets relative to the analysed text. */
  start: number;
  end: number;
  isWord: boolean;
  isStop: boolean;
  /** Which clause of the sentence the token is in (commas, "but", "because" … start a new one). */
  clause: number;
  /** Part of a date, time or duration ("the coming weeks", "next year"): weak evidence of topic. */
  temporal: boolean;
}

export interface Unit {
  /** Normalised term: an alias group ("#us") or the stem of the lemma. */
  term: string;
  /** Places and organisations: matched for retrieval, skipped when comparing polarity. */
  entity: boolean;
  /** Token index range [first, last]. */
  first: number;
  last: number;
  /** Surface text and lowercase lemma, for lookups in the lexicon and for explanations. */
  surface: string;
  lemma: string;
  lower: string;
  /** Part of speech of a single-word unit (universal tag), "" for phrases. */
  pos: string;
  /** True when an odd number of negations in its clause reach it. */
  negated: boolean;
  /** The negation cue that reaches it, for explanations. */
  negatedBy?: string;
  /** Words between it and that cue: the nearest word is what the negation is about. */
  negationDistance: number;
  /** Stands before a "not" of its own clause: the subject of a denial, neither affirmed nor denied. */
  beforeNegation: boolean;
  /** The unit is itself a negation cue ("rejected", "lacks"). */
  isCue: boolean;
  /** The unit is a hedge word ("possible"): a verdict cue, not content. */
  isHedge: boolean;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  units: Unit[];
  /** Token indices of hedge cues ("could", "may", "appears"). */
  hedges: number[];
}

/** The alias table (lexicon/aliases.ts) as lookups, built once from its literals. */
const ALIASES: AliasTable = buildAliasTable();
const NEGATION_PHRASES: readonly (readonly string[])[] = NEGATION_CUES.map((c) => c.split(" "));
const SINGLE_NEGATIONS: ReadonlySet<string> = new Set(NEGATION_PHRASES.filter((p) => p.length === 1).map((p) => p[0]));
/** The cues of more than one word by their first word, in NEGATION_CUES' order (the first that fits is taken). */
const NEGATION_PHRASES_BY_FIRST: ReadonlyMap<string, readonly (readonly string[])[]> = phrasesByFirstWord(NEGATION_PHRASES);
/** The punctuation tokens that end a clause (endsClause). */
const CLAUSE_PUNCTUATION: ReadonlySet<string> = new Set([",", ";", ":", "(", ")", "\u2013", "\u2014", "!", "?", ".", "-", "--"]);
/** "not only", "not merely": these add rather than deny. */
const NON_NEGATING_AFTER_NOT: ReadonlySet<string> = new Set(["only", "merely", "just", "simply", "least"]);
const MAX_NEGATION_REACH = 10;
const CLAUSE_WIDE: ReadonlySet<string> = new Set(["not", "n't", "no", "never", "cannot", "nor", "neither"]);

/** Maps a word English does not know to the vocabulary word it misspells, with that word's lemma. */
export type SpellFix = (lower: string) => { lower: string; lemma: string } | undefined;

/** One text (a draft sentence, a query, a quote) analysed with `nlp`; `fix` corrects words English does not know. */
export function analyze(nlp: Nlp, text: string, fix?: SpellFix): Analysis {
  return analyzeTokens(text, tokenize(nlp, text), (w) => nlp.termOf(w, termOf), fix);
}

/**
 * Analyses many short texts (claims) at once. wink-nlp's cost per call dwarfs its cost per
 * token for texts this short, so they are read as one document, blank-line separated, and
 * the tokens are dealt back to their texts.
 */
export function analyzeMany(nlp: Nlp, texts: readonly string[]): Analysis[] {
  const SEP = "\n\n";
  const all = tokenize(nlp, texts.join(SEP));
  const term = (w: string) => nlp.termOf(w, termOf);
  const out: Analysis[] = [];
  let k = 0;
  let base = 0;
  for (const text of texts) {
    const mine: Token[] = [];
    for (; k < all.length && all[k].start < base + text.length; k++) {
      if (all[k].start < base || all[k].end > base + text.length) continue; // the separator
      mine.push({ ...all[k], start: all[k].start - base, end: all[k].end - base });
    }
    out.push(analyzeTokens(text, mine, term));
    base += text.length + SEP.length;
  }
  return out;
}

function analyzeTokens(text: string, tokens: Token[], term: (word: string) => string, fix?: SpellFix): Analysis {
  numberClauses(tokens);
  if (fix) {
    // Correct before anything reads the words, so "rulled out" is still a negation.
    for (const t of tokens) {
      if (!t.isWord || t.isStop || t.lower.length < 5) continue;
      const f = fix(t.lower);
      if (f) {
        t.lower = f.lower;
        t.lemma = f.lemma;
      }
    }
  }
  const units: Unit[] = [];
  const hedges: number[] = [];
  const cueAt = new Map<number, { length: number; text: string }>();

  for (let i = 0; i < tokens.length; i++) {
    const cue = negationCueAt(tokens, i);
    if (cue) cueAt.set(i, cue);
    if (HEDGE_CUES.has(tokens[i].lower)) hedges.push(i);
  }

  // Negation reach: from a cue to the end of its clause, or a fixed number of words.
  const negations = new Array<number>(tokens.length).fill(0);
  const negatedBy = new Array<string | undefined>(tokens.length);
  const distance = new Array<number>(tokens.length).fill(Infinity);
  const beforeNegation = new Array<boolean>(tokens.length).fill(false);
  for (const [i, cue] of cueAt) {
    // "Taxes will not be raised": what stands before "not" in its clause is its subject, not what
    // is denied. Such words are marked, and the verdict does not compare their polarity.
    if (CLAUSE_WIDE.has(tokens[i].lower)) {
      let words = 0;
      for (let j = i - 1; j >= 0 && words < MAX_NEGATION_REACH; j--) {
        const t = tokens[j];
        if (endsClause(t)) break;
        beforeNegation[j] = true;
        if (t.isWord) words++;
      }
    }
    let words = 0;
    for (let j = i + cue.length; j < tokens.length && words < MAX_NEGATION_REACH; j++) {
      const t = tokens[j];
      if (endsClause(t)) break;
      negations[j]++;
      negatedBy[j] ??= cue.text;
      if (t.isWord) words++;
      distance[j] = Math.min(distance[j], words);
    }
  }

  for (let i = 0; i < tokens.length;) {
    const alias = aliasAt(tokens, i);
    if (alias) {
      const last = i + alias.length - 1;
      units.push(makeUnit(tokens, i, last, alias.term, alias.entity, { negations, negatedBy, distance, beforeNegation }, false));
      i = last + 1;
      continue;
    }
    const t = tokens[i];
    const cue = cueAt.get(i);
    if (t.isWord && !t.isStop && !isPossessive(t) && t.pos !== "PUNCT") {
      const isHedge = HEDGE_CUES.has(t.lower);
      const u = makeUnit(tokens, i, i, term(t.lemma), false, { negations, negatedBy, distance, beforeNegation }, !!cue);
      u.isHedge = isHedge;
      units.push(u);
    }
    i += cue ? Math.max(1, cue.length) : 1;
  }
  return { text, tokens, units, hedges };
}

/** The term a word maps to: its alias group, or the Porter2 stem of its lemma. */
export function termOf(word: string): string {
  const lower = word.toLowerCase();
  const alias = ALIASES.single.get(lower);
  if (alias) return alias.term;
  const multi = ALIASES.multi.get(lower);
  if (multi) return multi.term;
  return stem(lower.replace(/['’]s$/, ""));
}

/** The alias table's multi-word phrases (lowercase, words separated by one space) and their terms. */
export function multiWordAliases(): ReadonlyMap<string, { term: string; entity: boolean }> {
  return ALIASES.multi;
}

/** The term of the one-word alias `lower` (lowercase, straightened, as aliasAt looks words up), if it is one. */
export function singleAliasTerm(lower: string): string | undefined {
  return ALIASES.single.get(lower)?.term;
}

/** The term of a case-sensitive alias written exactly `text` ("US"), if there is one. */
export function caseSensitiveAliasTerm(text: string): string | undefined {
  return ALIASES.caseSensitive.get(text)?.term;
}

/** Lowercase, with curly apostrophes straightened, as analysis reads a word. */
export function lowerWord(s: string): string {
  return straighten(s.toLowerCase());
}

/** Is this term one of the alias groups marked as places or organisations? */
export function isEntityTerm(term: string): boolean {
  return ALIASES.entityTerms.has(term);
}

function makeUnit(
  tokens: Token[],
  first: number,
  last: number,
  term: string,
  entity: boolean,
  scope: { negations: number[]; negatedBy: (string | undefined)[]; distance: number[]; beforeNegation: boolean[] },
  isCue: boolean,
): Unit {
  const { negations, negatedBy, distance, beforeNegation } = scope;
  // A unit is one word but for alias phrases: no array is made for one.
  let surface = tokens[first].text;
  let temporal = tokens[first].temporal;
  for (let k = first + 1; k <= last; k++) {
    surface += " " + tokens[k].text;
    temporal ||= tokens[k].temporal;
  }
  return {
    term,
    // Dates and durations are matched like places: they help find a claim, not decide one.
    entity: entity || temporal,
    first,
    last,
    surface,
    lemma: first === last ? tokens[first].lemma : surface.toLowerCase(),
    lower: first === last ? tokens[first].lower : surface.toLowerCase(),
    pos: first === last ? tokens[first].pos : "",
    negated: negations[first] % 2 === 1,
    negatedBy: negations[first] % 2 === 1 ? negatedBy[first] : undefined,
    negationDistance: distance[first],
    beforeNegation: beforeNegation[first],
    isCue,
    isHedge: false,
  };
}

const TEMPORAL_ENTITIES: ReadonlySet<string> = new Set(["DATE", "TIME", "DURATION"]);

function tokenize(nlp: Nlp, text: string): Token[] {
  const { values, lemmas, poses, types, stops, starts, ends, entities } = nlp.analysisTokens(text);
  const temporal = new Uint8Array(values.length);
  for (const e of entities) if (TEMPORAL_ENTITIES.has(e.type)) for (let i = e.first; i <= e.last; i++) temporal[i] = 1;
  const out = new Array<Token>(values.length);
  for (let i = 0; i < values.length; i++) {
    const type = types[i];
    out[i] = {
      text: values[i],
      // wink splits "dont", "wont", "didnt" into do|nt, wo|nt, did|nt, lemma "not": the "nt" is the n't it stands for.
      lower: lemmas[i] === "not" && /^nt$/i.test(values[i]) ? "n't" : straighten(values[i].toLowerCase()),
      // wink-nlp gives some contractions no lemma ("wouldnt’"): the word is its own lemma then.
      lemma: straighten((lemmas[i] ?? values[i]).toLowerCase()),
      pos: poses[i],
      start: starts[i],
      end: ends[i],
      isWord: type === "word" || type === "number" || type === "hashtag",
      isStop: !!stops[i],
      clause: 0,
      temporal: temporal[i] === 1,
    };
  }
  return out;
}

function numberClauses(tokens: Token[]): void {
  let clause = 0;
  for (const t of tokens) {
    if (endsClause(t)) clause++;
    t.clause = clause;
  }
}

function straighten(s: string): string {
  return s.replace(/[\u2018\u2019\u02bc]/g, "'");
}

function isPossessive(t: Token): boolean {
  return t.lower === "'s" || t.lower === "'" || t.lower === "s'";
}

function endsClause(t: Token): boolean {
  if (!t.isWord) return CLAUSE_PUNCTUATION.has(t.text);
  return CLAUSE_BREAKERS.has(t.lower);
}

function negationCueAt(tokens: Token[], i: number): { length: number; text: string } | undefined {
  const t = tokens[i];
  if (t.lower === "not" || t.lower === "n't") {
    const next = tokens[i + 1];
    if (next && NON_NEGATING_AFTER_NOT.has(next.lower)) return undefined;
  }
  for (const phrase of NEGATION_PHRASES_BY_FIRST.get(t.lower) ?? NO_PHRASES) {
    if (phrase.every((w, k) => tokens[i + k]?.lower === w)) {
      return {
        length: phrase.length,
        text: tokens
          .slice(i, i + phrase.length)
          .map((x) => x.text)
          .join(" "),
      };
    }
  }
  // "rule out" in any tense, and "ruling ... out" is rare enough to skip.
  if (t.lemma === "rule" && tokens[i + 1]?.lower === "out") return { length: 2, text: `${t.text} ${tokens[i + 1].text}` };
  if (SINGLE_NEGATIONS.has(t.lower)) return { length: 1, text: t.text };
  if ((t.pos === "VERB" || t.pos === "NOUN") && NEGATING_VERB_LEMMAS.has(t.lemma)) return { length: 1, text: t.text };
  return undefined;
}

function aliasAt(tokens: Token[], i: number): { term: string; entity: boolean; length: number } | undefined {
  const t = tokens[i];
  // The longest phrase first; only words that start one are looked up with their followers.
  if (ALIASES.firstWords.has(t.lower)) {
    const longest = Math.min(ALIASES.maxLength, tokens.length - i);
    const keys: string[] = [t.lower];
    for (let n = 2; n <= longest; n++) keys.push(keys[n - 2] + " " + tokens[i + n - 1].lower);
    for (let n = longest; n >= 2; n--) {
      const hit = ALIASES.multi.get(keys[n - 1]);
      if (hit) return { ...hit, length: n };
    }
  }
  const hit = ALIASES.single.get(t.lower) ?? ALIASES.single.get(t.lemma);
  if (hit) return { ...hit, length: 1 };
  const cs = ALIASES.caseSensitive.get(t.text);
  if (cs) return { ...cs, length: 1 };
  return undefined;
}

/** Phrases of more than one word by their first word, each list in the order given. */
function phrasesByFirstWord(phrases: readonly (readonly string[])[]): Map<string, (readonly string[])[]> {
  const out = new Map<string, (readonly string[])[]>();
  for (const p of phrases) {
    if (p.length < 2) continue;
    const list = out.get(p[0]);
    if (list) list.push(p);
    else out.set(p[0], [p]);
  }
  return out;
}

const NO_PHRASES: readonly (readonly string[])[] = [];

interface AliasTable {
  single: ReadonlyMap<string, { term: string; entity: boolean }>;
  multi: ReadonlyMap<string, { term: string; entity: boolean }>;
  caseSensitive: ReadonlyMap<string, { term: string; entity: boolean }>;
  entityTerms: ReadonlySet<string>;
  /** First words of the multi-word phrases. */
  firstWords: ReadonlySet<string>;
  maxLength: number;
}

function buildAliasTable(): AliasTable {
  const single = new Map<string, { term: string; entity: boolean }>();
  const multi = new Map<string, { term: string; entity: boolean }>();
  const caseSensitive = new Map<string, { term: string; entity: boolean }>();
  const entityTerms = new Set<string>();
  const firstWords = new Set<string>();
  let maxLength = 1;
  for (const g of ALIAS_GROUPS) {
    if (g.entity) entityTerms.add(g.term);
    for (const p of g.phrases) {
      const words = p.split(" ");
      maxLength = Math.max(maxLength, words.length);
      (words.length === 1 ? single : multi).set(p, { term: g.term, entity: g.entity });
      if (words.length > 1) firstWords.add(words[0]);
    }
    for (const p of g.caseSensitive ?? []) caseSensitive.set(p, { term: g.term, entity: g.entity });
  }
  return { single, multi, caseSensitive, entityTerms, firstWords, maxLength };
}

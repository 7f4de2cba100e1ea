// What indexing one database's claims takes from their analyses, as plain data: an IndexPart. Analysing a claim
// (wink-nlp's tagger, then analyze.ts) is nearly all the cost of an index, ≈ 100–200 µs a claim; everything else the
// index holds (postings, weights, speaker names, the typo index) is computed from parts in a fraction of that. A
// part depends only on its claims' statements, quotes and speakers and on the analysis code, never on the other
// databases loaded beside it, so a host may keep it (server/src/node/index-cache.ts writes it beside a large claims
// file) and hand it back instead of analysing the claims again: ClaimIndex merges parts in database order.
import { type Analysis, analyzeMany, isEntityTerm, termOf as termOfWord } from "./analyze.js";
import { ClaimTermStore, type ClaimTermArrays, StringTable, type TermEntry } from "./claim-terms.js";
import { FRAME_LEMMAS } from "./lexicon/cues.js";
import type { Pos } from "./lexicon/lexicon.js";
import type { Nlp } from "./nlp.js";
import type { Claim } from "./types.js";

/** The layout of IndexPart; a part of another format is not read (a host rebuilds it). */
export const INDEX_PART_FORMAT = 1;

export interface IndexPart {
  format: number;
  /** How many claims it describes: those of its database, in order. */
  claims: number;
  /** Term names by number (ClaimTermArrays.term and .pair, vocabPos). */
  terms: string[];
  /** Surfaces and negation cues by number (ClaimTermArrays.surface and .negatedBy). */
  texts: string[];
  arrays: ClaimTermArrays;
  /** Per term, the parts of speech (posBit) it has in these claims. */
  vocabPos: Uint8Array;
  /**
   * Words a draft may misspell, with their lemmas: the statements' content words, and the quotes' own forms of the
   * statements' terms. A quote's word has `null` (its lemma is itself, unless some statement gives it one).
   */
  surfaceWords: string[];
  surfaceLemmas: (string | null)[];
}

const WORDNET_POS: Readonly<Record<string, Pos>> = { NOUN: "noun", PROPN: "noun", VERB: "verb", ADJ: "adj", ADV: "adv" };

/** A part of speech (or none: a phrase, a function word) as one bit of a set (ClaimTerm.pos). */
export function posBit(p: Pos | undefined): number {
  return p === "noun" ? 1 : p === "verb" ? 2 : p === "adj" ? 4 : p === "adv" ? 8 : 16;
}

/** Claims analysed per wink-nlp call (analyzeMany: one document of blank-line-separated texts). */
export const ANALYSIS_BATCH = 200;

const WORD = /\p{L}[\p{L}'’-]*/gu;

/** Builds a part claim by claim, in database order. */
export class IndexPartBuilder {
  private readonly terms = new StringTable();
  private readonly store = new ClaimTermStore(this.terms);
  private vocabPos = new Uint8Array(256);
  private readonly surface = new Map<string, string | null>();
  private readonly speakerWords = new Map<Claim["speaker"], ReadonlySet<string>>();
  private count = 0;

  constructor(private readonly nlp: Nlp) {}

  private termOf(word: string): string {
    return this.nlp.termOf(word, termOfWord);
  }

  /** The lowercase words of a speaker's name and aliases, but "the" and places; once per speaker object (claims share them). */
  private speakerWordsOf(speaker: Claim["speaker"]): ReadonlySet<string> {
    let words = this.speakerWords.get(speaker);
    if (!words) {
      words = new Set(
        [speaker.name, ...(speaker.aliases ?? [])]
          .flatMap((a) => a.toLowerCase().split(/\s+/))
          // "the U.S. president" names the speaker, but "U.S." in a claim is a place all the same.
          .filter((w) => w !== "the" && !isEntityTerm(this.termOf(w))),
      );
      this.speakerWords.set(speaker, words);
    }
    return words;
  }

  add(claim: Claim, analysis: Analysis): void {
    const speakerWords = this.speakerWordsOf(claim.speaker);
    // The claim's distinct terms in statement order, by term number → their place in `entries`.
    const local = new Map<number, number>();
    const entries: TermEntry[] = [];
    const posBits: number[] = [];
    const unitTerms = analysis.units.map((u) => this.terms.id(u.term));
    analysis.units.forEach((u, k) => {
      if (u.isHedge) return;
      // The speaker's own name is who said it, not what was said.
      if (u.first === u.last && speakerWords.has(u.lower) && analysis.tokens[u.first].pos === "PROPN") return;
      const t = unitTerms[k];
      if (local.has(t)) return;
      local.set(t, entries.length);
      entries.push({
        term: t,
        negated: u.negated,
        negatedBy: u.negatedBy,
        negationDistance: u.negationDistance,
        beforeNegation: u.beforeNegation,
        entity: u.entity || isEntityTerm(u.term),
        surface: u.surface,
        isCue: u.isCue,
      });
      posBits.push(0);
    });
    if (this.vocabPos.length < this.terms.size) {
      const grown = new Uint8Array(Math.max(this.terms.size, this.vocabPos.length * 2));
      grown.set(this.vocabPos);
      this.vocabPos = grown;
    }
    const pairTerms: number[] = [];
    analysis.units.forEach((u, k) => {
      const bit = posBit(WORDNET_POS[u.pos]);
      const t = unitTerms[k];
      const e = local.get(t);
      if (e !== undefined) posBits[e] |= bit;
      this.vocabPos[t] |= bit;
      // matcher.ts termPairs: the units that are neither hedges nor frame verbs, side by side.
      if (!u.isHedge && !FRAME_LEMMAS.has(u.lemma)) pairTerms.push(t);
    });
    this.store.addClaim(entries, posBits, pairTerms);
    this.count++;
    // Words a draft may misspell: the statement's, with their lemmas, and the quote's own forms
    // of the same terms ("ruling" for "ruled"). The quote is only split into words: running the
    // full analysis on it too would double the cost of loading a large feed.
    const terms = new Set(entries.map((e) => this.terms.names[e.term]));
    for (const t of analysis.tokens) {
      if (!t.isWord || t.isStop || !terms.has(this.termOf(t.lemma))) continue;
      this.surface.set(t.lower, t.lemma);
    }
    for (const w of claim.source.quote.toLowerCase().match(WORD) ?? []) {
      if (this.surface.has(w) || !terms.has(this.termOf(w))) continue;
      this.surface.set(w, null);
    }
  }

  finish(): IndexPart {
    return {
      format: INDEX_PART_FORMAT,
      claims: this.count,
      terms: [...this.terms.names],
      texts: [...this.store.texts.names],
      arrays: this.store.arrays(),
      vocabPos: this.vocabPos.slice(0, this.terms.size),
      surfaceWords: [...this.surface.keys()],
      surfaceLemmas: [...this.surface.values()],
    };
  }
}

/**
 * The part of these claims, analysed ANALYSIS_BATCH at a time; `pause` (when given) is awaited between batches, and
 * then the first batches are smaller (1, 2, 4, … claims): the first analyses run in cold code, tens of times slower
 * than later ones, and a first batch of 200 (or a small database whole) held the event loop for 40 ms at a server's
 * start. A claim's analysis does not depend on the batch it is in (each text is its own paragraph).
 */
export async function buildIndexPart(claims: readonly Claim[], nlp: Nlp, pause?: () => Promise<void>): Promise<IndexPart> {
  const b = new IndexPartBuilder(nlp);
  let size = pause ? 1 : ANALYSIS_BATCH;
  for (let i = 0; i < claims.length; i += size, size = Math.min(ANALYSIS_BATCH, size * 2)) {
    addBatch(b, claims.slice(i, i + size), nlp);
    if (pause) await pause();
  }
  return b.finish();
}

/** The same as buildIndexPart, at once. */
export function buildIndexPartSync(claims: readonly Claim[], nlp: Nlp): IndexPart {
  const b = new IndexPartBuilder(nlp);
  for (let i = 0; i < claims.length; i += ANALYSIS_BATCH) addBatch(b, claims.slice(i, i + ANALYSIS_BATCH), nlp);
  return b.finish();
}

function addBatch(b: IndexPartBuilder, batch: readonly Claim[], nlp: Nlp): void {
  const analyses = analyzeMany(
    nlp,
    batch.map((c) => c.text),
  );
  batch.forEach((c, k) => b.add(c, analyses[k]));
}

/**
 * Is `part` one these claims could have given, as far as checking costs little: the right format and count, tables
 * and arrays of consistent sizes, and, for `samples` claims spread over the database, the same terms (with all their
 * fields) and pairs as analysing them now gives. A part from an older analysis, or for other claims, fails here.
 */
export function partMatches(part: IndexPart, claims: readonly Claim[], nlp: Nlp, samples = 12): boolean {
  if (!wellFormed(part, claims.length)) return false;
  const n = claims.length;
  if (n === 0) return true;
  const picks = [...new Set(Array.from({ length: Math.min(samples, n) }, (_, k) => Math.floor((k * (n - 1)) / Math.max(1, samples - 1))))];
  const fresh = buildIndexPartSync(
    picks.map((i) => claims[i]),
    nlp,
  );
  const mine = new ClaimTermStore(new StringTable(part.terms), new StringTable(part.texts), part.arrays);
  const theirs = new ClaimTermStore(new StringTable(fresh.terms), new StringTable(fresh.texts), fresh.arrays);
  return picks.every((id, k) => sameTerms(mine.termsOf(id), theirs.termsOf(k)) && sameSet(mine.pairsOf(id), theirs.pairsOf(k)));
}

function sameTerms(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  const ka = [...a.keys()];
  const kb = [...b.keys()];
  // pos bits are per claim: the same in both; the whole record is compared field by field.
  return ka.every((k, i) => k === kb[i] && JSON.stringify(a.get(k)) === JSON.stringify(b.get(k)));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Sizes that hold together, and every number inside its table: a truncated or damaged part fails. */
function wellFormed(part: IndexPart, claims: number): boolean {
  if (part.format !== INDEX_PART_FORMAT || part.claims !== claims) return false;
  const a = part.arrays;
  const entries = a.term.length;
  if (a.termStart.length !== claims + 1 || a.pairStart.length !== claims + 1) return false;
  if ([a.flags, a.pos, a.distance, a.negatedBy, a.surface].some((x) => x.length !== entries)) return false;
  if (part.vocabPos.length !== part.terms.length || part.surfaceWords.length !== part.surfaceLemmas.length) return false;
  const ascending = (starts: Int32Array, end: number) => {
    if (starts[0] !== 0 || starts[claims] !== end) return false;
    for (let i = 0; i < claims; i++) if (starts[i] > starts[i + 1]) return false;
    return true;
  };
  if (!ascending(a.termStart, entries) || !ascending(a.pairStart, a.pair.length)) return false;
  const within = (xs: Int32Array, size: number, none = false) => {
    const least = none ? -1 : 0;
    for (let i = 0; i < xs.length; i++) if (xs[i] >= size || xs[i] < least) return false;
    return true;
  };
  return (
    within(a.term, part.terms.length) &&
    within(a.pair, part.terms.length) &&
    within(a.surface, part.texts.length) &&
    within(a.negatedBy, part.texts.length, true)
  );
}

// The retrieval side of the matcher: an inverted index from terms to claims with BM25-style
// weights, and the mapping that carries a draft's words onto the index's vocabulary
// (aliases, typos, WordNet synonyms, derived forms and antonyms).
import {
  type Analysis,
  analyzeMany,
  caseSensitiveAliasTerm,
  lowerWord,
  multiWordAliases,
  singleAliasTerm,
  termOf as termOfWord,
  type Unit,
} from "./analyze.js";
import { lemmaForms } from "./lemma-forms.js";
import { quotedParts, SCARE_QUOTE_MAX_WORDS, wordCount } from "./quotes.js";
import { boundTokens } from "./nlp.js";
import { type RecordVocabulary, recordVocabulary } from "./support.js";
import { TypoIndex } from "./typo-index.js";
import { SpeakerWords } from "./speaker-words.js";
import type { Claim } from "./types.js";
import type { ClaimTerm, IndexedClaim } from "./indexed-claim.js";
import { type ClaimReach, ClaimTermStore, PackedClaimTerms, StringTable } from "./claim-terms.js";
import { buildIndexPart, buildIndexPartSync, type IndexPart, posBit } from "./index-part.js";
import type { Lexicon, Pos } from "./lexicon/lexicon.js";
import type { Nlp } from "./nlp.js";
import { CandidateScorer, type WeightedTerm } from "./candidate-scores.js";

const WORDNET_POS: Readonly<Record<string, Pos>> = { NOUN: "noun", PROPN: "noun", VERB: "verb", ADJ: "adj", ADV: "adv" };

/** One claim term a draft sentence reaches, and through which of its units. */
export interface TermHit {
  term: string;
  unit: Unit;
  link: TermLink;
}

/** How a draft word reaches a claim term. */
export interface TermLink {
  term: string;
  /** 1 for the same term; less for a typo, synonym or antonym. */
  weight: number;
  /** True when the word means the opposite of the term (an antonym, or "un" + the term). */
  flipped: boolean;
  via: "exact" | "synonym" | "antonym" | "prefix";
}

const WEIGHT = { synonym: 0.8, antonym: 0.8, prefix: 0.9 } as const;
/** A term in more than this share of the claims (and COMMON_FLOOR claims at least) only re-ranks candidates. */
const COMMON_SHARE = 0.02;
const COMMON_FLOOR = 2000;
/** Claims merged from a part between two pauses of an asynchronous build (a few milliseconds' work). */
const MERGE_SLICE = 2_000;

/** A part being merged: its numbers of terms and texts in the index's tables, and where its claims start. */
interface MergingPart {
  part: IndexPart;
  terms: Int32Array;
  texts: Int32Array;
  offset: number;
}

/** One database's claims as the index is built from them, with their IndexPart when the host has kept it. */
export interface IndexSource {
  claims: readonly Claim[];
  /** Checked by the host to be these claims' (index-part.ts partMatches); analysed again when absent. */
  part?: IndexPart;
}

export { posBit };

const NEGATING_PREFIXES = ["un", "in", "im", "il", "ir", "dis", "non"];
/** Claim analyses kept at once (analysisOf). */
const ANALYSIS_CACHE = 4096;

/**
 * An indexed claim whose analysis is made again when read (ClaimIndex.analysisOf), and whose terms are read in
 * place from the index's store (claim-terms.ts, PackedClaimTerms).
 */
class LazyClaim implements IndexedClaim {
  /** The view of its terms in the store, made when first read. */
  private packed: PackedClaimTerms | undefined;
  constructor(
    private readonly index: ClaimIndex,
    private readonly id: number,
    readonly claim: Claim,
    readonly speakerTerm: string,
  ) {}
  get analysis(): Analysis {
    return this.index.analysisOf(this.id);
  }
  get terms(): ReadonlyMap<string, ClaimTerm> {
    return (this.packed ??= this.index.termsOf(this.id));
  }
  get weight(): number {
    return this.index.weightOf(this.id);
  }
}

/** Chunks and words the lexical gate remembers before it starts again (a bound on memory). */
const GATE_MEMORY = 500_000;
/** Above this many postings to walk, the gate lets the sentence through rather than count (the matcher's cost). */
const GATE_POSTINGS = 4_000;
const NO_TERMS: readonly string[] = Object.freeze([]) as readonly string[];
const NO_LISTS: readonly Int32Array[] = Object.freeze([]) as readonly Int32Array[];
const NO_SPEAKERS: readonly number[] = Object.freeze([]) as readonly number[];

/** What the lexical gate learns of a chunk of text: the claim terms it can reach, and the speakers it may name. */
interface ChunkReach {
  /** The terms as their posting lists (the gate counts claims on them, and a term's list stands for it). */
  lists: readonly Int32Array[];
  /** Numbers of the speakers (ClaimIndex.gateSpeakers) a word of it may name (speaker-words.ts). */
  speakers: readonly number[];
}
const NO_REACH: ChunkReach = Object.freeze({ lists: NO_LISTS, speakers: NO_SPEAKERS });
/** Words too common to trigger a phrase's lookup ("the EU" is looked up by "eu"). */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(["the", "a", "an", "of", "on", "in", "to", "and", "for", "at", "by", "with"]);
/** Quotation marks of any kind: words in them need only one claim term to be checked (quote-check.ts). */
const QUOTE_MARKS = /["“”„‘’'«»]/;

/** BM25's inverse document frequency of a term in `df` of `n` claims. */
function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export class ClaimIndex {
  readonly claims: IndexedClaim[] = [];
  /** Term → the claims holding it, ascending (typed: half the memory of an array of numbers, and no slack). */
  private readonly postings = new Map<string, Int32Array>();
  /** Every term the claims' analyses name (their terms, parts of speech, pairs), by number. */
  private readonly termTable = new StringTable();
  /** Each claim's terms, packed (claim-terms.ts). */
  private readonly store = new ClaimTermStore(this.termTable);
  /** Per claim, the sum of idf over its terms (finish). */
  private weights = new Float64Array(0);
  private readonly idfCache = new Map<string, number>();
  private readonly typos = new TypoIndex();
  /** Lowercase word in any claim → its lemma; feeds typo correction. */
  private readonly surfaceLemmas = new Map<string, string>();
  private readonly spellCache = new Map<string, { lower: string; lemma: string } | null>();
  private readonly linkCache = new Map<string, TermLink[]>();
  /** links() of a unit whose term is its own link, by term (read, never changed, by every caller). */
  private readonly exactLinks = new Map<string, TermLink[]>();
  /** Parts of speech each term has in the claims (posBit), by term number. */
  private vocabPos = new Uint8Array(1024);
  /** Lowercase names and aliases of speakers → their pseudo-term. */
  private readonly speakerNames = new Map<string, string>();

  /** The lexical gate's memory (mayMatch): by chunk of text between spaces, and by word. */
  private readonly chunkTerms = new Map<string, ChunkReach>();
  private readonly wordReach = new Map<string, readonly string[]>();
  /** Terms of the multi-word alias phrases that reach a claim, by a word no such phrase is without. */
  private phraseTriggers: Map<string, string[]> | undefined;
  /** Per claim, how many of a sentence's terms it holds (the gate's counter, zero between calls). */
  private gateCounts: Uint8Array | undefined;
  /** The gate's speakers: each claim's speaker by number, and the words that may name each (made on first use). */
  private gateSpeakers: { ofClaim: Int32Array; words: SpeakerWords } | undefined;

  /** The speakers whose names are in speakerNames. */
  private readonly namedSpeakers = new Set<Claim["speaker"]>();
  private readonly speakerTerms = new Map<Claim["speaker"], string>();

  /** candidates()' accumulators (made on first use, once all claims are in). */
  private scorer: CandidateScorer | undefined;

  /** Analyses of the claims read since (analysisOf), oldest first. */
  private readonly analyses = new Map<number, Analysis>();

  /** Per claim, what its record backs (see support.ts), read the first time a verdict needs it. */
  private readonly records = new Map<number, RecordVocabulary>();

  constructor(
    claims: readonly Claim[],
    readonly lexicon: Lexicon,
    /** The English pipeline claims and draft sentences are analysed with. */
    readonly nlp: Nlp,
  ) {
    if (claims.length) this.mergeAll(this.partOf({ claims }, buildIndexPartSync(claims, nlp)), claims);
    this.finish();
  }

  /**
   * Builds the same index as the constructor, handing control back through `pause` between batches: a 100,000-claim
   * feed takes seconds to index, and a language server must keep answering (with its previous index) meanwhile.
   */
  static async build(claims: readonly Claim[], lexicon: Lexicon, nlp: Nlp, pause: () => Promise<void>): Promise<ClaimIndex> {
    return ClaimIndex.buildFrom([{ claims }], lexicon, nlp, pause);
  }

  /**
   * The index of these databases' claims, in order, each from its part when given (index-part.ts), else analysed;
   * the same index as the constructor over all their claims. With `pause`, it is awaited between batches (of
   * analysis, and of merging a part) so that no stretch of work holds the thread long.
   */
  static async buildFrom(
    sources: readonly IndexSource[],
    lexicon: Lexicon,
    nlp: Nlp,
    pause?: () => Promise<void>,
    /** Keep the parts analysed here (takeBuiltParts), for a host that stores them. */
    keepParts = false,
  ): Promise<ClaimIndex> {
    const index = new ClaimIndex([], lexicon, nlp);
    index.keepParts = keepParts;
    for (const source of sources) {
      const part = index.partOf(source, source.part ?? (await buildIndexPart(source.claims, nlp, pause)));
      if (!pause) index.mergeAll(part, source.claims);
      else
        for (let from = 0; from < source.claims.length; from += MERGE_SLICE) {
          index.merge(part, source.claims, from, Math.min(source.claims.length, from + MERGE_SLICE));
          await pause();
        }
    }
    if (!pause) index.finish();
    else for (let from = 0; index.finishSlice(from); from += MERGE_SLICE * 5) await pause();
    return index;
  }

  private keepParts = false;
  private builtParts: (IndexPart | undefined)[] = [];

  /**
   * The parts this index analysed itself, by source (undefined where a part was given), when it was built with
   * `keepParts`; handed over once (the index keeps its own merged copy), for a host that stores them.
   */
  takeBuiltParts(): (IndexPart | undefined)[] {
    const parts = this.builtParts;
    this.builtParts = [];
    return parts;
  }

  /** The index of these databases' claims at once, each from its part when given (buildFrom without pauses). */
  static fromSources(sources: readonly IndexSource[], lexicon: Lexicon, nlp: Nlp, keepParts = false): ClaimIndex {
    const index = new ClaimIndex([], lexicon, nlp);
    index.keepParts = keepParts;
    for (const source of sources)
      index.mergeAll(index.partOf(source, source.part ?? buildIndexPartSync(source.claims, nlp)), source.claims);
    index.finish();
    return index;
  }

  /** Records which parts were built here, and remaps the part's numbers into this index's tables. */
  private partOf(source: IndexSource, part: IndexPart): MergingPart {
    if (part.claims !== source.claims.length) throw new Error(`index part for ${part.claims} claims given for ${source.claims.length}`);
    if (this.keepParts) this.builtParts.push(source.part ? undefined : part);
    const terms = Int32Array.from(part.terms, (t) => this.termTable.id(t));
    const texts = Int32Array.from(part.texts, (t) => this.store.texts.id(t));
    if (this.vocabPos.length < this.termTable.size) {
      const grown = new Uint8Array(Math.max(this.termTable.size, this.vocabPos.length * 2));
      grown.set(this.vocabPos);
      this.vocabPos = grown;
    }
    part.vocabPos.forEach((bits, t) => (this.vocabPos[terms[t]] |= bits));
    // Words a draft may misspell: a statement's lemma for a word replaces what an earlier claim gave it; a quote's
    // word is its own lemma unless some claim already gave it one (the order claims are read in).
    part.surfaceWords.forEach((w, k) => {
      const lemma = part.surfaceLemmas[k];
      if (lemma !== null) this.surfaceLemmas.set(w, lemma);
      else if (!this.surfaceLemmas.has(w)) this.surfaceLemmas.set(w, w);
      this.typos.add(w);
    });
    return { part, terms, texts, offset: this.claims.length };
  }

  private mergeAll(m: MergingPart, claims: readonly Claim[]): void {
    this.merge(m, claims, 0, claims.length);
  }

  /** Claims `from` to `to` of a part's database: into the store, the postings and the speaker names. */
  private merge(m: MergingPart, claims: readonly Claim[], from: number, to: number): void {
    this.store.appendClaims(m.part.arrays, from, to, m.terms, m.texts);
    const a = m.part.arrays;
    for (let k = from; k < to; k++) {
      const claim = claims[k];
      const id = m.offset + k;
      if (id !== this.claims.length) throw new Error("index parts merged out of order");
      const speakerTerm = this.speakerTermOf(claim.speaker);
      this.claims.push(new LazyClaim(this, id, claim, speakerTerm));
      if (!this.namedSpeakers.has(claim.speaker))
        for (const n of [claim.speaker.name, ...(claim.speaker.aliases ?? [])]) {
          const key = n.toLowerCase().replace(/^the\s+/, "");
          if (!this.speakerNames.has(key)) this.speakerNames.set(key, speakerTerm);
          const last = key.split(/\s+/).pop()!;
          if (!this.speakerNames.has(last) && /^[A-Z]/.test(n.split(/\s+/).pop()!)) this.speakerNames.set(last, speakerTerm);
        }
      this.namedSpeakers.add(claim.speaker);
      for (let e = a.termStart[k]; e < a.termStart[k + 1]; e++) this.post(m.terms[a.term[e]], id);
      this.post(this.termTable.id(speakerTerm), id);
    }
  }

  /** Postings by term number while building (finish makes `postings` of them): no string hashing per claim term. */
  private building: number[][] = [];

  private post(term: number, id: number): void {
    const lists = this.building;
    const list = lists[term];
    if (list) list.push(id);
    else lists[term] = [id];
  }

  /** termOf, remembered by the English pipeline (the Porter stemmer is a quarter of indexing otherwise). */
  private termOf(word: string): string {
    return this.nlp.termOf(word, termOfWord);
  }

  /** analyze.ts termOf, remembered (for the engine's other readers of claim words: section titles). */
  readonly term = (word: string): string => this.termOf(word);

  /** Parts of speech `term` has in the claims (posBit bits). */
  private posOf(term: string): number {
    const id = this.termTable.find(term);
    return id < 0 || id >= this.vocabPos.length ? 0 : this.vocabPos[id];
  }

  /**
   * The lexical gate: false when `text` cannot match any claim, so matchSentence need not analyse it.
   * Every finding needs a claim the sentence reaches through claim terms: three of them (or all of a claim's
   * terms, when it has fewer), or two and the claim's speaker named, one of them not a name or place (matcher.ts
   * viableWith, "Two shared words can be chance"); or, for words in quotation marks, one (quote-check.ts looks
   * them up through the index).
   * Which claim terms a sentence can reach is decided without tagging, from wink's tokens of each chunk of text
   * between spaces (its tokenizer reads each such chunk on its own): a token reaches a term when any lemma wink
   * could give it under any part of speech (lemma-forms.ts), its lowercase form, or the word typo correction
   * would put for it, is that term, a negated prefix of it ("un" +), or related or opposite to it in the lexicon
   * under any part of speech; or when it is the (trigger) word of a multi-word or case-sensitive alias of that
   * term. Whether it may name a speaker, from the same two lowercase forms (speaker-words.ts). Each test is a
   * superset of one the matcher makes, so the gate never drops a sentence that could match. Remembered per
   * chunk and per word: a draft repeats most of its words.
   */
  mayMatch(text: string): boolean {
    const { lists: reached, many, speakers } = this.reachedTerms(text, 1);
    if (many) return true; // someClaimHas would say so
    if (!reached.size) return false;
    // checkQuotes looks up the words of these (quote-check.ts), with one term enough.
    if (QUOTE_MARKS.test(text) && quotedParts(text).some((p) => wordCount(p.words) > SCARE_QUOTE_MAX_WORDS)) return true;
    return this.someClaimHas(reached, 3, undefined, speakers, 1);
  }

  /**
   * The gate for a passage (matcher.ts, matchPassage): can it reach `minTerms` distinct terms of one claim
   * that is not in `exclude` (the claims its sentences already report), `minConcepts` of them not names or
   * places? matchPassage accepts a claim only with that many distinct terms hit (and concepts among them), each
   * hit a term this reach is a superset of.
   */
  mayMatchPassage(text: string, minTerms: number, exclude: ReadonlySet<number>, minConcepts = 0): boolean {
    const { lists: reached, many } = this.reachedTerms(text, minTerms);
    return many || (reached.size >= minTerms && this.someClaimHas(reached, minTerms, exclude, undefined, minConcepts));
  }

  /**
   * The claim terms a text can reach (see mayMatch), as their posting lists (one list per term), and the speakers
   * it may name (by number, with repeats). `many` when they are `minLists` lists or more, of more than
   * GATE_POSTINGS postings in all: the gate then lets the text through whatever else it reaches (someClaimHas), so
   * the lists are read from the chunks already learnt first, and the rest are neither read nor learnt once that is
   * so (against a large database, most sentences of a draft).
   */
  private reachedTerms(text: string, minLists: number): { lists: Set<Int32Array>; many: boolean; speakers: number[] } {
    const bounded = boundTokens(text);
    let unseen: string[] | undefined;
    const reached = new Set<Int32Array>();
    const speakers: number[] = [];
    let total = 0;
    const add = (r: ChunkReach) => {
      for (const l of r.lists)
        if (!reached.has(l)) {
          reached.add(l);
          total += l.length;
        }
      for (const k of r.speakers) speakers.push(k);
    };
    for (const chunk of bounded.split(" ")) {
      if (!chunk) continue;
      const known = this.chunkTerms.get(chunk);
      if (known === undefined) (unseen ??= []).push(chunk);
      else {
        add(known);
        if (total > GATE_POSTINGS && reached.size >= minLists) return { lists: reached, many: true, speakers };
      }
    }
    if (unseen) for (const r of this.learnChunks(unseen)) add(r);
    return { lists: reached, many: total > GATE_POSTINGS && reached.size >= minLists, speakers };
  }

  /**
   * Does a claim (not in `exclude`) hold `n` of these terms, `minConcepts` of them not names or places? For a
   * passage (no `speakers`), with n = 2, a claim of fewer than two terms counts when it holds its one (matchPassage's
   * rule for reviewed claims). For a sentence (`speakers`: those it may name), a claim of fewer than `n` terms counts
   * when it holds all of them, and two count for a claim of one of these speakers (matchSentence's rule, viableWith).
   */
  private someClaimHas(
    lists: ReadonlySet<Int32Array>,
    n: number,
    exclude?: ReadonlySet<number>,
    speakers?: readonly number[],
    minConcepts = 0,
  ): boolean {
    let total = 0;
    for (const l of lists) total += l.length;
    if (total > GATE_POSTINGS) return true; // as costly as matching: let the matcher decide
    const counts = (this.gateCounts ??= new Uint8Array(this.claims.length));
    const sentence = speakers !== undefined;
    const fewer = sentence ? n : n === 2 ? 2 : 0; // claims of fewer terms than this count with all of theirs
    const named = speakers?.length ? this.speakerGate().ofClaim : undefined;
    const touched: number[] = [];
    let found = false;
    for (const list of lists) {
      for (const id of list) {
        if (exclude?.has(id)) continue;
        const c = counts[id] + 1;
        if (c === 1) touched.push(id);
        const terms = this.store.termCount(id);
        counts[id] = Math.min(255, c);
        if (!(c >= n || (terms < fewer && c >= terms) || (c >= 2 && named !== undefined && speakers!.includes(named[id])))) continue;
        // Its concepts among all the terms reached (not only those counted yet): the same answer each time it is asked.
        if (minConcepts === 0 || this.store.conceptsReached(id, (t) => lists.has(this.postings.get(t)!)) >= minConcepts) found = true;
      }
      if (found) break;
    }
    for (const id of touched) counts[id] = 0;
    return found;
  }

  /** Each claim's speaker by number, and the words that may name each (SpeakerWords), made on first use. */
  private speakerGate(): { ofClaim: Int32Array; words: SpeakerWords } {
    if (!this.gateSpeakers) {
      const numbers = new Map<Claim["speaker"], number>();
      const ofClaim = new Int32Array(this.claims.length);
      this.claims.forEach((c, id) => {
        let k = numbers.get(c.claim.speaker);
        if (k === undefined) numbers.set(c.claim.speaker, (k = numbers.size));
        ofClaim[id] = k;
      });
      this.gateSpeakers = { ofClaim, words: new SpeakerWords([...numbers.keys()]) };
    }
    return this.gateSpeakers;
  }

  /** What each of these chunks can reach and name (see mayMatch), remembered. */
  private learnChunks(unseen: string[]): ChunkReach[] {
    if (this.chunkTerms.size > GATE_MEMORY) this.chunkTerms.clear();
    const { values, normals, lemmas, stops, starts } = this.nlp.lexicalTokens(unseen.join(" "));
    const sets = unseen.map(() => new Set<string>());
    const named = unseen.map((): number[] => []);
    const words = this.speakerGate().words;
    let chunk = 0;
    let chunkEnd = unseen[0].length;
    for (let i = 0; i < values.length; i++) {
      while (starts[i] > chunkEnd && chunk + 1 < unseen.length) chunkEnd += 1 + unseen[++chunk].length;
      this.tokenTerms(values[i], normals[i], lemmas[i], stops[i], sets[chunk], named[chunk], words);
    }
    return unseen.map((c, k) => {
      const lists = sets[k].size ? [...sets[k]].map((t) => this.postings.get(t)!) : NO_LISTS;
      const speakers = named[k].length ? [...new Set(named[k])] : NO_SPEAKERS;
      const r = lists === NO_LISTS && speakers === NO_SPEAKERS ? NO_REACH : { lists, speakers };
      this.chunkTerms.set(c, r);
      return r;
    });
  }

  private tokenTerms(
    value: string,
    normal: string,
    lemma: string,
    stop: boolean,
    out: Set<string>,
    named: number[],
    words: SpeakerWords,
  ): void {
    const cs = caseSensitiveAliasTerm(value);
    if (cs !== undefined && this.postings.has(cs)) out.add(cs);
    const lower = lowerWord(value);
    const keys = new Set<string>([lower, lowerWord(lemma)]);
    for (const f of lemmaForms(lowerWord(normal))) keys.add(f);
    const fix = this.spellFix(lower);
    if (fix) keys.add(fix.lower).add(lowerWord(fix.lemma));
    const triggers = (this.phraseTriggers ??= this.buildPhraseTriggers());
    for (const t of triggers.get(lower) ?? NO_TERMS) out.add(t);
    if (fix) for (const t of triggers.get(fix.lower) ?? NO_TERMS) out.add(t);
    // A stop word is a unit only as an alias (analyze.ts): "US", a one-word alias under one of its forms, or a word
    // of a phrase (whose trigger is read above). Otherwise what its lemmas are related to ("back" → "endorse",
    // "further" → "promote") is nothing the matcher reads.
    const related = !stop || cs !== undefined || [...keys].some((k) => singleAliasTerm(k) !== undefined);
    if (related) for (const k of keys) for (const t of this.wordTerms(k)) out.add(t);
    // The token's lowercase form as analysis reads it (analyze.ts: "nt" read as "not" is "n't"), or its correction.
    words.addSpeakers(lower, named);
    if (lemma === "not" && /^nt$/i.test(value)) words.addSpeakers("n't", named);
    if (fix) words.addSpeakers(fix.lower, named);
  }

  /** The claim terms a unit whose lowercase form or lemma is `word` could link to (links(), any part of speech). */
  private wordTerms(word: string): readonly string[] {
    let r = this.wordReach.get(word);
    if (r === undefined) {
      const out = new Set<string>();
      const own = this.termOf(word);
      if (this.postings.has(own)) out.add(own);
      for (const p of NEGATING_PREFIXES) {
        if (!word.startsWith(p) || word.length - p.length < 4) continue;
        const t = this.termOf(word.slice(p.length));
        if (this.postings.has(t)) out.add(t);
      }
      for (const x of this.lexicon.related(word)) {
        const t = this.termOf(x.word);
        if (this.postings.has(t)) out.add(t);
      }
      for (const x of this.lexicon.antonyms(word)) {
        const t = this.termOf(x.word);
        if (this.postings.has(t)) out.add(t);
      }
      r = out.size ? [...out] : NO_TERMS;
      if (this.wordReach.size > GATE_MEMORY) this.wordReach.clear();
      this.wordReach.set(word, r);
    }
    return r;
  }

  /** Multi-word alias phrases by one word of each (its longest): no phrase is in a text without that word. */
  private buildPhraseTriggers(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [phrase, { term }] of multiWordAliases()) {
      const terms = [...this.wordTerms(phrase)];
      if (this.postings.has(term)) terms.push(term);
      if (!terms.length) continue;
      const words = phrase.split(" ");
      const content = words.filter((w) => !FUNCTION_WORDS.has(w));
      const trigger = (content.length ? content : words).reduce((a, b) => (b.length > a.length ? b : a));
      out.set(trigger, [...(out.get(trigger) ?? []), ...terms]);
    }
    return out;
  }

  /** Weights depend on every claim: computed once all are in. */
  private finish(): void {
    this.finishSlice(0, Infinity);
  }

  private idfs = new Float64Array(0);

  /**
   * finish() in slices: the postings and the weights of claims `from` to `from + count`; true while claims remain.
   * The first slice (from 0) makes the postings map, the rest only weights.
   */
  private finishSlice(from: number, count = MERGE_SLICE * 5): boolean {
    const n = this.claims.length;
    if (from === 0) {
      const lists = this.building;
      lists.forEach((l, t) => this.postings.set(this.termTable.names[t], Int32Array.from(l)));
      // Every term's idf by its number (what idf() gives, from its postings' length): no string looked up per
      // claim term.
      this.idfs = new Float64Array(this.termTable.size);
      for (let t = 0; t < this.idfs.length; t++) this.idfs[t] = idfOf(n, lists[t]?.length ?? 0);
      this.store.trim();
      this.building = [];
      this.idfCache.clear();
      this.weights = new Float64Array(n);
    }
    const { weights, idfs } = this;
    const end = Math.min(n, from + count);
    for (let id = from; id < end; id++) weights[id] = this.store.sumOverTerms(id, idfs);
    if (end < n) return true;
    this.idfs = new Float64Array(0);
    return false;
  }

  /** Claim `id`'s weight: the sum of idf over its terms (IndexedClaim.weight). */
  weightOf(id: number): number {
    return this.weights[id];
  }

  /** Claim `id`'s terms, read in place from the store (IndexedClaim.terms). */
  termsOf(id: number): PackedClaimTerms {
    return new PackedClaimTerms(this.store, id);
  }

  /**
   * A text's reach for reachOf: the term of each of these links, by number, with the most idf × weight any of them
   * gives it (the product the matcher's score() adds for a term it finds in a claim). Terms no claim has are left out.
   */
  reachOfLinks(links: Iterable<TermLink>): Map<number, number> {
    const out = new Map<number, number>();
    for (const l of links) {
      const t = this.termTable.find(l.term);
      if (t < 0) continue;
      const w = this.idf(l.term) * l.weight;
      const prev = out.get(t);
      if (prev === undefined || prev < w) out.set(t, w);
    }
    return out;
  }

  /** How many distinct terms claim `id` has. */
  termCount(id: number): number {
    return this.store.termCount(id);
  }

  /** What claim `id` holds of a text's reach (reachOfLinks): its reached terms, those not entities, their weight. */
  reachOf(id: number, reach: ReadonlyMap<number, number>): ClaimReach {
    return this.store.reachOf(id, reach);
  }

  /** Claim `id`'s adjacent term pairs (matcher.ts termPairs of its analysis), from the store: no analysis needed. */
  pairsOf(id: number): Set<string> {
    return this.store.pairsOf(id);
  }

  /**
   * The analysis of claim `id`'s statement, analysed again on first use (and kept in a bounded cache):
   * the index keeps only the terms. A claim's analysis does not depend on the claims analysed beside
   * it (wink reads blank-line-separated texts independently; a test holds the two equal).
   */
  analysisOf(id: number): Analysis {
    let a = this.analyses.get(id);
    if (!a) {
      a = analyzeMany(this.nlp, [this.claims[id].claim.text])[0];
      if (this.analyses.size >= ANALYSIS_CACHE) this.analyses.delete(this.analyses.keys().next().value as number);
      this.analyses.set(id, a);
    }
    return a;
  }

  /** Claims drawn from one source sentence, by its title, file, start and frame (statementOf; made on first use). */
  private statements: Map<string, number[]> | undefined;

  /**
   * The claims drawn from the source sentence claim `id` was drawn from, itself among them (repeats-source.ts): those
   * of its database with the same sentence start and frame (ClaimSource). Empty for a claim without a frame (no source text).
   */
  statementOf(id: number): Claim[] {
    const key = statementKey(this.claims[id].claim);
    if (key === undefined) return [];
    if (!this.statements) {
      this.statements = new Map();
      this.claims.forEach((c, k) => {
        const at = statementKey(c.claim);
        if (at === undefined) return;
        const list = this.statements!.get(at);
        if (list) list.push(k);
        else this.statements!.set(at, [k]);
      });
    }
    return (this.statements.get(key) ?? []).map((k) => this.claims[k].claim);
  }

  /** The record vocabulary of claim `id`, built once. */
  recordOf(id: number): RecordVocabulary {
    let r = this.records.get(id);
    if (!r) {
      r = recordVocabulary(this.claims[id], this.lexicon, this.nlp);
      this.records.set(id, r);
    }
    return r;
  }

  get size(): number {
    return this.claims.length;
  }

  /** Inverse document frequency, BM25's form: rare terms weigh more, none weighs below zero. */
  idf(term: string): number {
    let v = this.idfCache.get(term);
    if (v === undefined) {
      v = idfOf(this.claims.length, this.postings.get(term)?.length ?? 0);
      this.idfCache.set(term, v);
    }
    return v;
  }

  /** The speaker pseudo-term for a name as written in a draft ("Karoline Leavitt", "Leavitt"), if a claim's speaker has it. */
  speakerTermFor(name: string): string | undefined {
    return this.speakerNames.get(name.replace(/^the\s+/, ""));
  }

  /**
   * The `k` claims with the highest sum of idf × weight over the given terms, best first.
   * Rare terms are visited first; a term found in more than COMMON_SHARE of the claims (and a
   * few thousand at least) only adds to claims a rarer term already found, so a sentence full of
   * common words costs a bit test per candidate instead of a walk over huge posting lists
   * (candidate-scores.ts, which also stops walking lists once no new claim can enter the k best).
   */
  candidates(terms: readonly WeightedTerm[], k: number): number[] {
    this.scorer ??= new CandidateScorer(
      this.claims.length,
      this.postings,
      (t) => this.idf(t),
      Math.max(COMMON_FLOOR, this.claims.length * COMMON_SHARE),
    );
    return this.scorer.candidates(terms, k);
  }

  /** The ways one draft unit reaches the vocabulary. Cached per word: each costs its lookups once. */
  links(unit: Unit): TermLink[] {
    if (unit.entity || this.postings.has(unit.term)) {
      // One list per term, as the other links are kept per word: every unit of every text checked asks.
      let exact = this.exactLinks.get(unit.term);
      if (!exact) {
        if (this.exactLinks.size > GATE_MEMORY) this.exactLinks.clear();
        this.exactLinks.set(unit.term, (exact = [{ term: unit.term, weight: 1, flipped: false, via: "exact" }]));
      }
      return exact;
    }
    const key = `${unit.lower}\u0000${unit.lemma}`;
    let out = this.linkCache.get(key);
    if (out) return out;
    out = [];
    const words = unit.lower === unit.lemma ? [unit.lower] : [unit.lower, unit.lemma];
    for (const p of NEGATING_PREFIXES) {
      if (unit.lower.startsWith(p) && unit.lower.length - p.length >= 4) {
        const term = this.termOf(unit.lower.slice(p.length));
        if (this.postings.has(term)) {
          out.push({ term, weight: WEIGHT.prefix, flipped: true, via: "prefix" });
          break;
        }
      }
    }
    if (!out.length) {
      // Synonyms must be the same part of speech as the claim's word ("send" is a synonym of the
      // verb "direct", not of the adjective); derived forms cross parts of speech on purpose.
      const pos = WORDNET_POS[unit.pos];
      const fits = (term: string, p: Pos, derived: boolean) => derived || !pos || (this.posOf(term) & posBit(p)) !== 0;
      const seen = new Set<string>();
      for (const w of words) {
        for (const r of this.lexicon.related(w, pos)) {
          const term = this.termOf(r.word);
          if (this.postings.has(term) && !seen.has(term) && fits(term, r.pos, r.derived)) {
            seen.add(term);
            out.push({ term, weight: WEIGHT.synonym, flipped: false, via: "synonym" });
          }
        }
        for (const r of this.lexicon.antonyms(w, pos)) {
          const term = this.termOf(r.word);
          if (this.postings.has(term) && !seen.has(term) && fits(term, r.pos, false)) {
            seen.add(term);
            out.push({ term, weight: WEIGHT.antonym, flipped: true, via: "antonym" });
          }
        }
      }
    }
    this.linkCache.set(key, out);
    return out;
  }

  /**
   * A word English does not know, close to a word the claims use, is read as that word
   * ("rulled" → "ruled", "Ukriane" → "Ukraine"). Cached per word.
   */
  spellFix = (lower: string): { lower: string; lemma: string } | undefined => {
    let out = this.spellCache.get(lower);
    if (out === undefined) {
      out = null;
      if (!/\d/.test(lower) && !this.surfaceLemmas.has(lower) && !this.lexicon.isWord(lower)) {
        const fixed = this.typos.correct(lower);
        if (fixed) out = { lower: fixed, lemma: this.surfaceLemmas.get(fixed) ?? fixed };
      }
      this.spellCache.set(lower, out);
    }
    return out ?? undefined;
  };

  /** A speaker's pseudo-term ("@karoline leavitt"), once per speaker object. */
  private speakerTermOf(speaker: Claim["speaker"]): string {
    let t = this.speakerTerms.get(speaker);
    if (t === undefined) this.speakerTerms.set(speaker, (t = `@${speaker.name.toLowerCase()}`));
    return t;
  }
}

/** Which source sentence a claim was drawn from, as ClaimIndex.statementOf groups them; undefined without a frame. */
function statementKey(claim: Claim): string | undefined {
  const s = claim.source;
  return s.frame === undefined ? undefined : `${s.title}\u0000${s.file ?? ""}\u0000${s.sentence ?? ""}\u0000${s.frame}`;
}

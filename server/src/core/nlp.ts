// The English pipeline (wink-nlp and its model) as an object, `Nlp`, plus helpers that turn wink's
// token stream into tokens with exact UTF-16 offsets into the analysed text.
//
// Creating a wink-nlp instance decodes the English model (≈130 ms, ≈9 MB), so a host makes one
// `createNlp()` and hands it to every engine it builds (createFactChecker({ nlp })); an Nlp creates its
// wink instance on first use. Nothing here is shared behind anyone's back: two engines share an Nlp
// only when their host passes the same one.
//
// wink-nlp is lossless for ordinary text (each token's preceding whitespace plus its value
// reproduces the input), but it silently drops a few exotic characters (U+2028, U+3000,
// U+FEFF …). Offsets are therefore found by searching each token's value forward from the
// end of the previous token, never by adding up lengths alone.

import winkNLP from "wink-nlp";
import type { AsHelpers, Document, ItsHelpers, PartOfSpeech, WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";
// `its` and `as` are stateless helper tables that wink-nlp also hangs off every instance
// (`instance.its === require("wink-nlp/src/its.js")`). Importing them directly lets callers
// use them without forcing the model to load. The files ship without type declarations.
// @ts-ignore -- untyped CommonJS module; typed below.
import itsModule from "wink-nlp/src/its.js";
// @ts-ignore -- untyped CommonJS module; typed below.
import asModule from "wink-nlp/src/as.js";

export type { AsHelpers, Document as NlpDocument, ItemSentence, ItemToken, ItsHelpers, PartOfSpeech, WinkMethods } from "wink-nlp";

/** wink-nlp's `its` helpers (token/sentence/document properties for `.out(its.x)`). */
export const its: ItsHelpers = itsModule as ItsHelpers;
/** wink-nlp's `as` helpers (reducers for `.out(its.x, as.y)`). */
export const as: AsHelpers = asModule as AsHelpers;

/**
 * The English pipeline: a wink-nlp instance with the full pipeline (sbd, negation, sentiment, pos, ner, cer),
 * created on first use. `lemma` needs `pos`, so the pipeline is never trimmed. Do not call
 * `learnCustomEntities` on `wink`: that would change the results of every engine given this Nlp.
 */
export class Nlp {
  private instance: WinkMethods | undefined;
  private sbdInstance: WinkMethods | undefined;
  private analysisInstance: WinkMethods | undefined;
  /** termOf by word: a few thousand words are stemmed millions of times when a large feed is indexed. */
  private readonly terms = new Map<string, string>();

  /** The wink-nlp instance (decoding the model on first use). */
  get wink(): WinkMethods {
    return (this.instance ??= winkNLP(model));
  }

  /**
   * A second wink-nlp instance whose pipeline is sentence boundary detection alone: segmentation reads
   * nothing else, and the full pipeline (negation, sentiment, part of speech, entities) costs three times
   * as much. wink runs `sbd` first and no later step touches the sentences, so the boundaries are the
   * full pipeline's. Its own decoded model: two instances must not share one (each adds the words it
   * has not seen to the model's tables and keeps their properties to itself).
   */
  private get sbd(): WinkMethods {
    return (this.sbdInstance ??= winkNLP(model, ["sbd"]));
  }

  /**
   * A third instance for analysisTokens, with the steps analysis reads: entities and parts of speech (which give the
   * lemmas). Negation and sentiment set flags and scores in their own fields that analysis never reads (analyze.ts
   * scopes negation itself); skipping them is 45% of wink's time over a database's claims, with the same tokens,
   * lemmas, tags and entities (a test compares the two pipelines). Sentence boundaries are not read either: wink's
   * entity and tagging steps run over the whole token stream and never look at the sentences (wink-nlp.js readDoc),
   * and analysis reads none (a check analyses one sentence at a time); skipping them is another tenth of a
   * sentence's reading. Its own decoded model, as for `sbd`.
   */
  private get analysisWink(): WinkMethods {
    return (this.analysisInstance ??= winkNLP(model, ANALYSIS_PIPE));
  }

  /**
   * Decodes the model for the instances a check reads (sentence boundaries, analysis), as their first use
   * would: each decode holds the thread for a fifth of a second, so a host (a benchmark's warm-up, a
   * server between requests) may want them done before the first check rather than inside it.
   */
  load(): void {
    void this.sbd;
    void this.analysisWink;
  }

  /** True once the model has been decoded by any instance (loading is lazy). */
  get loaded(): boolean {
    return this.instance !== undefined || this.sbdInstance !== undefined || this.analysisInstance !== undefined;
  }

  /** Sentence boundaries of `text`: see sentenceSpansOf. */
  sentenceSpans(text: string): number[] {
    return sentenceSpansOf(this.sbd, text);
  }

  /** The term a word maps to (analyze.ts termOf), remembered: it depends on the word alone. */
  termOf(word: string, compute: (word: string) => string): string {
    let t = this.terms.get(word);
    if (t === undefined) {
      if (this.terms.size >= TERM_CACHE_LIMIT) this.terms.clear();
      t = compute(word);
      this.terms.set(word, t);
    }
    return t;
  }

  /**
   * The tokens of `text` as wink reads them without tagging (the sentence-boundary instance): value, normal
   * form, the lemma that does not depend on the part of speech (see lemma-forms.ts) and the stop-word flag
   * (a property of the normal form in wink's lexicon, not of tagging: analysis reads the same), with start offsets.
   */
  lexicalTokens(text: string): { values: string[]; normals: string[]; lemmas: string[]; stops: boolean[]; starts: Int32Array } {
    const bounded = boundTokens(text);
    const doc = this.sbd.readDoc(bounded);
    const t = doc.tokens();
    const values = t.out(its.value) as string[];
    const { starts } = tokenOffsets(doc, bounded, values);
    return {
      values,
      normals: t.out(its.normal) as string[],
      lemmas: lemmasOf(t, values),
      stops: t.out(its.stopWordFlag) as unknown as boolean[],
      starts,
    };
  }

  /**
   * The tokens of `text` as the sentence-boundary instance reads them: value and normal form, with offsets
   * (segment/wink-sbd.ts learns pieces of a draft with it).
   */
  tokenColumns(text: string): { values: string[]; normals: string[]; starts: Int32Array; ends: Int32Array } {
    const bounded = boundTokens(text);
    const doc = this.sbd.readDoc(bounded);
    const t = doc.tokens();
    const values = t.out(its.value) as string[];
    const { starts, ends } = tokenOffsets(doc, bounded, values);
    return { values, normals: t.out(its.normal) as string[], starts, ends };
  }

  /** What analyze.ts reads of `text`: tokens with offsets, lemma, part of speech, type, stop flag; and entity types. */
  analysisTokens(text: string): AnalysisTokens {
    return analysisTokensOf(this.analysisWink, text);
  }

  /** Tokens (with offsets, lemma, stem, POS, negation), sentences and entities of `text`. */
  annotate(text: string): Annotation {
    return annotationOf(this.wink, text);
  }
}

/** The pipeline of Nlp.analysisWink: what analysisTokens reads. */
const ANALYSIS_PIPE = ["ner", "pos"];

/** Distinct words whose term an Nlp remembers; past it the memo starts again (a bound on memory). */
const TERM_CACHE_LIMIT = 200_000;

/** wink's lemmas, with the word itself where wink gives none (some contractions: "wouldnt’"). */
function lemmasOf(t: { out(f: never): unknown }, values: readonly string[]): string[] {
  const lemmas = t.out(its.lemma as never) as (string | undefined)[];
  for (let i = 0; i < lemmas.length; i++) lemmas[i] ??= values[i];
  return lemmas as string[];
}

/** The columns of a text's tokens that analysis reads (see Nlp.analysisTokens). */
export interface AnalysisTokens {
  values: string[];
  lemmas: string[];
  poses: PartOfSpeech[];
  types: string[];
  stops: boolean[];
  starts: Int32Array;
  ends: Int32Array;
  /** Entities as [type, firstToken, lastToken] triples. */
  entities: { type: string; first: number; last: number }[];
}

/** The token columns analysis reads, and nothing else (wink computes each column it is asked for). */
function analysisTokensOf(wink: WinkMethods, text: string): AnalysisTokens {
  const bounded = boundTokens(text);
  const doc = wink.readDoc(bounded);
  const t = doc.tokens();
  const values = t.out(its.value) as string[];
  const { starts, ends } = tokenOffsets(doc, bounded, values);
  const entities: AnalysisTokens["entities"] = [];
  const ents = doc.entities();
  const entSpans = ents.out(its.span) as unknown as number[][];
  const entDetails = ents.out(its.detail) as unknown as { type: string }[];
  for (let k = 0; k < entSpans.length; k++) entities.push({ type: entDetails[k].type, first: entSpans[k][0], last: entSpans[k][1] });
  return {
    values,
    lemmas: lemmasOf(t, values),
    poses: t.out(its.pos) as PartOfSpeech[],
    types: t.out(its.type) as string[],
    stops: t.out(its.stopWordFlag) as unknown as boolean[],
    starts,
    ends,
    entities,
  };
}

/** A new English pipeline; its model is decoded on first use. One per host: pass it to every engine. */
export function createNlp(): Nlp {
  return new Nlp();
}

/** One token of analysed text. Offsets are UTF-16 code units relative to the analysed text (end exclusive). */
export interface NlpToken {
  /** Index of the token in the document (stable within one `analyze` result). */
  index: number;
  start: number;
  end: number;
  /** Exactly `text.slice(start, end)` except in rare cases where wink normalises a token. */
  value: string;
  /** Lower-cased, contraction-expanded form ("n't" → "not", "’s" → "is"/"'s"). */
  normal: string;
  /** Dictionary form from wink's lemmatiser ("were" → "be", "signaled" → "signal"). */
  lemma: string;
  /** Porter-2 stem ("meetings" → "meet"). */
  stem: string;
  /** Universal POS tag (NOUN, VERB, AUX, PROPN, PART, ADJ, ...). */
  pos: PartOfSpeech;
  /** wink token type: word, number, punctuation, emoji, url, email, hashtag, mention, currency, tabCRLF, unk, ... */
  type: string;
  /** Inside the scope of a negation ("not", "never", "n't" ...), as marked by wink's negation step. */
  negated: boolean;
  stopWord: boolean;
  abbrev: boolean;
  /** Index into `Annotation.sentences`. */
  sentence: number;
}

export interface NlpEntity {
  start: number;
  end: number;
  /** Entity type from wink's NER: DATE, TIME, CARDINAL, ORDINAL, MONEY, PERCENT, DURATION, ... */
  type: string;
  value: string;
  /** Inclusive token index range into `Annotation.tokens`. */
  firstToken: number;
  lastToken: number;
}

export interface NlpSentenceSpan {
  start: number;
  end: number;
  /** Inclusive token index range into `Annotation.tokens`. */
  firstToken: number;
  lastToken: number;
}

export interface Annotation {
  tokens: NlpToken[];
  sentences: NlpSentenceSpan[];
  entities: NlpEntity[];
}

/**
 * Start and end offsets (UTF-16, end exclusive) of each token of `doc` in `text`, which must be
 * the string the document was read from. Tolerates characters wink drops from its output.
 */
export function tokenOffsets(
  doc: Document,
  text: string,
  /** The tokens' values, when the caller has read them (each column read is a pass over the tokens). */
  values = doc.tokens().out(its.value) as string[],
): { starts: Int32Array; ends: Int32Array } {
  const tokens = doc.tokens();
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const n = values.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let at = cursor + spaces[i].length;
    if (!text.startsWith(v, at)) {
      const found = v.length > 0 ? text.indexOf(v, cursor) : -1;
      if (found >= 0) at = found;
      else at = Math.min(at, text.length);
    }
    starts[i] = at;
    const end = Math.min(at + v.length, text.length);
    ends[i] = end;
    cursor = end;
  }
  return { starts, ends };
}

/**
 * Longest run of characters wink-nlp is given without a break. wink's cost per token grows with
 * the square of its length (its abbreviation test `/[a-z].*\.$/i` and several token-type
 * patterns backtrack over the whole token): one 100,000-character "word" takes minutes. No word
 * a claim could use is this long; a longer run (a long URL, a pasted hash) is cut into pieces,
 * which then cost about what ordinary words do.
 */
export const MAX_TOKEN = 64;

/** wink's token separators (its model's `splitter`): spaces, NBSP and the like, tab, CR, LF. */
function isWinkSeparator(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 0xa0 ||
    (c >= 0x2002 && c <= 0x2005) ||
    c === 0x2009 ||
    c === 0x200a ||
    c === 0x202f ||
    c === 0x205f
  );
}

/**
 * `text` with every run of more than MAX_TOKEN characters between wink's separators cut into
 * pieces of MAX_TOKEN by turning one character into a space (never half of a surrogate pair).
 * The length is unchanged, so every offset into the result is an offset into `text`; the cut
 * characters belong to no token. Returns `text` itself when no run is that long (the usual case).
 */
export function boundTokens(text: string): string {
  let parts: string[] | undefined;
  let last = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWinkSeparator(c)) {
      run = 0;
    } else if (++run > MAX_TOKEN && (c < 0xdc00 || c > 0xdfff)) {
      (parts ??= []).push(text.slice(last, i), " ");
      last = i + 1;
      run = 0;
    }
  }
  if (!parts) return text;
  parts.push(text.slice(last));
  return parts.join("");
}

/**
 * wink-nlp sentence boundaries of `text` as a flat array [start0, end0, start1, end1, ...] of
 * UTF-16 offsets; each range runs from the first to the last token of the sentence (no
 * surrounding whitespace). Empty or whitespace-only sentences are dropped.
 */
function sentenceSpansOf(wink: WinkMethods, text: string): number[] {
  const bounded = boundTokens(text);
  const doc = wink.readDoc(bounded);
  const { starts, ends } = tokenOffsets(doc, bounded);
  return trimmedSpans(text, doc.sentences().out(its.span) as unknown as number[][], starts, ends);
}

/**
 * Sentences given as token ranges [first, last] as sentenceSpans gives them: flat [start, end, …] offsets in `text`
 * from the first token's start to the last's end, surrounding whitespace trimmed, empty ones dropped (also for
 * segment/wink-sbd.ts, which finds the ranges itself).
 */
export function trimmedSpans(
  text: string,
  ranges: Iterable<readonly (number | undefined)[]>,
  starts: Int32Array,
  ends: Int32Array,
): number[] {
  const out: number[] = [];
  for (const [first, last] of ranges) {
    if (first === undefined || last === undefined || last < first || first >= starts.length) continue;
    let s = starts[first];
    let e = Math.min(ends[last], text.length);
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push(s, e);
  }
  return out;
}

/** Tokens (with offsets, lemma, stem, POS, negation), sentences and entities of `text`. */
function annotationOf(wink: WinkMethods, text: string): Annotation {
  const bounded = boundTokens(text);
  const doc = wink.readDoc(bounded);
  const { starts, ends } = tokenOffsets(doc, bounded);
  const t = doc.tokens();
  const values = t.out(its.value) as string[];
  const normals = t.out(its.normal) as string[];
  const lemmas = lemmasOf(t, values);
  const stems = t.out(its.stem as never) as string[];
  const poses = t.out(its.pos) as PartOfSpeech[];
  const types = t.out(its.type) as string[];
  const negs = t.out(its.negationFlag) as unknown as boolean[];
  const stops = t.out(its.stopWordFlag) as unknown as boolean[];
  const abbrevs = t.out(its.abbrevFlag) as unknown as boolean[];

  const sentences: NlpSentenceSpan[] = [];
  const sentenceOf = new Int32Array(values.length);
  const spans = doc.sentences().out(its.span) as unknown as number[][];
  spans.forEach(([first, last], k) => {
    for (let i = first; i <= last; i++) sentenceOf[i] = k;
    sentences.push({ start: starts[first] ?? 0, end: ends[last] ?? 0, firstToken: first, lastToken: last });
  });

  const tokens: NlpToken[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    tokens[i] = {
      index: i,
      start: starts[i],
      end: ends[i],
      value: values[i],
      normal: normals[i],
      lemma: lemmas[i],
      stem: stems[i],
      pos: poses[i],
      type: types[i],
      negated: !!negs[i],
      stopWord: !!stops[i],
      abbrev: !!abbrevs[i],
      sentence: sentenceOf[i],
    };
  }

  const entities: NlpEntity[] = [];
  const ents = doc.entities();
  const entSpans = ents.out(its.span) as unknown as number[][];
  const entDetails = ents.out(its.detail) as unknown as { value: string; type: string }[];
  for (let k = 0; k < entSpans.length; k++) {
    const [first, last] = entSpans[k];
    entities.push({
      start: starts[first],
      end: ends[last],
      type: entDetails[k].type,
      value: entDetails[k].value,
      firstToken: first,
      lastToken: last,
    });
  }
  return { tokens, sentences, entities };
}

/** Whitespace as far as sentence trimming is concerned (includes NBSP, U+2028/9, U+3000, BOM). */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

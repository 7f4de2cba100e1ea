// The checking engine: claims in, a draft in, findings out (offsets into the draft).
// One FactChecker per set of loaded databases (createFactChecker). It owns everything it keeps: the
// index, a cache of results per sentence text (so re-checking a draft after a keystroke costs only the
// sentences that changed) and its Segmenter (with the segmentation caches). The English pipeline (Nlp)
// and the segmenter are the two things a host may hand from one engine to the next: both depend on the
// text alone, never on the claims.
import { analyze } from "./analyze.js";
import { ClaimIndex, type IndexSource } from "./claim-index.js";
import type { IndexPart } from "./index-part.js";
import { ClaimSearch } from "./claim-search.js";
import { LineIndex } from "./line-index.js";
import { LruCache } from "./lru.js";
import { joinAnalyses } from "./passage-analysis.js";
import type { Analysis } from "./analyze.js";
import {
  analyzeText,
  DEFAULT_TUNING,
  type MatchContext,
  matchPassage,
  matchSentence,
  PASSAGE_MIN_HITS,
  REVIEWED_MIN_HITS,
  PASSAGE_MIN_CONCEPTS,
  REVIEWED_MIN_CONCEPTS,
  reviewedCandidates,
  claimGramText,
  type MatchTuning,
  type PassageMatch,
  rankCandidates,
  type RankedCandidate,
  type SentenceMatch,
} from "./matcher.js";
import { ReviewerTally, reviewerSpeakers } from "./reviewers.js";
import { type GramVector, gramVector } from "./char-grams.js";
import { type MeaningBag, meaningBag } from "./word-vectors.js";
import { SectionIndex, sectionTerms } from "./section-terms.js";
import { normaliseSocialText, type NormalisedText } from "./social-text.js";
import {
  type DirectiveMatch,
  directiveMatches,
  directivesFrom,
  ignoredByMarker,
  type IgnoreDirectives,
  outsideCode,
} from "./draft-marks.js";
import { createNlp, type Nlp } from "./nlp.js";
import { Segmenter } from "./segment/segmenter.js";
import type { Assembled } from "./segment/assembly.js";
import { type ProseSentence, proseText } from "./segment/sentence.js";
import { REPEATS_SOURCE, repeatsSource } from "./repeats-source.js";
import { type CheckControl, driveSteps, runSteps } from "./steps.js";
import { SpeakerDirectory } from "./speakers.js";
import type { Claim, ClaimsDatabase, Finding } from "./types.js";
import { EMPTY_LEXICON, type Lexicon } from "./lexicon/lexicon.js";
import type { DraftFormat } from "../../../protocol/markdown.js";

export type { DraftFormat };

export interface CheckOptions {
  /** Findings scoring below this (0..1) are dropped. Default 0: the matcher's own threshold applies. */
  minScore?: number;
  /** List each sentence's `candidates` most likely claims (CheckResult.candidates), whether or not one is reported. */
  candidates?: number;
}

/** A sentence's most likely claims, as `check --candidates K` prints them. */
export interface SentenceCandidates {
  start: number;
  end: number;
  candidates: { claim: Claim; score: number; coverage: number; precision: number }[];
}

export interface CheckStats {
  sentences: number;
  /** Sentences whose result came from the per-sentence cache. */
  cached: number;
}

export interface CheckResult {
  findings: Finding[];
  stats: CheckStats;
  /** With CheckOptions.candidates: each checked sentence's best candidates. */
  candidates?: SentenceCandidates[];
}

export type { CheckControl } from "./steps.js";

/** What an engine is made of. Everything it keeps (index, caches) is its own: two engines share nothing unless told to. */
export interface FactCheckerOptions {
  /** The claims databases to check against (duplicate ids: the host removes them first, see validateClaimIdsUnique). */
  databases: readonly ClaimsDatabase[];
  /** Synonyms and antonyms; WordNet in production (server/src/node/lexicon.ts), EMPTY_LEXICON by default. */
  lexicon?: Lexicon;
  /**
   * The English pipeline (wink-nlp; decoding its model costs ≈130 ms and ≈9 MB). A host that builds several
   * engines (the language server, one per claims reload; a test file) creates one and passes it to each.
   * Default: the segmenter's, else a new one.
   */
  nlp?: Nlp;
  /**
   * The segmenter, with its caches of blocks and sentence boundaries: they depend on the draft's text only, so
   * the language server passes the previous engine's on a claims reload, and a re-check stays incremental.
   * Default: a new one (cold caches) using `nlp`.
   */
  segmenter?: Segmenter;
  tuning?: MatchTuning;
  /**
   * Per database (same order as `databases`), its index part when the host kept one (index-part.ts; checked with
   * partMatches): the claims are then not analysed again. Undefined entries are analysed.
   */
  indexParts?: readonly (IndexPart | undefined)[];
  /** Keep the parts analysed while building (FactChecker.takeBuiltIndexParts), for a host that stores them. */
  keepIndexParts?: boolean;
  /** How many distinct sentences' results to keep. */
  cacheSize?: number;
}

/** The engine for a set of databases: `createFactChecker({ databases, lexicon })`, then `checkText(draft, format)`. */
export function createFactChecker(options: FactCheckerOptions): FactChecker {
  const nlp = nlpOf(options);
  const lexicon = options.lexicon ?? EMPTY_LEXICON;
  const index =
    options.indexParts?.some(Boolean) || options.keepIndexParts
      ? ClaimIndex.fromSources(sourcesOf(options), lexicon, nlp, options.keepIndexParts)
      : new ClaimIndex(claimsOf(options.databases), lexicon, nlp);
  return new FactChecker({ ...options, nlp }, index);
}

/**
 * Like createFactChecker, but indexes in batches, awaiting `pause` between them (see ClaimIndex.build): the
 * language server keeps answering with its previous engine while a large database is indexed.
 */
export async function buildFactChecker(options: FactCheckerOptions, pause: () => Promise<void>): Promise<FactChecker> {
  const nlp = nlpOf(options);
  const index = await ClaimIndex.buildFrom(sourcesOf(options), options.lexicon ?? EMPTY_LEXICON, nlp, pause, options.keepIndexParts);
  // What the engine reads of every claim, a slice at a time too (a 100,000-claim feed: a tenth of a second each).
  const claims = index.claims.map((c) => c.claim);
  const tally = new ReviewerTally();
  for (let i = 0; i < claims.length; i += 10_000) {
    tally.add(claims.slice(i, i + 10_000));
    await pause();
  }
  // The section index too, which the first check would otherwise build in one piece (section-terms.ts).
  const sections = await SectionIndex.build(sectionsOf(index), index.term, pause);
  return new FactChecker({ ...options, nlp }, index, tally.result(), sections);
}

/** Each indexed claim's section heading, by claim number: what the SectionIndex reads. */
function sectionsOf(index: ClaimIndex): string[] {
  return index.claims.map((c) => c.claim.source.section ?? "");
}

function sourcesOf(options: FactCheckerOptions): IndexSource[] {
  return options.databases.map((d, i) => ({ claims: d.claims, part: options.indexParts?.[i] }));
}

function nlpOf(options: FactCheckerOptions): Nlp {
  const nlp = options.nlp ?? options.segmenter?.nlp ?? createNlp();
  if (options.segmenter && options.segmenter.nlp !== nlp)
    throw new Error("createFactChecker: the segmenter given uses another Nlp than the one given");
  return nlp;
}

function claimsOf(databases: readonly ClaimsDatabase[]): Claim[] {
  return databases.flatMap((d) => d.claims);
}

export class FactChecker {
  readonly databases: readonly ClaimsDatabase[];
  readonly claims: readonly Claim[];
  /** Claims by id, the first of each id: made when first asked for (hashing 300,000 ids is no start-up's business). */
  private byId: Map<string, Claim> | undefined;
  private readonly speakers: SpeakerDirectory;
  private readonly cache: LruCache<SentenceMatch[]>;
  private readonly passageCache: LruCache<PassageMatch[]>;
  private readonly analyses = new LruCache<Analysis>(ANALYSIS_CACHE_SIZE);
  /** What matching needs beyond the index: which speakers are fact-checkers, and the claims' section terms (read lazily). */
  private readonly context: MatchContext;
  /** Section terms by section text: claims of one article or feed section share them (a few thousand for 100,000 claims). */
  private readonly sections = new Map<string, Map<string, number>>();
  /** The same by claim, once asked: a number is cheaper to look up than a section's text. */
  private readonly sectionsById = new Map<number, Map<string, number>>();
  private readonly pairs = new Map<number, Set<string>>();
  /** Claims' character 4-grams (claimGrams), a bounded cache: only the few a paragraph comes close to are read. */
  private readonly grams = new LruCache<GramVector>(8192);
  /** Claims' content words with their vectors (claimMeaning), a bounded cache like the grams'. */
  private readonly meanings = new LruCache<MeaningBag>(8192);
  /** Some loaded claim is a fact-checker's record: passages may then report one on REVIEWED_MIN_HITS shared terms. */
  private readonly hasReviewed: boolean;
  private readonly tuning: MatchTuning;
  /** The English pipeline this engine analyses with; pass it to the next engine (FactCheckerOptions.nlp). */
  readonly nlp: Nlp;
  /** Segments drafts and keeps the segmentation caches; pass it to the next engine (FactCheckerOptions.segmenter). */
  readonly segmenter: Segmenter;

  /** Use createFactChecker or buildFactChecker: `index` must be built from exactly these databases' claims, with `options.nlp`. */
  constructor(
    options: FactCheckerOptions & { nlp: Nlp },
    private readonly index: ClaimIndex,
    /** reviewerSpeakers of the index's claims, when the caller has them. */
    reviewers?: ReadonlySet<string>,
    /** The index's section index, when the caller built it (buildFactChecker); else built on first use. */
    private sectionIndex?: SectionIndex,
  ) {
    this.nlp = options.nlp;
    this.segmenter = options.segmenter ?? new Segmenter(options.nlp);
    this.databases = options.databases;
    this.claims = index.claims.map((c) => c.claim);
    // Claims share their speakers' objects: each is read once (a 100,000-claim feed has a few hundred).
    this.speakers = new SpeakerDirectory(new Set(this.claims.map((c) => c.speaker)));
    this.cache = new LruCache(options.cacheSize ?? 50_000);
    this.passageCache = new LruCache(options.cacheSize ?? 50_000);
    const vectors = options.lexicon?.vectors;
    this.context = {
      reviewers: reviewers ?? reviewerSpeakers(this.claims),
      sectionTerms: (id) => {
        let t = this.sectionsById.get(id);
        if (t) return t;
        const section = index.claims[id].claim.source.section ?? "";
        t = this.sections.get(section);
        if (!t) {
          t = sectionTerms(section, (term) => index.idf(term), index.term);
          this.sections.set(section, t);
        }
        this.sectionsById.set(id, t);
        return t;
      },
      claimPairs: (id) => {
        let t = this.pairs.get(id);
        if (!t) {
          // From the index's packed terms: analysing the claim again for every candidate was a tenth of a check.
          t = index.pairsOf(id);
          this.pairs.set(id, t);
        }
        return t;
      },
      claimGrams: (id) => {
        const key = String(id);
        let g = this.grams.get(key);
        if (!g) {
          g = gramVector(claimGramText(index.claims[id].claim));
          this.grams.set(key, g);
        }
        return g;
      },
      wordVectors: vectors,
      claimMeaning:
        vectors &&
        ((id) => {
          const key = String(id);
          let m = this.meanings.get(key);
          if (!m) {
            m = meaningBag(index.claims[id].claim.text, vectors);
            this.meanings.set(key, m);
          }
          return m;
        }),
      sectionCandidates: (terms, k) => {
        this.sectionIndex ??= new SectionIndex(sectionsOf(index), index.term);
        return this.sectionIndex.candidates(terms, k);
      },
    };
    this.tuning = options.tuning ?? DEFAULT_TUNING;
    this.hasReviewed = this.claims.some((c) => c.review !== undefined || this.context.reviewers.has(c.speaker.name));
  }

  /**
   * Forgets every result this engine keeps: the per-sentence results and its segmenter's caches (which
   * engines given the same segmenter share). Checking never needs this: results depend only on the text
   * and the claims. A benchmark's cold run uses a new engine instead; this is for a host that must bound
   * memory, and for tests of the caches.
   */
  clearCaches(): void {
    this.cache.clear();
    this.passageCache.clear();
    this.analyses.clear();
    this.sections.clear();
    this.sectionsById.clear();
    this.sectionIndex = undefined;
    this.pairs.clear();
    this.grams.clear();
    this.segmenter.clearCaches();
  }

  /** The index parts analysed while building this engine, by database (FactCheckerOptions.keepIndexParts); handed over once. */
  takeBuiltIndexParts(): (IndexPart | undefined)[] {
    return this.index.takeBuiltParts();
  }

  claimById(id: string): Claim | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const c of this.claims) if (!this.byId.has(c.id)) this.byId.set(c.id, c);
    }
    return this.byId.get(id);
  }

  private _search: ClaimSearch | undefined;

  /** Fuzzy claim search over these databases (built on first use), narrowed by the index when large. */
  get search(): ClaimSearch {
    this._search ??= new ClaimSearch(this.claims, (q, n) => this.claimsSharingWords(q, n));
    return this._search;
  }

  /** Claims that share the most (typo-corrected) words with a text, best first. */
  claimsSharingWords(text: string, limit: number): Claim[] {
    const a = analyze(this.nlp, text, this.index.spellFix);
    const terms = a.units.flatMap((u) => this.index.links(u)).map((l) => ({ term: l.term, weight: l.weight }));
    return this.index.candidates(terms, limit).map((i) => this.index.claims[i].claim);
  }

  /**
   * A sentence's analysis, from a small cache of the last ones made: a keystroke re-reads the paragraph it
   * changed as a whole (checkPassage), and its other sentences were analysed a keystroke ago. Analyses are
   * never changed once made (joinAnalyses copies).
   */
  private analysisOf(text: string): Analysis {
    let a = this.analyses.get(text);
    if (!a) {
      a = analyzeText(text, this.index);
      this.analyses.set(text, a);
    }
    return a;
  }

  /** Match one sentence (offsets in the result are relative to it). Cached by its text. */
  checkSentence(text: string): { matches: readonly SentenceMatch[]; cached: boolean; analysis?: Analysis } {
    const hit = this.cache.get(text);
    if (hit) return { matches: hit, cached: true };
    // The lexical gate: most sentences of a long draft share no word with any claim (claim-index.ts).
    const analysis = this.index.mayMatch(text) ? this.analysisOf(text) : undefined;
    const matches = analysis ? matchSentence(text, this.index, this.speakers, this.tuning, this.context, analysis) : [];
    this.cache.set(text, matches);
    return { matches, cached: false, analysis };
  }

  /**
   * Match a passage (a paragraph, a tweet) as a whole, for the claim its sentences do not find one by one.
   * `found` are the claims its sentences restate; `poster`, who posted it (a pasted post's trailer). Cached by
   * its text, those claims and the poster.
   */
  checkPassage(
    texts: readonly string[],
    found: ReadonlySet<number>,
    analyses: readonly (Analysis | undefined)[] = [],
    poster?: string,
  ): { text: string; matches: readonly PassageMatch[] } {
    const text = texts.join(" ");
    const key = `${[...found].sort((x, y) => x - y).join(",")}\u0000${poster ?? ""}\u0000${text}`;
    const hit = this.passageCache.get(key);
    if (hit) return { text, matches: hit };
    // The lexical gate, as for a sentence: a passage match needs PASSAGE_MIN_HITS distinct terms of a claim
    // its sentences have not reported, PASSAGE_MIN_CONCEPTS of them not names or places (matchPassage); with
    // reviewed claims loaded, the fewer a reviewed one needs.
    const [minTerms, minConcepts] = this.hasReviewed
      ? [REVIEWED_MIN_HITS, REVIEWED_MIN_CONCEPTS]
      : [PASSAGE_MIN_HITS, PASSAGE_MIN_CONCEPTS];
    if (!this.index.mayMatchPassage(text, minTerms, found, minConcepts)) {
      this.passageCache.set(key, []);
      return { text, matches: [] };
    }
    // The sentences' own analyses, joined: the paragraph is not read a second time.
    const analysis = joinAnalyses(texts.map((t, i) => analyses[i] ?? this.analysisOf(t)));
    const matches = matchPassage(text, this.index, this.speakers, this.context, found, undefined, undefined, analysis, poster);
    this.passageCache.set(key, matches);
    return { text, matches };
  }

  /**
   * The `k` claims a passage most likely restates, with the features of their calibrated scores
   * (for fitting the calibration, scripts/fit-calibration.mjs).
   */
  passageCandidates(text: string, k: number): (SentenceCandidates["candidates"][number] & { features: number[] })[] {
    return this.ranked(text, k).map((c) => ({ ...this.candidateOf(c), features: c.features }));
  }

  /**
   * The reviewed claims a paragraph of plain text may repeat, as the passage decision ranks them, with the
   * ranking model's inputs (for fitting it, scripts/fit-restatement.mjs). The paragraph is read as a check
   * reads it: cut into sentences, each normalised (social-text.ts), their analyses joined.
   */
  reviewedCandidatesOf(paragraph: string): { claim: Claim; x: number[]; score: number; reportable: boolean }[] {
    const norms = this.segmenter.segmentDraft(paragraph, "plaintext").map((s) => normaliseSocialText(proseText(s)));
    if (!norms.length) return [];
    const texts = norms.map((n) => n.text);
    const analysis = joinAnalyses(texts.map((t) => analyzeText(t, this.index)));
    const poster = norms.find((n) => n.poster !== undefined)?.poster;
    return reviewedCandidates(texts.join(" "), this.index, this.speakers, this.context, analysis, poster).map((c) => ({
      claim: this.index.claims[c.claimIndex].claim,
      x: c.x,
      score: c.score,
      reportable: c.reportable,
    }));
  }

  /** The `k` claims a sentence most likely restates, most likely first (`check --candidates K`). */
  candidatesFor(text: string, k: number): SentenceCandidates["candidates"] {
    return this.ranked(text, k).map((c) => this.candidateOf(c));
  }

  private ranked(text: string, k: number): RankedCandidate[] {
    return rankCandidates(normaliseSocialText(text).text, this.index, this.speakers, this.context, k);
  }

  private candidateOf(c: RankedCandidate): SentenceCandidates["candidates"][number] {
    return { claim: this.index.claims[c.claimIndex].claim, score: c.score, coverage: c.coverage, precision: c.precision };
  }

  /** Is this claim a fact-checker's record (reviewers.ts): decided by the learned model, per paragraph? */
  private isReviewed(claim: Claim): boolean {
    return claim.review !== undefined || this.context.reviewers.has(claim.speaker.name);
  }

  /** Check a whole draft. */
  checkText(text: string, format: DraftFormat, options: CheckOptions = {}): CheckResult {
    return runSteps(this.checkSteps(text, format, options));
  }

  /**
   * Check a whole draft without holding the thread: the same work as `checkText` (the same
   * findings, by construction: both run `checkSteps`), cut into steps — a block segmented, a
   * sentence matched. Between steps, once `control.due()` says the slice has run long enough,
   * `control.pause()` is awaited so other work can run; after each pause `control.cancelled()`
   * may abandon the check (the draft changed: its result would be thrown away). Resolves to
   * undefined when abandoned. The engine keeps no clock: the caller decides what "long" is.
   */
  async checkTextAsync(text: string, format: DraftFormat, options: CheckOptions, control: CheckControl): Promise<CheckResult | undefined> {
    if (control.cancelled?.()) return undefined;
    return driveSteps(this.checkSteps(text, format, options), control);
  }

  /** The check as steps: yields after each piece of segmentation and after each sentence. */
  private *checkSteps(text: string, format: DraftFormat, options: CheckOptions): Generator<void, CheckResult, void> {
    return (yield* this.checkDraftSteps(text, format, options)).result;
  }

  /**
   * The whole check with what an incremental re-check starts from (draft-session.ts): the segmentation,
   * the paragraph runs and where each one's findings begin.
   * @internal
   */
  *checkDraftSteps(text: string, format: DraftFormat, options: CheckOptions): Generator<void, DraftCheck, void> {
    const seg = yield* this.segmenter.assembledSteps(text, format);
    // factcheck-disable/enable, -ignore-file, -ignore-next-line and claim ids (draft-marks.ts); not those in code.
    const comments = directiveMatches(text, format);
    const directives = outsideCode(comments, seg.code);
    const marks = directivesFrom(text, directives);
    // The segmenter numbers a draft's lines by "\n" alone (its block scanner's lines): so does this index.
    const lines = seg.ignoredLines.length ? new LineIndex(text, "lf") : undefined;
    const skipLines = lines && { lines: new Set(seg.ignoredLines), lineOf: (offset: number) => lines.positionAt(offset).line };
    const candidates: SentenceCandidates[] | undefined = options.candidates ? [] : undefined;
    const fold = yield* this.checkRunsSteps(
      text,
      format,
      seg.sentences,
      0,
      seg.sentences.length,
      options.minScore ?? 0,
      marks,
      skipLines,
      (s) => {
        if (candidates) candidates.push({ start: s.start, end: s.end, candidates: this.candidatesFor(proseText(s), options.candidates!) });
      },
    );
    const result: CheckResult = {
      findings: fold.findings,
      stats: { sentences: seg.sentences.length, cached: fold.cached },
      ...(candidates ? { candidates } : {}),
    };
    return { result, seg, runs: fold.runs, comments, directives };
  }

  /**
   * Checks the sentences [from, to) of a draft, which must start a paragraph run at `from` and end one at `to`
   * (a blank line before `from` and after `to - 1`, or the draft's ends): the findings, in order, and the runs.
   * A run is the sentences between blank lines (a paragraph, a tweet), decided together by the passage pass;
   * nothing outside it changes its findings. `each` is called with every sentence checked.
   * @internal
   */
  *checkRunsSteps(
    text: string,
    format: DraftFormat,
    sentences: readonly ProseSentence[],
    from: number,
    to: number,
    minScore: number,
    marks: IgnoreDirectives,
    skipLines: SkipLines | undefined,
    each?: (s: ProseSentence) => void,
  ): Generator<void, RunsCheck, void> {
    const findings: Finding[] = [];
    const runs: Runs = { firsts: [], finds: [] };
    let cached = 0;
    // A paragraph's checked sentences, normalised, for the passage-level decision at its end.
    let passage: PassagePart[] = [];
    let found = new Set<number>();
    // A sentence's findings on reviewed claims, held until its paragraph is decided: in a paragraph of a
    // post's length the paragraph as a whole decides which reviewed claims it repeats (matchPassage).
    let held: { finding: Finding }[] = [];
    const closePassage = () => {
      // Only for what the sentences left open (one of them matched nothing, or matched a reviewed claim),
      // and only for passages of a post's length: a long paragraph read as one text dilutes every claim,
      // and costs a second reading.
      const open = passage.some((p) => !p.matched) || held.length > 0;
      const size = passage.reduce((n, p) => n + p.norm.text.length + 1, 0);
      if (passage.length && open && size <= PASSAGE_MAX_CHARS) {
        const decided = this.passageFindings(text, passage, found);
        for (const f of decided) {
          // An ignore directive naming a claim after any sentence a paragraph's finding covers holds for it too.
          const ignored =
            !marks.none && passage.some((p) => p.start >= f.start && p.end <= f.end && marks.skips(p.start, p.end, f.claim.id));
          if (f.score >= minScore && !ignored) findings.push(f);
        }
        // A paragraph of two statements: when another of its sentences restates, by itself, a claim the
        // paragraph reports, a sentence's own finding on a further claim stands beside it (the paragraph's
        // decision ranks its candidates as alternatives, and would call the second a near-duplicate).
        for (const h of held) {
          if (decided.some((f) => f.claim.id === h.finding.claim.id)) continue;
          const seconded = held.some((o) => o.finding.start !== h.finding.start && decided.some((f) => f.claim.id === o.finding.claim.id));
          if (seconded) findings.push(h.finding);
        }
      } else {
        for (const h of held) findings.push(h.finding);
      }
      passage = [];
      found = new Set();
      held = [];
    };
    for (let k = from; k < to; k++) {
      const s = sentences[k];
      // A blank line ends a paragraph (a tweet, a Markdown block): its sentences are decided together.
      if (k === from || endsRun(text, sentences[k - 1].end, s.start)) {
        if (k > from) closePassage();
        runs.firsts.push(k);
        runs.finds.push(findings.length);
      }
      if (skipLines && skipLines.lines.has(skipLines.lineOf(s.start))) continue; // after `<!-- factcheck-ignore-next-line -->`
      if (ignoredByMarker(text, s.end, format)) continue; // `<!-- factcheck-ignore -->` right after it
      if (!marks.none && marks.skipsSentence(s.start, s.end)) continue;
      // Inline code and link targets are blanked (same length), so offsets still hold; links, handles,
      // hashtags, emoji and a tweet's trailer are read as what they say, and mapped back (social-text.ts).
      const norm = normaliseSocialText(proseText(s));
      const part: PassagePart = { start: s.start, end: s.end, norm, matched: false };
      passage.push(part);
      const back = (i: number) => s.start + norm.origin[Math.max(0, Math.min(i, norm.origin.length - 1))];
      const r = this.checkSentence(norm.text);
      if (r.cached) cached++;
      part.matched = r.matches.length > 0;
      part.analysis = r.analysis;
      for (const m of r.matches) {
        const claim = this.index.claims[m.claimIndex].claim;
        const reviewed = this.isReviewed(claim);
        if (!reviewed) found.add(m.claimIndex);
        if (m.score < minScore) continue;
        if (!marks.none && marks.skips(s.start, s.end, claim.id)) continue;
        const finding: Finding = {
          start: s.start,
          end: s.end,
          verdict: m.verdict,
          score: m.score,
          explanation: m.explanation,
          claim,
          namedSpeaker: m.namedSpeaker
            ? { name: m.namedSpeaker.name, start: back(m.namedSpeaker.start), end: back(m.namedSpeaker.end) }
            : undefined,
          quoted: m.quoted
            ? {
                start: back(m.quoted.start),
                end: back(m.quoted.end),
                open: back(m.quoted.open),
                close: back(m.quoted.close),
                ...(m.quoted.recorded !== undefined ? { recorded: m.quoted.recorded } : {}),
              }
            : undefined,
        };
        if (reviewed) held.push({ finding });
        else findings.push(finding);
      }
      each?.(s);
      yield;
    }
    closePassage();
    return { findings, runs, cached };
  }

  /**
   * The passage-level decision for one paragraph's sentences (matcher.ts, matchPassage): its text is
   * the sentences' normalised texts joined by spaces; a finding covers the sentences holding the words
   * the claim reaches.
   */
  private passageFindings(draft: string, parts: PassagePart[], found: ReadonlySet<number>): Finding[] {
    let joined = "";
    const origin: number[] = [];
    for (const p of parts) {
      if (joined) {
        joined += " ";
        origin.push(p.start);
      }
      joined += p.norm.text;
      for (let i = 0; i < p.norm.text.length; i++) origin.push(p.start + p.norm.origin[i]);
    }
    origin.push(parts[parts.length - 1].end);
    void draft;
    const { matches } = this.checkPassage(
      parts.map((p) => p.norm.text),
      found,
      parts.map((p) => p.analysis),
      parts.find((p) => p.norm.poster !== undefined)?.norm.poster,
    );
    return matches.map((m) => {
      const from = origin[m.reach.start];
      const to = origin[Math.max(m.reach.start, m.reach.end - 1)];
      const held = parts.filter((p) => p.end > from && p.start <= to);
      const span = held.length ? held : parts;
      const claim = this.index.claims[m.claimIndex].claim;
      // One sentence that repeats the claim's own source sentence word for word is backed (repeats-source.ts).
      const repeat =
        m.verdict !== "supported" && span.length === 1 && repeatsSource(span[0].norm.text, claim, this.index.statementOf(m.claimIndex));
      return {
        start: span[0].start,
        end: span[span.length - 1].end,
        verdict: repeat ? "supported" : m.verdict,
        score: m.score,
        explanation: repeat ? REPEATS_SOURCE : m.explanation,
        claim,
      };
    });
  }
}

export { DEFAULT_TUNING };

/** One checked sentence of the paragraph being read: where it stands, what the matcher read, whether it matched. */
interface PassagePart {
  start: number;
  end: number;
  norm: NormalisedText;
  matched: boolean;
  /** Its analysis, when this check computed it (a cached sentence has none: the passage reads it again if needed). */
  analysis?: Analysis;
}

/** A blank line between two sentences (`\n`, spaces or block-quote marks, `\n`) ends a paragraph run. */
export function endsRun(text: string, prevEnd: number, start: number): boolean {
  return RUN_BREAK.test(text.slice(prevEnd, start));
}
const RUN_BREAK = /\n[ \t>]*\r?\n/;

/** Paragraph runs of a checked draft: run r starts at sentence `firsts[r]`, and its findings at `finds[r]`. */
export interface Runs {
  firsts: number[];
  finds: number[];
}

/** What checkRunsSteps found. @internal */
export interface RunsCheck {
  findings: Finding[];
  runs: Runs;
  /** Sentences whose result came from the per-sentence cache. */
  cached: number;
}

/** A whole check and what it was made of (checkDraftSteps). @internal */
export interface DraftCheck {
  result: CheckResult;
  seg: Assembled;
  runs: Runs;
  /** The draft's directive comments (draft-marks.ts directiveMatches), in code or not. */
  comments: DirectiveMatch[];
  /** Those of them that are directives: not in code (outsideCode). */
  directives: DirectiveMatch[];
}

/** The lines whose sentences are skipped (the segmenter's ignoredLines), and the line of an offset as it numbers them. @internal */
export interface SkipLines {
  lines: ReadonlySet<number>;
  lineOf(offset: number): number;
}

/** Sentence analyses kept (FactChecker.analysisOf): a few paragraphs' worth. */
const ANALYSIS_CACHE_SIZE = 512;

/** Longest paragraph (normalised characters) matched as a whole: a long post or a short paragraph, not a page. */
const PASSAGE_MAX_CHARS = 1200;

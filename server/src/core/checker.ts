// The checking engine: claims in, a draft in, findings out (offsets into the draft).
// One FactChecker per set of loaded databases (createFactChecker). It owns everything it keeps: the
// index, a cache of results per sentence text (so re-checking a draft after a keystroke costs only the
// sentences that changed) and its Segmenter (with the segmentation caches). The English pipeline (Nlp)
// and the segmenter are the two things a host may hand from one engine to the next: both depend on the
// text alone, never on the claims.
import { analyze } from "./analyze.js";
import { ClaimIndex } from "./claim-index.js";
import { ClaimSearch } from "./claim-search.js";
import { LineIndex } from "./line-index.js";
import { LruCache } from "./lru.js";
import { DEFAULT_TUNING, matchSentence, type MatchTuning, type SentenceMatch } from "./matcher.js";
import { ignoreDirectives, ignoredByMarker } from "./draft-marks.js";
import { createNlp, type Nlp } from "./nlp.js";
import { Segmenter } from "./segment/segmenter.js";
import { proseText } from "./segment/sentence.js";
import { runSteps } from "./steps.js";
import { SpeakerDirectory } from "./speakers.js";
import type { Claim, ClaimsDatabase, Finding } from "./types.js";
import { EMPTY_LEXICON, type Lexicon } from "./lexicon/lexicon.js";
import type { DraftFormat } from "../../../protocol/markdown.js";

export type { DraftFormat };

export interface CheckOptions {
  /** Findings scoring below this (0..1) are dropped. Default 0: the matcher's own threshold applies. */
  minScore?: number;
}

export interface CheckStats {
  sentences: number;
  /** Sentences whose result came from the per-sentence cache. */
  cached: number;
}

export interface CheckResult {
  findings: Finding[];
  stats: CheckStats;
}

/** How `checkTextAsync` shares the thread (the language server passes a setImmediate-based pause). */
export interface CheckControl {
  /** Awaited between slices of work, to let other work run. */
  pause(): Promise<void>;
  /** Asked after every step: true ends the current slice (pause() is then awaited). Without it, every step is a slice. */
  due?(): boolean;
  /** Asked before starting and after every pause: true abandons the check. */
  cancelled?(): boolean;
}

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
  /** How many distinct sentences' results to keep. */
  cacheSize?: number;
}

/** The engine for a set of databases: `createFactChecker({ databases, lexicon })`, then `checkText(draft, format)`. */
export function createFactChecker(options: FactCheckerOptions): FactChecker {
  const nlp = nlpOf(options);
  return new FactChecker({ ...options, nlp }, new ClaimIndex(claimsOf(options.databases), options.lexicon ?? EMPTY_LEXICON, nlp));
}

/**
 * Like createFactChecker, but indexes in batches, awaiting `pause` between them (see ClaimIndex.build): the
 * language server keeps answering with its previous engine while a large database is indexed.
 */
export async function buildFactChecker(options: FactCheckerOptions, pause: () => Promise<void>): Promise<FactChecker> {
  const nlp = nlpOf(options);
  return new FactChecker(
    { ...options, nlp },
    await ClaimIndex.build(claimsOf(options.databases), options.lexicon ?? EMPTY_LEXICON, nlp, pause),
  );
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
  private readonly byId = new Map<string, Claim>();
  private readonly speakers: SpeakerDirectory;
  private readonly cache: LruCache<SentenceMatch[]>;
  private readonly tuning: MatchTuning;
  /** The English pipeline this engine analyses with; pass it to the next engine (FactCheckerOptions.nlp). */
  readonly nlp: Nlp;
  /** Segments drafts and keeps the segmentation caches; pass it to the next engine (FactCheckerOptions.segmenter). */
  readonly segmenter: Segmenter;

  /** Use createFactChecker or buildFactChecker: `index` must be built from exactly these databases' claims, with `options.nlp`. */
  constructor(
    options: FactCheckerOptions & { nlp: Nlp },
    private readonly index: ClaimIndex,
  ) {
    this.nlp = options.nlp;
    this.segmenter = options.segmenter ?? new Segmenter(options.nlp);
    this.databases = options.databases;
    this.claims = index.claims.map((c) => c.claim);
    for (const c of this.claims) if (!this.byId.has(c.id)) this.byId.set(c.id, c);
    this.speakers = new SpeakerDirectory(this.claims.map((c) => c.speaker));
    this.cache = new LruCache(options.cacheSize ?? 50_000);
    this.tuning = options.tuning ?? DEFAULT_TUNING;
  }

  /**
   * Forgets every result this engine keeps: the per-sentence results and its segmenter's caches (which
   * engines given the same segmenter share). Checking never needs this: results depend only on the text
   * and the claims. A benchmark's cold run uses a new engine instead; this is for a host that must bound
   * memory, and for tests of the caches.
   */
  clearCaches(): void {
    this.cache.clear();
    this.segmenter.clearCaches();
  }

  claimById(id: string): Claim | undefined {
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

  /** Match one sentence (offsets in the result are relative to it). Cached by its text. */
  checkSentence(text: string): { matches: readonly SentenceMatch[]; cached: boolean } {
    const hit = this.cache.get(text);
    if (hit) return { matches: hit, cached: true };
    // The lexical gate: most sentences of a long draft share no word with any claim (claim-index.ts).
    const matches = this.index.mayMatch(text) ? matchSentence(text, this.index, this.speakers, this.tuning) : [];
    this.cache.set(text, matches);
    return { matches, cached: false };
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
    const steps = this.checkSteps(text, format, options);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (control.due && !control.due()) continue;
      await control.pause();
      if (control.cancelled?.()) {
        steps.return(undefined as never);
        return undefined;
      }
    }
  }

  /** The check as steps: yields after each piece of segmentation and after each sentence. */
  private *checkSteps(text: string, format: DraftFormat, options: CheckOptions): Generator<void, CheckResult, void> {
    const { sentences, ignoredLines } = yield* this.segmenter.segmentDraftSteps(text, format);
    const skip = new Set(ignoredLines);
    // The segmenter numbers a draft's lines by "\n" alone (its block scanner's lines): so does this index.
    const lines = skip.size ? new LineIndex(text, "lf") : undefined;
    const findings: Finding[] = [];
    let cached = 0;
    // factcheck-disable/enable, -ignore-file, -ignore-next-line and claim ids (draft-marks.ts).
    const marks = ignoreDirectives(text, format);
    for (const s of sentences) {
      if (lines && skip.has(lines.positionAt(s.start).line)) continue;
      if (ignoredByMarker(text, s.end, format)) continue; // `<!-- factcheck-ignore -->` right after it
      if (!marks.none && marks.skipsSentence(s.start, s.end)) continue;
      // Inline code and link targets are blanked (same length), so offsets still hold.
      const r = this.checkSentence(proseText(s));
      if (r.cached) cached++;
      for (const m of r.matches) {
        if (m.score < (options.minScore ?? 0)) continue;
        const claim = this.index.claims[m.claimIndex].claim;
        if (!marks.none && marks.skips(s.start, s.end, claim.id)) continue;
        findings.push({
          start: s.start,
          end: s.end,
          verdict: m.verdict,
          score: m.score,
          explanation: m.explanation,
          claim,
          namedSpeaker: m.namedSpeaker
            ? { name: m.namedSpeaker.name, start: s.start + m.namedSpeaker.start, end: s.start + m.namedSpeaker.end }
            : undefined,
          quoted: m.quoted
            ? {
                start: s.start + m.quoted.start,
                end: s.start + m.quoted.end,
                open: s.start + m.quoted.open,
                close: s.start + m.quoted.close,
                ...(m.quoted.recorded !== undefined ? { recorded: m.quoted.recorded } : {}),
              }
            : undefined,
        });
      }
      yield;
    }
    return { findings, stats: { sentences: sentences.length, cached } };
  }
}

export { DEFAULT_TUNING };

// Cuts a draft into prose sentences with exact UTF-16 offsets: the Segmenter, one object owning every
// cache segmentation keeps (block results, link definitions, sentence boundaries, the last draft), and
// the English pipeline it asks about sentence ends. An engine owns one (createFactChecker); nothing is
// shared between two segmenters.
//
// Sentence boundaries come from wink-nlp (boundaries.ts); Markdown structure from
// mdast-util-from-markdown (markdown-prose.ts). The language server segments on every keystroke for
// drafts up to 1 MB, so the work is incremental:
//  1. the block scanner cuts the draft into top-level blocks (block-scanner.ts);
//  2. each block is parsed and segmented on its own and cached by its text, blocks that run into the
//     next are parsed with it, and link definitions reach every block (assembly.ts);
//  3. wink-nlp runs once per prose unit on its blanked text (unit-sentences.ts), its boundaries
//     corrected and cached, very long units cut first (boundaries.ts).
// `segmentMarkdownWhole` parses a draft in one piece; tests check that both agree. `segmentDraftSteps`
// is the same work as a generator that yields between blocks, for callers that must not block.
import { layoutMarkdown } from "../markdown-prose.js";
import type { Nlp } from "../nlp.js";
import { runSteps } from "../steps.js";
import { type Assembled, assembleSteps, type Assembly, BlockCaches } from "./assembly.js";
import { type DraftBlock, splitBlockSteps } from "./block-scanner.js";
import { type DraftEdit, type Resegmented, resegmentSteps } from "./incremental.js";
import { SentenceBoundaries } from "./boundaries.js";
import type { ProseSentence, SegmentFormat, Segmentation } from "./sentence.js";
import { computeBlock, type SpansOf } from "./unit-sentences.js";

export interface CacheStats {
  size: number;
  hits: number;
  misses: number;
}

export class Segmenter implements Assembly {
  readonly caches = new BlockCaches();
  private readonly boundaries: SentenceBoundaries;
  /** The last draft segmented, so that asking again about the same text costs nothing. */
  private memo: { text: string; format: SegmentFormat; result: Assembled; view: Segmentation } | undefined;

  /** `nlp` is asked about sentence boundaries; a host shares one Nlp between its segmenters and engines. */
  constructor(readonly nlp: Nlp) {
    this.boundaries = new SentenceBoundaries(nlp);
  }

  readonly spansOf: SpansOf = (text) => this.boundaries.spansOf(text);

  /** Sentences of a draft, in document order. */
  segmentDraft(text: string, format: SegmentFormat): ProseSentence[] {
    return this.segmentDraftDetailed(text, format).sentences;
  }

  /**
   * 0-based line numbers that follow a `<!-- factcheck-ignore-next-line -->` comment in a
   * Markdown draft (comments inside code are not comments). Always empty for plain text.
   * Sentences starting on these lines are meant to be suppressed by the checker.
   */
  ignoredLines(text: string, format: SegmentFormat): number[] {
    return this.segmentDraftDetailed(text, format).ignoredLines;
  }

  /**
   * Sentences and ignored lines in one pass. The last result is remembered, so calling
   * `segmentDraft` and then `ignoredLines` on the same text costs one pass.
   * The returned objects are shared with the caches: treat them as read-only.
   */
  segmentDraftDetailed(text: string, format: SegmentFormat): Segmentation {
    return runSteps(this.segmentDraftSteps(text, format));
  }

  /**
   * `segmentDraftDetailed` in steps: the generator yields between pieces of work (every few
   * hundred lines scanned, every block segmented) and returns the same Segmentation. A caller
   * that must stay responsive (the language server on a large draft) resumes it a slice at a
   * time; no state outside the caches is shared between steps, so interleaving is safe.
   */
  *segmentDraftSteps(text: string, format: SegmentFormat): Generator<void, Segmentation, void> {
    yield* this.assembledSteps(text, format);
    return this.memo!.view;
  }

  /** The whole segmentation of a draft with its blocks (what `resegmentSteps` starts from), in steps. */
  *assembledSteps(text: string, format: SegmentFormat): Generator<void, Assembled, void> {
    const memo = this.memo;
    if (memo && memo.format === format && memo.text === text) return memo.result;
    const blocks = yield* splitBlockSteps(text, format, this.boundaries);
    const result = yield* assembleSteps(this, text, format, blocks);
    this.remember(text, format, result);
    return result;
  }

  /**
   * The segmentation of `text`, an edit of `prevText` whose segmentation is `prev`, re-segmenting only the
   * blocks the edit reaches (incremental.ts); a reason (a string) when that cannot be sure to give what
   * `assembledSteps(text)` gives (then the caller segments the whole draft).
   */
  *resegmentSteps(
    prev: Assembled,
    prevText: string,
    text: string,
    format: SegmentFormat,
    edit: DraftEdit,
  ): Generator<void, Resegmented | string, void> {
    const r = yield* resegmentSteps(this, this.boundaries, prev, prevText, text, format, edit);
    if (typeof r !== "string") this.remember(text, format, r.draft);
    return r;
  }

  private remember(text: string, format: SegmentFormat, result: Assembled): void {
    this.memo = { text, format, result, view: { sentences: result.sentences, ignoredLines: result.ignoredLines, code: result.code } };
  }

  /** Top-level blocks of a draft (block-scanner.ts). Blank lines between blocks belong to none. */
  splitBlocks(text: string, format: SegmentFormat): DraftBlock[] {
    return runSteps(splitBlockSteps(text, format, this.boundaries));
  }

  /**
   * Reference implementation for tests: parse the whole Markdown draft at once, without blocks
   * or block caches. `segmentDraft` must give the same sentences (it is much faster on big
   * drafts: micromark slows down on long input).
   */
  segmentMarkdownWhole(text: string): ProseSentence[] {
    const r = computeBlock(
      text,
      layoutMarkdown(text, this.splitBlocks(text, "markdown")[0]?.kind === "frontmatter", "", Infinity),
      this.spansOf,
    );
    return r.sentences.map((s) => {
      const out: ProseSentence = { start: s.start, end: s.end, text: s.text };
      if (s.mask) out.mask = s.mask;
      return out;
    });
  }

  /** Hit and miss counts of the block caches and the sentence-boundary cache (for tests and diagnostics). */
  cacheStats(): { blocks: CacheStats; spans: CacheStats } {
    const { markdown, frontmatter, plaintext } = this.caches;
    const spans = this.boundaries.spans;
    return {
      blocks: {
        size: markdown.size + frontmatter.size + plaintext.size,
        hits: markdown.hits + frontmatter.hits + plaintext.hits,
        misses: markdown.misses + frontmatter.misses + plaintext.misses,
      },
      spans: { size: spans.size, hits: spans.hits, misses: spans.misses },
    };
  }

  /** Forget every cached block, definition, sentence boundary and the last draft (and reset the statistics). */
  clearCaches(): void {
    this.caches.clear();
    this.boundaries.clear();
    this.memo = undefined;
  }
}

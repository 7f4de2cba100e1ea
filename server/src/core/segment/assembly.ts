// Incremental assembly: the sentences of a whole draft from its blocks (block-scanner.ts), each block's
// result taken from the block caches when its text was seen before, re-based to wherever it now starts.
//  - Each block is parsed and segmented on its own, and the result (offsets relative to the block) is
//    kept in a bounded cache keyed by the block's text. Unchanged blocks cost one Map lookup.
//  - Where one block's parse ends inside a construct a blank line does not close (an unclosed fence or
//    HTML comment the scanner did not see, e.g. a fence in a list item), it is parsed again together
//    with the following blocks, twice as many characters each time (so the cost stays linear), and
//    restarted at a later block where what is open began there: micromark has the last word, up to
//    MAX_PARSE characters.
//  - Link reference definitions are collected from the whole draft and parsed with each block that
//    uses their labels, so "[text][ref]" reads as a link wherever the definition is.
//  - Uncached Markdown blocks in a row are parsed in one micromark call (prefillBatch).
// Every step is a generator step, so a caller that must not block resumes it a slice at a time.
import {
  definedLabels,
  definitionsFor,
  layoutMarkdown,
  layoutMarkdownBatch,
  normalizeLabel,
  parsesWithoutMicromark,
  plainTextLayout,
  type ProseLayout,
} from "../markdown-prose.js";
import { MAX_PARSE } from "../markdown-limits.js";
import { detach, LruCache } from "../lru.js";
import type { DraftBlock } from "./block-scanner.js";
import { plainUnits } from "./plain-units.js";
import type { ProseSentence, SegmentFormat, Segmentation } from "./sentence.js";
import { type BlockResult, computeBlock, type SpansOf } from "./unit-sentences.js";

const BLOCK_CACHE_SIZE = 50_000;
/** Longer blocks are not cached: each version would pin its whole text (they are rebuilt from cached pieces). */
const MAX_CACHED_TEXT = 64 * 1024;
/** Block results by block text, one cache per way of parsing it, and the link definitions of texts containing "]:". */
export class BlockCaches {
  readonly markdown = new LruCache<BlockResult>(BLOCK_CACHE_SIZE);
  readonly frontmatter = new LruCache<BlockResult>(16);
  readonly plaintext = new LruCache<BlockResult>(BLOCK_CACHE_SIZE);
  readonly definitions = new LruCache<string[]>(BLOCK_CACHE_SIZE);
  /**
   * Whether each block of the draft being assembled is read without micromark (parsesWithoutMicromark), asked
   * once per block: prefillBatch looks up to BATCH_BLOCKS blocks ahead at every uncached block, and asking again
   * each time was most of segmentation's work on simple Markdown.
   */
  quick: DraftBlocksMemo | undefined;

  /** Forget every cached block and definition (and reset the statistics). */
  clear(): void {
    this.quick = undefined;
    this.markdown.clear();
    this.frontmatter.clear();
    this.plaintext.clear();
    this.definitions.clear();
  }
}

/**
 * For the draft being assembled (BlockCaches.quick): each block's text, sliced once (a string keeps its hash, so
 * the cache lookups prefillBatch repeats for the blocks ahead do not hash the text again), and whether it is read
 * without micromark (0 not asked yet, 1 yes, 2 no).
 */
interface DraftBlocksMemo {
  text: string;
  blocks: readonly DraftBlock[];
  sources: string[];
  flags: Int8Array;
}

/** What assembly works with: the caches it fills and reads, and the sentence boundaries of a unit's text. */
export interface Assembly {
  readonly caches: BlockCaches;
  readonly spansOf: SpansOf;
}

/**
 * A draft's segmentation with what an incremental re-segmentation needs (incremental.ts): its blocks, where
 * each block's sentences begin, the link definitions every block was parsed with, and whether every block
 * was read on its own.
 */
export interface Assembled extends Segmentation {
  blocks: DraftBlock[];
  /** `firsts[i]`: the index in `sentences` of block i's first sentence; `firsts[blocks.length]` is their number. */
  firsts: number[];
  /** Normalised label → label, as each Markdown block was parsed with (definitionsFor). */
  defined: ReadonlyMap<string, string>;
  /**
   * Every block was parsed on its own and none ended inside an open construct: each block's sentences (and
   * ignore lines) depend on its own text and `defined` alone.
   */
  local: boolean;
}

/** The sentences and ignored lines of a draft cut into `blocks`, in steps. */
export function* assembleSteps(ctx: Assembly, text: string, format: SegmentFormat, blocks: DraftBlock[]): Generator<void, Assembled, void> {
  let result: AssembleResult;
  let defined: ReadonlyMap<string, string> = new Map();
  let merged: number[] = [];
  if (format === "markdown") {
    const groups = blocks.map((_, i) => i + 1);
    defined = yield* linkDefinitions(ctx, text, blocks, groups);
    result = yield* assemble(ctx, text, blocks, format, defined, merged);
    if (merged.length) {
      // Some blocks were parsed together (one ran into the next). Their definitions are
      // whatever the merged text defines, which can differ from the blocks' own (e.g. a
      // definition inside what turned out to be code). Block grouping does not depend on
      // definitions, so one more pass settles it.
      for (let k = 0; k < merged.length; k += 2) groups[merged[k]] = merged[k + 1];
      const regrouped = yield* linkDefinitions(ctx, text, blocks, groups);
      if (!sameMap(regrouped, defined)) {
        defined = regrouped;
        merged = [];
        result = yield* assemble(ctx, text, blocks, format, regrouped, merged);
      }
    }
  } else {
    result = yield* assemble(ctx, text, blocks, format, defined, merged);
  }
  const { sentences, ignoredLines, code, firsts, anyOpen } = result;
  return { sentences, ignoredLines, code, blocks, firsts, defined, local: !merged.length && !anyOpen };
}

/**
 * The sentences, ignored lines and code of `blocks` (a run of a draft's blocks, each read on its own with
 * `defined`), with where each block's sentences begin; undefined when one of them does not stand on its own
 * (it ends inside an open construct): then only a whole assembly gives the right result.
 */
export function* assembleLocalSteps(
  ctx: Assembly,
  text: string,
  format: SegmentFormat,
  blocks: DraftBlock[],
  defined: ReadonlyMap<string, string>,
): Generator<void, (Segmentation & { firsts: number[] }) | undefined, void> {
  const sentences: ProseSentence[] = [];
  const ignoredLines: number[] = [];
  const code: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    firsts.push(sentences.length);
    if (b.kind === "code") {
      code.push(b.start, b.end);
      continue;
    }
    if (b.kind === "frontmatter") return undefined;
    const r = yield* blockResult(ctx, text, b.start, b.end, format, false, defined, b.kind === "markdown" ? blocks : undefined, i);
    if (r.openAtEnd) return undefined;
    for (const s of rebased(r, b.start)) sentences.push(s);
    for (const l of r.ignoreLines) ignoredLines.push(b.line + l);
    for (let k = 0; k < (r.code?.length ?? 0); k += 2) code.push(b.start + r.code![k], b.start + r.code![k + 1]);
    yield;
  }
  firsts.push(sentences.length);
  return { sentences, ignoredLines, code, firsts };
}

/** A block's sentences at offset `start`, kept on the result so an unmoved block costs no allocation. */
function rebased(r: BlockResult, start: number): ProseSentence[] {
  if (r.base !== start) {
    r.base = start;
    r.absolute = r.sentences.map((s) => {
      const out: ProseSentence = { start: start + s.start, end: start + s.end, text: s.text };
      if (s.mask) out.mask = s.mask;
      return out;
    });
  }
  return r.absolute;
}

interface AssembleResult extends Segmentation {
  firsts: number[];
  /** Some block's parse ended inside an open construct (whether or not it was then parsed with the next). */
  anyOpen: boolean;
}

/** Segment every block. Records each run of blocks parsed together into `merged` as [first, end). */
function* assemble(
  ctx: Assembly,
  text: string,
  blocks: DraftBlock[],
  format: SegmentFormat,
  defined: ReadonlyMap<string, string>,
  merged: number[],
): Generator<void, AssembleResult, void> {
  const sentences: ProseSentence[] = [];
  const ignored: number[] = [];
  const code: number[] = [];
  const firsts: number[] = [];
  let anyOpen = false;
  // Blocks before this index are read on their own, never with the blocks after them (see below).
  let aloneUntil = 0;
  for (let i = 0; i < blocks.length;) {
    const b = blocks[i];
    if (b.kind === "code") {
      firsts.push(sentences.length);
      code.push(b.start, b.end);
      i++;
      continue;
    }
    // micromark-extension-frontmatter is only used on closed front matter: on an unclosed
    // "---" it leaves the parser in a state that misreads the rest of the input.
    const withFrontmatter = b.kind === "frontmatter";
    let r = yield* blockResult(ctx, text, b.start, b.end, format, withFrontmatter, defined, b.kind === "markdown" ? blocks : undefined, i);
    let j = i + 1;
    if (r.openAtEnd) anyOpen = true;
    if (r.openAtEnd && i >= aloneUntil) {
      // Parse again with the following blocks, each time about twice as many characters (so
      // that a construct running on costs time linear in its length), until the run is closed
      // at its end or reaches the end of the draft, or what is open at its end began in a later
      // block, with nothing else running into that block: then the blocks before it are
      // settled, and the next one starts afresh (as when each block quote leaves a fence open).
      let run = r; // the result for blocks [i, end)
      let end = j;
      let settled = false;
      for (;;) {
        if (!run.openAtEnd || end === blocks.length) {
          settled = true;
          break;
        }
        // Open inside a block quote or list item, and the next block starts unindented (not
        // with ">"): that line ends the container, and what is open in it. Nothing to merge.
        if (end === j && r.open?.nested && !/^[ \t>]/.test(text.slice(blocks[j].start, blocks[j].start + 1))) {
          settled = true;
          break;
        }
        const m = end > j ? restartBlock(blocks, i, end, run) : -1;
        if (m > i) {
          run = m === j ? r : yield* blockResult(ctx, text, b.start, blocks[m - 1].end, format, withFrontmatter, defined);
          end = m;
          settled = true;
          break;
        }
        const want = 2 * (blocks[end - 1].end - b.start);
        let next = end;
        do next++;
        while (next < blocks.length && blocks[next - 1].end - b.start < want);
        while (next > end && blocks[next - 1].end - b.start > MAX_PARSE) next--;
        if (next === end) break;
        end = next;
        run = yield* blockResult(ctx, text, b.start, blocks[end - 1].end, format, withFrontmatter, defined);
      }
      if (settled) {
        r = run;
        j = end;
      } else {
        // Still open after MAX_PARSE characters, more than micromark is asked about at once:
        // this block and the ones the run covered are read each on its own, as the block
        // scanner cut them (so what the scanner could not place, such as a fence it took for
        // one inside a list item, may be read differently from a parse of the whole draft).
        aloneUntil = end;
      }
    }
    if (j > i + 1) merged.push(i, j);
    if (aloneUntil > i) anyOpen = true; // read alone though open: see above
    // The group's sentences are its first block's; the blocks parsed with it hold none of their own.
    for (let k = i; k < j; k++) firsts.push(sentences.length);
    // Re-based to where the block now starts.
    for (const s of rebased(r, b.start)) sentences.push(s);
    for (const l of r.ignoreLines) ignored.push(b.line + l);
    for (let k = 0; k < (r.code?.length ?? 0); k += 2) code.push(b.start + r.code![k], b.start + r.code![k + 1]);
    i = j;
    yield;
  }
  firsts.push(sentences.length);
  return { sentences, ignoredLines: ignored, code, firsts, anyOpen };
}

/**
 * For the run of blocks [i, end) parsed together and open at its end: the block m (i < m < end)
 * where the open construct began, if no code or HTML block of the run spans the start of m
 * (so that [i, m) parses the same on its own); -1 if there is none.
 */
function restartBlock(blocks: DraftBlock[], i: number, end: number, run: BlockResult): number {
  if (!run.open) return -1;
  const base = blocks[i].start;
  let m = end - 1;
  while (m > i && blocks[m].start - base > run.open.from) m--;
  if (m === i) return -1;
  const at = blocks[m].start - base;
  const spans = run.open.blocks;
  for (let k = 0; k < spans.length; k += 2) if (spans[k] < at && spans[k + 1] > at) return -1;
  return m;
}

export function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * Link reference definitions anywhere in the draft (normalised label → label as written).
 * A block parsed alone must still see them, or "[text][ref]" would read as prose with its
 * label. Only text containing "]:" can define one; it is parsed (once: cached) to find out
 * what it really defines. `groups[i]` is the end (exclusive) of the run of blocks parsed
 * together starting at block i (normally i + 1).
 */
export function* linkDefinitions(
  ctx: Assembly,
  text: string,
  blocks: DraftBlock[],
  groups: readonly number[],
): Generator<void, Map<string, string>, void> {
  const defined = new Map<string, string>();
  let at = -1;
  for (let i = 0; i < blocks.length; i = Math.max(groups[i], i + 1)) {
    const b = blocks[i];
    if (b.kind === "frontmatter") continue;
    const end = blocks[groups[i] - 1].end;
    if (b.kind === "code" && groups[i] === i + 1) continue;
    if (at < b.start) at = text.indexOf("]:", b.start);
    if (at < 0) break;
    if (at >= end) continue;
    const src = text.slice(b.start, end);
    let labels = ctx.caches.definitions.get(src);
    if (!labels) {
      labels = definedLabels(src);
      ctx.caches.definitions.set(src, labels);
      yield; // a parse: a step's worth of work
    }
    for (const l of labels) if (!defined.has(normalizeLabel(l))) defined.set(normalizeLabel(l), l);
  }
  return defined;
}

/**
 * The result for the text from `start` to `end` (one block, or several parsed together), from
 * the cache or computed. The cache key is the text, plus the definitions it is parsed with.
 * On a miss for block `blocks[index]`, the following uncached blocks are parsed with it in
 * one go (prefillBatch).
 */
function* blockResult(
  ctx: Assembly,
  text: string,
  start: number,
  end: number,
  format: SegmentFormat,
  withFrontmatter: boolean,
  defined: ReadonlyMap<string, string>,
  blocks?: DraftBlock[],
  index = 0,
): Generator<void, BlockResult, void> {
  // A block of the draft (not a run parsed together): its text from the memo, hashed once for every lookup.
  const src =
    blocks && blocks[index].start === start && blocks[index].end === end
      ? blockSource(blocksMemo(ctx.caches, text, blocks), index)
      : text.slice(start, end);
  const cache = ctx.caches[format === "plaintext" ? "plaintext" : withFrontmatter ? "frontmatter" : "markdown"];
  const defs = format === "markdown" && !withFrontmatter ? definitionsOf(ctx, src, defined) : "";
  const key = defs ? `${src}\u0000${defs}` : src;
  const hit = cache.get(key);
  if (hit) return hit;
  if (blocks) {
    yield* prefillBatch(ctx, text, blocks, index, defined);
    const batched = cache.peek(key);
    if (batched) return batched;
  }
  const cacheable = src.length <= MAX_CACHED_TEXT;
  const own = cacheable ? detach(src) : src;
  const layout: ProseLayout = format === "plaintext" ? plainTextLayout(own, plainUnits(own)) : layoutMarkdown(own, withFrontmatter, defs);
  const result = computeBlock(own, layout, ctx.spansOf);
  if (cacheable) cache.set(defs ? key : own, result);
  return result;
}

/** definitionsFor `src`, its own labels from the cache; none to look up when the draft defines none (most drafts). */
function definitionsOf(ctx: Assembly, src: string, defined: ReadonlyMap<string, string>): string {
  return defined.size === 0 ? "" : definitionsFor(src, defined, ctx.caches.definitions.peek(src));
}

/** The memo of these blocks of `text` (DraftBlocksMemo), made anew for another draft. */
function blocksMemo(caches: BlockCaches, text: string, blocks: readonly DraftBlock[]): DraftBlocksMemo {
  const q = caches.quick;
  if (q && q.blocks === blocks && q.text === text) return q;
  return (caches.quick = { text, blocks, sources: new Array<string>(blocks.length), flags: new Int8Array(blocks.length) });
}

/** The text of `blocks[j]`, sliced once. */
function blockSource(q: DraftBlocksMemo, j: number): string {
  return (q.sources[j] ??= q.text.slice(q.blocks[j].start, q.blocks[j].end));
}

/** parsesWithoutMicromark of `blocks[j]` (whose text is `src`), asked once. */
function readsWithoutMicromark(q: DraftBlocksMemo, j: number, src: string): boolean {
  if (q.flags[j] === 0) q.flags[j] = parsesWithoutMicromark(src) ? 1 : 2;
  return q.flags[j] === 1;
}

/** At most this many blocks, and characters, are parsed in one micromark call. */
const BATCH_BLOCKS = 16;
const BATCH_CHARS = 8192;
/** What stands between two blocks parsed together: a blank line, as between any two blocks of a draft. */
const BLOCK_GAP = "\n\n";

/**
 * Fill the cache for the run of uncached Markdown blocks starting at `blocks[i]` with one
 * parse (micromark costs ≈0.1 ms per call on top of its per-character cost). Blocks that need
 * no parse (plain paragraphs, simple inline Markdown: layoutMarkdown reads them without micromark)
 * are skipped; the others are joined by blank lines and parsed together. The run stops at a cached
 * block. If the joined blocks do not parse block by block (see layoutMarkdownBatch), each is parsed
 * alone: results never depend on batching.
 */
function* prefillBatch(
  ctx: Assembly,
  text: string,
  blocks: DraftBlock[],
  i: number,
  defined: ReadonlyMap<string, string>,
): Generator<void, void, void> {
  const base = blocks[i].start;
  const memo = blocksMemo(ctx.caches, text, blocks);
  const ranges: number[] = [];
  const sources: string[] = [];
  const keys: string[] = [];
  const blockDefs: string[] = [];
  const defs = new Set<string>();
  let length = 0;
  let seen = 0;
  for (let j = i; j < blocks.length && seen < BATCH_BLOCKS; j++, seen++) {
    const b = blocks[j];
    if (b.kind !== "markdown" || b.end - base > BATCH_CHARS) break;
    const src = blockSource(memo, j);
    const d = definitionsOf(ctx, src, defined);
    const key = d ? `${src}\u0000${d}` : src;
    if (ctx.caches.markdown.has(key)) break;
    if (!d && readsWithoutMicromark(memo, j, src)) continue;
    if (d) for (const line of d.split("\n")) defs.add(line);
    if (sources.length) length += BLOCK_GAP.length;
    ranges.push(length, length + src.length);
    length += src.length;
    sources.push(src);
    keys.push(key);
    blockDefs.push(d);
  }
  if (sources.length < 2) return;
  const layouts = layoutMarkdownBatch(sources.join(BLOCK_GAP), ranges, [...defs].sort().join("\n"));
  for (let k = 0; k < keys.length; k++) {
    const own = detach(sources[k]);
    // When the blocks do not parse one by one, each is parsed alone now, as blockResult would:
    // otherwise every block of such a run would try (and fail) a batch of its own.
    ctx.caches.markdown.set(keys[k], computeBlock(own, layouts ? layouts[k] : layoutMarkdown(own, false, blockDefs[k]), ctx.spansOf));
    yield;
  }
}

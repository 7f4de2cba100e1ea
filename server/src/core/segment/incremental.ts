// Re-segmenting an edited draft block by block: only the blocks an edit reaches are scanned and segmented
// again, and the rest of the previous segmentation is kept (shifted, after the edit). The result is the
// one a whole segmentation gives, because
//  - the block scanner is re-run from a resync block of the previous scan (block-scanner.ts: a block whose
//    scan depends on nothing before it but one flag) before the edit, and stopped at the first resync
//    point past the edit where the previous scan had a resync block with the same flag: from there the two
//    scans read the same text in the same state;
//  - each block's sentences (and ignore lines) then depend on its own text and the draft's link definitions alone, which holds
//    when the previous draft's blocks were each read on their own (Assembled.local), the re-scanned ones are
//    too, and the draft's link definitions are the same (read again only when the old or the new text of
//    the re-scanned stretch holds "]:");
// otherwise the caller segments the whole draft.
import { type Assembled, assembleLocalSteps, type Assembly, linkDefinitions, sameMap } from "./assembly.js";
import { type DraftBlock, scanBlockSteps, type SentenceEnds } from "./block-scanner.js";
import type { ProseSentence, SegmentFormat } from "./sentence.js";

/** One contiguous edit: old text [start, oldEnd) became new text [start, newEnd). */
export interface DraftEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** A re-segmentation, and what it replaced. */
export interface Resegmented {
  draft: Assembled;
  /** New sentences [from, from + added) replace old ones [from, from + removed); those after are the old ones shifted by `delta`. */
  from: number;
  removed: number;
  added: number;
  /** Characters and lines the text after the edit moved by. */
  delta: number;
  lineDelta: number;
}

/** The one edit turning `a` into `b` (their common prefix and suffix kept), or undefined when they are equal. */
export function diffEdit(a: string, b: string): DraftEdit | undefined {
  if (a === b) return undefined;
  const n = Math.min(a.length, b.length);
  const start = commonPrefix(a, b, n);
  const tail = commonSuffix(a, b, n - start);
  return { start, oldEnd: a.length - tail, newEnd: b.length - tail };
}

/**
 * Compared a stretch at a time (string equality runs in native code): stretches that double while equal,
 * then halve to find the first difference, then character by character within the last few.
 */
const FIRST_STRETCH = 4096;
const LAST_STRETCH = 64;

function commonPrefix(a: string, b: string, n: number): number {
  let at = 0;
  let step = FIRST_STRETCH;
  while (at + step <= n && a.slice(at, at + step) === b.slice(at, at + step)) {
    at += step;
    step *= 2;
  }
  for (step = Math.min(step, n - at); step > LAST_STRETCH; step >>= 1) {
    const half = step >> 1;
    if (a.slice(at, at + half) === b.slice(at, at + half)) at += half;
  }
  while (at < n && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

function commonSuffix(a: string, b: string, n: number): number {
  const la = a.length;
  const lb = b.length;
  const same = (k: number, len: number) => a.slice(la - k - len, la - k) === b.slice(lb - k - len, lb - k);
  let k = 0;
  let step = FIRST_STRETCH;
  while (k + step <= n && same(k, step)) {
    k += step;
    step *= 2;
  }
  for (step = Math.min(step, n - k); step > LAST_STRETCH; step >>= 1) {
    const half = step >> 1;
    if (same(k, half)) k += half;
  }
  while (k < n && a.charCodeAt(la - 1 - k) === b.charCodeAt(lb - 1 - k)) k++;
  return k;
}

/** See the file comment; a reason (a string) when only a whole segmentation can be sure of the result. */
export function* resegmentSteps(
  ctx: Assembly,
  ends: SentenceEnds,
  prev: Assembled,
  prevText: string,
  text: string,
  format: SegmentFormat,
  edit: DraftEdit,
): Generator<void, Resegmented | string, void> {
  if (!prev.local) return "blocks parsed together";
  const old = prev.blocks;
  // The last resync block starting before the edit: the text up to it and its first character are unchanged.
  let i0 = lastStartingBefore(old, edit.start);
  while (i0 >= 0 && old[i0].sync === undefined) i0--;
  if (i0 < 0) return "no resync block before the edit";
  const delta = text.length - prevText.length;
  let j0 = old.length;
  const scan = yield* scanBlockSteps(text, format, ends, {
    pos: old[i0].start,
    line: old[i0].line,
    sync: old[i0].sync!,
    from: edit.newEnd,
    stop: (pos, sync) => {
      const j = blockStartingAt(old, pos - delta, i0 + 1);
      if (j < 0 || old[j].sync !== sync) return false;
      j0 = j;
      return true;
    },
  });
  const oldFrom = old[i0].start;
  const oldTo = j0 < old.length ? old[j0].start : prevText.length;
  const newTo = scan.stoppedAt >= 0 ? scan.stoppedAt : text.length;
  const lineDelta = countLines(text, edit.start, edit.newEnd) - countLines(prevText, edit.start, edit.oldEnd);
  const blocks: DraftBlock[] = old.slice(0, i0);
  for (const b of scan.blocks) blocks.push(b);
  for (let k = j0; k < old.length; k++) blocks.push(shiftBlock(old[k], delta, lineDelta));
  // A link definition added, removed or changed would change how other blocks read: the draft's definitions
  // must be the same (read block by block, as a whole assembly does; only blocks holding "]:" are parsed).
  if (format === "markdown" && (hasDefinitionMark(prevText, oldFrom, oldTo) || hasDefinitionMark(text, oldFrom, newTo))) {
    const defined = yield* linkDefinitions(
      ctx,
      text,
      blocks,
      blocks.map((_, i) => i + 1),
    );
    if (!sameMap(defined, prev.defined)) return "a link definition changed";
  }
  const middle = yield* assembleLocalSteps(ctx, text, format, scan.blocks, prev.defined);
  if (!middle) return "a block open at its end";

  const from = prev.firsts[i0];
  const oldUntil = prev.firsts[j0];
  const added = middle.sentences.length;
  const sentences: ProseSentence[] = prev.sentences.slice(0, from);
  for (const s of middle.sentences) sentences.push(s);
  for (let k = oldUntil; k < prev.sentences.length; k++) sentences.push(shiftSentence(prev.sentences[k], delta));

  const firsts = prev.firsts.slice(0, i0);
  for (let k = 0; k + 1 < middle.firsts.length; k++) firsts.push(from + middle.firsts[k]);
  const moved = from + added - oldUntil;
  for (let k = j0; k < prev.firsts.length; k++) firsts.push(prev.firsts[k] + moved);

  // Ignored lines (each the line after an ignore comment) of the blocks before i0 lie before its line, and
  // those of the blocks from j0 on at or after old[j0]'s: each of the two starts after a blank line.
  const ignoredLines: number[] = [];
  for (const l of prev.ignoredLines) if (l < old[i0].line) ignoredLines.push(l);
  for (const l of middle.ignoredLines) ignoredLines.push(l);
  if (j0 < old.length) for (const l of prev.ignoredLines) if (l >= old[j0].line) ignoredLines.push(l + lineDelta);

  // Code ranges lie inside their blocks: those before old[i0] and from old[j0] on are the old ones.
  const code: number[] = [];
  for (let k = 0; k < prev.code.length && prev.code[k] < old[i0].start; k += 2) code.push(prev.code[k], prev.code[k + 1]);
  for (const x of middle.code) code.push(x);
  if (j0 < old.length)
    for (let k = 0; k < prev.code.length; k += 2)
      if (prev.code[k] >= old[j0].start) code.push(prev.code[k] + delta, prev.code[k + 1] + delta);

  return {
    draft: { sentences, ignoredLines, code, blocks, firsts, defined: prev.defined, local: true },
    from,
    removed: oldUntil - from,
    added,
    delta,
    lineDelta,
  };
}

/** Index of the last block starting before `at`, or -1. */
function lastStartingBefore(blocks: readonly DraftBlock[], at: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the block (from `lo` on) starting exactly at `at`, or -1. */
function blockStartingAt(blocks: readonly DraftBlock[], at: number, lo: number): number {
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = blocks[mid].start;
    if (s === at) return mid;
    if (s < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** "]:" in text[from - 1, to) (searched in that stretch alone: indexOf would scan on to the end of the draft). */
function hasDefinitionMark(text: string, from: number, to: number): boolean {
  return text.slice(Math.max(0, from - 1), to).includes("]:");
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function shiftBlock(b: DraftBlock, delta: number, lineDelta: number): DraftBlock {
  const out: DraftBlock = { start: b.start + delta, end: b.end + delta, line: b.line + lineDelta, kind: b.kind };
  if (b.sync !== undefined) out.sync = b.sync;
  return out;
}

function shiftSentence(s: ProseSentence, delta: number): ProseSentence {
  const out: ProseSentence = { start: s.start + delta, end: s.end + delta, text: s.text };
  if (s.mask) out.mask = s.mask;
  return out;
}

// One open draft, checked again and again as it is edited: a re-check after an edit re-segments only the
// blocks the edit reaches (segment/incremental.ts) and re-checks only the paragraph runs holding a changed
// sentence or touching the edit; the findings of every other run are kept (shifted by the edit's length
// when they come after it). The result is always what a whole check of the same text gives:
//  - a sentence's findings depend on its text alone (the matcher's cache is keyed by it), and whether it is
//    skipped on the text just after it on its own line (`<!-- factcheck-ignore -->`, inside its block);
//  - the passage pass reads one paragraph run (sentences between blank lines) and the claims its sentences
//    found, nothing else; the runs next to the edit are re-read whole, so a blank line typed or deleted
//    (a run split or joined) is seen;
//  - what depends on the whole draft — ignore directives (disable … enable reaches any distance), ignore
//    lines, link definitions, blocks parsed together — sends the check down the whole path instead.
// The draft's headings play no part in matching (a claim's section is the claim's, not the draft's).
// A session belongs to one engine (FactChecker): claims reloaded make a new engine, and a new session.
import type { CheckOptions, CheckResult, DraftCheck, FactChecker, Runs } from "./checker.js";
import { type CheckControl, driveSteps } from "./steps.js";
import { type DirectiveMatch, directiveMatches, directivesFrom, outsideCode } from "./draft-marks.js";
import type { DraftBlock } from "./segment/block-scanner.js";
import { diffEdit, type DraftEdit } from "./segment/incremental.js";
import type { Finding } from "./types.js";
import type { DraftFormat } from "../../../protocol/markdown.js";

/**
 * A result, and how much of it is the previous result's: findings [0, prefix) are the previous result's
 * own objects, and the last `suffix` findings are the previous result's last `suffix` findings moved by
 * `delta` characters (they all lie on lines after the edit). A host that keeps something per finding
 * (the language server: each finding's diagnostic) reuses those.
 */
export interface SessionResult extends CheckResult {
  /** Increases with every result of this session. */
  id: number;
  reuse?: { from: number; prefix: number; suffix: number; delta: number };
}

/**
 * What the host knows of how `text` came from a result of this session (the language server: the editor's
 * incremental changes, merged): `text` is result `after`'s text with old [start, oldEnd) replaced by new
 * [start, newEnd), and the same outside it; `edit` undefined: the same text. With it the session need not
 * compare the two texts to find the edit (a megabyte each); it must cover every changed character (a wider
 * edit only re-reads more). A hint for another result than the last is ignored.
 */
export interface EditHint {
  after: number;
  edit: DraftEdit | undefined;
}

interface Checked {
  id: number;
  text: string;
  format: DraftFormat;
  minScore: number;
  check: DraftCheck;
}

export class DraftSession {
  private last: Checked | undefined;
  private ids = 0;
  /** How the last result was made, and why not incrementally when it was not: for tests and the log. */
  lastPath: "whole" | "incremental" | "same" = "whole";
  lastReason = "";

  constructor(readonly engine: FactChecker) {}

  /** Checks `text` (the whole path, or the incremental one when the last check allows it). */
  check(text: string, format: DraftFormat, options: CheckOptions = {}, hint?: EditHint): SessionResult {
    const steps = this.checkSteps(text, format, options, hint);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /** `check` in slices, as FactChecker.checkTextAsync: undefined when abandoned (the session then keeps its last result). */
  async checkAsync(
    text: string,
    format: DraftFormat,
    options: CheckOptions,
    control: CheckControl,
    hint?: EditHint,
  ): Promise<SessionResult | undefined> {
    if (control.cancelled?.()) return undefined;
    return driveSteps(this.checkSteps(text, format, options, hint), control);
  }

  /** Forget the last check: the next one takes the whole path. */
  reset(): void {
    this.last = undefined;
  }

  /** The last result's id (what an EditHint names), undefined before the first check. */
  get lastId(): number | undefined {
    return this.last?.id;
  }

  private *checkSteps(text: string, format: DraftFormat, options: CheckOptions, hint?: EditHint): Generator<void, SessionResult, void> {
    const minScore = options.minScore ?? 0;
    const last = this.last;
    this.lastReason = last ? "another format, minimum score or candidates" : "the first check";
    // `candidates` is the command line's: it checks a file once.
    if (last && !options.candidates && last.format === format && last.minScore === minScore) {
      const edit = hint && hint.after === last.id ? hintedEdit(hint.edit, last.text, text) : diffEdit(last.text, text);
      if (!edit) {
        this.lastPath = "same";
        return this.commit(last, last.check, { prefix: last.check.result.findings.length, suffix: 0, delta: 0 }, text);
      }
      const r = yield* this.incrementalSteps(last, text, format, minScore, edit);
      if (r) return r;
    }
    this.lastPath = "whole";
    const check = yield* this.engine.checkDraftSteps(text, format, options);
    return this.commit(last, check, undefined, text, format, minScore);
  }

  private *incrementalSteps(
    last: Checked,
    text: string,
    format: DraftFormat,
    minScore: number,
    edit: DraftEdit,
  ): Generator<void, SessionResult | undefined, void> {
    const prev = last.check;
    // The directives on the lines the edit touched and the line before them (an ignore-next-line's line) are
    // the same in the old text and the new, none of them touching the edit: then every directive is one of the
    // last draft's (moved, after the edit), and so is what it skips in every run not read again (directivesFrom:
    // each span moves with its ends; an ignore-next-line's span changes only on an edited line, whose sentences
    // are read again).
    if (!sameDirectivesAround(last.text, text, edit, format)) {
      this.lastReason = "a directive at the edit";
      return undefined;
    }
    const reseg = yield* this.engine.segmenter.resegmentSteps(prev.seg, last.text, text, format, edit);
    if (typeof reseg === "string") {
      this.lastReason = reseg;
      return undefined;
    }
    const movedTo = new Map<DirectiveMatch, DirectiveMatch>();
    const comments = prev.comments.map((m) => {
      const to = m.index < edit.start ? m : moveDirective(m, reseg.delta);
      movedTo.set(m, to);
      return to;
    });
    // Which of them are directives depends on what is code, which the edit may change (a fence opened): the
    // same ones as before (the last draft's directives are some of its comments), or the whole path.
    const directives = outsideCode(comments, reseg.draft.code);
    if (
      !sameMatches(
        directives,
        prev.directives.map((m) => movedTo.get(m)!),
      )
    ) {
      this.lastReason = "code now holds a directive, or no longer does";
      return undefined;
    }
    const marks = directivesFrom(text, directives);
    const ignored = reseg.draft.ignoredLines;
    const blocks = reseg.draft.blocks;
    const skipLines = ignored.length ? { lines: new Set(ignored), lineOf: (offset: number) => lineOf(text, blocks, offset) } : undefined;
    const { from, removed, added, delta } = reseg;
    const sentences = reseg.draft.sentences;
    const oldCount = prev.seg.sentences.length;
    const runs = prev.runs;
    // The old runs to read again: from the one holding the last sentence before the change (a blank line
    // before it is unchanged) to the one holding the first sentence after it (and the blank line after that).
    const rA = from > 0 ? runHolding(runs, from - 1) : 0;
    const q = from + removed;
    const rB = q < oldCount ? runHolding(runs, q) : runs.firsts.length - 1;
    const moved = added - removed;
    const i0 = runs.firsts.length ? runs.firsts[rA] : 0;
    const oldEnd = rB + 1 < runs.firsts.length ? runs.firsts[rB + 1] : oldCount;
    const j0 = q < oldCount ? oldEnd + moved : sentences.length;
    const fold = yield* this.engine.checkRunsSteps(text, format, sentences, i0, j0, minScore, marks, skipLines);

    const old = prev.result.findings;
    const keptBefore = runs.finds.length ? runs.finds[rA] : 0;
    const keptAfter = rB + 1 < runs.finds.length ? runs.finds[rB + 1] : old.length;
    const findings: Finding[] = old.slice(0, keptBefore);
    for (const f of fold.findings) findings.push(f);
    for (let k = keptAfter; k < old.length; k++) findings.push(shiftFinding(old[k], delta));

    const movedFindings = fold.findings.length - (keptAfter - keptBefore);
    const newRuns: Runs = { firsts: runs.firsts.slice(0, rA), finds: runs.finds.slice(0, rA) };
    for (let k = 0; k < fold.runs.firsts.length; k++) {
      newRuns.firsts.push(fold.runs.firsts[k]);
      newRuns.finds.push(keptBefore + fold.runs.finds[k]);
    }
    for (let r = rB + 1; r < runs.firsts.length; r++) {
      newRuns.firsts.push(runs.firsts[r] + moved);
      newRuns.finds.push(runs.finds[r] + movedFindings);
    }
    const check: DraftCheck = {
      result: { findings, stats: { sentences: sentences.length, cached: sentences.length - (j0 - i0) + fold.cached } },
      seg: reseg.draft,
      runs: newRuns,
      comments,
      directives,
    };
    this.lastPath = "incremental";
    return this.commit(last, check, { prefix: keptBefore, suffix: old.length - keptAfter, delta }, text);
  }

  private commit(
    last: Checked | undefined,
    check: DraftCheck,
    reuse: { prefix: number; suffix: number; delta: number } | undefined,
    text: string,
    format = last!.format,
    minScore = last!.minScore,
  ): SessionResult {
    const id = ++this.ids;
    this.last = { id, text, format, minScore, check };
    return { ...check.result, id, ...(reuse && last ? { reuse: { from: last.id, ...reuse } } : {}) };
  }
}

/**
 * The hinted edit of `oldText` into `text` when it fits the two (within both, the length change its own), else
 * the one found by comparing them; undefined when the texts are equal.
 */
function hintedEdit(edit: DraftEdit | undefined, oldText: string, text: string): DraftEdit | undefined {
  // No edit: the host's text is the same string as the last check's (then === compares no characters).
  if (!edit) return oldText === text ? undefined : diffEdit(oldText, text);
  if (edit.start === edit.oldEnd && edit.start === edit.newEnd && oldText.length === text.length) return undefined; // nothing replaced
  const fits =
    edit.start >= 0 &&
    edit.start <= edit.oldEnd &&
    edit.start <= edit.newEnd &&
    edit.oldEnd <= oldText.length &&
    edit.newEnd <= text.length &&
    text.length - edit.newEnd === oldText.length - edit.oldEnd;
  return fits ? edit : diffEdit(oldText, text);
}

/** The run (index into runs.firsts) holding sentence `k`. */
function runHolding(runs: Runs, k: number): number {
  const f = runs.firsts;
  let lo = 0;
  let hi = f.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (f[mid] <= k) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The directives of the lines holding the edit, and of the line before them, in the old text and the new: the
 * same ones, none touching the edit (those after it moved by its length).
 */
function sameDirectivesAround(oldText: string, text: string, edit: DraftEdit, format: DraftFormat): boolean {
  const before = lineBefore(text, edit.start); // the same in both texts: it is before the edit
  const oldM = directivesIn(oldText, before, lineEndAt(oldText, edit.oldEnd), format);
  const newM = directivesIn(text, before, lineEndAt(text, edit.newEnd), format);
  if (oldM.length !== newM.length) return false;
  const delta = text.length - oldText.length;
  for (let k = 0; k < oldM.length; k++) {
    const o = oldM[k];
    const n = newM[k];
    if (o.index < edit.start ? o.end > edit.start : o.index < edit.oldEnd) return false; // touches the edit
    const moved = o.index < edit.start ? 0 : delta;
    if (n.index !== o.index + moved || n.end !== o.end + moved || n.kind !== o.kind || !sameIds(n.ids, o.ids)) return false;
  }
  return true;
}

/** The directives of text[from, to) (from a line start: the character before it is no backslash), at their offsets in `text`. */
function directivesIn(text: string, from: number, to: number, format: DraftFormat): DirectiveMatch[] {
  return directiveMatches(text.slice(from, to), format).map((m) => moveDirective(m, from));
}

function sameMatches(a: readonly DirectiveMatch[], b: readonly DirectiveMatch[]): boolean {
  return a.length === b.length && a.every((m, k) => m === b[k]);
}

function moveDirective(m: DirectiveMatch, by: number): DirectiveMatch {
  return by === 0 ? m : { ...m, index: m.index + by, end: m.end + by };
}

function sameIds(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** The start of the line before the one holding `at` (0 on the first two lines). */
function lineBefore(text: string, at: number): number {
  const a = at > 0 ? text.lastIndexOf("\n", at - 1) : -1;
  return a > 0 ? text.lastIndexOf("\n", a - 1) + 1 : 0;
}

/** The end of the line holding `at`. */
function lineEndAt(text: string, at: number): number {
  const b = text.indexOf("\n", at);
  return b < 0 ? text.length : b;
}

/** The line (counted by "\n", as the block scanner counts them) of an offset inside one of `blocks`. */
function lineOf(text: string, blocks: readonly DraftBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let k = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= offset) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let line = blocks[k]?.line ?? 0;
  for (let i = text.indexOf("\n", blocks[k]?.start ?? 0); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function shiftFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  // Written out, not spread: a keystroke moves every finding after it.
  // The same shape as the checker's: its keys, present even when undefined.
  const named = f.namedSpeaker;
  const q = f.quoted;
  const quoted = q && { start: q.start + delta, end: q.end + delta, open: q.open + delta, close: q.close + delta };
  if (quoted && q.recorded !== undefined) (quoted as NonNullable<Finding["quoted"]>).recorded = q.recorded;
  const out: Finding = {
    start: f.start + delta,
    end: f.end + delta,
    verdict: f.verdict,
    score: f.score,
    explanation: f.explanation,
    claim: f.claim,
  };
  if ("namedSpeaker" in f) out.namedSpeaker = named && { name: named.name, start: named.start + delta, end: named.end + delta };
  if ("quoted" in f) out.quoted = quoted;
  return out;
}

// Checks open drafts and publishes their diagnostics. After an edit the re-check starts at once and only
// its publish waits for the edits to pause (debouncer.ts): the writer sees the result as soon as the
// debounce ends, not a re-check (and, against a large database, tens of milliseconds) later. A re-check
// before the pause runs at most EAGER_SLICES slices (≈ 40 ms); one that needs more (the whole check of a long draft)
// waits for the pause to go on, so fast typing starts at most that much work per keystroke. A result
// computed for a version the document has moved past is dropped, never published. What is known
// about each draft (its last findings, its check in flight, its notices, its DraftSession) is in its
// DocumentState. A re-check after an edit segments and checks only the blocks the edit reaches
// (core/draft-session.ts), and the diagnostics of the findings it kept are the last publish's, moved.
// A check runs in slices of at most SLICE_MS, handing the thread back between them (a cold 1 MB
// draft takes seconds), and is abandoned at the next slice once the document or the claims change.
// Drafts over `maximumDraftSize` are checked up to the limit, and say so (draft-limit.ts).
import { performance } from "node:perf_hooks";
import { type Diagnostic, DiagnosticSeverity, type PublishDiagnosticsParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ClaimsStore } from "./claims-store.js";
import type { CheckControl, DraftFormat } from "./core/checker.js";
import type { Finding } from "./core/types.js";
import type { Debouncer } from "./debouncer.js";
import type { CheckEvent, Logger } from "./deps.js";
import { DiagnosticMemo } from "./diagnostic-memo.js";
import { ClaimParts, findingDiagnostic } from "./diagnostics.js";
import { DraftSession } from "./core/draft-session.js";
import type { CheckTicket, DocumentState, OpenDocuments } from "./document-state.js";
import { draftPart, formatBytes } from "./draft-limit.js";
import { draftFormatOf } from "../../protocol/markdown.js";
import { DIAGNOSTIC_SOURCE } from "../../protocol/messages.js";
import { type VerdictCounts, zeroCounts } from "../../protocol/verdicts.js";
import { findingSeverity } from "./review-card.js";
import type { Settings, SettingsCache } from "./settings.js";

export interface DraftCheckerContext {
  /** `counts`: the published findings by verdict, when the publisher has counted them (document-counts.ts counts otherwise). */
  publish(params: PublishDiagnosticsParams, counts?: VerdictCounts): void;
  documents: OpenDocuments;
  debouncer: Debouncer;
  settings: SettingsCache;
  store: ClaimsStore;
  /** Resolves once the claims have been loaded for the first time. */
  ready: Promise<void>;
  logger: Logger;
  /** Yields to the event loop between slices of a check (setImmediate in production). */
  pause(): Promise<void>;
  /** Tells the user something once (window/showMessage); the checker logs it too. */
  notify(message: string): void;
  /** Claims files open in the editor are not drafts: their diagnostics are their errors. */
  isClaimsFile(uri: string): boolean;
  onCheck?(event: CheckEvent): void;
  onDropped?(uri: string, version: number): void;
}

export function isMarkdown(doc: TextDocument): boolean {
  return draftFormatOf(doc.uri, doc.languageId) === "markdown";
}

/**
 * The longest a check holds the thread before it yields (one step may run over: a block, a sentence). A request
 * that arrives meanwhile waits up to two slices (its handling and its answer's write are each queued behind one):
 * at 10 ms a server start with the 1 MB draft kept the event loop from answering a ping within 50 ms 14–21 times,
 * at 5 ms twice, with the same time to the first diagnostics (load ≈ 3.5, alternating runs).
 */
export const SLICE_MS = 5;

/** Keeps nothing of its own: what it knows about a draft is in the draft's DocumentState. */
export class DraftChecker {
  constructor(private readonly ctx: DraftCheckerContext) {}

  /** The content changed (the state's revision is already bumped): re-check now, publish after the debounce. */
  schedule(state: DocumentState): void {
    // The pause: the debounce's end, or its cancellation (a newer edit, a check started, the close), which outdates
    // this check, so that it stops waiting and is dropped.
    let paused!: () => void;
    const pause = new Promise<void>((resolve) => (paused = resolve));
    this.ctx.debouncer.schedule(state, paused, paused);
    void this.check(state, pause);
  }

  /** Check now (document opened, claims or settings changed); `pause`: publish only once it resolves (an edit's). */
  async check(state: DocumentState, pause?: Promise<void>): Promise<void> {
    const { uri } = state;
    if (this.ctx.documents.state(uri) !== state || this.ctx.isClaimsFile(uri)) return;
    const ticket = state.beginCheck();
    if (!pause) state.cancelPending(); // checked now: nothing waiting is to run (an edit's check waits on its own debounce)
    try {
      const settings = await this.ctx.settings.get(uri);
      await this.ctx.ready;
      if (!ticket.current() || !(await this.publish(state, ticket, settings, pause))) this.ctx.onDropped?.(uri, ticket.version);
    } catch (e) {
      this.ctx.logger.error(`checking ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** Re-check every open draft. */
  checkAll(): void {
    for (const state of this.ctx.documents.states()) void this.check(state);
  }

  /** The document closed (its state is already dropped): clear its diagnostics. */
  closed(uri: string): void {
    this.ctx.publish({ uri, diagnostics: [] });
  }

  /** Checks the document and publishes (once `pause` resolves, if given); false when abandoned because the ticket went out of date. */
  private async publish(state: DocumentState, ticket: CheckTicket, settings: Settings, pause?: Promise<void>): Promise<boolean> {
    const doc = state.doc;
    const stale = () => !ticket.current();
    const applies = settings.enable && settings.languages.includes(doc.languageId);
    if (!applies) {
      if (state.published) {
        state.published = undefined;
        this.ctx.publish({ uri: doc.uri, version: doc.version, diagnostics: [] });
      }
      return true;
    }
    const format: DraftFormat = isMarkdown(doc) ? "markdown" : "plaintext";
    const text = doc.getText();
    const part = draftPart(text, settings.maximumDraftSize);
    if (part.partial) this.tellTooLarge(state, text, settings.maximumDraftSize);
    let sliceStart = performance.now();
    // Before the pause, at most EAGER_SLICES slices of work (then the check waits for it).
    let paused = !pause;
    void pause?.then(() => (paused = true));
    let eager = 0;
    const control: CheckControl = {
      pause: async () => {
        await this.ctx.pause();
        if (!paused && ++eager >= EAGER_SLICES) await pause;
        sliceStart = performance.now();
      },
      due: () => performance.now() - sliceStart >= SLICE_MS,
      cancelled: stale,
    };
    const checked = part.partial ? text.slice(0, part.end) : text;
    const engine = this.ctx.store.checker;
    // The draft's own incremental checker (core/draft-session.ts): after an edit, only the blocks it reaches
    // are segmented and checked again, and the other findings are the last check's.
    if (state.session?.engine !== engine) state.session = new DraftSession(engine);
    const session = state.session;
    // The editor's changes since the session's last check say where the edit is (a partial check's text is not
    // the document's: its session compares).
    const revision = state.revision;
    const hint = part.partial ? undefined : state.editHint(session);
    const result = await session.checkAsync(checked, format, { minScore: settings.minimumScore }, control, hint);
    if (result) {
      if (part.partial) state.edits.forget();
      else state.edits.checked(session, result.id, revision);
    }
    if (!result || stale()) return false;
    const { findings, stats } = result;
    const ignored = new Set(settings.ignoredClaims);
    // Per finding of the result: its diagnostic, or undefined when settings do not show it.
    const perFinding: (Diagnostic | undefined)[] = new Array(findings.length);
    const parts = this.partsFor(engine);
    // An incremental result says which findings are the last publish's (the same, or moved down by whole
    // lines): their diagnostics are reused, moved, and only the others are built.
    const last = state.built;
    const reuse = result.reuse;
    let from = 0;
    let to = findings.length;
    if (reuse && last && last.resultId === reuse.from && last.engine === engine && last.settings === settings && !part.partial) {
      from = reuse.prefix;
      to = findings.length - reuse.suffix;
      for (let i = 0; i < from; i++) perFinding[i] = last.perFinding[i];
      const lines = doc.lineCount - last.lineCount;
      const old = last.perFinding.length - reuse.suffix;
      for (let i = to; i < findings.length; i++) perFinding[i] = moveLines(last.perFinding[old + i - to], lines);
    }
    // The last publish's diagnostics, for the findings a keystroke left as they were (diagnostic-memo.ts).
    const memo = state.diagnosticMemo?.engine === engine ? state.diagnosticMemo : new DiagnosticMemo(engine);
    const useMemo = to - from > MEMO_AT;
    for (let i = from; i < to; i++) {
      // Diagnostics cost too (a few hundred findings: tens of milliseconds): same slices.
      if (control.due!()) {
        await control.pause();
        if (stale()) return false;
      }
      const f = findings[i];
      const severity = findingSeverity(settings, f); // by verdict, or by rating for a reviewed claim
      if (severity === undefined || ignored.has(f.claim.id)) continue;
      const build = () => findingDiagnostic(doc, f, severity, parts);
      perFinding[i] = useMemo ? memo.diagnostic(doc, text, f, severity, build) : build();
    }
    if (useMemo) {
      memo.published();
      state.diagnosticMemo = memo;
    }
    // What the next check reuses is this one's, published or not (a newer edit may drop it at the pause): its
    // diagnostics are right for its result, which the session's next result comes from. (A partial check's text is
    // not the document's: its lines are not the document's to move by.)
    state.built = part.partial ? undefined : { resultId: result.id, engine, settings, perFinding, lineCount: doc.lineCount };
    const shown: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    // By verdict, for the status bar: what document-counts.ts would count in the diagnostics (each shown
    // finding's has its verdict; the size-limit notice has none).
    const counts = zeroCounts();
    for (let i = 0; i < findings.length; i++) {
      const d = perFinding[i];
      if (!d) continue;
      shown.push(findings[i]);
      diagnostics.push(d);
      counts[findings[i].verdict]++;
    }
    if (part.partial) diagnostics.push(stoppedHere(doc, part.end, settings.maximumDraftSize));
    if (!paused) {
      await pause;
      if (stale()) return false;
    }
    state.published = { version: doc.version, revision: ticket.revision, findings: shown, diagnostics, text: checked };
    this.ctx.publish({ uri: doc.uri, version: doc.version, diagnostics }, counts);
    this.ctx.onCheck?.({ uri: doc.uri, version: doc.version, stats, findings: shown });
    return true;
  }

  /** The per-claim parts of diagnostics, for the engine's claims (a reload makes new claims, and new parts). */
  private partsFor(engine: object): ClaimParts {
    if (this.parts?.engine !== engine) this.parts = { engine, parts: new ClaimParts() };
    return this.parts.parts;
  }
  private parts: { engine: object; parts: ClaimParts } | undefined;

  /** The one notice per document that only part of it is checked (a log line, and a message to the user). */
  private tellTooLarge(state: DocumentState, text: string, limit: number): void {
    if (!state.firstNotice("too-large")) return;
    const message =
      `Fact Check: ${state.uri} is ${formatBytes(Buffer.byteLength(text))}, over the ${formatBytes(limit)} limit ` +
      `(setting factCheck.maximumDraftSize): only its first ${formatBytes(limit)} are checked; nothing after that is.`;
    this.ctx.logger.warn(message);
    this.ctx.notify(message);
  }
}

/**
 * Slices (SLICE_MS each, ≈ 40 ms in all) an edit's check may run before the edits pause: a keystroke's re-check is
 * a few milliseconds (up to four slices against 100,000 claims on a loaded machine), a whole check of a long draft
 * hundreds of slices, and waits.
 */
export const EAGER_SLICES = 8;

/** Above this many diagnostics to build, the memo of the last publish's is asked first (a whole re-check). */
const MEMO_AT = 32;

/** A diagnostic moved down (or up) by `lines` whole lines: a finding after an edit keeps its characters. */
function moveLines(d: Diagnostic | undefined, lines: number): Diagnostic | undefined {
  if (!d || lines === 0) return d;
  const { start, end } = d.range;
  return {
    ...d,
    range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } },
  };
}

/** The diagnostic at the first unchecked character of a draft over the size limit. */
function stoppedHere(doc: TextDocument, offset: number, limit: number): Diagnostic {
  // On the first word not checked (the cut is at a line break), to the end of its line.
  const text = doc.getText();
  const word = text.slice(offset, offset + 1000).search(/\S/);
  const from = word < 0 ? offset : offset + word;
  const lineEnd = text.indexOf("\n", from);
  const to = Math.min(lineEnd < 0 ? text.length : lineEnd, from + 200);
  return {
    range: { start: doc.positionAt(from), end: doc.positionAt(Math.max(to, from)) },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `Fact Check stopped here: this draft is over the ${formatBytes(limit)} limit (factCheck.maximumDraftSize), and nothing from here on is checked.`,
  };
}

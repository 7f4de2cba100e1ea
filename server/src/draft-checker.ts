// Checks open drafts and publishes their diagnostics. Edits are debounced per document; a result
// computed for a version the document has moved past is dropped, never published. The matcher
// caches per sentence text, so a re-check after an edit only matches the sentences that changed.
// A check runs in slices of at most SLICE_MS, handing the thread back between them (a cold 1 MB
// draft takes seconds), and is abandoned at the next slice once the document or the claims change.
// Drafts over `maxDraftBytes` are checked up to the limit, and say so (draft-limit.ts).
import { performance } from "node:perf_hooks";
import { type Diagnostic, DiagnosticSeverity, type PublishDiagnosticsParams, type TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ClaimsStore } from "./claims-store.js";
import type { CheckControl, DraftFormat } from "./core/checker.js";
import type { Finding } from "./core/types.js";
import type { CheckEvent, Logger, Timers } from "./deps.js";
import { findingDiagnostic } from "./diagnostics.js";
import { draftPart, formatBytes } from "./draft-limit.js";
import { draftFormatOf } from "../../protocol/markdown.js";
import { DIAGNOSTIC_SOURCE } from "../../protocol/messages.js";
import { type Settings, type SettingsCache, severityOf } from "./settings.js";

export interface DraftCheckerContext {
  publish(params: PublishDiagnosticsParams): void;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  store: ClaimsStore;
  /** Resolves once the claims have been loaded for the first time. */
  ready: Promise<void>;
  timers: Timers;
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

/** What was last published for a draft: the hover and code actions look findings up here. */
interface Published {
  version: number;
  /** The content revision checked: a change may repeat the version number, never the revision. */
  revision: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export function isMarkdown(doc: TextDocument): boolean {
  return draftFormatOf(doc.uri, doc.languageId) === "markdown";
}

/** The longest a check holds the thread before it yields (one step may run over: a block, a sentence). */
export const SLICE_MS = 10;

export class DraftChecker {
  private readonly published = new Map<string, Published>();
  private readonly pending = new Map<string, unknown>();
  /** Bumped by every check started and every schedule/close, so only the latest check may publish. */
  private readonly generation = new Map<string, number>();
  /** Bumped by every content change (schedule): what a published result was computed from. */
  private readonly revision = new Map<string, number>();
  /** Documents already told that they are over the size limit (once per opened document). */
  private readonly toldTooLarge = new Set<string>();

  constructor(private readonly ctx: DraftCheckerContext) {}

  /** The content changed: re-check after the debounce of the document's settings. */
  schedule(uri: string): void {
    this.revision.set(uri, (this.revision.get(uri) ?? 0) + 1);
    const gen = this.bump(uri);
    this.cancelTimer(uri);
    this.ctx.settings.get(uri).then(
      (s) => {
        if (this.generation.get(uri) !== gen) return; // a later edit rescheduled, or the document closed
        this.cancelTimer(uri);
        this.pending.set(
          uri,
          this.ctx.timers.setTimeout(() => {
            this.pending.delete(uri);
            void this.check(uri);
          }, s.debounceMs),
        );
      },
      (e) => this.ctx.logger.error(`settings for ${uri}: ${String(e)}`),
    );
  }

  /** Check now (document opened, claims or settings changed). */
  async check(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc || this.ctx.isClaimsFile(uri)) return;
    const version = doc.version;
    const gen = this.bump(uri);
    this.cancelTimer(uri);
    // The document as it was when this check started, or undefined once it moved on (an edit, a
    // close, a newer check: every one of them bumps the generation).
    const current = (): TextDocument | undefined => {
      const now = this.ctx.documents.get(uri);
      return now && now.version === version && this.generation.get(uri) === gen ? now : undefined;
    };
    try {
      const settings = await this.ctx.settings.get(uri);
      await this.ctx.ready;
      const now = current();
      if (!now || !(await this.publish(now, settings, () => !current()))) this.ctx.onDropped?.(uri, version);
    } catch (e) {
      this.ctx.logger.error(`checking ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** Re-check every open draft. */
  checkAll(): void {
    for (const doc of this.ctx.documents.all()) void this.check(doc.uri);
  }

  /** The document closed: forget it and clear its diagnostics. */
  close(uri: string): void {
    this.bump(uri); // kept, not deleted: a check still in flight must not match a reopened document's
    this.cancelTimer(uri);
    this.published.delete(uri);
    this.revision.delete(uri);
    this.toldTooLarge.delete(uri);
    this.ctx.publish({ uri, diagnostics: [] });
  }

  /** Findings published for the document's current version whose sentence contains `offset`. */
  findingsAt(doc: TextDocument, offset: number): Finding[] {
    const p = this.published.get(doc.uri);
    if (!p || p.version !== doc.version || p.revision !== (this.revision.get(doc.uri) ?? 0)) return [];
    return p.findings.filter((f) => f.start <= offset && offset <= f.end);
  }

  /** Checks the document and publishes; false when abandoned because `stale()` turned true. */
  private async publish(doc: TextDocument, settings: Settings, stale: () => boolean): Promise<boolean> {
    const applies = settings.enable && settings.languages.includes(doc.languageId);
    if (!applies) {
      if (this.published.delete(doc.uri)) this.ctx.publish({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return true;
    }
    const revision = this.revision.get(doc.uri) ?? 0;
    const format: DraftFormat = isMarkdown(doc) ? "markdown" : "plaintext";
    const text = doc.getText();
    const part = draftPart(text, settings.maxDraftBytes);
    if (part.partial) this.tellTooLarge(doc, text, settings.maxDraftBytes);
    let sliceStart = performance.now();
    const control: CheckControl = {
      pause: async () => {
        await this.ctx.pause();
        sliceStart = performance.now();
      },
      due: () => performance.now() - sliceStart >= SLICE_MS,
      cancelled: stale,
    };
    const checked = part.partial ? text.slice(0, part.end) : text;
    const result = await this.ctx.store.checker.checkTextAsync(checked, format, { minScore: settings.minScore }, control);
    if (!result || stale()) return false;
    const { findings, stats } = result;
    const ignored = new Set(settings.ignoredClaims);
    const shown: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      // Diagnostics cost too (a few hundred findings: tens of milliseconds): same slices.
      if (control.due!()) {
        await control.pause();
        if (stale()) return false;
      }
      const severity = severityOf(settings, f.verdict);
      if (severity === undefined || ignored.has(f.claim.id)) continue;
      shown.push(f);
      diagnostics.push(findingDiagnostic(doc, f, severity));
    }
    if (part.partial) diagnostics.push(stoppedHere(doc, part.end, settings.maxDraftBytes));
    this.published.set(doc.uri, { version: doc.version, revision, findings: shown, diagnostics });
    this.ctx.publish({ uri: doc.uri, version: doc.version, diagnostics });
    this.ctx.onCheck?.({ uri: doc.uri, version: doc.version, stats, findings: shown });
    return true;
  }

  /** The one notice per document that only part of it is checked (a log line, and a message to the user). */
  private tellTooLarge(doc: TextDocument, text: string, limit: number): void {
    if (this.toldTooLarge.has(doc.uri)) return;
    this.toldTooLarge.add(doc.uri);
    const message =
      `Fact Check: ${doc.uri} is ${formatBytes(Buffer.byteLength(text))}, over the ${formatBytes(limit)} limit ` +
      `(setting factcheck.maxDraftBytes): only its first ${formatBytes(limit)} are checked; nothing after that is.`;
    this.ctx.logger.warn(message);
    this.ctx.notify(message);
  }

  private bump(uri: string): number {
    const g = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, g);
    return g;
  }

  private cancelTimer(uri: string): void {
    const t = this.pending.get(uri);
    if (t !== undefined) {
      this.ctx.timers.clearTimeout(t);
      this.pending.delete(uri);
    }
  }
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
    message: `Fact Check stopped here: this draft is over the ${formatBytes(limit)} limit (factcheck.maxDraftBytes), and nothing from here on is checked.`,
  };
}

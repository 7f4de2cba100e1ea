// Checks open drafts and publishes their diagnostics. Edits are debounced per document; a result
// computed for a version the document has moved past is dropped, never published. The matcher
// caches per sentence text, so a re-check after an edit only matches the sentences that changed.
import type { Diagnostic, PublishDiagnosticsParams, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ClaimsStore } from "./claims-store.js";
import type { DraftFormat } from "./core/checker.js";
import type { Finding } from "./core/types.js";
import type { CheckEvent, Logger, Timers } from "./deps.js";
import { findingDiagnostic } from "./diagnostics.js";
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
  /** Claims files open in the editor are not drafts: their diagnostics are their errors. */
  isClaimsFile(uri: string): boolean;
  onCheck?(event: CheckEvent): void;
  onDropped?(uri: string, version: number): void;
}

/** What was last published for a draft: the hover and code actions look findings up here. */
interface Published {
  version: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export function isMarkdown(doc: TextDocument): boolean {
  return doc.languageId === "markdown" || /\.(md|markdown|mdx)$/i.test(doc.uri);
}

export class DraftChecker {
  private readonly published = new Map<string, Published>();
  private readonly pending = new Map<string, unknown>();
  /** Bumped by every check started and every schedule/close, so only the latest check may publish. */
  private readonly generation = new Map<string, number>();

  constructor(private readonly ctx: DraftCheckerContext) {}

  /** Re-check after the debounce of the document's settings. */
  schedule(uri: string): void {
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
    try {
      const settings = await this.ctx.settings.get(uri);
      await this.ctx.ready;
      const now = this.ctx.documents.get(uri);
      if (!now || now.version !== version || this.generation.get(uri) !== gen) {
        this.ctx.onDropped?.(uri, version);
        return;
      }
      this.publish(now, settings);
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
    this.ctx.publish({ uri, diagnostics: [] });
  }

  /** Findings published for the document's current version whose sentence contains `offset`. */
  findingsAt(doc: TextDocument, offset: number): Finding[] {
    const p = this.published.get(doc.uri);
    if (!p || p.version !== doc.version) return [];
    return p.findings.filter((f) => f.start <= offset && offset <= f.end);
  }

  private publish(doc: TextDocument, settings: Settings): void {
    const applies = settings.enable && settings.languages.includes(doc.languageId);
    if (!applies) {
      if (this.published.delete(doc.uri)) this.ctx.publish({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    const format: DraftFormat = isMarkdown(doc) ? "markdown" : "plaintext";
    const { findings, stats } = this.ctx.store.checker.checkText(doc.getText(), format, { minScore: settings.minScore });
    const ignored = new Set(settings.ignoredClaims);
    const shown: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      const severity = severityOf(settings, f.verdict);
      if (severity === undefined || ignored.has(f.claim.id)) continue;
      shown.push(f);
      diagnostics.push(findingDiagnostic(doc, f, severity, this.ctx.store));
    }
    this.published.set(doc.uri, { version: doc.version, findings: shown, diagnostics });
    this.ctx.publish({ uri: doc.uri, version: doc.version, diagnostics });
    this.ctx.onCheck?.({ uri: doc.uri, version: doc.version, stats, findings: shown });
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

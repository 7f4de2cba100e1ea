// Everything the server keeps about one open document, in one object, and every open document in
// one map. A document's text and version, what its content revision is, what was last published for
// it, its pending debounced work, the check allowed to publish, and the notices it has been given
// all live here, so closing a document forgets all of it at once: `OpenDocuments.close`.
// (Like Harper's DocumentState: the server has no parallel per-URI maps to keep in step.)
import type { Diagnostic, TextDocumentContentChangeEvent } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding } from "./core/types.js";
import type { DiagnosticMemo } from "./diagnostic-memo.js";
import type { DraftSession, EditHint } from "./core/draft-session.js";
import { EditLog } from "./draft-edits.js";
import { findingData } from "./diagnostics.js";
import type { FindingData } from "../../protocol/messages.js";

/** What was last published for a draft: the hover and code actions look findings up here. */
export interface Published {
  version: number;
  /** The content revision checked: a change may repeat the version number, never the revision. */
  revision: number;
  /** The findings shown (settings may turn some off), and their diagnostics, in the same order. */
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The text the findings' offsets are into (the checked part of the document then). */
  text: string;
  /** `findings` by claim id, made when code actions first ask (DocumentState.findingData). */
  byClaim?: Map<string, Finding[]>;
}

/** A check's diagnostics as the next check may reuse them: after an incremental re-check, the unchanged findings' diagnostics are taken from here. */
export interface BuiltDiagnostics {
  /** The DraftSession result (SessionResult.id), with the engine and the settings its diagnostics were made with. */
  resultId: number;
  engine: object;
  settings: object;
  /** Per finding of that result: its diagnostic, or undefined when not shown. */
  perFinding: (Diagnostic | undefined)[];
  /** The document's lines then (LSP's count). */
  lineCount: number;
}

/** One check of a document, started by `beginCheck`: only the latest one may publish. */
export interface CheckTicket {
  readonly version: number;
  readonly revision: number;
  /** False once the document moved on: an edit, a close, a newer check. */
  current(): boolean;
}

/** Work waiting for the document's edits to pause (debouncer.ts). */
export interface Pending {
  cancel(): void;
}

export class DocumentState {
  /** A draft to check, or a claims file to load from the editor's text; undefined until didOpen has decided. */
  kind: "draft" | "claims" | undefined;
  /** Bumped by every content change: what a published result was computed from. */
  revision = 0;
  published: Published | undefined;
  /** The last check's diagnostics, published or not (draft-checker.ts): what the next check reuses. */
  built: BuiltDiagnostics | undefined;
  /** The last publish's diagnostics, reused by the next where nothing changed (draft-checker.ts). */
  diagnosticMemo: DiagnosticMemo | undefined;
  /** The incremental checker of this draft (core/draft-session.ts), for the engine it was made with. */
  session: DraftSession | undefined;
  /** The editor's changes since the draft's last check, for the next check's EditHint (draft-edits.ts). */
  readonly edits = new EditLog();
  /** The debounced work waiting to run, if any (set by the Debouncer only). */
  pending: Pending | undefined;
  /** Bumped by every check started, every change and the close: a check may publish only while it is unchanged. */
  private generation = 0;
  private closed = false;
  /** Keys of the notices this document has been given (each once per opened document). */
  private readonly notices = new Set<string>();

  constructor(readonly doc: TextDocument) {}

  get uri(): string {
    return this.doc.uri;
  }

  get version(): number {
    return this.doc.version;
  }

  /** Applies an edit (incremental or whole-text) and makes every check in flight outdated. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    const revision = this.revision + 1;
    if (this.kind === "claims") TextDocument.update(this.doc, changes, version);
    else
      for (const change of changes) {
        // Offsets into the text before this change (each change's range is into the text the one before it
        // left), found before TextDocument.update makes the new text: a string not yet flattened.
        if ("range" in change) {
          // A range given end first is applied as TextDocument applies it: from the earlier position.
          const a = this.doc.offsetAt(change.range.start);
          const b = this.doc.offsetAt(change.range.end);
          this.edits.add(revision, Math.min(a, b), Math.max(a, b), change.text.length);
        } else this.edits.add(revision, undefined);
        TextDocument.update(this.doc, [change], version);
      }
    this.revision = revision;
    this.generation++;
  }

  /** Starts a check of the document as it is now; any earlier check becomes outdated. */
  beginCheck(): CheckTicket {
    const generation = ++this.generation;
    const { version, revision } = this;
    return { version, revision, current: () => !this.closed && this.generation === generation && this.doc.version === version };
  }

  /** For a check of the text now with `session`: how it came from the session's last result, when the editor's changes say so. */
  editHint(session: DraftSession): EditHint | undefined {
    return this.edits.hint(session, session.lastId);
  }

  /** True the first time it is asked for `key`: a notice the user is given once per opened document. */
  firstNotice(key: string): boolean {
    if (this.notices.has(key)) return false;
    this.notices.add(key);
    return true;
  }

  /** Findings published for the current content whose sentence contains `offset`. */
  findingsAt(offset: number): Finding[] {
    const p = this.published;
    if (!p || p.version !== this.version || p.revision !== this.revision) return [];
    return p.findings.filter((f) => f.start <= offset && offset <= f.end);
  }

  /**
   * What the quick fixes of a published finding's diagnostic need (FindingData), rebuilt from the published
   * findings, since diagnostics are published without it: the finding of the diagnostic's claim (its code)
   * and verdict whose sentence is the document's text at the diagnostic's range now (the editor moves a
   * diagnostic's range as the text around it is edited), positions taken from there. Undefined when none.
   */
  findingData(d: Diagnostic): FindingData | undefined {
    const p = this.published;
    const range = d.range as Diagnostic["range"] | undefined;
    if (!p || typeof d.code !== "string" || !range?.start || !range.end) return undefined;
    const verdict = (d.data as { verdict?: unknown } | undefined)?.verdict;
    const start = this.doc.offsetAt(range.start);
    const end = this.doc.offsetAt(range.end);
    if (end <= start) return undefined;
    const sentence = this.doc.getText().slice(start, end);
    let best: Finding | undefined;
    // By claim: "Fix all in file" asks this for every diagnostic of the draft.
    if (!p.byClaim) {
      p.byClaim = new Map();
      for (const f of p.findings) {
        const list = p.byClaim.get(f.claim.id);
        if (list) list.push(f);
        else p.byClaim.set(f.claim.id, [f]);
      }
    }
    for (const f of p.byClaim.get(d.code) ?? []) {
      if ((verdict !== undefined && f.verdict !== verdict) || f.end - f.start !== end - start) continue;
      if (p.text.slice(f.start, f.end) !== sentence) continue;
      if (!best || Math.abs(f.start - start) < Math.abs(best.start - start)) best = f;
    }
    return best && findingData(this.doc, best, sentence, start);
  }

  /** Whatever debounced work is waiting will not run (a check started, a newer schedule). */
  cancelPending(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }

  /** The document closed: nothing pending runs, and no check in flight may publish. */
  close(): void {
    this.closed = true;
    this.generation++;
    this.cancelPending();
  }
}

/** The open documents by URI: the one place the server keeps per-document state. */
export class OpenDocuments {
  private readonly byUri = new Map<string, DocumentState>();

  /** didOpen: a fresh state (a reopened document starts over: nothing of its last opening carries over). */
  open(uri: string, languageId: string, version: number, text: string): DocumentState {
    this.byUri.get(uri)?.close();
    const state = new DocumentState(TextDocument.create(uri, languageId, version, text));
    this.byUri.set(uri, state);
    return state;
  }

  /** didClose: drops the document's state, cancelling its pending work and outdating its check. */
  close(uri: string): DocumentState | undefined {
    const state = this.byUri.get(uri);
    if (!state) return undefined;
    this.byUri.delete(uri);
    state.close();
    return state;
  }

  state(uri: string): DocumentState | undefined {
    return this.byUri.get(uri);
  }

  states(): DocumentState[] {
    return [...this.byUri.values()];
  }

  /** The document's text, for whoever only needs that (claims-files.ts). */
  get(uri: string): TextDocument | undefined {
    return this.byUri.get(uri)?.doc;
  }

  all(): TextDocument[] {
    return this.states().map((s) => s.doc);
  }
}

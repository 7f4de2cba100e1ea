// Keeps the ClaimsStore in step with the claims files: the bundled database, files in the workspace
// folders matching `factCheck.claimsFiles`, file-watcher events, and claims files open in the editor
// (their unsaved text is used, so errors show while typing). After every change it publishes each
// file's errors as diagnostics in that file, sends factcheck/status, and re-checks open drafts.
// All store mutations run one at a time through a queue, so loads never interleave. Every read a
// change waits for has a deadline (loadTimeoutMs), so a FIFO or a hung mount cannot stall the
// queue: the file is reported as failed and the queue moves on.
//
// Each claims file is confined to its workspace folder (the innermost one holding it; outside every folder,
// its own folder; the bundled database, the bundled claims folder): it and its source.file must resolve
// inside after symlinks, and be regular files within factCheck.maximumFileSize (node/claims-disk.ts). In VS Code's
// Restricted Mode (`trusted()` false) no workspace claims file is loaded at all; the bundled database is.
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DiagnosticSeverity, FileChangeType, type FileEvent, type PublishDiagnosticsParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { isInside } from "./node/claims-disk.js";
import type { ClaimsStore, LoadOptions } from "./claims-store.js";
import type { Logger, ServerFs, Timers } from "./deps.js";
import { inputErrorDiagnostics } from "./diagnostics.js";
import type { OpenDocuments } from "./document-state.js";
import { matchesGlob } from "./glob.js";
import type { StatusParams } from "../../protocol/messages.js";
import { MB } from "./node/safe-read.js";
import type { SettingsCache } from "./settings.js";
import { formatMs, withDeadline } from "./timeout.js";
import { findFiles } from "./workspace-scan.js";

export interface ClaimsFilesContext {
  publish(params: PublishDiagnosticsParams): void;
  sendStatus(status: StatusParams): void;
  /** The open documents' texts: an open claims file is loaded from the editor's text. */
  documents: Pick<OpenDocuments, "get" | "all">;
  store: ClaimsStore;
  settings: SettingsCache;
  fs: ServerFs;
  logger: Logger;
  timers: Timers;
  /** The longest one claims-file load, or one folder's scan, may take. */
  loadTimeoutMs: number;
  bundledClaimsPath?: string;
  /** Workspace folder URIs; read on every scan (folders can change). */
  folders(): string[];
  /** Called after every change to the loaded claims. */
  onChanged(): void;
  /** Called when a reload has built an engine from what it loaded so far, before loading large files (reloadAll). */
  onInterim?(): void;
  /** False in VS Code's Restricted Mode: then only the bundled database is loaded. Default true. */
  trusted?(): boolean;
}

/** The deadline of a large file's load (ClaimsStore.loadsSlowly): parsing 100,000 claims takes seconds on a busy machine. */
const LARGE_LOAD_MS = 120_000;

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class ClaimsFiles {
  private queue: Promise<unknown> = Promise.resolve();
  /** Files whose error diagnostics are currently shown, so they can be cleared. */
  private readonly withErrors = new Set<string>();
  private bundledReal?: string;

  constructor(private readonly ctx: ClaimsFilesContext) {}

  /** Loads everything from scratch (startup, "Reload Claims", a changed claimsFiles glob). */
  reloadAll(): Promise<StatusParams> {
    return this.enqueue(async () => {
      const { store, bundledClaimsPath } = this.ctx;
      const wanted = new Set<string>();
      if (bundledClaimsPath) {
        this.bundledReal ??= await this.realPath(bundledClaimsPath);
        wanted.add(bundledClaimsPath);
        await this.load(bundledClaimsPath, { bundled: true });
      }
      if (!this.trusted()) {
        this.ctx.logger.info(
          "Restricted Mode: workspace claims files are not loaded, only the bundled database; trust the workspace to load them",
        );
        for (const p of store.paths()) if (!wanted.has(p)) store.remove(p);
        return;
      }
      const scanned = await this.scan();
      // A large file takes seconds to load and index (in a worker, node/claims-worker.ts): drafts are checked against
      // what is loaded already (the bundled database, the files loaded before) meanwhile, not held back.
      if (await this.anySlow(scanned.files)) {
        await this.rebuildAndReport();
        this.ctx.onInterim?.();
      }
      for (const file of scanned.files) {
        wanted.add(file);
        await this.load(file, { text: this.editorText(file) });
      }
      // Claims files open in the editor but outside the folders' globs (or outside any folder) stay loaded.
      for (const doc of this.ctx.documents.all()) {
        const file = uriToPath(doc.uri);
        if (!file || wanted.has(file)) continue;
        if ((store.has(file) && !store.isBundled(file)) || (await this.isClaimsPath(file))) {
          wanted.add(file);
          await this.load(file, { text: doc.getText() });
        }
      }
      // A folder whose scan timed out may still hold the files loaded before: keep them.
      if (scanned.complete) for (const p of store.paths()) if (!wanted.has(p)) store.remove(p);
    });
  }

  /** An open claims file changed in the editor (or was opened or saved): reload it from the editor's text. */
  editorChanged(doc: TextDocument): Promise<StatusParams> {
    const file = uriToPath(doc.uri);
    if (!file) return this.enqueue(async () => {});
    if (!this.trusted()) return this.unchanged();
    return this.enqueue(() => this.load(file, { text: doc.getText() }));
  }

  /** An open claims file was closed without saving, maybe: back to what is on disk. */
  editorClosed(uri: string): Promise<StatusParams> {
    const file = uriToPath(uri);
    if (!file || !this.ctx.store.has(file)) return this.enqueue(async () => {});
    if (!this.trusted()) return this.unchanged();
    return this.enqueue(() => this.load(file));
  }

  /** workspace/didChangeWatchedFiles. Files open in the editor are governed by the editor's text. */
  watchedFilesChanged(changes: readonly FileEvent[]): Promise<StatusParams> {
    if (!this.trusted()) return this.unchanged();
    return this.enqueue(async () => {
      for (const change of changes) {
        const file = uriToPath(change.uri);
        if (!file || this.ctx.store.isBundled(file)) continue;
        if (change.type === FileChangeType.Deleted) {
          this.ctx.store.remove(file);
          continue;
        }
        if (this.ctx.documents.get(change.uri)) continue;
        if (this.ctx.store.has(file) || (await this.isClaimsPath(file))) await this.load(file);
      }
    });
  }

  /** Whether a deleted file's URI is one of the loaded claims files (broken ones too): only then does its deletion change the claims. */
  isLoadedClaimsFile(uri: string): boolean {
    const file = uriToPath(uri);
    return !!file && this.ctx.store.has(file);
  }

  /** True when the document is (or, by the glob of its folder, should be) a workspace claims file. */
  isClaimsDocument(uri: string): boolean {
    const file = uriToPath(uri);
    return !!file && this.ctx.store.has(file) && !this.ctx.store.isBundled(file);
  }

  /** Whether a path matches the claimsFiles glob of its workspace folder (or, outside folders, of the user's settings). */
  async isClaimsPath(file: string): Promise<boolean> {
    if (this.bundledReal && (await this.realPath(file)) === this.bundledReal) return false;
    const folder = this.folderOf(file);
    const settings = await this.ctx.settings.get(folder?.uri);
    const rel = folder ? path.relative(folder.root, file) : file.replace(/^[/\\]+/, "");
    return matchesGlob(settings.claimsFiles, rel.split(path.sep).join("/"));
  }

  /** The claimsFiles glob of each workspace folder, for file-watcher registration. */
  async globs(): Promise<{ folderUri: string; glob: string }[]> {
    return Promise.all(
      this.ctx.folders().map(async (folderUri) => ({ folderUri, glob: (await this.ctx.settings.get(folderUri)).claimsFiles })),
    );
  }

  /** The folders and globs of the last scan: a settings change that alters them calls for a new one. */
  lastScan = "";

  /** Claims files in the workspace folders; `complete` is false when a folder's scan ran out of time. */
  private async scan(): Promise<{ files: string[]; complete: boolean }> {
    const found: string[] = [];
    let complete = true;
    const globs = await this.globs();
    this.lastScan = JSON.stringify(globs);
    for (const { folderUri, glob } of globs) {
      const root = uriToPath(folderUri);
      if (!root) continue;
      const listed = await withDeadline(findFiles(this.ctx.fs, root, glob), this.ctx.loadTimeoutMs, this.ctx.timers);
      if (!listed.done) {
        this.ctx.logger.error(
          `scanning ${root} for claims files took longer than ${formatMs(this.ctx.loadTimeoutMs)}: gave up; the files loaded before stay in use`,
        );
        complete = false;
        continue;
      }
      for (const file of listed.value) {
        // The extension's own claims folder, opened as a workspace, is the bundled database: not a duplicate.
        if (this.bundledReal && (await this.realPath(file)) === this.bundledReal) continue;
        if (!found.includes(file)) found.push(file);
      }
    }
    return { files: found, complete };
  }

  /** store.load with a deadline: a load that does not finish in time is that file's error (its late result is dropped). */
  private async load(file: string, opts: { bundled?: boolean; text?: string } = {}): Promise<void> {
    // Confined to its folder, within its size limit (loadOptions), and within the deadline.
    const load = async () => this.ctx.store.load(file, { ...(await this.loadOptions(file)), ...opts });
    // A large regular file parsed and checked in the worker takes seconds of work, not a hung read: it gets longer.
    const deadline =
      opts.text === undefined && (await this.ctx.store.loadsSlowly(file))
        ? Math.max(this.ctx.loadTimeoutMs, LARGE_LOAD_MS)
        : this.ctx.loadTimeoutMs;
    const r = await withDeadline(load(), deadline, this.ctx.timers);
    if (!r.done) {
      this.ctx.store.loadFailed(file, `cannot load claims file: reading it (or its source text) took longer than ${formatMs(deadline)}`);
    }
  }

  /** The innermost workspace folder holding `file`. */
  private folderOf(file: string): { root: string; uri: string } | undefined {
    let best: { root: string; uri: string } | undefined;
    for (const uri of this.ctx.folders()) {
      const root = uriToPath(uri);
      if (!root) continue;
      if (isInside(root, file) && (!best || root.length > best.root.length)) best = { root, uri };
    }
    return best;
  }

  private async anySlow(files: readonly string[]): Promise<boolean> {
    for (const f of files) if (!this.editorText(f) && (await this.ctx.store.loadsSlowly(f))) return true;
    return false;
  }

  private trusted(): boolean {
    return this.ctx.trusted?.() ?? true;
  }

  /** Where a claims file is confined, and its size limit (the setting of its folder). */
  private async loadOptions(file: string): Promise<LoadOptions> {
    const bundled = !!this.ctx.bundledClaimsPath && file === this.ctx.bundledClaimsPath;
    const folder = bundled ? undefined : this.folderOf(file);
    const settings = await this.ctx.settings.get(folder?.uri);
    return { root: bundled || !folder ? path.dirname(file) : folder.root, maxBytes: Math.floor(settings.maximumFileSize * MB) };
  }

  /** The current status, after whatever is queued, with nothing reloaded (Restricted Mode). */
  private unchanged(): Promise<StatusParams> {
    const run = this.queue.then(() => this.status());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private status(): StatusParams {
    const status = this.ctx.store.status();
    return this.trusted() ? status : { ...status, restricted: true };
  }

  private editorText(file: string): string | undefined {
    return this.ctx.documents.get(pathToFileURL(file).href)?.getText();
  }

  private async realPath(p: string): Promise<string> {
    try {
      if (!this.ctx.fs.realPath) return path.resolve(p);
      const r = await withDeadline(this.ctx.fs.realPath(p), this.ctx.loadTimeoutMs, this.ctx.timers);
      return r.done ? r.value : path.resolve(p);
    } catch {
      return path.resolve(p);
    }
  }

  /** Runs a change, then rebuilds and reports, one change at a time; never rejects. */
  private enqueue(change: () => Promise<unknown>): Promise<StatusParams> {
    const run = this.queue.then(async () => {
      try {
        await change();
      } catch (e) {
        this.ctx.logger.error(`loading claims failed: ${(e as Error)?.stack ?? String(e)}`);
      }
      return await this.rebuildAndReport();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuildAndReport(): Promise<StatusParams> {
    const { store } = this.ctx;
    try {
      await store.rebuild();
    } catch (e) {
      this.ctx.logger.error(`building the claims index failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    const current = new Set<string>();
    for (const f of store.fileErrors()) {
      const uri = pathToFileURL(f.path).href;
      // A fact-check feed's skipped records are warnings at their places (the rest of the feed loaded).
      const warnings = f.warnings ?? [];
      if (f.errors.length || warnings.length) {
        current.add(uri);
        this.ctx.publish({
          uri,
          diagnostics: [
            ...inputErrorDiagnostics(f.text, f.errors, DiagnosticSeverity.Error),
            ...inputErrorDiagnostics(f.text, warnings, DiagnosticSeverity.Warning),
          ],
        });
      }
    }
    for (const uri of this.withErrors) if (!current.has(uri)) this.ctx.publish({ uri, diagnostics: [] });
    this.withErrors.clear();
    for (const uri of current) this.withErrors.add(uri);
    const status = this.status();
    for (const f of status.files) {
      for (const e of f.errors) this.ctx.logger.warn(`${f.uri}:${e.line + 1}:${e.character + 1}: ${e.message}`);
      // A line per database, and a summary: what the checker uses now.
      this.ctx.logger.info(
        `${f.claims} claim${f.claims === 1 ? "" : "s"} loaded from ${f.uri === "bundled" ? "the bundled database" : f.uri}`,
      );
    }
    this.ctx.logger.info(`${status.totalClaims} claims in use from ${status.files.length} database${status.files.length === 1 ? "" : "s"}`);
    this.ctx.sendStatus(status);
    this.ctx.onChanged();
    return status;
  }
}

// The Fact Check language server: wires LSP messages to the claims store, the draft checker, the
// hover and the quick fixes. Separate from the process entry (main.ts) so tests can run it
// in-process over a pair of streams with fake files, timers and hooks (ServerDeps). Everything about
// an open document lives in its DocumentState (document-state.ts), one per URI in `documents`, and one
// Debouncer (debouncer.ts) paces the re-checks of drafts and the reloads of claims files being typed in.
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Disposable,
  FileChangeType,
  type FileSystemWatcher,
  type InitializeResult,
  MessageType,
  type PublishDiagnosticsParams,
  ShowMessageNotification,
  TextDocumentSyncKind,
  WatchKind,
} from "vscode-languageserver";
import { checkFiles, forgetDeleted } from "./check-workspace.js";
import { claimsFileFixes } from "./claims-fixes.js";
import { CONFIG_FILE_NAMES, mergeSettings } from "./node/config-file.js";
import { ProjectConfigs } from "./project-config.js";
import { FIX_ALL_KIND, fixAll, type FindingDataOf, quickFixes, requestData } from "./code-actions.js";
import { ClaimsFiles, uriToPath } from "./claims-files.js";
import { ClaimsStore } from "./claims-store.js";
import { MAX_QUERY_CHARS } from "./core/claim-search.js";
import { Debouncer } from "./debouncer.js";
import { type Logger, realTimers, type ServerDeps, yieldToEventLoop } from "./deps.js";
import { type DocumentState, OpenDocuments } from "./document-state.js";
import { sendDocumentCounts } from "./document-counts.js";
import { DraftChecker, isMarkdown } from "./draft-checker.js";
import { registerDrawClaims } from "./extract-request.js";
import { findingsHover } from "./hover.js";
import {
  CheckFilesRequest,
  ClaimByIdRequest,
  ListClaimsRequest,
  type InitializationOptions,
  ReloadClaimsRequest,
  SearchClaimsRequest,
  StatusNotification,
  type StatusParams,
} from "../../protocol/messages.js";
import { LEGACY_SETTINGS_SECTION, withLegacyFallback } from "../../protocol/legacy-settings.js";
import { SETTINGS_SECTION } from "../../protocol/settings.js";
import type { VerdictCounts } from "../../protocol/verdicts.js";
import { DEFAULT_SETTINGS, SettingsCache } from "./settings.js";

export type { ServerDeps } from "./deps.js";

export function startServer(connection: Connection, deps: ServerDeps): void {
  const logger: Logger = deps.logger ?? {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const timers = deps.timers ?? realTimers;
  /** Every open document's state: drafts and claims files alike. */
  const documents = new OpenDocuments();
  /** Files not open whose Check Workspace results are published (check-workspace.ts). */
  const workspaceChecked = new Set<string>();

  // What the client told us at initialize.
  let folders: string[] = [];
  let canAskConfiguration = false;
  let canRegisterConfiguration = false;
  let canWatchFiles = false;
  let canWatchRelative = false;
  let canFolderEvents = false;
  /** False when VS Code runs in Restricted Mode; clients that do not say (Neovim) are trusted. */
  let workspaceTrusted = true;
  /** Settings pushed by a client that cannot be asked (no workspace/configuration): used for every resource. */
  let pushedSettings: unknown;

  // Settings: the project config file of the resource's folder (project-config.ts), under what the user set.
  const projectConfigs = new ProjectConfigs(deps.fs, logger, () => workspaceTrusted);
  const settings = new SettingsCache(async (scopeUri) => {
    const fromFile = await projectConfigs.forResource(scopeUri, folders);
    if (!canAskConfiguration) return mergeSettings(fromFile, pushedSettings);
    // The old section too: a key set before the rename still counts where its new key is unset.
    const [value, legacy] = await connection.workspace.getConfiguration([
      { scopeUri, section: SETTINGS_SECTION },
      { scopeUri, section: LEGACY_SETTINGS_SECTION },
    ]);
    return mergeSettings(fromFile, withLegacyFallback(value, legacy));
  });
  const store = new ClaimsStore(deps.fs, deps.lexicon, deps.nlp, { indexCache: deps.indexCache, logger, worker: deps.claimsWorker });
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const debouncer = new Debouncer(timers, async (uri) => (await settings.get(uri)).checkDelay, logger);

  // Sends fail only once the connection is gone (the client exited): then there is no one left to tell.
  const publish = (params: PublishDiagnosticsParams, counts?: VerdictCounts): void => {
    void connection.sendDiagnostics(params).catch(() => undefined);
    sendDocumentCounts(connection, params, counts); // factcheck/documentCounts, for the status bar
  };
  const sendStatus = (status: StatusParams): void => void connection.sendNotification(StatusNotification, status).catch(() => undefined);

  const drafts = new DraftChecker({
    publish,
    documents,
    debouncer,
    settings,
    store,
    ready,
    logger,
    pause: deps.pause ?? yieldToEventLoop,
    // window/showMessage, a notification: nothing waits for the user to dismiss it.
    notify: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined),
    isClaimsFile: (uri) => documents.state(uri)?.kind === "claims" || files.isClaimsDocument(uri),
    onCheck: deps.onCheck,
    onDropped: deps.onDropped,
  });
  const files = new ClaimsFiles({
    publish,
    sendStatus,
    documents,
    store,
    settings,
    fs: deps.fs,
    logger,
    timers,
    loadTimeoutMs: deps.loadTimeoutMs ?? 10_000,
    bundledClaimsPath: deps.bundledClaimsPath,
    folders: () => folders,
    onChanged: () => drafts.checkAll(),
    // Drafts wait for the first engine; with a large file still loading, that is the one built before it.
    onInterim: () => markReady(),
    trusted: () => workspaceTrusted,
  });

  const guard = (what: string, p: Promise<unknown>): void => {
    p.catch((e) => logger.error(`${what}: ${(e as Error)?.stack ?? String(e)}`));
  };

  connection.onInitialize((params): InitializeResult => {
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const ws = params.capabilities.workspace;
    canAskConfiguration = !!ws?.configuration;
    canRegisterConfiguration = !!ws?.didChangeConfiguration?.dynamicRegistration;
    canWatchFiles = !!ws?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchRelative = !!ws?.didChangeWatchedFiles?.relativePatternSupport;
    canFolderEvents = !!ws?.workspaceFolders;
    workspaceTrusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
    // The English model is decoded now, once (a fifth of a second per instance): the client sends nothing else
    // until it has this answer, so no request waits on it, where decoding it inside the first check held up
    // every hover and keystroke that came meanwhile.
    store.nlp.load();
    try {
      deps.warmUp?.();
    } catch (e) {
      // A broken dictionary or vectors file must not fail initialize: the first check meets (and reports) it as before.
      logger.warn(`warming up the lexicon: ${(e as Error)?.message ?? String(e)}`);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "factcheck" },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfiguration)
      guard(
        "registering for configuration changes",
        connection.client.register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, LEGACY_SETTINGS_SECTION] }),
      );
    // onDidChangeWorkspaceFolders throws unless the client announced workspace folder support.
    if (canFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        guard("reloading claims", files.reloadAll().then(registerWatchers));
      });
    }
    guard("loading claims", files.reloadAll().finally(markReady).then(registerWatchers));
  });

  // File watching for the claimsFiles globs, re-registered whenever a glob changes.
  let watcherRegistration: Disposable | undefined;
  let watchedKey = "";
  async function registerWatchers(): Promise<void> {
    if (!canWatchFiles) return;
    const globs = await files.globs();
    const watchers: FileSystemWatcher[] = [
      ...(canWatchRelative && globs.length
        ? globs.map((g) => ({ globPattern: { baseUri: g.folderUri, pattern: g.glob } }))
        : [...new Set(globs.length ? globs.map((g) => g.glob) : [DEFAULT_SETTINGS.claimsFiles])].map((g) => ({ globPattern: g }))),
      { globPattern: `**/{${CONFIG_FILE_NAMES.join(",")}}` },
      // Deletions anywhere (a file, a folder, a rename's old name): Check Workspace results of files that are gone go.
      { globPattern: "**/*", kind: WatchKind.Delete },
    ];
    const key = JSON.stringify(watchers);
    if (key === watchedKey) return;
    watchedKey = key;
    watcherRegistration?.dispose();
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }

  connection.onDidChangeConfiguration((params) => {
    if (!canAskConfiguration) {
      const pushed = params.settings as Record<string, unknown> | null;
      pushedSettings = withLegacyFallback(pushed?.[SETTINGS_SECTION], pushed?.[LEGACY_SETTINGS_SECTION]);
    }
    settingsChanged();
  });

  /** Settings or a project config file changed: re-read them, rescan when a claims glob moved, re-check. */
  function settingsChanged(): void {
    guard(
      "applying settings",
      (async () => {
        settings.clear();
        projectConfigs.clear();
        if (JSON.stringify(await files.globs()) !== files.lastScan) {
          await files.reloadAll(); // re-checks open drafts when done
          await registerWatchers();
        } else drafts.checkAll();
      })(),
    );
  }

  connection.onDidChangeWatchedFiles((params) => {
    const config = params.changes.filter((c) => ProjectConfigs.isConfigFile(c.uri));
    if (config.length) settingsChanged();
    const deleted = params.changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri);
    forgetDeleted({ checked: workspaceChecked, documents, publish }, deleted);
    // The deletions watcher reports every file: only those of the claims globs (or loaded) concern the claims.
    const claims = params.changes.filter(
      (c) => !ProjectConfigs.isConfigFile(c.uri) && (c.type !== FileChangeType.Deleted || files.isLoadedClaimsFile(c.uri)),
    );
    if (claims.length) guard("reloading changed claims files", files.watchedFilesChanged(claims));
  });

  // Documents: drafts are checked; claims files are re-loaded from the editor's text.
  async function isClaimsDocument(uri: string): Promise<boolean> {
    if (files.isClaimsDocument(uri)) return true;
    const file = uriToPath(uri);
    return !!file && (await files.isClaimsPath(file));
  }

  connection.onDidOpenTextDocument(({ textDocument: { uri, languageId, version, text } }) => {
    const state = documents.open(uri, languageId, version, text);
    guard(
      `opening ${uri}`,
      isClaimsDocument(uri).then(async (isClaims) => {
        if (documents.state(uri) !== state) return; // closed meanwhile
        state.kind = isClaims ? "claims" : "draft";
        if (isClaims) await files.editorChanged(state.doc);
        else await drafts.check(state);
      }),
    );
  });

  connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
    const state = documents.state(uri);
    if (!state || !contentChanges.length) return;
    state.update(contentChanges, version);
    // Until didOpen has decided what the document is, an edit is a draft's (check() skips claims files).
    if (state.kind !== "claims") return drafts.schedule(state);
    // A claims file being typed in: reload after the same debounce as drafts, from the editor's text.
    debouncer.schedule(state, () => reloadFromEditor(state));
  });

  function reloadFromEditor(state: DocumentState): void {
    if (documents.state(state.uri) === state) guard("reloading a claims file", files.editorChanged(state.doc));
  }

  connection.onDidSaveTextDocument(({ textDocument: { uri } }) => {
    const state = documents.state(uri);
    if (state?.kind === "claims") guard("reloading a saved claims file", files.editorChanged(state.doc));
  });

  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    // Dropping the state cancels its debounce and outdates its check in flight: nothing of it is left.
    const state = documents.close(uri);
    if (!state) return;
    settings.forget(uri);
    if (state.kind === "claims") guard("reloading a closed claims file", files.editorClosed(uri));
    else drafts.closed(uri);
  });

  connection.onHover((params) => {
    const state = documents.state(params.textDocument.uri);
    if (!state) return null;
    const doc = state.doc;
    const findings = state.findingsAt(doc.offsetAt(params.position));
    if (!findings.length) return null;
    const range = { start: doc.positionAt(findings[0].start), end: doc.positionAt(findings[0].end) };
    return findingsHover(findings, range);
  });

  connection.onCodeAction((params): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + "."));
    const claimById = (id: string) => store.claimById(id);
    const state = documents.state(doc.uri);
    // Diagnostics are published without what their fixes need: it is rebuilt from the published findings.
    const dataOf: FindingDataOf = (d) => requestData(d) ?? state?.findingData(d);
    const actions = wants(CodeActionKind.QuickFix)
      ? state?.kind === "claims"
        ? params.context.diagnostics.flatMap((d) => claimsFileFixes(doc, d))
        : params.context.diagnostics.flatMap((d) => quickFixes(doc, d, isMarkdown(doc), claimById, dataOf))
      : [];
    // "Fix all in file", only when asked for by kind (Source Action…, codeActionsOnSave), never among the quick fixes:
    // from what was published for the document as it is now, not from the request's diagnostics.
    const published = documents.state(doc.uri)?.published;
    if (only && wants(FIX_ALL_KIND) && published && published.version === doc.version) {
      const all = fixAll(doc, published.diagnostics, isMarkdown(doc), claimById, dataOf);
      if (all) actions.push(all);
    }
    return actions;
  });

  connection.onRequest(SearchClaimsRequest, async ({ query, limit }) => {
    await ready;
    // Capped here too (ClaimSearch caps again): a pasted page must not cost seconds of fuzzy matching.
    const q = typeof query === "string" ? query.slice(0, MAX_QUERY_CHARS) : "";
    const hits = store.search.search(q, typeof limit === "number" && limit > 0 ? Math.min(limit, 1000) : 50);
    return { items: hits.map((h) => ({ claim: store.describe(h.claim), score: h.score })) };
  });

  connection.onRequest(ClaimByIdRequest, async ({ id }) => {
    await ready;
    const claim = typeof id === "string" ? store.claimById(id) : undefined;
    return claim ? store.describe(claim) : null;
  });

  connection.onRequest(ReloadClaimsRequest, async () => {
    await ready;
    settings.clear();
    projectConfigs.clear();
    const status = await files.reloadAll();
    await registerWatchers().catch((e) => logger.error(`registering file watchers: ${String(e)}`));
    return status;
  });

  connection.onRequest(ListClaimsRequest, async () => {
    await ready;
    return { databases: store.databases().map((d) => ({ uri: d.uri, title: d.title, claims: d.claims.map((c) => store.describe(c)) })) };
  });

  connection.onRequest(CheckFilesRequest, async (params) => {
    await ready;
    const ctx = { fs: deps.fs, documents, settings, store, publish, pause: deps.pause ?? yieldToEventLoop, checked: workspaceChecked };
    return checkFiles(ctx, params);
  });

  registerDrawClaims(connection, store.nlp);
  connection.listen();
}

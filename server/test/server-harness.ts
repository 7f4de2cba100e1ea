// Runs the language server in-process over a pair of streams and drives it like an editor would:
// initialize, answer workspace/configuration from a settings table the test controls, open/edit/close
// documents, and wait (with a deadline, never a fixed sleep) for published diagnostics.
//
// The server gets its outside world through ServerDeps, and the harness passes test doubles: a fake
// clock (fake-timers.ts: debounces and load deadlines fire when the test advances it) and an
// in-memory file system (memory-fs.ts) holding the bundled claims folder and, with
// `memoryWorkspace(...)`, copies of fixture folders. Tests that need the real disk (symlinks, FIFOs,
// confinement) pass a folder made by `makeWorkspace(...)` instead, and the server reads the disk.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type Diagnostic,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type ShowMessageParams,
  ShowMessageNotification,
  type TextDocumentContentChangeEvent,
  UnregistrationRequest,
} from "vscode-languageserver-protocol/node.js";
import { type Connection, createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node.js";
import { CLAIMS_DIR, BUNDLED_CLAIMS_PATH } from "../src/node/install-paths.js";
import type { Lexicon } from "../src/core/lexicon/lexicon.js";
import type { CheckEvent, ServerDeps, ServerFs } from "../src/deps.js";
import { nodeFs } from "../src/deps.js";
import { createLexicon } from "../src/node/lexicon.js";
import { createNlp } from "../src/core/nlp.js";
import { ClaimByIdRequest, type FindingData, type StatusParams, StatusNotification } from "../../protocol/messages.js";
import { LEGACY_SETTINGS_SECTION } from "../../protocol/legacy-settings.js";
import { DocumentState } from "../src/document-state.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { startServer } from "../src/server.js";
import { FakeTimers } from "./fake-timers.js";
import { MemoryFs } from "./memory-fs.js";

/** The claims folder sits at the repository root; fixtures are under test/fixtures/server. */
export const REPO = path.dirname(CLAIMS_DIR);
export const FIXTURES = path.join(REPO, "test", "fixtures", "server");
export { BUNDLED_CLAIMS_PATH };

let sharedLexicon: Lexicon | undefined;
/** WordNet, as in production; one per test process (it caches lookups). */
export function lexicon(): Lexicon {
  return (sharedLexicon ??= createLexicon());
}

/** One English pipeline for every server a test file starts, passed explicitly (ServerDeps.nlp): its model decodes once. */
const sharedNlp = createNlp();

/** A workspace folder in memory: its path, and the file system it is in (with the bundled claims folder too). */
export interface MemoryWorkspace {
  root: string;
  fs: MemoryFs;
}

/** Where in-memory workspaces live: a path that does not exist on disk, so a read that bypasses ServerFs fails. */
const MEMORY_ROOT = path.join(path.parse(tmpdir()).root, "factcheck-memory-fs");
let memoryWorkspaces = 0;

/** A file system in memory holding a copy of the bundled claims folder, at its real path. */
export function memoryFs(): MemoryFs {
  return new MemoryFs().copyFromDisk(CLAIMS_DIR, CLAIMS_DIR);
}

/** A fresh workspace folder in a fresh in-memory file system, holding copies of the named fixture folders' files. */
export function memoryWorkspace(...fixtureDirs: string[]): MemoryWorkspace {
  const fs = memoryFs();
  const root = path.join(MEMORY_ROOT, `ws-${++memoryWorkspaces}`);
  fs.mkdir(root);
  for (const d of fixtureDirs) fs.copyFromDisk(path.join(FIXTURES, d), root);
  return { root, fs };
}

/** A fresh workspace folder on the real disk (in the temp dir) holding copies of the named fixture folders' files. */
export function makeWorkspace(...fixtureDirs: string[]): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-ws-")));
  for (const d of fixtureDirs) cpSync(path.join(FIXTURES, d), dir, { recursive: true });
  return dir;
}

export const uriOf = (p: string): string => pathToFileURL(p).href;

const DEADLINE_MS = 10_000;

/** Settings by scope URI; the "" entry applies everywhere. Values as VS Code sends them (nested). */
export type SettingsTable = Record<string, Record<string, unknown>>;

export interface StartOptions {
  /**
   * The workspace folder: in memory (memoryWorkspace), or on the real disk (a path from makeWorkspace),
   * which the server then reads through the real file system. Without one: no folder, and the
   * server's files (the bundled claims) in memory.
   */
  workspace?: MemoryWorkspace | string;
  settings?: SettingsTable;
  /** What the client answers for the settings' old section (`factcheck`, old key names): nothing by default. */
  legacySettings?: SettingsTable;
  bundled?: boolean;
  /** Sent as initialize's initializationOptions (the VS Code client sends `{ workspaceTrusted }`). */
  initializationOptions?: unknown;
  /** Called for each workspace/configuration item; return a promise to hold the answer back. */
  holdConfiguration?(scopeUri: string | undefined): Promise<void> | undefined;
  /** Replaces the defaults the harness passes (the file system, the fake clock, no load timeout override …). */
  deps?: Partial<ServerDeps>;
}

export class Harness {
  readonly client: ProtocolConnection;
  readonly events: CheckEvent[] = [];
  readonly dropped: { uri: string; version: number }[] = [];
  readonly statuses: StatusParams[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** window/showMessage notifications. */
  readonly shown: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  /** The server's clock: time moves only when the test calls `clock.advance(ms)` (zero-delay timers run by themselves). */
  readonly clock = new FakeTimers();
  /** The server's files: the in-memory file system, or the real disk for a workspace from makeWorkspace. */
  readonly fs: ServerFs;
  /** The workspace folder's path, if there is one. */
  readonly workspace: string | undefined;
  settings: SettingsTable;
  legacySettings: SettingsTable;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly streams: PassThrough[];
  private readonly serverConnection: Connection;

  constructor(private readonly opts: StartOptions = {}) {
    this.settings = opts.settings ?? {};
    this.legacySettings = opts.legacySettings ?? {};
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.streams = [toServer, toClient];
    this.serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const ws = opts.workspace;
    this.workspace = typeof ws === "string" ? ws : ws?.root;
    this.fs = typeof ws === "string" ? nodeFs : (ws?.fs ?? memoryFs());
    // A timer set, cleared or fired is news for a test waiting on the clock.
    this.clock.onChange = () => this.record(() => undefined);
    startServer(this.serverConnection, {
      fs: this.fs,
      timers: this.clock,
      lexicon: lexicon(),
      nlp: sharedNlp,
      bundledClaimsPath: opts.bundled === false ? undefined : BUNDLED_CLAIMS_PATH,
      logger: { info: (m) => this.logs.push(m), warn: (m) => this.logs.push(m), error: (m) => this.logs.push("ERROR " + m) },
      onCheck: (e) => this.record(() => this.events.push(e)),
      onDropped: (uri, version) => this.record(() => this.dropped.push({ uri, version })),
      ...opts.deps,
    });
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onRequest(ConfigurationRequest.type, async (params) => {
      return Promise.all(
        params.items.map(async (item) => {
          await this.opts.holdConfiguration?.(item.scopeUri);
          return item.section === LEGACY_SETTINGS_SECTION ? merged(this.legacySettings, item.scopeUri) : this.settingsFor(item.scopeUri);
        }),
      );
    });
    this.client.onRequest(RegistrationRequest.type, (p) => {
      this.record(() => this.registrations.push(...p.registrations));
    });
    this.client.onRequest(UnregistrationRequest.type, () => undefined);
    this.client.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.published.push(p)));
    this.client.onNotification(StatusNotification, (p) => this.record(() => this.statuses.push(p)));
    this.client.onNotification("window/logMessage", () => undefined);
    this.client.onNotification(ShowMessageNotification.type, (p) => this.record(() => this.shown.push(p)));
    this.client.listen();
  }

  /** Initializes the server and waits for the first factcheck/status (claims loaded). */
  async start(): Promise<this> {
    const folder = this.workspace;
    await this.client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: folder ? [{ uri: uriOf(folder), name: path.basename(folder) }] : null,
      initializationOptions: this.opts.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        },
      },
    });
    await this.client.sendNotification(InitializedNotification.type, {});
    await this.until(() => this.statuses.length > 0, "the first factcheck/status");
    return this;
  }

  /** Merged settings for a scope: "" defaults, then the folder's, then the document's. */
  settingsFor(scopeUri: string | undefined): Record<string, unknown> {
    return { checkDelay: 0, ...merged(this.settings, scopeUri) };
  }

  async changeSettings(settings: SettingsTable, legacySettings: SettingsTable = this.legacySettings): Promise<void> {
    this.settings = settings;
    this.legacySettings = legacySettings;
    await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends an edit; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /**
   * Resolves once the server has handled every message sent before (one request round trip): then a
   * debounce an edit started is pending on the clock, if the document's settings were already known.
   */
  async sync(): Promise<void> {
    await this.client.sendRequest(ClaimByIdRequest, { id: "" });
  }

  /** sync(), then moves the server's clock forward by `ms`. */
  async elapse(ms: number): Promise<void> {
    await this.sync();
    this.clock.advance(ms);
  }

  /** The latest diagnostics published for `uri` that satisfy `ok`, waiting for them if need be. */
  async diagnostics(
    uri: string,
    ok: (p: PublishDiagnosticsParams) => boolean = () => true,
    what = "diagnostics",
  ): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await this.until(() => {
      const latest = this.published.filter((p) => p.uri === uri).at(-1);
      if (latest && ok(latest)) found = latest;
      return !!found;
    }, `${what} for ${uri}`);
    return found!;
  }

  /**
   * What the server rebuilds for a published diagnostic's quick fixes (FindingData: diagnostics are published
   * without it), from the findings of the last check of `uri`, whose text is now `text` (DocumentState.findingData).
   */
  findingDataOf(uri: string, text: string, d: Diagnostic): FindingData | undefined {
    const event = this.events.filter((e) => e.uri === uri).at(-1);
    if (!event) return undefined;
    const state = new DocumentState(TextDocument.create(uri, "markdown", 1, text));
    state.published = { version: 1, revision: 0, findings: [...event.findings], diagnostics: [], text };
    return state.findingData(d);
  }

  /** The first check event for `uri` at `version`. */
  async checked(uri: string, version: number): Promise<CheckEvent> {
    let found: CheckEvent | undefined;
    await this.until(() => !!(found = this.events.find((e) => e.uri === uri && e.version === version)), `a check of ${uri} v${version}`);
    return found!;
  }

  /** Resolves when `cond` holds, re-testing after every message from the server; fails after a deadline. */
  until(cond: () => boolean, what: string, ms = DEADLINE_MS): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(test);
        reject(new assert.AssertionError({ message: `timed out waiting for ${what}; log:\n${this.logs.join("\n")}` }));
      }, ms);
      const test = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.waiters.delete(test);
        resolve();
      };
      this.waiters.add(test);
    });
  }

  /** Ends the session once the server has handled everything sent so far (one request round trip). */
  async dispose(): Promise<void> {
    await this.sync().catch(() => undefined);
    this.client.dispose();
    this.serverConnection.dispose();
    for (const s of this.streams) s.end();
    if (typeof this.opts.workspace === "string") rmSync(this.opts.workspace, { recursive: true, force: true });
  }

  private record(push: () => void): void {
    push();
    for (const w of [...this.waiters]) w();
  }
}

export async function startHarness(opts: StartOptions = {}): Promise<Harness> {
  return new Harness(opts).start();
}

/** A settings table's values for a scope: "" first, then each scope the URI is in. */
function merged(table: SettingsTable, scopeUri: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...table[""] };
  for (const [scope, values] of Object.entries(table)) {
    if (scope && scopeUri?.startsWith(scope)) Object.assign(out, values);
  }
  return out;
}

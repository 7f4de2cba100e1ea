// Owns the language client: starting the bundled server (dist/server.cjs), restarting it, and
// telling the rest of the client whether it is running and what it last reported (the claims
// status, each document's counts by verdict). A failure to start is always shown to the user
// (error message with "Show Output"), never swallowed.
import { existsSync } from "node:fs";
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  Trace,
  TransportKind,
} from "vscode-languageclient/node.js";
import {
  DocumentCountsNotification,
  type DocumentCountsParams,
  type InitializationOptions,
  StatusNotification,
  type StatusParams,
} from "../../protocol/messages.js";
import { VERDICTS, type VerdictCounts } from "../../protocol/verdicts.js";
import * as config from "./config.js";
import { explicitSettings } from "./explicit-settings.js";

export type ServerState = "starting" | "running" | "stopped" | "failed";

/** Relative to the extension root; scripts/bundle.mjs writes it. */
export const SERVER_MODULE = "dist/server.cjs";

/** The server is restarted after a crash, up to MAX_CRASHES times in CRASH_WINDOW_MS. */
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 3 * 60_000;

const NOT_RUNNING = "Fact Check: the language server is not running. Restart it?";

export class FactCheckServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<boolean> | undefined;
  private stopping = false;
  private clientDisposables: vscode.Disposable[] = [];
  /** Why the current start failed, as far as the client's handlers saw it. */
  private startFailure: string | undefined;
  private _state: ServerState = "stopped";
  private _status: StatusParams | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams | undefined>();
  /** Findings by verdict per document URI (vscode.Uri.toString()), from factcheck/documentCounts; documents with none are left out. */
  private readonly counts = new Map<string, VerdictCounts>();
  private readonly countsEmitter = new vscode.EventEmitter<string>();
  /** Fires on every state change of the server. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires with each factcheck/status notification (undefined when the server goes away). */
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Fires with a document's URI (vscode.Uri.toString()) when the server published its findings. */
  readonly onDidChangeCounts = this.countsEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
  ) {}

  get state(): ServerState {
    return this._state;
  }

  /** The last factcheck/status the server sent, if it is running. */
  get status(): StatusParams | undefined {
    return this._status;
  }

  /** The findings by verdict the server last published for a document; undefined when it has none. */
  countsFor(uri: vscode.Uri): VerdictCounts | undefined {
    return this.counts.get(uri.toString());
  }

  /** The client, only while the server is running. */
  get running(): LanguageClient | undefined {
    return this._state === "running" ? this.client : undefined;
  }

  private setState(state: ServerState): void {
    if (state === this._state) return;
    this._state = state;
    if (state !== "running") {
      this.setStatus(undefined);
      this.counts.clear(); // a (re)started server publishes every open document again
    }
    this.stateEmitter.fire(state);
  }

  private setStatus(status: StatusParams | undefined): void {
    this._status = status;
    this.statusEmitter.fire(status);
  }

  private setCounts({ uri, counts }: DocumentCountsParams): void {
    // The server echoes the URI the client sent; parsing gives it the form vscode.Uri.toString() has.
    let key = uri;
    try {
      key = vscode.Uri.parse(uri, true).toString();
    } catch {
      // keep the URI as sent
    }
    if (VERDICTS.some((v) => counts[v] > 0)) this.counts.set(key, counts);
    else this.counts.delete(key); // so a closed document leaves nothing behind
    this.countsEmitter.fire(key);
  }

  /** Starts the server (no-op while it runs). Resolves true once it is running; on failure shows why. */
  start(): Promise<boolean> {
    if (this.starting) return this.starting;
    if (this.running) return Promise.resolve(true);
    this.starting = this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<boolean> {
    this.setState("starting");
    this.startFailure = undefined;
    const module = this.context.asAbsolutePath(SERVER_MODULE);
    if (!existsSync(module)) {
      this.fail(`the language server could not start: its bundle ${SERVER_MODULE} is missing from the extension (run \`npm run build\`).`);
      return false;
    }
    const client = this.createClient(module);
    this.client = client;
    try {
      await client.start();
      // start() can resolve although the server died during initialization (the library forgets the
      // failed start when the connection closes): trust the state, not the promise.
      if (client.state !== State.Running) throw new Error(this.startFailure ?? "the server stopped while starting");
    } catch (e) {
      if (this.client === client) {
        this.client = undefined;
        await client.dispose().catch(() => undefined);
        this.disposeClientResources();
        this.fail(`the language server could not start: ${errorMessage(e)}`);
      }
      return false;
    }
    if (this.client !== client) return false;
    this.setState("running");
    this.applyLegacyTrace(client);
    // After the library's own listener (registered by start()), which reads only the new key.
    this.clientDisposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (config.affectsFactCheck(e) && this.client === client) this.applyLegacyTrace(client);
      }),
    );
    return true;
  }

  /** The library traces per `factCheck.trace.server`; while that is unset, the old `factcheck.trace.server` still counts. */
  private applyLegacyTrace(client: LanguageClient): void {
    const trace = config.legacyTraceServer();
    if (trace !== undefined) void client.setTrace(Trace.fromString(trace)).catch(() => undefined);
  }

  private createClient(module: string): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
    };
    const claimsGlob = config.claimsFilesGlobAnywhere();
    const documentSelector = [
      ...config.languages().flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      // Open claims files too: the server checks their unsaved text and reports errors as you type.
      { scheme: "file", pattern: claimsGlob },
    ];
    const claimsWatcher = vscode.workspace.createFileSystemWatcher(claimsGlob);
    /** When this client's server stopped unexpectedly, for the restart limit. */
    const crashes: number[] = [];
    // In Restricted Mode the server loads no workspace claims file; extension.ts restarts it once trust is granted.
    const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      initializationOptions,
      synchronize: {
        configurationSection: [config.SECTION, config.LEGACY_SECTION],
        fileEvents: claimsWatcher,
      },
      outputChannel: this.output,
      diagnosticCollectionName: "factcheck",
      middleware: {
        workspace: {
          // Only what the user set: the server puts it over the project config file (explicit-settings.ts),
          // and reads the old section's keys where the new ones are unset.
          configuration: async (params, token, next) => {
            const base = await next(params, token);
            if (!Array.isArray(base)) return base;
            return params.items.map((item, i) =>
              item.section === config.SECTION || item.section === config.LEGACY_SECTION
                ? explicitSettings(item.scopeUri, item.section)
                : base[i],
            );
          },
        },
      },
      // Our own message (with "Show Output") replaces the library's default.
      initializationFailedHandler: (error) => {
        this.startFailure ??= errorMessage(error);
        this.output.appendLine(`[client] initialization failed: ${errorMessage(error)}`);
        return false;
      },
      errorHandler: {
        error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
        closed: () => {
          // While we start it, doStart reports the failure; restarting would only repeat it.
          if (this.client !== client || this.starting) {
            this.startFailure = "the server process exited during startup (its output is in the Fact Check channel)";
            return { action: CloseAction.DoNotRestart, handled: true };
          }
          const now = Date.now();
          crashes.push(now);
          while (crashes.length && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
          if (crashes.length <= MAX_CRASHES) {
            this.output.appendLine(
              `[client] the language server stopped unexpectedly; restarting it (${crashes.length} of ${MAX_CRASHES})`,
            );
            return { action: CloseAction.Restart, handled: true };
          }
          this.client = undefined;
          void client.dispose().catch(() => undefined);
          this.disposeClientResources();
          this.fail(`the language server crashed ${crashes.length} times in ${CRASH_WINDOW_MS / 60_000} minutes and was not restarted.`);
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    // The id names the trace setting the library reads: `factCheck.trace.server`.
    const client: LanguageClient = new LanguageClient(config.SECTION, "Fact Check", serverOptions, clientOptions);
    client.onNotification(StatusNotification, (params) => {
      if (this.client === client) this.setStatus(params);
    });
    client.onNotification(DocumentCountsNotification, (params) => {
      if (this.client === client) this.setCounts(params);
    });
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) this.setState("running");
      else if (e.newState === State.Starting) this.setState("starting");
      else if (e.newState === State.Stopped && !this.stopping && !this.starting) {
        // The server went away without us asking: the library restarts it (Starting follows) or gave up.
        this.setState("stopped");
      }
    });
    // The watcher belongs to this client: disposed with it.
    this.clientDisposables.push(claimsWatcher);
    return client;
  }

  private disposeClientResources(): void {
    for (const d of this.clientDisposables.splice(0)) d.dispose();
  }

  private fail(reason: string): void {
    this.setState("failed");
    this.output.appendLine(`[client] ${reason}`);
    void vscode.window.showErrorMessage(`Fact Check: ${reason}`, "Show Output", "Restart").then((choice) => {
      if (choice === "Show Output") this.output.show(true);
      else if (choice === "Restart") void this.restart();
    });
  }

  /** Stops the server if it runs. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      if (this._state !== "failed") this.setState("stopped");
      return;
    }
    this.stopping = true;
    try {
      if (client.needsStop()) await client.stop(5000).catch((e) => this.output.appendLine(`[client] stop: ${errorMessage(e)}`));
      await client.dispose(2000).catch(() => undefined);
    } finally {
      this.disposeClientResources();
      this.stopping = false;
    }
    this.setState("stopped");
  }

  /** Stops the server and starts a new one (with the current settings). */
  async restart(): Promise<boolean> {
    if (this.starting) await this.starting;
    await this.stop();
    return this.start();
  }

  /**
   * The running client for a command: waits while the server starts; if it is not running, says
   * so and offers to restart it (then resolves with the new client). Undefined if there is none.
   */
  async require(): Promise<LanguageClient | undefined> {
    if (this.starting) await this.starting;
    if (this.running) return this.running;
    const choice = await vscode.window.showWarningMessage(NOT_RUNNING, "Restart", "Show Output");
    if (choice === "Show Output") this.output.show(true);
    if (choice === "Restart" && (await this.restart())) return this.running;
    return undefined;
  }

  dispose(): void {
    void this.stop();
    this.disposeClientResources();
    this.stateEmitter.dispose();
    this.statusEmitter.dispose();
    this.countsEmitter.dispose();
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Fact Check's VS Code client: starts the bundled language server and adds what the protocol
// alone cannot (commands, the claim search picker, the status bar item). Deliberately thin:
// checking, hovers and quick fixes all come from the server.
import * as vscode from "vscode";
import { registerCheckWorkspace } from "./check-workspace.js";
import { registerClaimsView } from "./claims-view.js";
import { registerCommands } from "./commands.js";
import * as config from "./config.js";
import { registerDrawClaims } from "./draw-claims.js";
import { leveledOutput } from "./log-channel.js";
import { MisattributedMark } from "./misattributed-mark.js";
import { FactCheckServer } from "./server.js";
import { StatusBar } from "./status-bar.js";

let server: FactCheckServer | undefined;

/** What activate returns (extension.exports): read by the extension-host suite. */
export interface FactCheckApi {
  /** The ranges that carry the misattributed mark in a document's editors. */
  misattributedMarks(uri: vscode.Uri): readonly vscode.Range[];
}

export async function activate(context: vscode.ExtensionContext): Promise<FactCheckApi> {
  const log = vscode.window.createOutputChannel("Fact Check", { log: true });
  const output = leveledOutput(log);
  context.subscriptions.push(log);
  // The start-up summary: what this window will check, against what.
  const version = (context.extension.packageJSON as { version?: string }).version ?? "?";
  log.info(
    `Fact Check ${version} starting: checks ${config.languages().join(", ")} documents; claims files ${config.claimsFilesGlob()} ` +
      `and factcheck.config.json per folder; workspace ${vscode.workspace.isTrusted ? "trusted" : "not trusted (Restricted Mode: bundled claims only)"}; ` +
      `${vscode.workspace.workspaceFolders?.length ?? 0} folder(s)`,
  );
  server = new FactCheckServer(context, output);
  const s = server;
  context.subscriptions.push(s);
  // Commands and the status bar exist even if the server fails to start: they then say so.
  registerCommands(context, s);
  registerDrawClaims(context, s);
  context.subscriptions.push(new StatusBar(s));
  registerClaimsView(context, s);
  registerCheckWorkspace(context, s);
  const mark = new MisattributedMark();
  context.subscriptions.push(mark);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector and file watcher are fixed when the client starts.
      if (config.affectsClientSetup(e) && s.state !== "failed") {
        output.appendLine("[client] factCheck.languages or factCheck.claimsFiles changed: restarting the server");
        void s.restart();
      }
    }),
  );

  // The server was told at start whether the workspace is trusted (Restricted Mode loads no workspace claims
  // files): granting trust restarts it, so they load.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (s.state === "failed") return;
      output.appendLine("[client] workspace trusted: restarting the server to load the workspace claims files");
      void s.restart();
    }),
  );

  // Not awaited: activation must not wait for the server; failures are shown by start() itself.
  void s.start();
  return { misattributedMarks: (uri) => mark.ranges(uri) };
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}

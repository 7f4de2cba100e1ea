// Fact Check's VS Code client: starts the bundled language server and adds what the protocol
// alone cannot (commands, the claim search picker, the status bar item). Deliberately thin:
// checking, hovers and quick fixes all come from the server.
import * as vscode from "vscode";
import { registerCommands } from "./commands.js";
import * as config from "./config.js";
import { registerDrawClaims } from "./draw-claims.js";
import { FactCheckServer } from "./server.js";
import { StatusBar } from "./status-bar.js";

let server: FactCheckServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Fact Check");
  context.subscriptions.push(output);
  server = new FactCheckServer(context, output);
  const s = server;
  context.subscriptions.push(s);
  // Commands and the status bar exist even if the server fails to start: they then say so.
  registerCommands(context, s);
  registerDrawClaims(context, s);
  context.subscriptions.push(new StatusBar(s));

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector and file watcher are fixed when the client starts.
      if (config.affectsClientSetup(e) && s.state !== "failed") {
        output.appendLine("[client] factcheck.languages or factcheck.claimsFiles changed: restarting the server");
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
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}

// "Fact Check: Check Workspace": every Markdown and plain-text file of the workspace (files.exclude
// and search.exclude applied, as VS Code's own search does) is checked, and Problems lists the
// findings. Open documents are already checked as they are typed; the server reads the others
// from disk (factcheck/checkFiles) and publishes their diagnostics.
import * as vscode from "vscode";
import { CheckFilesRequest } from "../../protocol/messages.js";
import { errorMessage, type FactCheckServer } from "./server.js";

/** File names checked, by the languages `factCheck.languages` names by default. */
const DRAFT_GLOB = "**/*.{md,markdown,mdx,txt}";
/** Sent to the server in batches, so a progress notification can move and a cancel can stop between them. */
const BATCH = 50;

export function registerCheckWorkspace(context: vscode.ExtensionContext, server: FactCheckServer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("factcheck.checkWorkspace", async () => {
      const client = await server.require();
      if (!client) return undefined;
      const files = (await vscode.workspace.findFiles(DRAFT_GLOB, undefined, 5000)).filter((u) => u.scheme === "file");
      const total = { checked: 0, findings: 0, failed: 0 };
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: "Fact Check: checking the workspace", cancellable: true },
          async (progress, token) => {
            for (let i = 0; i < files.length && !token.isCancellationRequested; i += BATCH) {
              const batch = files.slice(i, i + BATCH).map((u) => u.toString());
              const r = await client.sendRequest(CheckFilesRequest, { uris: batch }, token);
              total.checked += r.checked;
              total.findings += r.findings;
              total.failed += r.failed.length;
              for (const f of r.failed) server.output.appendLine(`[client] could not check ${f.uri}: ${f.message}`);
              progress.report({
                increment: (100 * batch.length) / files.length,
                message: `${Math.min(i + BATCH, files.length)} of ${files.length} files`,
              });
            }
          },
        );
      } catch (e) {
        void vscode.window.showErrorMessage(`Fact Check: checking the workspace failed: ${errorMessage(e)}`);
        return undefined;
      }
      const failed = total.failed ? `; ${total.failed} could not be read (see the Output)` : "";
      void vscode.window
        .showInformationMessage(
          `Fact Check: checked ${files.length} file${files.length === 1 ? "" : "s"}, ${total.findings} finding${total.findings === 1 ? "" : "s"} in files not open${failed}.`,
          "Show Problems",
        )
        .then((c) => {
          if (c) void vscode.commands.executeCommand("workbench.actions.view.problems");
        });
      return total;
    }),
  );
}

// "Fact Check: Draw Claims from Source…" (factcheck.drawClaims): the source is the file the Explorer's
// context menu was opened on, else the active editor's document (saved or not), else one picked in a
// file dialog. The server extracts (protocol/messages.ts); this writes NAME.claims.json and the source
// text NAME.txt beside the source, opens the claims file and says what was drawn. The workspace
// watcher then loads it like any claims file. Every failure is shown, never swallowed.
import * as vscode from "vscode";
import { DrawClaimsRequest, type DrawClaimsResult } from "../../protocol/messages.js";
import { errorMessage, type FactCheckServer } from "./server.js";

export const DRAW_CLAIMS_COMMAND = "factcheck.drawClaims";

const SOURCE_EXT = /\.(txt|md|markdown|mdx|html?|xhtml)$/i;

async function pickSource(arg: unknown): Promise<{ uri: vscode.Uri; text: string; languageId?: string } | undefined> {
  if (arg instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
    if (open) return { uri: arg, text: open.getText(), languageId: open.languageId };
    return { uri: arg, text: new TextDecoder("utf-8").decode(await vscode.workspace.fs.readFile(arg)) };
  }
  const doc = vscode.window.activeTextEditor?.document;
  if (
    doc &&
    (SOURCE_EXT.test(doc.uri.path) || ["markdown", "plaintext", "html"].includes(doc.languageId)) &&
    !doc.uri.path.endsWith(".claims.json")
  ) {
    return { uri: doc.uri, text: doc.getText(), languageId: doc.languageId };
  }
  const picked = await vscode.window.showOpenDialog({
    title: "Draw claims from which source?",
    canSelectMany: false,
    filters: { "Articles (text, Markdown, HTML)": ["txt", "md", "markdown", "html", "htm"] },
  });
  if (!picked?.[0]) return undefined;
  return { uri: picked[0], text: new TextDecoder("utf-8").decode(await vscode.workspace.fs.readFile(picked[0])) };
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder("utf-8").decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === "FileNotFound") return undefined;
    throw e;
  }
}

export function registerDrawClaims(context: vscode.ExtensionContext, server: FactCheckServer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      DRAW_CLAIMS_COMMAND,
      async (arg?: unknown): Promise<(DrawClaimsResult & { message: string }) | undefined> => {
        let source;
        try {
          source = await pickSource(arg);
        } catch (e) {
          void vscode.window.showErrorMessage(`Fact Check: could not read the source: ${errorMessage(e)}`);
          return undefined;
        }
        if (!source) return undefined;
        const client = await server.require();
        if (!client) return undefined;
        const dir = vscode.Uri.joinPath(source.uri, "..");
        const name = source.uri.path.split("/").pop() ?? "source.txt";
        try {
          const base = name.replace(/\.[^.]+$/, "");
          const previous = await readIfExists(vscode.Uri.joinPath(dir, `${base}.claims.json`));
          const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Fact Check: drawing claims from ${name}…` },
            () => client.sendRequest(DrawClaimsRequest, { file: name, content: source.text, languageId: source.languageId, previous }),
          );
          const enc = new TextEncoder();
          if (!result.sourceIsInput)
            await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, result.sourceFileName), enc.encode(result.sourceText));
          const claimsUri = vscode.Uri.joinPath(dir, result.claimsFileName);
          await vscode.workspace.fs.writeFile(claimsUri, enc.encode(result.claimsJson));
          await vscode.window.showTextDocument(claimsUri, { preview: false });
          const message = `Fact Check: ${result.claimsFileName}: ${result.summary}${result.keptReviewed ? `; ${result.keptReviewed} reviewed claims kept` : ""}. Mark a claim "reviewed": true once checked; drawing again keeps it.`;
          void vscode.window.showInformationMessage(message);
          // the message goes back to the caller too, so the extension-host suite can see what the user was told
          return { ...result, message };
        } catch (e) {
          void vscode.window.showErrorMessage(`Fact Check: drawing claims from ${name} failed: ${errorMessage(e)}`);
          return undefined;
        }
      },
    ),
  );
}

// The Fact Check commands. Each one that needs the server says so when it is not running
// (with an offer to restart it) instead of doing nothing.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import { type ClaimInfo, ClaimByIdRequest, IGNORE_CLAIM_COMMAND, ReloadClaimsRequest, type StatusParams } from "../../protocol/messages.js";
import * as config from "./config.js";
import { formatCitation, formatOf, formatQuoteWithAttribution, insertAtCursors, plainQuote } from "./insert.js";
import { type ClaimAction, pickClaim, pickClaimAction } from "./search-picker.js";
import { errorMessage, type FactCheckServer } from "./server.js";

export const COMMANDS = {
  searchClaims: "factcheck.searchClaims",
  insertQuote: "factcheck.insertQuote",
  insertCitation: "factcheck.insertCitation",
  openClaimSource: "factcheck.openClaimSource",
  ignoreClaim: IGNORE_CLAIM_COMMAND,
  reloadClaims: "factcheck.reloadClaims",
  restartServer: "factcheck.restartServer",
  showOutput: "factcheck.showOutput",
} as const;

/** A claim id from a command argument: the id itself, or an object carrying `claimId` / `id`. */
function claimIdOf(arg: unknown): string | undefined {
  if (typeof arg === "string" && arg.trim()) return arg.trim();
  if (arg && typeof arg === "object") {
    const o = arg as { claimId?: unknown; id?: unknown };
    if (typeof o.claimId === "string") return o.claimId;
    if (typeof o.id === "string") return o.id;
  }
  return undefined;
}

/** A document URI from a command argument (string or Uri), or one inside an object's `uri`. */
function uriOf(...args: unknown[]): vscode.Uri | undefined {
  for (const a of args) {
    if (a instanceof vscode.Uri) return a;
    if (typeof a === "string" && /^[a-z][\w+.-]*:/i.test(a) && !/^[\w-]+$/.test(a)) {
      try {
        return vscode.Uri.parse(a, true);
      } catch {
        // not a URI
      }
    }
    if (a && typeof a === "object" && "uri" in a) {
      const u = uriOf((a as { uri: unknown }).uri);
      if (u) return u;
    }
  }
  return undefined;
}

export function registerCommands(context: vscode.ExtensionContext, server: FactCheckServer): void {
  const output = server.output;

  /** The claim an argument names (asking the server), or one the user picks when there is no argument. */
  async function resolveClaim(client: LanguageClient, arg: unknown, title: string): Promise<ClaimInfo | undefined> {
    const id = claimIdOf(arg);
    if (!id) return pickClaim(client, { title, output, onOpenSource: (c) => void openSource(c) });
    const claim = await client.sendRequest(ClaimByIdRequest, { id });
    if (!claim) void vscode.window.showWarningMessage(`Fact Check: no loaded claim has the id “${id}”.`);
    return claim ?? undefined;
  }

  async function insertInto(editor: vscode.TextEditor | undefined, text: string): Promise<boolean> {
    if (!editor) {
      void vscode.window.showWarningMessage("Fact Check: open a document to insert into first.");
      return false;
    }
    if (editor.document.isClosed) {
      void vscode.window.showWarningMessage("Fact Check: the document to insert into was closed.");
      return false;
    }
    const ok = await insertAtCursors(editor, text);
    if (!ok) void vscode.window.showWarningMessage("Fact Check: the editor did not accept the text (is it read-only?).");
    return ok;
  }

  async function openSource(claim: ClaimInfo): Promise<vscode.TextEditor | undefined> {
    const src = claim.source;
    if (!src.uri) {
      void vscode.window.showInformationMessage(
        claim.quoteKind === "direct"
          ? `Fact Check: no source text is available for “${src.title}”. The quote (${src.section}) is: “${src.quote}”`
          : `Fact Check: no source text is available for “${src.title}”. Its report (${src.section}): ${src.quote}`,
      );
      return undefined;
    }
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(src.uri, true));
    } catch (e) {
      void vscode.window.showErrorMessage(`Fact Check: could not open the source of “${claim.text}”: ${errorMessage(e)}`);
      return undefined;
    }
    let range: vscode.Range | undefined;
    if (src.range) {
      const { start, end } = src.range;
      range = doc.validateRange(new vscode.Range(start.line, start.character, end.line, end.character));
    }
    if (!range || doc.getText(range) !== src.quote) {
      // No range, or the file changed since the claims were loaded: find the quote itself.
      const at = doc.getText().indexOf(src.quote);
      if (at >= 0) range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + src.quote.length));
    }
    const selection = range ? new vscode.Selection(range.start, range.end) : undefined;
    const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
    if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  async function runAction(action: ClaimAction, claim: ClaimInfo, editor: vscode.TextEditor | undefined): Promise<void> {
    switch (action) {
      case "insertQuote":
        await insertInto(editor, formatQuoteWithAttribution(claim, formatOf(editor?.document)));
        break;
      case "insertCitation":
        await insertInto(editor, formatCitation(claim, formatOf(editor?.document)));
        break;
      case "openSource":
        await openSource(claim);
        break;
      case "copyQuote":
        await vscode.env.clipboard.writeText(plainQuote(claim));
        void vscode.window.setStatusBarMessage(
          claim.quoteKind === "direct" ? "$(copy) Fact Check: quote copied" : "$(copy) Fact Check: the source's words copied",
          3000,
        );
        break;
    }
  }

  const insertCommand = (format: (c: ClaimInfo, f: ReturnType<typeof formatOf>) => string, title: string) => async (arg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage("Fact Check: open a document to insert into first.");
      return false;
    }
    const client = await server.require();
    if (!client) return false;
    const claim = await resolveClaim(client, arg, title);
    return claim ? insertInto(editor, format(claim, formatOf(editor.document))) : false;
  };

  const register = (id: string, handler: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  register(COMMANDS.searchClaims, async (query?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    const client = await server.require();
    if (!client) return;
    const claim = await pickClaim(client, {
      initialQuery: typeof query === "string" ? query : undefined,
      output,
      onOpenSource: (c) => void openSource(c),
    });
    if (!claim) return;
    const action = await pickClaimAction(claim, editor !== undefined && !editor.document.isClosed, formatOf(editor?.document));
    if (action) await runAction(action, claim, editor);
  });

  register(COMMANDS.insertQuote, insertCommand(formatQuoteWithAttribution, "Fact Check: Insert Quote with Attribution"));
  register(COMMANDS.insertCitation, insertCommand(formatCitation, "Fact Check: Insert Citation"));

  register(COMMANDS.openClaimSource, async (arg?: unknown) => {
    const client = await server.require();
    if (!client) return undefined;
    const claim = await resolveClaim(client, arg, "Fact Check: Open Claim Source");
    if (claim) await openSource(claim);
  });

  register(COMMANDS.ignoreClaim, async (arg?: unknown, uriArg?: unknown) => {
    let id = claimIdOf(arg);
    let text = id;
    if (!id) {
      const client = await server.require();
      if (!client) return false;
      const claim = await pickClaim(client, { title: "Fact Check: Ignore Claim in This Workspace", output });
      if (!claim) return false;
      id = claim.id;
      text = `“${claim.text}”`;
    }
    const resource = uriOf(uriArg, arg) ?? vscode.window.activeTextEditor?.document.uri;
    try {
      const { added, target } = await config.addIgnoredClaim(id, resource);
      const where = config.describeTarget(target);
      void vscode.window.showInformationMessage(
        added
          ? `Fact Check: claim ${text} is now ignored (factCheck.ignoredClaims in ${where}).`
          : `Fact Check: claim ${text} was already ignored (${where}).`,
      );
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(`Fact Check: could not update factCheck.ignoredClaims: ${errorMessage(e)}`);
      return false;
    }
  });

  register(COMMANDS.reloadClaims, async (): Promise<StatusParams | undefined> => {
    const client = await server.require();
    if (!client) return undefined;
    let status: StatusParams;
    try {
      status = await client.sendRequest(ReloadClaimsRequest, undefined);
    } catch (e) {
      void vscode.window.showErrorMessage(`Fact Check: reloading the claims failed: ${errorMessage(e)}`, "Show Output").then((c) => {
        if (c) output.show(true);
      });
      return undefined;
    }
    const broken = status.files.filter((f) => f.errors.length > 0);
    const files = `${status.files.length} claims file${status.files.length === 1 ? "" : "s"}`;
    if (broken.length) {
      void vscode.window
        .showWarningMessage(
          `Fact Check: loaded ${status.totalClaims} claims from ${files}; ${broken.length} file${broken.length === 1 ? " has" : "s have"} errors.`,
          "Show Problems",
        )
        .then((c) => {
          if (c) void vscode.commands.executeCommand("workbench.actions.view.problems");
        });
    } else {
      void vscode.window.showInformationMessage(`Fact Check: loaded ${status.totalClaims} claims from ${files}.`);
    }
    return status;
  });

  register(COMMANDS.restartServer, async () => {
    const ok = await server.restart();
    if (ok) void vscode.window.setStatusBarMessage("$(check) Fact Check: language server restarted", 3000);
    return ok;
  });

  register(COMMANDS.showOutput, () => server.output.show(true));
}

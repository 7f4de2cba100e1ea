// The status bar item, compact: "Fact Check: 2 ⚠ 1 ✓" — the findings in the active editor's file that
// need a look (every verdict but supported) and those that check out; an error mark when a claims
// file failed to load (the counts stay: the last good version of that database is still in use);
// the loaded claims files and the counts by verdict in the tooltip. Clicking it opens the Problems
// view. `factCheck.statusBar.show: false` hides it (so does its own context menu).
//
// The counts are the server's own, typed (factcheck/documentCounts, sent with each publish of a
// document's diagnostics): nothing is read back out of diagnostic messages.
import * as vscode from "vscode";
import { escapeMarkdownForDisplay } from "../../protocol/markdown.js";
import { VERDICTS, zeroCounts } from "../../protocol/verdicts.js";
import * as config from "./config.js";
import type { FactCheckServer } from "./server.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A claims file for the tooltip: Markdown, the path as a code span. */
function fileLabel(uri: string): string {
  if (uri === "bundled") return "the bundled article database";
  let label = uri;
  try {
    label = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  } catch {
    // keep the URI
  }
  return `\`${label.replace(/`/g, "'")}\``;
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: FactCheckServer) {
    this.item = vscode.window.createStatusBarItem("factcheck.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "Fact Check";
    this.item.command = { title: "Show Problems", command: "workbench.actions.view.problems" };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      server.onDidChangeCounts((uri) => {
        if (uri === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (config.affectsFactCheck(e)) this.update();
      }),
      server.onDidChangeState(() => this.update()),
      server.onDidChangeStatus(() => this.update()),
    );
    this.update();
  }

  update(): void {
    if (!config.showStatusBar()) {
      this.item.hide();
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const state = this.server.state;
    const status = this.server.status;
    const brokenFiles = status?.files.filter((f) => f.errors.length > 0) ?? [];
    const relevant =
      editor !== undefined &&
      (config.languages().includes(editor.document.languageId) || /\.claims\.json$/i.test(editor.document.uri.path));

    // Problems worth showing even while another kind of file is active.
    if (brokenFiles.length || state === "failed" || state === "stopped") {
      if (!relevant && !brokenFiles.length && state === "stopped") {
        this.item.hide();
        return;
      }
    } else if (!relevant) {
      this.item.hide();
      return;
    }

    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    let text: string;
    let background: vscode.ThemeColor | undefined;

    if (state === "failed" || state === "stopped") {
      text = "$(circle-slash) Fact Check";
      background = new vscode.ThemeColor("statusBarItem.warningBackground");
      tooltip.appendMarkdown(
        state === "failed"
          ? "**Fact Check**: the language server could not start. See the Fact Check output."
          : "**Fact Check**: the language server is not running. Run **Fact Check: Restart Language Server**.",
      );
    } else if (state === "starting" || status?.state === "loading") {
      text = "$(sync~spin) Fact Check";
      tooltip.appendMarkdown("**Fact Check**: loading claims…");
    } else if (brokenFiles.length) {
      text = `$(error) Fact Check`;
      background = new vscode.ThemeColor("statusBarItem.warningBackground");
      tooltip.appendMarkdown("**Fact Check**: claims files with errors (the last good version stays in use):\n\n");
      for (const f of brokenFiles) {
        const first = f.errors[0];
        tooltip.appendMarkdown(`- ${fileLabel(f.uri)} line ${first.line + 1}: ${escapeMarkdownForDisplay(first.message)}`);
        if (f.errors.length > 1) tooltip.appendMarkdown(` (and ${f.errors.length - 1} more)`);
        tooltip.appendMarkdown("\n");
      }
      tooltip.appendMarkdown("\n");
    } else {
      text = "$(checklist) Fact Check";
    }

    if (state === "running" && editor && relevant) {
      const counts = this.server.countsFor(editor.document.uri) ?? zeroCounts();
      const shown = VERDICTS.filter((v) => counts[v] > 0);
      // The counts stay while a claims file is broken: its last good version is still what the file is checked against.
      if (status?.state !== "loading") text = `${brokenFiles.length ? "$(error) " : ""}${compactCounts(counts)}`;
      tooltip.appendMarkdown(
        shown.length
          ? `**Findings in this file:** ${shown.map((v) => `${counts[v]} ${v}`).join(", ")}\n\n`
          : "**Findings in this file:** none\n\n",
      );
    }

    if (status) {
      tooltip.appendMarkdown(`**${plural(status.totalClaims, "claim")} loaded from:**\n\n`);
      for (const f of status.files) {
        const err = f.errors.length ? ` — $(error) ${plural(f.errors.length, "error")}` : "";
        tooltip.appendMarkdown(`- ${fileLabel(f.uri)}: ${plural(f.claims, "claim")}${err}\n`);
      }
      tooltip.appendMarkdown("\n");
      if (status.restricted)
        tooltip.appendMarkdown("Restricted Mode: workspace claims files are not loaded. Trust the workspace to load them.\n\n");
    }
    tooltip.appendMarkdown("Click to open the Problems view.");

    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
    this.item.accessibilityInformation = { label: accessibleLabel(text) };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** "Fact Check: 2 ⚠ 1 ✓": findings to look at, and supported ones; just "Fact Check" when there are none. */
export function compactCounts(counts: Record<(typeof VERDICTS)[number], number>): string {
  const problems = VERDICTS.filter((v) => v !== "supported").reduce((n, v) => n + counts[v], 0);
  const parts = [problems ? `${problems} ⚠` : "", counts.supported ? `${counts.supported} ✓` : ""].filter((p) => p);
  return parts.length ? `Fact Check: ${parts.join(" ")}` : "Fact Check";
}

function accessibleLabel(text: string): string {
  return text
    .replace(/\$\([^)]*\)\s*/g, "")
    .replace(/(\d+) ⚠/g, "$1 to check")
    .replace(/(\d+) ✓/g, "$1 supported")
    .trim();
}

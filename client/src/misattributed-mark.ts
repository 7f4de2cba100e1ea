// A mark of its own for misattributed sentences. VS Code colours a diagnostic only by its severity,
// and a misattributed finding is a Warning like a contradicted or a misquoted one: so over the range
// of each of Fact Check's misattributed diagnostics, the editor also draws a dotted border in the
// theme colour `factCheck.misattributedBorder` (package.json contributes.colors; a theme or
// workbench.colorCustomizations may change it) and a mark in the overview ruler, in the same colour.
// It follows the diagnostics (languages.onDidChangeDiagnostics), so it moves and goes with them.
// `factCheck.misattributedMark: false` turns it off.
import * as vscode from "vscode";
import { DIAGNOSTIC_SOURCE, type FindingData } from "../../protocol/messages.js";
import { SETTINGS_SECTION } from "../../protocol/settings.js";

export const MISATTRIBUTED_COLOR = "factCheck.misattributedBorder";
const SETTING = "misattributedMark";

export class MisattributedMark implements vscode.Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  /** The ranges marked, by document URI (vscode.Uri.toString()); documents with none are left out. */
  private readonly marked = new Map<string, readonly vscode.Range[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    const color = new vscode.ThemeColor(MISATTRIBUTED_COLOR);
    this.type = vscode.window.createTextEditorDecorationType({
      border: "1px dotted",
      borderColor: color,
      borderRadius: "2px",
      overviewRulerColor: color,
      overviewRulerLane: vscode.OverviewRulerLane.Left, // the diagnostics' own marks are on the right
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const changed = new Set(e.uris.map((u) => u.toString()));
        for (const editor of vscode.window.visibleTextEditors) if (changed.has(editor.document.uri.toString())) this.update(editor);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.update(editor))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING}`)) vscode.window.visibleTextEditors.forEach((ed) => this.update(ed));
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.marked.delete(doc.uri.toString())),
    );
    vscode.window.visibleTextEditors.forEach((editor) => this.update(editor));
  }

  /** The ranges marked in a document's editors (the extension-host suite compares them with the diagnostics). */
  ranges(uri: vscode.Uri): readonly vscode.Range[] {
    return this.marked.get(uri.toString()) ?? [];
  }

  private update(editor: vscode.TextEditor): void {
    const uri = editor.document.uri;
    const on = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<unknown>(SETTING) !== false;
    const ranges = on
      ? vscode.languages
          .getDiagnostics(uri)
          .filter(isMisattributed)
          .map((d) => d.range)
      : [];
    editor.setDecorations(this.type, ranges);
    if (ranges.length) this.marked.set(uri.toString(), ranges);
    else this.marked.delete(uri.toString());
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.type.dispose();
    this.marked.clear();
  }
}

/**
 * Fact Check's misattributed findings: the verdict is in the diagnostic's data (FindingData), which
 * vscode-languageclient keeps on the diagnostics it hands VS Code.
 */
function isMisattributed(d: vscode.Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE && (d as vscode.Diagnostic & { data?: Partial<FindingData> }).data?.verdict === "misattributed";
}

// Helpers for the extension-host suite: polling with a deadline (never fixed sleeps), fixture
// paths, and reading back Fact Check diagnostics.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { LEGACY_SETTINGS_SECTION } from "../../../protocol/legacy-settings.js";
import { DIAGNOSTIC_SOURCE } from "../../../protocol/messages.js";
import { SETTINGS_SECTION } from "../../../protocol/settings.js";
import { type Verdict, VERDICT_TITLES, VERDICTS } from "../../../protocol/verdicts.js";

export const EXTENSION_ID = "factcheck.factcheck";
export const SOURCE = DIAGNOSTIC_SOURCE;

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns something other than undefined/false (that value is returned)
 * or the deadline passes (then throws, with the last thrown error or `describe()` for context).
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 100, describe }: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? lastError.message : describe ? describe() : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `:\n${detail}` : ""}`);
    }
    await delay(intervalMs);
  }
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, "the suite needs the fixture workspace open (test/fixtures/workspace)");
  return f;
}

export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, relative);
}

export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A new untitled document with `content`, shown in an editor. */
export async function openUntitled(language: string, content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function closeAllEditors(): Promise<void> {
  // Revert first: untitled and edited documents would otherwise ask whether to save.
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length; i++) {
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  }
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}

export function factcheckDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The verdict a finding's message starts with (`contradicted: …`), as the Problems view shows it. */
export function verdictOf(d: vscode.Diagnostic): Verdict | undefined {
  return VERDICTS.find((v) => d.message.startsWith(`${VERDICT_TITLES[v]} — `));
}

/** The range of the only occurrence of `text` in `doc`. */
export function rangeOf(doc: vscode.TextDocument, text: string): vscode.Range {
  const all = doc.getText();
  const at = all.indexOf(text);
  assert.ok(at >= 0, `“${text}” is not in ${doc.uri.toString()}`);
  assert.equal(all.indexOf(text, at + 1), -1, `“${text}” occurs more than once in ${doc.uri.toString()}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + text.length));
}

export function showRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return "(no diagnostics)";
  return ds.map((d) => `${showRange(d.range)} [${vscode.DiagnosticSeverity[d.severity]}] ${d.message}`).join("\n");
}

/** Text of hover results, with Markdown backslash escapes removed. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))
    .join("\n")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~'"])/g, "$1");
}

/** Replaces a document's whole text (unsaved). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), "applyEdit refused the edit");
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Sets a key under its name before the rename (`factcheck.<old name>`), as a user's old settings.json has it. */
export async function setLegacySetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(LEGACY_SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Workspace);
}

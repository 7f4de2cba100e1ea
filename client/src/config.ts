// Access to the `factCheck.*` settings. The server reads most of them itself (the client
// synchronizes the whole section); the client needs only the few that shape the client:
// which languages to attach to, where claims files are, and the ignore list it writes.
// Each is what the user set (an old `factcheck.*` key filling in where its new key is unset:
// explicit-settings.ts), else the protocol's default (protocol/settings.ts), as on the server.
import * as vscode from "vscode";
import { LEGACY_SETTINGS_SECTION } from "../../protocol/legacy-settings.js";
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from "../../protocol/settings.js";
import { explicitSettings, userSettings } from "./explicit-settings.js";

export const SECTION = SETTINGS_SECTION;
/** The section before the rename: a change there concerns Fact Check too. */
export const LEGACY_SECTION = LEGACY_SETTINGS_SECTION;

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** Language ids the server checks (`factCheck.languages`), never empty. */
export function languages(): string[] {
  const value = userSettings().languages;
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.trim() !== "") : [];
  return list.length ? [...new Set(list)] : [...DEFAULT_SETTINGS.languages];
}

/** `factCheck.statusBar.show`: whether the status bar item is shown at all. */
export function showStatusBar(): boolean {
  const group = userSettings().statusBar;
  return !(typeof group === "object" && group !== null && (group as Record<string, unknown>).show === false);
}

/**
 * The old `factcheck.trace.server`, while `factCheck.trace.server` is unset (undefined otherwise):
 * vscode-languageclient reads only the new key itself.
 */
export function legacyTraceServer(): string | undefined {
  if (explicitSettings(undefined).trace !== undefined) return undefined;
  const group = userSettings().trace;
  const value = typeof group === "object" && group !== null ? (group as Record<string, unknown>).server : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Glob of workspace claims files (`factCheck.claimsFiles`). */
export function claimsFilesGlob(): string {
  const value = userSettings().claimsFiles;
  return typeof value === "string" && value.trim() ? value.trim() : DEFAULT_SETTINGS.claimsFiles;
}

/**
 * The claims glob as a pattern on absolute paths (document filters and file watchers match whole
 * paths; the setting is relative to a workspace folder).
 */
export function claimsFilesGlobAnywhere(): string {
  const glob = claimsFilesGlob().replace(/\\/g, "/").replace(/^\.\//, "");
  return glob.startsWith("**/") || glob.startsWith("/") ? glob : `**/${glob}`;
}

/** Does a configuration change concern settings the client is built from (so it must restart)? */
export function affectsClientSetup(e: vscode.ConfigurationChangeEvent): boolean {
  return [SECTION, LEGACY_SECTION].some((s) => e.affectsConfiguration(`${s}.languages`) || e.affectsConfiguration(`${s}.claimsFiles`));
}

/** Does a configuration change concern Fact Check at all? */
export function affectsFactCheck(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION) || e.affectsConfiguration(LEGACY_SECTION);
}

export interface IgnoreResult {
  /** False when the id was already ignored there. */
  added: boolean;
  target: vscode.ConfigurationTarget;
}

/**
 * Adds a claim id to `factCheck.ignoredClaims` in the workspace settings (the folder's settings
 * in a multi-root workspace, when the finding's document belongs to a folder). Without any
 * workspace open there is nowhere else to write it, so it goes to the user settings.
 */
export async function addIgnoredClaim(claimId: string, resource?: vscode.Uri): Promise<IgnoreResult> {
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 || vscode.workspace.workspaceFile !== undefined;
  let target: vscode.ConfigurationTarget;
  if (folder && multiRoot) target = vscode.ConfigurationTarget.WorkspaceFolder;
  else if (vscode.workspace.workspaceFolders?.length) target = vscode.ConfigurationTarget.Workspace;
  else target = vscode.ConfigurationTarget.Global;

  const config = section(folder?.uri ?? resource);
  const at = (i: ReturnType<typeof config.inspect<string[]>>) =>
    target === vscode.ConfigurationTarget.WorkspaceFolder
      ? i?.workspaceFolderValue
      : target === vscode.ConfigurationTarget.Workspace
        ? i?.workspaceValue
        : i?.globalValue;
  // The list there, or, while the new key is unset there, the old key's list (which the new one then replaces).
  const current =
    at(config.inspect<string[]>("ignoredClaims")) ??
    at(vscode.workspace.getConfiguration(LEGACY_SECTION, folder?.uri ?? resource).inspect<string[]>("ignoredClaims"));
  const list = Array.isArray(current) ? current.filter((v) => typeof v === "string") : [];
  if (list.includes(claimId)) return { added: false, target };
  await config.update("ignoredClaims", [...list, claimId], target);
  return { added: true, target };
}

/** Where a setting write went, for messages. */
export function describeTarget(target: vscode.ConfigurationTarget): string {
  switch (target) {
    case vscode.ConfigurationTarget.WorkspaceFolder:
      return "folder settings";
    case vscode.ConfigurationTarget.Workspace:
      return "workspace settings";
    default:
      return "user settings";
  }
}

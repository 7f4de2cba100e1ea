// Access to the `factcheck.*` settings. The server reads most of them itself (the client
// synchronizes the whole section); the client needs only the few that shape the client:
// which languages to attach to, where claims files are, and the ignore list it writes.
// Defaults are the protocol's (protocol/settings.ts), the same the server falls back to.
import * as vscode from "vscode";
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from "../../protocol/settings.js";

export const SECTION = SETTINGS_SECTION;

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** Language ids the server checks (`factcheck.languages`), never empty. */
export function languages(): string[] {
  const value = section().get<unknown>("languages");
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.trim() !== "") : [];
  return list.length ? [...new Set(list)] : [...DEFAULT_SETTINGS.languages];
}

/** `factcheck.statusBar.show`: whether the status bar item is shown at all. */
export function showStatusBar(): boolean {
  return section().get<unknown>("statusBar.show") !== false;
}

/** Glob of workspace claims files (`factcheck.claimsFiles`). */
export function claimsFilesGlob(): string {
  const value = section().get<unknown>("claimsFiles");
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
  return e.affectsConfiguration(`${SECTION}.languages`) || e.affectsConfiguration(`${SECTION}.claimsFiles`);
}

/** Does a configuration change concern Fact Check at all? */
export function affectsFactCheck(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}

export interface IgnoreResult {
  /** False when the id was already ignored there. */
  added: boolean;
  target: vscode.ConfigurationTarget;
}

/**
 * Adds a claim id to `factcheck.ignoredClaims` in the workspace settings (the folder's settings
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
  const inspected = config.inspect<string[]>("ignoredClaims");
  const current =
    target === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : target === vscode.ConfigurationTarget.Workspace
        ? inspected?.workspaceValue
        : inspected?.globalValue;
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

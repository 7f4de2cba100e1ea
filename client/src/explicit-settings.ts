// What the client answers to the server's workspace/configuration for the `factCheck` section (and
// for the old `factcheck` one, whose keys the server still reads where a new key is unset:
// protocol/legacy-settings.ts): only the settings the user actually set (user, workspace or
// folder, language-specific included), not VS Code's defaults. The server fills the rest from the
// project config file (factcheck.config.json) and then from the protocol's defaults, so a setting
// the user set wins over the file, and the file wins over a default.
import * as vscode from "vscode";
import { LEGACY_SETTINGS_SECTION, legacyName, settingNames, withLegacyFallback } from "../../protocol/legacy-settings.js";
import { SETTINGS_SECTION } from "../../protocol/settings.js";

/** Settings VS Code ignores from the workspace in Restricted Mode (package.json's restrictedConfigurations). */
const RESTRICTED = new Set(["claimsFiles", "maximumFileSize"]);

/** The values the user set in `section` (SETTINGS_SECTION or LEGACY_SETTINGS_SECTION), nested as workspace/configuration nests them. */
export function explicitSettings(scopeUri: string | undefined, section: string = SETTINGS_SECTION): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration(section, scope);
  const legacy = section === LEGACY_SETTINGS_SECTION;
  const out: Record<string, unknown> = {};
  for (const name of settingNames()) {
    const key = legacy ? legacyName(name) : name;
    if (key === undefined) continue; // added since the rename: no old key
    const i = config.inspect(key);
    if (!i) continue;
    const workspaceTrusted = vscode.workspace.isTrusted || !RESTRICTED.has(name);
    const value = workspaceTrusted
      ? (i.workspaceFolderLanguageValue ??
        i.workspaceFolderValue ??
        i.workspaceLanguageValue ??
        i.workspaceValue ??
        i.globalLanguageValue ??
        i.globalValue)
      : (i.globalLanguageValue ?? i.globalValue);
    if (value === undefined) continue;
    // "severity.supported" → severity: { supported }, as workspace/configuration nests dotted keys.
    const dot = key.indexOf(".");
    if (dot < 0) out[key] = value;
    else {
      const head = key.slice(0, dot);
      const group = (out[head] ??= {}) as Record<string, unknown>;
      group[key.slice(dot + 1)] = value;
    }
  }
  return out;
}

/** What the user set, the old keys filling in where a new one is unset: the settings the client itself reads. */
export function userSettings(scopeUri?: string): Record<string, unknown> {
  return withLegacyFallback(explicitSettings(scopeUri), explicitSettings(scopeUri, LEGACY_SETTINGS_SECTION));
}

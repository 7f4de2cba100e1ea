// What the client answers to the server's workspace/configuration for the `factcheck` section:
// only the settings the user actually set (user, workspace or folder, language-specific included),
// not VS Code's defaults. The server fills the rest from the project config file
// (factcheck.config.json) and then from the protocol's defaults, so a setting the user set wins
// over the file, and the file wins over a default.
import * as vscode from "vscode";
import { contributedDefaults, SETTINGS_SECTION } from "../../protocol/settings.js";

/** Settings VS Code ignores from the workspace in Restricted Mode (package.json's restrictedConfigurations). */
const RESTRICTED = new Set(["claimsFiles", "maxFileSizeMB"]);

export function explicitSettings(scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const out: Record<string, unknown> = {};
  for (const fullKey of Object.keys(contributedDefaults())) {
    const key = fullKey.slice(SETTINGS_SECTION.length + 1);
    const i = config.inspect(key);
    if (!i) continue;
    const workspaceTrusted = vscode.workspace.isTrusted || !RESTRICTED.has(key);
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

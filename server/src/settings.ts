// The `factCheck.*` settings. They are resource-scoped (a folder may turn a verdict off), so they are
// fetched per document URI through workspace/configuration and cached per URI until the client
// says they changed. Whatever the client sends is normalised: a bad value falls back to its default.
// The names, defaults and bounds are the protocol's (protocol/settings.ts), shared with the client.
import { DiagnosticSeverity } from "vscode-languageserver";
import { DEFAULT_SETTINGS, type Settings, SETTING_BOUNDS, type SeverityName, withinBounds } from "../../protocol/settings.js";
import type { Verdict } from "./core/types.js";
import { RATING_CLASSES, type RatingClass } from "../../protocol/ratings.js";

export { DEFAULT_SETTINGS, type Settings, type SeverityName } from "../../protocol/settings.js";

const SEVERITIES: Record<Exclude<SeverityName, "off">, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The LSP severity for a verdict, or undefined when it is turned off. */
export function severityOf(settings: Settings, verdict: Verdict): DiagnosticSeverity | undefined {
  const name = settings.severity[verdict];
  return name === "off" ? undefined : SEVERITIES[name];
}

/** The LSP severity for a finding about a reviewed claim, by the class its reading takes (core/claimreview/finding.ts). */
export function ratingSeverityOf(settings: Settings, c: RatingClass): DiagnosticSeverity | undefined {
  const name = settings.ratingSeverity[c];
  return name === "off" ? undefined : SEVERITIES[name];
}

/** Turns what workspace/configuration returned for section "factCheck" (old keys already filled in: legacy-settings.ts) into complete settings. */
export function normalizeSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  // VS Code nests dotted keys ("severity.supported" → severity: { supported }); accept flat keys too.
  const sev = isObject(r.severity) ? r.severity : {};
  const severity = { ...DEFAULT_SETTINGS.severity };
  for (const v of Object.keys(severity) as Verdict[]) {
    const value = sev[v] ?? r[`severity.${v}`];
    if (typeof value === "string" && (value === "off" || value.toLowerCase() in SEVERITIES))
      severity[v] = value.toLowerCase() as SeverityName;
  }
  const ratingSev = isObject(r.ratingSeverity) ? r.ratingSeverity : {};
  const ratingSeverity = { ...DEFAULT_SETTINGS.ratingSeverity };
  for (const c of RATING_CLASSES) {
    const value = ratingSev[c] ?? r[`ratingSeverity.${c}`];
    if (typeof value === "string" && (value === "off" || value.toLowerCase() in SEVERITIES))
      ratingSeverity[c] = value.toLowerCase() as SeverityName;
  }
  const strings = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === "string") ? [...(v as string[])] : undefined);
  // A number in the setting's bounds, else its default.
  const number = (key: keyof typeof SETTING_BOUNDS) => {
    const v = r[key];
    return typeof v === "number" && Number.isFinite(v) && withinBounds(v, SETTING_BOUNDS[key]) ? v : DEFAULT_SETTINGS[key];
  };
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    languages: strings(r.languages) ?? [...DEFAULT_SETTINGS.languages],
    claimsFiles: typeof r.claimsFiles === "string" && r.claimsFiles.trim() ? r.claimsFiles.trim() : DEFAULT_SETTINGS.claimsFiles,
    severity,
    ratingSeverity,
    minimumScore: number("minimumScore"),
    checkDelay: number("checkDelay"),
    ignoredClaims: strings(r.ignoredClaims) ?? [],
    maximumFileSize: number("maximumFileSize"),
    maximumDraftSize: Math.floor(number("maximumDraftSize")),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Fetches settings for a resource; how is up to the server (workspace/configuration, or defaults). */
export type SettingsFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * Settings per resource URI. The promise is cached, not the value, so concurrent checks of one
 * document share one request; `clear()` drops everything when the client reports a change.
 */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();

  constructor(private readonly fetch: SettingsFetcher) {}

  get(uri: string | undefined): Promise<Settings> {
    const key = uri ?? "";
    let p = this.byUri.get(key);
    if (!p) {
      p = this.fetch(uri).then(normalizeSettings, () => normalizeSettings(undefined));
      this.byUri.set(key, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}

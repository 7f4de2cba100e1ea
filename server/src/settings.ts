// The `factcheck.*` settings. They are resource-scoped (a folder may turn a verdict off), so they are
// fetched per document URI through workspace/configuration and cached per URI until the client
// says they changed. Whatever the client sends is normalised: a bad value falls back to its default.
import { DiagnosticSeverity } from "vscode-languageserver";
import type { Verdict } from "./core/types.js";
import { DEFAULT_MAX_DRAFT_BYTES } from "./draft-limit.js";

export type SeverityName = "error" | "warning" | "information" | "hint" | "off";

export interface Settings {
  enable: boolean;
  /** Language ids of documents to check. */
  languages: string[];
  /** Glob for workspace claims databases, relative to each workspace folder. */
  claimsFiles: string;
  severity: Record<Verdict, SeverityName>;
  /** Findings scoring below this are not shown. 0: the matcher's own threshold decides. */
  minScore: number;
  debounceMs: number;
  ignoredClaims: string[];
  /** Largest claims or source file read from disk, in MB (claims-disk.ts). */
  maxFileSizeMB: number;
  /** Drafts longer than this many UTF-8 bytes are checked only up to it (see draft-limit.ts). */
  maxDraftBytes: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze<Settings>({
  enable: true,
  languages: ["markdown", "plaintext"],
  claimsFiles: "**/*.claims.json",
  severity: {
    supported: "information",
    contradicted: "warning",
    misattributed: "warning",
    overstated: "warning",
    misquoted: "warning",
    unsupported: "warning",
  },
  minScore: 0,
  debounceMs: 150,
  ignoredClaims: [],
  maxFileSizeMB: 20,
  maxDraftBytes: DEFAULT_MAX_DRAFT_BYTES,
});

/** Bounds of `maxDraftBytes`, as package.json declares them. */
const MIN_DRAFT_LIMIT = 10_000;
const MAX_DRAFT_LIMIT = 1_000_000_000;

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

/** Turns what workspace/configuration returned for section "factcheck" into complete settings. */
export function normalizeSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  // VS Code nests dotted keys ("severity.supported" → severity: { supported }); accept flat keys too.
  const sev = isObject(r.severity) ? r.severity : {};
  const severity = { ...DEFAULT_SETTINGS.severity };
  for (const v of Object.keys(severity) as Verdict[]) {
    const value = sev[v] ?? r[`severity.${v}`];
    if (typeof value === "string" && (value === "off" || value.toLowerCase() in SEVERITIES)) severity[v] = value.toLowerCase() as SeverityName;
  }
  const strings = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === "string") ? [...(v as string[])] : undefined);
  const number = (v: unknown, min: number, max: number) => (typeof v === "number" && Number.isFinite(v) && v >= min && v <= max ? v : undefined);
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    languages: strings(r.languages) ?? [...DEFAULT_SETTINGS.languages],
    claimsFiles: typeof r.claimsFiles === "string" && r.claimsFiles.trim() ? r.claimsFiles.trim() : DEFAULT_SETTINGS.claimsFiles,
    severity,
    minScore: number(r.minScore, 0, 1) ?? DEFAULT_SETTINGS.minScore,
    debounceMs: number(r.debounceMs, 0, 60_000) ?? DEFAULT_SETTINGS.debounceMs,
    ignoredClaims: strings(r.ignoredClaims) ?? [],
    maxFileSizeMB: (number(r.maxFileSizeMB, 0, 4096) || undefined) ?? DEFAULT_SETTINGS.maxFileSizeMB,
    maxDraftBytes: Math.floor(number(r.maxDraftBytes, MIN_DRAFT_LIMIT, MAX_DRAFT_LIMIT) ?? DEFAULT_SETTINGS.maxDraftBytes),
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

// The `factCheck.*` settings: their names, types, defaults and bounds, once. The server
// normalises what the client sends against them (server/src/settings.ts), the client falls back
// to them (client/src/config.ts), and package.json's `contributes.configuration` must say the
// same: server/test/settings-manifest.test.ts compares every key, default, enum and bound.
// Plain TypeScript: the pure core may import it.
import { RATING_CLASSES, type RatingClass } from "./ratings.js";
import { VERDICTS, type Verdict } from "./verdicts.js";

/**
 * The settings section; every setting is `factCheck.<name>`, resource-scoped (but the trace and the
 * status bar). VS Code titles a setting from its key ("factCheck.minimumScore" reads "Fact Check:
 * Minimum Score"), so every name is plain words. The keys before the rename (`factcheck.minScore`, …)
 * are still read where a new one is unset: legacy-settings.ts.
 */
export const SETTINGS_SECTION = "factCheck";

/** How a verdict is shown: an LSP severity, or not at all. */
export const SEVERITY_NAMES = ["error", "warning", "information", "hint", "off"] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

export interface Settings {
  enable: boolean;
  /** Language ids of documents to check. */
  languages: string[];
  /** Glob for workspace claims databases, relative to each workspace folder. */
  claimsFiles: string;
  /** `factCheck.severity.<verdict>`. */
  severity: Record<Verdict, SeverityName>;
  /**
   * `factCheck.ratingSeverity.<class>`: how a sentence repeating a reviewed claim is shown, by the review's
   * normalised rating (protocol/ratings.ts); a sentence denying one takes the opposite class's (DENIAL_CLASS).
   */
  ratingSeverity: Record<RatingClass, SeverityName>;
  /** Findings scoring below this are not shown. 0: the matcher's own threshold decides. */
  minimumScore: number;
  /** Milliseconds after the last edit before a document's re-check is published (the re-check itself starts at once: draft-checker.ts). */
  checkDelay: number;
  ignoredClaims: string[];
  /** Largest claims or source file read from disk, in megabytes (server/src/node/claims-disk.ts). */
  maximumFileSize: number;
  /** Drafts longer than this many UTF-8 bytes are checked only up to it (server/src/draft-limit.ts). */
  maximumDraftSize: number;
}

/** Settings nobody may change in place: the defaults are shared by every caller. */
export type ReadonlySettings = {
  readonly [K in keyof Settings]: Settings[K] extends readonly (infer E)[]
    ? readonly E[]
    : Settings[K] extends object
      ? Readonly<Settings[K]>
      : Settings[K];
};

// A Record over Verdict: a new verdict does not compile until it has a default here.
// Calm by default: a correct sentence gets a Hint (faint dots, no squiggle); the problems that
// misrepresent someone (opposite, wrong speaker, wrong words) are Warnings; a missing hedge or an
// unbacked detail is Information (a blue squiggle), so each kind reads differently at a glance.
const DEFAULT_SEVERITY: Readonly<Record<Verdict, SeverityName>> = Object.freeze({
  supported: "hint",
  contradicted: "warning",
  misattributed: "warning",
  overstated: "information",
  misquoted: "warning",
  unsupported: "information",
});

// Repeating a false, mostly false or misleading claim warns; a mixed one informs; a true one is a hint.
const DEFAULT_RATING_SEVERITY: Readonly<Record<RatingClass, SeverityName>> = Object.freeze({
  false: "warning",
  mostlyFalse: "warning",
  misleading: "warning",
  mixed: "information",
  mostlyTrue: "hint",
  true: "hint",
  unrated: "information",
});

export const DEFAULT_SETTINGS: ReadonlySettings = Object.freeze({
  enable: true,
  languages: Object.freeze(["markdown", "plaintext"]),
  claimsFiles: "**/*.claims.json",
  severity: DEFAULT_SEVERITY,
  ratingSeverity: DEFAULT_RATING_SEVERITY,
  minimumScore: 0,
  checkDelay: 150,
  ignoredClaims: Object.freeze([]),
  maximumFileSize: 20,
  maximumDraftSize: 5_000_000,
});

/** The range a numeric setting accepts, in JSON Schema's words (as package.json declares it). */
export interface NumberBounds {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum: number;
}

export const SETTING_BOUNDS: Readonly<
  Record<"minimumScore" | "checkDelay" | "maximumFileSize" | "maximumDraftSize", Readonly<NumberBounds>>
> = Object.freeze({
  minimumScore: { minimum: 0, maximum: 1 },
  checkDelay: { minimum: 0, maximum: 60_000 },
  maximumFileSize: { exclusiveMinimum: 0, maximum: 4096 },
  maximumDraftSize: { minimum: 10_000, maximum: 1_000_000_000 },
});

export function withinBounds(value: number, b: NumberBounds): boolean {
  return (
    (b.minimum === undefined || value >= b.minimum) &&
    (b.exclusiveMinimum === undefined || value > b.exclusiveMinimum) &&
    value <= b.maximum
  );
}

/**
 * Settings only the client reads: vscode-languageclient traces the traffic per `<id>.trace.server`;
 * the status bar item; the misattributed sentences' mark (client/src/misattributed-mark.ts).
 */
export const CLIENT_SETTING_DEFAULTS = Object.freeze({ "trace.server": "off", "statusBar.show": true, misattributedMark: true });

/**
 * Every setting package.json contributes, by its full key (`factCheck.severity.supported`), with
 * its default: the server's settings (one key per verdict for `severity`) and the client's.
 */
export function contributedDefaults(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(DEFAULT_SETTINGS)) {
    if (name === "severity") for (const v of VERDICTS) out[`${SETTINGS_SECTION}.severity.${v}`] = DEFAULT_SETTINGS.severity[v];
    else if (name === "ratingSeverity")
      for (const c of RATING_CLASSES) out[`${SETTINGS_SECTION}.ratingSeverity.${c}`] = DEFAULT_SETTINGS.ratingSeverity[c];
    else out[`${SETTINGS_SECTION}.${name}`] = value;
  }
  for (const [name, value] of Object.entries(CLIENT_SETTING_DEFAULTS)) out[`${SETTINGS_SECTION}.${name}`] = value;
  return out;
}

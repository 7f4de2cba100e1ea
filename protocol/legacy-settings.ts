// The settings' keys before they were renamed to plain words (0.1.0: `factcheck.minScore`,
// `factcheck.debounceMs`, …; VS Code titled them "Factcheck: Min Score", "Factcheck: Debounce Ms").
// Users who set an old key keep its value: wherever a new key is unset, the old key's value is read
// (withLegacyFallback). package.json still declares each old key, deprecated, pointing to the new one
// (server/test/settings-manifest.test.ts checks that it does, for every key).
// Plain TypeScript: the server (for every LSP client) and the VS Code client both use it.
import { contributedDefaults, SETTINGS_SECTION } from "./settings.js";

/** The section every setting was under before the rename. */
export const LEGACY_SETTINGS_SECTION = "factcheck";

/**
 * Every setting there was before the rename, by its new name (within SETTINGS_SECTION) → its old
 * name (within LEGACY_SETTINGS_SECTION). A fixed list: a setting added since has no old key.
 */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
  ...["enable", "languages", "claimsFiles", "ignoredClaims", "trace.server", "statusBar.show"].map((n) => [n, n] as const),
  ...["supported", "contradicted", "misattributed", "overstated", "misquoted", "unsupported"].map(
    (v) => [`severity.${v}`, `severity.${v}`] as const,
  ),
  ...["false", "mostlyFalse", "misleading", "mixed", "mostlyTrue", "true", "unrated"].map(
    (c) => [`ratingSeverity.${c}`, `ratingSeverity.${c}`] as const,
  ),
  ["minimumScore", "minScore"],
  ["checkDelay", "debounceMs"],
  ["maximumFileSize", "maxFileSizeMB"],
  ["maximumDraftSize", "maxDraftBytes"],
]);

/** The old name of a setting: "minimumScore" → "minScore" (undefined for a setting added since the rename). */
export function legacyName(name: string): string | undefined {
  return LEGACY_NAMES.get(name);
}

/** Every setting by its name within the section ("severity.supported"), as package.json contributes them. */
export function settingNames(): string[] {
  return Object.keys(contributedDefaults()).map((key) => key.slice(SETTINGS_SECTION.length + 1));
}

/** Every old full key with the new full key it became: "factcheck.minScore" → "factCheck.minimumScore". */
export function legacyKeys(): Map<string, string> {
  return new Map([...LEGACY_NAMES].map(([name, old]) => [`${LEGACY_SETTINGS_SECTION}.${old}`, `${SETTINGS_SECTION}.${name}`]));
}

/**
 * The settings of the new section (`current`) with each setting it leaves unset taken from the old
 * section (`legacy`, under the old name). Both are what workspace/configuration returns for a
 * section: dotted names nested ({ severity: { supported } }) or flat ("severity.supported"); the
 * result nests them. A value of the new key always wins, whatever it is: it is the user's newer word.
 * Neither argument is changed.
 */
export function withLegacyFallback(current: unknown, legacy: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = isObject(current) ? { ...current } : {};
  if (!isObject(legacy)) return out;
  for (const [name, oldName] of LEGACY_NAMES) {
    if (valueAt(out, name) !== undefined) continue;
    const old = valueAt(legacy, oldName);
    if (old === undefined) continue;
    const dot = name.indexOf(".");
    if (dot < 0) out[name] = old;
    else {
      const head = name.slice(0, dot);
      out[head] = { ...(isObject(out[head]) ? out[head] : {}), [name.slice(dot + 1)]: old };
    }
  }
  return out;
}

function valueAt(settings: Record<string, unknown>, name: string): unknown {
  const dot = name.indexOf(".");
  if (dot < 0) return settings[name];
  const group = settings[name.slice(0, dot)];
  return (isObject(group) ? group[name.slice(dot + 1)] : undefined) ?? settings[name];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

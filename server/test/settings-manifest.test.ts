// package.json's `contributes.configuration` against the protocol's settings (protocol/settings.ts):
// VS Code shows and resolves the manifest's defaults, the server and the client fall back to the
// protocol's, so the two must say the same thing, key by key.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { LEGACY_SETTINGS_SECTION, legacyKeys, withLegacyFallback } from "../../protocol/legacy-settings.js";
import { contributedDefaults, DEFAULT_SETTINGS, SETTING_BOUNDS, SETTINGS_SECTION, SEVERITY_NAMES } from "../../protocol/settings.js";
import { RATING_CLASSES } from "../../protocol/ratings.js";
import { VERDICTS } from "../../protocol/verdicts.js";
import { normalizeSettings } from "../src/settings.js";

interface Property {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  scope?: string;
  markdownDescription?: string;
  deprecationMessage?: string;
  markdownDeprecationMessage?: string;
}

// Compiled to out/server/test/: the repository root is three folders up.
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../../../package.json", import.meta.url)), "utf8"));
const allProperties: Record<string, Property> = manifest.contributes.configuration.properties;
/** The current settings; the old keys (deprecated, pointing to them) are checked on their own below. */
const properties = Object.fromEntries(Object.entries(allProperties).filter(([k]) => k.startsWith(`${SETTINGS_SECTION}.`)));
const key = (name: string) => `${SETTINGS_SECTION}.${name}`;

test("package.json contributes exactly the protocol's settings, each with the protocol's default and a Markdown description", () => {
  const expected = contributedDefaults();
  assert.deepEqual(Object.keys(properties).sort(), Object.keys(expected).sort(), "contributed keys");
  for (const [k, p] of Object.entries(properties))
    assert.ok(p.markdownDescription && !p.deprecationMessage, `${k}: described, not deprecated`);
  for (const [k, value] of Object.entries(expected)) {
    assert.deepEqual(properties[k].default, value, `${k} default`);
    const type = Array.isArray(value) ? "array" : typeof value;
    assert.equal(properties[k].type, type, `${k} type`);
  }
});

test("one severity setting per verdict, each with the protocol's severity names in order, each described", () => {
  const severityKeys = Object.keys(properties).filter((k) => k.startsWith(key("severity.")));
  assert.deepEqual(severityKeys.sort(), VERDICTS.map((v) => key(`severity.${v}`)).sort());
  for (const k of severityKeys) {
    assert.deepEqual(properties[k].enum, [...SEVERITY_NAMES], `${k} enum`);
    assert.equal(properties[k].enumDescriptions?.length, SEVERITY_NAMES.length, `${k}: one description per severity`);
  }
});

test("one rating-severity setting per normalised rating, with the severity names, read back by the server", () => {
  const ratingKeys = Object.keys(properties).filter((k) => k.startsWith(key("ratingSeverity.")));
  assert.deepEqual(ratingKeys.sort(), RATING_CLASSES.map((c) => key(`ratingSeverity.${c}`)).sort());
  for (const k of ratingKeys) {
    assert.deepEqual(properties[k].enum, [...SEVERITY_NAMES], `${k} enum`);
    assert.equal(properties[k].enumDescriptions?.length, SEVERITY_NAMES.length, `${k}: one description per severity`);
  }
  assert.equal(normalizeSettings({ ratingSeverity: { mixed: "error" } }).ratingSeverity.mixed, "error");
  assert.equal(normalizeSettings({ "ratingSeverity.true": "off" }).ratingSeverity.true, "off");
  assert.equal(normalizeSettings({ ratingSeverity: { false: "loud" } }).ratingSeverity.false, DEFAULT_SETTINGS.ratingSeverity.false);
});

test("numeric settings declare the bounds the server enforces", () => {
  for (const [name, bounds] of Object.entries(SETTING_BOUNDS)) {
    const p = properties[key(name)];
    assert.ok(p, `${key(name)} is not contributed`);
    assert.deepEqual(
      { minimum: p.minimum, exclusiveMinimum: p.exclusiveMinimum, maximum: p.maximum },
      { minimum: undefined, exclusiveMinimum: undefined, ...bounds },
      `${key(name)} bounds`,
    );
  }
  // Every number the manifest bounds is a number the protocol bounds.
  const bounded = Object.entries(properties)
    .filter(([, p]) => p.type === "number")
    .map(([k]) => k);
  assert.deepEqual(bounded.sort(), Object.keys(SETTING_BOUNDS).map(key).sort());
});

test("the server keeps a value at each bound and falls back to the default just outside it", () => {
  for (const [name, b] of Object.entries(SETTING_BOUNDS) as [
    keyof typeof SETTING_BOUNDS,
    (typeof SETTING_BOUNDS)[keyof typeof SETTING_BOUNDS],
  ][]) {
    const low = b.minimum ?? b.exclusiveMinimum!;
    const lowKept = b.minimum !== undefined;
    assert.equal(normalizeSettings({ [name]: b.maximum })[name], b.maximum, `${name} at its maximum`);
    assert.equal(normalizeSettings({ [name]: b.maximum * 1.5 + 1 })[name], DEFAULT_SETTINGS[name], `${name} over its maximum`);
    assert.equal(normalizeSettings({ [name]: low })[name], lowKept ? low : DEFAULT_SETTINGS[name], `${name} at its lower bound`);
    assert.equal(normalizeSettings({ [name]: low - 1 })[name], DEFAULT_SETTINGS[name], `${name} under its lower bound`);
  }
});

test("every setting's title reads as plain words: VS Code makes it from the key, and no key has an abbreviation", () => {
  // What the Settings editor shows (settingKeyToDisplayFormat): the section and groups become the
  // category, the last name the label; camelCase splits into capitalised words.
  const words = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/^[a-z]/, (c) => c.toUpperCase());
  for (const k of Object.keys(properties)) {
    const name = k.slice(k.lastIndexOf(".") + 1);
    assert.doesNotMatch(words(name), /\b(Ms|Min|Max|MB|Bytes)\b/, `${k} reads "${words(name)}"`);
  }
  assert.equal(words(SETTINGS_SECTION), "Fact Check");
  assert.equal(words("minimumScore"), "Minimum Score");
});

test("every old key is still contributed, deprecated, pointing to the new key, with the new key's type and scope", () => {
  const old = Object.keys(allProperties).filter((k) => !k.startsWith(`${SETTINGS_SECTION}.`));
  const renamed = legacyKeys();
  assert.deepEqual(old.sort(), [...renamed.keys()].sort(), "one deprecated entry per setting, under the old section");
  assert.ok(old.every((k) => k.startsWith(`${LEGACY_SETTINGS_SECTION}.`)));
  assert.equal(renamed.get("factcheck.minScore"), "factCheck.minimumScore");
  assert.equal(renamed.get("factcheck.debounceMs"), "factCheck.checkDelay");
  assert.equal(renamed.get("factcheck.severity.supported"), "factCheck.severity.supported");
  // Every old key names a setting that exists now.
  for (const target of renamed.values()) assert.ok(properties[target], `${target} is not contributed`);
  for (const [k, target] of renamed) {
    const p = allProperties[k];
    assert.ok(p.deprecationMessage?.includes(target), `${k}: its deprecation message names ${target}`);
    assert.ok(p.markdownDeprecationMessage?.includes(`#${target}#`), `${k}: its Markdown message links to ${target}`);
    assert.equal(p.default, undefined, `${k}: no default, so an unset old key never shadows anything`);
    assert.equal(p.type, allProperties[target].type, `${k} type`);
    assert.equal(p.scope ?? "window", allProperties[target].scope ?? "window", `${k} scope`);
  }
});

test("withLegacyFallback: an old key's value is used where the new key is unset; a new key's value always wins", () => {
  const legacy = { minScore: 0.4, debounceMs: 20, severity: { supported: "off", overstated: "warning" }, "ratingSeverity.true": "error" };
  const merged = withLegacyFallback({ minimumScore: 0.7, severity: { overstated: "hint" } }, legacy);
  assert.deepEqual(merged, {
    minimumScore: 0.7,
    checkDelay: 20,
    severity: { overstated: "hint", supported: "off" },
    ratingSeverity: { true: "error" },
  });
  const s = normalizeSettings(merged);
  assert.equal(s.minimumScore, 0.7, "the new key's value");
  assert.equal(s.checkDelay, 20, "the old debounceMs");
  assert.equal(s.severity.supported, "off", "an old severity");
  assert.equal(s.severity.overstated, "hint", "the new severity beats the old one");
  assert.equal(s.ratingSeverity.true, "error", "a flat old key");
  // Nothing old: the new values as they were; nothing at all: nothing.
  assert.deepEqual(withLegacyFallback({ checkDelay: 5 }, undefined), { checkDelay: 5 });
  assert.deepEqual(withLegacyFallback(null, null), {});
  // Old names under the new section, or new names under the old one, are not read.
  assert.deepEqual(withLegacyFallback({ minScore: 0.5 }, { minimumScore: 0.5 }), { minScore: 0.5 });
  // The inputs are not changed.
  const current = { severity: { contradicted: "error" } };
  withLegacyFallback(current, { severity: { supported: "off" } });
  assert.deepEqual(current, { severity: { contradicted: "error" } });
});

test("the defaults are frozen: no caller can change them for everyone", () => {
  assert.throws(() => (DEFAULT_SETTINGS.languages as string[]).push("latex"), TypeError);
  assert.throws(() => ((DEFAULT_SETTINGS.severity as Record<string, string>).supported = "off"), TypeError);
  assert.throws(() => ((DEFAULT_SETTINGS as { checkDelay: number }).checkDelay = 0), TypeError);
  assert.deepEqual(DEFAULT_SETTINGS.languages, ["markdown", "plaintext"]);
  // The server hands out copies, so a caller may change its own.
  const s = normalizeSettings(undefined);
  s.languages.push("latex");
  s.severity.supported = "off";
  assert.deepEqual(normalizeSettings(undefined).languages, ["markdown", "plaintext"]);
});

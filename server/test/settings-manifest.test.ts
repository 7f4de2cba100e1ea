// package.json's `contributes.configuration` against the protocol's settings (protocol/settings.ts):
// VS Code shows and resolves the manifest's defaults, the server and the client fall back to the
// protocol's, so the two must say the same thing, key by key.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
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
}

// Compiled to out/server/test/: the repository root is three folders up.
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../../../package.json", import.meta.url)), "utf8"));
const properties: Record<string, Property> = manifest.contributes.configuration.properties;
const key = (name: string) => `${SETTINGS_SECTION}.${name}`;

test("package.json contributes exactly the protocol's settings, each with the protocol's default", () => {
  const expected = contributedDefaults();
  assert.deepEqual(Object.keys(properties).sort(), Object.keys(expected).sort(), "contributed keys");
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

test("the defaults are frozen: no caller can change them for everyone", () => {
  assert.throws(() => (DEFAULT_SETTINGS.languages as string[]).push("latex"), TypeError);
  assert.throws(() => ((DEFAULT_SETTINGS.severity as Record<string, string>).supported = "off"), TypeError);
  assert.throws(() => ((DEFAULT_SETTINGS as { debounceMs: number }).debounceMs = 0), TypeError);
  assert.deepEqual(DEFAULT_SETTINGS.languages, ["markdown", "plaintext"]);
  // The server hands out copies, so a caller may change its own.
  const s = normalizeSettings(undefined);
  s.languages.push("latex");
  s.severity.supported = "off";
  assert.deepEqual(normalizeSettings(undefined).languages, ["markdown", "plaintext"]);
});

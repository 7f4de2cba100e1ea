// The language server's pure helpers: glob matching, Markdown escaping, texts built from claims,
// settings normalisation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { attributedStatement, footnoteCitation, shortCitation } from "../src/citations.js";
import type { Claim } from "../src/core/types.js";
import { escapeMarkdown, markdownLinkTarget } from "../src/escape.js";
import { matchesGlob } from "../src/glob.js";
import { DEFAULT_SETTINGS, normalizeSettings } from "../src/settings.js";

test("globs match workspace-relative paths as VS Code settings write them", () => {
  const yes: [string, string][] = [
    ["**/*.claims.json", "a.claims.json"],
    ["**/*.claims.json", "x/y/a.claims.json"],
    ["claims/*.json", "claims/a.json"],
    ["{claims,data}/**/*.claims.json", "data/deep/er/b.claims.json"],
    ["**/[ab]?.claims.json", "q/a1.claims.json"],
    ["./notes/*.claims.json", "notes/n.claims.json"],
  ];
  const no: [string, string][] = [
    ["**/*.claims.json", "a.claims.json.bak"],
    ["claims/*.json", "claims/x/a.json"],
    ["*.claims.json", "x/a.claims.json"],
    ["{claims,data}/*.claims.json", "other/a.claims.json"],
    ["**/[!a]?.claims.json", "a1.claims.json"],
    ["a.claims.json", "aXclaims.json"],
  ];
  for (const [g, p] of yes) assert.ok(matchesGlob(g, p), `${g} should match ${p}`);
  for (const [g, p] of no) assert.ok(!matchesGlob(g, p), `${g} should not match ${p}`);
});

test("escapeMarkdown leaves no live Markdown or HTML", () => {
  assert.equal(escapeMarkdown("[x](command:workbench.action.quit)"), "\\[x\\]\\(command\\:workbench\\.action\\.quit\\)");
  assert.equal(escapeMarkdown("<img src=x onerror=alert(1)>"), "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;");
  assert.equal(escapeMarkdown("`code` *em* _u_ a & b"), "\\`code\\` \\*em\\* \\_u\\_ a &amp; b");
  assert.equal(escapeMarkdown("line one\n# two\r\n> three"), "line one \\# two \\&gt; three".replace("\\&gt;", "&gt;"));
  assert.equal(escapeMarkdown("Plain words 123"), "Plain words 123");
  assert.equal(markdownLinkTarget("file:///a%20b/(c).txt#L1,2"), "file:///a%20b/%28c%29.txt#L1,2");
});

const speaker = { id: "s", name: "Jane Alvarez", role: "Mayor", aliases: ["Alvarez"] };
const claim = (text: string, verb: string, quote = "", extra: Partial<Claim> = {}): Claim => ({
  id: "c",
  text,
  speaker,
  verb,
  hedged: false,
  polarity: "positive",
  quoteKind: "reported",
  source: { title: "Notes", section: "Library", quote, start: 0, end: 0 },
  ...extra,
});

test("attributedStatement names the speaker once, with a sensible verb and case", () => {
  assert.equal(attributedStatement(claim("Alvarez ruled out new taxes.", "ruled out")), "Alvarez ruled out new taxes.");
  assert.equal(attributedStatement(claim("The library will close in June.", "announced")), "Jane Alvarez announced that the library will close in June.");
  assert.equal(attributedStatement(claim("Europe is the central player.", "noted")), "Jane Alvarez noted that Europe is the central player.");
  assert.equal(attributedStatement(claim("U.S. air power could help.", "indicated")), "Jane Alvarez indicated that U.S. air power could help.");
  assert.equal(attributedStatement(claim("Future taxes would fall.", "stated", "any future taxes would fall")), "Jane Alvarez stated that future taxes would fall.");
  assert.equal(attributedStatement(claim("Taxes would fall", "framed")), "According to Jane Alvarez, Taxes would fall.");
  assert.equal(attributedStatement(claim("Taxes would fall!", "framed", "", { speaker: { id: "r", name: "The report", role: "r" } })), "According to the report, Taxes would fall.");
});

test("citations", () => {
  const c = claim("The library will close.", "announced", "the library will close");
  assert.equal(footnoteCitation(c), 'Jane Alvarez (Mayor), announced: "the library will close" — Notes, Library.');
  assert.equal(footnoteCitation({ ...c, source: { ...c.source, section: "Notes" } }), 'Jane Alvarez (Mayor), announced: "the library will close" — Notes.');
  assert.equal(shortCitation(c), "Jane Alvarez, Mayor, Notes");
});

test("settings: defaults, nested and flat severity keys, bad values fall back", () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  const s = normalizeSettings({
    enable: "yes",
    languages: ["markdown", 3],
    claimsFiles: "  data/*.json ",
    severity: { supported: "Hint", contradicted: "loud" },
    "severity.overstated": "off",
    minScore: 1.5,
    debounceMs: 0,
    ignoredClaims: ["a"],
  });
  assert.deepEqual(s, {
    ...DEFAULT_SETTINGS,
    claimsFiles: "data/*.json",
    severity: { ...DEFAULT_SETTINGS.severity, supported: "hint", contradicted: "warning", misattributed: "warning", overstated: "off" },
    debounceMs: 0,
    ignoredClaims: ["a"],
  });
});

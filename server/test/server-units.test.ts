// The language server's pure helpers: glob matching, Markdown escaping, settings normalisation.
// (Texts built from claims: claim-text.test.ts.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeMarkdownForDisplay as escapeMarkdown, markdownLinkTarget } from "../../protocol/markdown.js";
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

test("settings: defaults, nested and flat severity keys, bad values fall back", () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  const s = normalizeSettings({
    enable: "yes",
    languages: ["markdown", 3],
    claimsFiles: "  data/*.json ",
    severity: { supported: "Hint", contradicted: "loud" },
    "severity.overstated": "off",
    minimumScore: 1.5,
    checkDelay: 0,
    ignoredClaims: ["a"],
  });
  assert.deepEqual(s, {
    ...DEFAULT_SETTINGS,
    claimsFiles: "data/*.json",
    severity: { ...DEFAULT_SETTINGS.severity, supported: "hint", contradicted: "warning", misattributed: "warning", overstated: "off" },
    checkDelay: 0,
    ignoredClaims: ["a"],
  });
});

// Settings over LSP: fetched per resource through workspace/configuration, refreshed on
// workspace/didChangeConfiguration, and applied to open drafts at once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import type { FindingData } from "../../protocol/messages.js";
import { startHarness } from "./server-harness.js";

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces.";
const TEXT = `${SUPPORTED}\n\n${CONTRADICTED}\n\n${OVERSTATED}\n`;

const verdicts = (p: { diagnostics: { data?: unknown; severity?: number }[] }) =>
  p.diagnostics.map((d) => [(d.data as FindingData).verdict, d.severity]);

test("severity per verdict, off, ignored claims, languages and enable follow the settings as they change", async () => {
  const h = await startHarness();
  try {
    const uri = "file:///drafts/settings.md";
    await h.open(uri, "markdown", TEXT);
    assert.deepEqual(verdicts(await h.diagnostics(uri)), [
      ["supported", DiagnosticSeverity.Hint],
      ["contradicted", DiagnosticSeverity.Warning],
      ["overstated", DiagnosticSeverity.Information],
    ]);

    let n = h.published.length;
    await h.changeSettings({ "": { severity: { contradicted: "off", supported: "error", overstated: "hint" } } });
    await h.until(() => h.published.length > n, "re-published diagnostics");
    assert.deepEqual(verdicts(h.published.at(-1)!), [
      ["supported", DiagnosticSeverity.Error],
      ["overstated", DiagnosticSeverity.Hint],
    ]);

    n = h.published.length;
    await h.changeSettings({ "": { ignoredClaims: ["esg-s4-no-us-troops"] } });
    await h.until(() => h.published.length > n, "re-published diagnostics");
    assert.deepEqual(verdicts(h.published.at(-1)!), [["overstated", DiagnosticSeverity.Information]]);

    n = h.published.length;
    await h.changeSettings({ "": { languages: ["plaintext"] } });
    await h.until(() => h.published.length > n, "cleared diagnostics");
    assert.deepEqual(h.published.at(-1), { uri, version: 1, diagnostics: [] });

    n = h.published.length;
    await h.changeSettings({});
    await h.until(() => h.published.length > n, "diagnostics back");
    assert.equal(h.published.at(-1)!.diagnostics.length, 3);

    n = h.published.length;
    await h.changeSettings({ "": { enable: false } });
    await h.until(() => h.published.length > n, "cleared diagnostics");
    assert.deepEqual(h.published.at(-1)!.diagnostics, []);
  } finally {
    await h.dispose();
  }
});

test("settings under their old keys (section factcheck: minScore, severity.*) apply where the new key is unset; the new key wins", async () => {
  const h = await startHarness({ legacySettings: { "": { severity: { contradicted: "error", overstated: "off" }, minScore: 0 } } });
  try {
    const uri = "file:///drafts/legacy.md";
    await h.open(uri, "markdown", TEXT);
    assert.deepEqual(verdicts(await h.diagnostics(uri)), [
      ["supported", DiagnosticSeverity.Hint],
      ["contradicted", DiagnosticSeverity.Error],
    ]);
    // The new key for overstated is set: it wins over the old one; contradicted still follows the old key.
    let n = h.published.length;
    await h.changeSettings({ "": { severity: { overstated: "warning" } } });
    await h.until(() => h.published.length > n, "re-published diagnostics");
    assert.deepEqual(verdicts(h.published.at(-1)!), [
      ["supported", DiagnosticSeverity.Hint],
      ["contradicted", DiagnosticSeverity.Error],
      ["overstated", DiagnosticSeverity.Warning],
    ]);
    // The old minScore: just over the weakest finding's score hides that one finding, and only it.
    const scored = h.events.at(-1)!.findings.map((f) => [f.verdict, f.score] as const);
    assert.equal(scored.length, 3);
    const [weakest, low] = [...scored].sort((a, b) => a[1] - b[1])[0];
    n = h.published.length;
    await h.changeSettings(
      { "": { severity: { overstated: "warning" } } },
      { "": { severity: { contradicted: "error" }, minScore: low + 1e-9 } },
    );
    await h.until(() => h.published.length > n, "re-published diagnostics");
    assert.deepEqual(
      verdicts(h.published.at(-1)!).map(([v]) => v),
      scored.map(([v]) => v).filter((v) => v !== weakest),
    );
    // Both registered for change notifications.
    const reg = h.registrations.find((r) => r.method === "workspace/didChangeConfiguration");
    assert.deepEqual((reg?.registerOptions as { section?: unknown })?.section, ["factCheck", "factcheck"]);
  } finally {
    await h.dispose();
  }
});

test("settings are per resource: a folder's settings apply to its documents only", async () => {
  const h = await startHarness({ settings: { "file:///quiet/": { severity: { contradicted: "off" } } } });
  try {
    const quiet = "file:///quiet/a.md";
    const loud = "file:///loud/a.md";
    await h.open(quiet, "markdown", `${CONTRADICTED}\n`);
    await h.open(loud, "markdown", `${CONTRADICTED}\n`);
    assert.deepEqual((await h.diagnostics(loud)).diagnostics.length, 1);
    assert.deepEqual((await h.diagnostics(quiet)).diagnostics, []);
  } finally {
    await h.dispose();
  }
});

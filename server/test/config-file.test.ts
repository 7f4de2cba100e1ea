// The project config file (factcheck.config.json / .factcheckrc.json): parsed with every error at its
// place; read by the language server per workspace folder, under the settings the user set, and
// re-read when it changes; found by the CLI from the working directory upward.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { DiagnosticSeverity, FileChangeType } from "vscode-languageserver-protocol";
import type { FindingData } from "../../protocol/messages.js";
import { configAsSettings, foldersUpward, mergeSettings, parseProjectConfig } from "../src/node/config-file.js";
import { normalizeSettings } from "../src/settings.js";
import { run } from "../src/cli/run.js";
import { FIXTURES, memoryWorkspace, REPO, startHarness, uriOf } from "./server-harness.js";
import { createNlp } from "../src/core/nlp.js";

const nlp = createNlp();
function captureIo(cwd: string) {
  let out = "";
  let err = "";
  return { out: (t: string) => void (out += t), err: (t: string) => void (err += t), cwd, nlp, stdout: () => out, stderr: () => err };
}

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces.";
const TOWN = "Mayor Jane Alvarez announced that the central library will close for renovation in June.";

test("parseProjectConfig: claims, ignoredClaims, severity and minimumScore; each bad value an error at its line and column", () => {
  const good = parseProjectConfig(
    '{\n  "$schema": "https://x/factcheck.config.schema.json",\n  "claims": ["claims/**/*.claims.json", "more/*.claims.json"],\n  "ignoredClaims": ["a-b"],\n  "severity": { "supported": "off", "overstated": "warning" },\n  "minimumScore": 0.5\n}\n',
    "factcheck.config.json",
  );
  assert.deepEqual(good.errors, []);
  assert.deepEqual(configAsSettings(good.config), {
    claimsFiles: "{claims/**/*.claims.json,more/*.claims.json}",
    ignoredClaims: ["a-b"],
    severity: { supported: "off", overstated: "warning" },
    minimumScore: 0.5,
  });
  assert.deepEqual(parseProjectConfig('{ "claims": "*.claims.json" }', "f").config, { claims: ["*.claims.json"] });
  const bad = parseProjectConfig(
    '{\n  "severity": { "suported": "off", "contradicted": "loud" },\n  "minimumScore": 2,\n  "colour": 1\n}',
    "f.json",
  );
  assert.deepEqual(
    bad.errors.map((e) => `${e.line + 1}:${e.character + 1} ${e.path} ${e.message}`),
    [
      '2:17 /severity/suported unknown verdict "suported"',
      '2:52 /severity/contradicted severity must be one of "error", "warning", "information", "hint", "off"',
      '3:19 /minimumScore "minimumScore" must be a number from 0 to 1',
      '4:3 /colour unknown property "colour" (claims, ignoredClaims, severity, minimumScore)',
    ],
  );
  // The old name "minScore" is still read (the schema marks it deprecated); "minimumScore" wins when both are there.
  assert.equal(parseProjectConfig('{ "minScore": 0.3 }', "f").config.minimumScore, 0.3);
  assert.equal(parseProjectConfig('{ "minScore": 0.3, "minimumScore": 0.6 }', "f").config.minimumScore, 0.6);
  assert.equal(parseProjectConfig('{ "minimumScore": 0.6, "minScore": 0.3 }', "f").config.minimumScore, 0.6);
  assert.deepEqual(
    parseProjectConfig('{ "minScore": "high" }', "f").errors.map((e) => e.message),
    ['"minScore" must be a number from 0 to 1'],
  );
  assert.match(parseProjectConfig("{ oops", "f.json").errors[0].message, /^syntax error/);
});

test("settings the user set win over the file, verdict by verdict; ignore lists add up; defaults fill the rest", () => {
  const merged = normalizeSettings(
    mergeSettings(
      { severity: { supported: "off", overstated: "warning" }, ignoredClaims: ["a"], minimumScore: 0.4 },
      { severity: { supported: "error" }, ignoredClaims: ["b"] },
    ),
  );
  assert.equal(merged.severity.supported, "error");
  assert.equal(merged.severity.overstated, "warning");
  assert.equal(merged.severity.contradicted, "warning", "the default");
  assert.deepEqual(merged.ignoredClaims, ["a", "b"]);
  assert.equal(merged.minimumScore, 0.4);
  assert.deepEqual(foldersUpward("/a/b").slice(0, 3), ["/a/b", "/a", "/"]);
});

test("the language server reads the folder's factcheck.config.json under the user's settings, and re-reads it when it changes", async () => {
  const ws = memoryWorkspace("workspace");
  const configFile = path.join(ws.root, "factcheck.config.json");
  ws.fs.writeFile(configFile, JSON.stringify({ severity: { supported: "error", overstated: "off" } }));
  const h = await startHarness({ workspace: ws });
  try {
    const uri = uriOf(path.join(ws.root, "draft.md"));
    await h.open(uri, "markdown", `${SUPPORTED}\n\n${OVERSTATED}\n`);
    const first = await h.diagnostics(uri);
    assert.deepEqual(
      first.diagnostics.map((d) => [(d.data as FindingData).verdict, d.severity]),
      [["supported", DiagnosticSeverity.Error]],
      "supported as the file says; overstated off",
    );
    // A setting the user set wins over the file.
    await h.changeSettings({ "": { severity: { supported: "hint" } } });
    await h.diagnostics(uri, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Hint, "the user's severity");
    // The file changes: re-read on the watcher's event.
    ws.fs.writeFile(configFile, JSON.stringify({ ignoredClaims: ["esg-s4-no-us-troops"] }));
    await h.filesChanged([{ uri: uriOf(configFile), type: FileChangeType.Changed }]);
    const after = await h.diagnostics(
      uri,
      (p) => !p.diagnostics.some((d) => (d.data as FindingData).verdict === "supported"),
      "the ignore",
    );
    assert.deepEqual(
      after.diagnostics.map((d) => (d.data as FindingData).verdict),
      ["overstated"],
    );
    assert.ok(
      h.registrations.some((r) => JSON.stringify(r.registerOptions).includes("factcheck.config.json")),
      "the config file is watched",
    );
  } finally {
    await h.dispose();
  }
});

test("the CLI finds factcheck.config.json from the working directory upward and loads the same claims databases", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "factcheck-config-"));
  try {
    cpSync(path.join(FIXTURES, "workspace"), path.join(root, "claims"), { recursive: true });
    writeFileSync(
      path.join(root, "factcheck.config.json"),
      JSON.stringify({ claims: ["claims/*.claims.json"], severity: { overstated: "off" } }),
    );
    mkdirSync(path.join(root, "drafts"));
    writeFileSync(path.join(root, "drafts", "d.md"), `${TOWN}\n\n${OVERSTATED}\n`);
    const io = captureIo(path.join(root, "drafts"));
    const code = await run(["check", "--format", "json", "d.md"], io);
    const findings = JSON.parse(io.stdout()).files[0].findings;
    // The workspace database (town.claims.json) is loaded beside the bundled one; overstated is off.
    assert.deepEqual(
      findings.map((f: { verdict: string; claim: { id: string } }) => [f.verdict, f.claim.id]),
      [["supported", "town-library-closes"]],
      io.stderr(),
    );
    assert.equal(code, 0, "only supported findings remain");
    // A bad config file is an error naming the file and the place (exit 2).
    writeFileSync(path.join(root, "factcheck.config.json"), '{ "minimumScore": "high" }');
    const io2 = captureIo(path.join(root, "drafts"));
    assert.equal(await run(["check", "d.md"], io2), 2);
    assert.match(io2.stderr(), /factcheck\.config\.json:1:19: "minimumScore" must be a number from 0 to 1/);
    // --claims names the databases explicitly: the config's claims globs are not used.
    const io3 = captureIo(path.join(root, "drafts"));
    writeFileSync(path.join(root, "factcheck.config.json"), "{}");
    await run(
      ["check", "--format", "json", "--claims", path.join(REPO, "claims", "european-led-security-guarantees.claims.json"), "d.md"],
      io3,
    );
    assert.ok(!io3.stdout().includes("town-library-closes"), io3.stderr());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

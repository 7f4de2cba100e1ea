// The CLI as CI pipelines use it: formats, positions, exit codes and error messages.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixture, ROOT } from "./helpers.js";

const CLI = join(ROOT, "out", "server", "src", "cli", "main.js");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function draft(text: string, name = "draft.md"): string {
  const dir = mkdtempSync(join(tmpdir(), "factcheck-cli-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("factcheck check", () => {
  const text = "# Notes\n\nIntro line. Trump said American troops would be deployed to Ukraine.\n\nA new coffee shop opened near the train station.\n";

  it("prints JSON with 0-based UTF-16 ranges, the verdict, the claim and its verbatim quote", () => {
    const file = draft(text);
    const r = run("check", "--format", "json", file);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, file);
    const [f] = report.files[0].findings;
    assert.deepEqual(f.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 68 } });
    assert.equal(f.verdict, "contradicted");
    assert.equal(f.claim.id, "esg-s4-no-us-troops");
    assert.deepEqual(f.claim.speaker, { name: "Donald Trump", role: "President of the United States" });
    assert.equal(f.claim.source.quote, "firmly ruling out the deployment of American troops to Ukraine");
    assert.equal(f.claim.source.section, "U.S. Contribution Through Air Support");
    assert.ok(f.score > 0 && f.score <= 1);
    assert.match(f.message, /^contradicted: /);
  });

  it("prints compiler-style text lines, 1-based", () => {
    const r = run("check", draft(text));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /draft\.md:3:13: contradicted: the record says "ruled out … deploying"; the draft says "deployed" — Donald Trump \(President of the United States\), as reported by European-Led Security Guarantees: firmly ruling out the deployment of American troops to Ukraine \[esg-s4-no-us-troops\]$/m);
  });

  it("counts columns in UTF-16 code units after astral characters", () => {
    const r = run("check", "--format", "json", draft("Wow 🙂 indeed. Trump ruled out deploying American troops to Ukraine.\n", "emoji.txt"));
    assert.equal(r.code, 0);
    const [f] = JSON.parse(r.stdout).files[0].findings;
    // "Wow 🙂 indeed. " is 14 code points but 15 UTF-16 code units.
    assert.equal(f.range.start.character, 15);
    assert.equal(f.verdict, "supported");
  });

  it("emits SARIF 2.1.0", () => {
    const r = run("check", "--format", "sarif", draft(text));
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    const [res] = sarif.runs[0].results;
    assert.equal(res.ruleId, "contradicted");
    assert.equal(res.level, "warning");
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 3, startColumn: 13, endLine: 3, endColumn: 69 });
  });

  it("exits 0 when every finding is supported, and when there is none", () => {
    assert.equal(run("check", draft("Trump ruled out deploying American troops to Ukraine.\n")).code, 0);
    assert.equal(run("check", draft("Nothing to see here.\n")).code, 0);
  });

  it("skips code and honours the ignore comment in Markdown", () => {
    const md = "```\nTrump said American troops would be deployed to Ukraine.\n```\n\n<!-- factcheck-ignore-next-line -->\nTrump said American troops would be deployed to Ukraine.\n";
    const r = run("check", "--format", "json", draft(md));
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).files[0].findings, []);
  });

  it("checks the example draft", () => {
    const r = run("check", "--format", "json", join(ROOT, "examples", "draft.md"));
    assert.equal(r.code, 1);
    const verdicts = JSON.parse(r.stdout).files[0].findings.map((f: { verdict: string }) => f.verdict).sort();
    assert.deepEqual(verdicts, ["contradicted", "contradicted", "misattributed", "overstated", "supported", "supported"]);
  });

  it("uses only the given claims files with --claims", () => {
    const r = run("check", "--format", "json", "--claims", fixture("core", "harbor.claims.json"), draft("Ruiz said the city would raise property taxes next year.\n"));
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).files[0].findings[0].claim.id, "harbor-no-tax-rise");
  });
});

describe("factcheck errors", () => {
  it("exits 2 with file:line:column for an invalid claims file", () => {
    const r = run("check", "--claims", fixture("cli", "broken.claims.json"), draft("x"));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.claims\.json:6:46: syntax error: expected comma/);
  });
  it("exits 2 for an unreadable draft, naming it", () => {
    const r = run("check", "/no/such/draft.md");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/no\/such\/draft\.md:1:1: cannot read: ENOENT/);
  });
  it("exits 2 for bad usage", () => {
    assert.equal(run("check").code, 2);
    assert.equal(run("frobnicate").code, 2);
    assert.equal(run("check", "--format", "xml", "x.md").code, 2);
  });
});

describe("factcheck claims", () => {
  it("lists the bundled claims", () => {
    const r = run("claims", "list", "--format", "json");
    assert.equal(r.code, 0);
    assert.ok(JSON.parse(r.stdout).claims.length >= 13);
  });
  it("searches with typos", () => {
    const r = run("claims", "search", "aerial capabilites");
    assert.equal(r.code, 0);
    assert.match(r.stdout.split("\n")[0], /^esg-s5-/);
  });
});

// The new verdicts as CI sees them: misquoted and unsupported fail the build like the others,
// have SARIF rules of their own, and the bundled article checks clean against its own database.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run as runCli } from "../src/cli/run.js";
import { nlp, ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "factcheck-cli-verdicts-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), nlp, cwd: ROOT });
  return { code, stdout, stderr };
}

const DRAFT = [
  'Trump said the United States "possesses unmatched naval capabilities."',
  "",
  "Trump said NATO membership for Ukraine would be a sensible step given Russia's opposition.",
  "",
].join("\n");

describe("factcheck check: misquoted and unsupported", () => {
  const file = join(dir, "draft.md");
  writeFileSync(file, DRAFT);

  it("reports both in JSON, with the quoted span of the misquotation, and exits 1", async () => {
    const r = await run("check", "--format", "json", file);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).files[0].findings;
    assert.deepEqual(
      findings.map((f: { verdict: string; range: { start: { line: number } } }) => [f.range.start.line, f.verdict]),
      [
        [0, "misquoted"],
        [2, "unsupported"],
      ],
    );
    assert.match(
      findings[0].explanation,
      /the record says "possesses unmatched aerial capabilities", and the source only paraphrases Donald Trump/,
    );
    assert.match(findings[1].explanation, /the record does not say "sensible"/);
    assert.equal(findings[0].claim.quoteKind, "reported");
    // The quoted words, inside the marks: `possesses unmatched naval capabilities.` on line 0.
    assert.deepEqual(findings[0].quoted.range, { start: { line: 0, character: 30 }, end: { line: 0, character: 69 } });
    assert.equal(findings[0].quoted.recorded, undefined, "a paraphrase has no recorded words to offer");
  });

  it("gives each verdict a SARIF rule, the new ones as warnings", async () => {
    const sarif = JSON.parse((await run("check", "--format", "sarif", file)).stdout);
    const rules = sarif.runs[0].tool.driver.rules.map(
      (r: { id: string; defaultConfiguration: { level: string } }) => `${r.id}:${r.defaultConfiguration.level}`,
    );
    assert.deepEqual(rules, [
      "supported:note",
      "contradicted:warning",
      "misattributed:warning",
      "overstated:warning",
      "misquoted:warning",
      "unsupported:warning",
    ]);
    assert.deepEqual(
      sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId),
      ["misquoted", "unsupported"],
    );
  });

  it("counts every verdict in the text summary", async () => {
    const last = (await run("check", file)).stdout.trim().split("\n").at(-1);
    assert.equal(last, "1 file(s) checked: 0 supported, 0 contradicted, 0 misattributed, 0 overstated, 1 misquoted, 1 unsupported");
  });
});

describe("factcheck check: the bundled article against its own database", () => {
  it("reports every one of the 21 claims, all supported, nothing else, and exits 0", async () => {
    const r = await run("check", "--format", "json", join("claims", "european-led-security-guarantees.txt"));
    assert.equal(r.code, 0, r.stderr);
    const findings: { verdict: string; claim: { id: string } }[] = JSON.parse(r.stdout).files[0].findings;
    assert.deepEqual([...new Set(findings.map((f) => f.verdict))], ["supported"]);
    assert.equal(new Set(findings.map((f) => f.claim.id)).size, 21);
  });
});

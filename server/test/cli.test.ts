// The CLI as CI pipelines use it: formats, positions, exit codes and error messages; untrusted input files
// (confinement, non-regular files, size limits); a reader that closes the pipe early.
// Every file a test writes goes into one temp folder, removed after the tests.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run as runCli } from "../src/cli/run.js";
import { fixture, nlp, ROOT } from "./helpers.js";

const CLI = join(ROOT, "out", "server", "src", "cli", "main.js");

const AREA = realpathSync(mkdtempSync(join(tmpdir(), "factcheck-cli-")));
after(() => rmSync(AREA, { recursive: true, force: true }));

// In-process: `run` is what the binary calls, with the process's streams swapped for strings.
function run(...args: string[]) {
  return runIn(ROOT, ...args);
}

async function runIn(cwd: string, ...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), nlp, cwd });
  return { code, stdout, stderr };
}

/** The real binary, for what only a process shows: its exit code. */
function runBinary(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let drafts = 0;
function draft(text: string, name = "draft.md"): string {
  const dir = join(AREA, `draft-${++drafts}`);
  mkdirSync(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("factcheck check", () => {
  const text =
    "# Notes\n\nIntro line. Trump said American troops would be deployed to Ukraine.\n\nA new coffee shop opened near the train station.\n";

  it("prints JSON with 0-based UTF-16 ranges, the verdict, the claim and its verbatim quote", async () => {
    const file = draft(text);
    const r = await run("check", "--format", "json", file);
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

  it("prints compiler-style text lines, 1-based", async () => {
    const r = await run("check", draft(text));
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /draft\.md:3:13: contradicted: the record says "ruled out … deploying"; the draft says "deployed" — Donald Trump \(President of the United States\), as reported by European-Led Security Guarantees: firmly ruling out the deployment of American troops to Ukraine \[esg-s4-no-us-troops\]$/m,
    );
  });

  it("counts columns in UTF-16 code units after astral characters", async () => {
    const r = await run(
      "check",
      "--format",
      "json",
      draft("Wow 🙂 indeed. Trump ruled out deploying American troops to Ukraine.\n", "emoji.txt"),
    );
    assert.equal(r.code, 0);
    const [f] = JSON.parse(r.stdout).files[0].findings;
    // "Wow 🙂 indeed. " is 14 code points but 15 UTF-16 code units.
    assert.equal(f.range.start.character, 15);
    assert.equal(f.verdict, "supported");
  });

  it("emits SARIF 2.1.0", async () => {
    const r = await run("check", "--format", "sarif", draft(text));
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    const [res] = sarif.runs[0].results;
    assert.equal(res.ruleId, "contradicted");
    assert.equal(res.level, "warning");
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 3, startColumn: 13, endLine: 3, endColumn: 69 });
  });

  it("the binary exits with the code run() returns: 1 for a contradiction, 0 for none, 2 for bad usage", () => {
    assert.equal(runBinary("check", draft(text)).code, 1);
    assert.equal(runBinary("check", draft("Nothing to see here.\n")).code, 0);
    const bad = runBinary("frobnicate");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^factcheck: unknown command "frobnicate"/);
  });

  it("exits 0 when every finding is supported, and when there is none", async () => {
    assert.equal((await run("check", draft("Trump ruled out deploying American troops to Ukraine.\n"))).code, 0);
    assert.equal((await run("check", draft("Nothing to see here.\n"))).code, 0);
  });

  it("skips code and honours the ignore comment in Markdown", async () => {
    const md =
      "```\nTrump said American troops would be deployed to Ukraine.\n```\n\n<!-- factcheck-ignore-next-line -->\nTrump said American troops would be deployed to Ukraine.\n";
    const r = await run("check", "--format", "json", draft(md));
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).files[0].findings, []);
  });

  it("checks the example draft", async () => {
    const r = await run("check", "--format", "json", join(ROOT, "examples", "draft.md"));
    assert.equal(r.code, 1);
    const verdicts = JSON.parse(r.stdout)
      .files[0].findings.map((f: { verdict: string }) => f.verdict)
      .sort();
    assert.deepEqual(verdicts, ["contradicted", "contradicted", "misattributed", "overstated", "supported", "supported"]);
  });

  it("uses only the given claims files with --claims", async () => {
    const r = await run(
      "check",
      "--format",
      "json",
      "--claims",
      fixture("core", "harbor.claims.json"),
      draft("Ruiz said the city would raise property taxes next year.\n"),
    );
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).files[0].findings[0].claim.id, "harbor-no-tax-rise");
  });
});

describe("factcheck errors", () => {
  it("exits 2 with file:line:column for an invalid claims file", async () => {
    const r = await run("check", "--claims", fixture("cli", "broken.claims.json"), draft("x"));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.claims\.json:6:46: syntax error: expected comma/);
  });
  it("exits 2 for an unreadable draft, naming it", async () => {
    const r = await run("check", "/no/such/draft.md");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/no\/such\/draft\.md:1:1: cannot read: ENOENT/);
  });
  it("exits 2 for a directory or a device as a draft or a claims file, saying what it is", async () => {
    const dir = join(AREA, "a-folder.md");
    mkdirSync(dir);
    let r = await run("check", dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${dir}:1:1: cannot read: it is a directory, not a regular file\n`);
    r = await run("check", "/dev/zero");
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "/dev/zero:1:1: cannot read: it is a character device, not a regular file\n");
    r = await run("check", "--claims", dir, draft("x"));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${dir}:1:1: cannot read claims file: it is a directory, not a regular file\n`);
  });
  it("exits 2 for a draft over --max-file-size, and for a bad --max-file-size", async () => {
    const file = draft("Trump ruled out deploying American troops to Ukraine.\n".repeat(40));
    let r = await run("check", "--max-file-size", "0.001", file);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${file}:1:1: cannot read: it is larger than the 1048 bytes limit (--max-file-size)\n`);
    assert.equal((await run("check", "--max-file-size", "1", file)).code, 0);
    r = await run("check", "--max-file-size", "zero", file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-file-size takes a number of megabytes above 0; found "zero"/);
  });

  it("exits 2 for bad usage", async () => {
    assert.equal((await run("check")).code, 2);
    assert.equal((await run("frobnicate")).code, 2);
    assert.equal((await run("check", "--format", "xml", "x.md")).code, 2);
  });
});

describe("factcheck claims", () => {
  it("lists the bundled claims", async () => {
    const r = await run("claims", "list", "--format", "json");
    assert.equal(r.code, 0);
    assert.ok(JSON.parse(r.stdout).claims.length >= 13);
  });
  it("searches with typos", async () => {
    const r = await run("claims", "search", "aerial capabilites");
    assert.equal(r.code, 0);
    assert.match(r.stdout.split("\n")[0], /^esg-s5-/);
  });
});

describe("factcheck and untrusted claims files", () => {
  /** A repository-like working directory with a claims file quoting `source`, and a secret beside (outside) it. */
  function repo(name: string, source: string): { cwd: string; claims: string } {
    const cwd = join(AREA, name, "repo");
    mkdirSync(join(cwd, "claims"), { recursive: true });
    writeFileSync(join(AREA, name, "secret.txt"), "AAA_SECRET=cli-hunter2\n");
    writeFileSync(join(cwd, "notes.txt"), "The minister said the plan will not change.\n");
    const claims = join(cwd, "claims", "x.claims.json");
    writeFileSync(
      claims,
      JSON.stringify({
        version: 1,
        title: "T",
        source: { title: "T", file: source },
        speakers: { m: { name: "A Minister", role: "minister" } },
        claims: [
          {
            id: "c1",
            text: "The minister said the plan will not change.",
            speaker: "m",
            verb: "said",
            section: "S",
            quote: "the plan will not change",
            hedged: false,
            polarity: "negative",
          },
        ],
      }),
    );
    return { cwd, claims };
  }

  it("a source.file that leaves the working directory is refused, naming the rule; ../ inside it is fine", async () => {
    const { cwd } = repo("escape", "../../secret.txt");
    const r = await runIn(cwd, "claims", "list", "--claims", "claims/x.claims.json");
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      new RegExp(
        `^claims/x\\.claims\\.json:1:\\d+: source\\.file must stay inside ${cwd.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}; "\\.\\./\\.\\./secret\\.txt" resolves outside it \\(at /source/file\\)\\n$`,
      ),
    );
    assert.ok(!r.stderr.includes("hunter2"));

    const inside = repo("inside", "../notes.txt");
    assert.equal((await runIn(inside.cwd, "claims", "list", "--claims", "claims/x.claims.json")).code, 0);
  });

  it("a claims file outside the working directory is confined to its own folder", async () => {
    const { claims } = repo("own-folder", "../notes.txt");
    const r = await run("claims", "list", "--claims", claims);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /source\.file must stay inside .*own-folder\/repo\/claims; "\.\.\/notes\.txt" resolves outside it/);
  });

  it("a symlinked claims file pointing out of the working directory is refused", async () => {
    const { cwd } = repo("link", "../notes.txt");
    symlinkSync(join(AREA, "link", "secret.txt"), join(cwd, "claims", "evil.claims.json"));
    const r = await runIn(cwd, "check", "--claims", "claims/evil.claims.json", "notes.txt");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `claims/evil.claims.json:1:1: claims file must stay inside ${cwd}; claims/evil.claims.json resolves outside it\n`,
    );
  });
});

describe("factcheck writing into a pipe that closes early", () => {
  /** Runs the CLI with its stdout a pipe whose reading end is closed before the CLI writes (as `| true` does). */
  function runIntoClosedPipe(...args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.destroy();
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    });
  }

  it("exits quietly with the findings' exit code: 1 for contradicted findings, 0 for a listing", async () => {
    const file = draft("Trump said American troops would be deployed to Ukraine.\n".repeat(200));
    for (const format of ["text", "json", "sarif"]) {
      const r = await runIntoClosedPipe("check", "--format", format, file);
      assert.equal(r.stderr, "", `no stack trace (${format})`);
      assert.equal(r.code, 1, format);
    }
    const listed = await runIntoClosedPipe("claims", "list");
    assert.deepEqual(listed, { code: 0, stderr: "" });
  });

  it("through a real shell pipeline into `head -n 1`: one line out, no stack trace, the findings' exit code", () => {
    // More than a pipe buffer of output, so the CLI is still writing when head exits.
    const file = draft("Trump said American troops would be deployed to Ukraine.\n".repeat(600));
    const r = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${CLI}" check --format json "${file}" | head -n 1; echo "exit=\${PIPESTATUS[0]}" >&2`],
      { cwd: ROOT, encoding: "utf8" },
    );
    assert.equal(r.stdout, "{\n");
    assert.equal(r.stderr, "exit=1\n");
  });
});

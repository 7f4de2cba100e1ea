// The language server under an LSP client that is not VS Code: Debian's Neovim 0.7, headless,
// with its built-in client (vim.lsp.start_client + buf_attach_client) and isolated XDG dirs.
// check.lua starts `npm run -s language-server -- --stdio` (tsc output, out/server/src/main.js)
// on a copy of test/fixtures/e2e-workspace/draft.md, collects diagnostics, a hover, the quick
// fixes of the misattributed sentence, applies one and waits for the re-check, shuts the server
// down, and writes all of it as JSON; this file asserts on it.
//
// Run: npm run test:nvim  (compiles the server first). Needs Neovim (`bash .ci/install-editors.sh`
// installs it); fails, never skips, without it.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runNvimLua } from "../harness/nvim.mjs";
import { repoRoot } from "../harness/util.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER_MAIN = path.join(repoRoot, "out/server/src/main.js");
const TROOPS_QUOTE = "firmly ruling out the deployment of American troops to Ukraine";
const SEVERITY = { ERROR: 1, WARN: 2, INFO: 3, HINT: 4 };

describe("Fact Check language server in Neovim 0.7 (plain LSP over stdio)", { timeout: 180_000 }, () => {
  let tmp;
  let run;
  let r;

  before(async () => {
    assert.ok(
      existsSync(SERVER_MAIN),
      `${path.relative(repoRoot, SERVER_MAIN)} is missing: run \`npm run test:nvim\` (it compiles) or \`tsc -b server\``,
    );
    tmp = await mkdtemp(path.join(os.tmpdir(), "factcheck-nvim-"));
    const draft = path.join(tmp, "draft.md");
    await cp(path.join(repoRoot, "test/fixtures/e2e-workspace/draft.md"), draft);
    const out = path.join(tmp, "result.json");
    const t0 = Date.now();
    run = await runNvimLua({
      luaFile: path.join(here, "check.lua"),
      file: draft,
      cwd: tmp,
      timeoutMs: 120_000,
      env: {
        FACTCHECK_SERVER_CMD: JSON.stringify(["npm", "run", "-s", "language-server", "--", "--stdio"]),
        FACTCHECK_SERVER_CWD: repoRoot,
        FACTCHECK_NVIM_OUT: out,
        FACTCHECK_TIMEOUT_MS: "60000",
      },
    });
    run.durationMs = Date.now() - t0;
    const context = `nvim exit ${run.code}${run.timedOut ? " (timed out)" : ""}\n--- stderr ---\n${run.stderr.slice(-3000)}\n--- stdout ---\n${run.stdout.slice(-2000)}`;
    assert.ok(existsSync(out), `check.lua wrote no results: ${context}`);
    r = JSON.parse(await readFile(out, "utf8"));
    assert.equal(r.error ?? null, null, `check.lua failed: ${r.error}\n${context}`);
    assert.equal(run.code, 0, `nvim should exit 0 after a successful check: ${context}`);
    console.log(
      `nvim run ${run.durationMs} ms (nvim ${r.nvim.major}.${r.nvim.minor}.${r.nvim.patch}); steps (ms): ${JSON.stringify(r.steps)}`,
    );
  });

  after(async () => {
    if (tmp && process.env.FACTCHECK_KEEP_TMP !== "1") await rm(tmp, { recursive: true, force: true });
  });

  it("initializes over stdio with hover and quick-fix capabilities", () => {
    assert.equal(r.nvim.major, 0);
    assert.equal(r.filetype, "markdown");
    assert.deepEqual(r.server_info, { name: "factcheck" });
    assert.equal(r.capabilities.hoverProvider, true);
    assert.equal(r.capabilities.codeActionProvider, true);
    assert.equal(r.capabilities.textDocumentSync.change, 2, "incremental sync");
  });

  it("publishes one diagnostic per finding, on the right line, with the verdict as severity", () => {
    const got = r.diagnostics.map((d) => ({ line: d.lnum + 1, col: d.col, severity: d.severity, source: d.source, code: d.code }));
    assert.deepEqual(got, [
      { line: 3, col: 0, severity: SEVERITY.HINT, source: "factcheck", code: "esg-s4-no-us-troops" },
      { line: 5, col: 0, severity: SEVERITY.WARN, source: "factcheck", code: "esg-s4-no-us-troops" },
      { line: 7, col: 0, severity: SEVERITY.WARN, source: "factcheck", code: "esg-s4-no-us-troops" },
      { line: 9, col: 0, severity: SEVERITY.INFO, source: "factcheck", code: "esg-s2-countries-could-commit" },
    ]);
    const [supported, contradicted, misattributed, overstated] = r.diagnostics;
    // The record as reported speech (the article paraphrases Trump): no quotation marks around it.
    // Problem first: the verdict, what the draft says differently, then who said what.
    assert.equal(supported.message, "Supported — restates the record; Trump ruled out deploying American troops to Ukraine.");
    assert.equal(
      contradicted.message,
      'Contradicted — the draft says "deployed", not "ruled out … deploying"; Trump ruled out deploying American troops to Ukraine.',
    );
    assert.match(
      misattributed.message,
      /^Misattributed — the draft names "Karoline Leavitt"; the record attributes this to Donald Trump \(President of the United States\); Trump ruled out /,
    );
    assert.match(overstated.message, /^Overstated — the draft says "will", not "could"; According to the article's reporting, /);
    // Each range is the whole sentence (ASCII lines: byte and UTF-16 columns agree).
    assert.equal(contradicted.end_lnum, 4);
    assert.equal(contradicted.end_col, "Trump said American troops would be deployed to Ukraine.".length);
    // Published with its verdict only: what the quick fixes need is rebuilt by the server (the code actions below).
    assert.deepEqual(misattributed.data, { verdict: "misattributed" });
  });

  it("answers textDocument/hover on the contradicted sentence with the speaker and the source's words", () => {
    const { contents, range } = r.hover;
    assert.equal(contents.kind, "markdown");
    assert.match(contents.value, /^\*\*Contradicted\*\* — /);
    assert.match(
      contents.value,
      /\n\nDonald Trump, President of the United States \(ruled out\) · U\\\.S\\\. Contribution Through Air Support · \[Open the source at these words\]/,
    );
    // The article paraphrases Trump: its words are labelled as its report, not put in a block quote.
    assert.ok(
      contents.value.includes(`**Reported by European\\-Led Security Guarantees:** ${TROOPS_QUOTE}`),
      `the source's words in:\n${contents.value}`,
    );
    assert.deepEqual(range, { start: { line: 4, character: 0 }, end: { line: 4, character: 56 } });
  });

  it("offers the quick fixes of a misattributed sentence, and re-checks after the edit (incremental sync)", () => {
    assert.deepEqual(
      r.code_actions.map((a) => a.title),
      [
        'Attribute to Donald Trump (replace "Karoline Leavitt")',
        "Cite Donald Trump in a footnote",
        "Ignore this sentence (<!-- factcheck-ignore -->)",
        "Ignore claim esg-s4-no-us-troops in this workspace",
      ],
    );
    assert.ok(r.code_actions.every((a) => a.kind === "quickfix"));
    assert.equal(r.line7_after_fix, "Donald Trump ruled out the deployment of American troops to Ukraine.");
    const line7 = r.diagnostics_after_fix.filter((d) => d.lnum === 6);
    assert.equal(line7.length, 1);
    // Calm by default: a supported sentence is a Hint.
    assert.equal(line7[0].severity, SEVERITY.HINT);
    assert.match(line7[0].message, /^Supported — /);
    assert.deepEqual(
      r.diagnostics_after_fix.map((d) => d.lnum + 1),
      [3, 5, 7, 9],
      "the other findings stay",
    );
  });

  it("exits cleanly after shutdown and exit", () => {
    assert.equal(r.exit.code, 0);
  });
});

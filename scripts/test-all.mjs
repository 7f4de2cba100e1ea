#!/usr/bin/env node
// `npm test`: every test layer, one after the other, then one closing line that sums them.
//   unit    — node:test over the core, the CLI and the in-process language server
//   robust  — the robustness suite (server/test/robust): random edits, huge and hostile input, a broken stream
//   vscode  — the extension-host suite inside a real VS Code (code-server's extension host)
//   e2e     — the packaged VSIX in code-server, driven through Chromium as a person would
//   nvim    — Neovim 0.7 as an independent LSP client of the server over stdio
// Layers that need editors use the tools `.ci/install-editors.sh` installs; a missing tool is
// a failure with a message, never a skip. Choose layers with FACTCHECK_LAYERS=unit,vscode,…
import { spawn } from "node:child_process";

const LAYERS = {
  unit: ["node", ["scripts/test-unit.mjs"]],
  robust: ["node", ["scripts/test-robust.mjs"]],
  vscode: ["node", ["test/vscode/run-code-server.mjs"]],
  e2e: ["npm", ["run", "-s", "test:e2e"]],
  nvim: ["npm", ["run", "-s", "test:nvim"]],
};

const chosen = (process.env.FACTCHECK_LAYERS ?? Object.keys(LAYERS).join(",")).split(",").filter(Boolean);
for (const name of chosen) {
  if (!(name in LAYERS)) {
    console.error(`unknown layer "${name}"; layers: ${Object.keys(LAYERS).join(", ")}`);
    process.exit(2);
  }
}

/** Runs a command, echoing its output, and returns its exit code and output. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out }));
  });
}

/** Pass and fail counts from node's test runner (spec or TAP) or a plain "N passed, N failed" line. */
function counts(out) {
  const last = (re) => {
    const all = [...out.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : undefined;
  };
  const pass = last(/^(?:# |ℹ )pass (\d+)$/gm);
  const fail = last(/^(?:# |ℹ )fail (\d+)$/gm);
  if (pass !== undefined) return { pass, fail: fail ?? 0 };
  const plain = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { pass: Number(plain[1]), fail: Number(plain[2]) };
  return undefined;
}

const results = [];
for (const name of chosen) {
  const [cmd, args] = LAYERS[name];
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const { code, out } = await run(cmd, args);
  const c = counts(out);
  // A layer that crashed before reporting counts as one failure, so it cannot pass unseen.
  const pass = c?.pass ?? 0;
  const fail = (c?.fail ?? 0) + (code !== 0 && !c?.fail ? 1 : 0);
  results.push({ name, pass, fail, code, seconds: (Date.now() - started) / 1000 });
}

console.log("\n=== summary");
for (const r of results)
  console.log(`${r.name.padEnd(7)} ${String(r.pass).padStart(4)} passed, ${r.fail} failed (exit ${r.code}, ${r.seconds.toFixed(0)} s)`);
const pass = results.reduce((a, r) => a + r.pass, 0);
const fail = results.reduce((a, r) => a + r.fail, 0);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);

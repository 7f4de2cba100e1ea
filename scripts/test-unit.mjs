#!/usr/bin/env node
// Runs every compiled node:test file of the core, the CLI and the in-process server
// (out/server/test/**/*.test.js), with node's own runner. Node 20's `--test` takes no globs,
// so the files are listed here. The robustness suite (out/server/test/robust/) is its own layer,
// `npm run test:robust` (scripts/test-robust.mjs), and is left out here so it runs once.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dirs = ["out/server/test"];
const files = dirs.filter(existsSync).flatMap((d) =>
  readdirSync(d, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".test.js") && !/^robust[\\/]/.test(f))
    .map((f) => join(d, f)),
);
if (!files.length) {
  console.error("no compiled tests found: run `npm run build` first");
  process.exit(1);
}
const reporter = process.env.CI ? ["--test-reporter=spec"] : [];
const r = spawnSync(process.execPath, ["--test", ...reporter, ...process.argv.slice(2), ...files.sort()], { stdio: "inherit" });
process.exit(r.status ?? 1);

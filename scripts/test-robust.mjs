#!/usr/bin/env node
// `npm run test:robust`: the robustness suite, every compiled node:test file in
// out/server/test/robust/ (edits, input confinement, linear time on pathological input, a
// responsive server). One file at a time, so the event-loop and latency bounds some cases assert
// are not measured against each other. Bounded: a few iterations of each randomized case, and a
// per-test timeout, so it ends within a few minutes even on two busy cores.
//
//   npm run test:robust -- --soak     many more iterations (also FACTCHECK_SOAK=1); minutes, not seconds
//
// Other arguments are passed to `node --test` (e.g. --test-name-pattern=framing).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = "out/server/test/robust";
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".test.js"))
      .map((f) => join(dir, f))
      .sort()
  : [];
if (!files.length) {
  console.error(`no compiled robustness tests in ${dir}: run \`npm run build\` first`);
  process.exit(1);
}
const args = process.argv.slice(2);
const soak = args.includes("--soak") || process.env.FACTCHECK_SOAK === "1";
const passed = args.filter((a) => a !== "--soak");
const env = { ...process.env, ...(soak ? { FACTCHECK_SOAK: "1" } : {}) };
const reporter = process.env.CI ? ["--test-reporter=spec"] : [];
// A hung case fails on its own instead of holding the suite: 3 min a test file (the linear-time
// file takes 30 s on two idle cores and more than twice that on busy ones), 30 min when soaking.
const timeout = [`--test-timeout=${soak ? 1_800_000 : 180_000}`];
if (soak) console.log("soak mode: more iterations of every randomized case");
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...timeout, ...reporter, ...passed, ...files], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);

// The heap-growth adapter (node/heap-growth.ts): the flag it sets exists in this Node's V8, a flag someone passed
// is kept, and every process entry sets it before it starts its work (the bench's children too, so the bench
// measures what ships).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from "../src/node/heap-growth.js";

// Compiled to out/server/test/: the repository root is three folders up.
const REPO = fileURLToPath(new URL("../../../", import.meta.url));

test("the flag is one this Node's V8 knows", () => {
  const flag = heapGrowthFlag([], undefined);
  assert.equal(flag, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8", maxBuffer: 1 << 24 }).stdout;
  assert.match(options, /^\s*--heap-growing-percent \(/m);
});

test("a heap-growing percentage given on the command line or in NODE_OPTIONS is kept", () => {
  assert.equal(heapGrowthFlag(["--heap-growing-percent=20"], undefined), undefined);
  assert.equal(heapGrowthFlag(["--inspect"], "--max-old-space-size=512 --heap_growing_percent=80"), undefined);
  assert.equal(heapGrowthFlag(["--inspect=6011"], "--max-old-space-size=512"), `--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
});

test("each process entry limits the heap's growth before its work starts", () => {
  const entries: [string, string][] = [
    ["server/src/main.ts", "startServer("],
    ["server/src/cli/main.ts", "run(process.argv"],
    ["server/bench/load-child.ts", "readFileSync(file"],
    ["server/bench/goals.ts", "const main = "],
    ["server/bench/run.ts", "async function"],
    ["server/bench/experiments/mem-stages.ts", "readFileSync("],
  ];
  for (const [file, work] of entries) {
    const src = readFileSync(path.join(REPO, file), "utf8");
    assert.match(src, /import \{[^}]*\blimitHeapGrowth\b[^}]*\} from "[./]*\/?(src\/)?node\/heap-growth\.js";/, file);
    const call = src.search(/^\s*limitHeapGrowth\(\);/m);
    assert.ok(call > 0, `${file} calls limitHeapGrowth()`);
    const at = src.indexOf(work, src.indexOf("\n", src.lastIndexOf("\nimport ")));
    assert.ok(at > call, `${file}: limitHeapGrowth() before ${work}`);
  }
});

// Time on pathological input, as a function of its size: every case of linear-inputs.ts at n,
// 2n, 4n and 8n characters. Each measurement runs in its own process with a time limit, so a
// case that hangs or crashes is reported as such instead of holding the run; a case stops
// growing once a run passes the limit.
//
//   node out/server/bench/linear.js [--limit SECONDS] [--scale X] [NAME…]
//
// --limit: seconds a measurement may take (default 20); --scale: multiplies every case's base
// size (default 1); NAME: run only the cases whose name contains it. Times are CPU time (user +
// system) of the run alone, best of three (of one past 5 s); "ratio" is t(2n)/t(n): about 2
// for linear time, 4 for quadratic.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createNlp } from "../src/core/nlp.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { LINEAR_CASES, runCase, type CaseContext, type CaseResult } from "./linear-inputs.js";

const SELF = fileURLToPath(import.meta.url);

interface Measurement {
  ms: number;
  outcome: string;
}

async function measureHere(index: number, size: number): Promise<Measurement> {
  const c = LINEAR_CASES[index];
  const ctx: CaseContext = { nlp: createNlp(), claims: c.target === "check" ? [await readBundledClaims()] : [] };
  // Warm up (the wink-nlp model loads on first use; the JIT compiles the hot paths).
  runCase(c.target, c.make(Math.min(size, 2000)), ctx);
  const input = c.make(size);
  let best = Infinity;
  let result: CaseResult = {};
  for (let run = 0; run < 3; run++) {
    const t = process.cpuUsage();
    result = runCase(c.target, input, ctx);
    const u = process.cpuUsage(t);
    best = Math.min(best, (u.user + u.system) / 1000);
    if (best > 5000 || result.error) break;
  }
  return { ms: best, outcome: describe(result) };
}

function describe(r: CaseResult): string {
  if (r.error) {
    const e = r.error as Error;
    return `${e.name ?? "Error"}: ${String(e.message).split("\n")[0].slice(0, 70)}`;
  }
  if (r.sentences) return `${r.sentences.length} sentences`;
  if (r.checked) return `${r.checked.sentences} sentences, ${r.checked.findings} findings`;
  return "ok";
}

function measureInChild(index: number, size: number, limitS: number): Measurement {
  const r = spawnSync(process.execPath, [SELF, "--one", String(index), String(size)], {
    encoding: "utf8",
    timeout: limitS * 1000,
    maxBuffer: 1 << 20,
  });
  if (r.error || r.signal) return { ms: NaN, outcome: `stopped after ${limitS} s` };
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as Measurement;
  } catch {
    return {
      ms: NaN,
      outcome: `crashed: ${(
        r.stderr
          .trim()
          .split("\n")
          .find((l) => /Error/.test(l)) ?? r.stderr.slice(0, 80)
      ).trim()}`,
    };
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--one") {
    console.log(JSON.stringify(await measureHere(Number(args[1]), Number(args[2]))));
    return;
  }
  let limit = 20;
  let scale = 1;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--limit") limit = Number(args[++i]);
    else if (args[i] === "--scale") scale = Number(args[++i]);
    else names.push(args[i]);
  }
  console.log(`case | n (chars) | t(n) | t(2n) | t(4n) | t(8n) | t(2n)/t(n) … t(8n)/t(4n) | result at the largest size`);
  for (let index = 0; index < LINEAR_CASES.length; index++) {
    const c = LINEAR_CASES[index];
    if (names.length && !names.some((n) => c.name.includes(n))) continue;
    const n = Math.round(c.size * scale);
    const times: number[] = [];
    let last: Measurement = { ms: NaN, outcome: "" };
    for (const k of [1, 2, 4, 8]) {
      last = measureInChild(index, n * k, limit);
      times.push(last.ms);
      if (!Number.isFinite(last.ms) || last.ms > limit * 1000 * 0.4 || /Error/.test(last.outcome)) break;
    }
    const fmt = (ms: number) => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`) : "—");
    const cells = [0, 1, 2, 3].map((k) => (k < times.length ? fmt(times[k]) : ""));
    const ratios = times
      .slice(1)
      .map((t, k) => (Number.isFinite(t) && times[k] > 0 ? (t / times[k]).toFixed(1) : "—"))
      .join(" ");
    console.log(`${c.name} | ${n} | ${cells.join(" | ")} | ${ratios} | ${last.outcome}`);
  }
}

await main();

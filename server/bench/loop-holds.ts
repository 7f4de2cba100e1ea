// Which tasks hold a process's event loop, by CPU time: loaded before the program (`node --import
// ./out/server/bench/loop-holds.js …`, or for the language server the bench starts,
// `GOALS_SERVER_NODE_FLAGS="--import $PWD/out/server/bench/loop-holds.js" node out/server/bench/goals.js`), it times
// every top-level callback (async_hooks before/after at depth 0: a timer, an immediate, a stream's data, a promise
// reaction) with process.cpuUsage(), and at exit writes the longest ones to $LOOP_HOLDS_OUT (default
// loop-holds-PID-THREAD.json in the temporary folder): CPU ms, wall ms, the callback's kind, ms since the start, and
// its hrtime window in µs (the clock of a --cpu-prof profile's timestamps, to find what ran in it).
// Why CPU: on a shared machine a ping's wall-clock wait (lspKeystroke's probe) is mostly other processes' turns on the
// cores; the CPU time of one callback is what the process itself held the thread for. It is the whole process's CPU
// (a worker thread's and the garbage collector's helpers' too), and the hooks themselves slow every promise.
import { createHook } from "node:async_hooks";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";

interface Hold {
  cpuMs: number;
  wallMs: number;
  kind: string;
  atMs: number;
  startUs: number;
  endUs: number;
}

const MIN_CPU_MS = Number(process.env.LOOP_HOLDS_MIN_MS ?? 10);
const kinds = new Map<number, string>();
const holds: Hold[] = [];
const origin = process.hrtime.bigint();
let depth = 0;
let t0 = 0n;
let c0: NodeJS.CpuUsage | undefined;
let kind = "";

createHook({
  init: (id, type) => void kinds.set(id, type),
  before(id) {
    if (depth++ > 0) return;
    t0 = process.hrtime.bigint();
    c0 = process.cpuUsage();
    kind = kinds.get(id) ?? "?";
  },
  after() {
    if (--depth > 0 || !c0) return;
    const c = process.cpuUsage(c0);
    const cpuMs = (c.user + c.system) / 1000;
    if (cpuMs < MIN_CPU_MS) return;
    const now = process.hrtime.bigint();
    holds.push({
      cpuMs: Math.round(cpuMs * 10) / 10,
      wallMs: Math.round(Number(now - t0) / 1e5) / 10,
      kind,
      atMs: Math.round(Number(t0 - origin) / 1e6),
      startUs: Number(t0 / 1000n),
      endUs: Number(now / 1000n),
    });
  },
  destroy: (id) => void kinds.delete(id),
}).enable();

process.on("exit", () => {
  const out = process.env.LOOP_HOLDS_OUT ?? join(tmpdir(), `loop-holds-${process.pid}-${threadId}.json`);
  holds.sort((a, b) => b.cpuMs - a.cpuMs);
  writeFileSync(out.replace(/\.json$/, "") + (threadId ? `-${threadId}.json` : ".json"), JSON.stringify(holds.slice(0, 100), null, 1));
});

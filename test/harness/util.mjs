// Shared bits of the real-editor harness: where the tools are, temp dirs,
// free ports, polling with a deadline, killing a process group.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const resultsDir = process.env.FACTCHECK_RESULTS_DIR || path.join(repoRoot, "test-results");

/**
 * Tool paths: env vars win, else the env.sh that .ci/install-editors.sh wrote
 * (so a test run needs no `source` step), else Debian's defaults.
 * @returns {{ node24?: string, codeServer?: string, vsce?: string, chromium: string, nvim: string, toolsDir: string }}
 */
export function tools() {
  const toolsDir = process.env.FACTCHECK_TOOLS || path.join(os.homedir(), ".cache/factcheck-tools");
  const fromFile = {};
  const envFile = path.join(toolsDir, "env.sh");
  if (existsSync(envFile)) {
    for (const m of readFileSync(envFile, "utf8").matchAll(/^export (\w+)='([^']*)'$/gm)) fromFile[m[1]] = m[2];
  }
  const get = (k) => process.env[k] || fromFile[k];
  return {
    toolsDir,
    node24: get("FACTCHECK_NODE24"),
    codeServer: get("FACTCHECK_CODE_SERVER"),
    vsce: get("FACTCHECK_VSCE"),
    chromium: get("CHROMIUM") || "/usr/bin/chromium",
    nvim: get("NVIM") || "/usr/bin/nvim",
  };
}

/** Throws a message that says what to run when a tool is missing. */
export function requireTool(name, file) {
  if (!file || !existsSync(file)) {
    throw new Error(`${name} not found (${file ?? "unset"}): run \`bash .ci/install-editors.sh\` first`);
  }
  return file;
}

/**
 * A temp dir with HOME and XDG_* inside it, so editors write nothing to the
 * real home (code-server and nvim both would) and runs don't see each other.
 */
export async function isolatedDirs(prefix) {
  const base = await mkdtemp(path.join(os.tmpdir(), prefix));
  const d = (p) => path.join(base, p);
  const env = {
    HOME: d("home"),
    XDG_CONFIG_HOME: d("xdg/config"),
    XDG_DATA_HOME: d("xdg/data"),
    XDG_CACHE_HOME: d("xdg/cache"),
    XDG_STATE_HOME: d("xdg/state"),
    XDG_RUNTIME_DIR: d("xdg/runtime"),
  };
  await Promise.all(Object.values(env).map((p) => mkdir(p, { recursive: true, mode: 0o700 })));
  return { base, env };
}

export async function removeDir(dir) {
  if (process.env.FACTCHECK_KEEP_TMP === "1") return; // keep logs/profiles for debugging
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns a truthy value (returned) or the deadline passes
 * (throws with `what` and the last error). An error with `fatal: true` stops
 * the polling at once. No timer outlives the call.
 */
export async function waitFor(fn, { timeoutMs = 30_000, intervalMs = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      if (e?.fatal) throw e; // no point in polling on (e.g. the process died)
      lastErr = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${lastErr.message}` : ""}`);
    }
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Spawns a child in its own process group (detached) so that killGroup can
 * end it with everything it started (code-server's extension host, pty host,
 * a language server under nvim). Keeps the last lines of output.
 */
export function spawnGroup(cmd, args, { env, cwd, onOutput, keepLines = 400 } = {}) {
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  const out = { stdout: "", stderr: "" };
  for (const stream of ["stdout", "stderr"]) {
    child[stream].setEncoding("utf8");
    child[stream].on("data", (chunk) => {
      out[stream] += chunk;
      if (out[stream].length > 4_000_000) out[stream] = out[stream].slice(-2_000_000);
      for (const line of chunk.split("\n")) if (line) lines.push(line);
      if (lines.length > keepLines) lines.splice(0, lines.length - keepLines);
      onOutput?.(stream, chunk);
    });
  }
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  // If the test process ends without cleaning up, take the group along.
  liveGroups.add(child.pid);
  watchSignals();
  return { child, exited, lines, out, forget: () => liveGroups.delete(child.pid) };
}

// Groups to kill if this process exits or is interrupted (Ctrl+C, a runner's
// SIGTERM): they are detached, so the signal does not reach them by itself.
const liveGroups = new Set();
let watching = false;
function watchSignals() {
  if (watching) return;
  watching = true;
  const killAll = () => {
    for (const pid of liveGroups) killGroup(pid, "SIGKILL");
    liveGroups.clear();
  };
  process.on("exit", killAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    const onSignal = () => {
      killAll();
      // Our listener disabled Node's default exit; restore it unless the host
      // program has its own handler (then it decides).
      if (process.listenerCount(sig) === 1) {
        process.off(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is already gone
  }
}

/**
 * True while a live (non-zombie) process is in the group. Reads /proc because
 * kill(-pid, 0) also "succeeds" for zombies that nobody has reaped yet.
 */
export function groupAlive(pgid) {
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${e}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ..." — comm may hold spaces and parens.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) === pgid && f[0] !== "Z") return true;
  }
  return false;
}

/** SIGTERM the group, wait until it is gone, SIGKILL what is left. */
export async function stopGroup(pid, { graceMs = 5_000 } = {}) {
  if (!killGroup(pid, "SIGTERM")) return;
  try {
    await waitFor(() => !groupAlive(pid), { timeoutMs: graceMs, intervalMs: 50, what: `process group ${pid} to exit` });
  } catch {
    killGroup(pid, "SIGKILL");
    await waitFor(() => !groupAlive(pid), { timeoutMs: 5_000, intervalMs: 50, what: `process group ${pid} to die` });
  }
}

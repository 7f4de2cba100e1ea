// Starts code-server (VS Code 1.139 server + web workbench, real Node
// extension host) isolated in a temp dir, for tests that drive a real editor.
// Tools come from .ci/install-editors.sh (env vars or its env.sh).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort, isolatedDirs, removeDir, requireTool, spawnGroup, stopGroup, tools, waitFor } from "./util.mjs";

// Settings that keep the workbench quiet and deterministic: no telemetry,
// update or welcome page, no trust prompt, no AI/chat UI, no git scanning,
// and quick hovers so hover tests don't wait long.
export const DEFAULT_USER_SETTINGS = {
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "editor.hover.delay": 150,
  // 1.139 opens an empty chat side bar on the right; it only takes space.
  "workbench.secondarySideBar.defaultVisibility": "hidden",
};

/**
 * @param {object} o
 * @param {string} o.workspace folder to open (absolute)
 * @param {string} [o.extensionsDir] defaults to a fresh dir under baseDir
 * @param {string|string[]} [o.vsix] VSIX file(s) installed before start
 * @param {boolean} [o.smokeTestDriver] pass enable-smoke-test-driver, needed
 *   for the `payload=` URL (extension-host test runs) to be honoured
 * @param {object} [o.userSettings] merged over DEFAULT_USER_SETTINGS
 * @param {number} [o.port] default: a free port
 * @param {string[]} [o.extraArgs] more code-server arguments
 * @param {(stream: string, chunk: string) => void} [o.onOutput] server output
 * @param {number} [o.timeoutMs] how long to wait for /healthz (default 60 s)
 * @returns {Promise<{url: string, port: number, baseDir: string, userDataDir: string,
 *   extensionsDir: string, env: object, pid: number, logs: () => string, stop: () => Promise<void>}>}
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  vsix,
  smokeTestDriver = false,
  userSettings = {},
  port,
  extraArgs = [],
  onOutput,
  timeoutMs = 60_000,
} = {}) {
  if (!workspace || !path.isAbsolute(workspace)) throw new Error("startCodeServer: workspace must be an absolute path");
  const t = tools();
  const node = requireTool("Node 24 (FACTCHECK_NODE24)", t.node24);
  const entry = requireTool("code-server (FACTCHECK_CODE_SERVER)", t.codeServer);

  const { base: baseDir, env: dirs } = await isolatedDirs("factcheck-cs-");
  const userDataDir = path.join(baseDir, "user-data");
  extensionsDir ??= path.join(baseDir, "extensions");
  await mkdir(path.join(userDataDir, "User"), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(path.join(userDataDir, "User", "settings.json"), JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2));
  // Keep PATH etc., but no VSCODE_* / ELECTRON_* leaking in from a terminal
  // inside VS Code (they change how the server and extension host start).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_)/.test(k)));
  Object.assign(env, dirs, {
    PATH: `${path.dirname(node)}:${process.env.PATH}`,
    // No marketplace: without this the server and workbench query open-vsx
    // (update checks), which fails on this closed network and fills the logs.
    EXTENSIONS_GALLERY: "{}",
  });
  // --config /dev/null: never read or create ~/.config/code-server/config.yaml.
  const common = ["--config", "/dev/null", "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];

  for (const file of [vsix ?? []].flat()) {
    const p = spawnGroup(node, [entry, ...common, "--install-extension", path.resolve(file), "--force"], { env });
    const { code } = await p.exited;
    p.forget();
    if (code !== 0) {
      await removeDir(baseDir);
      throw new Error(`installing ${file} failed (exit ${code}):\n${p.lines.join("\n")}`);
    }
  }

  port ??= await freePort();
  const args = [
    entry,
    ...common,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--ignore-last-opened",
    ...(smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
    ...extraArgs,
    workspace,
  ];
  const proc = spawnGroup(node, args, { env, onOutput });
  const url = `http://127.0.0.1:${port}`;
  let exitedEarly = null;
  proc.exited.then((e) => {
    exitedEarly = e;
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopGroup(proc.child.pid);
    proc.forget();
    await removeDir(baseDir);
  };

  try {
    await waitFor(
      async () => {
        if (exitedEarly) throw Object.assign(new Error(`code-server exited (${JSON.stringify(exitedEarly)})`), { fatal: true });
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return res.ok;
      },
      { timeoutMs, intervalMs: 100, what: `${url}/healthz` },
    );
  } catch (e) {
    const logs = proc.lines.join("\n");
    await stop();
    throw new Error(`${e.message}\n--- code-server output ---\n${logs}`);
  }
  return {
    url,
    port,
    baseDir,
    userDataDir,
    extensionsDir,
    env,
    pid: proc.child.pid,
    logs: () => proc.lines.join("\n"),
    stop,
  };
}

// Runs a `@vscode/test-electron`-style suite (a module exporting
// `run(): Promise<void>`) in code-server's real extension host, with the
// extension loaded from source. VS Code honours the `payload=` URL (dev
// extension + tests path) only with the smoke-test driver enabled; the
// workbench then reports logs and the exit code through two window functions
// that we expose from the page.
import path from "node:path";
import { startCodeServer } from "./code-server.mjs";
import { openWorkbench, screenshot } from "./browser.mjs";

// Workbench start-up chatter that arrives through the same log channel as the
// suite's console output: kept in `logs`, not echoed.
export const WORKBENCH_NOISE = new RegExp(
  "^(" +
    [
      "Resolv(ing|ed) connection token",
      "Creating a socket",
      "\\[reconnection-grace-time\\]",
      "Ignoring fetching additional builtin",
      "Updating additional builtin",
      "\\[Service Worker\\]",
      "\\[AccountPolicyGate\\]",
      "\\[AgentHost",
      "Creation of workbench contribution",
      "Timed out waiting for authentication provider 'github'",
      "    at .*/static/out/vs/",
    ].join("|") +
    ")",
);

/**
 * @param {object} o
 * @param {string} o.extensionPath folder with the extension's package.json
 * @param {string} o.testsPath the tests module (file, e.g. out/test/suite/index.js)
 * @param {string} o.workspace folder to open
 * @param {number} [o.timeoutMs] whole-run limit (default 180 s)
 * @param {object} [o.userSettings] extra user settings
 * @param {boolean|'all'} [o.echo] print the suite's output as it comes (default
 *   true; 'all' also prints WORKBENCH_NOISE)
 * @param {string} [o.screenshotName] screenshot at the end (e.g. on failure)
 * @returns {Promise<{exitCode: number, logs: string[], timedOut: boolean}>}
 *   exitCode is the suite's (0 = passed), 124 on timeout.
 */
export async function runExtensionHostSuite({
  extensionPath,
  testsPath,
  workspace,
  timeoutMs = 180_000,
  userSettings,
  echo = true,
  screenshotName,
} = {}) {
  for (const [k, v] of Object.entries({ extensionPath, testsPath, workspace })) {
    if (!v) throw new Error(`runExtensionHostSuite: ${k} is required`);
  }
  const logs = [];
  // logs keep the type; the echo prints the suite's text as is (so a closing
  // line such as '3 passed, 0 failed' stays alone on its line), errors to stderr.
  const log = (type, text) => {
    logs.push(`[${type}] ${text}`);
    if (echo && (echo === "all" || !WORKBENCH_NOISE.test(text)))
      (/error|warn/.test(type) ? process.stderr : process.stdout).write(`${text}\n`);
  };
  const deadline = Date.now() + timeoutMs;
  let server;
  let wb;
  let timer;
  try {
    server = await startCodeServer({
      workspace: path.resolve(workspace),
      smokeTestDriver: true,
      userSettings,
      // Server output goes into logs (not echoed): it is noise unless a run fails.
      onOutput: (_s, chunk) => {
        for (const l of chunk.split("\n")) if (l.trim()) logs.push(`[server] ${l}`);
      },
    });
    // URIs on the server side: the authority is the host the page was loaded from.
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
    let settle;
    const exited = new Promise((resolve) => {
      settle = resolve;
    });
    wb = await openWorkbench({
      url: server.url,
      folder: path.resolve(workspace),
      payload: [
        ["extensionDevelopmentPath", remote(extensionPath)],
        ["extensionTestsPath", remote(testsPath)],
        ["skipWelcome", "true"],
      ],
      onLog: (type, args) => log(type, (Array.isArray(args) ? args : [args]).join(" ")),
      onExit: (code) => settle({ exitCode: Number(code), timedOut: false }),
      timeoutMs: Math.max(1_000, deadline - Date.now()),
    });
    // A crashed page or closed browser would otherwise wait for the timeout.
    wb.page.on("crash", () => settle({ exitCode: 1, timedOut: false, why: "page crashed" }));
    wb.page.on("pageerror", (e) => logs.push(`[pageerror] ${e.message}`));
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ exitCode: 124, timedOut: true }), Math.max(0, deadline - Date.now()));
    });
    const result = await Promise.race([exited, timeout]);
    if (result.why) log("error", `[harness] ${result.why}`);
    if (result.timedOut) log("error", `[harness] suite did not finish within ${timeoutMs} ms`);
    if (screenshotName || result.exitCode !== 0) {
      await screenshot(wb.page, screenshotName ?? "extension-host-suite-failed").catch(() => {});
    }
    return { exitCode: result.exitCode, logs, timedOut: result.timedOut };
  } finally {
    clearTimeout(timer);
    await wb?.close();
    await server?.stop();
  }
}

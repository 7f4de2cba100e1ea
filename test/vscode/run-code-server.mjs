// Runs the extension-host suite (out/vscode-suite/index.cjs) in code-server's real extension host
// (VS Code 1.139), on a copy of test/fixtures/workspace, through test/harness/extension-host.mjs.
// Needs the tools of `.ci/install-editors.sh` and a development build (`npm run build`).
// Usage: node test/vscode/run-code-server.mjs   (env: FACTCHECK_TEST_GREP=<text>, FACTCHECK_KEEP_TMP=1,
//        FACTCHECK_SUITE_TIMEOUT_MS, default 300000)
import { rm } from "node:fs/promises";
import { runExtensionHostSuite } from "../harness/extension-host.mjs";
import { copyWorkspace, requireBuild, root, testsPath } from "./suite-setup.mjs";

requireBuild();
// The suite edits files and settings in its workspace: give it a throw-away copy.
const { tmp, workspace } = await copyWorkspace("factcheck-suite-");

let exitCode = 1;
try {
  const result = await runExtensionHostSuite({
    extensionPath: root,
    testsPath,
    workspace,
    timeoutMs: Number(process.env.FACTCHECK_SUITE_TIMEOUT_MS) || 300_000,
  });
  exitCode = result.exitCode;
  if (exitCode !== 0) {
    console.error(`extension-host suite failed (exit ${exitCode}${result.timedOut ? ", timed out" : ""}); last log lines:`);
    for (const line of result.logs.slice(-60)) console.error(line);
  }
} finally {
  if (process.env.FACTCHECK_KEEP_TMP !== "1") await rm(tmp, { recursive: true, force: true });
}
process.exit(exitCode);

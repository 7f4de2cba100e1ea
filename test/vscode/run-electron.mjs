// Runs the extension-host suite (out/vscode-suite/index.cjs) in a desktop VS Code downloaded by
// @vscode/test-electron, on a copy of test/fixtures/workspace. For contributors whose machine can
// reach update.code.visualstudio.com; on machines that cannot, the same suite runs inside
// code-server through test/harness/extension-host.mjs.
// Usage: npm run test:vscode:electron   (env: VSCODE_VERSION=stable|insiders|1.xx.y,
//        FACTCHECK_TEST_GREP=<text> to run only matching tests, FACTCHECK_KEEP_TMP=1 to keep the copy)
import { rm } from "node:fs/promises";
import path from "node:path";
import { runTests } from "@vscode/test-electron";
import { copyWorkspace, requireBuild, root, testsPath } from "./suite-setup.mjs";

requireBuild();
// The suite edits files and settings in its workspace: give it a throw-away copy.
const { tmp, workspace } = await copyWorkspace("factcheck-vscode-");

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || "stable",
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    extensionTestsEnv: { FACTCHECK_TEST_GREP: process.env.FACTCHECK_TEST_GREP ?? "" },
    launchArgs: [
      workspace,
      "--disable-extensions",
      "--disable-workspace-trust",
      "--skip-welcome",
      "--skip-release-notes",
      `--user-data-dir=${path.join(tmp, "user-data")}`,
    ],
  });
} catch (e) {
  console.error(`extension-host suite failed: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  if (process.env.FACTCHECK_KEEP_TMP !== "1") await rm(tmp, { recursive: true, force: true });
}
process.exit(code);

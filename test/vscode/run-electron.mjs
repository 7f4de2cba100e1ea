// Runs the extension-host suite (out/vscode-suite/index.cjs) in a desktop VS Code downloaded by
// @vscode/test-electron, on a copy of test/fixtures/workspace. For contributors whose machine can
// reach update.code.visualstudio.com; on machines that cannot, the same suite runs inside
// code-server through test/harness/extension-host.mjs.
// Usage: npm run test:vscode:electron   (env: VSCODE_VERSION=stable|insiders|1.xx.y,
//        FACTCHECK_TEST_GREP=<text> to run only matching tests, FACTCHECK_KEEP_TMP=1 to keep the copy)
import { cp, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runTests } from "@vscode/test-electron";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const testsPath = path.join(root, "out/vscode-suite/index.cjs");
for (const f of [testsPath, path.join(root, "dist/client.cjs"), path.join(root, "dist/server.cjs")]) {
  if (!existsSync(f)) {
    console.error(`${path.relative(root, f)} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
}

// The suite edits files and settings in its workspace: give it a throw-away copy.
const tmp = await mkdtemp(path.join(os.tmpdir(), "factcheck-vscode-"));
const workspace = path.join(tmp, "workspace");
await cp(path.join(root, "test/fixtures/workspace"), workspace, { recursive: true });

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

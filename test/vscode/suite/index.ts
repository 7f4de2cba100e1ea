// Entry of the extension-host suite (bundled to out/vscode-suite/index.cjs by scripts/bundle.mjs).
// VS Code requires this module and calls run(); a rejection fails the run.
// FACTCHECK_TEST_GREP=<text> runs only the tests whose name contains <text>.
import "./basics.js";
import "./diagnostics.js";
import "./code-actions.js";
import "./claims-files.js";
import "./ux.js";
import "./draw-claims.js";
import "./misattributed-mark.js";
import "./commands.js"; // ends with Restart Language Server
import { runAll } from "./runner.js";

export function run(): Promise<void> {
  return runAll({ grep: process.env.FACTCHECK_TEST_GREP || undefined });
}

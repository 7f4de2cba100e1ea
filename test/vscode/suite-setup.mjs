// What both suite runners (code-server and @vscode/test-electron) need before they start:
// a built extension and suite, and a throw-away copy of the fixture workspace, which the suite
// edits (files and settings).
import { existsSync } from "node:fs";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const testsPath = path.join(root, "out/vscode-suite/index.cjs");

/** Exits with a message when the bundles or the suite have not been built. */
export function requireBuild() {
  for (const f of [testsPath, path.join(root, "dist/client.cjs"), path.join(root, "dist/server.cjs")]) {
    if (!existsSync(f)) {
      console.error(`${path.relative(root, f)} is missing: run \`npm run build\` first.`);
      process.exit(2);
    }
  }
}

/** A copy of test/fixtures/workspace in a new temp folder: `{ tmp, workspace }`. */
export async function copyWorkspace(prefix) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
  const workspace = path.join(tmp, "workspace");
  await cp(path.join(root, "test/fixtures/workspace"), workspace, { recursive: true });
  return { tmp, workspace };
}

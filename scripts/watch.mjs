#!/usr/bin/env node
// `npm run watch`: type-checks (tsc -b -w, to out/, which the CLI and the tests run) and rebundles
// (esbuild --watch, to dist/, which the extension runs) on every change, until stopped.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const children = [
  spawn(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-b", "-w", "--preserveWatchOutput"], {
    cwd: root,
    stdio: "inherit",
  }),
  spawn(process.execPath, [path.join(root, "scripts/bundle.mjs"), "--watch"], { cwd: root, stdio: "inherit" }),
];
const stop = () => children.forEach((c) => c.kill());
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children)
  c.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });

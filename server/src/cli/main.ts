#!/usr/bin/env node
// The `factcheck` binary: runs `run` (run.ts) on the process's arguments, streams and folder.
// Exit codes: 0 nothing or only `supported`; 1 any other verdict; 2 bad usage, unreadable or invalid input
// (with file:line:column), or output that could not be written.
// A reader that stops early (`| head -1`) is not an error: the exit code is still the findings'.
import { limitHeapGrowth } from "../node/heap-growth.js";
import { run } from "./run.js";

// Before anything is loaded: collections that keep the heap near what is live (heap-growth.ts).
limitHeapGrowth();

// Output. A closed pipe (EPIPE: `factcheck check … | head -1`) means the reader has all it wants: stop writing,
// and exit with the code the findings call for. Any other write error means the output is lost: say so once on
// stderr and exit 2. Without these handlers Node prints a stack trace for the unhandled 'error' event.
let stdoutClosed = false;
let outputFailed = false;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  stdoutClosed = true;
  if (e.code === "EPIPE" || outputFailed) return;
  outputFailed = true;
  process.exitCode = 2;
  if (!process.stderr.destroyed) process.stderr.write(`factcheck: cannot write the output: ${e.code ?? e.message}\n`);
});
// Nowhere left to report a failure to write to stderr.
process.stderr.on("error", () => undefined);

run(process.argv.slice(2), {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = outputFailed ? 2 : code;
});

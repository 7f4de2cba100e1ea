// How far V8 lets the old generation grow between full collections, set once at process start by each entry (the
// language server's main.ts, the CLI's cli/main.ts, the bench's child jobs, so the bench measures what ships).
// By default V8 sets the next collection's limit at a factor of what survived the last full one that it computes
// from the collector's and the program's speeds, up to 4 (less near the heap's maximum); with 100,000 claims the check then lets garbage from passages, analyses and scoring
// pile up to a peak well above what is live. A factor of 1.5 collects sooner: peak RSS of the 100k job
// (`goals.js --child large-cached DIR`) 465 → 387 MB for about the same CPU (docs/measurements.md, 2026-12-04).
// The flag is read at every full collection, so setting it after start-up, before the heap has grown, is enough.
import { setFlagsFromString } from "node:v8";

/** The old generation may grow by at most this percentage of what outlived the last full collection. */
export const HEAP_GROWING_PERCENT = 50;

const FLAG = "--heap-growing-percent";

/**
 * The V8 flag to set, or undefined when the process was started with its own `--heap-growing-percent` (on the
 * command line or in NODE_OPTIONS, spelled with dashes or underscores): a setting someone chose is kept.
 */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const given = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)];
  if (given.some((a) => a.replace(/_/g, "-").startsWith(FLAG))) return undefined;
  return `${FLAG}=${HEAP_GROWING_PERCENT}`;
}

/** Limits the heap's growth between full collections for this process (and its worker threads); see above. */
export function limitHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag) setFlagsFromString(flag);
}

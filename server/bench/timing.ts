// Timing helpers for the speed benchmark: a seeded PRNG (so every run measures the same
// inputs), repetition with a time budget, medians and percentiles, and optional forced GC
// between measurements so one measurement's garbage is not collected on the next one's clock.
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";

/** mulberry32: small, fast, good enough for generating test text; same seed, same sequence. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

let gcFn: (() => void) | undefined;
try {
  // Lets the bench collect garbage between measurements without asking for `node --expose-gc`.
  setFlagsFromString("--expose-gc");
  gcFn = runInNewContext("gc") as () => void;
} catch {
  gcFn = undefined;
}

export function collectGarbage(): void {
  if (gcFn) {
    gcFn();
    gcFn();
  }
}

export const gcAvailable = (): boolean => gcFn !== undefined;

export function now(): number {
  return performance.now();
}

/** CPU time (user + system, all threads) this process has used, ms. Unlike wall time, it does not grow while other processes hold the CPU. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

export interface Repeated<T> {
  /** Median wall time of the repetitions, ms. */
  ms: number;
  /** Median CPU time of the repetitions, ms. */
  cpuMs: number;
  samples: number[];
  cpuSamples: number[];
  /** What the last repetition returned. */
  last: T;
}

/**
 * Runs `fn` at least once and at most `maxReps` times, stopping early when another repetition
 * (judged by the slowest so far) would take the total past `budgetMs`. `setup` runs before each
 * repetition, off the clock. Returns the median. Garbage is collected before the series (and
 * before each repetition with `gcEachRep`, for the slow ones that make a lot of it).
 */
export function repeat<T>(
  fn: (rep: number) => T,
  opts: { maxReps: number; budgetMs: number; setup?: (rep: number) => void; gcEachRep?: boolean },
): Repeated<T> {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let last!: T;
  let total = 0;
  // A full collection costs seconds when a large index is alive: once per series unless asked.
  collectGarbage();
  for (let rep = 0; rep < opts.maxReps; rep++) {
    if (rep > 0 && total + Math.max(...samples) > opts.budgetMs) break;
    opts.setup?.(rep);
    if (opts.gcEachRep && rep > 0) collectGarbage();
    const c0 = cpuNow();
    const t0 = now();
    last = fn(rep);
    const dt = now() - t0;
    cpuSamples.push(cpuNow() - c0);
    samples.push(dt);
    total += dt;
  }
  return { ms: median(samples), cpuMs: median(cpuSamples), samples, cpuSamples, last };
}

/** Times one call. */
export function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  collectGarbage();
  const c0 = cpuNow();
  const t0 = now();
  const value = fn();
  const ms = now() - t0;
  return { ms, cpuMs: cpuNow() - c0, value };
}

/** Wall time of each call (for percentiles) and the CPU time of the whole loop. */
export function perCall<T>(items: readonly T[], fn: (x: T) => unknown): { wall: number[]; cpuTotal: number } {
  collectGarbage();
  const wall = new Array<number>(items.length);
  const c0 = cpuNow();
  for (let i = 0; i < items.length; i++) {
    const t0 = now();
    fn(items[i]);
    wall[i] = now() - t0;
  }
  return { wall, cpuTotal: cpuNow() - c0 };
}

export interface Measured {
  ms: number;
  cpuMs: number;
}

/** Wall and CPU time of one call. */
export function measure(fn: () => unknown): Measured {
  const c0 = cpuNow();
  const t0 = now();
  fn();
  const ms = now() - t0;
  return { ms, cpuMs: cpuNow() - c0 };
}

/** Median wall time and median CPU time of several measurements. */
export function medianOf(xs: readonly Measured[]): Measured {
  return { ms: median(xs.map((x) => x.ms)), cpuMs: median(xs.map((x) => x.cpuMs)) };
}

/** For each item, every function in turn (so a change in the machine's load hits all alike); wall and CPU time of each call, per function. */
export function interleaved(items: readonly string[], fns: ((s: string) => unknown)[]): { wall: number[]; cpu: number[] }[] {
  collectGarbage();
  const out = fns.map(() => ({ wall: new Array<number>(items.length), cpu: new Array<number>(items.length) }));
  for (let i = 0; i < items.length; i++) {
    for (let k = 0; k < fns.length; k++) {
      const c0 = cpuNow();
      const t0 = now();
      fns[k](items[i]);
      out[k].wall[i] = now() - t0;
      out[k].cpu[i] = cpuNow() - c0;
    }
  }
  return out;
}

// A deadline for a promise the server does not control (a file read, a directory listing): a read
// of a FIFO or a hung network mount never settles, and whatever awaits it would wait forever.
import type { Timers } from "./deps.js";

export type Deadlined<T> = { done: true; value: T } | { done: false };

/**
 * Settles with the promise's value, or with `{ done: false }` once `ms` have passed first. The
 * promise itself cannot be cancelled: a caller that gave up must make sure its late result is
 * ignored. A rejection before the deadline is passed on.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, timers: Timers): Promise<Deadlined<T>> {
  return new Promise((resolve, reject) => {
    const timer = timers.setTimeout(() => resolve({ done: false }), ms);
    promise.then(
      (value) => {
        timers.clearTimeout(timer);
        resolve({ done: true, value });
      },
      (e) => {
        timers.clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** "10 s", "250 ms": a duration for an error message. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

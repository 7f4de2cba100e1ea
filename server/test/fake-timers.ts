// A clock for the in-process server that only the test moves (the server's `Timers`, passed through
// ServerDeps). A debounce or a load deadline then fires when the test says so, never because the
// machine was slow, and no test sleeps to wait for one.
//
// Time stands still until `advance(ms)`. A timer set for 0 ms (or less) is due now: it runs on the
// next turn of the event loop, as a real setTimeout(fn, 0) would, so a server configured with no
// debounce behaves as it does with real timers. Every other timer waits for `advance`.
import type { Timers } from "../src/deps.js";

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeTimers implements Timers {
  private time = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, Timer>();
  private flushQueued = false;
  /** Called whenever a timer is set, cleared or fired: a test waiting on `pending` re-checks then. */
  onChange?: () => void;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.waiting.set(id, { id, at: this.time + delay, fn });
    if (delay === 0) this.flushSoon();
    this.onChange?.();
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (this.waiting.delete(handle as number)) this.onChange?.();
  }

  /** Milliseconds since the clock was made. */
  now(): number {
    return this.time;
  }

  /** How many timers are set and have neither fired nor been cleared. */
  get pending(): number {
    return this.waiting.size;
  }

  /** How long from now each pending timer is due, soonest first. */
  pendingDelays(): number[] {
    return [...this.waiting.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /**
   * Moves the clock forward by `ms`, running every timer that falls due on the way (also those the
   * callbacks set), soonest first and, at the same time, in the order they were set. While a
   * callback runs, the clock reads its due time.
   */
  advance(ms: number): void {
    const until = this.time + ms;
    for (let t = this.next(until); t; t = this.next(until)) this.fire(t);
    this.time = until;
  }

  /** The soonest timer due at or before `until`. */
  private next(until: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.waiting.values()) if (t.at <= until && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    return best;
  }

  private fire(t: Timer): void {
    this.waiting.delete(t.id);
    this.time = Math.max(this.time, t.at);
    try {
      t.fn();
    } finally {
      this.onChange?.();
    }
  }

  /** Runs the timers due now on the next turn of the event loop. */
  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.advance(0);
    });
  }
}

// Work cut into steps: a generator that yields between pieces of work (a block segmented, a sentence
// matched) and returns its result. A caller that must stay responsive resumes it a slice at a time
// (FactChecker.checkTextAsync); one that need not runs it through.

/** Runs a step generator to its end without pausing. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How an async check shares the thread (the language server passes a setImmediate-based pause). */
export interface CheckControl {
  /** Awaited between slices of work, to let other work run. */
  pause(): Promise<void>;
  /** Asked after every step: true ends the current slice (pause() is then awaited). Without it, every step is a slice. */
  due?(): boolean;
  /** Asked before starting and after every pause: true abandons the check. */
  cancelled?(): boolean;
}

/** Runs a step generator a slice at a time, pausing as `control` says; undefined when abandoned. */
export async function driveSteps<T>(steps: Generator<void, T, void>, control: CheckControl): Promise<T | undefined> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (control.due && !control.due()) continue;
    await control.pause();
    if (control.cancelled?.()) {
      steps.return(undefined as never);
      return undefined;
    }
  }
}

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

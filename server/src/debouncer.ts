// The one debouncer of the server: work on a document (re-check a draft, reload a claims file from
// the editor's text) waits until its edits pause for the document's `factCheck.checkDelay`. Each
// document has at most one piece of work pending (DocumentState.pending): a newer schedule replaces
// it, and a check started meanwhile or the document's close cancels it. (A draft's re-check runs at once and
// only its publish waits here: draft-checker.ts.)
import type { Logger, Timers } from "./deps.js";
import type { DocumentState, Pending } from "./document-state.js";

export class Debouncer {
  constructor(
    private readonly timers: Timers,
    /** The document's debounce in ms (its settings may have to be fetched from the client first). */
    private readonly delayOf: (uri: string) => Promise<number>,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs `work` once `state`'s document has gone its debounce without another schedule; `cancelled`, if given, runs
   * instead when the wait is cancelled (a newer schedule, a check started, the close): whoever waits on it is let go.
   */
  schedule(state: DocumentState, work: () => void, cancelled?: () => void): void {
    state.cancelPending();
    let done = false;
    let handle: unknown;
    const pending: Pending = {
      cancel: () => {
        if (done) return;
        done = true;
        if (handle !== undefined) this.timers.clearTimeout(handle);
        cancelled?.();
      },
    };
    state.pending = pending;
    this.delayOf(state.uri).then(
      (ms) => {
        if (done) return; // a later edit rescheduled, a check started, or the document closed
        handle = this.timers.setTimeout(() => {
          done = true;
          if (state.pending === pending) state.pending = undefined;
          work();
        }, ms);
      },
      (e) => this.logger.error(`debounce of ${state.uri}: ${String(e)}`),
    );
  }
}

// The one debouncer of the server: work on a document (re-check a draft, reload a claims file from
// the editor's text) waits until its edits pause for the document's `factCheck.checkDelay`. Each
// document has at most one piece of work pending (DocumentState.pending): a newer schedule replaces
// it, and a check started meanwhile or the document's close cancels it.
import type { Logger, Timers } from "./deps.js";
import type { DocumentState, Pending } from "./document-state.js";

export class Debouncer {
  constructor(
    private readonly timers: Timers,
    /** The document's debounce in ms (its settings may have to be fetched from the client first). */
    private readonly delayOf: (uri: string) => Promise<number>,
    private readonly logger: Logger,
  ) {}

  /** Runs `work` once `state`'s document has gone its debounce without another schedule. */
  schedule(state: DocumentState, work: () => void): void {
    state.cancelPending();
    let cancelled = false;
    let handle: unknown;
    const pending: Pending = {
      cancel: () => {
        cancelled = true;
        if (handle !== undefined) this.timers.clearTimeout(handle);
      },
    };
    state.pending = pending;
    this.delayOf(state.uri).then(
      (ms) => {
        if (cancelled) return; // a later edit rescheduled, a check started, or the document closed
        handle = this.timers.setTimeout(() => {
          if (state.pending === pending) state.pending = undefined;
          work();
        }, ms);
      },
      (e) => this.logger.error(`debounce of ${state.uri}: ${String(e)}`),
    );
  }
}

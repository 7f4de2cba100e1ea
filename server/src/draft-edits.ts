// The edits of an open draft since its last check, as one range: what the editor's incremental didChange
// events already say, so the draft's session (core/draft-session.ts) need not compare the old 1 MB text with
// the new to find it. Ranges merge by covering: the result may be wider than the true difference (a word typed
// and deleted again), never narrower, and a wider edit only re-reads more.
import type { DraftSession, EditHint } from "./core/draft-session.js";
import type { DraftEdit } from "./core/segment/incremental.js";

/**
 * `a` (text A → B) followed by the change of B's [start, end) into `length` characters (B → C): one edit A → C.
 * `a` undefined: A is B.
 */
export function mergeEdit(a: DraftEdit | undefined, start: number, end: number, length: number): DraftEdit {
  if (!a) return { start, oldEnd: end, newEnd: start + length };
  // In B the changed stretch ends at the later of the two ends; after it, B is A moved by a's length change.
  const bEnd = Math.max(a.newEnd, end);
  return { start: Math.min(a.start, start), oldEnd: a.oldEnd + (bEnd - a.newEnd), newEnd: bEnd + length - (end - start) };
}

/** One change: the document's content revision it made, and the range it replaced (undefined: the whole text). */
interface Change {
  revision: number;
  start?: number;
  end?: number;
  length?: number;
}

/**
 * The changes of one document since the text of a session's result (its base), each with the revision it made.
 * A check takes the hint at the revision it checks; when it finishes, its result is the new base and the changes
 * up to its revision go. Checks may overlap (a newer one starts while an older one runs on): a base older than
 * what was already dropped gives no hint, and the session compares the texts instead.
 */
export class EditLog {
  private changes: Change[] = [];
  private base: { session: DraftSession; id: number; revision: number } | undefined;
  /** Changes up to this revision are gone from the log. */
  private dropped = 0;

  add(revision: number, start: number | undefined, end?: number, length?: number): void {
    if (this.changes.length >= MAX_CHANGES) {
      // A draft nobody checks (its language turned off): forget, and let the next check compare.
      this.changes = [];
      this.base = undefined;
      this.dropped = revision - 1;
    }
    this.changes.push(start === undefined ? { revision } : { revision, start, end, length });
  }

  /** The edit from `session`'s result `lastId` to the text now, when the log holds every change since it. */
  hint(session: DraftSession, lastId: number | undefined): EditHint | undefined {
    const base = this.base;
    if (!base || base.session !== session || base.id !== lastId) return undefined;
    let edit: DraftEdit | undefined;
    for (const c of this.changes) {
      if (c.start === undefined) return undefined; // the whole text replaced: nothing to say
      edit = mergeEdit(edit, c.start, c.end!, c.length!);
    }
    return { after: base.id, edit };
  }

  /** `session` made result `id` (its last) from the text at `revision`: later hints count from it. */
  checked(session: DraftSession, id: number, revision: number): void {
    if (revision < this.dropped || session.lastId !== id) {
      this.base = undefined;
      return;
    }
    this.base = { session, id, revision };
    let k = 0;
    while (k < this.changes.length && this.changes[k].revision <= revision) k++;
    if (k) this.changes = this.changes.slice(k);
    this.dropped = revision;
  }

  /** A check whose text is not the document's (only its first part): no hint from its result. */
  forget(): void {
    this.base = undefined;
  }
}

/** Changes kept at most between two checks. */
const MAX_CHANGES = 512;

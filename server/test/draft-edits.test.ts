// The editor's changes as the draft session's edit hint (draft-edits.ts, DocumentState.editHint): after random
// incremental didChange events — several changes in one event, several events before a check, checks that
// never finish — the hint covers every character that differs from the session's last text, and the session
// given it finds exactly what a whole check of the same text finds. A hint for a text the session did not
// check last is never given.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { generateDraft } from "../bench/draft-gen.js";
import { findingFields } from "../bench/findings-hash.js";
import { Rng } from "../bench/timing.js";
import { DraftSession } from "../src/core/draft-session.js";
import { DocumentState } from "../src/document-state.js";
import { mergeEdit } from "../src/draft-edits.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { articleChecker } from "./helpers.js";

/** A random incremental change of `doc` as an editor sends it (its range into the text as it is). */
function randomChange(doc: TextDocument, rng: Rng): TextDocumentContentChangeEvent {
  const text = doc.getText();
  const a = rng.int(text.length + 1);
  const b = Math.min(text.length, a + (rng.chance(0.5) ? 0 : rng.int(40)));
  const inserted = rng.pick(["", " reportedly", "x", "\n", "\n\n", "Trump ruled out troops. ", "# Head\n", "- "]);
  return { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: inserted };
}

describe("the editor's changes as the session's edit hint", () => {
  it("merges changes into one edit outside which the texts are the same", () => {
    const rng = new Rng(3);
    for (let round = 0; round < 300; round++) {
      let text = "The ferry left the harbour on time. ".repeat(1 + rng.int(5));
      const base = text;
      let edit;
      for (let k = 1 + rng.int(5); k > 0; k--) {
        const a = rng.int(text.length + 1);
        const b = Math.min(text.length, a + rng.int(10));
        const s = rng.pick(["", "ab", "c", "ferry "]);
        text = text.slice(0, a) + s + text.slice(b);
        edit = mergeEdit(edit, a, b, s.length);
      }
      assert.ok(edit);
      // Outside the edit the two texts are the same.
      assert.equal(base.slice(0, edit.start), text.slice(0, edit.start));
      assert.equal(base.slice(edit.oldEnd), text.slice(edit.newEnd));
    }
  });

  it("gives the findings of a whole check after random edits, checks skipped and checks abandoned", async () => {
    const checker = await articleChecker();
    const draft = generateDraft({ bytes: 20_000, seed: 5, articleSentences: checker.claims.map((c) => c.text), articleShare: 0.3 });
    const state = new DocumentState(TextDocument.create("file:///d.md", "markdown", 1, draft));
    state.kind = "draft";
    const session = new DraftSession(checker);
    const first = session.check(state.doc.getText(), "markdown");
    state.edits.checked(session, first.id, state.revision);
    const lastText = new Map([[first.id, draft]]); // each result's text
    // A copy of the document kept in step with it: each next change of an event takes its positions from the
    // text the change before it left.
    const scratch = TextDocument.create("file:///d.md", "markdown", 1, draft);
    const rng = new Rng(11);
    let hinted = 0;
    let version = 1;
    for (let k = 0; k < 40; k++) {
      const changes = Array.from({ length: 1 + rng.int(3) }, () => {
        const c = randomChange(scratch, rng);
        TextDocument.update(scratch, [c], 0);
        return c;
      });
      state.update(changes, ++version);
      if (rng.chance(0.3)) continue; // another change before the debounce ends
      const text = state.doc.getText();
      const revision = state.revision;
      const hint = state.editHint(session);
      if (hint) {
        hinted++;
        assert.equal(hint.after, session.lastId);
        const last = lastText.get(session.lastId!)!;
        if (hint.edit) {
          assert.equal(last.slice(0, hint.edit.start), text.slice(0, hint.edit.start), "the same before the edit");
          assert.equal(last.slice(hint.edit.oldEnd), text.slice(hint.edit.newEnd), "the same after the edit");
        } else assert.equal(last, text);
      }
      if (rng.chance(0.2)) continue; // a check abandoned: the session keeps its last result, and so does the log
      const got = session.check(text, "markdown", {}, hint);
      lastText.set(got.id, text);
      state.edits.checked(session, got.id, revision);
      const whole = checker.checkText(text, "markdown").findings;
      assert.deepEqual(got.findings.map(findingFields), whole.map(findingFields), `edit ${k}`);
    }
    assert.ok(hinted >= 20, `${hinted} checks had a hint`);
  });

  it("gives no hint to another session, nor after a check of another text", async () => {
    const checker = await articleChecker();
    const state = new DocumentState(TextDocument.create("file:///d.md", "markdown", 1, "One. Two.\n"));
    state.kind = "draft";
    const session = new DraftSession(checker);
    const r = session.check(state.doc.getText(), "markdown");
    state.edits.checked(session, r.id, state.revision);
    state.update([{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: " Three." }], 2);
    assert.deepEqual(state.editHint(session)?.edit, { start: 4, oldEnd: 4, newEnd: 11 });
    // A range given end first (TextDocument applies it from the earlier position): "Two" replaced by "2": " Two" became " Three. 2".
    state.update([{ range: { start: { line: 0, character: 15 }, end: { line: 0, character: 12 } }, text: "2" }], 3);
    assert.equal(state.doc.getText(), "One. Three. 2.\n");
    assert.deepEqual(state.editHint(session)?.edit, { start: 4, oldEnd: 8, newEnd: 13 });
    assert.equal(state.editHint(new DraftSession(checker)), undefined, "another session");
    session.check("Something else.\n", "markdown"); // the session's last text is not the log's base
    assert.equal(state.editHint(session), undefined, "the session checked another text");
    state.update([{ text: "A whole new text.\n" }], 4);
    const s2 = new DraftSession(checker);
    state.edits.checked(s2, s2.check("A whole new text.\n", "markdown").id, state.revision - 1);
    assert.equal(state.editHint(s2), undefined, "a whole-text change since");
  });
});

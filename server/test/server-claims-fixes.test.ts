// The "did you mean" of a claims file as a quick fix: it writes the suggested speaker key at the
// unknown one, only while the document still has the unknown name there and the suggestion is a key
// of the file's own speakers.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { type CodeAction, CodeActionRequest, type Diagnostic } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { memoryWorkspace, startHarness, uriOf } from "./server-harness.js";

test("an unknown speaker with a near miss gets a one-click fix to the defined key; a stale or forged one gets none", async () => {
  const ws = memoryWorkspace("workspace");
  const h = await startHarness({ workspace: ws });
  try {
    const file = path.join(ws.root, "town.claims.json");
    const uri = uriOf(file);
    const broken = ws.fs.text(file).replace('"speaker": "mayor"', '"speaker": "mayr"');
    await h.open(uri, "json", broken);
    const { diagnostics } = await h.diagnostics(uri, (p) => p.diagnostics.length > 0, "claims file errors");
    const d = diagnostics.find((x) => x.message.startsWith('unknown speaker "mayr" (did you mean "mayor"?)'));
    assert.ok(d, JSON.stringify(diagnostics.map((x) => x.message)));
    const ask = async (diagnostic: Diagnostic) =>
      (await h.client.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
    const [fix, ...rest] = await ask(d);
    assert.equal(rest.length, 0);
    assert.equal(fix.title, 'Change the speaker to "mayor"');
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, "json", 1, broken), fix.edit!.changes![uri]);
    assert.equal(fixed, ws.fs.text(file), "exactly the unknown name is replaced");
    // A forged suggestion that is no key of the file, and a range that no longer holds the name: no edit.
    assert.deepEqual(await ask({ ...d, message: d.message.replace('"mayor"?', '"evil\\"}"?') }), []);
    assert.deepEqual(
      await ask({ ...d, range: { start: d.range.start, end: { ...d.range.end, character: d.range.end.character - 1 } } }),
      [],
    );
  } finally {
    await h.dispose();
  }
});

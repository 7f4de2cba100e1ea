// The requests behind the Claims view and "Check Workspace": every loaded database with its claims,
// and drafts checked from disk with their diagnostics published (an open document is left to its own check).
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { CheckFilesRequest, type FindingData, ListClaimsRequest } from "../../protocol/messages.js";
import { memoryWorkspace, startHarness, uriOf } from "./server-harness.js";

test("listClaims: each database with its claims (bundled first); checkFiles: drafts on disk get their diagnostics", async () => {
  const ws = memoryWorkspace("workspace");
  const a = path.join(ws.root, "a.md");
  const b = path.join(ws.root, "notes", "b.txt");
  ws.fs.writeFile(a, "# A\n\nTrump said American troops would be deployed to Ukraine.\n");
  ws.fs.writeFile(b, "Mayor Jane Alvarez announced that the central library will close for renovation in June.\n");
  const h = await startHarness({ workspace: ws });
  try {
    const list = await h.client.sendRequest(ListClaimsRequest, undefined);
    assert.deepEqual(
      list.databases.map((d) => d.uri === "bundled" || d.uri.endsWith("town.claims.json")),
      [true, true],
    );
    assert.equal(list.databases[0].uri, "bundled");
    assert.deepEqual(
      list.databases[1].claims.map((c) => [c.id, c.speaker.name]),
      [["town-library-closes", "Jane Alvarez"]],
    );
    const open = uriOf(path.join(ws.root, "open.md"));
    await h.open(open, "markdown", "Nothing here.\n");
    await h.diagnostics(open);
    const missing = uriOf(path.join(ws.root, "gone.md"));
    // town-notes.txt is the source text town.claims.json quotes: not a draft, not checked.
    const source = uriOf(path.join(ws.root, "town-notes.txt"));
    const result = await h.client.sendRequest(CheckFilesRequest, { uris: [uriOf(a), uriOf(b), open, missing, source] });
    assert.equal(result.checked, 2);
    assert.equal(result.findings, 2);
    assert.deepEqual(
      result.failed.map((f) => f.uri),
      [missing],
    );
    const verdicts = (uri: string) =>
      h.published
        .filter((p) => p.uri === uri)
        .at(-1)!
        .diagnostics.map((d) => (d.data as FindingData).verdict);
    assert.deepEqual(verdicts(uriOf(a)), ["contradicted"]);
    assert.deepEqual(verdicts(uriOf(b)), ["supported"]);
    assert.equal(h.published.filter((p) => p.uri === open).length, 1, "the open document is not re-published by checkFiles");
    assert.ok(!h.published.some((p) => p.uri === source), "the claims' source text is not checked");
  } finally {
    await h.dispose();
  }
});

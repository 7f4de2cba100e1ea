// The requests behind the Claims view and "Check Workspace": every loaded database with its claims,
// and drafts checked from disk with their diagnostics published (an open document is left to its own check).
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { FileChangeType } from "vscode-languageserver-protocol";
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

test("checkFiles results are withdrawn when the file, or a folder holding it, is deleted or renamed; an open document keeps its own", async () => {
  const ws = memoryWorkspace("workspace");
  const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.\n";
  const [a, b, c, d, e] = ["a.md", "drafts/b.md", "drafts/c.md", "d.md", "drafts2/e.md"].map((f) => path.join(ws.root, f));
  for (const f of [a, b, c, d, e]) ws.fs.writeFile(f, CONTRADICTED);
  const h = await startHarness({ workspace: ws });
  try {
    const result = await h.client.sendRequest(CheckFilesRequest, { uris: [a, b, c, d, e].map(uriOf) });
    assert.equal(result.findings, 5);
    const last = (uri: string) => h.published.filter((p) => p.uri === uri).at(-1)?.diagnostics.length;
    for (const f of [a, b, c, d, e]) assert.equal(last(uriOf(f)), 1, f);
    // d.md is opened afterwards: the editor's text is its truth from then on.
    await h.open(uriOf(d), "markdown", CONTRADICTED);
    await h.diagnostics(uriOf(d), (p) => p.version === 1, "the open document's own check");
    const publishedForD = h.published.filter((p) => p.uri === uriOf(d)).length;

    // a.md renamed (the deletions watcher reports its old name), the drafts/ folder deleted, d.md deleted while open.
    const claimsStatuses = h.statuses.length;
    await h.filesChanged([
      { uri: uriOf(a), type: FileChangeType.Deleted },
      { uri: uriOf(path.join(ws.root, "drafts")), type: FileChangeType.Deleted },
      { uri: uriOf(d), type: FileChangeType.Deleted },
    ]);
    await h.until(() => [a, b, c].every((f) => last(uriOf(f)) === 0), "the deleted files' results withdrawn");
    assert.equal(h.published.filter((p) => p.uri === uriOf(d)).length, publishedForD, "the open document's own results are left alone");
    // drafts/ deleted is not drafts2/: e.md keeps its results. And deleting drafts reloads no claims.
    await h.client.sendRequest(ListClaimsRequest, undefined); // a round trip: the notification was handled
    assert.equal(last(uriOf(e)), 1, "drafts2/e.md is not in the deleted drafts/");
    assert.equal(h.statuses.length, claimsStatuses, "deleting drafts does not reload the claims");
    // Checked again: published again, and withdrawn again on the next deletion.
    ws.fs.writeFile(a, CONTRADICTED);
    await h.client.sendRequest(CheckFilesRequest, { uris: [uriOf(a)] });
    assert.equal(last(uriOf(a)), 1);
    await h.filesChanged([{ uri: uriOf(a), type: FileChangeType.Deleted }]);
    await h.until(() => last(uriOf(a)) === 0, "withdrawn again");
  } finally {
    await h.dispose();
  }
});

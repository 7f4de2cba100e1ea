// A large claims file takes seconds to load and index (node/claims-worker.ts loads it in a worker thread): until it
// is in use, drafts are checked against the databases already loaded (claims-files.ts, reloadAll), and checked again
// once it is.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import type { ClaimsWorker } from "../src/node/claims-worker.js";
import { memoryWorkspace, startHarness, uriOf } from "./server-harness.js";

test("while a large claims file loads, drafts are checked against the bundled database, then again with it", async () => {
  const ws = memoryWorkspace("workspace");
  const town = path.join(ws.root, "town.claims.json");
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const asked: string[] = [];
  // A worker that takes town.claims.json for a large file and holds its load until released; then the file loads in
  // place (undefined: not for the worker), from the in-memory file system.
  const worker: ClaimsWorker = {
    isLarge: async (file) => file === town,
    load: async (req) => {
      asked.push(req.file);
      await held;
      return undefined;
    },
  };
  const h = await startHarness({ workspace: ws, deps: { claimsWorker: worker } });
  try {
    const draft = uriOf(path.join(ws.root, "draft.md"));
    await h.open(
      draft,
      "markdown",
      "Trump said American troops would be deployed to Ukraine.\n\nMayor Jane Alvarez announced that the central library will close for renovation in June.\n",
    );
    // A published diagnostic carries its claim id as its code (its data is `{ verdict }` only).
    const claimsOf = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).sort();
    const first = await h.diagnostics(draft);
    assert.deepEqual(asked, [town], "the large file went to the worker");
    assert.equal(h.statuses.at(-1)!.totalClaims, h.statuses[0].totalClaims, "only the bundled database in use");
    assert.ok(claimsOf(first).length >= 1, "the bundled claim is found meanwhile");
    assert.ok(!claimsOf(first).includes("town-library-closes"), "not yet the large file's");
    release();
    const second = await h.diagnostics(draft, (p) => claimsOf(p).includes("town-library-closes"), "diagnostics with the large file");
    assert.deepEqual(
      claimsOf(second).filter((c) => c !== "town-library-closes"),
      claimsOf(first),
      "the bundled findings stay",
    );
  } finally {
    await h.dispose();
  }
});

// The server's "Draw Claims from Source" request (protocol/messages.ts), in-process over a stream pair: an
// HTML page in, a claims file and its source text out; written into the workspace the way the client
// writes them, the watcher's notification loads them and a draft is checked against them. Bad input is
// an error that says what is wrong.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { DidChangeWatchedFilesNotification, FileChangeType } from "vscode-languageserver-protocol";
import { DrawClaimsRequest } from "../../protocol/messages.js";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { fixture } from "./helpers.js";
import { makeWorkspace, startHarness, uriOf } from "./server-harness.js";

test("drawClaims: an HTML page becomes a claims file that loads, is watched in, and checks a draft", async () => {
  const ws = makeWorkspace("workspace");
  const h = await startHarness({ workspace: ws });
  try {
    const html = readFileSync(fixture("extract", "harbor-dredging.html"), "utf8");
    const r = await h.client.sendRequest(DrawClaimsRequest, { file: "harbor.html", content: html });
    assert.equal(r.claimsFileName, "harbor.claims.json");
    assert.equal(r.sourceFileName, "harbor.txt");
    assert.match(r.summary, /^\d+ claims, \d+ speakers/);
    assert.ok(r.claims >= 4 && r.speakers >= 3, r.summary);
    writeFileSync(path.join(ws, r.sourceFileName), r.sourceText);
    const claimsPath = path.join(ws, r.claimsFileName);
    writeFileSync(claimsPath, r.claimsJson);
    const loaded = await readClaimsFile(claimsPath);
    assert.equal(loaded.claims.length, JSON.parse(r.claimsJson).claims.length);

    const before = h.statuses.at(-1)?.totalClaims ?? 0;
    await h.client.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(claimsPath), type: FileChangeType.Created }],
    });
    await h.until(() => (h.statuses.at(-1)?.totalClaims ?? 0) === before + loaded.claims.length, "the drawn claims loaded");
    const draft = uriOf(path.join(ws, "draft.md"));
    await h.open(draft, "markdown", "“The money for the second phase is simply not there yet,” Vasquez said.\n");
    await h.checked(draft, 1);
    const findings = h.events.filter((e) => e.uri === draft).at(-1)!.findings;
    assert.deepEqual(
      findings.map((f) => f.verdict),
      ["misattributed"],
    );
  } finally {
    await h.dispose();
  }
});

test("drawClaims: an existing claims file that is not JSON is an error naming the problem", async () => {
  const h = await startHarness();
  try {
    await assert.rejects(
      h.client.sendRequest(DrawClaimsRequest, { file: "a.txt", content: "Someone said that it rains.\n", previous: "{ not json" }),
      /claims file beside a\.txt is not valid JSON/,
    );
  } finally {
    await h.dispose();
  }
});

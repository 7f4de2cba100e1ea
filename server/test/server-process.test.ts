// The process entry (`npm run language-server -- --stdio`): starts, answers LSP over stdio, checks a
// draft with the bundled claims, and exits cleanly on shutdown + exit.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import { StatusNotification, type StatusParams } from "../../protocol/messages.js";

const MAIN = fileURLToPath(new URL("../src/main.js", import.meta.url));

test("main.js --stdio serves LSP and exits on shutdown/exit", async () => {
  const child = spawn(process.execPath, [MAIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const status = new Promise<StatusParams>((resolve) => conn.onNotification(StatusNotification, resolve));
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
  conn.listen();
  const deadline = setTimeout(() => child.kill(), 20_000);
  try {
    const init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {},
    });
    assert.equal(
      init.capabilities.textDocumentSync &&
        typeof init.capabilities.textDocumentSync === "object" &&
        init.capabilities.textDocumentSync.change,
      2,
    );
    assert.equal(init.capabilities.hoverProvider, true);
    await conn.sendNotification(InitializedNotification.type, {});
    const s = await status;
    assert.equal(s.state, "ready", JSON.stringify(s));
    assert.ok(s.totalClaims >= 20);
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri: "file:///x/draft.txt",
        languageId: "plaintext",
        version: 1,
        text: "Trump said American troops would be deployed to Ukraine.\n",
      },
    });
    const d = await diagnostics;
    assert.equal(d.diagnostics.length, 1);
    assert.match(d.diagnostics[0].message, /^Contradicted — the draft says /);
    await conn.sendRequest(ShutdownRequest.type);
    const exited = once(child, "exit");
    await conn.sendNotification(ExitNotification.type);
    const [code] = await exited;
    assert.equal(code, 0, stderr);
  } finally {
    clearTimeout(deadline);
    conn.dispose();
    child.kill();
  }
});

// The right speaker wins over LSP: a workspace claims file that records Karoline Leavitt saying what the
// bundled article gives to Trump makes "Karoline Leavitt ruled out …" supported by her claim — not
// misattributed to Trump, and with no "Attribute to Donald Trump" fix.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { CodeActionRequest } from "vscode-languageserver-protocol";
import { type Harness, memoryWorkspace, startHarness, uriOf } from "./server-harness.js";

const LEAVITT = "Karoline Leavitt ruled out sending American troops to Ukraine.";
const PUTIN = "Putin ruled out sending American troops to Ukraine.";

async function withBriefing(fn: (h: Harness, root: string) => Promise<void>): Promise<void> {
  const ws = memoryWorkspace("briefing");
  const h = await startHarness({ workspace: ws });
  try {
    await fn(h, ws.root);
  } finally {
    await h.dispose();
  }
}

test("a workspace claim of the named speaker wins over the bundled claim of another", () =>
  withBriefing(async (h, root) => {
    const uri = uriOf(path.join(root, "draft.md"));
    await h.open(uri, "markdown", `${LEAVITT}\n\n${PUTIN}\n`);
    const { findings } = await h.checked(uri, 1);
    assert.deepEqual(
      findings.map((f) => `${f.claim.id}:${f.verdict}`),
      ["brief-no-troops:supported", "esg-s4-no-us-troops:misattributed"],
    );
    // No fix on the first sentence offers to give Leavitt's words to Trump.
    const published = await h.diagnostics(uri, (p) => p.diagnostics.length === 2);
    const first = published.diagnostics[0];
    const actions = await h.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: first.range,
      context: { diagnostics: [first] },
    });
    const titles = (actions ?? []).map((a) => a.title);
    assert.ok(!titles.some((t) => /^Attribute to/.test(t)), `no attribution fix: ${titles.join(" | ")}`);
  }));

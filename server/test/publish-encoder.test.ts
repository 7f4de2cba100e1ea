// The stdio transport's JSON encoder: every message it writes is JSON.stringify's text, character for
// character — publishDiagnostics put together from each finding diagnostic's kept JSON included, after the
// diagnostics are reused, moved (new objects) or replaced, and whatever the URI holds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ClaimParts, findingDiagnostic, inputErrorDiagnostics } from "../src/diagnostics.js";
import { PublishJsonEncoder } from "../src/publish-encoder.js";
import { articleChecker } from "./helpers.js";

const publish = (uri: string, diagnostics: unknown[], version?: number) => ({
  jsonrpc: "2.0",
  method: "textDocument/publishDiagnostics",
  params: version === undefined ? { uri, diagnostics } : { uri, version, diagnostics },
});

describe("PublishJsonEncoder", () => {
  it("writes JSON.stringify's text for every message, publishes of kept, moved and new diagnostics included", async () => {
    const checker = await articleChecker();
    const text = checker.claims.map((c) => c.text).join("\n\n") + '\n\nTrump said "we will send troops" to Ukraine.\n';
    const doc = TextDocument.create("file:///d.md", "markdown", 1, text);
    const parts = new ClaimParts();
    const findings = checker.checkText(text, "markdown").findings;
    assert.ok(findings.length > 10);
    const diagnostics = findings.map((f) => findingDiagnostic(doc, f, DiagnosticSeverity.Warning, parts));
    const encoder = new PublishJsonEncoder();
    const same = (msg: unknown, what: string) => assert.equal(encoder.text(msg), JSON.stringify(msg), what);
    same(publish(doc.uri, diagnostics, 1), "first publish");
    same(publish(doc.uri, diagnostics, 2), "the same diagnostics again (kept JSON)");
    // Moved down a line (new objects), one replaced, one gone, a claims-file error and an odd entry beside them.
    const moved: unknown[] = diagnostics.map((d, i) =>
      i % 2
        ? {
            ...d,
            range: { start: { ...d.range.start, line: d.range.start.line + 1 }, end: { ...d.range.end, line: d.range.end.line + 1 } },
          }
        : d,
    );
    moved.splice(3, 1, { ...diagnostics[3], message: "changed" });
    moved.splice(5, 1);
    const errors = inputErrorDiagnostics(
      '{ "x": 1 }',
      [{ file: "x.claims.json", message: "bad", line: 0, character: 2, offset: 2, length: 3, path: "/x" }],
      DiagnosticSeverity.Error,
    );
    moved.push(...errors, undefined, null);
    same(publish(doc.uri, moved, 3), "moved, replaced, removed, others");
    // URIs holding quotes, the key's own text, and other characters JSON escapes.
    for (const uri of ['file:///a "diagnostics":0 b.md', "file:///\u0000\u2028é.md", 'untitled:"x"']) same(publish(uri, diagnostics), uri);
    same(publish(doc.uri, []), "no diagnostics");
    same(publish(doc.uri, [diagnostics[0]]), "one");
    same({ jsonrpc: "2.0", id: 1, result: { diagnostics: diagnostics.slice(0, 3) } }, "another message with diagnostics");
    same({ jsonrpc: "2.0", method: "factcheck/status", params: { state: "ready" } }, "another notification");
    // A document's publishes one after another, as keystrokes make them: runs of the last publish's diagnostics
    // kept at the start and the end (copied from its bytes), new or moved ones between, some removed or added.
    let list: unknown[] = diagnostics.slice();
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 60; round++) {
      const at = random(list.length + 1);
      const cut = random(4);
      const fresh = Array.from({ length: random(4) }, () => {
        const d = diagnostics[random(diagnostics.length)];
        return random(3) ? { ...d, range: { start: { line: round, character: 1 }, end: { line: round, character: 9 } } } : d;
      });
      list = [...list.slice(0, at), ...fresh, ...list.slice(at + cut)];
      if (round % 17 === 16) list = list.slice(0, random(3)); // down to none or one, then growing again
      same(publish(doc.uri, list, 10 + round), `keystroke ${round}: ${list.length} diagnostics`);
    }
    same(publish("file:///other.md", list, 1), "another document");
    // What the writer sends: the text's UTF-8 bytes.
    const bytes = await encoder.encode(publish(doc.uri, diagnostics as Diagnostic[], 4), { charset: "utf-8" });
    assert.equal(Buffer.from(bytes).toString("utf8"), JSON.stringify(publish(doc.uri, diagnostics, 4)));
  });
});

// A publish reuses the last one's diagnostics only where they still hold (diagnostic-memo.ts): after any
// edit, every diagnostic equals the one built afresh for the same finding in the edited document.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { createFactChecker } from "../src/core/checker.js";
import { DiagnosticMemo } from "../src/diagnostic-memo.js";
import { findingDiagnostic } from "../src/diagnostics.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { lexicon } from "./server-harness.js";
import { nlp } from "./helpers.js";

const SENTENCES = [
  "Trump ruled out deploying American troops to Ukraine.",
  'Trump said the United States "possesses unmatched naval capabilities."',
  "Karoline Leavitt ruled out the deployment of American troops to Ukraine.",
  "Germany, France and the United Kingdom will commit ground forces.",
  "A new coffee shop opened near the train station.",
];

test("diagnostics reused after an edit equal fresh ones, and unchanged findings are reused", async () => {
  const engine = createFactChecker({ databases: [await readBundledClaims()], lexicon: lexicon(), nlp });
  let text = SENTENCES.map((s) => `${s} ${s}`).join("\n\n") + "\n";
  const doc = TextDocument.create("file:///memo.md", "markdown", 1, text);
  const memo = new DiagnosticMemo(engine);
  const publish = () => {
    const findings = engine.checkText(text, "markdown").findings;
    assert.ok(findings.length >= 8);
    const before = memo.hits;
    const got = findings.map((f) =>
      memo.diagnostic(doc, text, f, DiagnosticSeverity.Warning, () => findingDiagnostic(doc, f, DiagnosticSeverity.Warning)),
    );
    memo.published();
    assert.deepEqual(
      got,
      findings.map((f) => findingDiagnostic(doc, f, DiagnosticSeverity.Warning)),
    );
    return { reused: memo.hits - before, findings: findings.length };
  };
  const edit = (at: number, insert: string, version: number) => {
    text = text.slice(0, at) + insert + text.slice(at);
    TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: insert }], version);
  };
  assert.equal(publish().reused, 0);
  // A word in the third paragraph: findings before it and on later lines keep their places.
  edit(text.indexOf("Karoline") + "Karoline Leavitt".length, " reportedly", 2);
  const second = publish();
  assert.ok(second.reused > 0 && second.reused < second.findings, `reused ${second.reused} of ${second.findings}`);
  // A line inserted at the top moves every finding: nothing is reused, everything is rebuilt right.
  edit(0, "# Title\n\n", 3);
  assert.equal(publish().reused, 0);
  // The same text again: everything is reused.
  const same = publish();
  assert.equal(same.reused, same.findings);
});

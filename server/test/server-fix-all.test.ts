// Minimal quick fixes and "Fix all in file" over LSP: each safe fix changes only the wrong words and
// keeps the writer's own clauses; Fix all applies exactly the safe ones, and the fixed draft re-checks
// without the problems it fixed. Also: titles that read well for every speaker, and problem-first messages.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CodeAction, CodeActionRequest, type Diagnostic, type TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { FindingData } from "../../protocol/messages.js";
import { problemFirst } from "../src/diagnostics.js";
import { type Harness, startHarness } from "./server-harness.js";

// Each sentence carries a clause of the writer's own that the record does not have.
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine, officials said.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces to the arrangement, diplomats said.";
const TEXT = `# Draft\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n`;
const URI = "file:///drafts/fix-all.md";

async function withDraft(fn: (h: Harness, diagnostics: Diagnostic[]) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    await h.open(URI, "markdown", TEXT);
    const { diagnostics } = await h.diagnostics(URI);
    await fn(h, diagnostics);
  } finally {
    await h.dispose();
  }
}

const verdictOf = (d: Diagnostic) => (d.data as FindingData).verdict;

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, "markdown", 1, text), edits);
}

async function actions(h: Harness, d: Diagnostic | undefined, only?: string[]): Promise<CodeAction[]> {
  return (await h.client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: URI },
    range: d?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: d ? [d] : [], ...(only ? { only } : {}) },
  })) as CodeAction[];
}

test("the preferred fixes change only the wrong word and keep the writer's clauses", () =>
  withDraft(async (h, diagnostics) => {
    const mis = diagnostics.find((d) => verdictOf(d) === "misattributed")!;
    const over = diagnostics.find((d) => verdictOf(d) === "overstated")!;
    assert.ok(mis && over, JSON.stringify(diagnostics.map((d) => d.message)));
    const misFix = (await actions(h, mis)).find((a) => a.isPreferred)!;
    assert.equal(misFix.title, 'Attribute to Donald Trump (replace "Karoline Leavitt")');
    assert.equal(
      apply(TEXT, misFix.edit!.changes![URI]),
      TEXT.replace("Karoline Leavitt ruled out", "Donald Trump ruled out"),
      "only the name changes; ', officials said' stays",
    );
    const overActions = await actions(h, over);
    const overFix = overActions.find((a) => a.isPreferred)!;
    assert.equal(overFix.title, 'Put back the hedge: "will" → "could"');
    assert.deepEqual(
      overFix.edit!.changes![URI].map((e) => e.newText),
      ["could"],
      "one word is written",
    );
    assert.equal(apply(TEXT, overFix.edit!.changes![URI]), TEXT.replace("will commit", "could commit"));
    // The overstated claim is the article's own reporting: titles name it as a reader would, mid-sentence.
    assert.ok(
      overActions.some((a) => a.title === "Cite the article's reporting in a footnote"),
      JSON.stringify(overActions.map((a) => a.title)),
    );
    assert.ok(!overActions.some((a) => /Cite The /.test(a.title)));
  }));

test("Fix all in file (source.fixAll.factcheck) applies the safe fixes only, and the fixed draft re-checks clean of them", () =>
  withDraft(async (h, diagnostics) => {
    assert.deepEqual(diagnostics.map(verdictOf), ["contradicted", "misattributed", "overstated"]);
    // Not among the quick fixes of a light bulb: only when asked for by kind.
    assert.ok(!(await actions(h, diagnostics[0])).some((a) => a.kind?.startsWith("source")));
    for (const only of [["source.fixAll"], ["source.fixAll.factcheck"], ["source"]]) {
      const list = await actions(h, undefined, only);
      assert.equal(list.length, 1, `${only}: ${JSON.stringify(list.map((a) => a.title))}`);
      assert.equal(list[0].kind, "source.fixAll.factcheck");
    }
    assert.deepEqual(await actions(h, undefined, ["refactor"]), []);
    const [all] = await actions(h, undefined, ["source.fixAll"]);
    const fixed = apply(TEXT, all.edit!.changes![URI]);
    // The contradicted sentence has no minimal fix: Fix all leaves it as the writer wrote it.
    assert.equal(fixed, TEXT.replace("Karoline Leavitt ruled out", "Donald Trump ruled out").replace("will commit", "could commit"));
    const version = await h.change(URI, [{ text: fixed }]);
    await h.elapse(150); // the debounce after an edit
    const after = await h.diagnostics(URI, (p) => p.version === version);
    assert.deepEqual(
      after.diagnostics.map(verdictOf),
      ["contradicted", "supported", "supported"],
      JSON.stringify(after.diagnostics.map((d) => d.message)),
    );
    // Nothing safe is left to fix: no Fix all action.
    assert.deepEqual(await actions(h, undefined, ["source.fixAll"]), []);
  }));

test("messages lead with the problem: the draft's words first, then the record's", () => {
  assert.equal(problemFirst('the record says "could"; the draft says "will"'), 'the draft says "will", not "could"');
  assert.equal(problemFirst('the record says "may"; the draft says it as certain'), 'the draft says it as certain, not "may"');
  assert.equal(
    problemFirst('the record says "ruled out … deploying"; the draft says "deployed"; also unsupported: x'),
    'the draft says "deployed", not "ruled out … deploying"; also unsupported: x',
  );
  // Any other form is kept as the core wrote it.
  assert.equal(problemFirst('the record does not say "reasonable"'), 'the record does not say "reasonable"');
});

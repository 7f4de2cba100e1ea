// The misattributed sentences' mark of their own (client/src/misattributed-mark.ts), in the real
// extension host: the ranges it decorates are exactly those of Fact Check's misattributed
// diagnostics, they follow an edit, the setting turns the mark off and on, and a fix removes it.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { test } from "./runner.js";
import {
  describeDiagnostics,
  EXTENSION_ID,
  factcheckDiagnostics,
  openUntitled,
  setSetting,
  setText,
  showRange,
  verdictOf,
  waitFor,
} from "./util.js";

const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";

/** What the extension's activate returns (client/src/extension.ts FactCheckApi; the client is not in this project). */
interface FactCheckApi {
  misattributedMarks(uri: vscode.Uri): readonly vscode.Range[];
}

function api(): FactCheckApi {
  const ext = vscode.extensions.getExtension<FactCheckApi>(EXTENSION_ID);
  assert.ok(ext?.isActive, "the extension is active");
  return ext.exports;
}

const show = (rs: readonly vscode.Range[]) => rs.map(showRange).join(", ");
const misattributed = (uri: vscode.Uri) => factcheckDiagnostics(uri).filter((d) => verdictOf(d) === "misattributed");

/** Waits until the marks equal the misattributed diagnostics' ranges, and `check` holds for them; returns them. */
async function marksMatching(uri: vscode.Uri, what: string, check: (ranges: readonly vscode.Range[]) => boolean, timeoutMs = 20_000) {
  return waitFor(
    what,
    () => {
      const expected = misattributed(uri).map((d) => d.range);
      const marks = api().misattributedMarks(uri);
      return check(expected) && show(marks) === show(expected) && marks;
    },
    { timeoutMs, describe: () => `marks: ${show(api().misattributedMarks(uri))}\n${describeDiagnostics(factcheckDiagnostics(uri))}` },
  );
}

test("misattributed sentences get a mark of their own at their diagnostics' ranges; it follows an edit, the setting and the fix", async () => {
  const { document: doc } = await openUntitled("markdown", `# Marks\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n`);
  try {
    // The first check may also wait for the server to start (when this test runs alone).
    const first = await marksMatching(doc.uri, "the misattributed sentence marked", (rs) => rs.length === 1, 90_000);
    assert.equal(doc.getText(first[0]), MISATTRIBUTED, "the mark covers the misattributed sentence");
    const contradicted = factcheckDiagnostics(doc.uri).find((d) => verdictOf(d) === "contradicted");
    assert.ok(contradicted, "the contradicted sentence is a finding too");
    assert.ok(!first.some((r) => r.intersection(contradicted.range)), "the contradicted sentence (also a Warning) has no mark");

    // An edit above moves the sentence two lines down: the mark goes with its diagnostic.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), "\nThe briefing ran late.\n");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = await marksMatching(doc.uri, "the mark moved with the sentence", (rs) => rs[0]?.start.line === first[0].start.line + 2);
    assert.equal(doc.getText(moved[0]), MISATTRIBUTED);

    // Turned off, then on again.
    try {
      await setSetting("misattributedMark", false);
      await waitFor("no mark with factCheck.misattributedMark off", () => api().misattributedMarks(doc.uri).length === 0);
      assert.equal(misattributed(doc.uri).length, 1, "the diagnostic itself stays");
    } finally {
      await setSetting("misattributedMark", undefined);
    }
    await marksMatching(doc.uri, "the mark back", (rs) => rs.length === 1);

    // The right speaker: no misattributed finding, no mark.
    await setText(doc, doc.getText().replace("Karoline Leavitt ruled out", "Donald Trump ruled out"));
    await marksMatching(doc.uri, "no mark once the speaker is fixed", (rs) => rs.length === 0);
  } finally {
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  }
}, 150_000);

test("package.json contributes the mark's colour for every kind of theme", () => {
  const colors = (
    vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { colors: { id: string; defaults: Record<string, string> }[] };
    }
  ).contributes.colors;
  const color = colors.find((c) => c.id === "factCheck.misattributedBorder");
  assert.ok(color, "factCheck.misattributedBorder is contributed");
  assert.deepEqual(Object.keys(color.defaults).sort(), ["dark", "highContrast", "highContrastLight", "light"]);
});

// A workspace claims file is watched: broken on disk or in an editor, it gets a diagnostic at the
// offending line while its last good version stays in use; repaired, the diagnostic goes.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { StatusParams } from "../../../protocol/messages.js";
import { LOCAL_CLAIMS, NOTES, NOTES_FINDING, NOTES_UNRELATED } from "./fixture.js";
import { expectFindings } from "./findings.js";
import { test } from "./runner.js";
import { closeAllEditors, describeDiagnostics, factcheckDiagnostics, fixtureUri, openFixture, setText, waitFor } from "./util.js";

/** The claims text with the comma after the first `"verb": "said"` removed, and the line the error must be on. */
function breakClaims(original: string): { broken: string; line: number } {
  const marker = '"verb": "said",';
  const lines = original.split("\n");
  const at = lines.findIndex((l) => l.includes(marker));
  assert.ok(at >= 0, `${LOCAL_CLAIMS} has no ${marker}`);
  lines[at] = lines[at].replace(marker, '"verb": "said"');
  // The parser notices the missing comma at the next property, on the following line.
  return { broken: lines.join("\n"), line: at + 1 };
}

async function expectSyntaxError(uri: vscode.Uri, line: number): Promise<void> {
  await waitFor(
    `a Fact Check error in ${LOCAL_CLAIMS} on line ${line + 1}`,
    () =>
      factcheckDiagnostics(uri).some(
        (d) => d.range.start.line === line && d.severity === vscode.DiagnosticSeverity.Error && /comma/i.test(d.message),
      ),
    { timeoutMs: 20_000, describe: () => describeDiagnostics(factcheckDiagnostics(uri)) },
  );
}

async function expectNoErrors(uri: vscode.Uri): Promise<void> {
  await waitFor(`no Fact Check errors in ${LOCAL_CLAIMS}`, () => factcheckDiagnostics(uri).length === 0, {
    timeoutMs: 20_000,
    describe: () => describeDiagnostics(factcheckDiagnostics(uri)),
  });
}

test("a workspace claims file broken on disk: error at its line, last good claims kept; repaired: cleared", async () => {
  const uri = fixtureUri(LOCAL_CLAIMS);
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const { broken, line } = breakClaims(original);
  const notes = (await openFixture(NOTES)).document;
  await expectFindings(notes, [NOTES_FINDING], NOTES_UNRELATED);
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(broken));
    await expectSyntaxError(uri, line);
    const status = await vscode.commands.executeCommand<StatusParams | undefined>("factcheck.reloadClaims");
    const local = status?.files.find((f) => f.uri.endsWith(`/${LOCAL_CLAIMS}`));
    assert.ok(local && local.errors.length > 0, `status shows no error for ${LOCAL_CLAIMS}: ${JSON.stringify(status)}`);
    assert.equal(local.errors[0].line, line);
    // The last good version is still in use.
    await expectFindings(notes, [NOTES_FINDING], NOTES_UNRELATED);
  } finally {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
  }
  await expectNoErrors(uri);
  await expectFindings(notes, [NOTES_FINDING], NOTES_UNRELATED);
});

test("a claims file edited in the editor is checked as you type (unsaved text)", async () => {
  const uri = fixtureUri(LOCAL_CLAIMS);
  const editor = await openFixture(LOCAL_CLAIMS);
  const original = editor.document.getText();
  const { line } = breakClaims(original);
  const comma = editor.document.lineAt(line - 1).text.lastIndexOf(",");
  try {
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(line - 1, comma, line - 1, comma + 1))));
    await expectSyntaxError(uri, line);
    assert.ok(editor.document.isDirty);
  } finally {
    // Put the text back explicitly (saving it unchanged), so no later test sees the broken file.
    await setText(editor.document, original);
    await editor.document.save();
    await closeAllEditors();
  }
  await expectNoErrors(uri);
});

test("a new sentence matching a workspace claim is found as it is typed", async () => {
  const notes = (await openFixture(NOTES)).document;
  const editor = vscode.window.activeTextEditor!;
  const sentence = "Tom Reyes warned that heavy trucks could still be restricted for several weeks.";
  const original = notes.getText();
  try {
    const end = notes.lineAt(notes.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, `${sentence}\n`)));
    await expectFindings(
      notes,
      [NOTES_FINDING, { sentence, verdict: "supported", severity: vscode.DiagnosticSeverity.Hint, claimId: "local-trucks-restricted" }],
      NOTES_UNRELATED,
    );
  } finally {
    await setText(notes, original);
    await notes.save();
    await closeAllEditors();
  }
  await expectFindings((await openFixture(NOTES)).document, [NOTES_FINDING], NOTES_UNRELATED);
});

// What a writer sees, in the real extension host: Fix all in file (source.fixAll.factcheck) and the
// re-check that follows it at once, the did-you-mean fix in a claims file, the project config file
// read per folder, Check Workspace filling Problems, and the Claims view being there.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { LOCAL_CLAIMS, DRAFT } from "./fixture.js";
import { test } from "./runner.js";
import {
  closeAllEditors,
  describeDiagnostics,
  factcheckDiagnostics,
  fixtureUri,
  openFixture,
  openUntitled,
  setText,
  verdictOf,
  waitFor,
} from "./util.js";

const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine, officials said.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces to the arrangement.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";

const verdicts = (uri: vscode.Uri) => factcheckDiagnostics(uri).map((d) => verdictOf(d));

test("Fix all in file applies the safe fixes only, keeps the writer's clauses, and the squiggles go at once", async () => {
  const original = `# Fix all\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n`;
  const { document: doc } = await openUntitled("markdown", original);
  try {
    await waitFor("three findings", () => verdicts(doc.uri).length === 3, {
      describe: () => describeDiagnostics(factcheckDiagnostics(doc.uri)),
    });
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await waitFor("a Fix all action", async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        "vscode.executeCodeActionProvider",
        doc.uri,
        all,
        "source.fixAll.factcheck",
      );
      return list?.find((a) => a.kind?.value === "source.fixAll.factcheck");
    });
    assert.ok(actions.edit && (await vscode.workspace.applyEdit(actions.edit)));
    // Only the speaker's name and the hedge changed; the contradicted sentence is the writer's to fix.
    assert.equal(
      doc.getText(),
      original.replace("Karoline Leavitt ruled out", "Donald Trump ruled out").replace("will commit", "could commit"),
    );
    // Re-checked as soon as the edit lands: the two fixed sentences are supported (hints, no squiggle).
    await waitFor(
      "the fixed sentences supported",
      () => JSON.stringify(verdicts(doc.uri)) === JSON.stringify(["contradicted", "supported", "supported"]),
      { timeoutMs: 10_000, describe: () => describeDiagnostics(factcheckDiagnostics(doc.uri)) },
    );
    for (const d of factcheckDiagnostics(doc.uri).filter((x) => verdictOf(x) === "supported"))
      assert.equal(d.severity, vscode.DiagnosticSeverity.Hint);
  } finally {
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  }
});

test("a misspelled speaker in a claims file: the did-you-mean is a quick fix that repairs it", async () => {
  const uri = fixtureUri(LOCAL_CLAIMS);
  const editor = await openFixture(LOCAL_CLAIMS);
  const original = editor.document.getText();
  try {
    await setText(editor.document, original.replace('"speaker": "ortiz"', '"speaker": "ortis"'));
    const d = await waitFor("the unknown-speaker error", () =>
      factcheckDiagnostics(uri).find((x) => /unknown speaker "ortis" \(did you mean "ortiz"\?\)/.test(x.message)),
    );
    const fix = await waitFor("the did-you-mean fix", async () =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, d.range))?.find(
        (a) => a.title === 'Change the speaker to "ortiz"',
      ),
    );
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(editor.document.getText(), original);
    await waitFor("no errors left", () => factcheckDiagnostics(uri).length === 0, {
      describe: () => describeDiagnostics(factcheckDiagnostics(uri)),
    });
  } finally {
    await setText(editor.document, original);
    await editor.document.save();
    await closeAllEditors();
  }
});

test("factcheck.config.json at the folder's root: its severities apply; settings the user sets override it", async () => {
  const config = fixtureUri("factcheck.config.json");
  const { document } = await openFixture(DRAFT);
  await waitFor("draft findings", () => verdicts(document.uri).includes("overstated"));
  try {
    await vscode.workspace.fs.writeFile(
      config,
      new TextEncoder().encode(JSON.stringify({ severity: { overstated: "off", contradicted: "error" } })),
    );
    await waitFor("the config file applied", () => !verdicts(document.uri).includes("overstated"), {
      timeoutMs: 20_000,
      describe: () => describeDiagnostics(factcheckDiagnostics(document.uri)),
    });
    const contradicted = factcheckDiagnostics(document.uri).find((d) => verdictOf(d) === "contradicted");
    assert.equal(contradicted?.severity, vscode.DiagnosticSeverity.Error);
    // A workspace setting wins over the file.
    await vscode.workspace.getConfiguration("factCheck").update("severity.overstated", "warning", vscode.ConfigurationTarget.Workspace);
    await waitFor("the setting over the file", () => verdicts(document.uri).includes("overstated"), { timeoutMs: 20_000 });
  } finally {
    await vscode.workspace.getConfiguration("factCheck").update("severity.overstated", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(config);
  }
  await waitFor(
    "the defaults back",
    () => factcheckDiagnostics(document.uri).find((d) => verdictOf(d) === "contradicted")?.severity === vscode.DiagnosticSeverity.Warning,
    { timeoutMs: 20_000 },
  );
});

test("Check Workspace checks a draft that is not open and fills Problems; its results go when it is renamed or deleted; the Claims view is there", async () => {
  await closeAllEditors();
  const unopened = fixtureUri("unopened-check.md");
  const renamed = fixtureUri("renamed-check.md");
  await vscode.workspace.fs.writeFile(unopened, new TextEncoder().encode(`# Not open\n\n${CONTRADICTED}\n`));
  try {
    const total = await vscode.commands.executeCommand<{ checked: number; findings: number } | undefined>("factcheck.checkWorkspace");
    assert.ok(total && total.checked >= 1, JSON.stringify(total));
    await waitFor("the unopened draft's finding in Problems", () => verdicts(unopened).includes("contradicted"), {
      timeoutMs: 20_000,
      describe: () => describeDiagnostics(factcheckDiagnostics(unopened)),
    });
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), "checked from disk, never opened");

    // Renamed: the results under the old name go (the new name is checked by the next Check Workspace) …
    await vscode.workspace.fs.rename(unopened, renamed);
    await waitFor("no finding left for the old name once renamed", () => factcheckDiagnostics(unopened).length === 0, {
      timeoutMs: 20_000,
      describe: () => describeDiagnostics(factcheckDiagnostics(unopened)),
    });
    await vscode.commands.executeCommand("factcheck.checkWorkspace");
    await waitFor("the renamed draft's finding", () => verdicts(renamed).includes("contradicted"), { timeoutMs: 20_000 });
    // … and deleted: its results go too, without a reload.
    await vscode.workspace.fs.delete(renamed);
    await waitFor("no finding left for a deleted draft", () => factcheckDiagnostics(renamed).length === 0, {
      timeoutMs: 20_000,
      describe: () => describeDiagnostics(factcheckDiagnostics(renamed)),
    });
  } finally {
    for (const u of [unopened, renamed]) await vscode.workspace.fs.delete(u).then(undefined, () => undefined);
  }
  // The Claims view is contributed and registered (VS Code makes a focus command per view).
  await vscode.commands.executeCommand("factcheck.claims.focus");
});

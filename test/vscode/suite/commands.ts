// The commands that can run headless: Reload Claims, Open Claim Source, the insert commands, the
// Search Claims picker (driven with the quick-open accept command), Restart Language Server.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";
import type { StatusParams } from "../../../protocol/messages.js";
import { bundledClaim, bundledClaimCount } from "./claims.js";
import { ARTICLE, DRAFT, DRAFT_FINDINGS, DRAFT_UNRELATED, LOCAL_CLAIMS, NOTES, NOTES_FINDING } from "./fixture.js";
import { expectFindings } from "./findings.js";
import { test } from "./runner.js";
import { closeAllEditors, openFixture, openUntitled, waitFor } from "./util.js";

const TROOPS = "esg-s4-no-us-troops";
/**
 * The article paraphrases Trump, so the quote command writes reported speech, no quotation marks:
 * `Trump ruled out deploying American troops to Ukraine (source: European-Led Security Guarantees, U.S. Contribution Through Air Support).`
 * (the claim text already names its speaker, so it is used as it stands).
 */
function troopsQuote(): string {
  const c = bundledClaim(TROOPS);
  return `${c.text.replace(/\.$/, "")} (source: ${c.title}, ${c.section}).`;
}
/** `(source: European-Led Security Guarantees, U.S. Contribution Through Air Support; Donald Trump, President of the United States)` */
function troopsCitation(): string {
  const c = bundledClaim(TROOPS);
  return `(source: ${c.title}, ${c.section}; ${c.speaker.name}, ${c.speaker.role})`;
}

test("Reload Claims reloads the bundled and the workspace databases and reports them", async () => {
  const status = await vscode.commands.executeCommand<StatusParams | undefined>("factcheck.reloadClaims");
  assert.ok(status, "reloadClaims returned nothing (is the server running?)");
  assert.equal(status.state, "ready");
  const bundled = status.files.find((f) => f.uri === "bundled" || f.uri.endsWith("/european-led-security-guarantees.claims.json"));
  assert.ok(bundled, `no bundled database in ${JSON.stringify(status.files)}`);
  assert.equal(bundled.claims, bundledClaimCount());
  const local = status.files.find((f) => f.uri.endsWith(`/${LOCAL_CLAIMS}`));
  assert.ok(local, `no ${LOCAL_CLAIMS} in ${JSON.stringify(status.files)}`);
  assert.equal(local.claims, 2);
  assert.deepEqual(local.errors, []);
  assert.equal(status.totalClaims, bundledClaimCount() + 2);
  // Still checking after the reload.
  await expectFindings((await openFixture(DRAFT)).document, DRAFT_FINDINGS, DRAFT_UNRELATED);
});

async function expectSourceOpen(file: string, quote: string): Promise<void> {
  const editor = await waitFor(`${file} to open`, () => {
    const e = vscode.window.activeTextEditor;
    return e && path.basename(e.document.uri.fsPath) === file ? e : undefined;
  });
  assert.equal(editor.document.getText(editor.selection), quote, "the selection is not the quote");
  const visible = editor.visibleRanges.some((r) => r.contains(editor.selection.start));
  assert.ok(visible || editor.visibleRanges.length === 0, "the quote is not revealed");
}

test("Open Claim Source with a claim id opens the article with the quote selected", async () => {
  await vscode.commands.executeCommand("factcheck.openClaimSource", "esg-s7-rejects-nato-membership");
  await expectSourceOpen(ARTICLE, bundledClaim("esg-s7-rejects-nato-membership").quote);
  // A workspace database's own source text.
  await vscode.commands.executeCommand("factcheck.openClaimSource", "local-trucks-restricted");
  await expectSourceOpen("local-source.txt", "heavy trucks could still be restricted for several weeks");
  await closeAllEditors();
});

test("Insert Quote with Attribution (reported speech, or a direct quote) and Insert Citation insert the documented formats", async () => {
  const { document: doc } = await openUntitled("markdown", "Intro:");
  try {
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(doc.positionAt(6), doc.positionAt(6));
    assert.equal(await vscode.commands.executeCommand("factcheck.insertQuote", TROOPS), true);
    assert.equal(doc.getText(), `Intro: ${troopsQuote()}`);

    const end = doc.positionAt(doc.getText().length);
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await vscode.commands.executeCommand("factcheck.insertCitation", TROOPS), true);
    assert.equal(doc.getText(), `Intro: ${troopsQuote()} ${troopsCitation()}`);

    // A reported claim from the workspace database; the selection is replaced.
    editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
    await vscode.commands.executeCommand("factcheck.insertQuote", "local-trucks-restricted");
    assert.equal(
      doc.getText(),
      "Tom Reyes warned that heavy trucks could still be restricted on the Harbor Bridge for several weeks (source: Harbor Bridge Reopening).",
    );

    // Only a direct claim (the source quotes the speaker) is written inside quotation marks.
    editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
    await vscode.commands.executeCommand("factcheck.insertQuote", "local-bridge-reopens-june");
    assert.equal(doc.getText(), "Lena Ortiz, Mayor of Port Lindell, said: “the Harbor Bridge will reopen to traffic in June.”");
  } finally {
    await closeAllEditors();
  }
});

test("Search Claims: results for the typed query, pick one, Insert Quote with Attribution", async () => {
  const { document: doc } = await openUntitled("markdown", "");
  try {
    // Command argument = initial query. The command resolves when the user is done with both pickers.
    let done = false;
    const run = Promise.resolve(vscode.commands.executeCommand("factcheck.searchClaims", "deployment of American troops")).finally(() => {
      done = true;
    });
    // Accept the highlighted item until the insertion happened: the first accept that finds results
    // chooses the top claim, the next one the first action (Insert Quote with Attribution).
    await waitFor(
      "the picked quote to be inserted",
      async () => {
        if (doc.getText()) return true;
        if (!done) await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
        return undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    await run;
    assert.equal(doc.getText(), troopsQuote());
  } finally {
    await vscode.commands.executeCommand("workbench.action.closeQuickOpen");
    await closeAllEditors();
  }
});

test("Restart Language Server: the server comes back and checks again", async () => {
  const { document } = await openFixture(DRAFT);
  assert.equal(await vscode.commands.executeCommand("factcheck.restartServer"), true);
  await expectFindings(document, DRAFT_FINDINGS, DRAFT_UNRELATED, 60_000);
  const notes = (await openFixture(NOTES)).document;
  await expectFindings(notes, [NOTES_FINDING], [], 30_000);
  const status = await vscode.commands.executeCommand<StatusParams | undefined>("factcheck.reloadClaims");
  assert.equal(status?.totalClaims, bundledClaimCount() + 2);
}, 90_000);

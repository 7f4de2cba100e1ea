// Quick fixes from the server, applied through VS Code: each must change exactly the text it names.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { IGNORE_CLAIM_COMMAND } from "../../../protocol/messages.js";
import { bundledClaim } from "./claims.js";
import { DRAFT, DRAFT_FINDINGS, DRAFT_UNRELATED, type ExpectedFinding, NOTES, NOTES_FINDING, NOTES_UNRELATED } from "./fixture.js";
import { diagnosticFor, expectFindings } from "./findings.js";
import { test } from "./runner.js";
import { closeAllEditors, factcheckDiagnostics, fixtureUri, openFixture, openUntitled, setSetting, setText, waitFor } from "./util.js";

const finding = (verdict: ExpectedFinding["verdict"]) => DRAFT_FINDINGS.find((f) => f.verdict === verdict)!;

async function codeActions(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<(vscode.CodeAction | vscode.Command)[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    "vscode.executeCodeActionProvider",
    doc.uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions ?? [];
}

function describeAction(a: vscode.CodeAction | vscode.Command): string {
  if (!("kind" in a) && "command" in a && typeof a.command === "string") return `command “${a.title}”`;
  const ca = a as vscode.CodeAction;
  return `“${ca.title}” [${ca.kind?.value ?? "no kind"}; diagnostics: ${(ca.diagnostics ?? []).map((x) => x.source).join(",") || "none"}]`;
}

async function findFix(doc: vscode.TextDocument, d: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  let offered: string[] = [];
  return waitFor(
    `a quick fix matching ${title}`,
    async () => {
      const actions = await codeActions(doc, d);
      offered = actions.map(describeAction);
      return actions.find((a): a is vscode.CodeAction => !(typeof a.command === "string") && title.test(a.title));
    },
    { timeoutMs: 10_000, describe: () => `offered: ${offered.join(" | ") || "(none)"}` },
  );
}

async function applyFix(fix: vscode.CodeAction): Promise<void> {
  if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), `applyEdit refused “${fix.title}”`);
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
}

/** Applies the fix titled `title` on `f`'s diagnostic in a fresh copy of `original`; returns the new text. */
async function fixInCopy(
  doc: vscode.TextDocument,
  original: string,
  f: ExpectedFinding,
  all: ExpectedFinding[],
  title: RegExp,
): Promise<string> {
  if (doc.getText() !== original) await setText(doc, original);
  await expectFindings(doc, all);
  const fix = await findFix(doc, diagnosticFor(doc, f), title);
  await applyFix(fix);
  return doc.getText();
}

test("quick fixes on a Markdown draft apply their exact edits", async () => {
  const original = (await vscode.workspace.openTextDocument(fixtureUri(DRAFT))).getText();
  const { document: doc } = await openUntitled("markdown", original);
  try {
    const contradicted = finding("contradicted");
    const replaced = await fixInCopy(
      doc,
      original,
      contradicted,
      DRAFT_FINDINGS,
      /^Replace the whole sentence with the recorded statement/,
    );
    // The recorded claim names its speaker ("Trump …"), so it replaces the sentence as it stands.
    const nato = bundledClaim(contradicted.claimId);
    assert.equal(replaced, original.replace(contradicted.sentence, nato.text));

    const misattributed = finding("misattributed");
    assert.equal(
      await fixInCopy(doc, original, misattributed, DRAFT_FINDINGS, /^Attribute to Donald Trump/),
      original.replace("Karoline Leavitt suggested", "Donald Trump suggested"),
    );

    const overstated = finding("overstated");
    // The minimal fix: the hedge goes back, nothing else changes.
    assert.equal(
      await fixInCopy(doc, original, overstated, DRAFT_FINDINGS, /^Put back the hedge: "will" → "could"$/),
      original.replace(overstated.sentence, overstated.sentence.replace("will commit", "could commit")),
    );
    assert.equal(
      await fixInCopy(doc, original, overstated, DRAFT_FINDINGS, /^Replace the whole sentence with the recorded statement/),
      // Not a "that" verb ("cited"): attributed with "According to …".
      original.replace(overstated.sentence, `According to the article's reporting, ${bundledClaim(overstated.claimId).text}`),
    );

    const label = `[^factcheck-${contradicted.claimId}]`;
    // The article paraphrases Trump: the footnote is reported speech, never a quotation.
    assert.equal(
      await fixInCopy(doc, original, contradicted, DRAFT_FINDINGS, /in a footnote$/),
      original.replace(contradicted.sentence, contradicted.sentence + label) +
        `\n${label}: ${nato.text.replace(/\.$/, "")} (${nato.speaker.name}, ${nato.speaker.role}), as reported in ${nato.title}, ${nato.section}.\n`,
    );

    const supported = finding("supported");
    const skipped = await fixInCopy(doc, original, supported, DRAFT_FINDINGS, /^Ignore this sentence/);
    // An inline comment right after the sentence: the paragraph stays one paragraph.
    assert.equal(skipped, original.replace(supported.sentence, `${supported.sentence}<!-- factcheck-ignore -->`));
    // That sentence alone is skipped from now on; the others, on its line too, keep their findings.
    await expectFindings(
      doc,
      DRAFT_FINDINGS.filter((f) => f !== supported),
      [...DRAFT_UNRELATED, supported.sentence],
    );
  } finally {
    await closeAllEditors();
  }
});

test("the plain-text citation quick fix adds a parenthetical citation", async () => {
  const original = (await vscode.workspace.openTextDocument(fixtureUri(NOTES))).getText();
  const { document: doc } = await openUntitled("plaintext", original);
  try {
    assert.equal(
      await fixInCopy(doc, original, NOTES_FINDING, [NOTES_FINDING], /after the sentence$/),
      original.replace(
        NOTES_FINDING.sentence,
        `${NOTES_FINDING.sentence} (source: Harbor Bridge Reopening; Lena Ortiz, Mayor of Port Lindell)`,
      ),
    );
    await expectFindings(doc, [NOTES_FINDING], NOTES_UNRELATED);
  } finally {
    await closeAllEditors();
  }
});

test("the ignore-claim quick fix writes factCheck.ignoredClaims and the finding goes away", async () => {
  const { document: doc } = await openFixture(DRAFT);
  await expectFindings(doc, DRAFT_FINDINGS, DRAFT_UNRELATED);
  const supported = finding("supported");
  const fix = await findFix(doc, diagnosticFor(doc, supported), /^Ignore claim /);
  assert.equal(fix.command?.command, IGNORE_CLAIM_COMMAND);
  try {
    await applyFix(fix);
    const inspected = vscode.workspace.getConfiguration("factCheck", doc.uri).inspect<string[]>("ignoredClaims");
    assert.deepEqual(inspected?.workspaceValue, [supported.claimId]);
    await expectFindings(
      doc,
      DRAFT_FINDINGS.filter((f) => f !== supported),
      [...DRAFT_UNRELATED, supported.sentence],
    );
    // Running it again does not add the id twice.
    await vscode.commands.executeCommand(IGNORE_CLAIM_COMMAND, supported.claimId, doc.uri.toString());
    assert.deepEqual(vscode.workspace.getConfiguration("factCheck", doc.uri).inspect<string[]>("ignoredClaims")?.workspaceValue, [
      supported.claimId,
    ]);
  } finally {
    await setSetting("ignoredClaims", undefined);
  }
  await expectFindings(doc, DRAFT_FINDINGS, DRAFT_UNRELATED);
  assert.ok(factcheckDiagnostics(doc.uri).length >= DRAFT_FINDINGS.length);
});

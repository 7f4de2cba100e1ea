// Diagnostics on the fixture drafts (exact ranges, verdicts, severities), hovers, and settings
// that change them.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { bundledClaim } from "./claims.js";
import { DRAFT, DRAFT_FINDINGS, DRAFT_UNRELATED, NOTES, NOTES_FINDING, NOTES_UNRELATED } from "./fixture.js";
import { expectFindings } from "./findings.js";
import { test } from "./runner.js";
import { hoverText, openFixture, rangeOf, setLegacySetting, setSetting, waitFor } from "./util.js";

test("draft.md: each checked sentence gets its verdict, at its exact range, with its severity", async () => {
  const { document } = await openFixture(DRAFT);
  // The first check also waits for the server to start and load WordNet and the claims.
  await expectFindings(document, DRAFT_FINDINGS, DRAFT_UNRELATED, 90_000);
}, 100_000);

test("notes.txt (plain text): a claim from the workspace's local.claims.json is found", async () => {
  const { document } = await openFixture(NOTES);
  assert.equal(document.languageId, "plaintext");
  await expectFindings(document, [NOTES_FINDING], NOTES_UNRELATED);
});

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return waitFor(`a Fact Check hover at ${position.line}:${position.character}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position);
    const text = hoverText(hovers);
    return /Reported by|Quoted words/.test(text) ? text : undefined;
  });
}

test("hover on a finding shows the speaker, role and the source's words, labelled quoted or reported", async () => {
  const { document } = await openFixture(DRAFT);
  const contradicted = DRAFT_FINDINGS.find((f) => f.verdict === "contradicted")!;
  const r = rangeOf(document, contradicted.sentence);
  const text = await hoverAt(document.uri, r.start.translate(0, 8));
  const claim = bundledClaim(contradicted.claimId);
  // The article paraphrases: its words are labelled as its report, not as Trump's quoted words.
  for (const part of [claim.speaker.name, claim.speaker.role, `Reported by ${claim.title}:** ${claim.quote}`, "Contradicted"]) {
    assert.ok(text.includes(part), `hover lacks “${part}”:\n${text}`);
  }
  assert.ok(!text.includes("Quoted words"), `a paraphrase shown as quoted words:\n${text}`);

  // The workspace database quotes Lena Ortiz directly.
  const notes = (await openFixture(NOTES)).document;
  const local = await hoverAt(notes.uri, rangeOf(notes, NOTES_FINDING.sentence).start.translate(0, 20));
  for (const part of ["Lena Ortiz", "Mayor of Port Lindell", "Quoted words:** “the Harbor Bridge will reopen to traffic in June”"]) {
    assert.ok(local.includes(part), `hover lacks “${part}”:\n${local}`);
  }

  // No card over a sentence that matches nothing.
  const unrelated = rangeOf(document, DRAFT_UNRELATED[1]).start.translate(0, 5);
  const none = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, unrelated);
  assert.ok(!/Reported by|Quoted words/.test(hoverText(none)), `unexpected hover over an unrelated sentence:\n${hoverText(none)}`);
});

test("severity settings: a verdict can be shown as a hint or turned off, and back", async () => {
  const { document } = await openFixture(DRAFT);
  const hinted = DRAFT_FINDINGS.map((f) => (f.verdict === "contradicted" ? { ...f, severity: vscode.DiagnosticSeverity.Hint } : f));
  try {
    await setSetting("severity.contradicted", "hint");
    await expectFindings(document, hinted, DRAFT_UNRELATED);
    await setSetting("severity.supported", "off");
    await expectFindings(
      document,
      hinted.filter((f) => f.verdict !== "supported"),
      [...DRAFT_UNRELATED, DRAFT_FINDINGS[0].sentence],
    );
  } finally {
    await setSetting("severity.contradicted", undefined);
    await setSetting("severity.supported", undefined);
  }
  await expectFindings(document, DRAFT_FINDINGS, DRAFT_UNRELATED);
});

test("a setting under its old key (factcheck.severity.contradicted) still applies while the new key is unset; the new key wins", async () => {
  const { document } = await openFixture(DRAFT);
  const as = (severity: vscode.DiagnosticSeverity) => DRAFT_FINDINGS.map((f) => (f.verdict === "contradicted" ? { ...f, severity } : f));
  try {
    await setLegacySetting("severity.contradicted", "hint");
    await expectFindings(document, as(vscode.DiagnosticSeverity.Hint), DRAFT_UNRELATED);
    await setSetting("severity.contradicted", "error");
    await expectFindings(document, as(vscode.DiagnosticSeverity.Error), DRAFT_UNRELATED);
  } finally {
    await setLegacySetting("severity.contradicted", undefined);
    await setSetting("severity.contradicted", undefined);
  }
  await expectFindings(document, DRAFT_FINDINGS, DRAFT_UNRELATED);
});

test("factCheck.languages: dropping plaintext stops checking notes.txt; restoring it brings the findings back", async () => {
  const notes = (await openFixture(NOTES)).document;
  await expectFindings(notes, [NOTES_FINDING], NOTES_UNRELATED);
  try {
    await setSetting("languages", ["markdown"]);
    await expectFindings(notes, [], [...NOTES_UNRELATED, NOTES_FINDING.sentence], 60_000);
    // Markdown is still checked.
    await expectFindings((await openFixture(DRAFT)).document, DRAFT_FINDINGS, DRAFT_UNRELATED, 60_000);
  } finally {
    await setSetting("languages", undefined);
  }
  await expectFindings((await openFixture(NOTES)).document, [NOTES_FINDING], NOTES_UNRELATED, 60_000);
}, 150_000);

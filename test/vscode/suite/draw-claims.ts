// "Fact Check: Draw Claims from Source…" run for real in the extension host: on the active editor's
// source it writes NAME.claims.json beside it (valid, verbatim quotes at their offsets), reports
// what it drew, and the workspace watcher loads the file so that a draft quoting the source is
// checked against it at once. The source and the draft are written here (the suite's own text) and
// removed afterwards, and the test waits until the drawn claims are unloaded, so no later test sees them.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { DrawClaimsResult, StatusParams } from "../../../protocol/messages.js";
import { test } from "./runner.js";
import { closeAllEditors, describeDiagnostics, factcheckDiagnostics, fixtureUri, openFixture, verdictOf, waitFor } from "./util.js";

const SOURCE = "library-vote.txt";
const CLAIMS = "library-vote.claims.json";
const DRAFT = "library-draft.md";
const OKAFOR_QUOTE = "“We will keep the children’s room open in a temporary space downtown,”";
const SOURCE_TEXT = [
  "Library Renovation Vote",
  `City librarian Marta Okafor said on Monday that the central library would close for renovation in June. ${OKAFOR_QUOTE} Okafor said.`,
  "Councillor Ben Adeyemi questioned the cost of the plan. “The estimate has doubled in a single year,” Adeyemi said.",
  "",
].join("\n");
const QUOTED = "“We will keep the children’s room open in a temporary space downtown,” Okafor said.";
const GIVEN_TO_ADEYEMI = "Adeyemi said: “We will keep the children’s room open in a temporary space downtown.”";
const EMPTY_DB = `{ "version": 1, "title": "emptied by the test", "speakers": {}, "claims": [] }\n`;
const DRAFT_TEXT = `# Notes on the library\n\n${QUOTED}\n\n${GIVEN_TO_ADEYEMI}\n`;

interface DrawnClaim {
  id: string;
  speaker: string;
  quote: string;
  start: number;
  end: number;
  quoteKind: string;
}

const write = (name: string, text: string) => vscode.workspace.fs.writeFile(fixtureUri(name), new TextEncoder().encode(text));
const read = async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(name)));

test("Draw Claims from Source: writes NAME.claims.json, reports what it drew, and a draft re-checks against it", async () => {
  const before = await vscode.commands.executeCommand<StatusParams | undefined>("factcheck.reloadClaims");
  assert.ok(before, "reloadClaims returned nothing (is the server running?)");
  await write(SOURCE, SOURCE_TEXT);
  const draftUri = fixtureUri(DRAFT);
  try {
    await openFixture(SOURCE);
    const result = await vscode.commands.executeCommand<(DrawClaimsResult & { message: string }) | undefined>("factcheck.drawClaims");
    assert.ok(result, "the command returned nothing (it failed or found no source)");
    assert.equal(result.claimsFileName, CLAIMS);

    // the written file: the loader's shape, the source text stored beside it, verbatim quotes
    const db = JSON.parse(await read(CLAIMS)) as {
      version: number;
      source: { file: string };
      speakers: Record<string, { name: string }>;
      claims: DrawnClaim[];
    };
    assert.equal(db.version, 1);
    assert.equal(db.source.file, SOURCE);
    const text = await read(db.source.file);
    for (const c of db.claims) assert.equal(text.slice(c.start, c.end), c.quote, `claim ${c.id}: quote not at its offsets`);
    const okafor = db.claims.find((c) => c.quote === OKAFOR_QUOTE);
    assert.ok(okafor, `no claim quotes ${OKAFOR_QUOTE}: ${JSON.stringify(db.claims.map((c) => c.quote))}`);
    assert.equal(okafor.quoteKind, "direct");
    assert.equal(db.speakers[okafor.speaker]?.name, "Marta Okafor");
    assert.ok(
      db.claims.some((c) => c.quote.includes("The estimate has doubled") && /Adeyemi$/.test(db.speakers[c.speaker]?.name ?? "")),
      "Adeyemi's quote is not his",
    );

    // the summary the user is shown counts what the file holds
    const attributed = db.claims.filter((c) => c.speaker !== "reporting").length;
    const speakers = Object.keys(db.speakers).filter((k) => k !== "reporting").length;
    assert.match(result.message, new RegExp(`^Fact Check: ${CLAIMS.replace(/\./g, "\\.")}: ${attributed} claims, ${speakers} speakers\\b`));
    assert.equal(speakers, 2);
    assert.ok(attributed >= 3, `only ${attributed} attributed claims`);
    // and the claims file is open for review
    await waitFor("the drawn claims file in the active editor", () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${CLAIMS}`),
    );

    // the watcher loaded it: a draft quoting the source is checked against the drawn claims
    await write(DRAFT, DRAFT_TEXT);
    const draft = (await openFixture(DRAFT)).document;
    const at = (sentence: string) => draft.positionAt(DRAFT_TEXT.indexOf(sentence)).line;
    const verdictAt = (line: number) =>
      factcheckDiagnostics(draftUri).find(
        (d) => d.range.start.line === line && (typeof d.code === "object" ? d.code.value : d.code) === okafor.id,
      );
    await waitFor(
      "supported and misattributed findings against the drawn claim",
      () => {
        const a = verdictAt(at(QUOTED)),
          b = verdictAt(at(GIVEN_TO_ADEYEMI));
        return a && b && verdictOf(a) === "supported" && verdictOf(b) === "misattributed";
      },
      { timeoutMs: 30_000, describe: () => describeDiagnostics(factcheckDiagnostics(draftUri)) },
    );
  } finally {
    // VS Code keeps a closed document open for a while, and the server goes on using an open claims
    // document's text: empty it first, so what lingers holds no claims, then remove the files
    const claimsDoc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(`/${CLAIMS}`));
    if (claimsDoc) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(claimsDoc.uri, new vscode.Range(0, 0, claimsDoc.lineCount, 0), EMPTY_DB);
      await vscode.workspace.applyEdit(edit);
      await claimsDoc.save();
    }
    await closeAllEditors();
    for (const name of [CLAIMS, SOURCE, DRAFT]) await vscode.workspace.fs.delete(fixtureUri(name)).then(undefined, () => undefined);
  }
  // the drawn claims are unloaded: the workspace holds the claims it held before
  let last: StatusParams | undefined;
  await waitFor(
    "the claims loaded before the draw, and no error",
    async () => {
      last = await vscode.commands.executeCommand<StatusParams | undefined>("factcheck.reloadClaims");
      return !!last && last.state === "ready" && last.totalClaims === before.totalClaims;
    },
    { describe: () => JSON.stringify(last) },
  );
});

// Quick fixes over LSP: each action's edit is applied to the document text and the WHOLE result is
// compared, so an action that touches anything but the intended words fails.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CodeAction, CodeActionRequest, type Diagnostic, type TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { FindingData } from "../src/protocol/index.js";
import { type Harness, startHarness } from "./server-harness.js";

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces.";

const FOOTNOTE =
  '[^factcheck-esg-s4-no-us-troops]: Donald Trump (President of the United States), ruled out: "firmly ruling out the deployment of American troops to Ukraine" — European-Led Security Guarantees, U.S. Contribution Through Air Support.';

async function withServer(fn: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    await fn(h);
  } finally {
    await h.dispose();
  }
}

/** Opens a draft and returns its diagnostics keyed by verdict, plus helpers to ask for and apply actions. */
async function draft(h: Harness, uri: string, languageId: string, text: string) {
  await h.open(uri, languageId, text);
  const { diagnostics } = await h.diagnostics(uri);
  const byVerdict = (v: string): Diagnostic => {
    const d = diagnostics.find((x) => (x.data as FindingData).verdict === v);
    assert.ok(d, `a ${v} diagnostic in ${JSON.stringify(diagnostics.map((x) => x.message))}`);
    return d;
  };
  const actions = async (d: Diagnostic): Promise<CodeAction[]> =>
    (await h.client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const apply = (a: CodeAction, base = text): string => {
    const edits: TextEdit[] = a.edit?.changes?.[uri] ?? [];
    assert.ok(edits.length, `${a.title} has edits for the document`);
    assert.deepEqual(Object.keys(a.edit!.changes!), [uri], "edits touch only this document");
    return TextDocument.applyEdits(TextDocument.create(uri, languageId, 1, base), edits);
  };
  const titled = (list: CodeAction[], prefix: string): CodeAction => {
    const a = list.find((x) => x.title.startsWith(prefix));
    assert.ok(a, `an action "${prefix}…" in ${JSON.stringify(list.map((x) => x.title))}`);
    return a;
  };
  return { diagnostics, byVerdict, actions, apply, titled };
}

const MD = `# Draft

${SUPPORTED}

${CONTRADICTED}

${MISATTRIBUTED}

${OVERSTATED}
`;

test("Markdown: footnote citation, corrections and ignore actions change exactly the intended text", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/fix.md";
    const d = await draft(h, uri, "markdown", MD);

    const supported = await d.actions(d.byVerdict("supported"));
    assert.deepEqual(
      supported.map((a) => a.title),
      ["Cite Donald Trump in a footnote", "Ignore this sentence (factcheck-ignore-next-line)", "Ignore claim esg-s4-no-us-troops in this workspace"],
    );
    assert.equal(
      d.apply(d.titled(supported, "Cite")),
      `# Draft\n\n${SUPPORTED}[^factcheck-esg-s4-no-us-troops]\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n\n${FOOTNOTE}\n`,
    );
    assert.equal(
      d.apply(d.titled(supported, "Ignore this sentence")),
      `# Draft\n\n<!-- factcheck-ignore-next-line -->\n${SUPPORTED}\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n`,
    );
    const ignoreClaim = d.titled(supported, "Ignore claim");
    assert.equal(ignoreClaim.edit, undefined);
    assert.deepEqual(ignoreClaim.command, { title: "Ignore claim esg-s4-no-us-troops in this workspace", command: "factcheck.ignoreClaim", arguments: ["esg-s4-no-us-troops", uri] });

    const contradicted = await d.actions(d.byVerdict("contradicted"));
    const replace = d.titled(contradicted, "Replace with the recorded statement");
    assert.equal(replace.isPreferred, true);
    assert.equal(d.apply(replace), `# Draft\n\n${SUPPORTED}\n\n${SUPPORTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n`);

    const misattributed = await d.actions(d.byVerdict("misattributed"));
    const attribute = d.titled(misattributed, "Attribute to Donald Trump");
    assert.equal(attribute.title, 'Attribute to Donald Trump (replace "Karoline Leavitt")');
    assert.equal(
      d.apply(attribute),
      `# Draft\n\n${SUPPORTED}\n\n${CONTRADICTED}\n\nDonald Trump ruled out the deployment of American troops to Ukraine.\n\n${OVERSTATED}\n`,
    );
    assert.ok(!misattributed.some((a) => a.title.startsWith("Replace with")), "misattributed gets the speaker fix, not a rewrite");

    const overstated = await d.actions(d.byVerdict("overstated"));
    assert.equal(
      d.apply(d.titled(overstated, "Replace with the recorded statement")),
      `# Draft\n\n${SUPPORTED}\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\nAccording to the article's reporting, France, Germany and the United Kingdom could commit resources, including possible ground forces, to such an arrangement.\n`,
    );
  }));

test("Markdown: the footnote definition is not duplicated, and joins an existing footnote block", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/cited.md";
    const text = `${SUPPORTED}[^factcheck-esg-s4-no-us-troops] ${CONTRADICTED}\n\n${FOOTNOTE}\n`;
    const d = await draft(h, uri, "markdown", text);
    const cite = d.titled(await d.actions(d.byVerdict("contradicted")), "Cite");
    assert.equal(d.apply(cite), `${SUPPORTED}[^factcheck-esg-s4-no-us-troops] ${CONTRADICTED}[^factcheck-esg-s4-no-us-troops]\n\n${FOOTNOTE}\n`);
    // Already cited right after the sentence: no citation action.
    const supportedActions = await d.actions(d.byVerdict("supported"));
    assert.ok(!supportedActions.some((a) => a.title.startsWith("Cite")));

    const uri2 = "file:///drafts/block.md";
    const other = "[^other]: Some other note.";
    const text2 = `${MISATTRIBUTED}\n\n${other}`;
    const d2 = await draft(h, uri2, "markdown", text2);
    const cite2 = d2.titled(await d2.actions(d2.byVerdict("misattributed")), "Cite");
    assert.equal(d2.apply(cite2), `${MISATTRIBUTED}[^factcheck-esg-s4-no-us-troops]\n\n${other}\n${FOOTNOTE}\n`);
  }));

test("the ignore-next-line comment really silences the sentence", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/ignore.md";
    const d = await draft(h, uri, "markdown", MD);
    const action = d.titled(await d.actions(d.byVerdict("contradicted")), "Ignore this sentence");
    const edit = action.edit!.changes![uri];
    const version = await h.change(uri, edit.map((e) => ({ range: e.range, text: e.newText })));
    const { diagnostics } = await h.diagnostics(uri, (p) => p.version === version);
    assert.deepEqual(diagnostics.map((x) => (x.data as FindingData).verdict), ["supported", "misattributed", "overstated"]);
  }));

test("plain text: a parenthetical citation after the sentence", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/fix.txt";
    const text = `${SUPPORTED} ${OVERSTATED}\n`;
    const d = await draft(h, uri, "plaintext", text);
    const supported = await d.actions(d.byVerdict("supported"));
    assert.deepEqual(supported.map((a) => a.title), ["Cite Donald Trump after the sentence", "Ignore claim esg-s4-no-us-troops in this workspace"]);
    assert.equal(d.apply(supported[0]), `${SUPPORTED} (Donald Trump, President of the United States, European-Led Security Guarantees) ${OVERSTATED}\n`);
    const overstated = await d.actions(d.byVerdict("overstated"));
    assert.equal(
      d.apply(d.titled(overstated, "Cite")),
      `${SUPPORTED} ${OVERSTATED} (The article's reporting, unattributed reporting by the article, European-Led Security Guarantees)\n`,
    );
  }));

test("no quick fix from a stale diagnostic whose sentence has changed", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/stale.md";
    const d = await draft(h, uri, "markdown", `${CONTRADICTED}\n`);
    const stale = d.byVerdict("contradicted");
    const version = await h.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, text: "Mr Trump" }]);
    await h.diagnostics(uri, (p) => p.version === version);
    assert.deepEqual(await d.actions(stale), []);
  }));

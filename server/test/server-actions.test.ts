// Quick fixes over LSP: each action's edit is applied to the document text and the WHOLE result is
// compared, so an action that touches anything but the intended words fails.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { type CodeAction, CodeActionRequest, type Diagnostic, DiagnosticSeverity, type TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { newSegmenter } from "./helpers.js";
import type { Claim, Finding, QuotedSpan, Verdict } from "../src/core/types.js";
import { findingData, findingDiagnostic } from "../src/diagnostics.js";
import type { FindingData } from "../../protocol/messages.js";
import { FIXTURES, type Harness, memoryWorkspace, startHarness } from "./server-harness.js";

const segmenter = newSegmenter();

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces.";

const LABEL = "[^factcheck-esg-s4-no-us-troops]";
/** The article paraphrases Trump, so the footnote is reported speech: no quotation marks. */
const FOOTNOTE = `${LABEL}: Trump ruled out deploying American troops to Ukraine (Donald Trump, President of the United States), as reported in European-Led Security Guarantees, U.S. Contribution Through Air Support.`;
const IGNORE = "<!-- factcheck-ignore -->";

async function withServer(fn: (h: Harness) => Promise<void>, opts: Parameters<typeof startHarness>[0] = {}): Promise<void> {
  const h = await startHarness(opts);
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
  const byVerdict = (v: string, nth = 0): Diagnostic => {
    const d = diagnostics.filter((x) => (x.data as FindingData).verdict === v)[nth];
    assert.ok(d, `a ${v} diagnostic in ${JSON.stringify(diagnostics.map((x) => x.message))}`);
    return d;
  };
  const actions = async (d: Diagnostic): Promise<CodeAction[]> =>
    (await h.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
  const apply = (a: CodeAction, base = text): string => {
    const edits: TextEdit[] = a.edit?.changes?.[uri] ?? [];
    assert.ok(edits.length, `${a.title} has edits for the document`);
    assert.deepEqual(Object.keys(a.edit!.changes!), [uri], "edits touch only this document");
    const doc = TextDocument.create(uri, languageId, 1, base);
    for (const e of edits) assertInside(doc, e);
    return TextDocument.applyEdits(doc, edits);
  };
  const titled = (list: CodeAction[], prefix: string): CodeAction => {
    const a = list.find((x) => x.title.startsWith(prefix));
    assert.ok(a, `an action "${prefix}…" in ${JSON.stringify(list.map((x) => x.title))}`);
    return a;
  };
  /** The document's text at a diagnostic's range: the sentence it was published for. */
  const sentence = (x: Diagnostic): string => {
    const doc = TextDocument.create(uri, languageId, 1, text);
    return text.slice(doc.offsetAt(x.range.start), doc.offsetAt(x.range.end));
  };
  /** What the server rebuilds for its quick fixes (diagnostics are published without it). */
  const data = (x: Diagnostic): FindingData => {
    const found = h.findingDataOf(uri, text, x);
    assert.ok(found, `the server's findings hold the diagnostic's: ${x.message}`);
    return found;
  };
  return { diagnostics, byVerdict, actions, apply, titled, sentence, data };
}

/** The text of `base` at each diagnostic's range. */
const sentencesIn = (base: string, diagnostics: readonly Diagnostic[]) => {
  const doc = TextDocument.create("file:///x", "plaintext", 1, base);
  return diagnostics.map((x) => base.slice(doc.offsetAt(x.range.start), doc.offsetAt(x.range.end)));
};

/** Both ends of the edit are real positions of `doc` (not clamped by it). */
function assertInside(doc: TextDocument, e: TextEdit): void {
  for (const p of [e.range.start, e.range.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lineCount && p.character >= 0, `${JSON.stringify(p)} inside the document`);
    assert.deepEqual(doc.positionAt(doc.offsetAt(p)), p, `${JSON.stringify(p)} is a position of the document`);
  }
}

/** The kinds of line break in `text`. */
const breaks = (text: string): string[] => [...new Set(text.match(/\r\n|\r|\n/g) ?? [])];

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
      ["Cite Donald Trump in a footnote", `Ignore this sentence (${IGNORE})`, "Ignore claim esg-s4-no-us-troops in this workspace"],
    );
    assert.equal(
      d.apply(d.titled(supported, "Cite")),
      `# Draft\n\n${SUPPORTED}${LABEL}\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n\n${FOOTNOTE}\n`,
    );
    // The comment goes inline, right after the sentence: no line is added, no block is split.
    assert.equal(
      d.apply(d.titled(supported, "Ignore this sentence")),
      `# Draft\n\n${SUPPORTED}${IGNORE}\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n`,
    );
    const ignoreClaim = d.titled(supported, "Ignore claim");
    assert.equal(ignoreClaim.edit, undefined);
    assert.deepEqual(ignoreClaim.command, {
      title: "Ignore claim esg-s4-no-us-troops in this workspace",
      command: "factcheck.ignoreClaim",
      arguments: ["esg-s4-no-us-troops", uri],
    });

    const contradicted = await d.actions(d.byVerdict("contradicted"));
    const replace = d.titled(contradicted, "Replace the whole sentence with the recorded statement");
    // It drops the writer's own words: offered, said so in its title, never preferred nor applied by "Fix all".
    assert.equal(replace.isPreferred, false);
    assert.equal(replace.data, undefined);
    // The claim text names its speaker ("Trump …"): it is the reported statement as it stands.
    assert.equal(d.apply(replace), `# Draft\n\n${SUPPORTED}\n\n${SUPPORTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n`);

    const misattributed = await d.actions(d.byVerdict("misattributed"));
    const attribute = d.titled(misattributed, "Attribute to Donald Trump");
    assert.equal(attribute.title, 'Attribute to Donald Trump (replace "Karoline Leavitt")');
    assert.equal(
      d.apply(attribute),
      `# Draft\n\n${SUPPORTED}\n\n${CONTRADICTED}\n\nDonald Trump ruled out the deployment of American troops to Ukraine.\n\n${OVERSTATED}\n`,
    );
    assert.ok(!misattributed.some((a) => a.title.startsWith("Replace")), "misattributed gets the speaker fix, not a rewrite");

    const overstated = await d.actions(d.byVerdict("overstated"));
    // The minimal fix: only "will" changes, back to the record's "could"; the writer's clause stays.
    const hedge = d.titled(overstated, "Put back the hedge");
    assert.equal(hedge.title, 'Put back the hedge: "will" → "could"');
    assert.equal(hedge.isPreferred, true);
    assert.equal(
      d.apply(hedge),
      `# Draft\n\n${SUPPORTED}\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED.replace("will", "could")}\n`,
    );
    assert.equal(
      d.apply(d.titled(overstated, "Replace the whole sentence with the recorded statement")),
      `# Draft\n\n${SUPPORTED}\n\n${CONTRADICTED}\n\n${MISATTRIBUTED}\n\nAccording to the article's reporting, France, Germany and the United Kingdom could commit resources, including possible ground forces, to such an arrangement.\n`,
    );
    for (const a of [...supported, ...contradicted, ...misattributed, ...overstated]) {
      if (a.edit) assert.doesNotMatch(d.apply(a), /["“”]/, `${a.title}: the article paraphrases, so no fix writes quotation marks`);
    }
  }));

test("Markdown: the footnote definition is not duplicated, joins an existing footnote block, and is never checked itself", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/cited.md";
    const text = `${SUPPORTED}${LABEL} ${CONTRADICTED}\n\n${FOOTNOTE}\n`;
    const d = await draft(h, uri, "markdown", text);
    // The definition restates the claim, but it is our citation, not prose: no finding on it.
    assert.deepEqual(
      d.diagnostics.map((x) => x.range.start.line),
      [0, 0],
    );
    // The footnote reference is markup: it stays with the sentence it cites and is not a word of it.
    assert.equal(d.sentence(d.byVerdict("supported")), SUPPORTED + LABEL);
    assert.equal(d.data(d.byVerdict("supported")).sentence, SUPPORTED + LABEL);
    const cite = d.titled(await d.actions(d.byVerdict("contradicted")), "Cite");
    assert.equal(d.apply(cite), `${SUPPORTED}${LABEL} ${CONTRADICTED}${LABEL}\n\n${FOOTNOTE}\n`);
    // Already cited right after the sentence: no citation action.
    const supportedActions = await d.actions(d.byVerdict("supported"));
    assert.ok(!supportedActions.some((a) => a.title.startsWith("Cite")));
    // A forged diagnostic over the definition line gets no fix.
    const forged = { ...d.byVerdict("supported"), range: { start: { line: 2, character: 33 }, end: { line: 2, character: 88 } } };
    forged.data = { ...d.data(d.byVerdict("supported")), sentence: FOOTNOTE.slice(33, 88) };
    assert.deepEqual(await d.actions(forged), []);

    const uri2 = "file:///drafts/block.md";
    const other = "[^other]: Some other note.";
    const text2 = `${MISATTRIBUTED}\n\n${other}`;
    const d2 = await draft(h, uri2, "markdown", text2);
    const cite2 = d2.titled(await d2.actions(d2.byVerdict("misattributed")), "Cite");
    assert.equal(d2.apply(cite2), `${MISATTRIBUTED}${LABEL}\n\n${other}\n${FOOTNOTE}\n`);
  }));

test("Markdown: a footnote definition never lands inside a code fence or comment left open at the end", () =>
  withServer(async (h) => {
    const fence = "```js\nconst draft = true;\n";
    const d = await draft(h, "file:///drafts/fence.md", "markdown", `${SUPPORTED}\n${fence}`);
    assert.equal(d.apply(d.titled(await d.actions(d.byVerdict("supported")), "Cite")), `${SUPPORTED}${LABEL}\n\n${FOOTNOTE}\n\n${fence}`);

    const comment = "<!-- notes to self\nstill open";
    const d2 = await draft(h, "file:///drafts/comment.md", "markdown", `${SUPPORTED}\n\n${comment}`);
    assert.equal(
      d2.apply(d2.titled(await d2.actions(d2.byVerdict("supported")), "Cite")),
      `${SUPPORTED}${LABEL}\n\n${FOOTNOTE}\n\n${comment}`,
    );

    // A closed fence at the end: the definition goes after it, as usual.
    const closed = "```\ncode\n```\n";
    const d3 = await draft(h, "file:///drafts/closed.md", "markdown", `${SUPPORTED}\n\n${closed}`);
    assert.equal(
      d3.apply(d3.titled(await d3.actions(d3.byVerdict("supported")), "Cite")),
      `${SUPPORTED}${LABEL}\n\n${closed}\n${FOOTNOTE}\n`,
    );
  }));

test("CRLF and lone-CR drafts: every inserted line break is the draft's own", () =>
  withServer(async (h) => {
    for (const eol of ["\r\n", "\r"]) {
      const name = eol === "\r" ? "cr" : "crlf";
      const text = `# Draft${eol}${eol}${SUPPORTED}${eol}${eol}${CONTRADICTED}${eol}`;
      const d = await draft(h, `file:///drafts/${name}.md`, "markdown", text);
      const supported = await d.actions(d.byVerdict("supported"));
      const cited = d.apply(d.titled(supported, "Cite"));
      assert.equal(cited, `# Draft${eol}${eol}${SUPPORTED}${LABEL}${eol}${eol}${CONTRADICTED}${eol}${eol}${FOOTNOTE}${eol}`, name);
      assert.deepEqual(breaks(cited), [eol], `${name}: no mixed line endings`);
      for (const a of supported) if (a.edit) assert.deepEqual(breaks(d.apply(a)), [eol], `${name}: ${a.title}`);
      const open = `${SUPPORTED}${eol}\`\`\`${eol}code${eol}`;
      const d2 = await draft(h, `file:///drafts/${name}-fence.md`, "markdown", open);
      const before = d2.apply(d2.titled(await d2.actions(d2.byVerdict("supported")), "Cite"));
      assert.equal(
        before,
        `${SUPPORTED}${LABEL}${eol}${eol}${FOOTNOTE}${eol}${eol}\`\`\`${eol}code${eol}`,
        `${name}: before the open fence`,
      );
    }
  }));

test("ignoring a sentence in a list item, a block quote and a table keeps the structure and silences only that sentence", () =>
  withServer(async (h) => {
    const cases: { name: string; text: string; ignored: FindingData["verdict"]; expected: string }[] = [
      {
        name: "list item",
        text: `- Intro words here. Trump ruled out deploying\n  American troops to Ukraine. More words follow.\n- ${OVERSTATED}\n`,
        ignored: "supported",
        expected: `- Intro words here. Trump ruled out deploying\n  American troops to Ukraine.${IGNORE} More words follow.\n- ${OVERSTATED}\n`,
      },
      {
        name: "block quote",
        text: `> Context comes first. Trump said American troops\n> would be deployed to Ukraine.\n\n${SUPPORTED}\n`,
        ignored: "contradicted",
        expected: `> Context comes first. Trump said American troops\n> would be deployed to Ukraine.${IGNORE}\n\n${SUPPORTED}\n`,
      },
      {
        name: "table",
        text: `| Who | What |\n| --- | --- |\n| Trump | ${SUPPORTED} |\n| Europe | ${OVERSTATED} |\n`,
        ignored: "supported",
        expected: `| Who | What |\n| --- | --- |\n| Trump | ${SUPPORTED}${IGNORE} |\n| Europe | ${OVERSTATED} |\n`,
      },
    ];
    for (const c of cases) {
      const uri = `file:///drafts/${c.name.replace(" ", "-")}.md`;
      const d = await draft(h, uri, "markdown", c.text);
      const before = d.diagnostics.map((x) => (x.data as FindingData).verdict);
      const action = d.titled(await d.actions(d.byVerdict(c.ignored)), "Ignore this sentence");
      const after = d.apply(action);
      assert.equal(after, c.expected, c.name);
      // Re-parsed: the same sentences, word for word (the comment is in none of them) …
      assert.deepEqual(
        segmenter.segmentDraft(after, "markdown").map((s) => s.text),
        segmenter.segmentDraft(c.text, "markdown").map((s) => s.text),
        `${c.name}: same sentences`,
      );
      // … and the checker drops exactly the ignored one.
      const edits = action.edit!.changes![uri];
      const version = await h.change(
        uri,
        edits.map((e) => ({ range: e.range, text: e.newText })),
      );
      const { diagnostics } = await h.diagnostics(uri, (p) => p.version === version);
      const expected = [...before];
      expected.splice(before.indexOf(c.ignored), 1);
      assert.deepEqual(
        diagnostics.map((x) => (x.data as FindingData).verdict),
        expected,
        c.name,
      );
    }
  }));

test("the older ignore-next-line comment still silences the sentences of the next line", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/ignore.md";
    await h.open(uri, "markdown", `<!-- factcheck-ignore-next-line -->\n${CONTRADICTED}\n\n${SUPPORTED}\n`);
    const { diagnostics } = await h.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((x) => (x.data as FindingData).verdict),
      ["supported"],
    );
  }));

test("plain text: a parenthetical citation after the sentence that no sentence reads as words, and an inline ignore", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/fix.txt";
    const text = `${SUPPORTED} ${OVERSTATED}\n`;
    const d = await draft(h, uri, "plaintext", text);
    const supported = await d.actions(d.byVerdict("supported"));
    assert.deepEqual(
      supported.map((a) => a.title),
      ["Cite Donald Trump after the sentence", `Ignore this sentence (${IGNORE})`, "Ignore claim esg-s4-no-us-troops in this workspace"],
    );
    const cited = d.apply(supported[0]);
    assert.equal(
      cited,
      `${SUPPORTED} (source: European-Led Security Guarantees, U.S. Contribution Through Air Support; Donald Trump, President of the United States) ${OVERSTATED}\n`,
    );
    const overstated = await d.actions(d.byVerdict("overstated"));
    assert.equal(
      d.apply(d.titled(overstated, "Cite")),
      `${SUPPORTED} ${OVERSTATED} (source: European-Led Security Guarantees; The article's reporting, unattributed reporting by the article)\n`,
    );
    // After the citation, the next sentence is still exactly itself (the citation is no words of it).
    const v = await h.change(uri, [{ text: cited }]);
    const recheck = await h.diagnostics(uri, (p) => p.version === v);
    const recheckSentences = sentencesIn(cited, recheck.diagnostics);
    assert.deepEqual(
      recheck.diagnostics.map((x, i) => [(x.data as FindingData).verdict, recheckSentences[i]]),
      [
        ["supported", SUPPORTED],
        ["overstated", OVERSTATED],
      ],
    );
    // The inline ignore works in plain text too.
    const ignored = d.apply(d.titled(supported, "Ignore this sentence"));
    assert.equal(ignored, `${SUPPORTED}${IGNORE} ${OVERSTATED}\n`);
    const v2 = await h.change(uri, [{ text: ignored }]);
    const after = await h.diagnostics(uri, (p) => p.version === v2);
    const afterSentences = sentencesIn(ignored, after.diagnostics);
    assert.deepEqual(
      after.diagnostics.map((x, i) => [(x.data as FindingData).verdict, afterSentences[i]]),
      [["overstated", OVERSTATED]],
    );
  }));

test("no quick fix from a stale diagnostic whose sentence has changed", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/stale.md";
    const d = await draft(h, uri, "markdown", `${CONTRADICTED}\n`);
    const stale = d.byVerdict("contradicted");
    const version = await h.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, text: "Mr Trump" },
    ]);
    await h.diagnostics(uri, (p) => p.version === version);
    assert.deepEqual(await d.actions(stale), []);
  }));

test("forged code-action requests get no edit: positions outside the document, unknown claims, text that does not match", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/forged.md";
    const text = `${MISATTRIBUTED}\n\n${CONTRADICTED}\n`;
    const d = await draft(h, uri, "markdown", text);
    const real = d.byVerdict("misattributed");
    const data = d.data(real);
    const at = (line: number, character: number) => ({ line, character });
    const forged: [string, Diagnostic][] = [
      ["a line past the end", { ...real, range: { start: at(99, 0), end: at(99, 10) } }],
      ["a character past the line's end", { ...real, range: { start: at(0, 0), end: at(0, 500) } }],
      ["a negative character", { ...real, range: { start: at(0, -3), end: at(0, MISATTRIBUTED.length) } }],
      ["a fractional line", { ...real, range: { start: at(0.5, 0), end: at(0, MISATTRIBUTED.length) } }],
      ["an end before the start", { ...real, range: { start: at(0, 10), end: at(0, 2) } }],
      ["no range at all", { ...real, range: undefined as never }],
      ["an unknown claim", { ...real, data: { ...data, claimId: "no-such-claim" } }],
      ["an unknown verdict", { ...real, data: { ...data, verdict: "debunked" as never } }],
      ["a sentence that is not there", { ...real, data: { ...data, sentence: "Something else entirely." } }],
      ["another source", { ...real, source: "spelling" }],
      ["another verdict", { ...real, data: { verdict: "supported" } }],
    ];
    assert.equal((await d.actions(real)).length, 4, "the genuine diagnostic has its fixes");
    // What the fixes need is the server's: a diagnostic without data (as published, or stripped by a client) has them too.
    assert.deepEqual(real.data, { verdict: "misattributed" }, "published with its verdict only");
    assert.equal((await d.actions({ ...real, data: undefined })).length, 4);
    for (const [what, diagnostic] of forged) {
      const actions = await d.actions(diagnostic).catch((e: unknown) => assert.fail(`${what}: the request failed: ${String(e)}`));
      assert.deepEqual(actions, [], what);
    }
    // A speaker range outside the sentence, or naming other words, gives no speaker fix (the others stay).
    const wrongSpeaker: FindingData[] = [
      { ...data, namedSpeaker: { name: "Karoline Leavitt", range: { start: at(2, 0), end: at(2, 16) } } },
      { ...data, namedSpeaker: { name: "Karoline Leavitt", range: { start: at(0, 0), end: at(0, 9) } } },
      { ...data, namedSpeaker: { name: "Karoline Leavitt", range: { start: at(0, 0), end: at(7, 3) } } },
    ];
    for (const w of wrongSpeaker) {
      const actions = await d.actions({ ...real, data: w });
      assert.ok(!actions.some((a) => a.title.startsWith("Attribute")), JSON.stringify(w.namedSpeaker));
      assert.ok(actions.some((a) => a.title.startsWith("Cite")));
    }
    // The words come from the loaded claim, not from the request: a forged speaker name is never written.
    const renamed = await d.actions({ ...real, data: { ...data, recordedSpeaker: "[evil](command:x)" } });
    assert.equal(d.apply(d.titled(renamed, "Attribute")), text.replace("Karoline Leavitt", "Donald Trump"));
  }));

test("a hostile claims file: every inserted text arrives as literal Markdown, and as is in plain text", () =>
  withServer(
    async (h) => {
      const sentence = "The harbour bridge will reopen to traffic in May.";
      const md = await draft(h, "file:///drafts/evil.md", "markdown", `${sentence}\n`);
      const mdActions = await md.actions(md.diagnostics[0]);
      const label = "[^factcheck-evil-bridge-reopens]";
      assert.equal(
        md.apply(md.titled(mdActions, "Cite")),
        `${sentence}${label}\n\n${label}: According to \\[x\\](command:workbench.action.quit) (\\<img src=x onerror=alert(1)\\>), ` +
          "the harbour \\*bridge\\* will reopen to \\`traffic\\` in May, as reported in Notes \\<img src=x onerror=alert(1)\\> & " +
          "\\[link\\](command:workbench.action.quit), # Heading \\[a\\](command:x).\n",
      );
      const txt = await draft(h, "file:///drafts/evil.txt", "plaintext", `${sentence}\n`);
      assert.equal(
        txt.apply(txt.titled(await txt.actions(txt.diagnostics[0]), "Cite")),
        `${sentence} (source: Notes <img src=x onerror=alert(1)> & [link](command:workbench.action.quit), # Heading [a](command:x); [x](command:workbench.action.quit), <img src=x onerror=alert(1)>)\n`,
      );
      // A contradicted sentence gets the recorded statement, escaped the same way.
      const bad = "The harbour bridge will not reopen to traffic in May.";
      const md2 = await draft(h, "file:///drafts/evil2.md", "markdown", `${bad}\n`);
      const contradicted = md2.diagnostics.find((x) => (x.data as FindingData).verdict === "contradicted");
      assert.ok(contradicted, JSON.stringify(md2.diagnostics.map((x) => x.message)));
      assert.equal(
        md2.apply(md2.titled(await md2.actions(contradicted), "Replace the whole sentence")),
        "According to \\[x\\](command:workbench.action.quit), the harbour \\*bridge\\* will reopen to \\`traffic\\` in May.\n",
      );
    },
    { workspace: memoryWorkspace("malicious"), bundled: false },
  ));

/** A misquoted finding built by hand, as the core will produce it: the draft's quoted words and their marks. */
function quotedFinding(text: string, claim: Claim, quoted: string, recorded?: string, verdict: Verdict = "misquoted"): Finding {
  const open = text.indexOf(quoted) - 1;
  const close = open + 1 + quoted.length;
  const sentenceEnd = text.indexOf("\n") < 0 ? text.length : text.indexOf("\n");
  const span: QuotedSpan = { start: open + 1, end: close, open, close, ...(recorded !== undefined ? { recorded } : {}) };
  return {
    start: 0,
    end: sentenceEnd,
    verdict,
    score: 0.8,
    explanation: "the quoted words are not the recorded ones",
    claim,
    quoted: span,
  };
}

test("misquoted: use the recorded words (direct claims) or remove the quotation marks (reported ones)", async () => {
  const ws = memoryWorkspace("quotes");
  const db = await readClaimsFile(path.join(FIXTURES, "quotes", "briefing.claims.json"));
  const claim = (id: string) => db.claims.find((c) => c.id === id)!;
  const h = await startHarness({ workspace: ws, bundled: false });
  try {
    const ask = async (uri: string, languageId: string, text: string, f: Finding) => {
      await h.open(uri, languageId, text);
      const doc = TextDocument.create(uri, languageId, 1, text);
      // A finding made by hand, not by the server's check: the request carries its FindingData, as a client may.
      const data = findingData(doc, f, text.slice(f.start, f.end))!;
      const diagnostic = { ...findingDiagnostic(doc, f, DiagnosticSeverity.Warning), data };
      assert.deepEqual(data.quoted, {
        range: { start: doc.positionAt(f.quoted!.start), end: doc.positionAt(f.quoted!.end) },
        open: doc.positionAt(f.quoted!.open),
        close: doc.positionAt(f.quoted!.close),
        ...(f.quoted!.recorded !== undefined ? { recorded: f.quoted!.recorded } : {}),
      });
      const actions = (await h.client.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      const apply = (title: string) => {
        const a = actions.find((x) => x.title.startsWith(title));
        assert.ok(a, `"${title}" in ${JSON.stringify(actions.map((x) => x.title))}`);
        return TextDocument.applyEdits(doc, a.edit!.changes![uri]);
      };
      return { actions, apply, diagnostic };
    };

    // Direct: the recorded words go back inside the marks; the draft's full stop inside them stays.
    const direct = 'Alvarez said the city "will not raise the ferry fares."\n';
    const a = await ask(
      "file:///drafts/direct.md",
      "markdown",
      direct,
      quotedFinding(direct, claim("quotes-no-fare-rise"), "will not raise the ferry fares.", "will not raise ferry fares this year"),
    );
    assert.equal(a.actions[0].title, 'Use the recorded words: "will not raise ferry fares this year"');
    assert.equal(a.actions[0].isPreferred, true);
    assert.equal(a.apply("Use the recorded words"), 'Alvarez said the city "will not raise ferry fares this year."\n');
    assert.equal(a.apply("Remove the quotation marks"), "Alvarez said the city will not raise the ferry fares.\n");

    // Reported: the source never quoted these words; the only fix is to drop the marks.
    const reported = "Alvarez said the harbour bridge “would reopen in May.”\n";
    const r = await ask(
      "file:///drafts/reported.md",
      "markdown",
      reported,
      quotedFinding(reported, claim("quotes-bridge-may"), "would reopen in May.", "would reopen in May"),
    );
    assert.ok(
      !r.actions.some((x) => x.title.startsWith("Use the recorded words")),
      "no recorded words for a reported claim, whatever the data says",
    );
    const remove = r.actions.find((x) => x.title.startsWith("Remove the quotation marks"))!;
    assert.equal(remove.isPreferred, true);
    assert.equal(r.apply("Remove the quotation marks"), "Alvarez said the harbour bridge would reopen in May.\n");

    // Recorded words from a hostile claims file are escaped, their quotation marks nested; in plain text, as is.
    const hostile = 'Baker said repairs "will cost a lot."\n';
    const words = "Repairs *will* cost [more](command:x) than <b>planned</b>";
    const x = await ask(
      "file:///drafts/hostile.md",
      "markdown",
      hostile,
      quotedFinding(hostile, claim("quotes-repairs-cost"), "will cost a lot.", words),
    );
    assert.equal(
      x.apply("Use the recorded words"),
      'Baker said repairs "Repairs \\*will\\* cost \\[more\\](command:x) than \\<b\\>planned\\</b\\>."\n',
    );
    const p = await ask(
      "file:///drafts/hostile.txt",
      "plaintext",
      hostile,
      quotedFinding(hostile, claim("quotes-repairs-cost"), "will cost a lot.", words),
    );
    assert.equal(p.apply("Use the recorded words"), `Baker said repairs "${words}."\n`);

    // Forged quoted data: words that are not the claim's, marks that are not marks, marks outside the sentence.
    const forgeries: [string, Finding][] = [
      [
        "recorded words the claim does not have",
        quotedFinding(direct, claim("quotes-no-fare-rise"), "will not raise the ferry fares.", "we will double the fares"),
      ],
      ["no recorded words", quotedFinding(direct, claim("quotes-no-fare-rise"), "will not raise the ferry fares.")],
    ];
    for (const [what, f] of forgeries) {
      const q = await ask(`file:///drafts/forged-${forgeries.findIndex((y) => y[0] === what)}.md`, "markdown", direct, f);
      assert.ok(!q.actions.some((y) => y.title.startsWith("Use the recorded words")), what);
      assert.ok(
        q.actions.some((y) => y.title.startsWith("Remove the quotation marks")),
        what,
      );
    }
    const notMarks = quotedFinding(
      direct,
      claim("quotes-no-fare-rise"),
      "will not raise the ferry fares.",
      "will not raise ferry fares this year",
    );
    notMarks.quoted = { ...notMarks.quoted!, open: notMarks.quoted!.open - 1 };
    const n = await ask("file:///drafts/not-marks.md", "markdown", direct, notMarks);
    assert.ok(
      !n.actions.some((y) => /recorded words|quotation marks/.test(y.title)),
      "an offset that is no quotation mark gets no quote fix",
    );
  } finally {
    await h.dispose();
  }
});

test("misquoted end to end: the checker's own findings get the quotation fixes, and the fixed draft checks clean", async () => {
  const h = await startHarness({ workspace: memoryWorkspace("quotes"), bundled: false });
  try {
    const cases: [string, string, string][] = [
      // Direct: the words inside the marks are not quite the mayor's; hers go back in, the stop stays.
      [
        'Alvarez told reporters: "We will not raise the ferry fares this year."',
        "Use the recorded words",
        'Alvarez told reporters: "We will not raise ferry fares this year."',
      ],
      // Reported: the briefing never quotes these words; the marks go.
      [
        "Alvarez said the harbour bridge “would reopen in May.”",
        "Remove the quotation marks",
        "Alvarez said the harbour bridge would reopen in May.",
      ],
    ];
    for (const [i, [sentence, title, fixed]] of cases.entries()) {
      const uri = `file:///drafts/misquoted-${i}.md`;
      const d = await draft(h, uri, "markdown", `${sentence}\n`);
      const misquoted = d.byVerdict("misquoted");
      assert.ok(d.data(misquoted).quoted, "the finding says where the quoted words are");
      const action = d.titled(await d.actions(misquoted), title);
      assert.equal(action.isPreferred, true);
      const after = d.apply(action);
      assert.equal(after, `${fixed}\n`);
      const v = await h.change(uri, [{ text: after }]);
      const { diagnostics } = await h.diagnostics(uri, (p) => p.version === v);
      assert.deepEqual(
        diagnostics.map((x) => (x.data as FindingData).verdict).filter((x) => x === "misquoted"),
        [],
        `${fixed}: no longer misquoted`,
      );
    }
  } finally {
    await h.dispose();
  }
});

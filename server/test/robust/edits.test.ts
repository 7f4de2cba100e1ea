// Robustness of the quick fixes: every fix applied again and again to the same drafts (Markdown
// with \n, \r\n and lone-\r line breaks, plain text, a hostile claims file), the draft re-checked
// by the server after each edit. After every edit:
//   - every edit position was a real position of the document;
//   - the line breaks are the draft's own kind, never mixed;
//   - no quotation mark appeared (every claim used here is the source's paraphrase);
//   - the Markdown block structure is the same (only footnote definitions are added);
//   - every sentence the edit did not touch is still there, word for word;
//   - no finding sits on a footnote definition Fact Check wrote, and none is defined twice;
//   - a fix already applied is not offered again for the same sentence (Cite, Ignore).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { type CodeAction, CodeActionRequest, type Diagnostic, type TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { newSegmenter } from "../helpers.js";
import { type Harness, memoryWorkspace, startHarness } from "../server-harness.js";

const segmenter = newSegmenter();

const MARKDOWN_LINES = [
  "# Where Washington stands",
  "",
  "Trump ruled out deploying American troops to Ukraine. Trump said American troops would be deployed to Ukraine.",
  "",
  "- A first item here.",
  "- Some context first. Karoline Leavitt ruled out the deployment",
  "  of American troops to Ukraine.",
  "",
  "> Germany, France and the United Kingdom will commit ground forces.",
  "> The quote goes on here.",
  "",
  "| Who | What |",
  "| --- | --- |",
  "| Trump | Trump rejected the idea of NATO membership for Ukraine. |",
  "",
  "Trump said air power “could play a role” in backing European security commitments.",
  "",
  "Clarity will not emerge soon, Trump said.\\",
  "A hard break came before this line.",
  "",
  "```text",
  "Trump said American troops would be deployed to Ukraine.",
];

const PLAIN = [
  "Notes from the briefing",
  "",
  "Trump ruled out deploying American troops to Ukraine. Trump said American troops would be deployed to Ukraine.",
  "Karoline Leavitt ruled out the deployment of American troops to Ukraine.",
  "Germany, France and the United Kingdom will commit ground forces.",
  'Trump said "U.S. air power could play a role in backing European security commitments."',
].join("\n");

/** The order in which fixes are tried, round after round (each round takes the next kind that is offered). */
const KINDS = [
  "Cite",
  "Ignore this sentence",
  "Replace the whole sentence",
  "Put back the hedge",
  "Attribute to",
  "Remove the quotation marks",
  "Use the recorded words",
];

const QUOTES = /["“”„‟«»]/g;

/** Top-level Markdown structure: node types, list sizes and table rows, leaving out footnote definitions we wrote. */
function blockShape(text: string): string[] {
  const src = text.replace(/\r\n?/g, "\n");
  return (fromMarkdown(src).children as Nodes[])
    .filter((n) => !(n.type === "paragraph" && src.slice(n.position!.start.offset, n.position!.start.offset! + 12) === "[^factcheck-"))
    .map((n) => ("children" in n && (n.type === "list" || n.type === "blockquote") ? `${n.type}:${n.children.length}` : n.type));
}

const breakKinds = (text: string): string[] => [...new Set(text.match(/\r\n|\r|\n/g) ?? [])].sort();

/** Applies one fix per round, up to `rounds`; `shift` rotates which kind of fix each round prefers. */
async function exercise(
  h: Harness,
  name: string,
  uri: string,
  languageId: "markdown" | "plaintext",
  original: string,
  rounds: number,
  shift = 0,
): Promise<number> {
  const format = languageId;
  const eols = breakKinds(original);
  const quotes = (original.match(QUOTES) ?? []).length;
  const shape = format === "markdown" ? blockShape(original) : [];
  await h.open(uri, languageId, original);
  let text = original;
  let { diagnostics, version } = await h.diagnostics(uri);
  let applied = 0;
  for (let round = 0; round < rounds && diagnostics.length > 0; round++) {
    const what = `${name}, round ${round}`;
    checkDiagnostics(text, diagnostics, what);
    const d = diagnostics[round % diagnostics.length];
    const actions = (await h.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    // Published without its FindingData: the sentence is the text at its range, the claim its code.
    const sentence = TextDocument.create(uri, languageId, 0, text).getText(d.range);
    if (sentence.includes(`[^factcheck-${String(d.code)}]`))
      assert.ok(!actions.some((a) => a.title.startsWith("Cite")), `${what}: cited twice: ${JSON.stringify(sentence)}`);
    const withEdits = actions.filter((a) => a.edit);
    if (!withEdits.length) continue;
    const kind = KINDS.map((_, k) => KINDS[(round + shift + k) % KINDS.length]).find((k) => withEdits.some((a) => a.title.startsWith(k)));
    const action = withEdits.find((a) => kind && a.title.startsWith(kind)) ?? withEdits[0];
    const edits: TextEdit[] = action.edit!.changes![uri];
    const doc = TextDocument.create(uri, languageId, version ?? 0, text);
    for (const e of edits) {
      for (const p of [e.range.start, e.range.end])
        assert.deepEqual(doc.positionAt(doc.offsetAt(p)), p, `${what}: ${action.title}: ${JSON.stringify(p)} is in the document`);
    }
    const before = segmenter.segmentDraft(text, format);
    const touched = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)]);
    const next = TextDocument.applyEdits(doc, edits);

    assert.deepEqual(breakKinds(next), eols, `${what}: ${action.title}: line breaks`);
    assert.ok((next.match(QUOTES) ?? []).length <= quotes, `${what}: ${action.title} wrote a quotation mark:\n${next}`);
    if (format === "markdown") assert.deepEqual(blockShape(next), shape, `${what}: ${action.title} changed the structure:\n${next}`);
    const untouched = before.filter((s) => touched.every(([a, b]) => b < s.start || a > s.end)).map((s) => s.text);
    const after = segmenter.segmentDraft(next, format).map((s) => s.text);
    for (const s of untouched) assert.ok(after.includes(s), `${what}: ${action.title} lost the sentence ${JSON.stringify(s)}:\n${next}`);

    const v = await h.change(uri, [{ text: next }]);
    text = next;
    ({ diagnostics, version } = await h.diagnostics(uri, (p) => p.version === v));
    applied++;
    if (action.title.startsWith("Ignore this sentence")) {
      // The comment goes after the sentence, so the ignored sentence keeps its range.
      const same = (x: Diagnostic) => JSON.stringify(x.range) === JSON.stringify(d.range);
      assert.ok(!diagnostics.some(same), `${what}: ignored, still reported: ${JSON.stringify(sentence)}\n${text}`);
    }
  }
  checkDiagnostics(text, diagnostics, `${name}, at the end`);
  await h.close(uri);
  return applied;
}

/** No finding on a footnote definition we wrote; no such definition twice. */
function checkDiagnostics(text: string, diagnostics: Diagnostic[], what: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of diagnostics)
    assert.doesNotMatch(lines[d.range.start.line], /^\s{0,3}\[\^factcheck-[^\]]*\]:/, `${what}: a finding on a citation we wrote`);
  const labels = lines.map((l) => /^\[\^(factcheck-[^\]]*)\]:/.exec(l)?.[1]).filter((x) => x !== undefined);
  assert.equal(new Set(labels).size, labels.length, `${what}: a footnote defined twice: ${labels.join(", ")}`);
}

test("every quick fix, applied again and again, keeps Markdown and plain-text drafts intact", async () => {
  const h = await startHarness();
  try {
    let applied = 0;
    for (const [name, eol] of [
      ["LF", "\n"],
      ["CRLF", "\r\n"],
      ["CR", "\r"],
    ] as const) {
      for (const shift of [0, 3]) {
        applied += await exercise(
          h,
          `Markdown ${name} (shift ${shift})`,
          `file:///robust/draft-${name}-${shift}.md`,
          "markdown",
          MARKDOWN_LINES.join(eol),
          24,
          shift,
        );
      }
    }
    applied += await exercise(h, "plain text", "file:///robust/notes.txt", "plaintext", PLAIN, 16);
    applied += await exercise(h, "plain text CRLF", "file:///robust/notes-crlf.txt", "plaintext", PLAIN.replace(/\n/g, "\r\n"), 16);
    assert.ok(applied >= 60, `only ${applied} fixes applied`);
  } finally {
    await h.dispose();
  }
});

test("quick fixes from a hostile claims file, applied again and again, never write live Markdown", async () => {
  const h = await startHarness({ workspace: memoryWorkspace("malicious"), bundled: false });
  try {
    const draft =
      "# Harbour\n\nThe harbour bridge will reopen to traffic in May. The harbour bridge will not reopen to traffic in May.\n\n- The officials said the harbour bridge will reopen to traffic in May.\n";
    const applied = await exercise(h, "hostile", "file:///robust/evil.md", "markdown", draft, 12);
    assert.ok(applied >= 4, `only ${applied} fixes applied`);
    const uri = "file:///robust/evil-final.md";
    await h.open(uri, "markdown", draft);
    // Whatever was inserted is text: no link, image, HTML or code appears in the parsed draft.
    let text = draft;
    let version = 1;
    for (let round = 0; round < 6; round++) {
      const v = version;
      const { diagnostics } = await h.diagnostics(uri, (p) => p.version === v);
      if (!diagnostics.length) break;
      const d = diagnostics[0];
      const actions = (await h.client.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[];
      const cite = actions.find((a) => a.title.startsWith("Cite") || a.title.startsWith("Replace"));
      if (!cite) break;
      text = TextDocument.applyEdits(TextDocument.create(uri, "markdown", 0, text), cite.edit!.changes![uri]);
      const live: string[] = [];
      const walk = (n: Nodes) => {
        if (
          ["link", "image", "html", "inlineCode", "code", "emphasis", "strong", "linkReference", "imageReference", "definition"].includes(
            n.type,
          )
        )
          live.push(n.type);
        if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
      };
      walk(fromMarkdown(text));
      assert.deepEqual(live, [], text);
      version = await h.change(uri, [{ text }]);
    }
  } finally {
    await h.dispose();
  }
});

// Hover cards over LSP: the content of a card, and that nothing from a claims file or a draft can
// turn into a link, image, HTML or command link.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as path from "node:path";
import { type Hover, HoverRequest, type MarkupContent } from "vscode-languageserver-protocol";
import { BUNDLED_CLAIMS_PATH, memoryWorkspace, startHarness, uriOf } from "./server-harness.js";

const ARTICLE_URI = uriOf(path.join(path.dirname(BUNDLED_CLAIMS_PATH), "european-led-security-guarantees.txt"));
const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const NOTHING = "A new coffee shop opened near the train station.";

async function hover(h: Awaited<ReturnType<typeof startHarness>>, uri: string, line: number, character: number): Promise<Hover | null> {
  return h.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
}

test("hover card: verdict and explanation once, the recorded words once, speaker and role, source section, then the link", async () => {
  const h = await startHarness();
  try {
    const uri = "file:///drafts/hover.md";
    await h.open(uri, "markdown", `# Hover\n\n${NOTHING} ${SUPPORTED}\n`);
    await h.diagnostics(uri);
    const card = await hover(h, uri, 2, NOTHING.length + 10);
    assert.ok(card);
    assert.deepEqual(card.range, {
      start: { line: 2, character: NOTHING.length + 1 },
      end: { line: 2, character: NOTHING.length + 1 + SUPPORTED.length },
    });
    const content = card.contents as MarkupContent;
    assert.equal(content.kind, "markdown");
    assert.equal(
      content.value,
      [
        "**Supported** — restates the record",
        // The article paraphrases Trump: its words are its report, not a quotation.
        "**Reported by European\\-Led Security Guarantees:** firmly ruling out the deployment of American troops to Ukraine",
        `Donald Trump, President of the United States (ruled out) · U\\.S\\. Contribution Through Air Support · [Open the source at these words](${ARTICLE_URI}#L4,7)`,
      ].join("\n\n"),
    );
    assert.equal(await hover(h, uri, 2, 5), null, "no card where nothing is underlined");
  } finally {
    await h.dispose();
  }
});

test("hover card escapes everything that comes from a malicious claims file", async () => {
  const ws = memoryWorkspace("malicious");
  const h = await startHarness({ workspace: ws, bundled: false });
  try {
    assert.equal(h.statuses.at(-1)?.totalClaims, 1, JSON.stringify(h.statuses.at(-1)));
    const uri = uriOf(path.join(ws.root, "draft.md"));
    await h.open(uri, "markdown", "The harbour bridge will reopen to traffic in May.\n");
    const { diagnostics } = await h.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    const value = ((await hover(h, uri, 0, 3))!.contents as MarkupContent).value;

    // Nothing live but our own file: link.
    assert.doesNotMatch(value, /<[a-z/!]/i, "no HTML tag survives");
    assert.ok(!value.includes("](command"), "no command link");
    assert.ok(!value.includes("!["), "no image");
    assert.equal(value.match(/\]\(/g)?.length, 1, "exactly one link");
    assert.match(value, / · \[Open the source at these words\]\(file:\/\/\/[^)\s]+source\.txt#L2,16\)$/);
    // The text is still all there, escaped.
    assert.ok(value.includes("\\[x\\]\\(command\\:workbench\\.action\\.quit\\)"), "speaker name escaped");
    assert.ok(value.includes("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"), "role escaped");
    // The claim text is the diagnostic's (the Problems row); the card shows the recorded words once.
    assert.ok(!value.includes("The harbour \\*bridge\\*"), "claim text not repeated in the card");
    assert.ok(value.includes("(said &lt;b&gt;)"), "verb escaped");
    assert.ok(
      value.includes(":** \\`the harbour bridge\\` will \\*reopen\\* &lt;script&gt;alert\\(1\\)&lt;\\/script&gt; to traffic in May &amp; "),
    );
    assert.ok(value.includes("\\!\\[img\\]\\(https\\:\\/\\/x\\.invalid\\/y\\.png\\)"), "image escaped");
    assert.ok(value.includes("\\# Heading \\[a\\]\\(command\\:x\\)"), "section escaped");
  } finally {
    await h.dispose();
  }
});

test("hover card: a direct claim's words are labelled quoted words, in quotation marks", async () => {
  const ws = memoryWorkspace("quotes");
  const h = await startHarness({ workspace: ws, bundled: false });
  try {
    const uri = uriOf(path.join(ws.root, "draft.md"));
    await h.open(uri, "markdown", "Alvarez said the city will not raise ferry fares this year.\n");
    const { diagnostics } = await h.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ["quotes-no-fare-rise"],
    );
    assert.match(
      diagnostics[0].message,
      /^Supported — restates the record; Jane Alvarez told reporters: “We will not raise ferry fares this year”$/,
    );
    const value = ((await hover(h, uri, 0, 3))!.contents as MarkupContent).value;
    assert.ok(value.includes("**Quoted words:** “We will not raise ferry fares this year”"), value);
    assert.ok(!value.includes("Reported by"), value);
  } finally {
    await h.dispose();
  }
});

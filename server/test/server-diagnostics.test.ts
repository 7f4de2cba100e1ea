// The language server's diagnostics, end to end over LSP: exact ranges and severities, incremental
// edits re-matching only changed sentences, outdated results dropped, close clearing.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as path from "node:path";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { FindingData } from "../../protocol/messages.js";
import { BUNDLED_CLAIMS_PATH, type Harness, lexicon, startHarness, uriOf } from "./server-harness.js";

const ARTICLE_URI = uriOf(path.join(path.dirname(BUNDLED_CLAIMS_PATH), "european-led-security-guarantees.txt"));
const CLAIMS_URI = uriOf(BUNDLED_CLAIMS_PATH);

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces.";
const NOTHING = "A new coffee shop opened near the train station.";

const DRAFT = `# Draft

${SUPPORTED} ${CONTRADICTED}

${MISATTRIBUTED}

- ${OVERSTATED}

${NOTHING}
`;

/** The debounce the timing tests set; the harness's clock moves only when they advance it. */
const DEBOUNCE_MS = 30;

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

async function withServer(fn: (h: Harness) => Promise<void>, opts: Parameters<typeof startHarness>[0] = {}): Promise<void> {
  const h = await startHarness(opts);
  try {
    await fn(h);
  } finally {
    await h.dispose();
  }
}

test("one diagnostic per finding, with exact ranges, severities, codes, links and its verdict as data", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/draft.md";
    await h.open(uri, "markdown", DRAFT);
    const { diagnostics, version } = await h.diagnostics(uri);
    assert.equal(version, 1);
    const summary = diagnostics.map((d) => [d.range, d.severity, (d.data as FindingData).verdict, d.code]);
    assert.deepEqual(summary, [
      // Calm by default: a supported sentence is a Hint (no squiggle); each problem has its own severity.
      [range(2, 0, 53), DiagnosticSeverity.Hint, "supported", "esg-s4-no-us-troops"],
      [range(2, 54, 54 + CONTRADICTED.length), DiagnosticSeverity.Warning, "contradicted", "esg-s4-no-us-troops"],
      [range(4, 0, MISATTRIBUTED.length), DiagnosticSeverity.Warning, "misattributed", "esg-s4-no-us-troops"],
      [range(6, 2, 2 + OVERSTATED.length), DiagnosticSeverity.Information, "overstated", "esg-s2-countries-could-commit"],
    ]);

    const contradicted = diagnostics[1];
    assert.equal(contradicted.source, "factcheck");
    assert.equal(
      contradicted.message,
      // Problem first: the verdict, what the draft says differently, then the record as reported speech (no quotation marks: the article paraphrases Trump).
      'Contradicted — the draft says "deployed", not "ruled out … deploying"; Trump ruled out deploying American troops to Ukraine.',
    );
    // The quote is "firmly ruling out the deployment of American troops to Ukraine", line 4 (1-based), column 7 of the article.
    // The place is the related information's (the code links only a reviewed claim's review).
    assert.equal(contradicted.codeDescription, undefined);
    assert.deepEqual(contradicted.relatedInformation?.[0].location, {
      uri: ARTICLE_URI,
      range: { start: { line: 3, character: 6 }, end: { line: 3, character: 68 } },
    });
    // The place, in a few words: the message and the hover card already show the recorded words (once).
    assert.equal(contradicted.relatedInformation![0].message, "the recorded words, in the source");
    assert.deepEqual(diagnostics[3].relatedInformation?.[0].location.range.start, { line: 1, character: 154 });
    // Every problem links the record (the writer goes there to fix it); a supported sentence does not: its hover card
    // shows the recorded words with the same link, and the link would be in every publish.
    assert.deepEqual(
      diagnostics.map((d) => d.relatedInformation?.length ?? 0),
      [0, 1, 1, 1],
    );

    // Published with its verdict only: what the quick fixes need is rebuilt from the server's findings.
    assert.deepEqual(
      diagnostics.map((d) => d.data),
      summary.map((x) => ({ verdict: x[2] })),
    );
    const misattributed = h.findingDataOf(uri, DRAFT, diagnostics[2])!;
    assert.deepEqual(misattributed.namedSpeaker, { name: "Karoline Leavitt", range: range(4, 0, 16) });
    assert.equal(misattributed.recordedSpeaker, "Donald Trump");
    assert.equal(misattributed.sentence, MISATTRIBUTED);
    assert.equal(h.findingDataOf(uri, DRAFT, diagnostics[1])!.quoteKind, "reported");
    assert.equal(h.findingDataOf(uri, DRAFT, diagnostics[1])!.quoted, undefined);
    assert.ok(!h.published.some((p) => p.uri === CLAIMS_URI), "the bundled database is valid: no diagnostics in it");
  }));

test("an incremental edit updates diagnostics and re-matches only the changed sentence", () =>
  withServer(
    async (h) => {
      const uri = "file:///drafts/edit.md";
      const text = `${SUPPORTED}\n\n${OVERSTATED}\n\n${NOTHING}\n`;
      await h.open(uri, "markdown", text);
      const first = await h.checked(uri, 1);
      assert.deepEqual(first.stats, { sentences: 3, cached: 0 });
      assert.equal((await h.diagnostics(uri)).diagnostics.length, 2);

      // Replace the coffee-shop sentence (line 4) with a misattributed one, as an incremental change.
      const version = await h.change(uri, [{ range: range(4, 0, NOTHING.length), text: MISATTRIBUTED }]);
      await h.elapse(DEBOUNCE_MS);
      const second = await h.checked(uri, version);
      assert.deepEqual(second.stats, { sentences: 3, cached: 2 }, "the two unchanged sentences come from the cache");
      const { diagnostics } = await h.diagnostics(uri, (p) => p.version === version);
      assert.deepEqual(
        diagnostics.map((d) => [d.range, (d.data as FindingData).verdict]),
        [
          [range(0, 0, SUPPORTED.length), "supported"],
          [range(2, 0, OVERSTATED.length), "overstated"],
          [range(4, 0, MISATTRIBUTED.length), "misattributed"],
        ],
      );

      // Two quick edits: only the last version is published, once the debounce has passed since it (each edit's
      // re-check starts at once: v3's is dropped by v4).
      const v3 = await h.change(uri, [{ range: range(0, 0, 5), text: "Donald Trump" }]);
      await h.elapse(DEBOUNCE_MS - 1);
      const v4 = await h.change(uri, [{ range: range(0, 0, 12), text: "President Trump" }]);
      assert.equal(v4, v3 + 1);
      await h.elapse(DEBOUNCE_MS - 1);
      assert.deepEqual(h.clock.pendingDelays(), [1], "one publish waits, for the last edit");
      assert.ok(!h.events.some((e) => e.uri === uri && e.version >= v3), "nothing published before the edits paused");
      await h.elapse(1);
      const latest = await h.diagnostics(uri, (p) => p.version === v4);
      assert.equal(latest.diagnostics[0].range.end.character, SUPPORTED.length + "President ".length);
      assert.ok(!h.published.some((p) => p.uri === uri && p.version === v3), "v3 was superseded within the debounce");
      assert.ok(!h.events.some((e) => e.uri === uri && e.version === v3), "v3 was never published");
    },
    { settings: { "": { checkDelay: DEBOUNCE_MS } } },
  ));

test("an edit's re-check runs at once; its publish waits for the edits to pause", async () => {
  // The lexicon, counted: a sentence never seen before is looked up in it when, and only when, it is checked.
  const base = lexicon();
  let lookups = 0;
  const counted = new Proxy(base, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === "function" ? (...args: unknown[]) => (lookups++, (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
    },
  });
  await withServer(
    async (h) => {
      const uri = "file:///drafts/eager.md";
      await h.open(uri, "markdown", `${SUPPORTED}\n`);
      await h.diagnostics(uri, (p) => p.version === 1);
      const before = lookups;
      const v2 = await h.change(uri, [
        { range: range(0, 0, SUPPORTED.length), text: "Quixotic zebras juggled marmalade beside the lighthouse." },
      ]);
      await h.sync();
      for (let k = 0; k < 50 && lookups === before; k++) await new Promise((r) => setImmediate(r));
      assert.ok(lookups > before, "the new sentence was checked before the debounce ended");
      assert.deepEqual(h.clock.pendingDelays(), [DEBOUNCE_MS], "the publish waits for the debounce");
      assert.ok(!h.published.some((p) => p.uri === uri && p.version === v2), "nothing published before the edits paused");
      assert.ok(!h.events.some((e) => e.uri === uri && e.version === v2));
      await h.elapse(DEBOUNCE_MS);
      const published = await h.diagnostics(uri, (p) => p.version === v2);
      assert.deepEqual(published.diagnostics, [], "the new sentence restates nothing");
      // A newer edit before the pause drops the finished re-check: only the last version is published.
      const v3 = await h.change(uri, [{ range: range(0, 0, 8), text: "Ten" }]);
      await h.elapse(DEBOUNCE_MS - 1);
      const v4 = await h.change(uri, [{ range: range(0, 0, 3), text: SUPPORTED + " Eleven" }]);
      await h.elapse(DEBOUNCE_MS);
      await h.diagnostics(uri, (p) => p.version === v4);
      await h.until(() => h.dropped.some((d) => d.uri === uri && d.version === v3), "v3's re-check to be dropped");
      assert.ok(!h.published.some((p) => p.uri === uri && p.version === v3), "v3 was never published");
    },
    { settings: { "": { checkDelay: DEBOUNCE_MS } }, deps: { lexicon: counted } },
  );
});

test("after edits that move lines, the diagnostics the draft's session kept are those of a fresh open of the same text", () =>
  withServer(async (h) => {
    // Paragraphs of findings around a run of plain ones, so an edit in the middle leaves findings before and after it.
    const para = (i: number) => `Paragraph ${i} says the ferry left on time.`;
    const parts = [SUPPORTED, CONTRADICTED, ...Array.from({ length: 12 }, (_, i) => para(i)), MISATTRIBUTED, `- ${OVERSTATED}`];
    let text = parts.join("\n\n") + "\n";
    const uri = "file:///drafts/moved.md";
    await h.open(uri, "markdown", text);
    await h.diagnostics(uri);
    const edits: [string, string][] = [
      [para(5), `${para(5)}\n\n${MISATTRIBUTED}\n\nAnd a line more.`], // lines added in the middle
      [para(2), `${para(2)} ${CONTRADICTED}`], // a sentence typed into a paragraph
      [`\n\n${para(7)}`, ""], // a paragraph deleted: lines removed
      ["Paragraph 9 says", "Paragraph 9 says, not for the first time,"], // a word typed
    ];
    for (const [k, [from, to]] of edits.entries()) {
      const at = text.indexOf(from);
      const doc = TextDocument.create(uri, "markdown", 1, text);
      const v = await h.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }]);
      text = text.slice(0, at) + to + text.slice(at + from.length);
      const got = await h.diagnostics(uri, (p) => p.version === v);
      const event = await h.checked(uri, v);
      assert.ok(
        event.stats.cached >= event.stats.sentences - 4,
        `edit ${k}: only the sentences near it are checked again (${JSON.stringify(event.stats)})`,
      );
      const fresh = `file:///drafts/moved-fresh-${k}.md`;
      await h.open(fresh, "markdown", text);
      const expected = await h.diagnostics(fresh);
      assert.deepEqual(got.diagnostics, expected.diagnostics, `edit ${k}`);
      assert.ok(got.diagnostics.length >= 4);
      await h.close(fresh);
    }
  }));

test("closing a draft while its re-check waits for the debounce: nothing of it is published, and its diagnostics are cleared", () =>
  withServer(
    async (h) => {
      const uri = "file:///drafts/closing.md";
      await h.open(uri, "markdown", `${CONTRADICTED}\n`);
      await h.checked(uri, 1);
      const v2 = await h.change(uri, [{ range: range(0, 0, CONTRADICTED.length), text: SUPPORTED }]);
      await h.sync();
      assert.deepEqual(h.clock.pendingDelays(), [DEBOUNCE_MS], "the publish of v2 waits");
      await h.close(uri);
      await h.sync();
      assert.equal(h.clock.pending, 0, "closing cancelled it");
      await h.elapse(DEBOUNCE_MS * 10);
      assert.ok(!h.events.some((e) => e.uri === uri && e.version === v2), "v2 was never published");
      assert.deepEqual(h.published.filter((p) => p.uri === uri).at(-1)?.diagnostics, [], "the last publish cleared the draft");
    },
    { settings: { "": { checkDelay: DEBOUNCE_MS } } },
  ));

test("results computed for an outdated version are dropped", async () => {
  const uri = "file:///drafts/race.md";
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const configAsked = new Promise<void>((r) => (asked = r));
  const h = await startHarness({
    // Hold back the draft's settings, so its first check is still waiting when the edit arrives.
    holdConfiguration: (scope) => {
      if (scope !== uri) return undefined;
      asked();
      return held;
    },
  });
  try {
    await h.open(uri, "markdown", `${NOTHING}\n`);
    await configAsked;
    const v2 = await h.change(uri, [{ range: range(0, 0, NOTHING.length), text: SUPPORTED }]);
    release();
    const published = await h.diagnostics(uri);
    assert.equal(published.version, v2);
    assert.equal(published.diagnostics.length, 1);
    await h.until(() => h.dropped.some((d) => d.uri === uri && d.version === 1), "version 1's result to be dropped");
    assert.ok(!h.published.some((p) => p.uri === uri && p.version === 1), "nothing published for version 1");
    assert.ok(!h.events.some((e) => e.uri === uri && e.version === 1));
  } finally {
    await h.dispose();
  }
});

test("closing a document clears its diagnostics", () =>
  withServer(async (h) => {
    const uri = "file:///drafts/close.txt";
    await h.open(uri, "plaintext", `${CONTRADICTED}\n`);
    assert.equal((await h.diagnostics(uri)).diagnostics.length, 1);
    await h.close(uri);
    const cleared = await h.diagnostics(uri, (p) => p.diagnostics.length === 0, "cleared diagnostics");
    assert.deepEqual(cleared.diagnostics, []);
  }));

test("documents in other languages are not checked", () =>
  withServer(async (h) => {
    await h.open("file:///drafts/code.ts", "typescript", `// ${CONTRADICTED}\n`);
    const uri = "file:///drafts/ok.txt";
    await h.open(uri, "plaintext", `${CONTRADICTED}\n`);
    await h.diagnostics(uri);
    assert.ok(!h.published.some((p) => p.uri === "file:///drafts/code.ts"));
    assert.ok(!h.events.some((e) => e.uri === "file:///drafts/code.ts"));
  }));

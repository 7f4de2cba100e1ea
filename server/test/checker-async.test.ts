// checkTextAsync, the language server's way of checking a draft in slices: the same findings as
// the synchronous checkText the CLI uses, pauses between steps, and an early stop that leaves the
// caches sound for the next check.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateDraft } from "../bench/draft-gen.js";
import type { CheckControl, FactChecker } from "../src/core/checker.js";
import { articleChecker, newSegmenter } from "./helpers.js";

/** A Markdown draft with what makes segmentation non-local: a link definition at the end, an ignore comment, code, front matter. */
function markdownDraft(checker: FactChecker): string {
  const body = generateDraft({ bytes: 30_000, seed: 7, articleSentences: checker.claims.map((c) => c.text), articleShare: 0.3 });
  return (
    body +
    "\n<!-- factcheck-ignore-next-line -->\nTrump said American troops would be deployed to Ukraine.\n\n" +
    "Trump said American [troops][ref] would be deployed to Ukraine.\n\n```\nTrump ruled out deploying American troops to Ukraine.\n```\n\n" +
    "[ref]: https://example.com/troops\n"
  );
}

const summary = (r: { findings: { start: number; end: number; verdict: string; claim: { id: string }; score: number }[] } | undefined) =>
  r?.findings.map((f) => `${f.start}-${f.end} ${f.verdict} ${f.claim.id} ${f.score}`);

describe("FactChecker.checkTextAsync", () => {
  it("finds exactly what checkText finds, Markdown and plain text, pausing between steps", async () => {
    const md = markdownDraft(await articleChecker());
    const plain = md.replace(/[#*`>[\]]/g, " ");
    for (const [text, format] of [
      [md, "markdown"],
      [plain, "plaintext"],
    ] as const) {
      // Each engine owns its caches: a new one checks cold.
      const expected = (await articleChecker()).checkText(text, format);
      assert.ok(expected.findings.length >= 10, `the draft restates claims (${expected.findings.length} findings)`);
      // Cold again, so the async run does the segmentation and matching itself, step by step.
      const fresh = await articleChecker();
      let pauses = 0;
      const got = await fresh.checkTextAsync(text, format, {}, { pause: async () => void pauses++ });
      assert.deepEqual(summary(got), summary(expected), format);
      assert.deepEqual(got?.findings, expected.findings);
      assert.equal(got?.stats.sentences, expected.stats.sentences);
      // Without `due`, every step is a slice: at least one pause per sentence.
      assert.ok(pauses >= expected.stats.sentences, `${pauses} pauses for ${expected.stats.sentences} sentences`);
    }
  });

  it("pauses only when due() says the slice is over", async () => {
    const checker = await articleChecker();
    const text = markdownDraft(checker);
    let steps = 0;
    let pauses = 0;
    const control: CheckControl = { pause: async () => void pauses++, due: () => ++steps % 50 === 0 };
    const r = await checker.checkTextAsync(text, "markdown", {}, control);
    assert.ok(r);
    assert.equal(pauses, Math.floor(steps / 50));
    assert.ok(pauses > 0);
  });

  it("stops at the first pause after cancelled() turns true, and a later check is still right", async () => {
    const checker = await articleChecker();
    const text = markdownDraft(checker);
    let pauses = 0;
    const abandoned = await checker.checkTextAsync(
      text,
      "markdown",
      {},
      { pause: async () => void pauses++, cancelled: () => pauses >= 40 },
    );
    assert.equal(abandoned, undefined);
    assert.equal(pauses, 40);
    assert.equal(await checker.checkTextAsync(text, "markdown", {}, { pause: async () => {}, cancelled: () => true }), undefined);
    const after = await checker.checkTextAsync(text, "markdown", { minScore: 0.2 }, { pause: async () => {} });
    const reference = (await articleChecker()).checkText(text, "markdown", { minScore: 0.2 }); // a new engine: cold
    assert.deepEqual(after?.findings, reference.findings);
  });

  it("segmentDraftSteps returns what segmentDraftDetailed returns", () => {
    const text = "---\ntitle: x\n---\n# Head\n\nOne [two][r]. Three.\n\n- four\n- five\n\n```\nnot prose\n```\n\n[r]: http://x\n";
    const steps = newSegmenter().segmentDraftSteps(text, "markdown");
    let n = 0;
    let r = steps.next();
    while (!r.done) {
      n++;
      r = steps.next();
    }
    assert.deepEqual(r.value, newSegmenter().segmentDraftDetailed(text, "markdown"));
    assert.ok(n >= 3, `${n} steps`);
  });
});

// A fact-check feed in the workspace, over LSP: a ClaimReview DataFeed named `*.claims.json` loads directly, its
// skipped records show as warnings at their places in the feed while the rest of it is used, and a sentence
// repeating one of its claims is underlined with the review's rating and severity, its diagnostic carrying the review.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as path from "node:path";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { memoryWorkspace, startHarness, uriOf } from "./server-harness.js";

test("a feed in the workspace: warnings at its skipped records, and a 'repeats a claim rated …' warning in the draft", async () => {
  const ws = memoryWorkspace("feed");
  const h = await startHarness({ workspace: ws });
  try {
    const feedUri = uriOf(path.join(ws.root, "lakeside.claims.json"));
    const feed = await h.diagnostics(feedUri, (p) => p.diagnostics.length > 0, "the feed's warnings");
    assert.deepEqual(
      feed.diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.severity, d.message]),
      [
        [22, 15, DiagnosticSeverity.Warning, "this ClaimReview has no url (the review article): skipped (at /dataFeedElement/1/item)"],
        [
          31,
          15,
          DiagnosticSeverity.Warning,
          'this ClaimReview\'s url must be an http:// or https:// URL; found "javascript:alert(document.cookie)": skipped (at /dataFeedElement/2/item)',
        ],
        [
          41,
          15,
          DiagnosticSeverity.Warning,
          "this ClaimReview has no reviewRating with a textualRating, alternateName, name or ratingValue: skipped (at /dataFeedElement/3/item)",
        ],
      ],
    );
    assert.equal(h.statuses.at(-1)!.state, "ready", "a feed with skipped records still loaded");

    const uri = uriOf(path.join(ws.root, "draft.md"));
    await h.open(uri, "markdown", "Water rates rose 40 percent in one year.\n");
    const d = await h.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const [finding] = d.diagnostics;
    assert.equal(finding.severity, DiagnosticSeverity.Warning, "misleading → Warning");
    assert.match(finding.message, /^repeats a claim rated Misleading by Lakeside Fact Check \(2024-09-03\) — Dana Whitlock's claim/);
    assert.deepEqual(finding.data, { verdict: "supported" }, "published with its verdict only");
    assert.deepEqual(h.findingDataOf(uri, "Water rates rose 40 percent in one year.\n", finding)?.review, {
      stance: "repeats",
      rating: "Misleading",
      ratingClass: "misleading",
      reviewer: "Lakeside Fact Check",
      date: "2024-09-03",
      url: "https://lakesidefacts.example/2024/09/water-rates",
    });
  } finally {
    await h.dispose();
  }
});

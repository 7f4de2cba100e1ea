// A draft sentence that repeats a reviewed claim (a claim from a fact-check feed): the finding reads "repeats a claim
// rated False by Lakeside Fact Check (2024-05-01)", takes its severity from the review's normalised rating (false →
// Warning, mixed → Information, true → Hint; configurable), and its hover card shows claimant, rating, reviewer,
// date and the review link with every feed string inert. A sentence that denies a claim rated false is no error.
// The command line's text, JSON and SARIF carry the rating, and its exit code follows the review.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { run as runCli } from "../src/cli/run.js";
import { reviewReading } from "../src/core/claimreview/finding.js";
import { createFactChecker } from "../src/core/checker.js";
import type { Finding } from "../src/core/types.js";
import { findingData, findingDiagnostic } from "../src/diagnostics.js";
import { findingCard } from "../src/hover.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { createLexicon } from "../src/node/lexicon.js";
import { findingSeverity } from "../src/review-card.js";
import { normalizeSettings } from "../src/settings.js";
import { fixture, nlp, ROOT } from "./helpers.js";

const REPEAT_FALSE = "The harbor council voted to double ferry fares last spring.";
const DENY_FALSE = "The harbor council did not vote to double ferry fares last spring.";
const REPEAT_MIXED = "The central library now opens on Sundays.";
const REPEAT_TRUE = "Bus fares are free on weekends.";
const DRAFT = [REPEAT_FALSE, DENY_FALSE, REPEAT_MIXED, REPEAT_TRUE].join("\n\n") + "\n";

async function findings(): Promise<Finding[]> {
  const db = await readClaimsFile(fixture("claimreview", "findings.claims.json"));
  const checker = createFactChecker({ databases: [db], lexicon: createLexicon(), nlp });
  return checker.checkText(DRAFT, "plaintext").findings;
}

/** The finding of the sentence at `sentence`, by its text. */
function of(fs: Finding[], sentence: string): Finding {
  const start = DRAFT.indexOf(sentence);
  const f = fs.find((x) => x.start === start);
  assert.ok(f, `no finding for ${JSON.stringify(sentence)}: ${fs.map((x) => `${x.start} ${x.verdict}`).join(", ")}`);
  return f;
}

describe("a sentence repeating a reviewed claim", () => {
  test("the message names the rating, the reviewer and the day of the review; the claim is the reviewer's wording, unquoted", async () => {
    const fs = await findings();
    const doc = TextDocument.create("file:///d.txt", "plaintext", 1, DRAFT);
    const d = findingDiagnostic(doc, of(fs, REPEAT_FALSE), DiagnosticSeverity.Warning);
    assert.equal(
      d.message,
      `repeats a claim rated False by Lakeside Fact Check (2024-05-01) — Dana Whitlock's claim, as the reviewer states it: ${REPEAT_FALSE} (the draft restates a claim the reviewer rated false)`,
    );
    // The review travels with what the quick fixes get (FindingData), not in every publish.
    const f = of(fs, REPEAT_FALSE);
    assert.deepEqual(findingData(doc, f, DRAFT.slice(f.start, f.end))!.review, {
      stance: "repeats",
      rating: "False",
      ratingClass: "false",
      reviewer: "Lakeside Fact Check",
      date: "2024-05-01",
      url: "https://lakesidefacts.example/2024/05/ferry-fares",
    });
    assert.equal((d.data as { verdict?: unknown }).verdict, "supported", "the verdict still says how the sentence stands to the claim");
    assert.deepEqual(d.codeDescription, { href: "https://lakesidefacts.example/2024/05/ferry-fares" }, "the code links to the review");
  });

  test("severity by normalised rating: false → Warning, mixed → Information, true → Hint; a denial of a false claim → Hint", async () => {
    const fs = await findings();
    const settings = normalizeSettings({});
    assert.equal(findingSeverity(settings, of(fs, REPEAT_FALSE)), DiagnosticSeverity.Warning);
    assert.equal(findingSeverity(settings, of(fs, REPEAT_MIXED)), DiagnosticSeverity.Information);
    assert.equal(findingSeverity(settings, of(fs, REPEAT_TRUE)), DiagnosticSeverity.Hint);
    assert.equal(findingSeverity(settings, of(fs, DENY_FALSE)), DiagnosticSeverity.Hint);
  });

  test("the severity is configurable per rating (factCheck.ratingSeverity.<class>), nested or flat, and can be off", async () => {
    const fs = await findings();
    assert.equal(
      findingSeverity(normalizeSettings({ ratingSeverity: { false: "error" } }), of(fs, REPEAT_FALSE)),
      DiagnosticSeverity.Error,
    );
    assert.equal(
      findingSeverity(normalizeSettings({ "ratingSeverity.mixed": "warning" }), of(fs, REPEAT_MIXED)),
      DiagnosticSeverity.Warning,
    );
    assert.equal(findingSeverity(normalizeSettings({ ratingSeverity: { true: "off" } }), of(fs, REPEAT_TRUE)), undefined);
    // A denial of a false claim takes the severity of a true one.
    assert.equal(
      findingSeverity(normalizeSettings({ ratingSeverity: { true: "information" } }), of(fs, DENY_FALSE)),
      DiagnosticSeverity.Information,
    );
    assert.equal(
      findingSeverity(normalizeSettings({ ratingSeverity: { false: "nonsense" } }), of(fs, REPEAT_FALSE)),
      DiagnosticSeverity.Warning,
    );
  });

  test("a sentence that denies a claim rated false says so, and that it is no error", async () => {
    const f = of(await findings(), DENY_FALSE);
    assert.equal(f.verdict, "contradicted");
    const r = reviewReading(f)!;
    assert.equal(r.stance, "denies");
    assert.equal(r.problem, false);
    const doc = TextDocument.create("file:///d.txt", "plaintext", 1, DRAFT);
    const message = findingDiagnostic(doc, f, DiagnosticSeverity.Hint).message;
    assert.match(message, /^denies a claim rated False by Lakeside Fact Check \(2024-05-01\) — /);
    assert.match(message, /the draft says the opposite of a claim the reviewer rated false, which is no error/);
  });

  test("the hover card: claimant, rating, reviewer, date and the review link", async () => {
    const card = findingCard(of(await findings(), REPEAT_FALSE));
    assert.equal(
      card,
      [
        "**Repeats a reviewed claim** — repeats a claim rated False by Lakeside Fact Check \\(2024\\-05\\-01\\)",
        "the draft restates a claim the reviewer rated false",
        "**Claim** (lfc\\-ferry\\-fares), as the reviewer states it: The harbor council voted to double ferry fares last spring\\.",
        "**Claimant:** Dana Whitlock (2024\\-04\\-28)",
        "**Rating:** False (false)",
        "**Reviewer:** Lakeside Fact Check (lakesidefacts\\.example), 2024\\-05\\-01 · [Read the review](https://lakesidefacts.example/2024/05/ferry-fares)",
      ].join("\n\n"),
    );
  });

  test("a feed's markdown, HTML, command links and theme icons come out inert in the card; the only link is the review's, encoded", async () => {
    const db = await readClaimsFile(fixture("claimreview", "malicious.claims.json"));
    const claim = db.claims[0];
    const f: Finding = { start: 0, end: 10, verdict: "supported", score: 0.9, explanation: "restates the record", claim };
    const card = findingCard(f);
    assert.doesNotMatch(card, /<(script|img|b|i|u)\b/, "no HTML tag survives");
    assert.doesNotMatch(
      card,
      /(?<!\\)\]\((?!https:\/\/evil\.example\/a%29%28command:workbench\.action\.terminal\.new%29\))/,
      "no link but the review's",
    );
    assert.doesNotMatch(card, /(?<!\\)\$\(/, "no theme icon");
    assert.doesNotMatch(card, /(?<!\\)\*\*free/, "no emphasis from the feed");
    assert.match(card, /\[Read the review\]\(https:\/\/evil\.example\/a%29%28command:workbench\.action\.terminal\.new%29\)/);
    assert.ok(card.includes("**Claimant:** &lt;script&gt;alert\\(1\\)&lt;\\/script&gt; \\[Mallory\\]\\(command\\:workbench"), card);
    assert.ok(card.includes("Evil \\[Checks\\]\\(https\\:\\/\\/phish\\.example\\)"), card);
    assert.ok(card.includes("rated False\\]\\(command\\:x\\) &lt;u&gt;y&lt;\\/u&gt; by"), card);
  });
});

describe("the command line", () => {
  async function cli(...args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), nlp, cwd: ROOT });
    return { code, stdout, stderr };
  }
  const claims = fixture("claimreview", "findings.claims.json");

  test("text, JSON and SARIF carry the rating; repeating a false claim exits 1", async () => {
    const { writeFileSync, mkdtempSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "factcheck-review-"));
    try {
      const draft = join(dir, "draft.txt");
      writeFileSync(draft, DRAFT);
      const text = await cli("check", "--claims", claims, draft);
      assert.equal(text.code, 1, text.stderr);
      assert.match(
        text.stdout,
        /draft\.txt:1:1: supported: repeats a claim rated False by Lakeside Fact Check \(2024-05-01\): .* \[lfc-ferry-fares\]/,
      );
      const json = JSON.parse((await cli("check", "--format", "json", "--claims", claims, draft)).stdout);
      const first = json.files[0].findings[0];
      assert.deepEqual(first.review, {
        stance: "repeats",
        ratingClass: "false",
        rating: "False",
        reviewer: "Lakeside Fact Check",
        site: "lakesidefacts.example",
        date: "2024-05-01",
        url: "https://lakesidefacts.example/2024/05/ferry-fares",
        claimant: "Dana Whitlock",
        problem: true,
      });
      const sarif = JSON.parse((await cli("check", "--format", "sarif", "--claims", claims, draft)).stdout);
      const results = sarif.runs[0].results;
      assert.equal(results[0].level, "warning");
      assert.equal(results[0].properties.review.rating, "False");
      assert.equal(results[1].properties.review.stance, "denies");
      assert.equal(results[1].level, "note", "denying a false claim is no problem");

      // Only a denial of the false claim and a repetition of the true one: nothing to fail CI for.
      writeFileSync(draft, `${DENY_FALSE}\n\n${REPEAT_TRUE}\n`);
      const quiet = await cli("check", "--claims", claims, draft);
      assert.equal(quiet.code, 0, quiet.stdout);
      assert.match(quiet.stdout, /contradicted: denies a claim rated False/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a reviewed claim beside other databases", () => {
  test("is judged as a review record whatever other databases say of its claimant: naming someone else is no misattribution", async () => {
    const feed = await readClaimsFile(fixture("claimreview", "findings.claims.json"));
    const [first] = feed.claims;
    // Another database in which the feed's claimant speaks with a verb of saying, and the bundled article (Karoline Leavitt).
    const spoken = {
      ...feed,
      claims: [
        {
          ...first,
          id: "spoken-claimant",
          review: undefined,
          verb: "said",
          text: `${first.speaker.name} said the ferry would run on Sundays.`,
        },
      ],
    };
    const checker = createFactChecker({ databases: [feed, await readBundledClaims(), spoken], lexicon: createLexicon(), nlp });
    const text = `Karoline Leavitt said ${REPEAT_FALSE.charAt(0).toLowerCase()}${REPEAT_FALSE.slice(1)}`;
    const verdicts = checker.checkText(text, "plaintext").findings.map((f) => `${f.claim.id}:${f.verdict}`);
    assert.deepEqual(verdicts, [`${first.id}:supported`]);
  });
});

// A source checked against the claims database drawn from it must give only `supported` findings:
// anything else would flag the source's own words (a faithful quotation called "misquoted", a
// sentence called "unsupported"), the false alarm the extractor must never cause. Run on the
// bundled article and on the extract fixtures (plain text, Markdown, HTML), through the CLI as a
// writer would use it.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/cli/run.js";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { createFactChecker } from "../src/core/checker.js";
import { createLexicon } from "../src/node/lexicon.js";
import { fixture, nlp, ROOT } from "./helpers.js";

const AREA = realpathSync(mkdtempSync(join(tmpdir(), "factcheck-extract-selfcheck-")));
after(() => rmSync(AREA, { recursive: true, force: true }));

const SOURCES: [string, string][] = [
  ["the bundled article", join(ROOT, "claims", "european-led-security-guarantees.txt")],
  ["the plain-text fixture", fixture("extract", "harbor-dredging.txt")],
  ["the Markdown fixture", fixture("extract", "harbor-dredging.md")],
  ["the HTML fixture", fixture("extract", "harbor-dredging.html")],
  // A news article's frame around each statement: the day, the place, who the speaker is ("On Tuesday in Millbrook,
  // Democratic Mayor Rosa Delgado said …"). The source says them, so restating its own sentence adds nothing. And a
  // mixed quote (a paraphrase with the speaker's own words in quotation marks inside it), quoted as the source has it.
  ["a news article with frames", fixture("extract", "ferry-frame.txt")],
];

describe("a source checked against its own extracted database", () => {
  SOURCES.forEach(([what, path], k) => {
    it(`${what}: every finding is supported, and there are findings`, async () => {
      const name = `source-${k}${path.slice(path.lastIndexOf("."))}`;
      copyFileSync(path, join(AREA, name));
      let err = "";
      const code = await run(["extract", name], { out: () => {}, err: (t) => (err += t), nlp, cwd: AREA });
      assert.equal(code, 0, err);
      const claimsPath = join(AREA, `source-${k}.claims.json`);
      const db = await readClaimsFile(claimsPath);
      const stored = JSON.parse(readFileSync(claimsPath, "utf8")) as { source: { file: string }; claims: unknown[] };
      // the text the quotes were cut from, as a draft: every sentence of it restates the record
      const text = readFileSync(join(AREA, stored.source.file), "utf8");
      const checker = createFactChecker({ databases: [db], lexicon: createLexicon(), nlp });
      const findings = checker.checkText(text, "plaintext").findings;
      assert.ok(findings.length >= 3, `only ${findings.length} findings for ${stored.claims.length} claims`);
      const bad = findings.filter((f) => f.verdict !== "supported");
      assert.deepEqual(
        bad.map((f) => `${f.verdict}: ${text.slice(f.start, f.end)}`),
        [],
        "findings other than supported",
      );
    });
  });

  // The frame backs what the claim's own source sentence says, nothing else: a day, a place or a description from
  // another sentence of the same source, or from none, is still a detail the record does not back.
  it("a draft adding a detail its claim's source sentence does not hold is still unsupported; quoted paraphrase is misquoted", async () => {
    copyFileSync(fixture("extract", "ferry-frame.txt"), join(AREA, "frames.txt"));
    let err = "";
    const code = await run(["extract", "frames.txt"], { out: () => {}, err: (t) => (err += t), nlp, cwd: AREA });
    assert.equal(code, 0, err);
    const db = await readClaimsFile(join(AREA, "frames.claims.json"));
    const checker = createFactChecker({ databases: [db], lexicon: createLexicon(), nlp });
    const drafts: [string, string][] = [
      ["On Tuesday in Riverton, Mayor Rosa Delgado said the harbor ferry would resume service in April.", "Riverton"],
      ["On Friday, Delgado said the harbor ferry would resume service in April.", "Friday"],
      ["On Wednesday, Delgado said the harbor ferry would resume service in April.", "Wednesday"],
      ["The Republican mayor, Rosa Delgado, said the harbor ferry would resume service in April.", "Republican"],
      ["In Millbrook, Delgado promised that fares would stay at two dollars.", "Millbrook"],
    ];
    for (const [draft, word] of drafts) {
      const findings = checker.checkText(draft, "plaintext").findings;
      assert.equal(findings.length, 1, draft);
      assert.equal(findings[0].verdict, "unsupported", draft);
      assert.match(findings[0].explanation, new RegExp(`"${word}"`), draft);
    }
    // A mixed quote: the source paraphrases Okafor but has "for as long as the pilings hold up" in quotation marks.
    // Those words may be put in marks under his name; words the source paraphrases may not.
    const quoted: [string, string][] = [
      ["Okafor said the county would keep the old dock open “for as long as the pilings hold up.”", "supported"],
      ["Okafor said the county would keep the old dock open “for as long as the pilings hold up while the new one is built.”", "misquoted"],
      ["Okafor said “the county would keep the old dock open” for as long as the pilings hold up.", "misquoted"],
    ];
    for (const [draft, verdict] of quoted) {
      const findings = checker.checkText(draft, "plaintext").findings;
      assert.deepEqual(
        findings.map((f) => f.verdict),
        [verdict],
        draft,
      );
    }
  });
});

// The journalist's loop, end to end: draw a claims database from a source article (a fixture written for
// this test, with direct quotes), load it with the real loader, and check a draft against it — a correct
// quote, a misquote, a paraphrase of a direct quote and a quote given to the wrong person.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { run } from "../src/cli/run.js";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { createFactChecker, type FactChecker } from "../src/core/checker.js";
import { createLexicon } from "../src/node/lexicon.js";
import { fixture, nlp } from "./helpers.js";

const AREA = realpathSync(mkdtempSync(join(tmpdir(), "factcheck-extract-loop-")));
after(() => rmSync(AREA, { recursive: true, force: true }));

describe("extract, then check a draft against what was extracted", () => {
  let checker: FactChecker;
  before(async () => {
    copyFileSync(fixture("extract", "harbor-dredging.txt"), join(AREA, "harbor.txt"));
    let err = "";
    const code = await run(["extract", "harbor.txt"], { out: () => {}, err: (t) => (err += t), nlp, cwd: AREA });
    assert.equal(code, 0, err);
    checker = createFactChecker({ databases: [await readClaimsFile(join(AREA, "harbor.claims.json"))], lexicon: createLexicon(), nlp });
  });

  const verdictOf = (sentence: string) => {
    const findings = checker.checkText(sentence, "plaintext").findings;
    assert.ok(findings.length, `no finding for: ${sentence}`);
    return findings[0].verdict;
  };

  it("a correct quote is supported", () => {
    assert.equal(verdictOf("“We will not let the channel silt up while ships wait outside,” Vasquez said."), "supported");
  });
  it("a misquote is misquoted", () => {
    assert.equal(verdictOf("“We will never let the harbor silt up while ships wait around,” Vasquez said."), "misquoted");
  });
  it("a paraphrase of a direct quote is supported", () => {
    assert.equal(verdictOf("Vasquez said the city would not let the channel silt up while ships wait outside."), "supported");
  });
  it("the quote given to the wrong person is misattributed", () => {
    assert.equal(verdictOf("“We will not let the channel silt up while ships wait outside,” Reyes said."), "misattributed");
  });
});

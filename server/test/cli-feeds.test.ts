// `factcheck import` and `factcheck export` as a newsroom's scripts use them: files written, bad records on stderr
// with their places, the written database loading back, the round trip through the files, usage errors, and a
// feed given straight to `check --claims`. Every file a test writes goes into one temp folder, removed after.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { run as runCli } from "../src/cli/run.js";
import { fixture, nlp } from "./helpers.js";

const AREA = realpathSync(mkdtempSync(join(tmpdir(), "factcheck-feeds-")));
after(() => rmSync(AREA, { recursive: true, force: true }));
for (const f of ["single.claimreview.json", "datafeed.json", "api.json", "reviews.csv"])
  copyFileSync(fixture("claimreview", f), join(AREA, f));

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), nlp, cwd: AREA });
  return { code, stdout, stderr };
}

describe("factcheck import", () => {
  test("several feeds into one claims database; skipped records on stderr as file:line:column; the summary on stdout", async () => {
    const r = await cli(
      "import",
      "single.claimreview.json",
      "datafeed.json",
      "api.json",
      "reviews.csv",
      "--out",
      "feeds.claims.json",
      "--title",
      "Local fact checks",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "feeds.claims.json: 6 reviewed claims from 4 files (8 records skipped, see above)\n");
    const lines = r.stderr.trim().split("\n");
    assert.ok(
      lines.includes("datafeed.json:22:15: this ClaimReview has no url (the review article): skipped (at /dataFeedElement/1/item)"),
      r.stderr,
    );
    assert.ok(lines.includes('reviews.csv:8:1: this row has no "reviewUrl": skipped'), r.stderr);
    assert.ok(
      lines.some((l) => /claim lakeside-fact-check-the-harbor-council-voted-to-\w+ is in more than one file/.test(l)),
      r.stderr,
    );
    const db = JSON.parse(readFileSync(join(AREA, "feeds.claims.json"), "utf8"));
    assert.equal(db.version, 2);
    assert.equal(db.title, "Local fact checks");
    assert.equal(db.claims.length, 6);
    // The written file is a claims database like any other: list it.
    const list = await cli("claims", "list", "--claims", "feeds.claims.json", "--format", "json");
    assert.equal(list.code, 0, list.stderr);
    assert.equal(JSON.parse(list.stdout).claims[0].review.publisher.name, "Lakeside Fact Check");
    const text = await cli("claims", "list", "--claims", "feeds.claims.json");
    assert.match(
      text.stdout,
      /^lakeside-fact-check-the-harbor-council-voted-to-\w+\tDana Whitlock \(claimant\), claimed: The harbor council voted to double ferry fares last spring\.\n\treviewed by Lakeside Fact Check \(2024-05-01\): False — https:\/\/lakesidefacts\.example\/2024\/05\/ferry-fares$/m,
    );
  });

  test("without --out the database goes to stdout; a file with nothing readable is an error (exit 2)", async () => {
    const r = await cli("import", "single.claimreview.json");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).claims.length, 1);
    writeFileSync(join(AREA, "nothing.json"), '{"@type": "ClaimReview"}');
    const bad = await cli("import", "nothing.json");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^nothing\.json:1:1: this ClaimReview has no claimReviewed/m);
    assert.match(bad.stderr, /nothing\.json:1:1: no fact-check could be read from this JSON-LD/);
  });

  test("usage: FILE needed, --out must be *.claims.json", async () => {
    assert.equal((await cli("import")).code, 2);
    const r = await cli("import", "api.json", "--out", "x.json");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out must name a \*\.claims\.json file/);
  });
});

describe("factcheck export", () => {
  test("the bundled database by default, to stdout, as a DataFeed of Claims", async () => {
    const r = await cli("export");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out["@type"], "DataFeed");
    assert.equal(out.dataFeedElement.length, 21);
    assert.ok(out.dataFeedElement.every((e: { "@type": string }) => e["@type"] === "Claim"));
  });

  test("import → export --out → import gives the same database file", async () => {
    assert.equal((await cli("import", "api.json", "--out", "api.claims.json")).code, 0);
    const e = await cli("export", "--format", "claimreview", "api.claims.json", "--out", "api.jsonld");
    assert.equal(e.code, 0, e.stderr);
    assert.equal(e.stdout, "api.jsonld: 2 claims as schema.org JSON-LD\n");
    assert.equal((await cli("import", "api.jsonld", "--out", "again.claims.json")).code, 0);
    assert.equal(readFileSync(join(AREA, "again.claims.json"), "utf8"), readFileSync(join(AREA, "api.claims.json"), "utf8"));
  });

  test("an unknown format is a usage error", async () => {
    const r = await cli("export", "--format", "csv");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown export format "csv" \(claimreview\)/);
  });
});

describe("a feed given to check --claims", () => {
  test("is loaded directly, its skipped records said on stderr", async () => {
    writeFileSync(join(AREA, "draft.txt"), "Water rates rose 40 percent in one year.\n");
    const r = await cli("check", "--claims", "datafeed.json", "draft.txt");
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^draft\.txt:1:1: supported: repeats a claim rated Misleading by Lakeside Fact Check \(2024-09-03\)/);
    assert.match(r.stderr, /^datafeed\.json:22:15: this ClaimReview has no url/m);
  });
});

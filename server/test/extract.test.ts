// `factcheck extract`: what it draws from plain text, Markdown and an HTML page (fixtures written for these
// tests), that every database it writes loads with the real loader as is, stable ids, and that
// re-extraction keeps what the writer reviewed.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/cli/run.js";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { extractClaims, type ClaimsFileJson } from "../src/core/extract/index.js";
import { fixture, nlp } from "./helpers.js";

const AREA = realpathSync(mkdtempSync(join(tmpdir(), "factcheck-extract-")));
after(() => rmSync(AREA, { recursive: true, force: true }));
let dirs = 0;

async function extractFixture(name: string, ...args: string[]) {
  const dir = join(AREA, `x${++dirs}`);
  mkdirSync(dir);
  copyFileSync(fixture("extract", name), join(dir, name));
  let out = "";
  let err = "";
  const code = await run(["extract", name, ...args], { out: (t) => (out += t), err: (t) => (err += t), nlp, cwd: dir });
  assert.equal(code, 0, err);
  const claimsPath = join(dir, name.replace(/\.[^.]+$/, "") + ".claims.json");
  const json = JSON.parse(readFileSync(claimsPath, "utf8")) as ClaimsFileJson;
  const loaded = await readClaimsFile(claimsPath);
  return { dir, out, json, loaded, claimsPath, text: readFileSync(join(dir, json.source!.file!), "utf8") };
}

const speakerOf = (db: ClaimsFileJson, quotePart: string) => {
  const c = db.claims.find((x) => x.quote.includes(quotePart));
  assert.ok(c, `no claim quoting "${quotePart}": ${db.claims.map((x) => x.quote).join(" | ")}`);
  return { claim: c, speaker: db.speakers[c.speaker] };
};

describe("factcheck extract on plain text", () => {
  it("writes a database the loader reads as is, with speakers, roles, cues and direct quotes", async () => {
    const { json, loaded, out, text } = await extractFixture("harbor-dredging.txt");
    assert.match(out, /harbor-dredging\.claims\.json: \d+ claims, \d+ speakers/);
    assert.equal(loaded.claims.length, json.claims.length);
    for (const c of json.claims) assert.equal(text.slice(c.start, c.end), c.quote);

    const mayor = speakerOf(json, "would begin dredging");
    assert.equal(mayor.speaker.name, "Elena Vasquez");
    assert.match(mayor.speaker.role, /Mayor/);
    assert.equal(mayor.claim.quoteKind, "reported");
    assert.match(mayor.claim.text, /^Vasquez said .*the city would begin dredging/);

    const direct = speakerOf(json, "We will not let the channel");
    assert.equal(direct.claim.speaker, mayor.claim.speaker, "the surname resolves to the speaker named before");
    assert.equal(direct.claim.quoteKind, "direct");
    assert.equal(direct.claim.polarity, "negative");

    const reyes = speakerOf(json, "the timeline");
    assert.equal(reyes.speaker.name, "Tomas Reyes");
    assert.match(reyes.claim.verb, /pushed back on/);
    const added = speakerOf(json, "the port authority should pay");
    assert.equal(added.claim.speaker, reyes.claim.speaker, "“He added” resolves to Reyes");

    const port = speakerOf(json, "it could contribute up to $4 million");
    assert.match(port.speaker.name, /port authority/i);
    assert.equal(port.claim.hedged, true);
    const master = speakerOf(json, "the channel has lost two meters");
    assert.match(master.speaker.name, /harbor master/i);
    assert.match(master.claim.verb, /^According to$/);
    assert.equal(master.claim.section, "Funding Questions");
  });

  it("gives the same ids to the same source, and keeps the ids of unchanged claims when the source is edited", () => {
    const text = readFileSync(fixture("extract", "harbor-dredging.txt"), "utf8");
    const a = extractClaims({ nlp, text, title: "Harbor" });
    const b = extractClaims({ nlp, text, title: "Harbor" });
    assert.deepEqual(
      a.claims.map((c) => c.id),
      b.claims.map((c) => c.id),
    );
    const edited = text.replace("Funding Questions\n", "Funding Questions\nThe vote was six to three, the clerk said.\n");
    const c = extractClaims({ nlp, text: edited, title: "Harbor" });
    const ids = new Set(c.claims.map((x) => x.id));
    for (const claim of a.claims) assert.ok(ids.has(claim.id), `lost id ${claim.id}`);
    assert.ok(c.claims.length > a.claims.length);
  });

  it("re-extracting over a database keeps the claims marked reviewed as the writer left them", async () => {
    const { dir, claimsPath, json } = await extractFixture("harbor-dredging.txt");
    const target = json.claims.find((c) => c.quote.includes("would begin dredging"))!;
    const edited = {
      ...json,
      claims: json.claims.map((c) =>
        c.id === target.id ? { ...c, text: "Vasquez promised spring dredging.", verb: "promised", reviewed: true } : c,
      ),
    };
    writeFileSync(claimsPath, JSON.stringify(edited, null, 2));
    let err = "";
    const code = await run(["extract", "harbor-dredging.txt", "--out", "harbor-dredging.claims.json"], {
      out: () => {},
      err: (t) => (err += t),
      nlp,
      cwd: dir,
    });
    assert.equal(code, 0, err);
    const again = JSON.parse(readFileSync(claimsPath, "utf8")) as ClaimsFileJson;
    const kept = again.claims.filter((c) => c.quote.includes("would begin dredging"));
    assert.equal(kept.length, 1, "the fresh claim on the same words is not added beside the reviewed one");
    assert.deepEqual(
      kept[0],
      edited.claims.find((c) => c.id === target.id),
    );
    await readClaimsFile(claimsPath);
  });

  it("--format json prints the database", async () => {
    const { out, json } = await extractFixture("harbor-dredging.txt", "--format", "json");
    assert.deepEqual(JSON.parse(out), json);
  });

  it("names the file and the problem for a missing source", async () => {
    let err = "";
    const code = await run(["extract", "missing.txt"], { out: () => {}, err: (t) => (err += t), nlp, cwd: AREA });
    assert.equal(code, 2);
    assert.match(err, /missing\.txt.*ENOENT/);
  });
});

describe("factcheck extract on Markdown and HTML", () => {
  it("Markdown: headings become sections; front matter and code are left out", async () => {
    const { json, text } = await extractFixture("harbor-dredging.md");
    assert.doesNotMatch(text, /console\.log|author: Test Desk|```/);
    assert.match(text, /^Harbor Dredging Plan Wins Council Backing\n/);
    assert.match(text, /half of the work/);
    assert.equal(json.title, "Harbor Dredging Plan Wins Council Backing");
    const reyes = speakerOf(json, "the port authority should pay");
    assert.equal(reyes.claim.section, "Funding Questions");
    assert.equal(reyes.speaker.name, "Tomas Reyes");
    assert.ok(!json.claims.some((c) => c.quote.includes("code and no claim")));
  });

  it("HTML: the article body is found and the page's boilerplate left out; quotes are verbatim in the stored text", async () => {
    const { json, text, loaded } = await extractFixture("harbor-dredging.html");
    assert.doesNotMatch(text, /Advertisement|All rights reserved|Subscribe today|analytics|font-family/);
    assert.match(text, /“We will not let the channel silt up while ships wait outside,” Vasquez said\./);
    assert.ok(loaded.claims.length >= 4);
    assert.equal(speakerOf(json, "We will not let the channel").claim.quoteKind, "direct");
    assert.equal(speakerOf(json, "the port authority should pay").claim.section, "Funding Questions");
  });
});

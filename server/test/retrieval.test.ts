// Retrieval of previously fact-checked claims from social and web text: normalisation (links, handles,
// hashtags, emoji, "RT", a tweet's trailer) with offsets kept, the per-paragraph decision for fragments,
// fact-checker speakers (names in a draft are what a claim is about), the calibrated score, and
// `check --candidates K`. The database is a small invented fact-check feed (test/fixtures/core/factchecks.*).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { run as runCli } from "../src/cli/run.js";
import { createFactChecker, type FactChecker } from "../src/core/checker.js";
import { featureVector, restatementProbability } from "../src/core/calibration.js";
import { isUtteranceVerb, reviewerSpeakers } from "../src/core/reviewers.js";
import { normaliseSocialText, splitCompound } from "../src/core/social-text.js";
import { analyze } from "../src/core/analyze.js";
import { joinAnalyses } from "../src/core/passage-analysis.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { createLexicon } from "../src/node/lexicon.js";
import { fixture, nlp, ROOT } from "./helpers.js";

const FEED = fixture("core", "factchecks.claims.json");
const TOLL = "fd-bridge-toll-lunches";

describe("social-text normalisation", () => {
  const tweet =
    "RT @FactWatcher: Wow. #MaraQuill says the #BridgeToll will pay for school lunches 😡 https://t.co/xYz12 — Pat Doe (@pat_doe) March 3, 2021";

  it("reads links, emoji, RT and the trailer as nothing, handles and hashtags as their words", () => {
    const n = normaliseSocialText(tweet);
    const words = n.text.replace(/\s+/g, " ").trim();
    assert.equal(words, "Fact Watcher: Wow. Mara Quill says the Bridge Toll will pay for school lunches");
    assert.equal(n.poster, "Pat Doe");
  });

  it("maps every kept character back to the same character of the original", () => {
    const n = normaliseSocialText(tweet);
    assert.equal(n.origin.length, n.text.length + 1);
    for (let i = 0; i < n.text.length; i++) {
      if (n.text[i] === " ") continue;
      assert.equal(tweet[n.origin[i]], n.text[i], `character ${i} (${n.text[i]})`);
    }
    for (let i = 1; i < n.origin.length; i++) assert.ok(n.origin[i] >= n.origin[i - 1], "origin is non-decreasing");
  });

  it("splits CamelCase, underscores and digits; keeps acronyms whole", () => {
    assert.equal(splitCompound("realDonaldTrump"), "real Donald Trump");
    assert.equal(splitCompound("DefundTheCBC"), "Defund The CBC");
    assert.equal(splitCompound("joe_biden"), "joe biden");
    assert.equal(splitCompound("COVID19"), "COVID 19");
  });

  it("a hashtag glued to a link ends where the link begins; an e-mail address is no handle", () => {
    assert.equal(normaliseSocialText("#DefundTheCBChttps://t.co/Cs9").text.trim(), "Defund The CBC");
    assert.equal(normaliseSocialText("write to desk@example.org today").text, "write to desk@example.org today");
  });

  it("leaves ordinary prose as it is", () => {
    const s = "Trump ruled out deploying American troops to Ukraine.";
    const n = normaliseSocialText(s);
    assert.equal(n.text, s);
    assert.equal(n.unchanged, true);
  });
});

describe("a paragraph's analysis from its sentences'", () => {
  it("joins tokens and units with offsets into the joined text, clauses kept apart", () => {
    const parts = ["The toll is not new.", "Quill wants it, they say."].map((t) => analyze(nlp, t));
    const joined = joinAnalyses(parts);
    assert.equal(joined.text, "The toll is not new. Quill wants it, they say.");
    assert.equal(joined.tokens.length, parts[0].tokens.length + parts[1].tokens.length);
    for (const t of joined.tokens) assert.equal(joined.text.slice(t.start, t.end), t.text);
    for (const u of joined.units) assert.ok(joined.tokens[u.first] && joined.tokens[u.last]);
    const quill = joined.tokens.findIndex((t) => t.text === "Quill");
    const not = joined.tokens.findIndex((t) => t.text === "not");
    assert.ok(joined.tokens[quill].clause > joined.tokens[not].clause);
    // The second sentence's words are not denied by the first one's "not".
    assert.equal(joined.units.find((u) => u.lower === "wants")?.negated, false);
  });
});

describe("fact-checker speakers", () => {
  it("a feed's reviewer is one; a database of what people said has none", async () => {
    const feed = await readClaimsFile(FEED);
    assert.deepEqual([...reviewerSpeakers(feed.claims)], ["Fact Desk"]);
    const harbor = await readClaimsFile(fixture("core", "harbor.claims.json"));
    assert.deepEqual([...reviewerSpeakers(harbor.claims)], []);
    assert.deepEqual([...reviewerSpeakers((await readBundledClaims()).claims)], []);
  });

  it("tells verbs of saying from a reviewer's verbs", () => {
    for (const v of ["said", "ruled out", "stated", "told reporters", "according to", "rejected"])
      assert.equal(isUtteranceVerb(v), true, v);
    for (const v of ["fact-checked", "rated", "reviewed"]) assert.equal(isUtteranceVerb(v), false, v);
  });
});

describe("matching restatements of fact-checked claims", () => {
  let checker: FactChecker;
  before(async () => {
    checker = createFactChecker({ databases: [await readClaimsFile(FEED)], lexicon: createLexicon(), nlp });
  });

  it("a tweet with a handle, hashtags, an emoji, a link and a trailer restates its claim: supported, on the tweet's own offsets", () => {
    const draft =
      "RT @FactWatcher: #MaraQuill says the #BridgeToll will pay for free school lunches 😡 https://t.co/xYz12 — Pat Doe (@pat_doe) March 3, 2021\n";
    const { findings } = checker.checkText(draft, "plaintext");
    assert.equal(findings.length, 1);
    assert.equal(findings[0].claim.id, TOLL);
    assert.equal(findings[0].verdict, "supported");
    assert.ok(findings[0].start >= 0 && findings[0].end <= draft.length && findings[0].start < findings[0].end);
  });

  it("a name that is the claim's subject is no misattribution", () => {
    const { findings } = checker.checkText("Mara Quill said the new bridge toll would pay for free school lunches.\n", "plaintext");
    assert.deepEqual(
      findings.map((f) => `${f.claim.id}:${f.verdict}`),
      [`${TOLL}:supported`],
    );
  });

  it("words in quotation marks are not checked against a reviewer's record", () => {
    const { findings } = checker.checkText(
      'Quill said "the new bridge toll would pay for free school lunches" and nobody checked.\n',
      "plaintext",
    );
    assert.ok(findings.length >= 1);
    assert.ok(
      findings.every((f) => f.verdict !== "misquoted" && f.verdict !== "misattributed"),
      JSON.stringify(findings.map((f) => f.verdict)),
    );
  });

  it("a restatement cut into fragments is decided for the paragraph: found, where no fragment alone is", () => {
    const draft = "A parrot? Elected mayor! In Oregon, of all places pic.twitter.com/AbC123\n";
    const fragments = ["A parrot?", "Elected mayor!", "In Oregon, of all places"];
    for (const f of fragments) assert.deepEqual(checker.checkSentence(normaliseSocialText(f).text).matches, [], f);
    const { findings } = checker.checkText(draft, "plaintext");
    assert.deepEqual(
      findings.map((f) => `${f.claim.id}:${f.verdict}`),
      ["fd-parrot-mayor:supported"],
    );
    // The finding covers the sentences holding the claim's words: from the first fragment to the last.
    assert.equal(findings[0].start, 0);
    assert.ok(findings[0].end >= draft.indexOf("Oregon"));
  });

  it("a plain denial near the claim's words contradicts it; a question does not", () => {
    const denial = checker.checkText("The mint is not recalling every coin minted before 1990.\n", "plaintext").findings;
    assert.deepEqual(
      denial.map((f) => `${f.claim.id}:${f.verdict}`),
      ["fd-coins-recall:contradicted"],
    );
    const question = checker.checkText("Is the mint not recalling every coin minted before 1990?\n", "plaintext").findings;
    assert.deepEqual(
      question.map((f) => `${f.claim.id}:${f.verdict}`),
      ["fd-coins-recall:supported"],
    );
  });

  it("an unrelated paragraph gets nothing", () => {
    assert.deepEqual(
      checker.checkText("The bridge reopened after repairs last week.\n\nOur cat sleeps all day.\n", "plaintext").findings,
      [],
    );
  });

  it("scores are calibrated probabilities: in [0, 1], a restatement far above a sentence sharing one word", () => {
    const full = checker.candidatesFor("Mara Quill said the new bridge toll would pay for free school lunches.", 1)[0];
    const part = checker.candidatesFor("The bridge reopened after repairs last week.", 1)[0];
    assert.equal(full.claim.id, TOLL);
    assert.equal(part.claim.id, TOLL);
    assert.ok(full.score > 0.9 && full.score <= 1 && part.score < 0.5 && part.score >= 0, `${full.score}, ${part.score}`);
    const base = {
      coverage: 0.5,
      precision: 0.5,
      section: 0,
      sectionRare: 0,
      hits: 3,
      conceptHits: 3,
      pairs: 0,
      properHits: 0,
      reachedRare: 1,
      maxHit: 0.5,
      retrievalRank: 0,
    };
    assert.ok(restatementProbability(featureVector({ ...base, coverage: 0.9 })) > restatementProbability(featureVector(base)));
    assert.ok(restatementProbability(featureVector({ ...base, section: 0.8 })) > restatementProbability(featureVector(base)));
  });
});

describe("check --candidates K", () => {
  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), cwd: ROOT, nlp });
    return { code, out, err };
  }
  const draftPath = fixture("core", "factchecks-tweet.txt");

  it("JSON lists each sentence's K most likely claims, best first, with calibrated scores", async () => {
    const r = await cli("check", "--format", "json", "--candidates", "2", "--claims", FEED, draftPath);
    assert.equal(r.err, "");
    const file = JSON.parse(r.out).files[0];
    assert.ok(file.candidates.length >= 1);
    for (const s of file.candidates) {
      assert.ok(s.candidates.length <= 2); // "Wow." shares no word with any claim: no candidate
      assert.deepEqual(
        s.candidates.map((c: { rank: number }) => c.rank),
        s.candidates.map((_: unknown, i: number) => i + 1),
      );
      for (let i = 1; i < s.candidates.length; i++) assert.ok(s.candidates[i - 1].score >= s.candidates[i].score);
      assert.ok(s.range.start.line >= 0);
    }
    assert.ok(file.candidates.some((s: { candidates: { claim: { id: string } }[] }) => s.candidates[0]?.claim.id === TOLL));
    // The findings are what they are without the option.
    const plain = JSON.parse((await cli("check", "--format", "json", "--claims", FEED, draftPath)).out).files[0];
    assert.deepEqual(plain.findings, file.findings);
    assert.equal(plain.candidates, undefined);
  });

  it("text prints one line per candidate; a bad K is a usage error", async () => {
    const r = await cli("check", "--candidates", "1", "--claims", FEED, draftPath);
    assert.match(r.out, /:\d+:\d+: candidate 1, score [01]\.\d{3}: Senator Mara Quill said .* \[fd-bridge-toll-lunches\]/);
    for (const bad of ["0", "x", "1.5"]) {
      const e = await cli("check", "--candidates", bad, "--claims", FEED, draftPath);
      assert.equal(e.code, 2);
      assert.match(e.err, /--candidates takes a whole number/);
    }
  });
});

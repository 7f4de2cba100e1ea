// The learned decision for reviewed claims (restatement-model.ts): character 4-grams, the ranking and
// acceptance models as stored, and the paragraph-level decision in the checker — a sentence's findings on
// reviewed claims wait for its paragraph, a paragraph may show a runner-up, ignore directives hold, long
// paragraphs and databases of what people said keep their old path. The feed is the small invented one of
// test/fixtures/core/factchecks.*; the drafts are written here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { createFactChecker, type FactChecker } from "../src/core/checker.js";
import { FEATURES } from "../src/core/calibration.js";
import { gramOverlap, gramVector } from "../src/core/char-grams.js";
import {
  acceptInputs,
  leaderChance,
  posterShare,
  posterWords,
  RANK_FEATURES,
  RESTATEMENT_MODEL,
  rankScore,
  runnerUpChance,
} from "../src/core/restatement-model.js";
import type { ClaimsDatabase, Finding } from "../src/core/types.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { createLexicon } from "../src/node/lexicon.js";
import { fixture, nlp, ROOT } from "./helpers.js";

const FEED = fixture("core", "factchecks.claims.json");
const lexicon = createLexicon();
const round = (x: number) => Math.round(Math.min(1, x) * 1000) / 1000;
const shown = (fs: readonly Finding[]) => fs.map((f) => `${f.claim.id}:${f.verdict}`);

describe("character 4-grams", () => {
  it("a hashtag in one lowercase run shares the grams of its words; stop words and case do not count", () => {
    const tag = gramVector("#fyrefestival");
    const words = gramVector("The Fyre Festival");
    const other = gramVector("a quiet harbor town");
    const o = gramOverlap(tag, words);
    assert.ok(o.cosine > 0.3, `cosine ${o.cosine}`);
    assert.ok(o.reachOfB > 0.4 && o.reachOfA > 0.4, JSON.stringify(o));
    assert.equal(gramOverlap(tag, other).cosine, 0);
    assert.deepEqual(gramVector("the FYRE festival"), gramVector("Fyre Festival"));
  });

  it("identical texts have cosine 1 and reach all of each other; the shares are in [0, 1] and the cosine symmetric", () => {
    const a = gramVector("The space agency spent two billion dollars");
    assert.ok(Math.abs(gramOverlap(a, a).cosine - 1) < 1e-12);
    assert.equal(gramOverlap(a, a).reachOfA, 1);
    const b = gramVector("agency spending on billions");
    const ab = gramOverlap(a, b);
    const ba = gramOverlap(b, a);
    assert.ok(Math.abs(ab.cosine - ba.cosine) < 1e-12);
    assert.ok(Math.abs(ab.reachOfA - ba.reachOfB) < 1e-12 && Math.abs(ab.reachOfB - ba.reachOfA) < 1e-12);
    for (const v of [ab.cosine, ab.reachOfA, ab.reachOfB]) assert.ok(v > 0 && v < 1, String(v));
    assert.deepEqual(gramOverlap(gramVector(""), a), { cosine: 0, reachOfB: 0, reachOfA: 0 });
  });
});

describe("who posted a pasted post", () => {
  it("the poster's words the post does not use itself, and the share of them a claim names", () => {
    assert.deepEqual(posterWords("Mara Quill", "Voted against the ferry today."), ["mara", "quill"]);
    assert.deepEqual(posterWords("Mara Quill", "Quill here: voted against the ferry."), ["mara"]);
    assert.deepEqual(posterWords(undefined, "anything"), []);
    assert.equal(posterShare(["mara", "quill"], "Mara Quill voted against funding the harbor ferry."), 1);
    assert.equal(posterShare(["mara", "quill"], "Did Quill Vote Against the Ferry?"), 0.5);
    assert.equal(posterShare([], "Mara Quill"), 0);
  });
});

describe("the stored reviewed-claim model", () => {
  it("has one ranking weight per input, in RANK_FEATURES order, and thresholds that are probabilities", () => {
    const stored = JSON.parse(readFileSync(`${ROOT}/server/src/core/model/restatement-model.json`, "utf8"));
    assert.deepEqual(stored.features, [...RANK_FEATURES]);
    assert.equal(RANK_FEATURES.length, FEATURES.length - 1 + 6);
    assert.equal(RESTATEMENT_MODEL.rank.length, RANK_FEATURES.length);
    assert.ok(RESTATEMENT_MODEL.rank.every(Number.isFinite));
    assert.equal(RESTATEMENT_MODEL.accept.length, 4 + RANK_FEATURES.length);
    assert.equal(RESTATEMENT_MODEL.leads.length, 2);
    assert.ok(RESTATEMENT_MODEL.accept.every(Number.isFinite));
    assert.equal(RESTATEMENT_MODEL.acceptRunnerUp.length, 3);
    assert.ok(RESTATEMENT_MODEL.threshold > 0 && RESTATEMENT_MODEL.threshold < 1);
    assert.ok(RESTATEMENT_MODEL.also > 0 && RESTATEMENT_MODEL.also <= RESTATEMENT_MODEL.threshold);
    assert.ok(Number.isInteger(RESTATEMENT_MODEL.maxFindings) && RESTATEMENT_MODEL.maxFindings >= 1);
  });

  it("the leader's chance reads its score, its leads over the next two and its own inputs; a missing rival is a typical one", () => {
    const x = new Array(RANK_FEATURES.length).fill(0.3);
    const c = (...scores: number[]) => scores.map((score) => ({ x, score }));
    assert.deepEqual(acceptInputs(c(8, 6, 2)), [1, 8, 2, 6, ...x]);
    // A lead over a missing rival is the fitting data's typical lead: no evidence either way.
    const [l1, l2] = RESTATEMENT_MODEL.leads;
    assert.ok(l1 > 0 && l2 >= l1, `${l1} ${l2}`);
    assert.deepEqual(acceptInputs(c(8)), [1, 8, l1, l2, ...x]);
    assert.deepEqual(acceptInputs(c(8, 8 - l2 - 1)), [1, 8, l2 + 1, l2 + 1, ...x]);
    assert.deepEqual(acceptInputs(c(8, 8)), [1, 8, 0, l2, ...x]);
    assert.equal(leaderChance(c(8)), leaderChance(c(8, 8 - l1, 8 - l2)));
    // The stored model: a further lead over the third, a likelier leader.
    assert.ok(leaderChance(c(8, 6, 0)) > leaderChance(c(8, 6, 6)));
    // Its inputs count beside the score: the same score made with more of the post's grams, a surer leader.
    const grams = [...x];
    grams[RANK_FEATURES.indexOf("gram cosine")] = 0.9;
    assert.ok(leaderChance([{ x: grams, score: 8 }, ...c(6, 2)]) > leaderChance(c(8, 6, 2)));
    for (const scores of [
      [-20, -25, -30],
      [0, 0, 0],
      [30, -5, -6],
    ]) {
      const p = leaderChance(c(...scores));
      assert.ok(p > 0 && p < 1, String(p));
    }
    // A runner-up close behind the leader is likelier than one far behind.
    assert.ok(runnerUpChance(7, 8) > runnerUpChance(3, 8));
    // The grams count for a candidate: the same word-level features, more shared grams, a higher score.
    const more = [...x];
    more[RANK_FEATURES.indexOf("gram cosine")] = 0.9;
    assert.ok(rankScore(more) > rankScore(x));
    // So does meaning: more of the claim said in other words (word vectors), a higher score.
    const said = [...x];
    said[RANK_FEATURES.indexOf("claim said in meaning")] = 0.9;
    assert.ok(rankScore(said) > rankScore(x));
  });
});

describe("reviewed claims decided per paragraph", () => {
  let feed: ClaimsDatabase;
  let checker: FactChecker;
  before(async () => {
    feed = await readClaimsFile(FEED);
    checker = createFactChecker({ databases: [feed], lexicon, nlp });
  });

  it("a post's finding is the paragraph's decision: the leader's score is the acceptance model's probability", () => {
    const post = "Breaking: the space agency blew two billion on a secret moon base. #moonbase";
    const { findings } = checker.checkText(post + "\n", "plaintext");
    assert.deepEqual(shown(findings), ["fd-moon-base-budget:supported"]);
    const ranked = checker.reviewedCandidatesOf(post);
    assert.equal(ranked[0].claim.id, "fd-moon-base-budget");
    const chance = leaderChance(ranked);
    assert.ok(chance >= RESTATEMENT_MODEL.threshold);
    assert.equal(findings[0].score, round(chance));
    assert.equal(findings[0].start, 0);
  });

  it("a paragraph of two statements shows both: the paragraph's leader, and the other sentence's own finding", () => {
    const first = "Mara Quill said the new bridge toll would pay for free school lunches.";
    const second = "Also the harbor ferry lost its funding because Quill voted against it.";
    const para = `${first} ${second}`;
    const { findings } = checker.checkText(para + "\n", "plaintext");
    assert.deepEqual(shown(findings), ["fd-bridge-toll-lunches:supported", "fd-quill-ferry:supported"]);
    const ranked = checker.reviewedCandidatesOf(para);
    assert.equal(ranked[0].claim.id, "fd-bridge-toll-lunches");
    assert.equal(findings[0].score, round(leaderChance(ranked)));
    // The paragraph's model reads the ferry claim as an unlikely alternative to the leader ...
    assert.ok(runnerUpChance(ranked[1].score, ranked[0].score) < RESTATEMENT_MODEL.also);
    // ... but its own sentence restates it, beside a sentence that restates the leader: it stands, as that sentence found it.
    const own = checker
      .checkSentence(second)
      .matches.find((m) => m.claimIndex >= 0 && checker.claims[m.claimIndex].id === "fd-quill-ferry");
    assert.ok(own);
    assert.equal(findings[1].score, own.score);
    assert.deepEqual([findings[1].start, findings[1].end], [first.length + 1, para.length]);
    // One statement alone is the paragraph's decision only.
    assert.deepEqual(shown(checker.checkText(`${first} It was said on the radio.\n`, "plaintext").findings), [
      "fd-bridge-toll-lunches:supported",
    ]);
  });

  it("a pasted post's trailer names its poster: a claim naming the poster ranks with that input, the trailer is not text", () => {
    const post = "Voted against funding the harbor ferry today. Proud of it. — Mara Quill (@maraquill) May 2, 2021";
    const ranked = checker.reviewedCandidatesOf(post);
    const at = RANK_FEATURES.indexOf("poster named");
    const ferry = ranked.find((c) => c.claim.id === "fd-quill-ferry");
    assert.ok(ferry, JSON.stringify(ranked.map((c) => c.claim.id)));
    assert.equal(ferry.x[at], 1);
    assert.equal(ranked[0].claim.id, "fd-quill-ferry");
    const { findings } = checker.checkText(post + "\n", "plaintext");
    assert.deepEqual(shown(findings), ["fd-quill-ferry:supported"]);
    // Without the trailer there is no poster, and the input is 0 for every candidate.
    const bare = checker.reviewedCandidatesOf("Voted against funding the harbor ferry today. Proud of it.");
    assert.ok(bare.length > 0 && bare.every((c) => c.x[at] === 0));
  });

  it("a number is no shared word: a paragraph sharing a year and one word with a claim gets nothing", () => {
    const text = "In 2019 the agency hired a new director.";
    const ranked = checker.reviewedCandidatesOf(text);
    assert.equal(ranked[0]?.claim.id, "fd-moon-base-budget");
    assert.equal(ranked[0].reportable, false);
    assert.deepEqual(checker.checkText(text + "\n", "plaintext").findings, []);
    // Two words and the year: reportable.
    assert.equal(checker.reviewedCandidatesOf("In 2019 the agency built a moon base.")[0].reportable, true);
  });

  it("a paragraph sharing one word with a claim, or none, gets nothing", () => {
    for (const text of ["The ferry was late again this morning.", "We had pasta for dinner and watched a film."]) {
      assert.deepEqual(checker.checkText(text + "\n", "plaintext").findings, [], text);
    }
  });

  it("an ignore directive naming the claim after the sentence holds for the paragraph's finding", () => {
    const draft =
      "Breaking: the space agency blew two billion on a secret moon base. <!-- factcheck-ignore fd-moon-base-budget --> Unreal.\n";
    assert.deepEqual(checker.checkText(draft, "plaintext").findings, []);
    const other = draft.replace("fd-moon-base-budget", "fd-cats-vote");
    assert.deepEqual(shown(checker.checkText(other, "plaintext").findings), ["fd-moon-base-budget:supported"]);
  });

  it("a paragraph too long to read as one keeps its sentences' own findings on reviewed claims", () => {
    const filler = "The weather stayed mild all week and the shops opened late on Sunday as they always do here.";
    const restating = "Mara Quill said the new bridge toll would pay for free school lunches.";
    const long = [restating, ...new Array(14).fill(filler)].join(" ");
    assert.ok(long.length > 1200);
    const { findings } = checker.checkText(long + "\n", "plaintext");
    assert.deepEqual(shown(findings), ["fd-bridge-toll-lunches:supported"]);
    // The sentence's own match, with its own score: the same as for the sentence alone.
    const alone = checker.checkSentence(restating).matches;
    assert.equal(findings[0].score, alone[0].score);
    assert.equal(findings[0].end, restating.length);
  });

  it("beside a feed of unrelated fact-checks, the bundled article reports its own claims only, all supported", async () => {
    // (Scores move a little: a claim's weights depend on every loaded claim, on main as here.)
    const bundled = await readBundledClaims();
    const article = readFileSync(`${ROOT}/claims/european-led-security-guarantees.txt`, "utf8");
    const alone = createFactChecker({ databases: [bundled], lexicon, nlp }).checkText(article, "plaintext").findings;
    const beside = createFactChecker({ databases: [bundled, feed], lexicon, nlp }).checkText(article, "plaintext").findings;
    const ids = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.claim.id))].sort();
    assert.equal(ids(alone).length, bundled.claims.length);
    assert.deepEqual(ids(beside), ids(alone));
    assert.ok(beside.every((f) => f.verdict === "supported"));
  });
});

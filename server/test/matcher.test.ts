// The matcher on a small database about another topic than the bundled article: the verdict
// mechanisms (negation, negating verbs, speakers, hedges, typos) must not depend on one story.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { FactChecker } from "../src/core/checker.js";
import { articleChecker, harborChecker, nlp } from "./helpers.js";

function verdicts(checker: FactChecker, sentence: string): string[] {
  return checker.checkSentence(sentence).matches.map((m) => `${checker.claims[m.claimIndex].id}:${m.verdict}`);
}

describe("matcher verdicts (harbor fixture)", () => {
  let checker: FactChecker;
  before(async () => {
    checker = await harborChecker();
  });

  const cases: [string, string[]][] = [
    ["Ruiz said the city would not raise property taxes next year.", ["harbor-no-tax-rise:supported"]],
    ["Property taxes will not be raised next year, the mayor said.", ["harbor-no-tax-rise:supported"]],
    ["Ruiz said the city would raise property taxes next year.", ["harbor-no-tax-rise:contradicted"]],
    ["Baker said the city would not raise property taxes next year.", ["harbor-no-tax-rise:misattributed"]],
    ["The harbor bridge will reopen in the spring.", ["harbor-bridge-spring:overstated"]],
    ["Ruiz suggested the harbor bridge may reopen in the spring.", ["harbor-bridge-spring:supported"]],
    ["Baker welcomed the proposal to sell the old library.", ["harbor-library-sale:contradicted"]],
    ["Baker rejected the plan to sell the old library.", ["harbor-library-sale:supported"]],
    ["Ruiz said the city would not raise proprety taxes next year.", ["harbor-no-tax-rise:supported"]],
    // Contractions written without the apostrophe, as social text often has them: wink reads "wont" as wo|nt.
    ["Ruiz said the city wont raise property taxes next year.", ["harbor-no-tax-rise:supported"]],
    ["Ruiz said the city didnt raise property taxes.", ["harbor-no-tax-rise:supported"]],
    ["The library hosts a book fair every spring.", []],
    ["Property prices near the harbor rose last year.", []],
  ];
  for (const [sentence, expected] of cases) {
    it(`${sentence} → ${expected.join(", ") || "nothing"}`, () => {
      assert.deepEqual(verdicts(checker, sentence), expected);
    });
  }

  it('a word wink gives no lemma ("wouldnt’") is its own lemma: the sentence is checked, not a crash', () => {
    const ids = verdicts(checker, "Ruiz said the city wouldnt’ raise property taxes next year.").map((v) => v.split(":")[0]);
    assert.deepEqual(ids, ["harbor-no-tax-rise"]);
  });

  it("explains a contradiction by naming its cue", () => {
    const [m] = checker.checkSentence("Ruiz said the city would raise property taxes next year.").matches;
    assert.match(m.explanation, /the record says "not … raise"; the draft says "raise"/);
  });

  it("explains an overstatement by naming the hedge and the certainty", () => {
    const [m] = checker.checkSentence("The harbor bridge will reopen in the spring.").matches;
    assert.equal(m.explanation, 'the record says "could"; the draft says "will"');
  });

  it("gives the offsets of a misattributed speaker", () => {
    const sentence = "Council member Tom Baker said the city would not raise property taxes next year.";
    const [m] = checker.checkSentence(sentence).matches;
    assert.equal(m.verdict, "misattributed");
    assert.equal(sentence.slice(m.namedSpeaker!.start, m.namedSpeaker!.end), "Council member Tom Baker");
  });

  it("does not treat a pronoun as a named speaker", () => {
    assert.deepEqual(verdicts(checker, "She said the city would not raise property taxes next year."), ["harbor-no-tax-rise:supported"]);
  });
});

describe("matcher verdicts (bundled article)", () => {
  let checker: FactChecker;
  before(async () => {
    checker = await articleChecker();
  });

  const cases: [string, string][] = [
    ["Trump did not rule out sending U.S. troops to Ukraine.", "esg-s4-no-us-troops:contradicted"],
    ["Trump said NATO expansion to include Kyiv would be unacceptable.", "esg-s8-nato-expansion-unacceptable:supported"],
    ["Trump said Washington's role would be direct rather than supportive.", "esg-s3-us-role-supportive:contradicted"],
    ["Trump said the United States lacks aerial capabilities.", "esg-s5-unmatched-air-capabilities:contradicted"],
    ["Ukraine and its European allies have stopped pushing for robust security measures.", "esg-s12-push-for-security:contradicted"],
    ["The president said America would not send soldiers to Ukraine.", "esg-s4-no-us-troops:supported"],
    ["Zelensky said the United States possesses unmatched aerial capabilities.", "esg-s5-unmatched-air-capabilities:misattributed"],
    ["Trump confirmed that some form of security arrangement will be developed.", "esg-s8-security-arrangement-possible:overstated"],
    ["Trump said Washington's role would be indirect.", "esg-s3-us-role-supportive:supported"],
    ["Clarity will not emerge soon, Trump noted.", "esg-s11-clarity-soon:contradicted"],
    ["The idea of NATO membership for Ukraine was rejected by Putin.", "esg-s7-rejects-nato-membership:misattributed"],
    [
      "In Putin's view, the coming weeks will be critical in determining Moscow's willingness to engage in peace.",
      "esg-s10-critical-weeks:misattributed",
    ],
    ["Zelensky, speaking in Kyiv, rejected the idea of NATO membership for Ukraine.", "esg-s7-rejects-nato-membership:misattributed"],
    [
      "Leavitt, the White House press secretary, said Washington would help coordinate security frameworks.",
      "esg-s6-coordinate-without-boots:supported",
    ],
    [
      "Karoline Levitt said Washington would help coordinate security frameworks without placing U.S. boots on the ground.",
      "esg-s6-coordinate-without-boots:supported",
    ],
    [
      "According to the president, the coming weeks will be critical in determining Moscow's willingness to engage in peace.",
      "esg-s10-critical-weeks:supported",
    ],
  ];
  for (const [sentence, expected] of cases) {
    it(`${sentence} → ${expected}`, () => {
      assert.ok(verdicts(checker, sentence).includes(expected), `got ${verdicts(checker, sentence).join(", ") || "nothing"}`);
    });
  }

  it("reports two claims when one sentence restates both halves of a record", () => {
    const got = verdicts(checker, "Trump said clarity will emerge soon because Putin is weary of the conflict.");
    assert.deepEqual(got.sort(), ["esg-s11-clarity-soon:supported", "esg-s11-putin-may-be-weary:overstated"]);
  });

  it("reports a second claim only when the sentence restates it with words of its own", () => {
    assert.deepEqual(verdicts(checker, "Trump accepted the idea of NATO membership for Ukraine."), [
      "esg-s7-rejects-nato-membership:contradicted",
    ]);
  });

  it("needs more than two shared words with no speaker to match", () => {
    assert.deepEqual(verdicts(checker, "The company's role in the merger was supportive."), []);
  });

  it("caches results per sentence text", () => {
    const s = "Trump ruled out deploying American troops to Ukraine.";
    checker.checkSentence(s);
    assert.equal(checker.checkSentence(s).cached, true);
  });
});

describe("building the index in batches", () => {
  it("gives the same findings as building it at once, and yields between batches", async () => {
    const { buildFactChecker, createFactChecker } = await import("../src/core/checker.js");
    const { readBundledClaims } = await import("../src/node/claims-disk.js");
    const { createLexicon } = await import("../src/node/lexicon.js");
    const db = await readBundledClaims();
    // 500 claims: three batches of the index build.
    const claims = Array.from({ length: 500 }, (_, i) => ({ ...db.claims[i % db.claims.length], id: `c${i}` }));
    const dbs = [{ ...db, claims }];
    let pauses = 0;
    const lexicon = createLexicon();
    const built = await buildFactChecker({ databases: dbs, lexicon, nlp }, async () => {
      pauses++;
    });
    const direct = createFactChecker({ databases: dbs, lexicon, nlp });
    assert.ok(pauses >= 3, `paused ${pauses} times`);
    const draft = "Trump said American troops would be deployed to Ukraine.\n\nClarity will emerge soon, Trump noted.\n";
    assert.deepEqual(built.checkText(draft, "plaintext").findings, direct.checkText(draft, "plaintext").findings);
  });
});

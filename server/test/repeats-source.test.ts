// A draft sentence that repeats its claim's own source sentence word for word is supported (repeats-source.ts), and
// only that: the first law says a changed word, number, negation, modal or speaker must never ride on the rule. The
// source is an invented council story; its claims are written by hand, their texts reworded as an extractor would
// ("the United States" → "The U.S.", "that" dropped), and for some of its sentences the claim's text alone does not
// back the source's own sentence (the frame's "criticism" read against the claim's "no right to criticize").
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { createFactChecker } from "../src/core/checker.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { REPEATS_SOURCE, repeatsSource, sourceSentenceOf } from "../src/core/repeats-source.js";
import type { Claim, ClaimsDatabase } from "../src/core/types.js";
import { createLexicon } from "../src/node/lexicon.js";
import { fixture, nlp } from "./helpers.js";

const SOURCE = readFileSync(fixture("extract", "council-runoff.txt"), "utf8");

const claim = (id: string, speaker: string, text: string, quote: string, quoteKind: "direct" | "reported" = "reported") => ({
  id,
  text,
  speaker,
  verb: "said",
  section: "Council Runoff",
  quote,
  quoteKind,
  hedged: /\bcould\b/.test(text),
  polarity: /\bno\b|\bnot\b/.test(text) ? "negative" : "positive",
});

const FILE = {
  version: 1,
  title: "Council Runoff",
  source: { title: "Council Runoff", file: "council-runoff.txt" },
  speakers: {
    lin: { name: "Ana Lin", role: "Mayor", aliases: ["Lin", "the mayor"] },
    ortiz: { name: "Raj Ortiz", role: "Councillor", aliases: ["Ortiz", "Mr. Ortiz"] },
    reporting: { name: "The article's reporting", role: "unattributed reporting by the article" },
  },
  claims: [
    claim("lin-may", "lin", "The city could open the bus depot in May.", "the city could open the bus depot in May"),
    claim("ortiz-costly", "ortiz", "The depot plan is a costly mistake.", "a costly mistake", "direct"),
    claim("ortiz-grant", "ortiz", "The city could lose its grant.", "the city could lose its grant"),
    claim(
      "ortiz-figures",
      "ortiz",
      "We have asked twice for the figures. Nobody has sent them to us.",
      "We have asked twice for the figures. Nobody has sent them to us,",
      "direct",
    ),
    claim("ortiz-vote-june", "ortiz", "The vote would be held in June.", "the vote would be held in June"),
    claim(
      "lin-no-right",
      "lin",
      "Ortiz had no right to criticize the depot budget.",
      "that Ortiz had “no right” to criticize the depot budget",
    ),
    claim("ortiz-us-pays", "ortiz", "The U.S. would pay for the new bus depot.", "the United States would pay for the new bus depot"),
    claim("lin-state-pays", "lin", "The state would pay for the tram.", "the state would pay for the tram"),
    claim("depot-2028", "reporting", "The depot will open in 2028.", "The depot will open in 2028"),
    claim("council-thursday", "reporting", "The council meets on Thursday.", "The council meets on Thursday"),
  ],
};

function load(withSource = true): ClaimsDatabase {
  return parseClaimsDatabase(
    JSON.stringify(FILE),
    "council-runoff.claims.json",
    withSource ? { sourceText: SOURCE, sourcePath: "council-runoff.txt" } : {},
  );
}

const db = load();
const byId = (id: string, from: ClaimsDatabase = db): Claim => from.claims.find((c) => c.id === id)!;
/** The claims drawn from the sentence `c` was drawn from, as the index groups them. */
const statement = (c: Claim, from: ClaimsDatabase = db) =>
  from.claims.filter((o) => o.source.frame === c.source.frame && o.source.sentence === c.source.sentence);
const repeats = (id: string, draft: string) => repeatsSource(draft, byId(id), statement(byId(id)));

/** The source's sentence holding `words`, as it stands in the source text. */
function sentenceWith(words: string): string {
  const line = SOURCE.split("\n").find((l) => l.includes(words))!;
  // the paragraph of Ortiz's two sentences: the first, unless the words are in the second
  const second = line.indexOf("“We have");
  if (second < 0) return line;
  return words.includes("We have") ? line.slice(second) : line.slice(0, second - 1);
}

describe("repeats-source: the claim's source sentence, rebuilt from the database", () => {
  it("is the source's own sentence, for claims alone in theirs, sharing theirs, and behind a title", () => {
    assert.equal(sourceSentenceOf(byId("lin-may"), statement(byId("lin-may"))), sentenceWith("Monday"));
    const both = sentenceWith("United States");
    assert.equal(sourceSentenceOf(byId("ortiz-us-pays"), statement(byId("ortiz-us-pays"))), both);
    assert.equal(sourceSentenceOf(byId("lin-state-pays"), statement(byId("lin-state-pays"))), both);
    // two claims and a quotation in one sentence
    const costly = sentenceWith("a costly mistake");
    assert.equal(sourceSentenceOf(byId("ortiz-costly"), statement(byId("ortiz-costly"))), costly);
    assert.equal(sourceSentenceOf(byId("ortiz-grant"), statement(byId("ortiz-grant"))), costly);
    // "Mr." inside the sentence does not end it: the claim's sentence starts where the sentence does
    assert.equal(sourceSentenceOf(byId("ortiz-vote-june"), statement(byId("ortiz-vote-june"))), sentenceWith("budget chair"));
    // two sentences that are all one claim each have the same frame; each is rebuilt as itself
    assert.equal(byId("depot-2028").source.frame, byId("council-thursday").source.frame);
    assert.equal(sourceSentenceOf(byId("depot-2028"), statement(byId("depot-2028"))), "The depot will open in 2028.");
    assert.equal(sourceSentenceOf(byId("council-thursday"), statement(byId("council-thursday"))), "The council meets on Thursday.");
  });

  it('a month before its day does not end the sentence ("Aug. 19"); a month at a sentence\'s end does', () => {
    const text = "RIVERTON, Aug. 19 — Ortiz said the depot would open in Oct. The mayor agreed.\n";
    const dated = parseClaimsDatabase(
      JSON.stringify({
        ...FILE,
        claims: [
          claim("ortiz-open", "ortiz", "The depot would open in October.", "the depot would open in Oct"),
          claim("lin-agreed", "lin", "The mayor agreed.", "The mayor agreed"),
        ],
      }),
      "dated.claims.json",
      { sourceText: text, sourcePath: "dated.txt" },
    );
    const open = byId("ortiz-open", dated);
    assert.equal(sourceSentenceOf(open, statement(open, dated)), "RIVERTON, Aug. 19 — Ortiz said the depot would open in Oct.");
    const agreed = byId("lin-agreed", dated);
    assert.equal(sourceSentenceOf(agreed, statement(agreed, dated)), "The mayor agreed.");
  });

  it("a claim without a source text has no frame, and the rule never applies to it", () => {
    const bare = load(false);
    const c = byId("lin-may", bare);
    assert.equal(c.source.frame, undefined);
    assert.equal(repeatsSource(sentenceWith("Monday"), c, statement(c, bare)), false);
  });
});

describe("repeats-source: what counts as a word-for-word repeat", () => {
  const lin = sentenceWith("Monday");

  it("the sentence itself, whatever its case, quotation marks and white space", () => {
    assert.equal(repeats("lin-may", lin), true);
    assert.equal(repeats("lin-may", `  ${lin.toUpperCase().replace(/ /g, "\n ")}  `), true);
    assert.equal(repeats("ortiz-costly", sentenceWith("a costly mistake").replace(/[“”]/g, '"')), true);
  });

  it("not with one word, number, negation, modal or name changed, nor with a clause added or a part left out", () => {
    for (const changed of [
      lin.replace("could open", "could not open"),
      lin.replace("could open", "will open"),
      lin.replace("Monday", "Tuesday"),
      lin.replace("May", "June"),
      lin.replace("bus depot", "tram depot"),
      lin.replace("Ana Lin", "Raj Ortiz"),
      lin.replace(".", ", and the tram in June."),
      lin.replace(" on Monday", ""),
    ])
      assert.equal(repeats("lin-may", changed), false, changed);
    assert.equal(repeats("depot-2028", "The depot will open in 2029."), false);
  });

  it("another claim's source sentence does not make this claim's finding supported", () => {
    assert.equal(repeats("lin-may", sentenceWith("budget chair")), false);
    assert.equal(repeats("depot-2028", "The council meets on Thursday."), false);
    assert.equal(repeats("council-thursday", "The depot will open in 2028."), false);
  });

  it("one whole sentence of a quotation that runs over two, not a fragment, a changed end or a few words", () => {
    assert.equal(repeats("ortiz-figures", "We have asked twice for the figures."), true);
    assert.equal(repeats("ortiz-figures", "“We have asked twice for the figures."), true);
    // the source goes on with a comma, not a full stop: the draft's sentence is not one of the source's
    assert.equal(repeats("ortiz-figures", "Nobody has sent them to us."), false);
    assert.equal(repeats("ortiz-figures", "have asked twice for the figures."), false);
    assert.equal(repeats("ortiz-figures", "We have asked for the figures."), false);
  });
});

describe("repeats-source in the checker", () => {
  const checker = createFactChecker({ databases: [db], lexicon: createLexicon(), nlp });
  const check = (draft: string) => checker.checkText(draft, "plaintext").findings;

  it("the source's sentence is supported, by the rule, though the claim's rewording alone does not back it", () => {
    assert.deepEqual(
      check(sentenceWith("mounting criticism")).map((f) => [f.claim.id, f.verdict, f.explanation]),
      [["lin-no-right", "supported", REPEATS_SOURCE]],
    );
    // a sentence with two statements: each finding it gets is supported, the rewording's ("The U.S.") by the rule
    const both = check(sentenceWith("United States"));
    assert.ok(both.some((f) => f.claim.id === "ortiz-us-pays" && f.explanation === REPEATS_SOURCE));
    for (const f of both) assert.equal(f.verdict, "supported", `${f.claim.id}: ${f.explanation}`);
  });

  it("the same sentence with a word, the negation or the speaker changed is not supported", () => {
    const criticism = sentenceWith("mounting criticism");
    for (const [id, draft] of [
      ["lin-no-right", criticism.replace("no right", "every right")],
      ["lin-no-right", criticism.replace("depot budget", "tram budget")],
      ["lin-no-right", criticism.replace("Mayor Ana Lin", "Councillor Raj Ortiz")],
      ["ortiz-us-pays", sentenceWith("United States").replace("would pay for the new", "would not pay for the new")],
    ]) {
      const found = check(draft).filter((f) => f.claim.id === id);
      assert.ok(found.length > 0, draft);
      for (const f of found) assert.notEqual(f.verdict, "supported", `${draft}: ${f.explanation}`);
    }
  });

  it("words in quotation marks are still checked: as the source has them, supported; changed, misquoted", () => {
    for (const f of check(sentenceWith("a costly mistake"))) assert.equal(f.verdict, "supported", `${f.claim.id}: ${f.explanation}`);
    const changed = check(sentenceWith("mounting criticism").replace("“no right”", "“no right at all”"));
    assert.deepEqual(
      changed.map((f) => [f.claim.id, f.verdict]),
      [["lin-no-right", "misquoted"]],
    );
  });

  it("the whole source, checked against these claims, gives only supported findings", () => {
    const found = check(SOURCE);
    assert.ok(found.length >= 5, `${found.length} findings`);
    assert.deepEqual(
      found.filter((f) => f.verdict !== "supported").map((f) => `${f.claim.id} ${f.verdict}: ${f.explanation}`),
      [],
    );
  });
});

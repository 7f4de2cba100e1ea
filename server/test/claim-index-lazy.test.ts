// The index keeps no claim's analysis (claim-index.ts, analysisOf): it analyses a claim again when a verdict
// reads it. That is only right if a claim's analysis does not depend on the claims analysed beside it when
// the index was built (analyzeMany reads 200 at a time): checked here on every claim of every database the
// tests use, each analysed alone against analysed in one batch with all the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeMany, isEntityTerm, termOf } from "../src/core/analyze.js";
import { ClaimIndex } from "../src/core/claim-index.js";
import { termPairs } from "../src/core/matcher.js";
import { createNlp, its, tokenOffsets } from "../src/core/nlp.js";
import { EMPTY_LEXICON } from "../src/core/lexicon/lexicon.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { fixture, nlp } from "./helpers.js";
import { fillerSentence, varyArticleSentence } from "../bench/draft-gen.js";
import { Rng } from "../bench/timing.js";

test("a claim analysed alone is analysed as in a batch, and the index's lazy analysis is that one", async () => {
  const databases = [
    await readBundledClaims(),
    ...(await Promise.all(["harbor", "transit", "briefing"].map((n) => readClaimsFile(fixture("core", `${n}.claims.json`))))),
  ];
  const claims = databases.flatMap((d) => d.claims);
  const texts = claims.map((c) => c.text);
  const batch = analyzeMany(nlp, texts);
  texts.forEach((t, k) => assert.deepEqual(analyzeMany(nlp, [t])[0], batch[k], t));
  const index = new ClaimIndex(claims, EMPTY_LEXICON, nlp);
  index.claims.forEach((c, k) => assert.deepEqual(c.analysis, batch[k]));
  assert.equal(index.claims[3].analysis, index.claims[3].analysis, "kept once made");
});

// The index keeps each claim's terms packed (claim-terms.ts) and unpacks them when read: they must be what the
// claim's analysis gives (the first unit of each term, its parts of speech over all its units), and the pairs the
// adjacent-pair feature reads must be termPairs of the analysis.
test("a claim's packed terms and pairs are those of its analysis", async () => {
  const databases = [
    await readBundledClaims(),
    ...(await Promise.all(["harbor", "transit", "briefing", "factchecks"].map((n) => readClaimsFile(fixture("core", `${n}.claims.json`))))),
  ];
  const claims = databases.flatMap((d) => d.claims);
  const index = new ClaimIndex(claims, EMPTY_LEXICON, nlp);
  const wordnetPos: Record<string, number> = { NOUN: 1, PROPN: 1, VERB: 2, ADJ: 4, ADV: 8 };
  let checked = 0;
  index.claims.forEach((c, id) => {
    const a = c.analysis;
    const speakerWords = new Set(
      [c.claim.speaker.name, ...(c.claim.speaker.aliases ?? [])]
        .flatMap((n) => n.toLowerCase().split(/\s+/))
        .filter((w) => w !== "the" && !isEntityTerm(termOf(w))),
    );
    const expected = new Map<string, { negated: boolean; negationDistance: number; surface: string; isCue: boolean; pos: number }>();
    for (const u of a.units) {
      if (u.isHedge || expected.has(u.term)) continue;
      if (u.first === u.last && speakerWords.has(u.lower) && a.tokens[u.first].pos === "PROPN") continue;
      expected.set(u.term, { negated: u.negated, negationDistance: u.negationDistance, surface: u.surface, isCue: u.isCue, pos: 0 });
    }
    for (const u of a.units) {
      const e = expected.get(u.term);
      if (e) e.pos |= wordnetPos[u.pos] ?? 16;
    }
    assert.deepEqual([...c.terms.keys()], [...expected.keys()], `${c.claim.id}: terms in order`);
    for (const [term, t] of c.terms) {
      const e = expected.get(term);
      assert.ok(e, `${c.claim.id}: ${term} is a term of the analysis`);
      assert.deepEqual(
        { negated: t.negated, negationDistance: t.negationDistance, surface: t.surface, isCue: t.isCue, pos: t.pos },
        e,
        `${c.claim.id}: ${term}`,
      );
    }
    assert.deepEqual([...index.pairsOf(id)], [...termPairs(a)], `${c.claim.id}: pairs`);
    assert.ok(c.weight > 0 || c.terms.size === 0, `${c.claim.id}: weight`);
    checked++;
  });
  assert.equal(checked, claims.length);
  assert.ok(claims.length > 30, `enough claims to mean something (${claims.length})`);
});

// analysisTokens reads a pipeline without wink's sentence boundaries, negation and sentiment steps (nlp.ts,
// analysisWink): what it reads must be what the full pipeline gives, on claims, on draft prose with negations,
// contractions and entities, and on a generated draft's sentences and paragraphs.
test("the analysis pipeline reads tokens, lemmas, tags and entities as the full pipeline does", async () => {
  const claims = (await readBundledClaims()).claims.map((c) => c.text);
  const prose = [
    "Trump didn't rule out sending troops, but he wont say when, and Leavitt said no decision had been made on 3 March 2025.",
    "It's not only the U.S.; NATO's allies can't agree either — \"never\", she said.",
    "The minister said the budget would not rise by 12% next year, according to a statement on Tuesday.",
  ];
  // And the sentences of a generated draft, as a check reads them (its whole paragraphs too).
  const rng = new Rng(5);
  const drafted = Array.from({ length: 300 }, () => (rng.chance(0.3) ? varyArticleSentence(rng.pick(claims), rng) : fillerSentence(rng)));
  for (let k = 0; k + 4 < 60; k += 4) drafted.push(drafted.slice(k, k + 4).join(" "));
  const full = createNlp();
  for (const text of [...claims, ...prose, ...drafted, claims.join("\n\n")]) {
    const doc = full.wink.readDoc(text);
    const t = doc.tokens();
    const got = nlp.analysisTokens(text);
    assert.deepEqual(got.values, t.out(its.value), text);
    assert.deepEqual(got.stops, t.out(its.stopWordFlag), text);
    const offsets = tokenOffsets(doc, text);
    assert.deepEqual([got.starts, got.ends], [offsets.starts, offsets.ends], text);
    assert.deepEqual(got.poses, t.out(its.pos), text);
    assert.deepEqual(
      got.lemmas,
      (t.out(its.lemma as never) as (string | undefined)[]).map((l, i) => l ?? got.values[i]),
      text,
    );
    assert.deepEqual(got.types, t.out(its.type), text);
    assert.deepEqual(
      got.entities.map((e) => [e.type, e.first, e.last]),
      (doc.entities().out(its.detail) as unknown as { type: string }[]).map((d, k) => [
        d.type,
        ...(doc.entities().out(its.span) as unknown as number[][])[k],
      ]),
      text,
    );
  }
});

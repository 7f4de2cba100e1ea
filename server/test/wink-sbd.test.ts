// wink's sentence boundaries found from the remembered tokens of a draft's pieces (segment/wink-sbd.ts) must be
// wink's own: the tables the port reads are checked against the model, and its answers against wink's on the
// bench's generated draft, the repository's texts and generated soups of the tokens the boundaries turn on
// (end punctuation, quotes, brackets, abbreviations, titles, words that start sentences, dashes, line breaks,
// odd spaces, characters wink drops).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { generateDraft } from "../bench/draft-gen.js";
import { Rng } from "../bench/timing.js";
import { createNlp } from "../src/core/nlp.js";
import { Segmenter } from "../src/core/segment/segmenter.js";
import { SBD_HINTS, SBD_LEXEMES, sbdSymbol, WINK_SPLITTER, WinkSentenceSplitter } from "../src/core/segment/wink-sbd.js";
import { CLAIMS_DIR } from "../src/node/install-paths.js";
import { fixture } from "./helpers.js";

const require = createRequire(import.meta.url);

test("wink-sbd: the hint table, splitter, lexeme numbers and abbreviation rule are the model's", () => {
  // The model's lexicon as wink reads it (its cache), decoded here once.
  const model = require("wink-eng-lite-web-model");
  const Cache = require("wink-nlp/src/cache.js");
  const core = model.core();
  const cache = Cache(core, model.featureFn);
  const list: string[] = core.features.lexeme.list;
  const hints = new Map<number, string[]>();
  for (let i = 0; i < list.length; i++) {
    const h = cache.property(i, "sbdHint");
    if (h) hints.set(h, [...(hints.get(h) ?? []), list[i]]);
    // isAbbrev is a feature computed from the word for new words; the lexicon's column must agree with it.
    assert.equal(cache.property(i, "isAbbrev"), /[a-z].*\.$/i.test(list[i]) ? 1 : 0, list[i]);
  }
  assert.deepEqual(
    [...hints.entries()].sort((a, b) => a[0] - b[0]),
    SBD_HINTS.map(([h, w]) => [h, [...w]]),
  );
  assert.ok(!core.packing.efList.includes("sbdHint"), "new words have no sentence hint");
  assert.ok(core.packing.efList.includes("isAbbrev"));
  assert.deepEqual(core.trex.helpers.splitter, [WINK_SPLITTER.source, ""]);
  for (const [lexeme, id] of SBD_LEXEMES) assert.deepEqual(cache.lookup(lexeme), [id], JSON.stringify(lexeme));
  assert.deepEqual(cache.lookup("\n"), [1]);
  // Every lexeme number the machine has an edge for is one of those, a hint, or its own specials.
  const machine = JSON.parse(model.sbd().machines[0]);
  const keys = new Set<number>();
  for (const edges of Object.values(machine[2]) as Record<string, number>[]) for (const k of Object.keys(edges)) keys.add(Number(k));
  const known = new Set([...SBD_LEXEMES.values(), 2070003]);
  for (const k of keys) assert.ok(known.has(k) || (k > 1080000 && k <= 1080010), `an edge on ${k}`);
  assert.equal(sbdSymbol("\n", "\n"), -2);
  assert.equal(sbdSymbol("zzq", "Zzq"), -1);
});

/** Compares the splitter with wink on each text; returns how many were compared. */
function compare(texts: Iterable<string>): number {
  const wink = createNlp(); // wink alone, with a history of its own
  const splitter = new WinkSentenceSplitter(createNlp());
  let n = 0;
  for (const t of texts) {
    assert.deepEqual(splitter.sentenceSpans(t), wink.sentenceSpans(t), JSON.stringify(t));
    n++;
  }
  return n;
}

test("wink-sbd: the same boundaries as wink on every unit of the bench's draft and the repository's texts", () => {
  const units: string[] = [];
  const seg = new Segmenter(createNlp());
  const article = readFileSync(`${CLAIMS_DIR}/european-led-security-guarantees.txt`, "utf8");
  const draft = generateDraft({ bytes: 200_000, seed: 3, articleSentences: article.split(/(?<=\.)\s+/), articleShare: 0.2 });
  const spy = seg as unknown as { spansOf: (t: string) => number[] };
  const spansOf = spy.spansOf;
  // The units segmentation asks about (the blanked text of each paragraph, heading, cell).
  Object.defineProperty(seg, "spansOf", { value: (t: string) => (units.push(t), spansOf(t)) });
  seg.segmentDraft(draft, "markdown");
  assert.ok(units.length > 300, `${units.length} units`);
  const texts = [
    article,
    readFileSync(fixture("core", "harbor.txt"), "utf8"),
    readFileSync(fixture("core", "transit.txt"), "utf8"),
    readFileSync(`${CLAIMS_DIR}/../examples/draft.md`, "utf8"),
  ];
  for (const t of texts) units.push(t, ...t.split(/\n\n+/), ...t.split("\n"));
  assert.ok(compare(units) > 500);
});

/** Pieces the boundaries turn on, and ordinary words and numbers around them. */
const PIECES = [
  ...["The", "He", "I", "But", "According", "the", "he", "i", "but", "council", "Smith", "NATO", "U.S.", "U.S", "U.K.", "US."],
  ...[".", "!", "?", "?!", "...", "…", "..", ";", ":", ",", "-", "–", "—", "--", "––", ")", "]", "}", "(", "[", "{"],
  ...['"', "'", "“", "”", "‘", "’", "«", "»", '."', ".”", "!’", '?"', ".)", ".]", '")', "'s", "’s"],
  ...["Dr.", "dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Sen.", "Rep.", "Gen.", "Gov.", "St.", "Mt.", "Capt.", "Jr.", "Inc.", "Co.", "Ltd."],
  ...["e.g.", "i.e.", "etc.", "vs.", "a.m.", "p.m.", "No.", "no.", "Jan.", "Feb.", "approx.", "a.", "b.", "x.", "A.", "Fig.", "Pres."],
  ...["3.0", "12", "1,000", "5%", "€44", "$5.50", "1990s", "21st", "10:30", "2-1", "v2.1", "3.", "42."],
  ...["can't", "won't", "it's", "don't", "I'm", "they’re", "y'all", "gonna", "cannot"],
  ...["http://x.org/a.b", "https://e.com/r-1.", "mail@x.com", "#tag", "@user", ":)", "😀", "a/b", "x-y", "well-known.", "end.Start"],
  ...["word.", "word!", "word?", "Word.", "word,", "word;", "(word", "word)", "(word)", '"word', 'word"', "“word”", "word.”", "word…"],
];
const SEPARATORS = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\r\n", "\t", "\u00a0", " \u00a0 ", "\u2009", "\u2028", "\u3000"];

test("wink-sbd: the same boundaries as wink on generated soups of the pieces they turn on", () => {
  const rng = new Rng(11);
  const texts: string[] = [];
  for (let k = 0; k < 6000; k++) {
    let t = rng.chance(0.2) ? rng.pick(SEPARATORS) : "";
    const n = 1 + rng.int(14);
    for (let i = 0; i < n; i++) {
      t += rng.pick(PIECES);
      // Mostly spaces, sometimes nothing (pieces run together), sometimes another separator.
      const r = rng.int(10);
      if (i < n - 1 || rng.chance(0.2)) t += r < 6 ? " " : r < 7 ? "" : rng.pick(SEPARATORS);
    }
    if (rng.chance(0.05)) t += "x".repeat(60 + rng.int(20)) + "." + rng.pick(PIECES); // a run wink is given cut (boundTokens)
    texts.push(t);
  }
  assert.equal(compare(texts), texts.length);
});

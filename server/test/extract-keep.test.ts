// The keep model (core/extract/keep-model.ts): the cue tagger proposes candidates generously and the keep
// model, which sees each candidate's content and source, decides. These tests check that its features say
// what the candidate is, that the decision is the keep model's (a threshold above every score keeps
// nothing), and that a plain reported statement survives the shipped model. Sentences written for the test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attributionsOfCues, findAttributions, findCueGroups } from "../src/core/extract/index.js";
import { keepFeatures } from "../src/core/extract/keep-model.js";
import { tokenizeDoc } from "../src/core/extract/tokens.js";
import { nlp } from "./helpers.js";

const TEXT =
  "The harbor commissioner said on Monday that the dredging would start in May.\n" +
  "“We will not wait for another storm,” Mayor Ines Carvalho told reporters.\n";

describe("the keep model", () => {
  const doc = tokenizeDoc(nlp, TEXT);
  const words = (r: readonly [number, number]) => TEXT.slice(doc.tokens[r[0]].start, doc.tokens[r[1]].end);

  it("keeps the attributions of plain reporting verbs, with their sources", () => {
    const found = findAttributions(doc);
    const said = found.find((r) => words(r.cue) === "said");
    assert.ok(said, `no "said" among ${found.map((r) => words(r.cue)).join(", ")}`);
    assert.ok(said.source && /commissioner/.test(words(said.source)), "the commissioner is the source");
    assert.match(TEXT.slice(said.content[0], said.content[1]), /^that the dredging/);
    const told = found.find((r) => words(r.cue) === "told");
    assert.ok(told?.source && /Carvalho/.test(words(told.source)), "the mayor is the source of the quotation");
  });

  it("describes a candidate by its source and content", () => {
    const seen: string[][] = [];
    const cues = findCueGroups(doc);
    attributionsOfCues(doc, cues, { strength: new Float32Array(doc.tokens.length).fill(10), onCandidate: (_, f) => seen.push(f) });
    assert.ok(seen.length >= 2, `only ${seen.length} candidates`);
    const said = seen.find((f) => f.includes("cs=that"));
    assert.ok(said, "a candidate whose content opens with “that”");
    assert.ok(!said.includes("sk=none"), "…and has a source");
    const quoted = seen.find((f) => f.includes("cq=all"));
    assert.ok(quoted, "a candidate whose content is all quotation");
    assert.ok(quoted.includes("sk=NAME"), "…whose source is a name");
  });

  it("decides: with a threshold above every score nothing is kept, and without the model everything is", () => {
    const cues = findCueGroups(doc);
    const strength = new Float32Array(doc.tokens.length);
    const none = attributionsOfCues(doc, cues, { strength, keep: { threshold: 1e9, weights: new Map() } });
    assert.equal(none.length, 0);
    const all = attributionsOfCues(doc, cues, { strength });
    assert.ok(all.length >= 2);
  });

  it("gives the same features for the same candidate (no state between calls)", () => {
    const cue: [number, number] = [doc.tokens.findIndex((t) => t.lower === "said"), doc.tokens.findIndex((t) => t.lower === "said")];
    const c = {
      cue,
      pieces: [[TEXT.indexOf("that"), TEXT.indexOf(" in May")]] as [number, number][],
      source: [1, 2] as [number, number],
      strength: 12,
      sourceMargin: 3,
      overNone: 5,
      ruleSource: [1, 2] as [number, number],
      inherit: false,
      passive: false,
      rule: "src" as const,
    };
    const lex = { say: "5" };
    assert.deepEqual(keepFeatures(doc, c, lex, new Set()), keepFeatures(doc, c, lex, new Set()));
    assert.ok(keepFeatures(doc, c, lex, new Set()).includes("x=5"));
  });
});

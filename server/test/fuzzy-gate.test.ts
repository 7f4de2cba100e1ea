// The gate (fuzzy-gate.ts) may keep records fuse.js does not match, but must never drop one it matches:
// checked against fuse.js itself, with ClaimSearch's options, on many generated word/text pairs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Fuse from "fuse.js";
import { FUSE_OPTIONS } from "../src/core/claim-search.js";
import { gateWords, maxErrors, mayMatch } from "../src/core/fuzzy-gate.js";
import { Rng } from "../bench/timing.js";

const { keys: _keys, ...STRING_OPTIONS } = FUSE_OPTIONS;
const ALPHABET = "aabcdeeefghiijklmnoooprsttuuvwy  -,.0123ΣσςİiIßé";

function randomText(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += rng.pick([...ALPHABET]);
  return s;
}

/** A word edited from a piece of `text` (so that many pairs match), or random. */
function wordFrom(rng: Rng, text: string): string {
  if (rng.chance(0.2) || text.length < 3) return randomText(rng, 1 + rng.int(8)).replace(/ /g, "x");
  const start = rng.int(text.length - 2);
  let w = text.slice(start, start + 2 + rng.int(12)).replace(/ /g, "");
  for (let e = rng.int(4); e > 0 && w.length; e--) {
    const at = rng.int(w.length);
    const op = rng.int(3);
    w =
      op === 0
        ? w.slice(0, at) + w.slice(at + 1)
        : op === 1
          ? w.slice(0, at) + rng.pick([..."abcxyz"]) + w.slice(at)
          : w.slice(0, at) + "q" + w.slice(at + 1);
  }
  return w || "a";
}

describe("fuzzy gate", () => {
  it("allows the errors fuse.js allows at threshold 0.4", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 10, 32].map((m) => maxErrors(m, 0.4)),
      [0, 0, 1, 1, 2, 2, 2, 4, 12],
    );
  });

  it("never rejects a word fuse.js matches in a text, and rejects many it does not", () => {
    const rng = new Rng(12);
    let matched = 0;
    let rejected = 0;
    for (let n = 0; n < 4000; n++) {
      const text = randomText(rng, 1 + rng.int(60));
      const word = wordFrom(rng, text);
      const fused = new Fuse([text], STRING_OPTIONS).search(word).length > 0;
      const [gate] = gateWords(word, FUSE_OPTIONS.threshold) ?? [];
      assert.ok(gate, word);
      const may = mayMatch(gate, text.toLowerCase().toLowerCase());
      if (fused) {
        matched++;
        assert.ok(may, `fuse.js matches ${JSON.stringify(word)} in ${JSON.stringify(text)}, the gate rejects it`);
      } else if (!may) rejected++;
    }
    assert.ok(matched > 500, `only ${matched} pairs matched`);
    assert.ok(rejected > 500, `only ${rejected} pairs rejected`);
  });

  it("never rejects a match over a two-letter alphabet (repeats, overlapping occurrences, one-letter words)", () => {
    const rng = new Rng(5);
    let matched = 0;
    const pairs: [string, string][] = [
      ["a", "aa"],
      ["ab", "abab"],
      ["aba", "ababa"],
      ["a", "ab a aa"],
    ];
    for (let n = 0; n < 3000; n++) {
      let text = "";
      for (let i = 1 + rng.int(14); i > 0; i--) text += rng.pick([..."aab "]);
      let word = "";
      for (let i = 1 + rng.int(7); i > 0; i--) word += rng.pick([..."ab"]);
      pairs.push([word, text]);
    }
    for (const [word, text] of pairs) {
      if (!new Fuse([text], STRING_OPTIONS).search(word).length) continue;
      matched++;
      assert.ok(
        mayMatch(gateWords(word, FUSE_OPTIONS.threshold)![0], text),
        `fuse.js matches ${JSON.stringify(word)} in ${JSON.stringify(text)}`,
      );
    }
    assert.ok(matched > 1000, `only ${matched} pairs matched`);
  });

  it("reads a query's words as fuse.js does, and leaves queries with operators to fuse.js", () => {
    // Split at spaces only; the words allowing no error first, then the longest.
    assert.deepEqual(
      gateWords("  Nato  KYIV\tx 3 ", 0.4)?.map((w) => w.m),
      [1, 6, 4],
    );
    for (const q of ['"nato kyiv"', "nato | kyiv", "=nato", "'nato", "!nato", "^nato", "nato$", "a\\b", "nato\nkyiv"])
      assert.equal(gateWords(q, 0.4), undefined, q);
  });

  it("passes words too long for one bitap pass", () => {
    const [w] = gateWords("x".repeat(40), 0.4)!;
    assert.equal(mayMatch(w, "nothing alike"), true);
  });
});

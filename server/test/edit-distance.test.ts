// withinOneEdit is the table-free form of damerau(a, b) <= 1 that speaker names are compared with: the same answer
// on every pair, checked on random short words over a small alphabet (so that near misses are common) and on
// hand-made edge cases.
import assert from "node:assert/strict";
import { test } from "node:test";
import { damerau, withinOneEdit } from "../src/core/edit-distance.js";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

test("withinOneEdit agrees with damerau(a, b) <= 1 on random pairs", () => {
  const r = rng(12);
  const word = (len: number) => Array.from({ length: len }, () => "abc"[Math.floor(r() * 3)]).join("");
  let near = 0;
  for (let i = 0; i < 20_000; i++) {
    const a = word(Math.floor(r() * 7));
    // b: a edited once or twice at random, or a fresh word
    let b = a;
    const edits = Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * (b.length + 1));
      const op = Math.floor(r() * 4);
      if (op === 0) b = b.slice(0, at) + "abc"[Math.floor(r() * 3)] + b.slice(at);
      else if (op === 1) b = b.slice(0, at) + b.slice(at + 1);
      else if (op === 2) b = b.slice(0, at) + "abc"[Math.floor(r() * 3)] + b.slice(at + 1);
      else if (at + 1 < b.length) b = b.slice(0, at) + b[at + 1] + b[at] + b.slice(at + 2);
    }
    if (r() < 0.2) b = word(Math.floor(r() * 7));
    const expected = damerau(a, b) <= 1;
    if (expected && a !== b) near++;
    assert.equal(withinOneEdit(a, b), expected, `${a} / ${b}`);
    assert.equal(withinOneEdit(b, a), expected, `${b} / ${a}`);
  }
  assert.ok(near > 2000, "the pairs include many one edit apart");
});

test("withinOneEdit on edge cases", () => {
  const cases: [string, string, boolean][] = [
    ["", "", true],
    ["", "a", true],
    ["", "ab", false],
    ["leavitt", "levitt", true],
    ["leavitt", "laevitt", true],
    ["leavitt", "leavitf", true],
    ["leavitt", "leavittt", true],
    ["leavitt", "lavit", false],
    ["abcd", "badc", false],
    ["ab", "ba", true],
    ["abc", "cab", false],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(withinOneEdit(a, b), want, `${a} / ${b}`);
    assert.equal(damerau(a, b) <= 1, want, `damerau ${a} / ${b}`);
  }
});

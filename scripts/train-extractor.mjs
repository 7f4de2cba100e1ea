#!/usr/bin/env node
// Trains the extractor's cue model (server/src/core/extract/model/cue-model.json): an averaged
// perceptron that marks the tokens of attribution cues ("said", "according to", "ruled out"),
// learned from PolNeAR's training articles (../shared/eval/attribution/train.jsonl).
//
// Deterministic: articles in file order, a fixed number of passes, no randomness. The articles of
// train-40.jsonl and every 8th other article are held out (never trained on) so that grading on
// them is honest; `--list-heldout FILE` writes the held-out ids for scripts that grade.
// Needs a build first (it reads the compiled tokenizer and features from out/):
//   npm run build && node scripts/train-extractor.mjs [--data DIR] [--passes N]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tokenizeDoc } from "../out/server/src/core/extract/tokens.js";
import { cueFeatures } from "../out/server/src/core/extract/features.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataDir = opt("--data", join(root, "..", "shared", "eval", "attribution"));
const passes = Number(opt("--passes", "6"));
const heldoutOut = opt("--list-heldout");

const readJsonl = (p) =>
  readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const all = readJsonl(join(dataDir, "train.jsonl"));
const grading = new Set(readJsonl(join(dataDir, "train-40.jsonl")).map((a) => a.id));
const heldout = [];
const train = [];
all.forEach((a, k) => (grading.has(a.id) || k % 8 === 0 ? heldout : train).push(a));
if (heldoutOut)
  writeFileSync(
    heldoutOut,
    heldout
      .filter((a) => !grading.has(a.id))
      .map((a) => a.id)
      .join("\n") + "\n",
  );

/** Per article: the feature lists and labels of its tokens (1 when the token overlaps a gold cue). */
const sourceHeads = new Map(); // lemma of a gold source's last noun → count
function examples(article, learn = false) {
  const doc = tokenizeDoc(article.text);
  if (learn) {
    for (const at of article.attributions)
      if (at.source && !at.pronounSource) {
        const toks = doc.tokens.filter(
          (t) => t.start >= at.source.start && t.end <= at.source.end && (t.pos === "NOUN" || t.pos === "PROPN"),
        );
        const cut = toks.findIndex((t) => /[,(]/.test(article.text.slice(at.source.start, t.start).slice(-2)));
        const h = (cut > 0 ? toks.slice(0, cut) : toks).at(-1);
        if (h && h.pos === "NOUN") sourceHeads.set(h.lemma, (sourceHeads.get(h.lemma) ?? 0) + 1);
      }
  }
  const cue = new Uint8Array(article.text.length);
  for (const at of article.attributions) for (const f of at.cue ? (at.cue.fragments ?? [at.cue]) : []) cue.fill(1, f.start, f.end);
  return doc.tokens.map((t, i) => {
    let y = 0;
    for (let c = t.start; c < t.end; c++) if (cue[c]) y = 1;
    return { f: cueFeatures(doc, i), y };
  });
}

const data = train.map((a) => examples(a, true));
console.error(`training on ${train.length} articles (${data.reduce((n, d) => n + d.length, 0)} tokens), holding out ${heldout.length}`);

// Averaged perceptron (binary), with the usual lazy averaging: total[f] accumulates w[f] × time.
const w = new Map(),
  total = new Map(),
  stamp = new Map();
let time = 0;
const get = (m, f) => m.get(f) ?? 0;
function update(f, delta) {
  total.set(f, get(total, f) + (time - get(stamp, f)) * get(w, f));
  stamp.set(f, time);
  w.set(f, get(w, f) + delta);
}
for (let pass = 0; pass < passes; pass++) {
  let errors = 0;
  for (const doc of data)
    for (const { f, y } of doc) {
      time++;
      let s = 0;
      for (const x of f) s += get(w, x);
      const guess = s > 0 ? 1 : 0;
      if (guess !== y) {
        errors++;
        const d = y ? 1 : -1;
        for (const x of f) update(x, d);
      }
    }
  console.error(`pass ${pass + 1}: ${errors} errors`);
}
const weights = {};
for (const [f, v] of [...w].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const avg = (get(total, f) + (time - get(stamp, f)) * v) / time;
  if (Math.abs(avg) >= 1) weights[f] = Math.round(avg * 1000) / 1000;
}

// Held-out token scores at a few thresholds, to pick one.
const held = heldout.filter((a) => !grading.has(a.id)).map((a) => examples(a));
let best = { t: 0, f1: -1 };
for (const t of [-3, -2, -1.5, -1, -0.5, 0]) {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const doc of held)
    for (const { f, y } of doc) {
      let s = 0;
      for (const x of f) s += weights[x] ?? 0;
      const g = s > t ? 1 : 0;
      if (g && y) tp++;
      else if (g) fp++;
      else if (y) fn++;
    }
  const p = tp / (tp + fp),
    r = tp / (tp + fn),
    f1 = (2 * p * r) / (p + r);
  console.error(`threshold ${t}: held-out cue tokens P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`);
  if (f1 > best.f1) best = { t, f1 };
}
const model = {
  about:
    "Averaged perceptron over cueFeatures (features.ts): score > threshold marks a token of an attribution cue. Trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out articles.",
  threshold: best.t,
  // nouns that head a source at least twice ("spokeswoman", "campaign", "poll"): a noun phrase headed by another noun names no source
  sourceNouns: [...sourceHeads]
    .filter(([, n]) => n >= 2)
    .map(([l]) => l)
    .sort(),
  weights,
};
const out = join(root, "server", "src", "core", "extract", "model", "cue-model.json");
writeFileSync(out, JSON.stringify(model) + "\n");
console.error(`wrote ${out}: ${Object.keys(weights).length} weights, threshold ${best.t}`);

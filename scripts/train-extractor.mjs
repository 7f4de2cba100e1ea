#!/usr/bin/env node
// Trains the extractor's models from PolNeAR's training articles (../shared/eval/attribution/train.jsonl):
//   model/cue-model.json     an averaged perceptron that marks the tokens of attribution cues
//                            ("said", "according to", "ruled out"), over cueFeatures (features.ts);
//   model/pronoun-model.json an averaged ranking perceptron that picks the named mention a pronoun
//                            source refers to (pronoun-model.ts), from PolNeAR's coreference antecedents;
//   model/source-model.json  an averaged ranking perceptron that picks a cue's source among the noun
//                            phrases and pronouns of its sentence, or none (source-model.ts).
//
// Deterministic: articles in file order, a fixed number of passes, no randomness. train-40.jsonl, the
// `heldout` slice and the `dev` slice (scripts/extract-slices.mjs) are never trained on.
// Needs a build first (it reads the compiled tokenizer and features from out/):
//   npm run build && node scripts/train-extractor.mjs [--data DIR] [--passes N] [--only cue|source|pronoun]
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { slices } from "./extract-slices.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { tokenizeDoc } = await import(join(root, "out/server/src/core/extract/tokens.js"));
const { cueFeatures } = await import(join(root, "out/server/src/core/extract/features.js"));
const { sourceCandidates, sourceFeatures } = await import(join(root, "out/server/src/core/extract/source-model.js"));
const { mentionsOf, antecedentCandidates, antecedentFeatures } = await import(join(root, "out/server/src/core/extract/pronoun-model.js"));
const { attributions } = await import(join(root, "out/server/src/core/extract/spans.js"));
const { createNlp } = await import(join(root, "out/server/src/core/nlp.js"));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataDir = opt("--data", join(root, "..", "shared", "eval", "attribution"));
const passes = Number(opt("--passes", "6"));
const cuePasses = Number(opt("--cue-passes", "10"));
const minCount = Number(opt("--min-count", "3"));
const only = opt("--only");
const { head, isPronoun } = await import(join(dataDir, "text.mjs"));
const modelDir = join(root, "server", "src", "core", "extract", "model");
const t0 = performance.now();
const nlp = createNlp();
const sl = slices(dataDir);
const tokenized = (arts) => arts.map((a) => ({ a, doc: tokenizeDoc(nlp, a.text) }));
const train = tokenized(sl.train);
const dev = tokenized(sl.dev);
console.error(
  `read and tokenised ${train.length} training and ${dev.length} dev articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

/** An averaged perceptron's weights, with lazy averaging: total[f] accumulates w[f] × time. */
class Averaged {
  w = new Map();
  total = new Map();
  stamp = new Map();
  time = 0;
  score(fs) {
    let s = 0;
    for (const f of fs) s += this.w.get(f) ?? 0;
    return s;
  }
  update(fs, d) {
    for (const f of fs) {
      const v = this.w.get(f) ?? 0;
      this.total.set(f, (this.total.get(f) ?? 0) + (this.time - (this.stamp.get(f) ?? 0)) * v);
      this.stamp.set(f, this.time);
      this.w.set(f, v + d);
    }
  }
  /** The averaged weights at least `min` in size, rounded (small weights pruned: a smaller file). */
  averaged(min) {
    const out = {};
    for (const [f, v] of [...this.w].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      const avg = ((this.total.get(f) ?? 0) + (this.time - (this.stamp.get(f) ?? 0)) * v) / this.time;
      if (Math.abs(avg) >= min) out[f] = Math.round(avg * 100) / 100;
    }
    return out;
  }
}

// Nouns that head a source at least twice ("spokeswoman", "campaign", "poll").
const sourceHeads = new Map();
for (const { a, doc } of train)
  for (const at of a.attributions)
    if (at.source && !at.pronounSource) {
      const toks = doc.tokens.filter(
        (t) => t.start >= at.source.start && t.end <= at.source.end && (t.pos === "NOUN" || t.pos === "PROPN"),
      );
      const cut = toks.findIndex((t) => /[,(]/.test(a.text.slice(at.source.start, t.start).slice(-2)));
      const h = (cut > 0 ? toks.slice(0, cut) : toks).at(-1);
      if (h && h.pos === "NOUN") sourceHeads.set(h.lemma, (sourceHeads.get(h.lemma) ?? 0) + 1);
    }
const sourceNouns = [...sourceHeads]
  .filter(([, n]) => n >= 2)
  .map(([l]) => l)
  .sort();
const nounSet = new Set(sourceNouns);

if (!only || only === "cue") trainCues();
if (!only || only === "source") trainSources();
if (!only || only === "pronoun") trainPronouns();
console.error(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

function trainCues() {
  // the cue lexicon: for each lemma seen 3 times or more, how often it is (part of) a cue, bucketed
  const seen = new Map(),
    asCue = new Map();
  for (const { a, doc } of train) {
    const cue = new Uint8Array(a.text.length);
    for (const at of a.attributions) for (const f of at.cue ? (at.cue.fragments ?? [at.cue]) : []) cue.fill(1, f.start, f.end);
    for (const t of doc.tokens) {
      if (t.inQuote) continue;
      seen.set(t.lemma, (seen.get(t.lemma) ?? 0) + 1);
      if (cue[t.start]) asCue.set(t.lemma, (asCue.get(t.lemma) ?? 0) + 1);
    }
  }
  const lexicon = {};
  for (const [l, n] of [...seen].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const r = (asCue.get(l) ?? 0) / n;
    if (n >= 3 && r >= 0.02) lexicon[l] = r < 0.1 ? "1" : r < 0.25 ? "2" : r < 0.5 ? "3" : r < 0.75 ? "4" : "5";
  }
  const examples = ({ a, doc }) => {
    const cue = new Uint8Array(a.text.length);
    for (const at of a.attributions) for (const f of at.cue ? (at.cue.fragments ?? [at.cue]) : []) cue.fill(1, f.start, f.end);
    return doc.tokens.map((t, i) => {
      let y = 0;
      for (let c = t.start; c < t.end; c++) if (cue[c]) y = 1;
      return { f: cueFeatures(doc, i, lexicon), y };
    });
  };
  const raw = train.map(examples);
  // features seen fewer than `minCount` times are dropped: rare words and word pairs overfit the
  // training articles (and make the model file large)
  const counts = new Map();
  for (const d of raw) for (const { f } of d) for (const x of f) counts.set(x, (counts.get(x) ?? 0) + 1);
  const data = raw.map((d) => d.map(({ f, y }) => ({ f: f.filter((x) => counts.get(x) >= minCount), y })));
  const m = new Averaged();
  for (let pass = 0; pass < cuePasses; pass++) {
    let errors = 0;
    for (const d of data)
      for (const { f, y } of d) {
        m.time++;
        const guess = m.score(f) > 0 ? 1 : 0;
        if (guess !== y) {
          errors++;
          m.update(f, y ? 1 : -1);
        }
      }
    console.error(`cue pass ${pass + 1}: ${errors} errors`);
  }
  const weights = m.averaged(1);
  // the threshold: the best F1 on the dev articles counted by cue, as extraction uses them — a gold
  // cue is found when one of its tokens scores above the threshold; a run of such tokens that touches
  // no gold cue is a false cue
  const scored = dev.map(({ a, doc }) => {
    const sc = doc.tokens.map((t, i) => cueFeatures(doc, i, lexicon).reduce((s, x) => s + (weights[x] ?? 0), 0));
    const cues = a.attributions
      .filter((at) => at.cue)
      .map((at) =>
        (at.cue.fragments ?? [at.cue]).flatMap((f) => doc.tokens.flatMap((t, i) => (t.start < f.end && t.end > f.start ? [i] : []))),
      );
    return { doc, sc, cues };
  });
  let best = { t: 0, f1: -1 };
  for (const t of [-6, -5, -4, -3, -2, -1, 0, 1, 2]) {
    let found = 0,
      gold = 0,
      runs = 0,
      right = 0;
    for (const { doc, sc, cues } of scored) {
      const inCue = new Uint8Array(sc.length);
      for (const c of cues) {
        gold++;
        if (c.some((i) => sc[i] > t)) found++;
        for (const i of c) inCue[i] = 1;
      }
      for (let i = 0; i < sc.length; i++) {
        if (!(sc[i] > t)) continue;
        let j = i,
          hit = false,
          letters = false;
        while (j < sc.length && sc[j] > t && doc.tokens[j].sentence === doc.tokens[i].sentence) {
          hit ||= inCue[j] === 1;
          letters ||= /\p{L}/u.test(doc.tokens[j].value);
          j++;
        }
        if (letters) {
          runs++;
          if (hit) right++;
        }
        i = j - 1;
      }
    }
    const p = right / runs,
      r = found / gold,
      f1 = (2 * p * r) / (p + r);
    console.error(`threshold ${t}: dev cues P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`);
    if (f1 > best.f1 + 1e-9) best = { t, f1 };
  }
  const model = {
    about:
      "Averaged perceptron over cueFeatures (features.ts): score > threshold marks a token of an attribution cue. Trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out and dev slices.",
    threshold: best.t,
    lexicon,
    // nouns that head a source at least twice: a noun phrase headed by another noun names no source
    sourceNouns,
    weights,
  };
  const out = join(modelDir, "cue-model.json");
  writeFileSync(out, JSON.stringify(model) + "\n");
  console.error(`wrote ${out}: ${Object.keys(weights).length} weights, threshold ${best.t}`);
}

/** Per gold attribution with a cue: the candidates' features and which candidate is the gold source (or -1). */
function sourceExamples({ a, doc }) {
  const out = [];
  // what the span rules say for the gold cues, as the source model sees it at extraction
  const groups = [];
  for (const at of a.attributions) {
    const cf = at.cue ? (at.cue.fragments ?? [at.cue]) : [];
    const ct = doc.tokens.map((t, i) => i).filter((i) => cf.some((f) => doc.tokens[i].start < f.end && doc.tokens[i].end > f.start));
    if (ct.length) groups.push([ct[0], ct.filter((i) => doc.tokens[i].sentence === doc.tokens[ct[0]].sentence).at(-1)]);
  }
  groups.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const disjoint = groups.filter((g, k) => k === 0 || g[0] > groups[k - 1][1]);
  const ruled = new Map(attributions(doc, disjoint).map((r) => [r.cue[0], r]));
  const norm = (s) =>
    s
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .replace(/'s$|'$/, "");
  for (const at of a.attributions) {
    if (!at.cue || !at.content?.length) continue;
    const cf = at.cue.fragments ?? [at.cue];
    const ct = doc.tokens.map((t, i) => i).filter((i) => cf.some((f) => doc.tokens[i].start < f.end && doc.tokens[i].end > f.start));
    if (!ct.length) continue;
    const s = doc.tokens[ct[0]].sentence;
    const cue = [ct[0], ct.filter((i) => doc.tokens[i].sentence === s).at(-1)];
    const content = at.content.map((c) => [c.start, c.end]);
    const cands = sourceCandidates(doc, cue, content);
    let y = -1;
    if (!at.source) y = 0;
    else {
      const frags = at.source.fragments ?? [at.source];
      const pron = at.pronounSource ?? isPronoun(at.source.text);
      const h = pron ? null : head(at.source.text);
      y = cands.findIndex((c) => {
        if (!c.span) return false;
        const t = doc.tokens[c.head];
        if (!frags.some((f) => t.start >= f.start && t.end <= f.end)) return false;
        return pron ? t.pos === "PRON" : norm(t.value) === h;
      });
    }
    if (y < 0) continue;
    const r = ruled.get(cue[0]);
    const rule = r ? r.source : undefined;
    out.push({ f: cands.map((c) => sourceFeatures(doc, cue, content, c, nounSet, rule)), y });
  }
  return out;
}

/** The index of the best-scoring feature list (the first on a tie), among those `only` allows; -1 if none. */
function argmax(fs, sc, only) {
  let best = -1,
    bs = -Infinity;
  fs.forEach((f, k) => {
    if (only && !only[k]) return;
    const s = sc(f);
    if (s > bs) {
      bs = s;
      best = k;
    }
  });
  return best;
}

/**
 * An averaged ranking perceptron over examples `{ f, ys }`: each example's candidates as feature lists,
 * and which of them are right. A mistake moves the weights towards the right candidate the model likes
 * best (latent, when several are right) and away from its pick. Returns the pruned averaged weights.
 */
function trainRanker(label, data) {
  const m = new Averaged();
  for (let pass = 0; pass < passes; pass++) {
    let errors = 0;
    for (const { f, ys } of data) {
      m.time++;
      const g = argmax(f, (x) => m.score(x));
      if (!ys[g]) {
        errors++;
        m.update(f[argmax(f, (x) => m.score(x), ys)], 1);
        m.update(f[g], -1);
      }
    }
    console.error(`${label} pass ${pass + 1}: ${errors} errors of ${data.length}`);
  }
  return m.averaged(0.05);
}

/** How many dev examples a ranker's weights get right, and the ranker's model file written. */
function finishRanker(file, about, weights, held) {
  const sc = (x) => x.reduce((s, k) => s + (weights[k] ?? 0), 0);
  const right = held.filter(({ f, ys }) => ys[argmax(f, sc)]).length;
  const out = join(modelDir, file);
  writeFileSync(out, JSON.stringify({ about, threshold: 0, weights }) + "\n");
  console.error(`wrote ${out}: ${Object.keys(weights).length} weights`);
  return { right, share: `${((100 * right) / held.length).toFixed(1)}%` };
}

function trainSources() {
  // One right candidate per example: the gold source (or none).
  const oneHot = ({ f, y }) => ({ f, ys: f.map((_, k) => k === y) });
  const data = train.flatMap(sourceExamples).map(oneHot);
  const held = dev.flatMap(sourceExamples).map(oneHot);
  console.error(`source examples: ${data.length} training, ${held.length} dev`);
  const weights = trainRanker("source", data);
  const about =
    "Averaged ranking perceptron over sourceFeatures (source-model.ts): the candidate with the highest score is the cue's source. Trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out and dev slices.";
  const { right, share } = finishRanker("source-model.json", about, weights, held);
  console.error(`dev: source chosen right ${right} of ${held.length} (${share})`);
}

/** Per gold pronoun source with a named antecedent: the candidates' features and which are right (same head word). */
function pronounExamples({ a, doc }) {
  const out = [];
  const m = mentionsOf(doc);
  const norm = (s) =>
    s
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .replace(/'s$|'$/, "");
  for (const at of a.attributions) {
    if (!at.source?.pronounSource && !at.pronounSource) continue;
    const ante = at.source.antecedent;
    if (!ante) continue;
    const p = doc.tokens.findIndex((t) => t.start >= at.source.start && t.end <= at.source.end && t.pos === "PRON");
    if (p < 0) continue;
    const h = head(ante.text);
    const cands = antecedentCandidates(m.mentions, p);
    const ys = cands.map((k) => norm(doc.tokens[m.mentions[k].head].value) === h);
    if (!ys.some(Boolean)) continue;
    out.push({ f: cands.map((k, rank) => antecedentFeatures(doc, p, m, k, rank)), ys });
  }
  return out;
}

function trainPronouns() {
  const data = train.flatMap(pronounExamples);
  const held = dev.flatMap(pronounExamples);
  console.error(`pronoun examples: ${data.length} training, ${held.length} dev`);
  const nearest = held.filter(({ ys }) => ys[0]).length;
  const weights = trainRanker("pronoun", data);
  const about =
    "Averaged ranking perceptron over antecedentFeatures (pronoun-model.ts): the mention with the highest score is the pronoun's antecedent. Trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out and dev slices.";
  const { right, share } = finishRanker("pronoun-model.json", about, weights, held);
  console.error(`dev: antecedent right ${right} of ${held.length} (${share}; the nearest mention: ${nearest})`);
}

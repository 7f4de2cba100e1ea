#!/usr/bin/env node
// Trains the extractor's models from PolNeAR's training articles (../shared/eval/attribution/train.jsonl),
// in this order (each later one reads the ones before it, as extraction runs them):
//   model/cue-model.json     a BIO tagger (tagger.ts, averaged structured perceptron: train-tagger.ts)
//                            over cueFeatures (features.ts) that tags the attribution cues of each sentence
//                            ("said", "according to", "ruled out"), with the cue lexicon it reads;
//   model/content-model.json a BIO tagger over contentFeatures (content-model.ts) that tags each cue's
//                            content around it, trained on the gold cues with the cue tagger's other cues;
//   model/source-model.json  an averaged ranking perceptron that picks a cue's source among the noun
//                            phrases and pronouns of its sentence, or none (source-model.ts), on the
//                            contents the content model finds;
//   model/pronoun-model.json an averaged ranking perceptron that picks the named mention a pronoun
//                            source refers to (pronoun-model.ts), from PolNeAR's coreference antecedents;
//   model/keep-model.json    an averaged perceptron that keeps or drops each cue candidate (the cue tagger at
//                            a more generous bias, --keep-bias 35) once its content and source are found
//                            (keep-model.ts), on candidates from two cue taggers each trained on the other
//                            half of the training articles.
//
// Deterministic: articles in file order, a fixed number of passes, no randomness; a second run writes the
// same bytes. train-40.jsonl, the `heldout` slice and the `dev` slice (scripts/extract-slices.mjs) are
// never trained on (dev reports the cue tagger's precision and recall and the rankers' accuracy).
// Needs a build first (it reads the compiled tokenizer and features from out/), and one after (to copy
// the new model files into out/); about 7 min of CPU:
//   npm run build && node scripts/train-extractor.mjs [--data DIR] [--only cue|content|source|pronoun|keep] && npm run build
//   (--cue-passes 10, --content-passes 12, --passes 6 for the rankers and the keep model, --min-count 3 for
//   cue features; --fold-cache FILE keeps the keep model's two fold taggers between runs, to retrain it alone
//   faster; --dump-keep FILE writes its examples, for trying other learners)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root, scriptArgs, slices } from "./extract-slices.mjs";

const { tokenizeDoc } = await import(join(root, "out/server/src/core/extract/tokens.js"));
const { cueFeatures } = await import(join(root, "out/server/src/core/extract/features.js"));
const { sourceCandidates, sourceFeatures } = await import(join(root, "out/server/src/core/extract/source-model.js"));
const { mentionsOf, antecedentCandidates, antecedentFeatures } = await import(join(root, "out/server/src/core/extract/pronoun-model.js"));
const { attributions } = await import(join(root, "out/server/src/core/extract/spans.js"));
const { createNlp } = await import(join(root, "out/server/src/core/nlp.js"));
const { contentWindow, contentFeatures, contentOf } = await import(join(root, "out/server/src/core/extract/content-model.js"));
const { labelsOf, compileTagger, tag, spansOf } = await import(join(root, "out/server/src/core/extract/tagger.js"));
const { trainTagger } = await import(join(root, "out/server/src/core/extract/train-tagger.js"));
const { scanCues, attributionsOfCues, cueMask } = await import(join(root, "out/server/src/core/extract/index.js"));
const { cueGroups } = await import(join(root, "out/server/src/core/extract/spans.js"));
const { compile } = await import(join(root, "out/server/src/core/extract/perceptron.js"));

const { opt, dataDir } = scriptArgs();
const passes = Number(opt("--passes", "6"));
const cuePasses = Number(opt("--cue-passes", "10"));
const contentPasses = Number(opt("--content-passes", "12"));
const minCount = Number(opt("--min-count", "3"));
const only = opt("--only");
const keepBias = Number(opt("--keep-bias", "35"));
const foldCache = opt("--fold-cache");
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

const cueContext = { sourceNouns: nounSet };

/** One sequence per sentence of an article, over cueFeatures with `lexicon`: each gold cue fragment a B…I span. */
const cueSequences = ({ a, doc }, lexicon) =>
  doc.sentences.map((s) => {
    const features = [];
    for (let i = s.first; i <= s.last; i++) features.push(cueFeatures(doc, i, lexicon, cueContext));
    const spans = [];
    for (const at of a.attributions)
      for (const f of at.cue ? (at.cue.fragments ?? [at.cue]) : []) {
        if (f.end <= s.start || f.start >= s.end) continue;
        let x = -1,
          y = -1;
        for (let i = s.first; i <= s.last; i++)
          if (doc.tokens[i].start < f.end && doc.tokens[i].end > f.start) {
            if (x < 0) x = i - s.first;
            y = i - s.first;
          }
        if (x >= 0) spans.push([x, y]);
      }
    spans.sort((p, q) => p[0] - q[0]);
    return {
      features,
      labels: labelsOf(
        features.length,
        spans.filter((sp, k) => k === 0 || sp[0] > spans[k - 1][1]),
      ),
    };
  });

/**
 * The sequences with the features seen fewer than `minCount` times among them dropped: rare words and word
 * pairs overfit the training articles (and make the model file large).
 */
function frequentOnly(raw) {
  const counts = new Map();
  for (const q of raw) for (const f of q.features) for (const x of f) counts.set(x, (counts.get(x) ?? 0) + 1);
  return raw.map((q) => ({ features: q.features.map((f) => f.filter((x) => counts.get(x) >= minCount)), labels: q.labels }));
}

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
  const sequences = (item) => cueSequences(item, lexicon);
  const data = frequentOnly(train.flatMap(sequences));
  const json = trainTagger(data, {
    passes: cuePasses,
    about:
      "BIO tagger (tagger.ts) over cueFeatures (features.ts): the attribution cues of a sentence. Averaged structured perceptron, trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out and dev slices.",
    minWeight: 10,
    decimals: 1,
    progress: (p, e) => console.error(`cue pass ${p}: ${e} sentences wrong of ${data.length}`),
  });
  // the balance of precision and recall: a bias on B and I chosen by the best F1 on the dev articles,
  // counted by cue as extraction uses them (a gold cue is found when a tagged span touches it; a tagged
  // span that touches no gold cue is a false cue)
  const devSeqs = dev.flatMap(sequences);
  let best = { t: 0, f1: -1 };
  for (const t of [-2, 0, 1, 2, 3, 4, 6, 8]) {
    const tagger = compileTagger({ ...json, bias: [0, t, t] });
    let found = 0,
      gold = 0,
      spans = 0,
      right = 0;
    for (const q of devSeqs) {
      const got = spansOf(tag(tagger, q.features));
      const want = spansOf(q.labels);
      gold += want.length;
      spans += got.length;
      found += want.filter(([x, y]) => got.some(([u, v]) => u <= y && x <= v)).length;
      right += got.filter(([u, v]) => want.some(([x, y]) => u <= y && x <= v)).length;
    }
    const p = right / spans,
      r = found / gold,
      f1 = (2 * p * r) / (p + r);
    console.error(`bias ${t}: dev cues P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`);
    if (f1 > best.f1 + 1e-9) best = { t, f1 };
  }
  const model = {
    ...json,
    bias: [0, best.t, best.t],
    lexicon,
    // nouns that head a source at least twice: a noun phrase headed by another noun names no source
    sourceNouns,
  };
  const out = join(modelDir, "cue-model.json");
  writeFileSync(out, JSON.stringify(model) + "\n");
  console.error(`wrote ${out}: ${Object.keys(json.weights).length} features, bias ${best.t}`);
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
  const mask = predictedCueMask(doc);
  for (const g of groups) mask.fill(1, g[0], g[1] + 1);
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
    // the content as extraction finds it (the content model's), so that the model learns from the
    // candidates it will see; the gold content where the content model finds none
    const r0 = ruled.get(cue[0]);
    const cm = sourceExamples.contentModel;
    const tagged = cm ? contentOf(doc, cue, r0 ? (r0.pieces ?? [r0.content]) : undefined, cm, lexiconOf(), mask) : [];
    const content = tagged.length ? tagged : at.content.map((c) => [c.start, c.end]);
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

const lexiconOf = () => (predictedCueMask.model ??= JSON.parse(readFileSync(join(modelDir, "cue-model.json"), "utf8"))).lexicon;

function trainSources() {
  // the shipped content model, as extraction uses it
  sourceExamples.contentModel = compileTagger(JSON.parse(readFileSync(join(modelDir, "content-model.json"), "utf8")));
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
  // who the attributions before were given to, in text order, as extraction keeps it
  const heads = new Set();
  const ordered = [...a.attributions].sort((x, y) => (x.cue?.start ?? x.content[0].start) - (y.cue?.start ?? y.content[0].start));
  for (const at of ordered) {
    const sources = { heads: new Set(heads) };
    const named = at.source ? (at.pronounSource || at.source.pronoun ? at.source.antecedent?.text : at.source.text) : undefined;
    const key = named ? head(named) : undefined;
    if (key && /\p{Lu}/u.test(named)) heads.add(key);
    if (!at.source?.pronounSource && !at.pronounSource) continue;
    const ante = at.source.antecedent;
    if (!ante) continue;
    const p = doc.tokens.findIndex((t) => t.start >= at.source.start && t.end <= at.source.end && t.pos === "PRON");
    if (p < 0) continue;
    const h = head(ante.text);
    const cands = antecedentCandidates(m.mentions, p);
    const ys = cands.map((k) => norm(doc.tokens[m.mentions[k].head].value) === h);
    if (!ys.some(Boolean)) continue;
    out.push({ f: cands.map((k, rank) => antecedentFeatures(doc, p, m, k, rank, sources)), ys });
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

/** The gold cues of an article as token ranges [first, last] in the cue's first sentence, with their attributions. */
function goldCues({ a, doc }) {
  const out = [];
  for (const at of a.attributions) {
    if (!at.cue || !at.content?.length) continue;
    const cf = at.cue.fragments ?? [at.cue];
    const ct = [];
    for (let i = 0; i < doc.tokens.length; i++) if (cf.some((f) => doc.tokens[i].start < f.end && doc.tokens[i].end > f.start)) ct.push(i);
    if (!ct.length) continue;
    const s = doc.tokens[ct[0]].sentence;
    out.push({ at, cue: [ct[0], ct.filter((i) => doc.tokens[i].sentence === s).at(-1)] });
  }
  return out.sort((x, y) => x.cue[0] - y.cue[0] || x.cue[1] - y.cue[1]);
}

/** Per gold cue: the content tagger's features over the cue's window, and the gold content as BIO labels. */
function contentExamples(item, lexicon) {
  const { doc } = item;
  const cues = goldCues(item);
  const disjoint = cues.map((c) => c.cue).filter((g, k, all) => k === 0 || g[0] > all[k - 1][1]);
  const ruled = new Map(attributions(doc, disjoint).map((r) => [r.cue[0], r]));
  // the cues extraction will see: the gold ones and the ones the cue tagger finds
  const mask = predictedCueMask(doc);
  for (const { cue } of cues) mask.fill(1, cue[0], cue[1] + 1);
  return cues.map(({ at, cue }) => {
    const win = contentWindow(doc, cue);
    const r = ruled.get(cue[0]);
    const features = contentFeatures(doc, cue, win, r ? (r.pieces ?? [r.content]) : undefined, lexicon, mask);
    const spans = [];
    for (const c of at.content) {
      let x = -1,
        y = -1;
      for (let i = win[0]; i <= win[1]; i++) {
        const t = doc.tokens[i];
        if (t.start < c.end && t.end > c.start) {
          if (x < 0) x = i - win[0];
          y = i - win[0];
        }
      }
      if (x >= 0) spans.push([x, y]);
    }
    return { features, labels: labelsOf(features.length, spans) };
  });
}

/** 1 for the tokens the shipped cue tagger (model/cue-model.json) tags, as extraction marks them. */
function predictedCueMask(doc) {
  const cueTagger = (predictedCueMask.model ??= JSON.parse(readFileSync(join(modelDir, "cue-model.json"), "utf8")));
  cueTagger.compiled ??= compileTagger(cueTagger);
  const out = new Uint8Array(doc.tokens.length);
  for (const s of doc.sentences) {
    const features = [];
    for (let i = s.first; i <= s.last; i++)
      features.push(cueFeatures(doc, i, cueTagger.lexicon, { sourceNouns: new Set(cueTagger.sourceNouns) }));
    for (const [x, y] of spansOf(tag(cueTagger.compiled, features))) out.fill(1, s.first + x, s.first + y + 1);
  }
  return out;
}

function trainContents() {
  const lexicon = JSON.parse(readFileSync(join(modelDir, "cue-model.json"), "utf8")).lexicon;
  const data = train.flatMap((x) => contentExamples(x, lexicon));
  const held = dev.flatMap((x) => contentExamples(x, lexicon));
  console.error(`content examples: ${data.length} training, ${held.length} dev`);
  const json = trainTagger(data, {
    passes: contentPasses,
    about:
      "BIO tagger (tagger.ts) over contentFeatures (content-model.ts): the content of a cue. Averaged structured perceptron, trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out and dev slices.",
    minWeight: 5,
    decimals: 1,
    progress: (p, e) => console.error(`content pass ${p}: ${e} sequences wrong of ${data.length}`),
  });
  const out = join(modelDir, "content-model.json");
  writeFileSync(out, JSON.stringify(json) + "\n");
  console.error(`wrote ${out}: ${Object.keys(json.weights).length} features`);
}

/**
 * Whether a candidate attribution is right as far as the gold says: its cue touches a gold cue whose
 * content it covers at least half of (in characters), and its source agrees — none for none, else the
 * chosen mention's head inside the gold source (or a pronoun for a pronoun, resolved later), or naming it.
 */
function keepLabel({ a, doc }, raw) {
  const cs = doc.tokens[raw.cue[0]].start,
    ce = doc.tokens[raw.cue[1]].end;
  const pieces = raw.pieces ?? [raw.content];
  const norm = (s) =>
    s
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .replace(/'s$|'$/, "");
  for (const at of a.attributions) {
    if (!at.cue || !(at.cue.fragments ?? [at.cue]).some((f) => f.start < ce && cs < f.end)) continue;
    const need = at.content.reduce((n, c) => n + c.end - c.start, 0);
    let got = 0;
    for (const c of at.content) for (const [s, e] of pieces) got += Math.max(0, Math.min(e, c.end) - Math.max(s, c.start));
    if (!need || got * 2 < need) continue;
    if (!at.source) return !raw.source && !raw.inherit;
    if (!raw.source) return !!raw.inherit;
    const h = doc.tokens[raw.source[1]];
    const frags = at.source.fragments ?? [at.source];
    if (frags.some((f) => h.start >= f.start && h.end <= f.end)) return true;
    const pron = at.pronounSource ?? isPronoun(at.source.text);
    if (pron) return h.pos === "PRON" || (at.source.antecedent && norm(h.value) === head(at.source.antecedent.text));
    return norm(h.value) === head(at.source.text);
  }
  return false;
}

/**
 * The keep model (keep-model.ts): a binary averaged perceptron over keepFeatures of the candidates that the
 * pipeline makes of the cue tagger's generous tags (bias --keep-bias), labelled by keepLabel. The training
 * articles' candidates come from cue taggers trained on the other half of the training articles (two
 * folds), so that they are as many and as wrong as on an unseen article; the dev articles' from the shipped
 * cue tagger. The threshold is the one with the best dev F1 of right candidates kept against all gold
 * attributions.
 */
function trainKeep() {
  const cueJson = JSON.parse(readFileSync(join(modelDir, "cue-model.json"), "utf8"));
  const lexicon = cueJson.lexicon;
  const baseBias = cueJson.bias[1];
  const ctx = { sourceNouns: new Set(cueJson.sourceNouns) };
  const content = compileTagger(JSON.parse(readFileSync(join(modelDir, "content-model.json"), "utf8")));
  const source = compile(JSON.parse(readFileSync(join(modelDir, "source-model.json"), "utf8")));
  let foldJson;
  if (foldCache) {
    try {
      foldJson = JSON.parse(readFileSync(foldCache, "utf8"));
    } catch {
      // no cache yet: the folds are trained and written below
    }
  }
  foldJson ??= [0, 1].map((k) => {
    const data = frequentOnly(train.filter((_, i) => i % 2 !== k).flatMap((x) => cueSequences(x, lexicon)));
    return trainTagger(data, {
      passes: cuePasses,
      about: `fold ${k}`,
      minWeight: 10,
      decimals: 1,
      progress: (p, e) => console.error(`keep: fold ${k} cue pass ${p}: ${e} sentences wrong of ${data.length}`),
    });
  });
  if (foldCache) writeFileSync(foldCache, JSON.stringify(foldJson));
  const folds = foldJson.map((j) => compileTagger({ ...j, bias: undefined }));
  const shipped = compileTagger({ ...cueJson, bias: undefined });
  const examples = (item, tagger) => {
    const { doc } = item;
    const scan = scanCues(doc, tagger, lexicon, ctx, baseBias, keepBias);
    const cues = cueGroups(doc, (i) => scan.candidates[i] === 1);
    const mask = cueMask(
      doc,
      cueGroups(doc, (i) => scan.marks[i] === 1),
    );
    const out = [];
    attributionsOfCues(doc, cues, {
      mask,
      strength: scan.strength,
      content,
      source,
      onCandidate: (raw, f) => out.push({ f, y: keepLabel(item, raw) }),
    });
    return out;
  };
  const data = train.flatMap((x, i) => examples(x, folds[i % 2]));
  const held = dev.flatMap((x) => examples(x, shipped));
  const goldN = dev.reduce((n, { a }) => n + a.attributions.length, 0);
  if (opt("--dump-keep")) writeFileSync(opt("--dump-keep"), JSON.stringify({ data, held, goldN }));
  console.error(
    `keep examples: ${data.length} training (${data.filter((x) => x.y).length} right), ${held.length} dev (${held.filter((x) => x.y).length} right, ${goldN} gold)`,
  );
  const m = new Averaged();
  for (let pass = 0; pass < passes; pass++) {
    let errors = 0;
    for (const { f, y } of data) {
      m.time++;
      if (m.score(f) > 0 !== y) {
        errors++;
        m.update(f, y ? 1 : -1);
      }
    }
    console.error(`keep pass ${pass + 1}: ${errors} errors of ${data.length}`);
  }
  const weights = m.averaged(0.05);
  const sc = (f) => f.reduce((s, k) => s + (weights[k] ?? 0), 0);
  // the threshold: the best dev F1 of the right candidates kept (2 × right ÷ (kept + gold))
  const scored = held.map(({ f, y }) => ({ s: sc(f), y })).sort((x, y) => y.s - x.s);
  let best = { t: -Infinity, f1: (2 * held.filter((x) => x.y).length) / (held.length + goldN) },
    right = 0;
  const all = best.f1;
  scored.forEach(({ s, y }, k) => {
    if (y) right++;
    const f1 = (2 * right) / (k + 1 + goldN);
    const nextS = scored[k + 1]?.s ?? -Infinity;
    if (nextS < s && f1 > best.f1 + 1e-9) best = { t: Math.round(((s + (nextS === -Infinity ? s - 1 : nextS)) / 2) * 1000) / 1000, f1 };
  });
  console.error(`keep: dev F1 of right candidates ${all.toFixed(3)} keeping all, ${best.f1.toFixed(3)} at threshold ${best.t}`);
  const about =
    "Averaged perceptron over keepFeatures (keep-model.ts): a cue candidate (the cue tagger at bias cueBias) whose score is below the threshold is dropped. Trained by scripts/train-extractor.mjs on PolNeAR train.jsonl minus the held-out and dev slices, on candidates from cue taggers trained on the other half.";
  const out = join(modelDir, "keep-model.json");
  writeFileSync(out, JSON.stringify({ about, threshold: best.t === -Infinity ? -1e9 : best.t, cueBias: keepBias, weights }) + "\n");
  console.error(`wrote ${out}: ${Object.keys(weights).length} weights`);
}

// in this order: the content model reads the cue model's tags, the source model the content model's contents
if (!only || only === "cue") trainCues();
if (!only || only === "content") trainContents();
if (!only || only === "source") trainSources();
if (!only || only === "pronoun") trainPronouns();
if (!only || only === "keep") trainKeep();
console.error(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

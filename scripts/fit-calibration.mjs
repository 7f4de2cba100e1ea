#!/usr/bin/env node
// Fits the calibrated match score (server/src/core/calibration.ts): a ranking model over a text's candidates
// (a conditional logit on their features), then a logistic map of its score to the probability that the
// text restates the candidate (so the probability keeps the ranking's order). Deterministic. Run after `npm run build`:
//   node scripts/fit-calibration.mjs [--eval dev] [--apply]
// Data, all in ../shared/eval (never copied into the repository): the CheckThat! 2020 Task 2 train tweets
// against their 10,375 fact-checked claims (checkthat/train.*), and the project's own labelled sentences
// against the bundled database (dev.jsonl, dev-quotes.jsonl; a candidate is right when its quote lies in
// an expected sentence of the article). Prints the weights in FEATURES order; --apply writes them into
// calibration.ts. --eval dev reports top-1 accuracy and calibration on the CheckThat! dev tweets (never fit on).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "./linear-solve.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const shared = join(root, "..", "shared", "eval");
const ct = join(shared, "checkthat");
const { readClaimsFile, readBundledClaims } = await import(join(root, "out/server/src/node/claims-disk.js"));
const { createLexicon } = await import(join(root, "out/server/src/node/lexicon.js"));
const { createFactChecker } = await import(join(root, "out/server/src/core/checker.js"));
const { FEATURES, WEIGHTS, restatementProbability } = await import(join(root, "out/server/src/core/calibration.js"));
const args = process.argv.slice(2);
const evalSplit = args.includes("--eval") ? args[args.indexOf("--eval") + 1] : undefined;
const K = 30;

function readTsv(path) {
  // Fields may be quoted and hold tabs or newlines (pandas' reading): the grader's reader.
  return import(join(ct, "grade.mjs")).then((m) => m.readQueries(path));
}
async function readQrels(path) {
  return (await import(join(ct, "grade.mjs"))).readQrels(path).gold;
}

const lexicon = createLexicon();
const vdb = await readClaimsFile(join(ct, "checkthat-vclaims.claims.json"), { root: ct, cwd: ct });
const vfc = createFactChecker({ databases: [vdb], lexicon });
const rows = []; // { x, y, group }

async function tweetRows(split, out) {
  const tweets = await readTsv(join(ct, `${split}.tweets.queries.tsv`));
  const gold = await readQrels(join(ct, `${split}.qrels`));
  for (const t of tweets) {
    const g = gold.get(t.id);
    if (!g) continue;
    const cands = vfc.passageCandidates(t.text, K);
    for (const c of cands)
      out.push({ x: c.features, y: g.has(c.claim.id.replace(/^vclaim-/, "")) ? 1 : 0, group: `${split}:${t.id}`, id: c.claim.id });
  }
}

async function articleRows(file, out) {
  const bundled = await readBundledClaims();
  const fc = createFactChecker({ databases: [bundled], lexicon, nlp: vfc.nlp });
  const sentences = JSON.parse(readFileSync(join(shared, "article-sentences.json"), "utf8"));
  const norm = (s) =>
    s
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase();
  for (const line of readFileSync(join(shared, file), "utf8").split("\n").filter(Boolean)) {
    const item = JSON.parse(line);
    const expected = new Set((item.expect ?? []).map((e) => e.sentence));
    for (const c of fc.passageCandidates(item.text, K)) {
      const q = norm(c.claim.source.quote);
      const inExpected = [...expected].some((k) => norm(sentences[k] ?? "").includes(q) || q.includes(norm(sentences[k] ?? "")));
      out.push({ x: c.features, y: inExpected ? 1 : 0, group: `${file}:${item.id}`, id: c.claim.id });
    }
  }
}

/**
 * The ranking model: a conditional logit (softmax over each text's candidates, the right ones sharing
 * the mass), fit by gradient ascent with a little L2; it orders a text's candidates. Its bias is 0 (a
 * softmax ignores one).
 */
function fitRanking(data, { l2 = 1e-3, iters = 3000, rate = 0.3 } = {}) {
  const groups = [...groupBy(data).values()].filter((g) => g.some((r) => r.y === 1));
  const d = data[0].x.length;
  const w = new Array(d).fill(0);
  for (let it = 0; it < iters; it++) {
    const g = new Array(d).fill(0);
    for (const c of groups) {
      const z = c.map((r) => dot(w, r.x));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      const right = c.filter((r) => r.y === 1).length;
      c.forEach((r, j) => {
        const q = e[j] / sum;
        for (let i = 1; i < d; i++) g[i] += (r.y / right - q) * r.x[i];
      });
    }
    for (let i = 1; i < d; i++) w[i] += rate * (g[i] / groups.length - l2 * w[i]);
  }
  return w;
}

/**
 * The calibration: a logistic regression of "right or not" on [1, ranking score, coverage, precision]
 * (damped Newton). The ranking score orders candidates within a text; coverage and precision, shares
 * that mean the same in a database of 21 claims as in one of 10,000, put the probability on one scale
 * across databases. The fitted map is folded into one weight vector (fit()).
 */
function fitCalibration(data, ranking) {
  const X = data.map((r) => [1, dot(ranking, r.x), r.x[1], r.x[2]]);
  const y = data.map((r) => r.y);
  const d = 4;
  const loss = (w) =>
    X.reduce((sum, x, i) => {
      const z = dot(w, x);
      return sum + (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    }, 0);
  let w = [0, 1, 0, 0];
  let current = loss(w);
  for (let it = 0; it < 100; it++) {
    const g = new Array(d).fill(0);
    const H = Array.from({ length: d }, () => new Array(d).fill(0));
    X.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-dot(w, x)));
      const v = p * (1 - p);
      for (let i = 0; i < d; i++) {
        g[i] += (p - y[n]) * x[i];
        for (let j = 0; j < d; j++) H[i][j] += v * x[i] * x[j];
      }
    });
    for (let i = 0; i < d; i++) H[i][i] += 1e-6;
    const step = solve(H, g);
    let t = 1;
    let next = loss(w.map((v, i) => v - step[i]));
    while (next > current && t > 1e-6) {
      t /= 2;
      next = loss(w.map((v, i) => v - t * step[i]));
    }
    w = w.map((v, i) => v - t * step[i]);
    if (current - next < 1e-9) break;
    current = next;
  }
  return w;
}

/** The weights restatementProbability uses: the calibration's map of the ranking score, coverage and precision, as one vector. */
function fit(data) {
  const ranking = fitRanking(data);
  // A score is read on what is reported: each text's best-ranked candidate (a finding), so the
  // calibration is fit on those, and "0.8" means about 8 in 10 findings of that score are right.
  const leaders = [...groupBy(data).values()].map((g) => g.reduce((best, r) => (dot(ranking, r.x) > dot(ranking, best.x) ? r : best)));
  const [b, a, c, p] = fitCalibration(leaders, ranking);
  return ranking.map((v, i) => a * v + (i === 0 ? b : 0) + (i === 1 ? c : 0) + (i === 2 ? p : 0));
}

function dot(w, x) {
  let z = 0;
  for (let i = 0; i < w.length; i++) z += w[i] * x[i];
  return z;
}

function groupBy(data) {
  const groups = new Map();
  for (const r of data) {
    const list = groups.get(r.group) ?? [];
    list.push(r);
    groups.set(r.group, list);
  }
  return groups;
}

function report(name, data, w) {
  const groups = new Map();
  for (const r of data) {
    const list = groups.get(r.group) ?? [];
    list.push({ ...r, p: restatementProbability(r.x, w) });
    groups.set(r.group, list);
  }
  let top1 = 0,
    mrr = 0,
    accepted = 0,
    acceptedRight = 0;
  for (const list of groups.values()) {
    list.sort((a, b) => b.p - a.p);
    const r = list.findIndex((x) => x.y === 1);
    if (r === 0) top1++;
    if (r >= 0 && r < 5) mrr += 1 / (r + 1);
    if (list[0]?.p >= 0.5) {
      accepted++;
      if (list[0].y === 1) acceptedRight++;
    }
  }
  const n = groups.size;
  // Calibration: mean predicted vs observed, in bins of predicted probability.
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001].slice(0, -1).map((lo, i, a) => ({ lo, hi: a[i + 1] ?? 1.0001, n: 0, p: 0, y: 0 }));
  // Over the findings a text would get: its best candidate.
  for (const list of groups.values())
    for (const r of list.slice(0, 1)) {
      const b = bins.find((b) => r.p >= b.lo && r.p < b.hi) ?? bins[bins.length - 1];
      b.n++;
      b.p += r.p;
      b.y += r.y;
    }
  console.log(
    `${name}: ${n} texts; top-1 ${(top1 / n).toFixed(3)}; MRR@5 ${(mrr / n).toFixed(3)}; accepted at 0.5: ${accepted} (${(acceptedRight / Math.max(1, accepted)).toFixed(3)} right)`,
  );
  console.log(
    "  calibration " +
      bins
        .filter((b) => b.n)
        .map((b) => `[${b.lo.toFixed(1)}) n=${b.n} mean p ${(b.p / b.n).toFixed(2)} observed ${(b.y / b.n).toFixed(2)}`)
        .join("; "),
  );
}

await tweetRows("train", rows);
const articles = [];
await articleRows("dev.jsonl", articles);
await articleRows("dev-quotes.jsonl", articles);
// The article's sentences are few; weigh them up so the model also fits a small database's scale.
const drop = (args.includes("--drop") ? args[args.indexOf("--drop") + 1] : "").split(",").filter(Boolean).map(Number);
for (const r of [...rows, ...articles]) for (const i of drop) r.x[i] = 0;
const weighted = [...rows, ...[1, 2, 3].flatMap((k) => articles.map((r) => ({ ...r, group: `${r.group}#${k}` })))];
const w = fit(weighted);
console.log("weights (" + FEATURES.join(", ") + "):");
console.log("[" + w.map((v) => v.toFixed(4)).join(", ") + "]");
report("train tweets (fit)", rows, w);
report("article sentences (fit)", articles, w);
report("train tweets, current weights", rows, WEIGHTS);
if (evalSplit) {
  const dev = [];
  await tweetRows(evalSplit, dev);
  report(`${evalSplit} tweets (held out)`, dev, w);
  report(`${evalSplit} tweets, current weights`, dev, WEIGHTS);
}
if (args.includes("--apply")) {
  const p = join(root, "server/src/core/calibration.ts");
  const src = readFileSync(p, "utf8").replace(
    /export const WEIGHTS: readonly number\[\] = \[[^\]]*\];/,
    `export const WEIGHTS: readonly number[] = [${w.map((v) => v.toFixed(4)).join(", ")}];`,
  );
  writeFileSync(p, src);
  console.log("wrote the weights into server/src/core/calibration.ts (rebuild to use them)");
}

#!/usr/bin/env node
// Fits the calibrated match score (server/src/core/calibration.ts): a logistic model from a candidate's
// features to the probability that the text restates it. Deterministic. Run after `npm run build`:
//   node scripts/fit-calibration.mjs [--eval dev] [--apply]
// Data, all in ../shared/eval (never copied into the repository): the CheckThat! 2020 Task 2 train tweets
// against their 10,375 fact-checked claims (checkthat/train.*), and the project's own labelled sentences
// against the bundled database (dev.jsonl, dev-quotes.jsonl; a candidate is right when its quote lies in
// an expected sentence of the article). Prints the weights in FEATURES order; --apply writes them into
// calibration.ts. --eval dev reports top-1 accuracy and calibration on the CheckThat! dev tweets (never fit on).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

function fit(data, { l2 = 1e-3, iters = 300 } = {}) {
  const d = data[0].x.length;
  let w = new Array(d).fill(0);
  // Newton's method (IRLS) on the L2-regularised log loss: d is small.
  for (let it = 0; it < iters; it++) {
    const g = new Array(d).fill(0);
    const H = Array.from({ length: d }, () => new Array(d).fill(0));
    for (const r of data) {
      const p = restatementProbability(r.x, w);
      const s = p * (1 - p);
      for (let i = 0; i < d; i++) {
        g[i] += (p - r.y) * r.x[i];
        for (let j = 0; j < d; j++) H[i][j] += s * r.x[i] * r.x[j];
      }
    }
    for (let i = 1; i < d; i++) {
      g[i] += l2 * data.length * w[i];
      H[i][i] += l2 * data.length;
    }
    for (let i = 0; i < d; i++) H[i][i] += 1e-9;
    const step = solve(H, g);
    w = w.map((v, i) => v - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || M[c][c] === 0) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
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
  for (const list of groups.values())
    for (const r of list) {
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
const weighted = [...rows, ...articles, ...articles, ...articles];
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

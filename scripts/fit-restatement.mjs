#!/usr/bin/env node
// Fits the reviewed-claim decision (server/src/core/restatement-model.ts) and writes its weights to
// server/src/core/model/restatement-model.json. Deterministic: the same build and data give the same file,
// byte for byte. Run after `npm run build`:
//   node scripts/fit-restatement.mjs [--check]
// --check fits and compares with the stored file instead of writing it (exit 1 when they differ).
//
// Data, all in ../shared/eval/checkthat (never copied into the repository): the CheckThat! 2020 Task 2 train
// tweets against their 10,375 Snopes claims. Each tweet is read as `check` reads a paragraph
// (FactChecker.reviewedCandidatesOf): its candidates are those the passage decision ranks, labelled right
// when the qrels pair them with the tweet.
//
// 1. The ranking model: a conditional logit (softmax over a tweet's candidates; the right ones share the
//    mass) with a little L2 on standardised inputs, by damped Newton steps.
// 2. The acceptance model: a logistic regression of "the leader is right" on [1, leader's score, its leads
//    over the runner-up and the third, the leader's ranking inputs] (restatement-model.ts acceptInputs), fit
//    on out-of-fold scores (five folds of the train tweets by position), so that it learns how far to trust a
//    score the ranking model has not seen. The score says how the leader compares with its rivals; its inputs
//    say what it shares with the post, which the score sums away (out of fold on train: MAP@5 0.749 with the
//    score and lead alone, 0.79 with them).
// 3. The threshold: the least probability at which the out-of-fold leaders it accepts are right at least
//    PRECISION of the time. Runners-up are reported beside an accepted leader when at least ALSO likely.
//
// It prints the train tweets' cross-validated figures and the dev tweets' (held out: never fit on, never
// used to choose anything), as shares of all tweets: coverage (a finding at all), precision of the leader,
// MAP@5 of what would be reported.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "./linear-solve.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ct = join(root, "..", "shared", "eval", "checkthat");
const out = join(root, "server", "src", "core", "model", "restatement-model.json");
const { readClaimsFile } = await import(join(root, "out/server/src/node/claims-disk.js"));
const { createLexicon } = await import(join(root, "out/server/src/node/lexicon.js"));
const { createFactChecker } = await import(join(root, "out/server/src/core/checker.js"));
const { RANK_FEATURES, acceptInputs } = await import(join(root, "out/server/src/core/restatement-model.js"));
const grader = await import(join(ct, "grade.mjs"));

/** Out-of-fold precision the accepted leaders must reach on the train tweets. */
const PRECISION = 0.92;
/** A runner-up is shown beside an accepted leader when at least this likely; at most MAX_FINDINGS in all. */
const ALSO = 0.25;
const MAX_FINDINGS = 2;
const FOLDS = 5;
const L2 = 1;

const vdb = await readClaimsFile(join(ct, "checkthat-vclaims.claims.json"), { root: ct, cwd: ct });
const fc = createFactChecker({ databases: [vdb], lexicon: createLexicon() });

/** A split's tweets as groups of candidates: { xs, y } (y 1 for a gold claim). */
function groupsOf(split) {
  const tweets = grader.readQueries(join(ct, `${split}.tweets.queries.tsv`));
  const gold = grader.readQrels(join(ct, `${split}.qrels`)).gold;
  const groups = [];
  for (const t of tweets) {
    const g = gold.get(t.id);
    if (!g) continue;
    const cands = fc.reviewedCandidatesOf(t.text);
    groups.push({
      xs: cands.map((c) => c.x),
      ok: cands.map((c) => c.reportable),
      y: cands.map((c) => (g.has(grader.vclaimIdOf(c.claim.id)) ? 1 : 0)),
    });
  }
  return groups;
}

function dot(w, x) {
  let z = 0;
  for (let i = 0; i < w.length; i++) z += w[i] * x[i];
  return z;
}

/** Damped Newton on a convex loss given as (w) => value and (w) => [gradient, Hessian]. */
function newton(d, loss, derivatives, iters = 60) {
  let w = new Array(d).fill(0);
  let current = loss(w);
  for (let it = 0; it < iters; it++) {
    const [g, H] = derivatives(w);
    const step = solve(H, g);
    let t = 1;
    let next = loss(w.map((v, i) => v - step[i]));
    while (next > current && t > 1e-8) {
      t /= 2;
      next = loss(w.map((v, i) => v - t * step[i]));
    }
    w = w.map((v, i) => v - t * step[i]);
    const done = current - next < 1e-10;
    current = next;
    if (done) break;
  }
  return w;
}

/** The ranking model's weights (on the raw inputs) from groups with a right candidate and a rival. */
function fitRanking(groups) {
  const usable = groups.filter((g) => g.xs.length > 1 && g.y.includes(1));
  const all = usable.flatMap((g) => g.xs);
  const d = all[0].length;
  const mu = new Array(d).fill(0);
  const sd = new Array(d).fill(0);
  for (const x of all) for (let i = 0; i < d; i++) mu[i] += x[i] / all.length;
  for (const x of all) for (let i = 0; i < d; i++) sd[i] += (x[i] - mu[i]) ** 2 / all.length;
  for (let i = 0; i < d; i++) sd[i] = Math.sqrt(sd[i]) || 1;
  const Z = usable.map((g) => ({ xs: g.xs.map((x) => x.map((v, i) => (v - mu[i]) / sd[i])), y: g.y, right: g.y.filter(Boolean).length }));
  const softmax = (w, xs) => {
    const z = xs.map((x) => dot(w, x));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return { z, lse: m + Math.log(s), q: e.map((v) => v / s) };
  };
  const loss = (w) => {
    let L = 0.5 * L2 * dot(w, w);
    for (const g of Z) {
      const { z, lse } = softmax(w, g.xs);
      g.y.forEach((y, j) => {
        if (y) L -= (z[j] - lse) / g.right;
      });
    }
    return L;
  };
  const derivatives = (w) => {
    const grad = w.map((v) => L2 * v);
    const H = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? L2 : 0)));
    for (const g of Z) {
      const { q } = softmax(w, g.xs);
      const mean = new Array(d).fill(0);
      g.xs.forEach((x, j) => {
        for (let i = 0; i < d; i++) {
          mean[i] += q[j] * x[i];
          grad[i] += (q[j] - g.y[j] / g.right) * x[i];
        }
      });
      g.xs.forEach((x, j) => {
        for (let a = 0; a < d; a++) {
          const da = x[a] - mean[a];
          if (da === 0) continue;
          for (let b = 0; b < d; b++) H[a][b] += q[j] * da * (x[b] - mean[b]);
        }
      });
    }
    return [grad, H];
  };
  // Standardising shifts every candidate of a group alike, which a softmax ignores: unfold the scale only.
  return newton(d, loss, derivatives).map((v, i) => v / sd[i]);
}

/** Logistic regression (x[0] = 1 is the bias, not penalised). */
function fitLogistic(X, y, l2 = 1e-3) {
  const d = X[0].length;
  const loss = (w) =>
    X.reduce((s, x, n) => {
      const z = dot(w, x);
      return s + (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[n] * z;
    }, 0) +
    0.5 * l2 * dot(w.slice(1), w.slice(1));
  const derivatives = (w) => {
    const g = w.map((v, i) => (i ? l2 * v : 0));
    const H = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? (i ? l2 : 1e-9) : 0)));
    X.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-dot(w, x)));
      for (let i = 0; i < d; i++) {
        g[i] += (p - y[n]) * x[i];
        for (let j = 0; j < d; j++) H[i][j] += p * (1 - p) * x[i] * x[j];
      }
    });
    return [g, H];
  };
  return newton(d, loss, derivatives);
}

/** A group's candidates by ranking score, best first (ties by position, as the matcher breaks them by claim). */
function ranked(g, rank) {
  return g.xs.map((x, j) => ({ j, s: dot(rank, x) })).sort((a, b) => b.s - a.s || a.j - b.j);
}

// The leader's inputs as leaderChance reads them (restatement-model.ts acceptInputs: its score, its leads over
// the next two, its ranking inputs); a runner-up's as runnerUpChance does: its score and its lead over the leader.
// (Every tweet has rivals: the leads read for a missing one, the model's `leads`, are never read here.)
const leaderInput = (g, o) =>
  acceptInputs(
    o.slice(0, 3).map((q) => ({ x: g.xs[q.j], score: q.s })),
    [NaN, NaN],
  );
const runnerUpInput = (score, leader) => [1, score, score - leader];
const sigmoid = (w, v) => 1 / (1 + Math.exp(-dot(w, v)));
/** Runners-up considered beside the leader (matcher.ts reports at most MAX_FINDINGS - 1 of them). */
const RUNNERS_UP = 2;

/** What would be reported for a group: candidate positions, leader first (as matcher.ts chooseReviewed decides). */
function decide(g, m) {
  const o = ranked(g, m.rank);
  if (!o.length || !g.ok[o[0].j] || sigmoid(m.accept, leaderInput(g, o)) < m.threshold) return [];
  const list = [o[0].j];
  for (let i = 1; i < o.length && list.length < MAX_FINDINGS; i++)
    if (g.ok[o[i].j] && sigmoid(m.acceptRunnerUp, runnerUpInput(o[i].s, o[0].s)) >= ALSO) list.push(o[i].j);
  return list;
}

/** Coverage, leader precision and MAP@5 over all tweets of the split (a tweet with nothing reported scores 0). */
function figures(groups, lists) {
  let answered = 0;
  let right = 0;
  let map5 = 0;
  let findings = 0;
  groups.forEach((g, n) => {
    const l = lists[n];
    if (!l.length) return;
    answered++;
    findings += l.length;
    if (g.y[l[0]]) right++;
    const r = l.findIndex((j) => g.y[j]);
    if (r >= 0 && r < 5) map5 += 1 / (r + 1);
  });
  const r3 = (v) => Number(v.toFixed(3));
  return {
    tweets: groups.length,
    coverage: r3(answered / groups.length),
    precision: r3(answered ? right / answered : 0),
    map5: r3(map5 / groups.length),
    findingsPerAnswered: r3(answered ? findings / answered : 0),
  };
}

/** The acceptance models and threshold, from out-of-fold leader and runner-up scores. */
function fitAcceptance(leaders, runnersUp) {
  const accept = fitLogistic(
    leaders.map((l) => l.input),
    leaders.map((l) => l.y),
  );
  // The least threshold (on a 0.01 grid) whose accepted leaders are right at least PRECISION of the time.
  // Over the leaders that may be reported at all (enough shared words: matcher.ts REVIEWED_MIN_HITS).
  const p = leaders.filter((l) => l.ok).map((l) => ({ p: sigmoid(accept, l.input), y: l.y }));
  let threshold = 0.99;
  for (let t = 99; t >= 1; t--) {
    const taken = p.filter((q) => q.p >= t / 100);
    if (!taken.length) continue;
    if (taken.filter((q) => q.y).length / taken.length >= PRECISION) threshold = t / 100;
    else break;
  }
  const acceptRunnerUp = fitLogistic(
    runnersUp.map((r) => runnerUpInput(r.s, r.s0)),
    runnersUp.map((r) => r.y),
  );
  return { accept, acceptRunnerUp, threshold };
}

/** Out-of-fold leaders and runners-up: each tweet's candidates scored by a ranking model fit without its fold. */
function outOfFold(groups) {
  const leaders = [];
  const runnersUp = [];
  const folds = [];
  for (let f = 0; f < FOLDS; f++) {
    const rank = fitRanking(groups.filter((_, i) => i % FOLDS !== f));
    folds.push(rank);
    groups.forEach((g, i) => {
      if (i % FOLDS !== f || !g.xs.length) return;
      const o = ranked(g, rank);
      leaders.push({ i, input: leaderInput(g, o), y: g.y[o[0].j], ok: g.ok[o[0].j] });
      for (const q of o.slice(1, 1 + RUNNERS_UP)) runnersUp.push({ i, s: q.s, s0: o[0].s, y: g.y[q.j] });
    });
  }
  const byTweet = (a, b) => a.i - b.i;
  return { leaders: leaders.sort(byTweet), runnersUp: runnersUp.sort(byTweet), folds };
}

const r4 = (v) => Number(v.toFixed(4));
const train = groupsOf("train");
const dev = groupsOf("dev");
const rank = fitRanking(train);
const { leaders, runnersUp, folds } = outOfFold(train);
const { accept, acceptRunnerUp, threshold } = fitAcceptance(leaders, runnersUp);
const model = {
  about:
    "Reviewed-claim decision (restatement-model.ts): rank = conditional-logit weights over features; accept (the leader) = logistic [bias, score, lead over the runner-up, lead over the third, ...rank features]; acceptRunnerUp = logistic [bias, score, lead over the leader]; threshold and also are probabilities. Fit by scripts/fit-restatement.mjs on the CheckThat! 2020 train tweets.",
  features: [...RANK_FEATURES],
  rank: rank.map(r4),
  accept: accept.map(r4),
  // The mean out-of-fold leads over the runner-up and the third (acceptInputs reads them for a missing rival).
  leads: [2, 3].map((k) => r4(leaders.reduce((sum, l) => sum + l.input[k], 0) / leaders.length)),
  acceptRunnerUp: acceptRunnerUp.map(r4),
  threshold,
  also: ALSO,
  maxFindings: MAX_FINDINGS,
};
const stored = { ...model };

// Cross-validated: a fold's tweets are decided by the ranking and acceptance models fit on the other four.
const cvLists = [];
for (let f = 0; f < FOLDS; f++) {
  const a = fitAcceptance(
    leaders.filter((l) => l.i % FOLDS !== f),
    runnersUp.filter((r) => r.i % FOLDS !== f),
  );
  train.forEach((g, i) => {
    if (i % FOLDS === f) cvLists[i] = decide(g, { rank: folds[f], ...a });
  });
}
console.log("ranking weights (" + RANK_FEATURES.join(", ") + "):");
console.log("  [" + model.rank.join(", ") + "]");
console.log(
  `acceptance: leader [bias, score, lead, lead over the third, ...features] [${model.accept.join(", ")}], runner-up [bias, score, lead] [${model.acceptRunnerUp.join(", ")}]; threshold ${threshold}, also ${ALSO}, at most ${MAX_FINDINGS}`,
);
const show = (name, f) =>
  console.log(
    `${name}: ${f.tweets} tweets; coverage ${f.coverage}, leader right ${f.precision}, MAP@5 ${f.map5}, findings per answered tweet ${f.findingsPerAnswered}`,
  );
const pool = (groups, w) => {
  const inPool = groups.filter((g) => g.y.includes(1)).length;
  const first = groups.filter((g) => g.xs.length && g.y[ranked(g, w)[0].j]).length;
  return `right claim among the candidates ${(inPool / groups.length).toFixed(3)}, ranked first ${(first / groups.length).toFixed(3)}`;
};
const firstCv = train.filter((g, i) => g.xs.length && g.y[ranked(g, folds[i % FOLDS])[0].j]).length / train.length;
console.log(`ranking alone: train (in sample) ${pool(train, rank)} (cross-validated ${firstCv.toFixed(3)}); dev ${pool(dev, rank)}`);
show("train tweets, 5-fold cross-validated", figures(train, cvLists));
show(
  "train tweets, fit (in sample)",
  figures(
    train,
    train.map((g) => decide(g, stored)),
  ),
);
show(
  "dev tweets (held out)",
  figures(
    dev,
    dev.map((g) => decide(g, stored)),
  ),
);

const text = JSON.stringify(model) + "\n";
if (process.argv.includes("--check")) {
  const same = readFileSync(out, "utf8") === text;
  console.log(same ? `${out}: the same, byte for byte` : `${out}: DIFFERENT from this fit`);
  if (!same) process.exitCode = 1;
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (rebuild to use it)`);
}

#!/usr/bin/env node
// In-process evaluation of the extractor on PolNeAR articles, for the training loop: the same
// pipeline as `factcheck extract ID.txt` (drawClaims on a plain-text source), read back with the
// benchmark's adapt.mjs and scored with its score.mjs, without a process per article. The grader
// (../shared/eval/attribution/grade.mjs) stays the reference; this gives the same numbers faster.
// Needs a build (reads out/). Usage:
//   node scripts/eval-extractor.mjs [--set train-40|heldout|dev|bundled] [--explain] [--limit N]
// Slices (see scripts/extract-slices.mjs): train-40 (the grader's default), heldout (every 8th other
// article: reported, never tuned on), dev (every 8th from the 4th: for tuning); neither trained on.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root, scriptArgs, slices } from "./extract-slices.mjs";

const { args, opt, dataDir } = scriptArgs();
const set = opt("--set", "train-40");
const limit = Number(opt("--limit", "0"));
const explain = args.includes("--explain");

const { drawClaims } = await import(join(root, "out/server/src/extract-source.js"));
const { createNlp } = await import(join(root, "out/server/src/core/nlp.js"));
const { adaptClaims } = await import(join(dataDir, "adapt.mjs"));
const { score, report, lastLine } = await import(join(dataDir, "score.mjs"));

let gold;
if (set === "bundled")
  gold = [JSON.parse(readFileSync(join(dataDir, "european-led-security-guarantees.gold.jsonl"), "utf8").split("\n")[0])];
else gold = slices(dataDir)[set];
if (!gold) throw new Error(`unknown --set ${set}`);
if (limit) gold = gold.slice(0, limit);
if (set === "bundled") gold[0].text ??= readFileSync(join(root, "claims/european-led-security-guarantees.txt"), "utf8");

const nlp = createNlp();
const t0 = performance.now();
const preds = gold.map((g) => {
  const r = drawClaims({ nlp, file: `${g.id}.txt`, content: g.text, format: "plaintext" });
  return adaptClaims(r.db, r.sourceText, g.id, { warn: () => {} });
});
const ms = performance.now() - t0;
const s = score(gold, preds, { explain });
if (explain) for (const m of s.misses) console.log(m);
if (args.includes("--report")) console.log(report(s));
console.log(`${set}: ${gold.length} articles in ${(ms / 1000).toFixed(1)} s`);
console.log(lastLine(s));

// --sources: for gold attributions whose content a prediction covers but whose source disagrees,
// the gold source (or its antecedent) beside the predicted name, to see what source finding misses
if (args.includes("--sources")) {
  const { head, isPronoun } = await import(join(dataDir, "text.mjs"));
  const chars = (sp) => sp.reduce((n, c) => n + c.end - c.start, 0);
  const over = (x, y) =>
    x.reduce((n, a) => n + y.reduce((m, b) => m + Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)), 0), 0);
  gold.forEach((g, k) => {
    for (const q of g.attributions) {
      const need = chars(q.content);
      const p = preds[k].attributions.find((p) => over(p.content, q.content) * 2 >= need);
      if (!p) continue;
      const gs = q.source ? (q.pronounSource && q.source.antecedent ? q.source.antecedent.text : q.source.text) : null;
      const gh = gs && !(q.pronounSource && !q.source.antecedent) ? head(gs) : q.source ? "*" : null;
      const ph = new Set([p.source?.name, p.source?.text].filter((s) => s && !isPronoun(s)).map(head));
      if (gh === "*" ? ph.size : gh ? ph.has(gh) : !p.source) continue;
      console.log(
        `SRC gold ${JSON.stringify(q.source?.text ?? null)}${q.pronounSource ? ` (=${q.source.antecedent?.text})` : ""} | pred ${JSON.stringify(p.source?.name ?? null)} [${p.source?.text ?? ""}] | cue ${q.cue?.text}`,
      );
    }
  });
}

// --cues: gold attributions whose cue no prediction's cue touches, by the cue's words
if (args.includes("--cues")) {
  const miss = new Map();
  let n = 0,
    missed = 0;
  const touch = (a, b) => a && b && a.start < b.end && b.start < a.end;
  gold.forEach((g, k) => {
    for (const q of g.attributions) {
      if (!q.cue) continue;
      n++;
      const p = preds[k].attributions.find((p) => touch(p.cue, q.cue));
      if (p) continue;
      missed++;
      const w = q.cue.text.toLowerCase();
      miss.set(w, (miss.get(w) ?? 0) + 1);
    }
  });
  console.log(`gold cues ${n}, untouched by any predicted cue ${missed}`);
  console.log(
    [...miss]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 80)
      .map(([w, c]) => `${c} ${w}`)
      .join("\n"),
  );
}

// --contents: gold attributions whose cue a prediction touches but whose content it does not cover
if (args.includes("--contents")) {
  const touch = (a, b) => a && b && a.start < b.end && b.start < a.end;
  const chars = (sp) => sp.reduce((n, c) => n + c.end - c.start, 0);
  const over = (x, y) =>
    x.reduce((n, a) => n + y.reduce((m, b) => m + Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)), 0), 0);
  let n = 0;
  gold.forEach((g, k) => {
    for (const q of g.attributions) {
      const p = preds[k].attributions.find((p) => touch(p.cue, q.cue));
      if (!p || over(p.content, q.content) * 2 >= chars(q.content)) continue;
      n++;
      console.log(
        `CONTENT cue ${JSON.stringify(q.cue.text)} [${p.cue.text}]\n  gold ${JSON.stringify(
          q.content
            .map((c) => c.text)
            .join(" … ")
            .slice(0, 160),
        )}\n  pred ${JSON.stringify(
          p.content
            .map((c) => c.text)
            .join(" … ")
            .slice(0, 160),
        )}`,
      );
    }
  });
  console.log(`contents missed with the cue found: ${n}`);
}

// --spurious: predictions that match no gold attribution, split by whether their cue touches a gold cue
if (args.includes("--spurious")) {
  const touch = (a, b) => a && b && a.start < b.end && b.start < a.end;
  let real = 0,
    noCue = 0;
  const words = new Map();
  gold.forEach((g, k) => {
    for (const p of preds[k].attributions) {
      if (!p.cue) {
        noCue++;
        continue;
      }
      if (g.attributions.some((q) => touch(p.cue, q.cue))) real++;
      else {
        const w = p.cue.text.toLowerCase();
        words.set(w, (words.get(w) ?? 0) + 1);
      }
    }
  });
  const spurious = [...words.values()].reduce((x, y) => x + y, 0);
  console.log(
    `predictions ${preds.reduce((n, p) => n + p.attributions.length, 0)}: cue touches a gold cue ${real}, touches none ${spurious}, no cue ${noCue}`,
  );
  console.log(
    [...words]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 60)
      .map(([w, c]) => `${c} ${w}`)
      .join(" | "),
  );
}

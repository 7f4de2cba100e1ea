// Fact Check's speed benchmark. Run with `npm run bench` (or, after `npx tsc -b`,
// `node out/server/bench/run.js`). Writes out/bench/results.json and prints a table.
//
// Speed is reported as ratios against baselines measured in the same run, never as absolute
// thresholds: absolute times depend on the machine, ratios mostly do not. One file per experiment
// in experiments/, run in this order (later ones reuse what earlier ones measured or built):
//   1. draft-scaling: a ~1 MB Markdown draft, against segmenting and tokenizing it.
//   2. claims-scaling: 100,000 synthetic claims versus the bundled ones, on the same ~2,000 sentences.
//   2b. claims-loading: parsing a claims file that large, against JSON.parse.
//   2c. feeds-loading: a 10,375-claim database and a 300,000-review ClaimReview feed, each loaded in its own process.
//   3. fuse-alternative: fuse.js over the claims for each whole sentence, the rejected design.
//   4. claim-search: the command palette's search for a typo'd query, 21 versus 100,021 claims.
//   5. extract: `factcheck extract` on a generated 10,000-word article, against segmenting it alone.
//
// Environment: BENCH_QUICK=1 shrinks every size (a smoke run, well under a minute);
// BENCH_DRAFT_BYTES, BENCH_CLAIMS, BENCH_SENTENCES override single sizes.
import { existsSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createNlp } from "../src/core/nlp.js";
import { benchLog, createContext, sizesFromEnv } from "./context.js";
import { claimSearch } from "./experiments/claim-search.js";
import { claimsLoading } from "./experiments/claims-loading.js";
import { claimsScaling } from "./experiments/claims-scaling.js";
import { feedsLoading } from "./experiments/feeds-loading.js";
import { draftScaling } from "./experiments/draft-scaling.js";
import { extractSpeed } from "./experiments/extract.js";
import { fuseAlternative } from "./experiments/fuse-alternative.js";
import { findingsReport } from "./findings-hash.js";
import { goals, goalsTable } from "./goals.js";
import { printReport, Report, round, writeJson } from "./report.js";
import { cpuNow, gcAvailable, now, time } from "./timing.js";
import { limitHeapGrowth } from "../src/node/heap-growth.js";

// As the language server and the CLI run: V8's heap growth limited (node/heap-growth.ts).
limitHeapGrowth();

const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
})();
const RESULTS = join(ROOT, "out", "bench", "results.json");

async function main(): Promise<void> {
  const T0 = now();
  const log = benchLog(T0);
  const sizes = sizesFromEnv();
  const meta: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    quick: sizes.quick,
    forcedGcBetweenMeasurements: gcAvailable(),
    segmentCacheCleared: true, // every cold run uses a new engine or segmenter, whose caches start empty
    loadAverageAtStart: loadavg().map(round),
  };

  // Start-up: the wink model loads once per process; everything below runs after it.
  const nlp = createNlp();
  // Every instance the measurements read: the full pipeline (annotate) and those of segmentation and analysis.
  const modelLoad = time(() => {
    nlp.annotate("The model loads on first use.");
    nlp.load();
  });
  meta.winkModelLoadMs = round(modelLoad.ms);
  const ctx = await createContext(sizes, meta, log, nlp);
  log(`wink model ${modelLoad.ms.toFixed(0)} ms; ${ctx.articleBases.length} article sentences/claim texts to vary`);

  const report = new Report();
  const draft = draftScaling(ctx);
  report.add(draft.section);
  const claims = claimsScaling(ctx);
  report.add(claims.section);
  report.add(claimsLoading(ctx));
  report.add(feedsLoading(ctx));
  report.add(fuseAlternative(ctx, draft, claims));
  report.add(claimSearch(ctx, claims));
  report.add(extractSpeed(ctx));

  // Issue 12's table, each goal beside a baseline of this run (goals.ts), then the proof that the
  // findings are the ones recorded before the speed work (findings-hash.ts).
  const goalRows = await goals(log, sizes.claims);
  const sameFindings = await findingsReport();

  const totalMs = now() - T0;
  meta.totalSeconds = round(totalMs / 1000);
  meta.loadAverageAtEnd = loadavg().map(round);
  meta.totalCpuSeconds = round(cpuNow() / 1000);
  const busy = Math.max(...(meta.loadAverageAtStart as number[]), ...loadavg()) > cpus().length;
  const header = [
    "Fact Check speed benchmark",
    `  ${meta.cpu}, ${meta.memoryGB} GB, node ${process.version}${sizes.quick ? "  [BENCH_QUICK: reduced sizes]" : ""}`,
    `  load average at start ${(meta.loadAverageAtStart as number[]).join(" ")}, at end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}` + (busy ? " (above the core count: other processes shared the CPU; trust the cpu ratios more)" : ""),
    `  wink model load (once per process, excluded below): ${modelLoad.ms.toFixed(0)} ms`,
    "How to read this: each time is a median of the repetitions (or a mean over the sentences) in column n; 'ratio' divides",
    "  the wall time by that of the baseline named in 'of', measured in this same run; 'cpu ratio' does the same with this",
    "  process's CPU time, which other programs' load disturbs far less. Compare ratios across machines and commits, not",
    "  absolute times. Lower is better; 1.00× is the baseline row itself.",
  ];
  const footer = [`total bench time ${(totalMs / 1000).toFixed(1)} s wall, ${meta.totalCpuSeconds} s CPU; results written to ${RESULTS}`];
  console.log(printReport(report, header, []));
  console.log("\nIssue 12's goals (goals.ts; times are single runs or medians on this machine, ratios ÷ a baseline of this run):");
  console.log(goalsTable(goalRows));
  console.log(`\nSame findings as before the speed work (findings-hash.ts):\n${sameFindings.text}`);
  console.log(footer.join("\n"));
  writeJson(RESULTS, { meta, sections: report.sections, goals: goalRows, findings: sameFindings.cases });
  if (!sameFindings.same) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

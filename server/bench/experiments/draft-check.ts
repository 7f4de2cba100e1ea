// The 1 MB bench draft checked against the bundled database in-process, as goals.ts' `bundled` child does,
// with CPU time beside wall time and segmentation timed alone first (a fresh engine for each):
//
//   node out/server/bench/experiments/draft-check.js [--write DIR] [--repeat N] [--no-seg | --seg-only]
//
// For profiles (`node --cpu-prof out/server/bench/experiments/draft-check.js`) and before/after pairs.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFactChecker } from "../../src/core/checker.js";
import { createNlp } from "../../src/core/nlp.js";
import { Segmenter } from "../../src/core/segment/segmenter.js";
import { readBundledClaims } from "../../src/node/claims-disk.js";
import { limitHeapGrowth } from "../../src/node/heap-growth.js";
import { createLexicon } from "../../src/node/lexicon.js";
import { generateDraft } from "../draft-gen.js";

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

async function main(): Promise<void> {
  limitHeapGrowth(); // as the language server and the CLI run (node/heap-growth.ts)
  const bundled = await readBundledClaims();
  const draft = generateDraft({ bytes: 1_000_000, seed: 1, articleSentences: bundled.claims.map((c) => c.text), articleShare: 0.12 });
  const w = process.argv.indexOf("--write");
  if (w > 0) writeFileSync(join(process.argv[w + 1], "big.md"), draft);
  const r = process.argv.indexOf("--repeat");
  const repeat = r > 0 ? Number(process.argv[r + 1]) : 1;
  const skipSeg = process.argv.includes("--no-seg");
  // --seg-only: segmentation alone, `repeat` times, each with a fresh Segmenter (its caches cold, the process warm).
  const segOnly = process.argv.includes("--seg-only");
  const nlp = createNlp();
  nlp.load();
  for (let k = 0; k < repeat; k++) {
    if (!skipSeg) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const n = new Segmenter(nlp).segmentDraft(draft, "markdown").length;
      console.log(
        `segmentation: ${(performance.now() - t0).toFixed(0)} ms wall, ${cpuMs(process.cpuUsage(c0)).toFixed(0)} ms CPU, ${n} sentences`,
      );
    }
    if (segOnly) continue;
    const t1 = performance.now();
    const checker = createFactChecker({ databases: [bundled], lexicon: createLexicon(), nlp });
    const c2 = process.cpuUsage();
    const t2 = performance.now();
    const findings = checker.checkText(draft, "markdown").findings.length;
    console.log(
      `engine: ${(t2 - t1).toFixed(0)} ms wall; check: ${(performance.now() - t2).toFixed(0)} ms wall, ${cpuMs(process.cpuUsage(c2)).toFixed(0)} ms CPU, ${findings} findings`,
    );
  }
}

void main();

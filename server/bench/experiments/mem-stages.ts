// Where the large-cached job's memory goes: goals.ts's `--child large-cached DIR` step by step, with
// process.memoryUsage() after each stage (and after a full GC when node runs with --expose-gc, so the live heap
// shows beside what V8 has grown to). SNAP=stage1,stage2 writes a heap snapshot after those stages.
//   node --expose-gc out/server/bench/experiments/mem-stages.js DIR
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeHeapSnapshot } from "node:v8";
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { createFactChecker } from "../../src/core/checker.js";
import { parseClaimsDatabase } from "../../src/core/claims/loader.js";
import type { IndexPart } from "../../src/core/index-part.js";
import { createNlp } from "../../src/core/nlp.js";
import { readBundledClaims } from "../../src/node/claims-disk.js";
import { diskIndexCache, IndexParts, textDigest } from "../../src/node/index-cache.js";
import { createLexicon } from "../../src/node/lexicon.js";
import { limitHeapGrowth } from "../../src/node/heap-growth.js";
import { SEARCH_QUERIES } from "../search-queries.js";

// As the language server and the CLI run: V8's heap growth limited (node/heap-growth.ts).
limitHeapGrowth();

const dir = process.argv[2];
const snaps = new Set((process.env.SNAP ?? "").split(",").filter(Boolean));
const gc = (globalThis as { gc?: () => void }).gc;
const MB = (n: number) => (n / 2 ** 20).toFixed(0);
function stage(name: string): void {
  const m = process.memoryUsage();
  let line = `${name.padEnd(14)} rss ${MB(m.rss)} heap ${MB(m.heapUsed)}/${MB(m.heapTotal)} ext ${MB(m.external)} ab ${MB(m.arrayBuffers)} peak ${MB(process.resourceUsage().maxRSS * 1024)}`;
  const at = process.env.GC_AT?.split(",");
  if (gc && process.env.GC !== "0" && (!at || at.includes(name))) {
    gc();
    const g = process.memoryUsage();
    line += ` | gc: heap ${MB(g.heapUsed)} rss ${MB(g.rss)}`;
  }
  process.stderr.write(`${line}\n`);
  if (snaps.has(name)) writeHeapSnapshot(`/tmp/mem8-${name}.heapsnapshot`);
}
stage("start");
const draft = readFileSync(join(dir, "big.md"), "utf8");
const nlp = createNlp();
const bundled = await readBundledClaims();
stage("bundled");
const loadSession = process.env.PROF_LOAD ? new Session() : undefined;
if (loadSession) {
  loadSession.connect();
  await loadSession.post("HeapProfiler.startSampling", {
    samplingInterval: 32768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  } as never);
}
const file = join(dir, "synthetic.claims.json");
let text: string | undefined = readFileSync(file, "utf8");
const sourceText = readFileSync(join(dir, "synthetic.txt"), "utf8");
const db = parseClaimsDatabase(text, file, { sourceText, sourcePath: join(dir, "synthetic.txt") });
stage("parsed");
const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`) };
const digest = await textDigest(text);
text = undefined;
const read = await new IndexParts(diskIndexCache(quiet), nlp, quiet).read([
  { claims: [] },
  { claims: db.claims, file, root: dir, textDigest: digest },
]);
const indexParts: (IndexPart | undefined)[] = read.parts;
if (!indexParts[1]) throw new Error("no index cache");
stage("cache-read");
const checker = createFactChecker({ databases: [bundled, db], lexicon: createLexicon(), nlp, indexParts });
if (loadSession) {
  const { profile } = (await loadSession.post("HeapProfiler.stopSampling")) as { profile: unknown };
  writeFileSync("/tmp/mem8-load.heapprofile", JSON.stringify(profile));
}
stage("indexed");
const session = process.env.PROF ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 32768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: process.env.PROF === "all",
  } as never);
}
// SEG=1: the draft segmented first, on its own (the check then reads the segmenter's caches): what segmenting leaves.
if (process.env.SEG) {
  checker.segmenter.segmentDraft(draft, "markdown");
  stage("segmented");
}
const cpu0 = process.cpuUsage();
const findings = checker.checkText(draft, "markdown").findings.length;
const cpu = process.cpuUsage(cpu0);
if (session) {
  const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: unknown };
  writeFileSync(`/tmp/mem8-check-${process.env.PROF}.heapprofile`, JSON.stringify(profile));
}
stage("checked");
for (const q of SEARCH_QUERIES.slice(0, 4)) checker.search.search(q);
stage("searched");
process.stderr.write(`findings ${findings} checkCpuMs ${((cpu.user + cpu.system) / 1000).toFixed(0)}\n`);

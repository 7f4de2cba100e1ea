// Fact Check's speed benchmark. Run with `npm run bench` (or, after `npx tsc -b`,
// `node out/server/bench/run.js`). Writes out/bench/results.json and prints a table.
//
// Speed is reported as ratios against baselines measured in the same run, never as absolute
// thresholds: absolute times depend on the machine, ratios mostly do not.
//   1. Draft scaling: a ~1 MB Markdown draft. Baseline: segmenting it and tokenizing each
//      sentence with the shared wink tokenizer (the floor any checker pays). Measured: cold
//      check, warm re-check, re-check after a one-sentence edit.
//   2. Claims scaling: 100,000 synthetic claims versus the 20 bundled ones, on the same ~2,000
//      sentences (cold sentence cache). Also index build and claims-file loading.
//   3. The naive alternative: fuse.js over the claims for each whole sentence.
//   4. Claim search (command palette) latency for a typo'd query, 20 versus 100,000 claims.
//
// Environment: BENCH_QUICK=1 shrinks every size (a smoke run, well under a minute);
// BENCH_DRAFT_BYTES, BENCH_CLAIMS, BENCH_SENTENCES override single sizes.
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { createFactChecker, type FactChecker } from "../src/core/checker.js";
import { ClaimSearch } from "../src/core/claim-search.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { CLAIMS_DIR } from "../src/node/install-paths.js";
import { annotate, sentenceSpans } from "../src/core/nlp.js";
import * as segment from "../src/core/segment.js";
import { segmentDraft } from "../src/core/segment.js";
import type { Claim, ClaimsDatabase, Verdict } from "../src/core/types.js";
import { createLexicon } from "../src/node/lexicon.js";
import { feedDatabase, feedJson, generateClaims, restateClaim } from "./claims-gen.js";
import { distinctSentences, fillerSentence, generateDraft, varyArticleSentence } from "./draft-gen.js";
import { addBaseline, addRow, printReport, Report, writeJson } from "./report.js";
import { collectGarbage, cpuNow, gcAvailable, mean, median, now, percentile, repeat, Rng, time } from "./timing.js";

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

const QUICK = process.env.BENCH_QUICK === "1";
const envInt = (name: string, dflt: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
};
const DRAFT_BYTES = envInt("BENCH_DRAFT_BYTES", QUICK ? 60_000 : 1_000_000);
const N_CLAIMS = envInt("BENCH_CLAIMS", QUICK ? 3_000 : 100_000);
const N_SENTENCES = envInt("BENCH_SENTENCES", QUICK ? 300 : 2_000);
const FUSE_SAMPLE = Math.min(200, N_SENTENCES);
const FUSE_LARGE = Math.min(10_000, N_CLAIMS);
/** Wall-time budgets (ms) for the repeated measurements and the slow fuse.js sample. */
const BUDGET = QUICK ? 2_000 : 12_000;
const FUSE_LARGE_BUDGET = QUICK ? 1_000 : 8_000;
/** Wall time allowed for the alternating baseline / cold-check repetitions of section 1. */
const PAIR_BUDGET = QUICK ? 4_000 : 20_000;
/** Above this projected CPU time the 100k claims file is not parsed; the 10k one stands in. */
const PARSE_LIMIT_MS = QUICK ? 5_000 : 12_000;

// segment.ts's caches are module state; clearing them makes a "cold" run cold. Looked up
// dynamically so the bench still builds if that helper is renamed.
const clearSegmentCache = (segment as unknown as Record<string, unknown>).clearSegmentCache as (() => void) | undefined;
const coldSegments = () => clearSegmentCache?.();

/** Claims in the bundled database (20 when this was written); the small side of every comparison. */
let N20 = 20;

const log = (msg: string) => process.stderr.write(`[bench ${((now() - T0) / 1000).toFixed(1)}s] ${msg}\n`);
const T0 = now();

async function main(): Promise<void> {
  const report = new Report();
  const meta: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    quick: QUICK,
    forcedGcBetweenMeasurements: gcAvailable(),
    segmentCacheCleared: clearSegmentCache !== undefined,
    loadAverageAtStart: loadavg().map(round),
  };

  // --- Start-up: the wink model loads once per process; everything below runs after it.
  const modelLoad = time(() => annotate("The model loads on first use."));
  meta.winkModelLoadMs = round(modelLoad.ms);
  const bundled = await readBundledClaims();
  N20 = bundled.claims.length;
  const articleBases = articleSentences().concat(bundled.claims.map((c) => c.text));
  log(`wink model ${modelLoad.ms.toFixed(0)} ms; ${articleBases.length} article sentences/claim texts to vary`);

  // ------------------------------------------------------------------------------------------
  // 1. Draft scaling
  const s1 = report.section(
    "draft",
    `1. Draft scaling: ~${(DRAFT_BYTES / 1e6).toFixed(2)} MB Markdown draft, bundled database (${bundled.claims.length} claims)`,
    "segmentDraft + wink tokenization (annotate) of every sentence, cold caches",
  );
  const draft = generateDraft({ bytes: DRAFT_BYTES, seed: 1, articleSentences: articleBases, articleShare: 0.12 });
  const draftBytes = Buffer.byteLength(draft);
  const draftMB = draftBytes / 1e6;
  meta.draftBytes = draftBytes;

  // Warm the JIT on a small draft of other text, so the first measurement is not also a warm-up.
  {
    const small = generateDraft({ bytes: 40_000, seed: 99, articleSentences: articleBases, articleShare: 0.12 });
    for (const s of segmentDraft(small, "markdown")) annotate(s.text);
    createFactChecker({ databases: [bundled], lexicon: createLexicon() }).checkText(small, "markdown");
  }

  // Baseline and cold check, interleaved (baseline, cold, baseline, cold …) so that a change in
  // the machine's load hits both alike.
  const segCold: Measured[] = [];
  const tokenize: Measured[] = [];
  const baseSamples: Measured[] = [];
  const coldSamples: Measured[] = [];
  let sentences = segmentDraft(draft, "markdown");
  let tokens = 0;
  let checker!: FactChecker;
  let coldResult!: ReturnType<FactChecker["checkText"]>;
  const pairsStarted = now();
  for (let rep = 0; rep < 3; rep++) {
    if (rep > 0 && now() - pairsStarted + (now() - pairsStarted) / rep > PAIR_BUDGET) break;
    coldSegments();
    collectGarbage();
    const b = measure(() => {
      const seg = measure(() => (sentences = segmentDraft(draft, "markdown")));
      const tok = measure(() => {
        tokens = 0;
        for (const s of sentences) tokens += annotate(s.text).tokens.length;
      });
      segCold.push(seg);
      tokenize.push(tok);
    });
    baseSamples.push(b);
    // Cold: fresh checker, fresh lexicon (WordNet caches per instance), cleared segment caches.
    coldSegments();
    checker = createFactChecker({ databases: [bundled], lexicon: createLexicon() });
    collectGarbage();
    coldSamples.push(measure(() => (coldResult = checker.checkText(draft, "markdown"))));
    log(`draft rep ${rep + 1}: baseline ${b.ms.toFixed(0)} ms, cold check ${coldSamples[rep].ms.toFixed(0)} ms (cpu ${b.cpuMs.toFixed(0)} / ${coldSamples[rep].cpuMs.toFixed(0)} ms)`);
  }
  const base = medianOf(baseSamples);
  const cold = medianOf(coldSamples);
  const nSent = sentences.length;
  const sentPerMB = nSent / draftMB;
  const baseRow = addBaseline(s1, {
    name: "baseline: segment + tokenize",
    ...vals(base),
    unit: "ms",
    n: reps(baseSamples.length),
    detail: `${nSent.toLocaleString("en-US")} sentences, ${tokens.toLocaleString("en-US")} tokens, ${draftBytes.toLocaleString("en-US")} bytes`,
  });
  addRow(s1, { name: "  of which segmentDraft (cold)", ...vals(medianOf(segCold)), unit: "ms", n: reps(segCold.length) }, baseRow);
  addRow(s1, { name: "  of which tokenizing sentences", ...vals(medianOf(tokenize)), unit: "ms", n: reps(tokenize.length) }, baseRow);
  const coldPerSentence = cold.ms / nSent;
  addRow(s1, {
    name: "cold checkText (fresh FactChecker)",
    ...vals(cold),
    unit: "ms",
    n: reps(coldSamples.length),
    detail: `${coldResult.findings.length} findings (${verdictCounts(coldResult.findings)}); ${coldResult.stats.cached} of ${coldResult.stats.sentences} sentences were repeats`,
  }, baseRow);

  const warm = repeat(() => checker.checkText(draft, "markdown"), { maxReps: 5, budgetMs: BUDGET });
  addRow(s1, {
    name: "warm re-check (same text)",
    ...vals(warm),
    unit: "ms",
    n: reps(warm.samples.length),
    detail: `${warm.last.stats.cached} of ${warm.last.stats.sentences} sentences from cache`,
  }, baseRow);
  // Sentences on lines after <!-- factcheck-ignore-next-line --> are neither matched nor cached.
  const skipped = warm.last.stats.sentences - warm.last.stats.cached;

  // One-sentence edits in the middle of the draft, a different sentence each repetition.
  const edits = middleEdits(draft, sentences, 5);
  const edit = repeat((rep) => checker.checkText(edits[rep].text, "markdown"), { maxReps: edits.length, budgetMs: BUDGET });
  const editExpected = warm.ms + coldPerSentence;
  addRow(s1, {
    name: "re-check after a one-sentence edit",
    ...vals(edit),
    unit: "ms",
    n: reps(edit.samples.length),
    detail: `${edit.last.stats.sentences - edit.last.stats.cached - skipped} sentence(s) re-matched; warm + one cold sentence ≈ ${fmtMs(editExpected)} (this is ${(edit.ms / editExpected).toFixed(2)}× that)`,
  }, baseRow);
  const segMemo = repeat(() => segmentDraft(draft, "markdown"), { maxReps: 5, budgetMs: BUDGET / 4 });
  addRow(s1, { name: "  for reference: segmentDraft, same text again", ...vals(segMemo), unit: "ms", n: reps(segMemo.samples.length), detail: "segment.ts remembers the last text" }, baseRow);
  const segWarm = repeat((rep) => segmentDraft(edits[rep % edits.length].text, "markdown"), { maxReps: edits.length, budgetMs: BUDGET / 4 });
  addRow(s1, { name: "  for reference: segmentDraft, edited text", ...vals(segWarm), unit: "ms", n: reps(segWarm.samples.length), detail: "every block already in segment.ts's caches" }, baseRow);
  addRow(
    s1,
    { name: "cold cost per sentence", value: cold.ms / nSent, cpu: cold.cpuMs / nSent, unit: "ms/sentence", n: `${nSent} sentences`, detail: `floor: ${fmtMs(base.ms / nSent)} per sentence` },
    { name: "baseline per sentence", value: base.ms / nSent, cpu: base.cpuMs / nSent, unit: "ms/sentence" },
  );
  addRow(
    s1,
    { name: "cold cost per MB", value: cold.ms / draftMB, cpu: cold.cpuMs / draftMB, unit: "ms/MB", detail: `${Math.round(sentPerMB).toLocaleString("en-US")} sentences per MB` },
    { name: "baseline per MB", value: base.ms / draftMB, cpu: base.cpuMs / draftMB, unit: "ms/MB" },
  );
  s1.notes.push(
    "cold = new FactChecker and WordNet instance, segment caches cleared; only the wink model (loaded once per process) is warm. Baseline and cold runs alternate.",
    "warm and edit re-checks reuse the cold run's checker, as the language server does between keystrokes.",
  );

  // ------------------------------------------------------------------------------------------
  // 2. Claims scaling
  collectGarbage();
  const gen = time(() => generateClaims(N_CLAIMS, 7));
  const feed = gen.value;
  log(`generated ${feed.claims.length} claims in ${gen.ms.toFixed(0)} ms`);
  const s2 = report.section(
    "claims",
    `2. Claims scaling: bundled ${bundled.claims.length} claims vs bundled + ${N_CLAIMS.toLocaleString("en-US")} synthetic claims`,
    `the same measurement with the ${N20} bundled claims (or JSON.parse of the same file, for loading)`,
  );
  const probeRng = new Rng(11);
  const probe = distinctSentences(N_SENTENCES, () => {
    const r = probeRng.int(3);
    return r === 0 ? varyArticleSentence(probeRng.pick(articleBases), probeRng) : r === 1 ? restateClaim(feed, probeRng) : fillerSentence(probeRng);
  });
  const probeSet = new Set(probe);
  const warmRng = new Rng(12);
  const warmup = distinctSentences(60, () => fillerSentence(warmRng) + " " + restateClaim(feed, warmRng)).filter((s) => !probeSet.has(s));

  let lex = createLexicon();
  const build20 = repeat(() => createFactChecker({ databases: [bundled], lexicon: lex }), { maxReps: 7, budgetMs: 2_000, setup: () => (lex = createLexicon()) });
  const build20Row = addBaseline(s2, { name: `index build, ${N20} claims`, ...vals(build20), unit: "ms", n: reps(build20.samples.length), detail: "FactChecker constructor" });
  const bigDbs: ClaimsDatabase[] = [bundled, feedDatabase(feed)];
  const nBig = bundled.claims.length + feed.claims.length;
  const buildBig = time(() => createFactChecker({ databases: bigDbs, lexicon: createLexicon() }));
  log(`index build ${nBig} claims ${buildBig.ms.toFixed(0)} ms (cpu ${buildBig.cpuMs.toFixed(0)} ms)`);
  addRow(s2, {
    name: `index build, ${nBig.toLocaleString("en-US")} claims`,
    ...vals(buildBig),
    unit: "ms",
    n: "1 rep",
    detail: `${((buildBig.ms * 1000) / nBig).toFixed(0)} µs per claim (${N20} claims: ${((build20.ms * 1000) / bundled.claims.length).toFixed(0)} µs per claim)`,
  }, build20Row);

  // Per-sentence matching with a cold sentence cache: for each sentence, the tokenizer floor,
  // the 20-claim checker and the large one run back to back, so load changes hit all three.
  const checker20 = build20.last;
  let checkerBig: FactChecker | undefined = buildBig.value;
  buildBig.value = undefined as unknown as FactChecker;
  for (const s of warmup) {
    checker20.checkSentence(s);
    checkerBig!.checkSentence(s);
  }
  let matches20 = 0;
  let bigMatches = 0;
  const [floorT, t20, tBig] = interleaved(probe, [
    (s) => annotate(s),
    (s) => (matches20 += checker20.checkSentence(s).matches.length),
    (s) => (bigMatches += checkerBig!.checkSentence(s).matches.length),
  ]);
  // Kept for the claim-search section (its narrowing goes through this index).
  const searchBig = checkerBig!;
  checkerBig = undefined;
  log(`per sentence: floor ${mean(floorT.wall).toFixed(3)} ms, 20 claims ${mean(t20.wall).toFixed(3)} ms, ${nBig} claims ${mean(tBig.wall).toFixed(3)} ms`);
  const perRow20 = addBaseline(s2, {
    name: `checkSentence, ${N20} claims`,
    value: mean(t20.wall),
    cpu: mean(t20.cpu),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `p50 ${fmtMs(median(t20.wall))}, p95 ${fmtMs(percentile(t20.wall, 95))}; ${matches20} matches`,
  });
  addRow(s2, {
    name: `checkSentence, ${nBig.toLocaleString("en-US")} claims`,
    value: mean(tBig.wall),
    cpu: mean(tBig.cpu),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `p50 ${fmtMs(median(tBig.wall))}, p95 ${fmtMs(percentile(tBig.wall, 95))}, max ${fmtMs(Math.max(...tBig.wall))}; ${bigMatches} matches`,
  }, perRow20);
  addRow(s2, {
    name: "  for reference: tokenize only (annotate)",
    value: mean(floorT.wall),
    cpu: mean(floorT.cpu),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `cpu: ${N20} claims = ${(mean(t20.cpu) / mean(floorT.cpu)).toFixed(2)}× this, ${nBig.toLocaleString("en-US")} claims = ${(mean(tBig.cpu) / mean(floorT.cpu)).toFixed(2)}× this`,
  }, perRow20);
  s2.notes.push(
    `probe: ${probe.length} distinct sentences, a third each article variations, restatements of synthetic claims, unrelated filler; each checker first saw the same ${warmup.length} warm-up sentences.`,
    `synthetic vocabulary: ${vocabularyStats(feed.claims)}.`,
  );

  // Loading a claims file of that size: parseClaimsDatabase versus JSON.parse of the same text.
  {
    const small = { ...feed, claims: feed.claims.slice(0, Math.min(10_000, feed.claims.length)) };
    const smallJson = feedJson(small);
    const opts = { sourceText: feed.sourceText, sourcePath: "bench/synthetic.txt" };
    const jp = repeat(() => JSON.parse(smallJson), { maxReps: 3, budgetMs: 2_000 });
    const pSmall = time(() => parseClaimsDatabase(smallJson, "bench/synthetic.claims.json", opts));
    const jpRow = addBaseline(s2, {
      name: `JSON.parse, ${small.claims.length.toLocaleString("en-US")}-claim file`,
      ...vals(jp),
      unit: "ms",
      n: reps(jp.samples.length),
      detail: `${(smallJson.length / 1e6).toFixed(1)} MB of JSON: the floor for loading it`,
    });
    addRow(s2, {
      name: `parseClaimsDatabase, ${small.claims.length.toLocaleString("en-US")} claims`,
      ...vals(pSmall),
      unit: "ms",
      n: "1 rep",
      detail: `quotes checked against a ${(feed.sourceText.length / 1e6).toFixed(1)} MB source text`,
    }, jpRow);
    log(`parseClaimsDatabase ${small.claims.length}: ${pSmall.ms.toFixed(0)} ms (cpu ${pSmall.cpuMs.toFixed(0)} ms)`);
    if (feed.claims.length > small.claims.length) {
      const projected = (pSmall.cpuMs * feed.claims.length) / small.claims.length;
      if (projected <= PARSE_LIMIT_MS) {
        let bigJson: string | undefined = feedJson(feed);
        const jpBig = time(() => JSON.parse(bigJson!));
        const pBig = time(() => parseClaimsDatabase(bigJson!, "bench/synthetic.claims.json", opts));
        const mb = bigJson.length / 1e6;
        bigJson = undefined;
        const jpBigRow = addBaseline(s2, { name: `JSON.parse, ${feed.claims.length.toLocaleString("en-US")}-claim file`, ...vals(jpBig), unit: "ms", n: "1 rep", detail: `${mb.toFixed(1)} MB of JSON` });
        addRow(s2, {
          name: `parseClaimsDatabase, ${feed.claims.length.toLocaleString("en-US")} claims`,
          ...vals(pBig),
          unit: "ms",
          n: "1 rep",
          detail: `${(pBig.ms / pSmall.ms).toFixed(1)}× the ${small.claims.length.toLocaleString("en-US")}-claim parse`,
        }, jpBigRow);
        log(`parseClaimsDatabase ${feed.claims.length}: ${pBig.ms.toFixed(0)} ms`);
      } else {
        s2.notes.push(
          `parseClaimsDatabase on all ${feed.claims.length.toLocaleString("en-US")} claims not run (it would take ~${(projected / 1000).toFixed(0)} s of CPU by linear projection, over this bench's ${PARSE_LIMIT_MS / 1000} s allowance); the ${small.claims.length.toLocaleString("en-US")}-claim file stands in.`,
        );
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // 3. The naive alternative: fuse.js over whole sentences
  const s3 = report.section(
    "fuse",
    "3. The rejected alternative: fuse.js over the claims' texts for each whole sentence",
    "fuse.js's cost at the same (or a smaller) number of claims",
  );
  const fuseOptions = { keys: ["text"], includeScore: true, ignoreLocation: true, threshold: 0.4 };
  const sampleIdx = Array.from({ length: FUSE_SAMPLE }, (_, i) => Math.floor((i * probe.length) / FUSE_SAMPLE));
  const sample = sampleIdx.map((i) => probe[i]);
  {
    // 20 claims: fuse.js and a fresh 20-claim checker, sentence by sentence.
    const fuse20 = new Fuse<Claim>([...bundled.claims], fuseOptions);
    const ours = createFactChecker({ databases: [bundled], lexicon: createLexicon() });
    for (const s of warmup) {
      fuse20.search(s);
      ours.checkSentence(s);
    }
    let hits = 0;
    const [f20, o20] = interleaved(sample, [(s) => (hits += fuse20.search(s).length), (s) => ours.checkSentence(s)]);
    const f20Row = addBaseline(s3, {
      name: `fuse.js, ${N20} claims`,
      value: mean(f20.wall),
      cpu: mean(f20.cpu),
      unit: "ms/sentence",
      n: `${sample.length} sentences`,
      detail: `${hits} hits (no verdicts: similarity only)`,
    });
    addRow(s3, { name: `our matcher, ${N20} claims`, value: mean(o20.wall), cpu: mean(o20.cpu), unit: "ms/sentence", n: `${sample.length} sentences`, detail: "same sentences, alternating with fuse.js" }, f20Row);

    const fuseBig = time(() => new Fuse<Claim>(feed.claims.slice(0, FUSE_LARGE), fuseOptions));
    const fBig = { wall: [] as number[], cpu: [] as number[] };
    let bigHits = 0;
    const started = now();
    for (const s of sample) {
      if (fBig.wall.length >= 2 && now() - started > FUSE_LARGE_BUDGET) break;
      const m = measure(() => (bigHits += fuseBig.value.search(s).length));
      fBig.wall.push(m.ms);
      fBig.cpu.push(m.cpuMs);
    }
    log(`fuse ${FUSE_LARGE} claims: ${mean(fBig.wall).toFixed(0)} ms/sentence over ${fBig.wall.length}`);
    const fBigRow = addRow(s3, {
      name: `fuse.js, ${FUSE_LARGE.toLocaleString("en-US")} claims`,
      value: mean(fBig.wall),
      cpu: mean(fBig.cpu),
      unit: "ms/sentence",
      n: `${fBig.wall.length} sentences`,
      detail: `time-boxed sample; ${bigHits} hits; index build ${fmtMs(fuseBig.ms)}`,
    }, f20Row);
    const k = fBig.wall.length;
    addRow(s3, {
      name: `our matcher, ${nBig.toLocaleString("en-US")} claims`,
      value: mean(sampleIdx.slice(0, k).map((i) => tBig.wall[i])),
      cpu: mean(sampleIdx.slice(0, k).map((i) => tBig.cpu[i])),
      unit: "ms/sentence",
      n: `${k} sentences`,
      detail: `the same sentences, timed in section 2; ${(nBig / FUSE_LARGE).toFixed(0)}× more claims than fuse.js had`,
    }, fBigRow);
    const mb20 = addBaseline(s3, {
      name: `fuse.js, ${N20} claims, per MB of draft`,
      value: mean(f20.wall) * sentPerMB,
      cpu: mean(f20.cpu) * sentPerMB,
      unit: "ms/MB",
      detail: `extrapolated: ${Math.round(sentPerMB).toLocaleString("en-US")} sentences/MB`,
    });
    addRow(s3, { name: `our cold checkText, ${N20} claims, per MB`, value: cold.ms / draftMB, cpu: cold.cpuMs / draftMB, unit: "ms/MB", detail: "measured in section 1 (includes segmentation)" }, mb20);
    const mbBig = addRow(s3, {
      name: `fuse.js, ${FUSE_LARGE.toLocaleString("en-US")} claims, per MB of draft`,
      value: mean(fBig.wall) * sentPerMB,
      cpu: mean(fBig.cpu) * sentPerMB,
      unit: "ms/MB",
      detail: `extrapolated: ${((mean(fBig.wall) * sentPerMB) / 3_600_000).toFixed(1)} hours per MB`,
    }, mb20);
    addRow(s3, {
      name: `our matcher, ${nBig.toLocaleString("en-US")} claims, per MB`,
      value: mean(tBig.wall) * sentPerMB,
      cpu: mean(tBig.cpu) * sentPerMB,
      unit: "ms/MB",
      detail: "extrapolated from section 2's mean (matching only, no segmentation)",
    }, mbBig);
    s3.notes.push("fuse.js was asked for similarity only; it gives no verdict, speaker or negation, so the comparison flatters it.");
  }

  // ------------------------------------------------------------------------------------------
  // 4. Claim search latency
  const s4 = report.section("search", "4. Claim search (ClaimSearch, command palette): a typo'd query", `the same measurement over the ${N20} bundled claims`);
  {
    // Two typos, about a bundled claim. The checker's search is what the server and CLI use: over
    // a large database it narrows through the index before fuse.js ranks. Plain fuse.js over every
    // claim is timed too, once, as the baseline that design replaced.
    const q = "rulled out amercan troops";
    const b20 = repeat(() => new ClaimSearch(bundled.claims), { maxReps: 11, budgetMs: 1_000 });
    const b20Row = addBaseline(s4, { name: `build, ${N20} claims`, ...vals(b20), unit: "ms", n: reps(b20.samples.length) });
    const allClaims = bigDbs.flatMap((d) => d.claims);
    const bBig = time(() => searchBig.search);
    log(`ClaimSearch build ${allClaims.length}: ${bBig.ms.toFixed(0)} ms`);
    addRow(s4, { name: `build, ${allClaims.length.toLocaleString("en-US")} claims`, ...vals(bBig), unit: "ms", n: "1 rep" }, b20Row);
    for (let i = 0; i < 3; i++) b20.last.search(q);
    const q20 = repeat(() => b20.last.search(q), { maxReps: 21, budgetMs: 1_000 });
    const q20Row = addBaseline(s4, { name: `query "${q}", ${N20} claims`, ...vals(q20), unit: "ms", n: reps(q20.samples.length), detail: `top: ${q20.last[0]?.claim.id ?? "none"}` });
    const qBig = repeat(() => bBig.value.search(q), { maxReps: 3, budgetMs: BUDGET / 2 });
    log(`ClaimSearch "${q}" ${allClaims.length}: ${qBig.ms.toFixed(0)} ms`);
    addRow(s4, {
      name: `query "${q}", ${allClaims.length.toLocaleString("en-US")} claims`,
      ...vals(qBig),
      unit: "ms",
      n: reps(qBig.samples.length),
      detail: `${qBig.last.length} hits, top: ${qBig.last[0]?.claim.id ?? "none"} (score ${qBig.last[0]?.score ?? "-"})`,
    }, q20Row);
    const plain = new ClaimSearch(allClaims);
    const qPlain = time(() => plain.search(q));
    addRow(s4, {
      name: `query, plain fuse.js over all ${allClaims.length.toLocaleString("en-US")} claims`,
      ...vals(qPlain),
      unit: "ms",
      n: "1 rep",
      detail: "no narrowing: the design the index replaced",
    }, q20Row);
  }

  // ------------------------------------------------------------------------------------------
  const totalMs = now() - T0;
  meta.totalSeconds = round(totalMs / 1000);
  meta.loadAverageAtEnd = loadavg().map(round);
  meta.totalCpuSeconds = round(cpuNow() / 1000);
  const header = [
    "Fact Check speed benchmark",
    `  ${meta.cpu}, ${meta.memoryGB} GB, node ${process.version}${QUICK ? "  [BENCH_QUICK: reduced sizes]" : ""}`,
    `  load average at start ${(meta.loadAverageAtStart as number[]).join(" ")}, at end ${loadavg().map((x) => x.toFixed(2)).join(" ")}` +
      (Math.max(...(meta.loadAverageAtStart as number[]), ...loadavg()) > cpus().length ? " (above the core count: other processes shared the CPU; trust the cpu ratios more)" : ""),
    `  wink model load (once per process, excluded below): ${modelLoad.ms.toFixed(0)} ms`,
    "How to read this: each time is a median of the repetitions (or a mean over the sentences) in column n; 'ratio' divides",
    "  the wall time by that of the baseline named in 'of', measured in this same run; 'cpu ratio' does the same with this",
    "  process's CPU time, which other programs' load disturbs far less. Compare ratios across machines and commits, not",
    "  absolute times. Lower is better; 1.00× is the baseline row itself.",
  ];
  const footer = [`total bench time ${(totalMs / 1000).toFixed(1)} s wall, ${meta.totalCpuSeconds} s CPU; results written to ${RESULTS}`];
  console.log(printReport(report, header, footer));
  writeJson(RESULTS, { meta, sections: report.sections });
}

/** The article's sentences (headings are the lines that do not end a sentence). */
function articleSentences(): string[] {
  const text = readFileSync(join(CLAIMS_DIR, "european-led-security-guarantees.txt"), "utf8");
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!/[.!?]\s*$/.test(line)) continue;
    const spans = sentenceSpans(line);
    for (let k = 0; k < spans.length; k += 2) out.push(line.slice(spans[k], spans[k + 1]));
  }
  return out;
}

interface Measured {
  ms: number;
  cpuMs: number;
}

/** Wall and CPU time of one call. */
function measure(fn: () => unknown): Measured {
  const c0 = cpuNow();
  const t0 = now();
  fn();
  const ms = now() - t0;
  return { ms, cpuMs: cpuNow() - c0 };
}

/** Median wall time and median CPU time of several measurements. */
function medianOf(xs: readonly Measured[]): Measured {
  return { ms: median(xs.map((x) => x.ms)), cpuMs: median(xs.map((x) => x.cpuMs)) };
}

/**
 * The row fields of a measurement. Process CPU time includes V8's background GC threads and
 * has coarse accounting, so it is left out for single calls shorter than a millisecond.
 */
function vals(m: { ms: number; cpuMs: number }): { value: number; cpu?: number } {
  return m.ms < 1 ? { value: m.ms } : { value: m.ms, cpu: m.cpuMs };
}

function reps(n: number): string {
  return `${n} rep${n === 1 ? "" : "s"}`;
}

/** For each item, every function in turn; wall and CPU time of each call, per function. */
function interleaved(items: readonly string[], fns: ((s: string) => unknown)[]): { wall: number[]; cpu: number[] }[] {
  collectGarbage();
  const out = fns.map(() => ({ wall: new Array<number>(items.length), cpu: new Array<number>(items.length) }));
  for (let i = 0; i < items.length; i++) {
    for (let k = 0; k < fns.length; k++) {
      const c0 = cpuNow();
      const t0 = now();
      fns[k](items[i]);
      out[k].wall[i] = now() - t0;
      out[k].cpu[i] = cpuNow() - c0;
    }
  }
  return out;
}

/** Drafts that differ from `draft` by one word inserted into one sentence near the middle. */
function middleEdits(draft: string, sentences: readonly { start: number; end: number; text: string }[], n: number): { text: string; sentence: string }[] {
  const out: { text: string; sentence: string }[] = [];
  const seen = new Set(sentences.map((s) => s.text));
  for (let i = sentences.length >> 1; i < sentences.length && out.length < n; i += 7) {
    const s = sentences[i];
    if (s.text.length < 60 || /[*_`[\]<>|]/.test(s.text)) continue;
    const sp = s.text.indexOf(" ");
    if (sp < 0) continue;
    const edited = `${s.text.slice(0, sp)} reportedly${s.text.slice(sp)}`;
    if (seen.has(edited)) continue;
    out.push({ text: draft.slice(0, s.start) + edited + draft.slice(s.end), sentence: edited });
  }
  return out;
}

function verdictCounts(findings: readonly { verdict: Verdict }[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.verdict, (counts.get(f.verdict) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`).join(", ") || "none";
}

/** How the synthetic claims' words are spread: what the index's posting lists will look like. */
function vocabularyStats(claims: readonly Claim[]): string {
  const STOP = new Set(["the", "will", "not", "could", "in", "by", "to", "for", "of", "with", "and", "a", "this", "next", "over", "ruled", "out"]);
  const df = new Map<string, number>();
  for (const c of claims) {
    for (const w of new Set(c.text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [])) if (!STOP.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const counts = [...df.values()];
  const top = [...df].sort((a, b) => b[1] - a[1])[0];
  const pct = (n: number) => `${((100 * n) / claims.length).toFixed(1)}%`;
  return (
    `${df.size.toLocaleString("en-US")} distinct content words; median word in ${median(counts)} claims, ` +
    `commonest ("${top?.[0]}") in ${pct(top?.[1] ?? 0)} of claims (${(top?.[1] ?? 0).toLocaleString("en-US")}: the longest posting list a draft word can hit)`
  );
}

function fmtMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

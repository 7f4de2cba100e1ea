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
//   4. Claim search (command palette) latency for typo'd queries, 20 versus 100,000 claims.
//
// Environment: BENCH_QUICK=1 shrinks every size (a smoke run in a few seconds);
// BENCH_DRAFT_BYTES, BENCH_CLAIMS, BENCH_SENTENCES override single sizes.
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { FactChecker } from "../src/core/checker.js";
import { ClaimSearch } from "../src/core/claim-search.js";
import { CLAIMS_DIR, loadBundledClaims, parseClaimsDatabase } from "../src/core/claims-loader.js";
import { annotate, sentenceSpans } from "../src/core/nlp.js";
import * as segment from "../src/core/segment.js";
import { segmentDraft } from "../src/core/segment.js";
import type { Claim, ClaimsDatabase, Verdict } from "../src/core/types.js";
import { createLexicon } from "../src/lexicon-node.js";
import { feedDatabase, feedJson, generateClaims, restateClaim } from "./claims-gen.js";
import { distinctSentences, fillerSentence, generateDraft, varyArticleSentence } from "./draft-gen.js";
import { addRow, printReport, Report, type Row, writeJson } from "./report.js";
import { collectGarbage, gcAvailable, mean, median, now, percentile, repeat, Rng, time } from "./timing.js";

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
/** Above this projected time the 100k claims file is not parsed; the 10k one is, and extrapolated. */
const PARSE_LIMIT_MS = QUICK ? 5_000 : 12_000;

// segment.ts's caches are module state; clearing them makes a "cold" run cold. Looked up
// dynamically so the bench still builds if that helper is renamed.
const clearSegmentCache = (segment as unknown as Record<string, unknown>).clearSegmentCache as (() => void) | undefined;
const coldSegments = () => clearSegmentCache?.();

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
  const bundled = await loadBundledClaims();
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
    new FactChecker([bundled], { lexicon: createLexicon() }).checkText(small, "markdown");
  }

  let segCold: number[] = [];
  let tokenize: number[] = [];
  let sentences = segmentDraft(draft, "markdown");
  const base = repeat(
    () => {
      const t0 = now();
      sentences = segmentDraft(draft, "markdown");
      const t1 = now();
      let tokens = 0;
      for (const s of sentences) tokens += annotate(s.text).tokens.length;
      segCold.push(t1 - t0);
      tokenize.push(now() - t1);
      return tokens;
    },
    { maxReps: 3, budgetMs: BUDGET * 1.5, setup: coldSegments },
  );
  const nSent = sentences.length;
  const sentPerMB = nSent / draftMB;
  log(`draft ${draftBytes} bytes, ${nSent} sentences; baseline ${base.ms.toFixed(0)} ms`);
  const baseRow = addRow(s1, {
    name: "baseline: segment + tokenize",
    value: base.ms,
    unit: "ms",
    n: `${base.samples.length} reps`,
    detail: `${nSent.toLocaleString("en-US")} sentences, ${base.last.toLocaleString("en-US")} tokens, ${draftBytes.toLocaleString("en-US")} bytes`,
  }, undefined);
  baseRow.ratio = 1;
  baseRow.vs = baseRow.name;
  addRow(s1, { name: "  of which segmentDraft (cold)", value: median(segCold), unit: "ms", n: `${segCold.length} reps` }, baseRow);
  addRow(s1, { name: "  of which tokenizing sentences", value: median(tokenize), unit: "ms", n: `${tokenize.length} reps` }, baseRow);

  // Cold: fresh checker, fresh lexicon (WordNet caches per instance), cleared segment caches.
  let checker!: FactChecker;
  let coldResult!: ReturnType<FactChecker["checkText"]>;
  const cold = repeat(
    () => (coldResult = checker.checkText(draft, "markdown")),
    {
      maxReps: 3,
      budgetMs: BUDGET * 2,
      setup: () => {
        coldSegments();
        checker = new FactChecker([bundled], { lexicon: createLexicon() });
      },
    },
  );
  log(`cold check ${cold.ms.toFixed(0)} ms`);
  const coldPerSentence = cold.ms / nSent;
  addRow(s1, {
    name: "cold checkText (fresh FactChecker)",
    value: cold.ms,
    unit: "ms",
    n: `${cold.samples.length} reps`,
    detail: `${coldResult.findings.length} findings (${verdictCounts(coldResult.findings)}); ${coldResult.stats.cached} of ${coldResult.stats.sentences} sentences were repeats`,
  }, baseRow);

  const warm = repeat(() => checker.checkText(draft, "markdown"), { maxReps: 5, budgetMs: BUDGET });
  addRow(s1, {
    name: "warm re-check (same text)",
    value: warm.ms,
    unit: "ms",
    n: `${warm.samples.length} reps`,
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
    value: edit.ms,
    unit: "ms",
    n: `${edit.samples.length} reps`,
    detail: `${edit.last.stats.sentences - edit.last.stats.cached - skipped} sentence(s) re-matched; warm + one cold sentence ≈ ${fmtMs(editExpected)} (this is ${(edit.ms / editExpected).toFixed(2)}× that)`,
  }, baseRow);
  const segMemo = repeat(() => segmentDraft(draft, "markdown"), { maxReps: 5, budgetMs: BUDGET / 4 });
  addRow(s1, { name: "  for reference: segmentDraft, same text again", value: segMemo.ms, unit: "ms", n: `${segMemo.samples.length} reps`, detail: "segment.ts remembers the last text" }, baseRow);
  const segWarm = repeat((rep) => segmentDraft(edits[rep % edits.length].text, "markdown"), { maxReps: edits.length, budgetMs: BUDGET / 4 });
  addRow(s1, { name: "  for reference: segmentDraft, edited text", value: segWarm.ms, unit: "ms", n: `${segWarm.samples.length} reps`, detail: "every block already in segment.ts's caches" }, baseRow);
  addRow(s1, { name: "cold cost per sentence", value: coldPerSentence, unit: "ms/sentence", n: `${nSent} sentences`, detail: `floor: ${(base.ms / nSent).toFixed(3)} ms/sentence` }, addRowHidden("baseline per sentence", base.ms / nSent));
  addRow(s1, { name: "cold cost per MB", value: cold.ms / draftMB, unit: "ms/MB", detail: `${Math.round(sentPerMB).toLocaleString("en-US")} sentences per MB` }, addRowHidden("baseline per MB", base.ms / draftMB));
  s1.notes.push(
    "cold = new FactChecker and WordNet instance, segment caches cleared; only the wink model (loaded once per process) is warm.",
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
    "the same measurement with the 20 bundled claims",
  );
  const probeRng = new Rng(11);
  const probe = distinctSentences(N_SENTENCES, () => {
    const r = probeRng.int(3);
    return r === 0 ? varyArticleSentence(probeRng.pick(articleBases), probeRng) : r === 1 ? restateClaim(feed, probeRng) : fillerSentence(probeRng);
  });
  const warmRng = new Rng(12);
  const warmup = distinctSentences(60, () => fillerSentence(warmRng) + " " + restateClaim(feed, warmRng)).filter((s) => !probe.includes(s));

  let lex = createLexicon();
  const build20 = repeat(() => new FactChecker([bundled], { lexicon: lex }), { maxReps: 7, budgetMs: 2_000, setup: () => (lex = createLexicon()) });
  const build20Row = addRow(s2, { name: "index build, 20 claims", value: build20.ms, unit: "ms", n: `${build20.samples.length} reps`, detail: "FactChecker constructor" });
  build20Row.ratio = 1;
  build20Row.vs = build20Row.name;
  const bigDbs: ClaimsDatabase[] = [bundled, feedDatabase(feed)];
  const nBig = bundled.claims.length + feed.claims.length;
  const lexBig = createLexicon();
  const buildBig = time(() => new FactChecker(bigDbs, { lexicon: lexBig }));
  log(`index build ${nBig} claims ${buildBig.ms.toFixed(0)} ms`);
  addRow(s2, {
    name: `index build, ${nBig.toLocaleString("en-US")} claims`,
    value: buildBig.ms,
    unit: "ms",
    n: "1 rep",
    detail: `${((buildBig.ms * 1000) / nBig).toFixed(0)} µs per claim (20 claims: ${((build20.ms * 1000) / bundled.claims.length).toFixed(0)} µs per claim)`,
  }, build20Row);

  // Per-sentence matching, cold sentence cache, same sentences in the same order.
  const checker20 = build20.last;
  let checkerBig: FactChecker | undefined = buildBig.value;
  buildBig.value = undefined as unknown as FactChecker;
  for (const s of warmup) {
    checker20.checkSentence(s);
    checkerBig!.checkSentence(s);
  }
  const floorTimes = perSentence(probe, (s) => annotate(s));
  const t20 = perSentence(probe, (s) => checker20.checkSentence(s));
  log(`per-sentence 20 claims: ${mean(t20).toFixed(3)} ms`);
  let bigMatches = 0;
  const tBig = perSentence(probe, (s) => (bigMatches += checkerBig!.checkSentence(s).matches.length));
  checkerBig = undefined; // frees the large index: the rest of the bench must not pay its GC cost
  log(`per-sentence ${nBig} claims: ${mean(tBig).toFixed(3)} ms`);
  let matches20 = 0;
  for (const s of probe) matches20 += checker20.checkSentence(s).matches.length;
  const perRow20 = addRow(s2, {
    name: "checkSentence, 20 claims",
    value: mean(t20),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `p50 ${fmtMs(median(t20))}, p95 ${fmtMs(percentile(t20, 95))}; ${matches20} matches`,
  });
  perRow20.ratio = 1;
  perRow20.vs = perRow20.name;
  addRow(s2, {
    name: `checkSentence, ${nBig.toLocaleString("en-US")} claims`,
    value: mean(tBig),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `p50 ${fmtMs(median(tBig))}, p95 ${fmtMs(percentile(tBig, 95))}, max ${fmtMs(Math.max(...tBig))}; ${bigMatches} matches`,
  }, perRow20);
  addRow(s2, {
    name: "  for reference: tokenize only (annotate)",
    value: mean(floorTimes),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `20 claims = ${(mean(t20) / mean(floorTimes)).toFixed(2)}× this; ${nBig.toLocaleString("en-US")} claims = ${(mean(tBig) / mean(floorTimes)).toFixed(2)}× this`,
  }, perRow20);
  s2.notes.push(
    `probe: ${probe.length} distinct sentences, a third each article variations, restatements of synthetic claims, unrelated filler; each checker first saw the same ${warmup.length} warm-up sentences.`,
    `synthetic vocabulary: ${vocabularyStats(feed.claims)}.`,
  );

  // Loading a claims file of that size: parseClaimsDatabase versus JSON.parse of the same text.
  {
    const small = { ...feed, claims: feed.claims.slice(0, Math.min(10_000, feed.claims.length)) };
    const smallJson = feedJson(small);
    const jp = repeat(() => JSON.parse(smallJson), { maxReps: 3, budgetMs: 2_000 });
    const pSmall = time(() => parseClaimsDatabase(smallJson, "bench/synthetic.claims.json", { sourceText: feed.sourceText, sourcePath: "bench/synthetic.txt" }));
    const jpRow = addRow(s2, { name: `JSON.parse, ${small.claims.length.toLocaleString("en-US")}-claim file`, value: jp.ms, unit: "ms", n: `${jp.samples.length} reps`, detail: `${(smallJson.length / 1e6).toFixed(1)} MB of JSON: the floor for loading` });
    jpRow.ratio = 1;
    jpRow.vs = jpRow.name;
    addRow(s2, {
      name: `parseClaimsDatabase, ${small.claims.length.toLocaleString("en-US")} claims`,
      value: pSmall.ms,
      unit: "ms",
      n: "1 rep",
      detail: `quotes checked against a ${(feed.sourceText.length / 1e6).toFixed(1)} MB source text`,
    }, jpRow);
    log(`parseClaimsDatabase ${small.claims.length}: ${pSmall.ms.toFixed(0)} ms`);
    if (feed.claims.length > small.claims.length) {
      const projected = (pSmall.ms * feed.claims.length) / small.claims.length;
      if (projected <= PARSE_LIMIT_MS) {
        let bigJson: string | undefined = feedJson(feed);
        const jpBig = time(() => JSON.parse(bigJson!));
        const pBig = time(() => parseClaimsDatabase(bigJson!, "bench/synthetic.claims.json", { sourceText: feed.sourceText, sourcePath: "bench/synthetic.txt" }));
        const mb = bigJson.length / 1e6;
        bigJson = undefined;
        const jpBigRow = addRow(s2, { name: `JSON.parse, ${feed.claims.length.toLocaleString("en-US")}-claim file`, value: jpBig.ms, unit: "ms", n: "1 rep", detail: `${mb.toFixed(1)} MB of JSON` }, jpRow);
        addRow(s2, {
          name: `parseClaimsDatabase, ${feed.claims.length.toLocaleString("en-US")} claims`,
          value: pBig.ms,
          unit: "ms",
          n: "1 rep",
          detail: `${(pBig.ms / pSmall.ms).toFixed(1)}× the ${small.claims.length.toLocaleString("en-US")}-claim parse`,
        }, jpBigRow);
        log(`parseClaimsDatabase ${feed.claims.length}: ${pBig.ms.toFixed(0)} ms`);
      } else {
        s2.notes.push(`parseClaimsDatabase on ${feed.claims.length.toLocaleString("en-US")} claims skipped: projected ${(projected / 1000).toFixed(0)} s from the ${small.claims.length.toLocaleString("en-US")}-claim file.`);
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // 3. The naive alternative: fuse.js over whole sentences
  const s3 = report.section(
    "fuse",
    "3. The rejected alternative: fuse.js over the claims' texts for each whole sentence",
    "fuse.js's per-sentence cost at the same (or a smaller) number of claims",
  );
  const fuseOptions = { keys: ["text"], includeScore: true, ignoreLocation: true, threshold: 0.4 };
  const sampleIdx = Array.from({ length: FUSE_SAMPLE }, (_, i) => Math.floor((i * probe.length) / FUSE_SAMPLE));
  const sample = sampleIdx.map((i) => probe[i]);
  {
    const fuse20 = new Fuse<Claim>([...bundled.claims], fuseOptions);
    for (const s of warmup.slice(0, 20)) fuse20.search(s);
    let hits = 0;
    const f20 = perSentence(sample, (s) => (hits += fuse20.search(s).length));
    const f20Row = addRow(s3, { name: "fuse.js, 20 claims", value: mean(f20), unit: "ms/sentence", n: `${sample.length} sentences`, detail: `${hits} hits (no verdicts: similarity only)` });
    f20Row.ratio = 1;
    f20Row.vs = f20Row.name;
    const ours20 = sampleIdx.map((i) => t20[i]);
    addRow(s3, { name: "our matcher, 20 claims", value: mean(ours20), unit: "ms/sentence", n: `${sample.length} sentences`, detail: "same sentences, timed in section 2" }, f20Row);

    const fuseBig = time(() => new Fuse<Claim>(feed.claims.slice(0, FUSE_LARGE), fuseOptions));
    const fBig: number[] = [];
    let bigHits = 0;
    const started = now();
    for (const s of sample) {
      if (fBig.length >= 2 && now() - started > FUSE_LARGE_BUDGET) break;
      const t0 = now();
      bigHits += fuseBig.value.search(s).length;
      fBig.push(now() - t0);
    }
    log(`fuse ${FUSE_LARGE} claims: ${mean(fBig).toFixed(0)} ms/sentence over ${fBig.length}`);
    const fBigRow = addRow(s3, {
      name: `fuse.js, ${FUSE_LARGE.toLocaleString("en-US")} claims`,
      value: mean(fBig),
      unit: "ms/sentence",
      n: `${fBig.length} sentences`,
      detail: `time-boxed sample; ${bigHits} hits; index build ${fmtMs(fuseBig.ms)}`,
    }, f20Row);
    const oursBig = sampleIdx.slice(0, fBig.length).map((i) => tBig[i]);
    addRow(s3, {
      name: `our matcher, ${nBig.toLocaleString("en-US")} claims`,
      value: mean(oursBig),
      unit: "ms/sentence",
      n: `${oursBig.length} sentences`,
      detail: `the same sentences; ${(nBig / FUSE_LARGE).toFixed(0)}× more claims than fuse.js had`,
    }, fBigRow);
    const mb20 = addRow(s3, { name: "fuse.js, 20 claims, per MB of draft", value: mean(f20) * sentPerMB, unit: "ms/MB", detail: `extrapolated: ${Math.round(sentPerMB).toLocaleString("en-US")} sentences/MB` });
    mb20.ratio = 1;
    mb20.vs = mb20.name;
    addRow(s3, { name: "our cold checkText, 20 claims, per MB", value: cold.ms / draftMB, unit: "ms/MB", detail: "measured in section 1 (includes segmentation)" }, mb20);
    const mbBig = addRow(s3, { name: `fuse.js, ${FUSE_LARGE.toLocaleString("en-US")} claims, per MB of draft`, value: mean(fBig) * sentPerMB, unit: "ms/MB", detail: `extrapolated: ${((mean(fBig) * sentPerMB) / 3_600_000).toFixed(1)} hours per MB` }, mb20);
    addRow(s3, { name: `our matcher, ${nBig.toLocaleString("en-US")} claims, per MB`, value: mean(tBig) * sentPerMB, unit: "ms/MB", detail: "extrapolated from section 2's mean (matching only, no segmentation)" }, mbBig);
    s3.notes.push("fuse.js was asked for similarity only; it gives no verdict, speaker or negation, so the comparison flatters it.");
  }

  // ------------------------------------------------------------------------------------------
  // 4. Claim search latency
  const s4 = report.section(
    "search",
    "4. Claim search (ClaimSearch, command palette): typo'd queries",
    "the same measurement over the 20 bundled claims",
  );
  {
    // One typo'd query (two typos) about a bundled claim: fuse.js scans every record per query,
    // so each query at 100k claims costs seconds.
    const queries = ["rulled out amercan troops"];
    const b20 = repeat(() => new ClaimSearch(bundled.claims), { maxReps: 11, budgetMs: 1_000 });
    const b20Row = addRow(s4, { name: "build, 20 claims", value: b20.ms, unit: "ms", n: `${b20.samples.length} reps` });
    b20Row.ratio = 1;
    b20Row.vs = b20Row.name;
    const allClaims = bigDbs.flatMap((d) => d.claims);
    const bBig = time(() => new ClaimSearch(allClaims));
    log(`ClaimSearch build ${allClaims.length}: ${bBig.ms.toFixed(0)} ms`);
    addRow(s4, { name: `build, ${allClaims.length.toLocaleString("en-US")} claims`, value: bBig.ms, unit: "ms", n: "1 rep" }, b20Row);
    for (const q of queries) {
      for (let i = 0; i < 3; i++) b20.last.search(q);
      const q20 = repeat(() => b20.last.search(q), { maxReps: 21, budgetMs: 1_000 });
      const q20Row = addRow(s4, { name: `query "${q}", 20 claims`, value: q20.ms, unit: "ms", n: `${q20.samples.length} reps`, detail: `top: ${q20.last[0]?.claim.id ?? "none"}` });
      q20Row.ratio = 1;
      q20Row.vs = q20Row.name;
      const qBig = repeat(() => bBig.value.search(q), { maxReps: 3, budgetMs: BUDGET / 2 });
      log(`ClaimSearch "${q}" ${allClaims.length}: ${qBig.ms.toFixed(0)} ms`);
      addRow(s4, {
        name: `query "${q}", ${allClaims.length.toLocaleString("en-US")} claims`,
        value: qBig.ms,
        unit: "ms",
        n: `${qBig.samples.length} reps`,
        detail: `${qBig.last.length} hits, top: ${qBig.last[0]?.claim.id ?? "none"} (${qBig.last[0]?.score ?? "-"})`,
      }, q20Row);
    }
  }

  // ------------------------------------------------------------------------------------------
  const totalMs = now() - T0;
  meta.totalSeconds = round(totalMs / 1000);
  meta.loadAverageAtEnd = loadavg().map(round);
  const header = [
    "Fact Check speed benchmark",
    `  ${meta.cpu}, ${meta.memoryGB} GB, node ${process.version}${QUICK ? "  [BENCH_QUICK: reduced sizes]" : ""}`,
    `  load average at start ${(meta.loadAverageAtStart as number[]).join(" ")}, at end ${loadavg().map((x) => x.toFixed(2)).join(" ")} (above the core count, other processes shared the CPU)`,
    `  wink model load (once per process, excluded below): ${modelLoad.ms.toFixed(0)} ms`,
    "How to read this: each value is a median of the repetitions (or a mean over the sentences) in column n; the ratio",
    "  divides it by the baseline named in the 'of' column, measured in this same run. Ratios are what to compare across",
    "  machines and commits; absolute times are this machine's. Lower is better.",
  ];
  const footer = [`total bench time ${(totalMs / 1000).toFixed(1)} s; results written to ${RESULTS}`];
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

/** Per-call wall times (ms). */
function perSentence<T>(sentences: readonly string[], fn: (s: string) => T): number[] {
  collectGarbage();
  const out = new Array<number>(sentences.length);
  for (let i = 0; i < sentences.length; i++) {
    const t0 = now();
    fn(sentences[i]);
    out[i] = now() - t0;
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

/** A baseline that is not printed as its own row (for per-unit ratios). */
function addRowHidden(name: string, value: number): Row {
  return { name, value, unit: "ms" };
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

// Experiment 2, claims scaling: the bundled claims versus the bundled plus the synthetic feed
// (100,000 claims), on the same probe sentences with a cold sentence cache; and the index build.
// The large checker it builds is handed on: the claim-search experiment searches through it.
import { createFactChecker, type FactChecker } from "../../src/core/checker.js";
import type { Claim, ClaimsDatabase } from "../../src/core/types.js";
import { createLexicon } from "../../src/node/lexicon.js";
import { feedDatabase } from "../claims-gen.js";
import type { BenchContext } from "../context.js";
import { addBaseline, addRow, fmtMs, reps, type Section, section, vals } from "../report.js";
import { interleaved, mean, median, percentile, repeat, time } from "../timing.js";

export interface ClaimsScaling {
  section: Section;
  /** The bundled database and the synthetic one, as the large checker holds them. */
  bigDatabases: ClaimsDatabase[];
  bigClaims: number;
  /** The checker over bigDatabases, its sentence cache warm with the probe. */
  bigChecker: FactChecker;
  /** Per-probe-sentence wall and CPU time of the large checker (index i: probe sentence i). */
  bigPerSentence: { wall: number[]; cpu: number[] };
}

export function claimsScaling(ctx: BenchContext): ClaimsScaling {
  const { sizes, bundled, n20, log } = ctx;
  const feed = ctx.feed();
  const s2 = section(
    "claims",
    `2. Claims scaling: bundled ${bundled.claims.length} claims vs bundled + ${sizes.claims.toLocaleString("en-US")} synthetic claims`,
    `the same measurement with the ${n20} bundled claims`,
  );
  const probe = ctx.probe();
  const warmup = ctx.warmup();

  let lex = createLexicon();
  const build20 = repeat(() => createFactChecker({ databases: [bundled], lexicon: lex, nlp: ctx.nlp }), {
    maxReps: 7,
    budgetMs: 2_000,
    setup: () => (lex = createLexicon()),
  });
  const build20Row = addBaseline(s2, {
    name: `index build, ${n20} claims`,
    ...vals(build20),
    unit: "ms",
    n: reps(build20.samples.length),
    detail: "createFactChecker",
  });
  const bigDbs: ClaimsDatabase[] = [bundled, feedDatabase(feed)];
  const nBig = bundled.claims.length + feed.claims.length;
  const { value: checkerBig, ...buildBig } = time(() => createFactChecker({ databases: bigDbs, lexicon: createLexicon(), nlp: ctx.nlp }));
  log(`index build ${nBig} claims ${buildBig.ms.toFixed(0)} ms (cpu ${buildBig.cpuMs.toFixed(0)} ms)`);
  addRow(
    s2,
    {
      name: `index build, ${nBig.toLocaleString("en-US")} claims`,
      ...vals(buildBig),
      unit: "ms",
      n: "1 rep",
      detail: `${((buildBig.ms * 1000) / nBig).toFixed(0)} µs per claim (${n20} claims: ${((build20.ms * 1000) / bundled.claims.length).toFixed(0)} µs per claim)`,
    },
    build20Row,
  );

  // Per-sentence matching with a cold sentence cache: for each sentence, the tokenizer floor,
  // the 20-claim checker and the large one run back to back, so load changes hit all three.
  const checker20 = build20.last;
  for (const s of warmup) {
    checker20.checkSentence(s);
    checkerBig.checkSentence(s);
  }
  let matches20 = 0;
  let bigMatches = 0;
  const [floorT, t20, tBig] = interleaved(probe, [
    (s) => ctx.nlp.annotate(s),
    (s) => (matches20 += checker20.checkSentence(s).matches.length),
    (s) => (bigMatches += checkerBig.checkSentence(s).matches.length),
  ]);
  log(
    `per sentence: floor ${mean(floorT.wall).toFixed(3)} ms, 20 claims ${mean(t20.wall).toFixed(3)} ms, ${nBig} claims ${mean(tBig.wall).toFixed(3)} ms`,
  );
  const perRow20 = addBaseline(s2, {
    name: `checkSentence, ${n20} claims`,
    value: mean(t20.wall),
    cpu: mean(t20.cpu),
    unit: "ms/sentence",
    n: `${probe.length} sentences`,
    detail: `p50 ${fmtMs(median(t20.wall))}, p95 ${fmtMs(percentile(t20.wall, 95))}; ${matches20} matches`,
  });
  addRow(
    s2,
    {
      name: `checkSentence, ${nBig.toLocaleString("en-US")} claims`,
      value: mean(tBig.wall),
      cpu: mean(tBig.cpu),
      unit: "ms/sentence",
      n: `${probe.length} sentences`,
      detail: `p50 ${fmtMs(median(tBig.wall))}, p95 ${fmtMs(percentile(tBig.wall, 95))}, max ${fmtMs(Math.max(...tBig.wall))}; ${bigMatches} matches`,
    },
    perRow20,
  );
  addRow(
    s2,
    {
      name: "  for reference: tokenize only (annotate)",
      value: mean(floorT.wall),
      cpu: mean(floorT.cpu),
      unit: "ms/sentence",
      n: `${probe.length} sentences`,
      detail: `cpu: ${n20} claims = ${(mean(t20.cpu) / mean(floorT.cpu)).toFixed(2)}× this, ${nBig.toLocaleString("en-US")} claims = ${(mean(tBig.cpu) / mean(floorT.cpu)).toFixed(2)}× this`,
    },
    perRow20,
  );
  s2.notes.push(
    `probe: ${probe.length} distinct sentences, a third each article variations, restatements of synthetic claims, unrelated filler; each checker first saw the same ${warmup.length} warm-up sentences.`,
    `synthetic vocabulary: ${vocabularyStats(feed.claims)}.`,
  );
  return { section: s2, bigDatabases: bigDbs, bigClaims: nBig, bigChecker: checkerBig, bigPerSentence: tBig };
}

/** How the synthetic claims' words are spread: what the index's posting lists will look like. */
function vocabularyStats(claims: readonly Claim[]): string {
  const STOP = new Set([
    "the",
    "will",
    "not",
    "could",
    "in",
    "by",
    "to",
    "for",
    "of",
    "with",
    "and",
    "a",
    "this",
    "next",
    "over",
    "ruled",
    "out",
  ]);
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

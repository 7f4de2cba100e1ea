// Experiment 3, the rejected alternative: fuse.js over the claims' texts for each whole sentence,
// against our matcher on the same sentences — at 21 claims side by side, and fuse.js at 10,000
// claims (time-boxed) against our matcher at 100,021 (its times from the claims-scaling run).
// Per-MB rows extrapolate with the draft experiment's sentences per MB.
import Fuse from "fuse.js";
import { createFactChecker } from "../../src/core/checker.js";
import type { Claim } from "../../src/core/types.js";
import { createLexicon } from "../../src/node/lexicon.js";
import type { BenchContext } from "../context.js";
import { addBaseline, addRow, fmtMs, type Section, section } from "../report.js";
import { interleaved, mean, measure, now, time } from "../timing.js";
import type { ClaimsScaling } from "./claims-scaling.js";
import type { DraftScaling } from "./draft-scaling.js";

export function fuseAlternative(ctx: BenchContext, draft: DraftScaling, claims: ClaimsScaling): Section {
  const { sizes, bundled, n20, log } = ctx;
  const probe = ctx.probe();
  const warmup = ctx.warmup();
  const feed = ctx.feed();
  const { cold, draftMB, sentencesPerMB: sentPerMB } = draft;
  const { bigClaims: nBig, bigPerSentence: tBig } = claims;
  const s3 = section(
    "fuse",
    "3. The rejected alternative: fuse.js over the claims' texts for each whole sentence",
    "fuse.js's cost at the same (or a smaller) number of claims",
  );
  const fuseOptions = { keys: ["text"], includeScore: true, ignoreLocation: true, threshold: 0.4 };
  const sampleIdx = Array.from({ length: sizes.fuseSample }, (_, i) => Math.floor((i * probe.length) / sizes.fuseSample));
  const sample = sampleIdx.map((i) => probe[i]);

  // 21 claims: fuse.js and a fresh 21-claim checker, sentence by sentence.
  const fuse20 = new Fuse<Claim>([...bundled.claims], fuseOptions);
  const ours = createFactChecker({ databases: [bundled], lexicon: createLexicon(), nlp: ctx.nlp });
  for (const s of warmup) {
    fuse20.search(s);
    ours.checkSentence(s);
  }
  let hits = 0;
  const [f20, o20] = interleaved(sample, [(s) => (hits += fuse20.search(s).length), (s) => ours.checkSentence(s)]);
  const f20Row = addBaseline(s3, {
    name: `fuse.js, ${n20} claims`,
    value: mean(f20.wall),
    cpu: mean(f20.cpu),
    unit: "ms/sentence",
    n: `${sample.length} sentences`,
    detail: `${hits} hits (no verdicts: similarity only)`,
  });
  addRow(
    s3,
    {
      name: `our matcher, ${n20} claims`,
      value: mean(o20.wall),
      cpu: mean(o20.cpu),
      unit: "ms/sentence",
      n: `${sample.length} sentences`,
      detail: "same sentences, alternating with fuse.js",
    },
    f20Row,
  );

  const fuseBig = time(() => new Fuse<Claim>(feed.claims.slice(0, sizes.fuseLarge), fuseOptions));
  const fBig = { wall: [] as number[], cpu: [] as number[] };
  let bigHits = 0;
  const started = now();
  for (const s of sample) {
    if (fBig.wall.length >= 2 && now() - started > sizes.fuseLargeBudget) break;
    const m = measure(() => (bigHits += fuseBig.value.search(s).length));
    fBig.wall.push(m.ms);
    fBig.cpu.push(m.cpuMs);
  }
  log(`fuse ${sizes.fuseLarge} claims: ${mean(fBig.wall).toFixed(0)} ms/sentence over ${fBig.wall.length}`);
  const fBigRow = addRow(
    s3,
    {
      name: `fuse.js, ${sizes.fuseLarge.toLocaleString("en-US")} claims`,
      value: mean(fBig.wall),
      cpu: mean(fBig.cpu),
      unit: "ms/sentence",
      n: `${fBig.wall.length} sentences`,
      detail: `time-boxed sample; ${bigHits} hits; index build ${fmtMs(fuseBig.ms)}`,
    },
    f20Row,
  );
  const k = fBig.wall.length;
  addRow(
    s3,
    {
      name: `our matcher, ${nBig.toLocaleString("en-US")} claims`,
      value: mean(sampleIdx.slice(0, k).map((i) => tBig.wall[i])),
      cpu: mean(sampleIdx.slice(0, k).map((i) => tBig.cpu[i])),
      unit: "ms/sentence",
      n: `${k} sentences`,
      detail: `the same sentences, timed in section 2; ${(nBig / sizes.fuseLarge).toFixed(0)}× more claims than fuse.js had`,
    },
    fBigRow,
  );
  const mb20 = addBaseline(s3, {
    name: `fuse.js, ${n20} claims, per MB of draft`,
    value: mean(f20.wall) * sentPerMB,
    cpu: mean(f20.cpu) * sentPerMB,
    unit: "ms/MB",
    detail: `extrapolated: ${Math.round(sentPerMB).toLocaleString("en-US")} sentences/MB`,
  });
  addRow(
    s3,
    {
      name: `our cold checkText, ${n20} claims, per MB`,
      value: cold.ms / draftMB,
      cpu: cold.cpuMs / draftMB,
      unit: "ms/MB",
      detail: "measured in section 1 (includes segmentation)",
    },
    mb20,
  );
  const mbBig = addRow(
    s3,
    {
      name: `fuse.js, ${sizes.fuseLarge.toLocaleString("en-US")} claims, per MB of draft`,
      value: mean(fBig.wall) * sentPerMB,
      cpu: mean(fBig.cpu) * sentPerMB,
      unit: "ms/MB",
      detail: `extrapolated: ${((mean(fBig.wall) * sentPerMB) / 3_600_000).toFixed(1)} hours per MB`,
    },
    mb20,
  );
  addRow(
    s3,
    {
      name: `our matcher, ${nBig.toLocaleString("en-US")} claims, per MB`,
      value: mean(tBig.wall) * sentPerMB,
      cpu: mean(tBig.cpu) * sentPerMB,
      unit: "ms/MB",
      detail: "extrapolated from section 2's mean (matching only, no segmentation)",
    },
    mbBig,
  );
  s3.notes.push("fuse.js was asked for similarity only; it gives no verdict, speaker or negation, so the comparison flatters it.");
  return s3;
}

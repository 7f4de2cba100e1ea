// Experiment 1, draft scaling: a ~1 MB generated Markdown draft against the bundled database.
// Baseline: segmenting it and tokenizing each sentence with the shared wink tokenizer (the floor
// any checker pays). Measured: a cold check, a warm re-check, a re-check after a one-sentence edit.
import { createFactChecker, type FactChecker } from "../../src/core/checker.js";
import { Segmenter } from "../../src/core/segment/segmenter.js";
import type { Verdict } from "../../src/core/types.js";
import { createLexicon } from "../../src/node/lexicon.js";
import type { BenchContext } from "../context.js";
import { generateDraft } from "../draft-gen.js";
import { addBaseline, addRow, fmtMs, reps, type Section, section, vals } from "../report.js";
import { collectGarbage, measure, type Measured, medianOf, now, repeat } from "../timing.js";

export interface DraftScaling {
  section: Section;
  /** The cold check of the whole draft (median of the repetitions). */
  cold: Measured;
  draftMB: number;
  sentencesPerMB: number;
}

export function draftScaling(ctx: BenchContext): DraftScaling {
  const { sizes, bundled, articleBases, log, nlp } = ctx;
  const s1 = section(
    "draft",
    `1. Draft scaling: ~${(sizes.draftBytes / 1e6).toFixed(2)} MB Markdown draft, bundled database (${bundled.claims.length} claims)`,
    "segmentDraft + wink tokenization (annotate) of every sentence, cold caches",
  );
  const draft = generateDraft({ bytes: sizes.draftBytes, seed: 1, articleSentences: articleBases, articleShare: 0.12 });
  const draftBytes = Buffer.byteLength(draft);
  const draftMB = draftBytes / 1e6;
  ctx.meta.draftBytes = draftBytes;

  // Warm the JIT on a small draft of other text, so the first measurement is not also a warm-up.
  {
    const small = generateDraft({ bytes: 40_000, seed: 99, articleSentences: articleBases, articleShare: 0.12 });
    for (const s of new Segmenter(nlp).segmentDraft(small, "markdown")) nlp.annotate(s.text);
    createFactChecker({ databases: [bundled], lexicon: createLexicon(), nlp }).checkText(small, "markdown");
  }

  // Baseline and cold check, interleaved (baseline, cold, baseline, cold …) so that a change in
  // the machine's load hits both alike.
  const segCold: Measured[] = [];
  const tokenize: Measured[] = [];
  const baseSamples: Measured[] = [];
  const coldSamples: Measured[] = [];
  let sentences = new Segmenter(nlp).segmentDraft(draft, "markdown");
  let tokens = 0;
  let checker!: FactChecker;
  let coldResult!: ReturnType<FactChecker["checkText"]>;
  const pairsStarted = now();
  for (let rep = 0; rep < 3; rep++) {
    if (rep > 0 && now() - pairsStarted + (now() - pairsStarted) / rep > sizes.pairBudget) break;
    const coldSegmenter = new Segmenter(nlp); // its caches start empty
    collectGarbage();
    const b = measure(() => {
      const seg = measure(() => (sentences = coldSegmenter.segmentDraft(draft, "markdown")));
      const tok = measure(() => {
        tokens = 0;
        for (const s of sentences) tokens += nlp.annotate(s.text).tokens.length;
      });
      segCold.push(seg);
      tokenize.push(tok);
    });
    baseSamples.push(b);
    // Cold: a new engine (its own sentence results and segmenter, both empty), a new lexicon (WordNet caches per instance).
    checker = createFactChecker({ databases: [bundled], lexicon: createLexicon(), nlp });
    collectGarbage();
    coldSamples.push(measure(() => (coldResult = checker.checkText(draft, "markdown"))));
    log(
      `draft rep ${rep + 1}: baseline ${b.ms.toFixed(0)} ms, cold check ${coldSamples[rep].ms.toFixed(0)} ms (cpu ${b.cpuMs.toFixed(0)} / ${coldSamples[rep].cpuMs.toFixed(0)} ms)`,
    );
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
  addRow(
    s1,
    {
      name: "cold checkText (fresh FactChecker)",
      ...vals(cold),
      unit: "ms",
      n: reps(coldSamples.length),
      detail: `${coldResult.findings.length} findings (${verdictCounts(coldResult.findings)}); ${coldResult.stats.cached} of ${coldResult.stats.sentences} sentences were repeats`,
    },
    baseRow,
  );

  const warm = repeat(() => checker.checkText(draft, "markdown"), { maxReps: 5, budgetMs: sizes.budget });
  addRow(
    s1,
    {
      name: "warm re-check (same text)",
      ...vals(warm),
      unit: "ms",
      n: reps(warm.samples.length),
      detail: `${warm.last.stats.cached} of ${warm.last.stats.sentences} sentences from cache`,
    },
    baseRow,
  );
  // Sentences on lines after <!-- factcheck-ignore-next-line --> are neither matched nor cached.
  const skipped = warm.last.stats.sentences - warm.last.stats.cached;

  // One-sentence edits in the middle of the draft, a different sentence each repetition.
  const edits = middleEdits(draft, sentences, 5);
  const edit = repeat((rep) => checker.checkText(edits[rep].text, "markdown"), { maxReps: edits.length, budgetMs: sizes.budget });
  const editExpected = warm.ms + coldPerSentence;
  addRow(
    s1,
    {
      name: "re-check after a one-sentence edit",
      ...vals(edit),
      unit: "ms",
      n: reps(edit.samples.length),
      detail: `${edit.last.stats.sentences - edit.last.stats.cached - skipped} sentence(s) re-matched; warm + one cold sentence ≈ ${fmtMs(editExpected)} (this is ${(edit.ms / editExpected).toFixed(2)}× that)`,
    },
    baseRow,
  );
  const segmenter = checker.segmenter; // as warm as the re-checks left it
  const segMemo = repeat(() => segmenter.segmentDraft(draft, "markdown"), { maxReps: 5, budgetMs: sizes.budget / 4 });
  addRow(
    s1,
    {
      name: "  for reference: segmentDraft, same text again",
      ...vals(segMemo),
      unit: "ms",
      n: reps(segMemo.samples.length),
      detail: "the segmenter remembers the last text",
    },
    baseRow,
  );
  const segWarm = repeat((rep) => segmenter.segmentDraft(edits[rep % edits.length].text, "markdown"), {
    maxReps: edits.length,
    budgetMs: sizes.budget / 4,
  });
  addRow(
    s1,
    {
      name: "  for reference: segmentDraft, edited text",
      ...vals(segWarm),
      unit: "ms",
      n: reps(segWarm.samples.length),
      detail: "every block already in the segmenter's caches",
    },
    baseRow,
  );
  addRow(
    s1,
    {
      name: "cold cost per sentence",
      value: cold.ms / nSent,
      cpu: cold.cpuMs / nSent,
      unit: "ms/sentence",
      n: `${nSent} sentences`,
      detail: `floor: ${fmtMs(base.ms / nSent)} per sentence`,
    },
    { name: "baseline per sentence", value: base.ms / nSent, cpu: base.cpuMs / nSent, unit: "ms/sentence" },
  );
  addRow(
    s1,
    {
      name: "cold cost per MB",
      value: cold.ms / draftMB,
      cpu: cold.cpuMs / draftMB,
      unit: "ms/MB",
      detail: `${Math.round(sentPerMB).toLocaleString("en-US")} sentences per MB`,
    },
    { name: "baseline per MB", value: base.ms / draftMB, cpu: base.cpuMs / draftMB, unit: "ms/MB" },
  );
  s1.notes.push(
    "cold = new engine (createFactChecker: its own, empty segmenter and sentence cache) and WordNet instance; only the wink model (one Nlp for the run) is warm. Baseline and cold runs alternate.",
    "warm and edit re-checks reuse the cold run's checker, as the language server does between keystrokes.",
  );
  return { section: s1, cold, draftMB, sentencesPerMB: sentPerMB };
}

/** Drafts that differ from `draft` by one word inserted into one sentence near the middle. */
function middleEdits(
  draft: string,
  sentences: readonly { start: number; end: number; text: string }[],
  n: number,
): { text: string; sentence: string }[] {
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

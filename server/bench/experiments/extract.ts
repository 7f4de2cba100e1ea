// Extraction speed: `factcheck extract` on a generated 10,000-word news article (attributions of every
// shape: "X said that …", “…,” X said, according to X, a passive "were cited as", plain reporting), as
// a ratio to segmenting the same text alone (segmentDraft, plain text). The model and the NLP are
// warmed first, so the numbers are the per-article cost, not the one-off loading.
import { extractClaims } from "../../src/core/extract/index.js";
import { Segmenter } from "../../src/core/segment/segmenter.js";
import type { BenchContext } from "../context.js";
import { addBaseline, addRow, reps, type Section, section, vals } from "../report.js";
import { repeat } from "../timing.js";

const NAMES = ["Elena Vasquez", "Tomas Reyes", "Priya Natarajan", "Marcus Oduya", "Hanna Lindqvist", "Joaquim Ferreira"];
const ROLES = ["Mayor", "Council member", "Sen.", "Gov.", "Finance director", "Rep."];
const TOPICS = ["the harbor plan", "the new budget", "the transit levy", "the school merger", "the water rates", "the housing code"];

/** A deterministic article of about `words` words, one paragraph a line, with a heading every ten paragraphs. */
export function generateArticle(words: number): string {
  const out: string[] = ["City Budget Talks Stretch Into the Night"];
  let count = 7;
  for (let i = 0; count < words; i++) {
    const n = NAMES[i % NAMES.length];
    const surname = n.split(" ")[1];
    const topic = TOPICS[(i * 7) % TOPICS.length];
    if (i % 10 === 9) out.push(`Session ${Math.floor(i / 10) + 1} on ${topic}`);
    const para = [
      `${ROLES[i % ROLES.length]} ${n} said on day ${i + 1} that ${topic} would cost more than the city had planned.`,
      `“We cannot sign off on ${topic} until the numbers are in front of us,” ${surname} said.`,
      `According to the finance office, spending on ${topic} rose by ${(i % 9) + 2} percent last year.`,
      `He added that the council could vote on it before the summer recess, while others were cited as opposing any delay.`,
      `The meeting ran for ${(i % 4) + 2} hours and ended without a decision on ${topic}.`,
    ].join(" ");
    out.push(para);
    count += para.split(/\s+/).length;
  }
  return out.join("\n") + "\n";
}

/**
 * Experiment 5: `factcheck extract` on a generated 10,000-word article, against segmenting the same text
 * alone (a cold Segmenter, plain text) — the ratio issue 10 asks for. Both warmed first on a 500-word
 * article, so the times are the per-article cost, not the one-off loading of the models.
 */
export function extractSpeed(ctx: BenchContext): Section {
  const { nlp, log } = ctx;
  const words = ctx.sizes.quick ? 2_000 : 10_000;
  const text = generateArticle(words);
  const count = text.split(/\s+/).filter(Boolean).length;
  const s = section(
    "extract",
    `5. Extracting a claims database from a ${count.toLocaleString("en-US")}-word article`,
    "segmenting it alone",
  );
  extractClaims({ nlp, text: generateArticle(500), title: "warm-up" });
  new Segmenter(nlp).segmentDraft(generateArticle(500), "plaintext");
  const seg = repeat(() => new Segmenter(nlp).segmentDraft(text, "plaintext"), { maxReps: 5, budgetMs: 5_000 });
  const ext = repeat(() => extractClaims({ nlp, text, title: "Generated" }), { maxReps: 5, budgetMs: 10_000 });
  const base = addBaseline(s, {
    name: "segmentDraft (plain text, a cold Segmenter)",
    ...vals(seg),
    unit: "ms",
    n: reps(seg.samples.length),
    detail: `${count.toLocaleString("en-US")} words, ${text.length.toLocaleString("en-US")} characters`,
  });
  addRow(
    s,
    {
      name: "extractClaims (cues, contents, sources, speakers)",
      ...vals(ext),
      unit: "ms",
      n: reps(ext.samples.length),
      detail: `${ext.last.claims.length} claims; the goal: at most 1 s for 10,000 words`,
    },
    base,
  );
  log(`extract ${count} words: ${ext.ms.toFixed(0)} ms, segmenting ${seg.ms.toFixed(0)} ms`);
  return s;
}

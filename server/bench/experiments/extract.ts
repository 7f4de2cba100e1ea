// Extraction speed: `factcheck extract` on a generated 10,000-word news article (attributions of every
// shape: "X said that …", “…,” X said, according to X, a passive "were cited as", plain reporting), as
// a ratio to segmenting the same text alone (segmentDraft, plain text). The model and the NLP are
// warmed first, so the numbers are the per-article cost, not the one-off loading.
import { extractClaims } from "../../src/core/extract/index.js";
import { createNlp, type Nlp } from "../../src/core/nlp.js";
import { Segmenter } from "../../src/core/segment/segmenter.js";
import { median, now } from "../timing.js";

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

export async function extractExperiment(
  nlp: Nlp = createNlp(),
): Promise<{ name: string; value: number; unit: string; ratio?: number; baseline?: string }[]> {
  const text = generateArticle(10_000);
  const words = text.split(/\s+/).filter(Boolean).length;
  extractClaims({ nlp, text: generateArticle(500), title: "warm-up" });
  new Segmenter(nlp).segmentDraft(generateArticle(500), "plaintext");
  const reps = 5;
  const seg: number[] = [];
  const ext: number[] = [];
  let claims = 0;
  for (let r = 0; r < reps; r++) {
    const cold = new Segmenter(nlp); // its own caches: a cold segmentation
    let t = now();
    cold.segmentDraft(text, "plaintext");
    seg.push(now() - t);
    t = now();
    claims = extractClaims({ nlp, text, title: "Generated" }).claims.length;
    ext.push(now() - t);
  }
  const s = median(seg);
  const e = median(ext);
  return [
    { name: `segment a ${words}-word article (plain text)`, value: Math.round(s), unit: "ms" },
    {
      name: `extract a ${words}-word article (${claims} claims)`,
      value: Math.round(e),
      unit: "ms",
      ratio: Math.round((e / s) * 100) / 100,
      baseline: "segmenting alone",
    },
  ];
}

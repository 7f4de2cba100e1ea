// Whether a cue candidate is an attribution worth keeping, once its content and source are found. The cue
// tagger looks at a few words around a token; many words are cues only some of the time ("think",
// "want", "support", "call"), and whether this one is depends on what the rest of the pipeline makes of
// it: a person or a noun that heads sources as its subject, a "that" clause or a quotation as its content.
// So the tagger proposes cues generously (a higher bias than its own best balance) and this linear model
// (model/keep-model.json, trained by scripts/train-extractor.mjs on candidates from cue taggers that did
// not see the article) scores each candidate's whole attribution; below its threshold the candidate is
// dropped. The same function feeds training and extraction, so a change here needs the model retrained.
import { complement, nounKind, strongest } from "./features.js";
import type { Pieces } from "./source-model.js";
import type { XDoc } from "./tokens.js";

export interface KeepCandidate {
  cue: readonly [number, number];
  pieces: Pieces;
  /** The source mention chosen (token range), or null. */
  source: readonly [number, number] | null;
  /** How strongly the cue tagger marks the cue: the largest B-over-O margin of its tokens, before any bias. */
  strength: number;
  /** How far the source model's pick is ahead of its runner-up, and of "no source" (0 when none wins). */
  sourceMargin: number;
  overNone: number;
  /** The source the span rules found (token range), or null. */
  ruleSource: readonly [number, number] | null;
  /** No source in the clause, but an active cue: the speaker is the one last named ("…, and noted that …"). */
  inherit: boolean;
  /** A passive cue ("were cited as"). */
  passive: boolean;
  /** Whether the span rules found an attribution for the cue: with a source, without one, or none. */
  rule: "src" | "nosrc" | "none";
}

const sizeBucket = (n: number) => (n <= 2 ? String(n) : n <= 4 ? "3-4" : n <= 8 ? "5-8" : n <= 16 ? "9-16" : n <= 32 ? "17-32" : "33+");
const marginBucket = (m: number) =>
  m === Infinity ? "inf" : m < 0.5 ? "0" : m < 1 ? "0.5" : m < 2 ? "1" : m < 4 ? "2" : m < 8 ? "4" : m < 16 ? "8" : "16";
const strengthBucket = (s: number) => String(Math.max(-6, Math.min(6, Math.floor(s / 4))));

/** Feature strings of a candidate attribution; `lexicon` and `nouns` are the cue model's. */
export function keepFeatures(doc: XDoc, c: KeepCandidate, lexicon: Readonly<Record<string, string>>, nouns: ReadonlySet<string>): string[] {
  const tk = doc.tokens;
  const [a, b] = c.cue;
  const sent = doc.sentences[tk[a].sentence];
  const inS = (j: number) => j >= sent.first && j <= sent.last;
  const head = tk.slice(a, b + 1).find((t) => t.pos === "VERB") ?? (tk[b].pos === "ADP" || tk[b].pos === "PART" ? tk[a] : tk[b]);
  const x = lexicon[head.lemma] ?? "0";
  const l = x === "0" ? "<other>" : head.lemma;
  const st = strengthBucket(c.strength);
  const comp = complement(doc, b, inS);
  // the source: its kind and where it stands
  let sk = "none";
  let sd = "-";
  if (c.source) {
    sk = nounKind(doc, c.source[1], () => true, nouns);
    const left = c.source[1] < a;
    const d = left ? a - c.source[1] : c.source[0] - b;
    sd = `${left ? "L" : "R"}${d <= 1 ? "1" : d <= 3 ? "2-3" : d <= 8 ? "4-8" : "9+"}`;
  }
  // the content: how long, how it opens, how much of it is quoted, where it lies against the cue
  let words = 0;
  let quoted = 0;
  let firstTok = -1;
  const lo = Math.min(...c.pieces.map((p) => p[0]));
  const hi = Math.max(...c.pieces.map((p) => p[1]));
  let from = a;
  while (from > 0 && tk[from - 1].end > lo) from--;
  while (from < tk.length && tk[from].end <= lo) from++;
  for (let i = from; i < tk.length && tk[i].start < hi; i++) {
    const t = tk[i];
    if (!c.pieces.some(([s, e]) => t.start >= s && t.end <= e)) continue;
    if (firstTok < 0) firstTok = i;
    if (!/\p{L}|\p{N}/u.test(t.value)) continue;
    words++;
    if (t.inQuote) quoted++;
  }
  const ft = firstTok >= 0 ? tk[firstTok] : undefined;
  const cs = !ft
    ? "-"
    : ft.lower === "that"
      ? "that"
      : ft.lower === "to"
        ? "to"
        : ft.value === "“" || ft.value === '"' || ft.value === "‘"
          ? "quote"
          : ft.lower === "whether" || ft.lower === "if" || ft.lower === "how" || ft.lower === "why" || ft.lower === "what"
            ? "wh"
            : ft.pos;
  const cq = words === 0 ? "-" : quoted === words ? "all" : quoted * 2 >= words ? "most" : quoted ? "some" : "none";
  const cueStart = tk[a].start;
  const cueEnd = tk[b].end;
  const side = c.pieces.every(([, e]) => e <= cueStart) ? "before" : c.pieces.every(([s]) => s >= cueEnd) ? "after" : "around";
  const len = sizeBucket(words);
  const [sb, sa] = strongest(doc, a, inS, lexicon);
  const f = [
    "b",
    `x=${x}`,
    `l=${l}`,
    `st=${st}`,
    `xst=${x}|${st}`,
    `n=${Math.min(b - a + 1, 4)}`,
    `comp=${comp}`,
    `xcomp=${x}|${comp}`,
    `lcomp=${l}|${comp}`,
    `sk=${sk}`,
    `sd=${sk}|${sd}`,
    `xsk=${x}|${sk}`,
    `lsk=${l}|${sk}`,
    `stsk=${st}|${sk}`,
    `len=${len}`,
    `xlen=${x}|${len}`,
    `cs=${cs}`,
    `xcs=${x}|${cs}`,
    `lcs=${l}|${cs}`,
    `skcs=${sk}|${cs}`,
    `cq=${cq}`,
    `xcq=${x}|${cq}`,
    `side=${side}|${cq}`,
    `pieces=${Math.min(c.pieces.length, 2)}`,
    `inq=${tk[a].inQuote}`,
    `xinq=${x}|${tk[a].inQuote}`,
    `rule=${c.rule}`,
    `xrule=${x}|${c.rule}`,
    `pas=${c.passive}|${sk}`,
    `inh=${c.inherit}|${x}|${st}`,
    `sm=${sk}|${marginBucket(c.sourceMargin)}`,
    `on=${marginBucket(c.overNone)}`,
    `xsm=${x}|${marginBucket(c.sourceMargin)}`,
    `rs=${!c.ruleSource ? (c.source ? "rule-none" : "both-none") : !c.source ? "model-none" : c.ruleSource[1] === c.source[1] ? "same" : "differ"}`,
    `sb=${x}|${sb}|${sa}`,
    `first=${a === sent.first}|${x}`,
    `sq=${sent.quoted}|${x}|${cq}`,
  ];
  return f;
}

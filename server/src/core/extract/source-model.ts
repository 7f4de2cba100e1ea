// Who says it: for a cue, the source mention chosen among the noun phrases of its sentence (or none)
// by a ranking model learned from PolNeAR (model/source-model.json, trained by
// scripts/train-extractor.mjs). Candidates are the heads of noun phrases and the personal pronouns
// outside the content; each gets features relative to the cue (side, distance, what lies between,
// the words around it), and the highest-scoring one wins, "none" included (a passive without an agent).
// The same functions feed training and extraction, so a change here needs the model retrained.
import { score, type ScoringModel } from "./perceptron.js";
import { npEndingAt } from "./spans.js";
import type { XDoc } from "./tokens.js";
import { PERSONAL_PRONOUNS, TEMPORAL, VERB_GROUP } from "./words.js";

export interface SourceCandidate {
  /** Token range [first, last] of the mention; null for "no source". */
  span: [number, number] | null;
  /** The head token (the last of the noun phrase). */
  head: number;
}

const NOUNISH: ReadonlySet<string> = new Set(["PROPN", "NOUN"]);
/** "Two in three", "one out of four", "three of the five": a number that heads a share of people. */
const SHARE_OF: ReadonlySet<string> = new Set(["in", "out", "of"]);
/** How far from the cue (in tokens) a source is looked for. */
const REACH = 30;

const bucket = (d: number) => (d <= 3 ? String(d) : d <= 5 ? "4-5" : d <= 8 ? "6-8" : d <= 12 ? "9-12" : d <= 20 ? "13-20" : "21+");

/** Content pieces: character ranges [start, end) ("“…,” she said. “…”" has two). */
export type Pieces = readonly (readonly [number, number])[];
const inside = (pieces: Pieces, s: number, e: number) => pieces.some(([ps, pe]) => s >= ps && e <= pe);

/** The candidate sources of the cue [a, b] whose content is `content`. */
export function sourceCandidates(doc: XDoc, [a, b]: [number, number], content: Pieces): SourceCandidate[] {
  const tk = doc.tokens;
  const sent = doc.sentences[tk[a].sentence];
  const out: SourceCandidate[] = [{ span: null, head: -1 }];
  const lo = Math.max(sent.first, a - REACH);
  const hi = Math.min(sent.last, b + REACH);
  let paren = 0;
  for (let i = lo; i <= hi; i++) {
    const t = tk[i];
    // "Sen. Jack Reed (D-R.I.)": what a parenthesis holds describes the noun before it
    if (t.value === "(") paren++;
    else if (t.value === ")") paren = Math.max(0, paren - 1);
    if (paren || (i >= a && i <= b)) continue;
    if (t.inQuote || inside(content, t.start, t.end)) continue;
    if (t.pos === "PRON") {
      if (PERSONAL_PRONOUNS.has(t.lower)) out.push({ span: [i, i], head: i });
      continue;
    }
    const next = tk[i + 1];
    // "Two in three said", "one out of four": a share of people heads the source
    if (t.pos === "NUM" && next && SHARE_OF.has(next.lower) && !(i + 1 >= a && i + 1 <= b)) {
      out.push({ span: npEndingAt(doc, i, i < a ? sent.first : b + 1) ?? [i, i], head: i });
      continue;
    }
    // a time is never the source ("Broaddrick said Sunday night", "an open letter Monday")
    if (!NOUNISH.has(t.pos) || TEMPORAL.has(t.lower)) continue;
    // the last noun of a run ("press secretary Karoline Leavitt" → Leavitt); "Trump 's" stays a candidate
    // (a cue the tagger reads as a noun ends the run: "Viguerie notes")
    if (
      next &&
      next.sentence === t.sentence &&
      NOUNISH.has(next.pos) &&
      !inside(content, next.start, next.end) &&
      !(i + 1 >= a && i + 1 <= b) &&
      !TEMPORAL.has(next.lower)
    )
      continue;
    const np = npEndingAt(doc, i, i < a ? sent.first : b + 1) ?? [i, i];
    out.push({ span: np, head: i });
  }
  // "according to recent polling, …": the phrase after "according to" up to its comma names the source even
  // when the tagger reads no noun in it ("polling" as a verb)
  const to = tk[b].lower === "to" ? b : tk[b + 1]?.lower === "to" ? b + 1 : -1;
  if (to >= 0 && tk[to - 1]?.lower === "according") {
    let e = to;
    while (e + 1 <= sent.last && e - to < 8 && !/^[,;:.()—–]$/.test(tk[e + 1].value) && !tk[e + 1].inQuote) e++;
    const clear = (k: number) => !inside(content, tk[k].start, tk[k].end);
    let ok = e > to;
    for (let k = to + 1; ok && k <= e; k++) ok = clear(k) && (tk[k].pos !== "VERB" || /ing$/.test(tk[k].lower));
    if (ok && !out.some((c) => c.span && c.head > to && c.head <= e)) out.push({ span: [to + 1, e], head: e });
  }
  return out;
}

/**
 * Feature strings of candidate `c` for the cue [a, b] with content `pieces`. `rule` is the source the
 * span rules (spans.ts) found: a token range, null for "no source", undefined when they found no
 * attribution; the model learns how far to trust them.
 */
export function sourceFeatures(
  doc: XDoc,
  [a, b]: [number, number],
  pieces: Pieces,
  c: SourceCandidate,
  nouns: ReadonlySet<string>,
  rule?: [number, number] | null,
): string[] {
  const tk = doc.tokens;
  const content = [Math.min(...pieces.map((p) => p[0])), Math.max(...pieces.map((p) => p[1]))];
  const cueLemma = tk[b].pos === "ADP" || tk[b].pos === "PART" ? tk[a].lemma : tk[b].lemma;
  const sent = doc.sentences[tk[a].sentence];
  const contentBefore = content[1] <= tk[a].start;
  // "was cited", or a cue group holding its auxiliary ("were cited as")
  const passive =
    (a - 1 >= sent.first && tk[a - 1].lemma === "be" && /ed$|wn$|en$/.test(tk[a].lower)) ||
    (tk[a].lemma === "be" && tk.slice(a + 1, b + 1).some((t) => t.pos === "VERB" && /ed$|wn$|en$/.test(t.lower)));
  const ruleTag = rule === undefined ? "absent" : rule === null ? "none" : "some";
  if (!c.span) {
    return [
      `none|rule=${ruleTag}`,
      `none|rule=${ruleTag}|passive=${passive}`,
      "none",
      `none|cue=${cueLemma}`,
      `none|passive=${passive}`,
      `none|cb=${contentBefore}`,
      `none|first=${a === sent.first}`,
      `none|prev=${a > sent.first ? tk[a - 1].lower : "<s>"}`,
      `none|next=${tk[b + 1]?.lower ?? "<e>"}`,
    ];
  }
  const i = c.head;
  const t = tk[i];
  const [s0] = c.span;
  const left = i < a;
  const dir = left ? "L" : "R";
  const d = left ? a - i : i - b;
  const between = left ? tk.slice(i + 1, a) : tk.slice(b + 1, s0);
  let commas = 0,
    nouns2 = 0,
    verbs = 0,
    quotes = 0,
    thats = 0;
  let adjacent = true;
  for (const x of between) {
    if (x.value === ",") commas++;
    if (x.value === "“" || x.value === "”" || x.value === '"') quotes++;
    if (NOUNISH.has(x.pos) || x.pos === "PRON") nouns2++;
    if (x.pos === "VERB") verbs++;
    if (x.lower === "that" || x.lower === "who" || x.lower === "which") thats++;
    if (!(VERB_GROUP.has(x.lower) || x.pos === "ADV" || x.pos === "AUX" || x.pos === "PART")) adjacent = false;
  }
  const w = t.pos === "PROPN" ? "<propn>" : t.lemma;
  const prev = s0 > sent.first ? tk[s0 - 1] : undefined;
  const next = i < sent.last ? tk[i + 1] : undefined;
  const propnRun = tk.slice(c.span[0], i + 1).filter((x) => x.pos === "PROPN").length;
  const side = t.end <= content[0] ? "B" : t.start >= content[1] ? "A" : "I";
  const f = [
    "b",
    `dir=${dir}`,
    `dd=${dir}${bucket(d)}`,
    `pos=${t.pos}`,
    `pd=${t.pos}|${dir}${bucket(d)}`,
    `w=${w}`,
    `wd=${w}|${dir}`,
    `nx=${next ? next.lower : "<e>"}|${dir}`,
    `nxp=${next ? next.pos : "<e>"}|${dir}`,
    `pv=${prev ? prev.lower : "<s>"}`,
    `pvp=${prev ? prev.pos : "<s>"}|${dir}`,
    `bc=${Math.min(commas, 2)}|${dir}`,
    `bn=${Math.min(nouns2, 3)}|${dir}`,
    `bv=${Math.min(verbs, 2)}|${dir}`,
    `bq=${Math.min(quotes, 2)}|${dir}`,
    `bt=${Math.min(thats, 1)}|${dir}`,
    `adj=${adjacent}|${dir}`,
    `adjd=${adjacent}|${dir}${bucket(d)}`,
    `cue=${cueLemma}|${dir}`,
    `cueadj=${cueLemma}|${dir}|${adjacent}`,
    `sfirst=${s0 === sent.first}`,
    `side=${side}|${dir}`,
    `cb=${contentBefore}|${dir}`,
    `run=${Math.min(propnRun, 3)}`,
    `noun=${nouns.has(t.lemma)}|${t.pos}`,
    `passive=${passive}|${dir}`,
    `pp=${prev ? prev.lower : "<s>"}|${dir}|${adjacent}`,
  ];
  const byRule = !!rule && i >= rule[0] && i <= rule[1];
  f.push(`rule=${ruleTag}|${byRule}`, `rule=${byRule}|${dir}|${t.pos}`, `rule=${byRule}|adj=${adjacent}`);
  if (prev?.lower === "to" && tk[s0 - 2]?.lower === "according") f.push("according-to");
  if (prev?.lower === "by") f.push(`by|${passive}`);
  if (t.pos === "PRON") f.push(`pron=${t.lower}|${dir}|${adjacent}`);
  // a noun phrase whose prepositional phrases run on to the cue ("Ruiz and Okafor of the University of
  // Eastfield, Harborside, said"): the candidate heads the source, the nouns of its phrases do not; and
  // a candidate that is the object of such a phrase ("Harborside", "Washington" in "Republicans in Washington")
  if (left) {
    const chain = ppChain(doc, i, a);
    f.push(`chain=${chain}|${t.pos}`, `chain=${chain}|${adjacent}`);
    const ofPrev = prev && prev.pos === "ADP" && s0 - 2 >= sent.first && NOUNISH.has(tk[s0 - 2].pos);
    f.push(`ppobj=${ofPrev ? prev.lower : "-"}|${adjacent}`);
    // "Ann Roe of Aurora, Colorado, said", "the University of California, Berkeley": a place after a comma
    // that ends a prepositional phrase ("of Aurora") qualifies the noun before it; it is not the speaker
    const placeAfter =
      prev?.value === "," &&
      s0 - 2 >= sent.first &&
      tk[s0 - 2].pos === "PROPN" &&
      tk.slice(Math.max(sent.first, s0 - 5), s0 - 1).some((x) => x.pos === "ADP");
    if (placeAfter) f.push(`place|${t.pos}|${adjacent}`);
  }
  return f;
}

/**
 * Whether the words between head `i` and the cue starting at `a` are prepositional phrases attached to it:
 * a preposition right after the head, then only noun-phrase words, prepositions, commas and brackets.
 */
function ppChain(doc: XDoc, i: number, a: number): boolean {
  const tk = doc.tokens;
  if (i + 1 >= a || tk[i + 1].pos !== "ADP" || tk[i + 1].lower === "that") return false;
  for (let k = i + 2; k < a; k++) {
    const x = tk[k];
    if (x.inQuote) return false;
    if (NOUNISH.has(x.pos) || x.pos === "DET" || x.pos === "ADJ" || x.pos === "NUM" || x.pos === "ADP" || x.pos === "CCONJ") continue;
    if (x.value === "," || x.value === "(" || x.value === ")" || x.value === "." || x.value === "-" || x.value === "'s" || x.value === "’s")
      continue;
    if (VERB_GROUP.has(x.lower) || x.pos === "AUX" || x.pos === "ADV") continue;
    return false;
  }
  return true;
}

/**
 * The best candidate for the cue: the one the model scores highest (ties: the first), with how far ahead
 * of the runner-up it is (`margin`) and of "no source" (`overNone`, 0 when no source wins): how sure the
 * model is, which the keep model reads.
 */
export function chooseSource(
  doc: XDoc,
  cue: [number, number],
  content: Pieces,
  model: ScoringModel,
  nouns: ReadonlySet<string>,
  rule?: [number, number] | null,
): SourceCandidate & { margin: number; overNone: number } {
  let best: SourceCandidate | undefined;
  let bestScore = -Infinity;
  let second = -Infinity;
  let none = -Infinity;
  for (const c of sourceCandidates(doc, cue, content)) {
    const s = score(model, sourceFeatures(doc, cue, content, c, nouns, rule));
    if (!c.span) none = s;
    if (s > bestScore) {
      second = bestScore;
      bestScore = s;
      best = c;
    } else if (s > second) second = s;
  }
  if (!best) return { span: null, head: -1, margin: Infinity, overNone: 0 };
  return { ...best, margin: bestScore - second, overNone: best.span ? bestScore - none : 0 };
}

// What a cue attributes: the content, tagged by a BIO tagger (tagger.ts, model/content-model.json, trained
// by scripts/train-extractor.mjs on PolNeAR) over a window of tokens around the cue. A token's features say
// where it lies relative to the cue (side, distance, sentences apart, commas and "that" between), whether
// it is inside quotation marks and inside the quotation that opens right after (or closes right before)
// the cue, its words and tags, and whether the span rules (spans.ts) put it in the content — the model
// learns where those rules hold ("said that …", "“…,” she said") and where they end too early or late.
// A content may come in pieces ("“…,” she said. “…”"): each B…I run is one. The same functions feed
// training and extraction, so a change here needs the model retrained.
import type { Pieces } from "./source-model.js";
import { addEmission, O, spansOf, viterbi, type Tagger } from "./tagger.js";
import type { XDoc, XToken } from "./tokens.js";

/** How far from the cue, in tokens, a content is looked for (PolNeAR: 99% within 50 before, 75 after). */
const BEFORE = 80;
const AFTER = 160;
/** Sentences of the cue's paragraph before and after it that the window may reach. */
const SENTENCES_BEFORE = 2;
const SENTENCES_AFTER = 4;

const bucket = (d: number) => (d <= 3 ? String(d) : d <= 6 ? "4-6" : d <= 10 ? "7-10" : d <= 20 ? "11-20" : d <= 40 ? "21-40" : "41+");
const isMark = (t: XToken) => t.value === "“" || t.value === "”" || t.value === '"';

/** The token window [lo, hi] (inclusive) a content of the cue [a, b] is looked for in. */
export function contentWindow(doc: XDoc, [a, b]: readonly [number, number]): [number, number] {
  const tk = doc.tokens;
  const s = tk[a].sentence;
  const para = doc.sentences[s].paragraph;
  let s0 = s;
  while (s0 > 0 && s - s0 < SENTENCES_BEFORE && doc.sentences[s0 - 1].paragraph === para) s0--;
  let s1 = doc.tokens[b].sentence;
  while (s1 + 1 < doc.sentences.length && s1 - s < SENTENCES_AFTER && doc.sentences[s1 + 1].paragraph === para) s1++;
  return [Math.max(doc.sentences[s0].first, a - BEFORE), Math.min(doc.sentences[s1].last, b + AFTER)];
}

/** The first token of the run of quoted tokens (within its paragraph) that token `i` is in. */
function runStart(doc: XDoc, i: number): number {
  const tk = doc.tokens;
  const para = doc.sentences[tk[i].sentence].paragraph;
  let j = i;
  while (j > 0 && tk[j - 1].inQuote && doc.sentences[tk[j - 1].sentence].paragraph === para) j--;
  return j;
}

/** Whether character range [s, e) lies in one of the pieces. */
const within = (pieces: Pieces | undefined, s: number, e: number) => !!pieces && pieces.some(([ps, pe]) => s >= ps && e <= pe);

/**
 * Feature lists of the window's tokens for the cue [a, b]. `rule` is the content the span rules give the
 * cue (undefined when they give none); `lexicon` the cue lexicon (lemma → how often it is a cue, "1"–"5").
 */
export function contentFeatures(
  doc: XDoc,
  [a, b]: readonly [number, number],
  [lo, hi]: readonly [number, number],
  rule: Pieces | undefined,
  lexicon: Readonly<Record<string, string>>,
  cues: Uint8Array,
): string[][] {
  const tk = doc.tokens;
  const cueS = tk[a].sentence;
  const cueQ = tk[a].inQuote;
  const head = tk.slice(a, b + 1).find((t) => t.pos === "VERB") ?? (tk[b].pos === "ADP" ? tk[a] : tk[b]);
  const cl = lexicon[head.lemma] ? head.lemma : "<other>";
  const ruleTag = rule ? "r" : "n";
  // the quotation right after the cue (its opening mark within four tokens) and the one right before it
  // (closing within eight: "“…,” Sen. Graham said")
  // (all of it independent of the window's bounds, so that a window cut to the cue's sentence gives its
  // tokens the features the whole window would)
  let openAfter = -1;
  for (let k = b + 1; k <= Math.min(tk.length - 1, b + 4); k++)
    if (isMark(tk[k]) && tk[k].inQuote && (k === 0 || !tk[k - 1].inQuote || isMark(tk[k - 1]))) {
      openAfter = k;
      break;
    }
  let closeBefore = -1;
  for (let k = a - 1; k >= Math.max(0, a - 8); k--)
    if (isMark(tk[k]) && tk[k].inQuote && (k + 1 >= tk.length || !tk[k + 1].inQuote || k + 1 === a)) {
      closeBefore = k;
      break;
    }
  // quotation runs: run[i] is the index of the first token of the run of quoted tokens i is in, else -1
  const run = new Int32Array(hi - lo + 1).fill(-1);
  for (let i = lo; i <= hi; i++) if (tk[i].inQuote) run[i - lo] = i > lo && tk[i - 1].inQuote ? run[i - 1 - lo] : runStart(doc, i);
  const runAfter = openAfter >= 0 ? runStart(doc, openAfter) : -2;
  const runBefore = closeBefore >= 0 ? runStart(doc, closeBefore) : -2;
  // commas, "that" and strong cue words between each token and the cue, counted outwards from the cue
  const commas = new Uint8Array(hi - lo + 1);
  const that = new Uint8Array(hi - lo + 1);
  const cueWord = new Uint8Array(hi - lo + 1);
  // another attribution's cue between the token and this cue: its content ends there (siblings, not nested)
  const other = new Uint8Array(hi - lo + 1);
  const isOther = (i: number) => cues[i] === 1 && (i < a || i > b);
  const strong = (t: XToken) => !t.inQuote && (lexicon[t.lemma] === "5" || lexicon[t.lemma] === "4") && t.pos === "VERB";
  for (let i = b + 1, c = 0, th = 0, cw = 0, oc = 0; i <= hi; i++) {
    if (isOther(i)) oc = 1;
    other[i - lo] = oc;
    commas[i - lo] = Math.min(c, 2);
    that[i - lo] = th;
    cueWord[i - lo] = cw;
    if (tk[i].value === ",") c++;
    if (tk[i].lower === "that" && i <= b + 6) th = 1;
    if (strong(tk[i])) cw = 1;
  }
  for (let i = a - 1, c = 0, cw = 0, oc = 0; i >= lo; i--) {
    if (isOther(i)) oc = 1;
    other[i - lo] = oc;
    commas[i - lo] = Math.min(c, 2);
    cueWord[i - lo] = cw;
    if (tk[i].value === ",") c++;
    if (strong(tk[i])) cw = 1;
  }
  // looking ahead from each token to its sentence's end: a closing quotation mark, a strong cue word
  const restCue = new Uint8Array(hi - lo + 1);
  const restClose = new Uint8Array(hi - lo + 1);
  for (let i = hi, cw = 0, cq = 0, s = -1; i >= lo; i--) {
    if (tk[i].sentence !== s) {
      s = tk[i].sentence;
      cw = 0;
      cq = 0;
    }
    restCue[i - lo] = cw;
    restClose[i - lo] = cq;
    if (strong(tk[i]) && (i < a || i > b)) cw = 1;
    if (tk[i].value === "”" || (tk[i].value === '"' && tk[i].inQuote && !(tk[i + 1]?.inQuote ?? false))) cq = 1;
  }
  const out: string[][] = [];
  for (let i = lo; i <= hi; i++) {
    const t = tk[i];
    const dir = i < a ? "L" : i > b ? "R" : "C";
    const d = dir === "L" ? a - i : dir === "R" ? i - b : 0;
    const so = Math.max(-2, Math.min(2, t.sentence - cueS));
    const sent = doc.sentences[t.sentence];
    const prev = i > 0 ? tk[i - 1] : undefined;
    const next = i + 1 < tk.length ? tk[i + 1] : undefined;
    const inRule = within(rule, t.start, t.end);
    const prevRule = prev ? within(rule, prev.start, prev.end) : false;
    const nextRule = next ? within(rule, next.start, next.end) : false;
    const r = run[i - lo];
    const qr = r < 0 ? "-" : r === runAfter ? "A" : r === runBefore ? "B" : "o";
    const db = `${dir}${bucket(d)}`;
    const k = i - lo;
    const f = [
      "b",
      `d=${db}`,
      `so=${dir}|${so}`,
      `q=${t.inQuote}|${cueQ}|${dir}`,
      `qr=${qr}|${dir}`,
      `qrd=${qr}|${db}`,
      `qrs=${qr}|${so}`,
      `p=${t.pos}|${dir}`,
      `w=${t.lower}|${dir}`,
      `w-1=${prev ? prev.lower : "<w>"}|${dir}`,
      `w+1=${next ? next.lower : "<w>"}|${dir}`,
      `p-1=${prev ? prev.pos : "<w>"}|${t.pos}|${dir}`,
      `p+1=${t.pos}|${next ? next.pos : "<w>"}|${dir}`,
      `c=${commas[k]}|${dir}`,
      `cd=${commas[k]}|${db}`,
      `th=${that[k]}|${dir}`,
      `cw=${cueWord[k]}|${dir}`,
      `cwq=${cueWord[k]}|${qr}|${dir}`,
      `r=${ruleTag}${inRule}`,
      `rd=${ruleTag}${inRule}|${dir}`,
      `rp=${inRule}|${t.pos}`,
      `redge=${prevRule}|${inRule}|${nextRule}`,
      `rq=${inRule}|${qr}`,
      `cl=${cl}|${dir}`,
      `clr=${cl}|${dir}|${inRule}`,
      `cld=${cl}|${db}`,
      `last=${i === sent.last}|${t.pos}|${dir}`,
      `first=${i === sent.first}|${dir}`,
      `cs=${so === 0}|${inRule}|${t.inQuote}`,
      `toEnd=${bucket(sent.last - i)}|${dir}`,
      `oc=${other[k]}|${dir}`,
      `ocd=${other[k]}|${db}`,
      `ocq=${other[k]}|${t.inQuote}|${so}`,
      `ocr=${other[k]}|${inRule}`,
      `rest=${restCue[k]}|${restClose[k]}|${t.inQuote}|${dir}`,
      `restp=${restCue[k]}|${t.pos}|${dir}`,
    ];
    out.push(f);
  }
  return out;
}

/**
 * The content of the cue [a, b]: the pieces the tagger marks in its window, as character ranges in text
 * order (empty when it marks none: then the cue attributes nothing the model can find).
 */
export function contentOf(
  doc: XDoc,
  cue: readonly [number, number],
  rule: Pieces | undefined,
  tagger: Tagger,
  lexicon: Readonly<Record<string, string>>,
  cues: Uint8Array,
): [number, number][] {
  const full = contentWindow(doc, cue);
  // the cue's sentence first (most contents lie in it); the whole window only when the content may run
  // beyond it: a label at the sentence's edge, or a quotation mark or quoted token right outside it
  const tk = doc.tokens;
  const sent = doc.sentences[tk[cue[0]].sentence];
  const small: [number, number] = [Math.max(full[0], sent.first), Math.min(full[1], sent.last)];
  let win = small;
  let labels = decode(doc, cue, small, rule, tagger, lexicon, cues);
  const spill =
    (small[0] > full[0] && (labels[0] !== O || tk[small[0] - 1].inQuote)) ||
    (small[1] < full[1] && (labels[labels.length - 1] !== O || tk[small[1] + 1].inQuote));
  if (spill) {
    win = full;
    labels = decode(doc, cue, full, rule, tagger, lexicon, cues);
  }
  return spansOf(labels).map(([x, y]) => [tk[win[0] + x].start, tk[win[0] + y].end]);
}

function decode(
  doc: XDoc,
  cue: readonly [number, number],
  win: readonly [number, number],
  rule: Pieces | undefined,
  tagger: Tagger,
  lexicon: Readonly<Record<string, string>>,
  cues: Uint8Array,
): Uint8Array {
  const fs = contentFeatures(doc, cue, win, rule, lexicon, cues);
  const em = new Float64Array(fs.length * 3);
  fs.forEach((f, i) => addEmission(tagger, f, em, i * 3));
  return viterbi(em, fs.length, tagger.transitions);
}

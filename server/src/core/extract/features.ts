// Features of one token for the cue model: is this token part of an attribution cue ("said",
// "according to", "ruled out", "in a statement")? The same function feeds training
// (scripts/train-extractor.mjs) and extraction, so a change here needs the model retrained.
import type { XDoc } from "./tokens.js";

const OPEN: ReadonlySet<string> = new Set(["“", '"', "‘"]);
const CLOSE: ReadonlySet<string> = new Set(["”", '"', "’"]);

function word(doc: XDoc, i: number): string {
  const t = doc.tokens[i];
  return t ? t.lower : "<none>";
}
function lemma(doc: XDoc, i: number): string {
  const t = doc.tokens[i];
  return t ? t.lemma : "<none>";
}
function pos(doc: XDoc, i: number): string {
  const t = doc.tokens[i];
  return t ? t.pos : "<none>";
}

/**
 * What follows token `i` (past adverbs and negation): "that", "to" + verb, a quotation, a noun phrase,
 * a preposition (by its word), the sentence's end, or the next tag — the complements cue verbs take.
 */
export function complement(doc: XDoc, i: number, inS: (j: number) => boolean): string {
  const tk = doc.tokens;
  let j = i + 1;
  while (inS(j) && (tk[j].pos === "ADV" || tk[j].pos === "PART") && tk[j].lower !== "to") j++;
  if (!inS(j)) return "END";
  const n = tk[j];
  if (n.lower === "that") return "THAT";
  if (n.lower === "to") return inS(j + 1) && (tk[j + 1].pos === "VERB" || tk[j + 1].pos === "AUX") ? "TOV" : "TO";
  if (OPEN.has(n.value) || (n.inQuote && !tk[i].inQuote)) return "QUOTE";
  if ((n.value === "," || n.value === ":") && inS(j + 1) && (OPEN.has(tk[j + 1].value) || tk[j + 1].inQuote)) return "QUOTE";
  if (n.value === "." || n.value === "!" || n.value === "?") return "END";
  if (n.pos === "DET" || n.pos === "NOUN" || n.pos === "PROPN" || n.pos === "PRON" || n.pos === "NUM") return "NP";
  if (n.pos === "ADP" || n.pos === "SCONJ") return `ADP:${n.lower}`;
  return n.pos;
}

/** What the cue features read beside the lexicon; it ships in model/cue-model.json. */
export interface CueContext {
  /** Nouns that head a source in the training articles ("spokeswoman", "poll"). */
  sourceNouns?: ReadonlySet<string>;
}

/**
 * Feature strings of token `i` of `doc`. Tokens outside the token's sentence read as <none>. `lexicon`
 * maps a lemma to how often it is a cue in the training articles (a bucket: "1" rarely … "5" nearly
 * always), which generalises over the contexts a word was not seen in.
 */
export function cueFeatures(doc: XDoc, i: number, lexicon?: Readonly<Record<string, string>>, context?: CueContext): string[] {
  const t = doc.tokens[i];
  const s = doc.sentences[t.sentence];
  const inS = (j: number) => j >= s.first && j <= s.last;
  const w = (j: number) => (inS(j) ? word(doc, j) : "<b>");
  const l = (j: number) => (inS(j) ? lemma(doc, j) : "<b>");
  const p = (j: number) => (inS(j) ? pos(doc, j) : "<b>");
  const quoteInSentence = s.quoted;
  const q = t.inQuote ? "Q" : "-";
  const f = [
    "b",
    `w=${t.lower}`,
    `l=${t.lemma}`,
    `p=${t.pos}`,
    `lp=${t.lemma}|${t.pos}`,
    `q=${q}`,
    `lq=${t.lemma}|${q}`,
    `pq=${t.pos}|${q}`,
    `sq=${quoteInSentence}`,
    `lsq=${t.lemma}|${quoteInSentence}`,
    `w-1=${w(i - 1)}`,
    `w+1=${w(i + 1)}`,
    `l-1=${l(i - 1)}`,
    `l+1=${l(i + 1)}`,
    `l-2=${l(i - 2)}`,
    `l+2=${l(i + 2)}`,
    `p-1=${p(i - 1)}`,
    `p+1=${p(i + 1)}`,
    `p-2=${p(i - 2)}`,
    `p+2=${p(i + 2)}`,
    `p-1p+1=${p(i - 1)}|${p(i + 1)}`,
    `l|w+1=${t.lemma}|${w(i + 1)}`,
    `l|w-1=${t.lemma}|${w(i - 1)}`,
    `l|p+1=${t.lemma}|${p(i + 1)}`,
    `l|p-1=${t.lemma}|${p(i - 1)}`,
    `w-1|w=${w(i - 1)}|${t.lower}`,
    `w-2|w-1=${w(i - 2)}|${w(i - 1)}`,
    `w+1|w+2=${w(i + 1)}|${w(i + 2)}`,
    `sfx=${t.lower.slice(-3)}`,
    `first=${i === s.first}`,
    `last=${i >= s.last - 1}`,
    `cap=${/^\p{Lu}/u.test(t.value)}`,
  ];
  if (lexicon) {
    const x = lexicon[t.lemma] ?? "0";
    const xp = inS(i - 1) ? (lexicon[doc.tokens[i - 1].lemma] ?? "0") : "b";
    const xn = inS(i + 1) ? (lexicon[doc.tokens[i + 1].lemma] ?? "0") : "b";
    // the subject right before (past auxiliaries and adverbs): "Trump has repeatedly said"
    let k = i - 1;
    while (inS(k) && (doc.tokens[k].pos === "AUX" || doc.tokens[k].pos === "ADV" || doc.tokens[k].pos === "PART")) k--;
    const subj = inS(k) ? doc.tokens[k].pos : "<b>";
    const comp = complement(doc, i, inS);
    f.push(
      `comp=${t.lemma}|${comp}`,
      `xcomp=${x}|${comp}`,
      `pcomp=${t.pos}|${comp}|${q}`,
      `subj=${t.lemma}|${subj}`,
      `xsc=${x}|${subj}|${comp}`,
      `x=${x}`,
      `xq=${x}|${q}`,
      `xp=${x}|${t.pos}`,
      `x-1=${xp}`,
      `x+1=${xn}`,
      `x|x-1=${x}|${xp}`,
      `x|x+1=${x}|${xn}`,
      `xs=${x}|${subj}`,
      `xsq=${x}|${subj}|${quoteInSentence}`,
      `xw+1=${x}|${w(i + 1)}`,
    );
    const sourceNouns = context?.sourceNouns;
    if (sourceNouns) {
      // what kind of noun phrase stands before (past the verb group) and after: a person or a noun that
      // heads sources ("the spokeswoman", "a poll") makes an ambiguous verb ("support", "want", "think")
      // an attribution more often than a thing does
      const before = nounKind(doc, k, inS, sourceNouns);
      const after = nounKind(doc, nextNoun(doc, i, inS), inS, sourceNouns);
      f.push(`sk=${before}`, `xsk=${x}|${before}`, `lsk=${t.lemma}|${before}`, `xak=${x}|${after}|${comp}`, `xska=${x}|${before}|${after}`);
      // the strongest cue word elsewhere in the sentence (outside quotations), before and after: a
      // weaker word after a strong cue is usually inside its content (nested, not annotated)
      const [sb, sa] = strongest(doc, i, inS, lexicon);
      f.push(`xsb=${x}|${sb}`, `xsa=${x}|${sa}`, `xsba=${x}|${sb}|${sa}|${q}`);
    }
  }
  const next = doc.tokens[i + 1];
  const prev = doc.tokens[i - 1];
  if (next && OPEN.has(next.value)) f.push("next-open", `l|next-open=${t.lemma}`);
  if (prev && CLOSE.has(prev.value)) f.push("prev-close", `l|prev-close=${t.lemma}`);
  if (prev && prev.value === "," && doc.tokens[i - 2] && CLOSE.has(doc.tokens[i - 2].value)) f.push("prev-comma-close");
  // the quote a cue introduces or closes: within three tokens either side
  for (let d = 1; d <= 3; d++) {
    const a = doc.tokens[i + d];
    const b = doc.tokens[i - d];
    if (a && inS(i + d) && a.inQuote && !t.inQuote) f.push(`quote-after-${d}`);
    if (b && inS(i - d) && b.inQuote && !t.inQuote) f.push(`quote-before-${d}`);
  }
  return f;
}

/** The first token after `i` (past determiners, adjectives, numbers) that can head a noun phrase, or -1. */
function nextNoun(doc: XDoc, i: number, inS: (j: number) => boolean): number {
  let j = i + 1;
  while (inS(j) && j <= i + 4 && (doc.tokens[j].pos === "DET" || doc.tokens[j].pos === "ADJ" || doc.tokens[j].pos === "NUM")) j++;
  return inS(j) ? j : -1;
}

/** A noun phrase's kind by its token `k`: a personal pronoun, a name, a noun that heads sources, another noun, or what it is. */
export function nounKind(doc: XDoc, k: number, inS: (j: number) => boolean, sourceNouns: ReadonlySet<string>): string {
  if (k < 0 || !inS(k)) return "<b>";
  const t = doc.tokens[k];
  if (t.pos === "PRON") return /^(?:he|she|they|i|we|you|who)$/.test(t.lower) ? "PERS" : "PRON";
  if (t.pos === "PROPN") return "NAME";
  if (t.pos === "NOUN") return sourceNouns.has(t.lemma) ? "SRC" : "NOUN";
  return t.pos;
}

/**
 * The lexicon buckets of the strongest cue words before and after token `i` in its sentence, outside
 * quotations, within 30 tokens (a bounded scan: linear in the text).
 */
export function strongest(doc: XDoc, i: number, inS: (j: number) => boolean, lexicon: Readonly<Record<string, string>>): [string, string] {
  let b = "0";
  let a = "0";
  for (let j = i - 1; j >= i - 30 && inS(j); j--) {
    const x = doc.tokens[j].inQuote ? undefined : lexicon[doc.tokens[j].lemma];
    if (x !== undefined && x > b) b = x;
  }
  for (let j = i + 1; j <= i + 30 && inS(j); j++) {
    const x = doc.tokens[j].inQuote ? undefined : lexicon[doc.tokens[j].lemma];
    if (x !== undefined && x > a) a = x;
  }
  return [b >= "4" ? b : "low", a >= "4" ? a : "low"];
}

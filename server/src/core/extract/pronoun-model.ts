// Who "he", "she", "who" or "they" is: for a pronoun that is a cue's source, the named mention it
// refers to, chosen among the proper-noun mentions before it by a ranking model learned from
// PolNeAR's coreference (model/pronoun-model.json, trained by scripts/train-extractor.mjs). Features
// are distances (in mentions, sentences and paragraphs), the mention's place in its sentence, its
// title ("Mrs.", "Sen."), and the pronoun paired with the person's first name, which is how the model
// learns that "she" is rarely Bernie. The same functions feed training and extraction.
import { score, type ScoringModel } from "./perceptron.js";
import type { XDoc } from "./tokens.js";
import { TEMPORAL } from "./words.js";

/** A proper-noun mention: the last token of a run of proper nouns, and where the run starts. */
export interface Mention {
  first: number;
  head: number;
}

/** How many mentions back a pronoun's antecedent is looked for. */
const BACK = 20;
const HONORIFIC: ReadonlySet<string> = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "sen",
  "rep",
  "gov",
  "dr",
  "president",
  "senator",
  "secretary",
  "judge",
]);

const bucket = (d: number) => (d <= 2 ? String(d) : d <= 4 ? "3-4" : d <= 8 ? "5-8" : "9+");

/** Proper-noun mentions of the document outside quotations, in text order, and each surname's first name. */
export function mentionsOf(doc: XDoc): { mentions: Mention[]; firstNames: Map<string, string> } {
  const tk = doc.tokens;
  const mentions: Mention[] = [];
  const firstNames = new Map<string, string>();
  for (let i = 0; i < tk.length; i++) {
    if (tk[i].pos !== "PROPN" || tk[i].inQuote) continue;
    let j = i;
    while (j + 1 < tk.length && tk[j + 1].sentence === tk[i].sentence && tk[j + 1].pos === "PROPN" && !tk[j + 1].inQuote) j++;
    mentions.push({ first: i, head: j });
    if (j > i) {
      const surname = tk[j].lower;
      let f = i;
      while (f < j && HONORIFIC.has(tk[f].lower.replace(/\.$/, ""))) f++;
      if (f < j && !firstNames.has(surname)) firstNames.set(surname, tk[f].lower);
    }
    i = j;
  }
  return { mentions, firstNames };
}

/** Indices into `mentions` of the candidates for the pronoun at token `p`: the last BACK mentions before it. */
export function antecedentCandidates(mentions: Mention[], p: number): number[] {
  let hi = -1;
  // binary search: the last mention whose head is before p
  let lo = 0,
    up = mentions.length - 1;
  while (lo <= up) {
    const mid = (lo + up) >> 1;
    if (mentions[mid].head < p) {
      hi = mid;
      lo = mid + 1;
    } else up = mid - 1;
  }
  const out: number[] = [];
  for (let k = hi; k >= 0 && out.length < BACK; k--) out.push(k);
  return out;
}

/** Who the attributions before a pronoun were given to: the lower-case surnames (head words) of their sources. */
export interface SourcesSoFar {
  heads: ReadonlySet<string>;
}

/** A source's head word as SourcesSoFar keeps it: lower case, without a possessive. */
export const sourceKey = (word: string) =>
  word
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/'s$|'$/, "");

/**
 * Feature strings of mention `mentions[k]` as the antecedent of the pronoun at token `p` (`rank`: 0 for
 * the nearest); `sources`: who the attributions before it were given to ("He added" is mostly someone
 * quoted before, not any name nearby). Only the set: the last source, learned from gold ones, misleads
 * where an extracted one is wrong.
 */
export function antecedentFeatures(
  doc: XDoc,
  p: number,
  m: { mentions: Mention[]; firstNames: Map<string, string> },
  k: number,
  rank: number,
  sources: SourcesSoFar,
): string[] {
  const tk = doc.tokens;
  const pron = tk[p].lower;
  const men = m.mentions[k];
  const h = tk[men.head];
  const sP = tk[p].sentence;
  const sM = h.sentence;
  const sd = sP - sM;
  const pd = doc.sentences[sP].paragraph - doc.sentences[sM].paragraph;
  const sent = doc.sentences[sM];
  const prev = men.first > sent.first ? tk[men.first - 1] : undefined;
  const next = men.head < sent.last ? tk[men.head + 1] : undefined;
  const title = HONORIFIC.has(tk[men.first].lower.replace(/\.$/, "")) ? tk[men.first].lower.replace(/\.$/, "") : "-";
  const first = men.head > men.first ? tk[men.first].lower : (m.firstNames.get(h.lower) ?? "-");
  const len = men.head - men.first + 1;
  // how often this surname was named in the 60 mentions before (bounded: linear time)
  let seen = 0;
  for (let j = k; j >= Math.max(0, k - 60) && seen < 5; j--) if (tk[m.mentions[j].head].lower === h.lower) seen++;
  const nearestSame = (() => {
    for (let j = k + 1; j < m.mentions.length && m.mentions[j].head < p; j++) if (tk[m.mentions[j].head].lower === h.lower) return false;
    return true;
  })();
  return [
    "b",
    `r=${bucket(rank)}`,
    `pr=${pron}|${bucket(rank)}`,
    `sd=${Math.min(sd, 4)}`,
    `psd=${pron}|${Math.min(sd, 4)}`,
    `pd=${Math.min(pd, 3)}`,
    `sfirst=${men.first === sent.first}|${pron}`,
    `pv=${prev ? prev.lower : "<s>"}`,
    `nx=${next ? next.lower : "<e>"}`,
    `nxp=${next ? next.pos : "<e>"}`,
    `title=${title}|${pron}`,
    `first=${first}|${pron}`,
    `len=${Math.min(len, 3)}|${pron}`,
    `seen=${seen}|${pron}`,
    `same=${nearestSame}`,
    `surname=${h.lower}|${pron}`,
    `adj=${p - men.head <= 2}|${pron}`,
    `sub=${next?.pos === "VERB" || next?.pos === "AUX"}|${pron}`,
    `poss=${next?.lower === "'s" || next?.lower === "’s"}`,
    // a person: named in full somewhere, or with a title
    `known=${len >= 2 || m.firstNames.has(h.lower) || title !== "-"}|${pron}`,
    `knownr=${len >= 2 || m.firstNames.has(h.lower) || title !== "-"}|${pron}|${bucket(rank)}`,
    `pvp=${prev ? prev.pos : "<s>"}|${pron}`,
    `src=${sources.heads.has(sourceKey(h.value))}|${pron}`,
    `srcr=${sources.heads.has(sourceKey(h.value))}|${bucket(rank)}`,
  ];
}

/** The mention the pronoun at token `p` refers to, or undefined when there is none before it. */
export function resolvePronoun(
  doc: XDoc,
  p: number,
  m: { mentions: Mention[]; firstNames: Map<string, string> },
  model: ScoringModel,
  sources: SourcesSoFar,
): Mention | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  antecedentCandidates(m.mentions, p).forEach((k, rank) => {
    // a day or a month is never who speaks ("said Wednesday. It added …")
    if (TEMPORAL.has(doc.tokens[m.mentions[k].head].lower)) return;
    const s = score(model, antecedentFeatures(doc, p, m, k, rank, sources));
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  });
  return best === undefined ? undefined : m.mentions[best];
}

/** Whether the mention names a person: in full somewhere in the text ("Donald Trump"), or with a title ("Sen. Graham"). */
export function namesPerson(doc: XDoc, m: { firstNames: Map<string, string> }, men: Mention): boolean {
  const tk = doc.tokens;
  return men.head > men.first || m.firstNames.has(tk[men.head].lower) || HONORIFIC.has(tk[men.first].lower.replace(/\.$/, ""));
}

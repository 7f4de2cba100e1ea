// From cues to attributions: for each cue the model found, the source (who) and the content (what)
// by the shapes news writing uses —
//   SOURCE CUE CONTENT             "Trump said that Europe would lead"
//   “CONTENT,” CUE SOURCE / SOURCE CUE   "“We will lead,” said Trump" / "“…,” Trump said"
//   CONTENT, SOURCE CUE.           "Europe will lead, he said."
//   according to SOURCE, CONTENT   and   CONTENT, according to SOURCE
//   CUE CONTENT (no source)        "were cited as countries that could commit resources" (passive)
// Spans are token ranges of one sentence, except that a quotation that runs on over several
// sentences of its paragraph is followed to its closing mark.
import type { XDoc, XToken } from "./tokens.js";
import { PERSONAL_PRONOUNS, RECIPIENT_CUES, VERB_GROUP } from "./words.js";

export interface RawAttribution {
  /** Token range [first, last] of the cue. */
  cue: [number, number];
  /** Token range [first, last] of the source mention, or null (passive, no agent). */
  source: [number, number] | null;
  /** Character range [start, end) of the content. */
  content: [number, number];
  sentence: number;
  /** No source in the clause, but the cue is active ("…, and noted that …"): the speaker is the one last named. */
  inherit?: boolean;
  /** The content's pieces when it surrounds the cue ("“…,” she said. “…”", "Voters, she said, …"); `content` spans them all. */
  pieces?: [number, number][];
}

const OPEN_Q: ReadonlySet<string> = new Set(["“", "‘"]);
const CLOSE_Q: ReadonlySet<string> = new Set(["”", "’"]);
const isQuoteMark = (t: XToken) => t.value === "“" || t.value === "”" || t.value === '"';
const isPunct = (t: XToken) => t.pos === "PUNCT" || /^[^\p{L}\p{N}]+$/u.test(t.value);
const POSSESSIVES: ReadonlySet<string> = new Set(["his", "her", "its", "their", "our", "my", "your"]);
const NP_POS: ReadonlySet<string> = new Set(["PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON"]);

/** Groups of consecutive cue tokens within one sentence, as [first, last]. */
export function cueGroups(doc: XDoc, isCue: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    if (!isCue(i)) continue;
    let j = i;
    while (j + 1 < doc.tokens.length && doc.tokens[j + 1].sentence === doc.tokens[i].sentence && isCue(j + 1)) j++;
    // a group that ends on an auxiliary or adverb goes on over the verb it belongs to ("also took")
    while (
      j + 1 < doc.tokens.length &&
      doc.tokens[j + 1].sentence === doc.tokens[i].sentence &&
      doc.tokens[j + 1].pos === "VERB" &&
      (doc.tokens[j].pos === "AUX" || doc.tokens[j].pos === "ADV" || VERB_GROUP.has(doc.tokens[j].lower))
    )
      j++;
    // a lone quotation mark or comma is never a cue; a colon is (“Graham: Trump’s …”)
    const real = doc.tokens.slice(i, j + 1).filter((t) => !isPunct(t) || t.value === ":");
    if (real.length) out.push([i, j]);
    i = j;
  }
  return out;
}

/** The noun phrase ending at token `end` (inclusive), scanning back no further than `floor`: [first, last] or null. */
export function npEndingAt(doc: XDoc, end: number, floor: number): [number, number] | null {
  const tk = doc.tokens;
  let e = end;
  // a parenthetical right before the cue belongs to the source: "Sen. Lindsey Graham (R-SC)"
  if (tk[e]?.value === ")") {
    let k = e;
    while (k > floor && tk[k].value !== "(") k--;
    if (tk[k]?.value === "(" && e - k < 8) e = k - 1;
  }
  if (e < floor || !tk[e]) return null;
  const last = tk[e];
  if (PERSONAL_PRONOUNS.has(last.lower) && last.pos === "PRON") return [e, e];
  if (!NP_POS.has(last.pos) && !(last.value === "." && tk[e - 1]?.pos === "PROPN")) return null;
  if (last.pos === "PRON" || last.pos === "DET") return last.pos === "PRON" ? [e, e] : null;
  let s = e;
  while (s - 1 >= floor) {
    const t = tk[s - 1];
    if (NP_POS.has(t.pos) && t.pos !== "PRON") s--;
    else if (t.value === "." && s - 2 >= floor && tk[s - 2].pos === "PROPN")
      s--; // "Sen." "U.S."
    else if ((t.lower === "'s" || t.lower === "’s") && s - 2 >= floor)
      s--; // "Trump's campaign"
    else if (t.value === "-" || t.value === "&") s--;
    else if (t.lower === "of" && s - 2 >= floor && /^\p{Lu}/u.test(tk[s - 2].value) && /^\p{Lu}/u.test(tk[s].value))
      s--; // "Secretary of State"
    else if (t.lower === "of" && s - 2 >= floor && tk[s - 2].pos === "NOUN")
      s--; // "a spokeswoman of the campaign"
    else if (
      t.lower === "for" &&
      s - 2 >= floor &&
      tk[s - 2].pos === "NOUN" &&
      /spokes|aide|adviser|advisor|director|manager|official|chair/.test(tk[s - 2].lower)
    )
      s--;
    else break;
  }
  // a clause-initial capitalised function word is not part of the name
  while (s < e && (tk[s].pos === "ADP" || tk[s].pos === "CCONJ" || tk[s].pos === "SCONJ")) s++;
  // a possessive belongs to the phrase it opens ("his campaign", "its senior vice president")
  if (s - 1 >= floor && POSSESSIVES.has(tk[s - 1].lower) && tk[s].pos !== "PRON") s--;
  return [s, e];
}

/** The noun phrase starting at token `start`, up to `ceil`. */
function npStartingAt(doc: XDoc, start: number, ceil: number): [number, number] | null {
  const tk = doc.tokens;
  if (start > ceil || !tk[start]) return null;
  if (tk[start].pos === "PRON") return PERSONAL_PRONOUNS.has(tk[start].lower) ? [start, start] : null;
  if (!NP_POS.has(tk[start].pos)) return null;
  let e = start;
  while (e + 1 <= ceil) {
    const t = tk[e + 1];
    if (NP_POS.has(t.pos) && t.pos !== "PRON") e++;
    else if (t.value === "." && tk[e].pos === "PROPN" && tk[e].value.length <= 4) e++;
    else if (
      (t.lower === "of" || t.lower === "for") &&
      e + 2 <= ceil &&
      (tk[e + 2].pos === "PROPN" || tk[e + 2].pos === "DET" || tk[e + 2].pos === "NOUN")
    )
      e++;
    else if (t.value === "-" || t.value === "&") e++;
    else break;
  }
  while (e > start && (isPunct(tk[e]) || tk[e].pos === "DET" || tk[e].lower === "of" || tk[e].lower === "for")) e--;
  return [start, e];
}

/** Skips back over verb-group words (auxiliaries, adverbs, negation) before the cue. */
function skipVerbGroupBack(doc: XDoc, i: number, floor: number): number {
  while (
    i >= floor &&
    (VERB_GROUP.has(doc.tokens[i].lower) || doc.tokens[i].pos === "ADV" || doc.tokens[i].pos === "AUX" || doc.tokens[i].pos === "PART")
  )
    i--;
  return i;
}

/** The source before the cue: the subject, past an appositive ("Sen. X, a Democrat from Ohio, said"). */
function sourceBefore(doc: XDoc, cueStart: number, floor: number): [number, number] | null {
  const tk = doc.tokens;
  const i = skipVerbGroupBack(doc, cueStart - 1, floor);
  if (i < floor) return null;
  if (tk[i].value === ",") {
    // appositive or relative clause between two commas: take the noun phrase before the first comma
    for (let k = i - 1; k >= Math.max(floor, i - 16); k--) {
      if (tk[k].value === "," || tk[k].value === "—" || tk[k].value === "–") {
        const np = npEndingAt(doc, k - 1, floor);
        if (np && tk[np[1]].pos === "PROPN") return np;
        break;
      }
      if (isQuoteMark(tk[k])) break;
    }
    return null;
  }
  return npEndingAt(doc, i, floor);
}

function lastOfQuoteBefore(doc: XDoc, i: number, floor: number): number | null {
  // “…,” said X / “…,” X said: the closing mark within two tokens before the cue (or before the source)
  for (let k = i - 1; k >= Math.max(floor, i - 2); k--)
    if (CLOSE_Q.has(doc.tokens[k].value) || (doc.tokens[k].value === '"' && doc.tokens[k].inQuote)) return k;
  return null;
}

/** Start offset of the quotation whose closing mark is token `close`, searching back within its paragraph. */
function quoteStartBefore(doc: XDoc, close: number): number | null {
  const para = doc.sentences[doc.tokens[close].sentence].paragraph;
  for (let k = close - 1; k >= 0; k--) {
    const t = doc.tokens[k];
    if (doc.sentences[t.sentence].paragraph !== para) return null;
    if (OPEN_Q.has(t.value) && t.value === "“") return t.start;
    if (
      t.value === '"' &&
      (k === 0 ||
        !doc.tokens[k - 1].inQuote ||
        doc.tokens[k - 1].sentence !== t.sentence ||
        t.start === 0 ||
        doc.text[t.start - 1] === " " ||
        doc.text[t.start - 1] === "\n")
    )
      return t.start;
    if (t.value === "”") return null;
  }
  return null;
}

/** End offset of the quotation opened by token `open`, within its paragraph. */
function quoteEndAfter(doc: XDoc, open: number): number | null {
  const para = doc.sentences[doc.tokens[open].sentence].paragraph;
  for (let k = open + 1; k < doc.tokens.length; k++) {
    const t = doc.tokens[k];
    if (doc.sentences[t.sentence].paragraph !== para) return doc.paragraphs[para][1];
    if (t.value === "”" || (t.value === '"' && doc.tokens[open].value === '"')) return t.end;
    if (t.value === "“") return null;
  }
  return doc.paragraphs[para][1];
}

/** Character range of tokens [a, b], trimmed of edge punctuation except quotation marks. */
function charRange(doc: XDoc, a: number, b: number): [number, number] | null {
  const tk = doc.tokens;
  while (a <= b && isPunct(tk[a]) && !isQuoteMark(tk[a]) && tk[a].value !== "‘") a++;
  while (b >= a && ((isPunct(tk[b]) && !isQuoteMark(tk[b]) && tk[b].value !== "’" && tk[b].value !== ")") || tk[b].pos === "CCONJ")) b--;
  if (b < a) return null;
  return [tk[a].start, tk[b].end];
}

/**
 * Attributions of the document, given its cue groups. Cues that fall inside the content of an
 * earlier attribution are nested ones, which the outer attribution already covers: dropped.
 */
export function attributions(doc: XDoc, groups: [number, number][]): RawAttribution[] {
  const tk = doc.tokens;
  const out: RawAttribution[] = [];
  const bySentence = new Map<number, [number, number][]>();
  for (const g of groups) {
    const s = tk[g[0]].sentence;
    const list = bySentence.get(s) ?? [];
    list.push(g);
    bySentence.set(s, list);
  }
  let coveredUntil = -1; // character offset: content of the last attribution
  let coveredFrom = -1;
  for (const g of groups) {
    const [a, b] = g;
    const cueT = tk[a];
    if (cueT.start >= coveredFrom && cueT.end <= coveredUntil) continue;
    const sIdx = cueT.sentence;
    const sent = doc.sentences[sIdx];
    const siblings = bySentence.get(sIdx) ?? [];
    const prevCue = siblings.filter((x) => x[1] < a).at(-1);
    const nextCue = siblings.find((x) => x[0] > b);
    const floor = prevCue ? prevCue[1] + 1 : sent.first;
    const ceil = sent.last;
    const got = one(doc, a, b, floor, ceil, nextCue);
    if (!got) continue;
    out.push({ cue: [a, b], source: got.source, content: got.content, sentence: sIdx, inherit: got.inherit, pieces: got.pieces });
    [coveredFrom, coveredUntil] = got.content;
  }
  return out;
}

/**
 * The subject of a participle cue ("Leavitt later reinforced this position, stating that …"; "While
 * firmly ruling out X, Trump indicated …"): the sentence's first named subject, or a sentence-initial
 * pronoun. Only for -ing cues after a comma or at a clause start.
 */
function participleSubject(doc: XDoc, a: number, b: number, first: number): [number, number] | null {
  const tk = doc.tokens;
  const head = tk.slice(a, b + 1).find((t) => t.pos === "VERB");
  if (!head || !/ing$/.test(head.lower)) return null;
  if (tk[first].pos === "PRON" && PERSONAL_PRONOUNS.has(tk[first].lower)) return [first, first];
  const search = (from: number, to: number): [number, number] | null => {
    for (let i = from; i <= to; i++) {
      if (tk[i].pos === "PROPN" && !tk[i].inQuote) {
        // the whole noun phrase: "White House press secretary Karoline Leavitt", "The U.S. president"
        let j = i;
        while (j + 1 <= to && (tk[j + 1].pos === "PROPN" || tk[j + 1].pos === "NOUN" || tk[j + 1].value === ".")) j++;
        return npEndingAt(doc, j, first) ?? [i, j];
      }
    }
    return null;
  };
  // before the cue first; else (a fronted participle, "While ruling out X, Trump indicated") after it
  const before = search(first, a - 1);
  if (before) return before;
  // the subject of the main clause, after the comma that closes the participle clause
  const last = doc.sentences[tk[a].sentence].last;
  let comma = b + 1;
  while (comma <= last && tk[comma].value !== ",") comma++;
  return comma < last ? search(comma + 1, Math.min(last, comma + 8)) : null;
}

/** "were cited as", "is expected to": a passive cue without an agent has no source. */
export function passive(doc: XDoc, a: number, b: number, floor: number): boolean {
  const tk = doc.tokens;
  // the cue group may hold the auxiliary itself ("were cited")
  if (tk[a].lemma === "be" && tk.slice(a + 1, b + 1).some((t) => t.pos === "VERB" && /ed$|wn$|en$/.test(t.lower))) return true;
  let i = a - 1;
  while (i >= floor && doc.tokens[i].pos === "ADV") i--;
  return i >= floor && doc.tokens[i].lemma === "be" && /ed$|wn$|en$/.test(doc.tokens[a].lower);
}

interface Got {
  source: [number, number] | null;
  content: [number, number];
  inherit?: boolean;
  pieces?: [number, number][];
}

/**
 * “…,” she said. “…” — a quotation interrupted by its cue goes on in the quotation that opens right
 * after the cue's clause (in the same sentence after a comma, or as the next sentence of the
 * paragraph): the content then runs over both pieces.
 */
function continued(doc: XDoc, got: Got, from: number): Got {
  const tk = doc.tokens;
  const para = doc.sentences[tk[from].sentence].paragraph;
  let k = from + 1;
  while (k < tk.length && k <= from + 12 && !isQuoteMark(tk[k]) && tk[k].value !== "“") {
    // the clause of the cue ends at its sentence's end; a new sentence that does not open a quote ends the search
    if (tk[k].sentence !== tk[from].sentence) break;
    k++;
  }
  while (k < tk.length && tk[k].sentence !== tk[from].sentence && /^[.,;]$/.test(tk[k].value)) k++;
  const t = tk[k];
  if (!t || doc.sentences[t.sentence].paragraph !== para) return got;
  if (!(t.value === "“" || (t.value === '"' && (k === 0 || !tk[k - 1].inQuote || tk[k - 1].value === '"')))) return got;
  // only punctuation, the source and the cue between the two pieces
  const end = quoteEndAfter(doc, k);
  if (end === null || end <= t.start) return got;
  return { ...got, content: [got.content[0], end], pieces: [got.content, [t.start, end]] };
}

/**
 * Words that open a circumstance after a cue ("said in a statement", "on Tuesday", "last week"), not an
 * object ("announced his resignation") or a complement ("asked about", "rebranding itself as").
 */
const CIRCUMSTANCE_OPENERS: ReadonlySet<string> = new Set([
  "in",
  "on",
  "at",
  "during",
  "after",
  "before",
  "via",
  "through",
  "last",
  "this",
  "earlier",
  "later",
  "yesterday",
  "today",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

/** A relative pronoun as the source ("…, which told …") opens a clause about what comes before it, not its content. */
const RELATIVES: ReadonlySet<string> = new Set(["which", "who", "that", "whom"]);

/** Whether tokens [c, e] hold no clause: no verb, auxiliary, "that", "whether" or quotation mark (a recipient, a time, a place). */
function circumstance(doc: XDoc, c: number, e: number): boolean {
  for (let k = c; k <= e; k++) {
    const t = doc.tokens[k];
    // a capitalised word is a name, whatever the tagger reads it as ("the Associated Press")
    if (/^\p{Lu}/u.test(t.value)) continue;
    if (t.pos === "VERB" || t.pos === "AUX" || t.pos === "SCONJ" || t.lower === "that" || isQuoteMark(t) || t.inQuote) return false;
  }
  return true;
}

function one(doc: XDoc, a: number, b: number, floor: number, ceil: number, nextCue: [number, number] | undefined): Got | null {
  const tk = doc.tokens;
  const sent = doc.sentences[tk[a].sentence];
  const cueText = tk
    .slice(a, b + 1)
    .map((t) => t.lower)
    .join(" ");

  // according to SOURCE, CONTENT  /  CONTENT, according to SOURCE
  if (/^(according to|according)$/.test(cueText) || (tk[a].lower === "according" && tk[a + 1]?.lower === "to")) {
    const toIdx = tk[b].lower === "to" ? b : b + 1;
    const src = npStartingAt(doc, toIdx + 1, ceil);
    if (!src) return null;
    let k = src[1] + 1;
    while (k <= ceil && tk[k].value !== ",") k++;
    const after = k < ceil ? charRange(doc, k + 1, ceil) : null;
    const before = a - 1 >= sent.first ? charRange(doc, sent.first, a - 1) : null;
    const content = before && (!after || tk[a].start - sent.start > 20) ? before : after;
    return content ? { source: src, content } : null;
  }

  // a passive without an agent ("France and Germany were cited as countries that …"): no source, and
  // the content is the whole clause, subject included
  if (passive(doc, a, b, floor) && tk[b + 1]?.lower !== "by") {
    const whole = charRange(doc, floor, nextCue ? nextCue[0] - 1 : ceil);
    return whole ? { source: null, content: whole } : null;
  }
  // “CONTENT,” SOURCE said / “CONTENT,” said SOURCE
  const srcBefore = sourceBefore(doc, a, floor) ?? participleSubject(doc, a, b, sent.first);
  if (srcBefore) {
    const close = lastOfQuoteBefore(doc, srcBefore[0], Math.max(0, sent.first - 1));
    if (close !== null && !tk[a].inQuote) {
      const qs = quoteStartBefore(doc, close);
      // “…,” Trump said, “…” — the first piece; a quote right after continues it
      if (qs !== null) return continued(doc, { source: srcBefore, content: [qs, tk[close].end] }, Math.max(b, srcBefore[1]));
    }
  }
  const closeBeforeCue = srcBefore ? null : lastOfQuoteBefore(doc, a, Math.max(0, sent.first - 1));
  if (closeBeforeCue !== null) {
    const qs = quoteStartBefore(doc, closeBeforeCue);
    const src = npStartingAt(doc, b + 1, ceil);
    if (qs !== null)
      return continued(doc, { source: src, content: [qs, tk[closeBeforeCue].end], inherit: !src }, Math.max(b, src ? src[1] : b));
  }

  // SOURCE CUE CONTENT: the content starts after the cue (past a recipient and a comma or colon)
  let c = b + 1;
  if (RECIPIENT_CUES.has(tk[b].lemma) || RECIPIENT_CUES.has(tk[a].lemma)) {
    const rec = npStartingAt(doc, c, ceil);
    if (rec && tk[rec[1] + 1] && /^(that|to|,|:|“|")$/.test(tk[rec[1] + 1].lower)) c = rec[1] + 1;
    else if (rec && tk[rec[1] + 1] && ["about", "of", "on"].includes(tk[rec[1] + 1].lower)) c = rec[1] + 2;
  }
  while (c <= ceil && (tk[c].value === "," || tk[c].value === ":")) c++;
  // "said on Tuesday that …", "told reporters last week that …": the content starts at "that"
  for (
    let k = c + 1;
    c <= ceil && ["ADP", "PROPN", "NOUN", "DET", "NUM", "ADJ", "ADV", "PRON"].includes(tk[c].pos) && k <= Math.min(ceil, c + 5);
    k++
  ) {
    if (tk[k].lower === "that") {
      c = k;
      break;
    }
    if (!["ADP", "PROPN", "NOUN", "DET", "NUM", "ADJ", "ADV", "PRON"].includes(tk[k].pos) && tk[k].value !== ",") break;
  }
  // a quotation opened right after the cue runs to its closing mark, across sentences
  if (c <= ceil && (tk[c].value === "“" || (tk[c].value === '"' && tk[c].inQuote))) {
    const end = quoteEndAfter(doc, c);
    if (end !== null) return { source: srcBefore, content: [tk[c].start, end] };
  }
  let e = ceil;
  // stop before the next cue's source: "While ruling out X, Trump indicated that Y"
  if (nextCue) {
    const nextSrc = sourceBefore(doc, nextCue[0], c);
    const stop = nextSrc ? nextSrc[0] - 1 : nextCue[0] - 1;
    // only where a new clause starts (after a comma, a semicolon or "and"/"but"): a cue further inside
    // the content ("pointed out that veterans' issues were ignored") is nested in it, not a new attribution
    const before = tk[stop];
    if (before && (/^[,;—–]$/.test(before.value) || before.pos === "CCONJ")) e = Math.min(e, stop);
  }
  // stop at ", according to" and at ", SOURCE said" tails
  for (let k = c; k <= e; k++) if (tk[k].value === "," && tk[k + 1]?.lower === "according") e = k - 1;
  const after = c <= e ? charRange(doc, c, e) : null;
  const afterWords = after ? tk.slice(c, e + 1).filter((t) => !isPunct(t)).length : 0;

  // a source after the cue with content before: "Europe will lead, he said." / "…, said the official."
  if (afterWords <= 5 && !srcBefore) {
    const src = npStartingAt(doc, b + 1, ceil);
    const before = charRange(doc, floor, a - 1);
    if (before && src) return { source: src, content: before };
  }
  if (srcBefore && (afterWords === 0 || (afterWords <= 1 && srcBefore[0] > sent.first))) {
    const before = srcBefore[0] - 1 >= floor ? charRange(doc, floor, srcBefore[0] - 1) : null;
    if (before) return { source: srcBefore, content: before };
  }
  // "The line will close, an aide told the newspaper on Tuesday." / "…, the company said in a statement.":
  // what follows the cue to the sentence's end is whom it was told or a circumstance (no verb, no "that", no
  // quotation), and a clause ends in a comma right before the source: that clause is the content
  if (
    srcBefore &&
    after &&
    e === ceil &&
    afterWords <= 6 &&
    tk[srcBefore[0] - 1]?.value === "," &&
    !RELATIVES.has(tk[srcBefore[0]].lower) &&
    ((tk.slice(a, b + 1).some((t) => t.lemma === "tell") && tk[c].pos !== "ADP") ||
      CIRCUMSTANCE_OPENERS.has(tk[c].lower) ||
      (tk[c].pos === "ADV" && afterWords <= 3)) &&
    circumstance(doc, c, e)
  ) {
    const before = srcBefore[0] - 2 >= floor ? charRange(doc, floor, srcBefore[0] - 2) : null;
    if (before && tk.slice(floor, srcBefore[0] - 1).filter((t) => !isPunct(t)).length >= 3) return { source: srcBefore, content: before };
  }
  if (!after) return null;
  // “Voters, she suggested, don’t have to worry”: a cue set off by commas inside its content
  if (srcBefore && tk[srcBefore[0] - 1]?.value === "," && tk[b + 1]?.value === ",") {
    const before = srcBefore[0] - 2 >= floor ? charRange(doc, floor, srcBefore[0] - 2) : null;
    const words = tk.slice(floor, srcBefore[0] - 1).filter((t) => !isPunct(t)).length;
    if (before && words >= 1 && !tk.slice(floor, srcBefore[0]).some((t) => t.lower === "according"))
      return { source: srcBefore, content: [before[0], after[1]], pieces: [before, after] };
  }
  return { source: srcBefore, content: after, inherit: !srcBefore && !passive(doc, a, b, floor) };
}

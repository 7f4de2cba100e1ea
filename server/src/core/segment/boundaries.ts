// Sentence boundaries within one unit of prose: wink-nlp's, corrected (abbreviations its model does not
// know), and cached by the unit's text. Very long units (a plain-text draft with one paragraph per line
// and no blank lines, a paragraph on one very long line) are cut first at line breaks, and inside very
// long lines at some sentence ends, where wink, asked about a small window around the cut, confirms
// that a sentence ends; each piece is then segmented (and cached) on its own.
//
// The caches belong to one SentenceBoundaries, and it to one Segmenter (segmenter.ts): nothing is
// shared between segmenters.
import { LruCache } from "../lru.js";
import { isSpace, type Nlp } from "../nlp.js";
import type { SentenceEnds } from "./block-scanner.js";
import { HAS_WORD } from "./sentence.js";
import { WinkSentenceSplitter } from "./wink-sbd.js";

/** Above this many characters a unit is cut at confirmed sentence boundaries before wink runs. */
const LARGE_UNIT = 5000;
/** Characters of context on each side of a line break when asking wink whether it ends a sentence. */
const WINDOW = 48;

/**
 * Abbreviations wink-nlp's model does not know, that (nearly) always precede a name or a
 * number, so a sentence boundary wink puts right after them is wrong.
 */
const JOIN_AFTER: ReadonlySet<string> = new Set([
  "Pres",
  "Adm",
  "Rev",
  "Hon",
  "Msgr",
  "Supt",
  "Atty",
  "Cmdr",
  "Brig",
  "Fig",
  "Figs",
  "Vol",
  "Vols",
  "cf",
]);

const SPAN_CACHE_SIZE = 100_000;

export class SentenceBoundaries implements SentenceEnds {
  /** Corrected spans by the text of a unit (or of a piece of a large one). */
  readonly spans = new LruCache<number[]>(SPAN_CACHE_SIZE);
  /** Whether wink splits a window at its line break, by the window and the break's place. */
  private readonly windows = new LruCache<boolean>(SPAN_CACHE_SIZE);

  /** wink's boundaries from the tokens of a draft's pieces, each tokenized once (wink-sbd.ts). */
  private readonly splitter: WinkSentenceSplitter;

  constructor(nlp: Nlp) {
    this.splitter = new WinkSentenceSplitter(nlp);
  }

  /** wink sentence spans of `t` (flat [start, end, …]), corrected and cached. */
  spansOf(t: string): number[] {
    if (t.length > LARGE_UNIT) return this.largeUnitSpans(t); // its pieces are cached instead
    const hit = this.spans.get(t);
    if (hit) return hit;
    const spans = this.correctedSpans(t);
    this.spans.set(t, spans);
    return spans;
  }

  /** A sentence visibly ends at `at` (a line break or a space after it) and wink, asked about a small window around it, agrees. */
  confirmedAt(t: string, at: number): boolean {
    return looksLikeSentenceEnd(t, at) && this.winkSplitsAt(t, at);
  }

  /** Forget every cached boundary (and reset the statistics). */
  clear(): void {
    this.spans.clear();
    this.windows.clear();
  }

  private correctedSpans(t: string): number[] {
    const one = oneSentence(t);
    if (one) return one;
    const raw = this.splitter.sentenceSpans(t);
    const out: number[] = [];
    for (let k = 0; k < raw.length; k += 2) {
      const s = raw[k];
      const e = raw[k + 1];
      if (out.length && wronglySplit(t, out[out.length - 2], out[out.length - 1])) out[out.length - 1] = e;
      else out.push(s, e);
    }
    return out;
  }

  /**
   * A very long unit (typically a plain-text draft with one paragraph per line and no blank
   * lines): cut it at line breaks where a sentence visibly ends and wink, asked about a small
   * window around the break, agrees; then segment (and cache) each piece on its own.
   */
  private largeUnitSpans(t: string): number[] {
    const cuts = [0];
    for (let line = 0; line < t.length;) {
      let nl = t.indexOf("\n", line);
      if (nl < 0) nl = t.length;
      if (nl - line > LARGE_UNIT) this.cutLongLine(t, line, nl, cuts);
      if (nl < t.length && this.confirmedAt(t, nl)) cuts.push(nl + 1);
      line = nl + 1;
    }
    cuts.push(t.length);
    const out: number[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k];
      const piece = t.slice(a, cuts[k + 1]);
      if (!HAS_WORD.test(piece)) continue;
      let spans = this.spans.get(piece);
      if (!spans) {
        spans = this.correctedSpans(piece);
        this.spans.set(piece, spans);
      }
      for (const x of spans) out.push(a + x);
    }
    return out;
  }

  /**
   * Cuts inside one very long line (a paragraph written on one line, a whole draft without line
   * breaks) at sentence ends, so that an edit re-segments one piece, not the whole line. To keep
   * the cuts where they are when text before them changes, only some sentence ends are tried,
   * chosen by the characters just before them (about one in CUT_SPACING), and wink must agree.
   */
  private cutLongLine(t: string, from: number, to: number, cuts: number[]): void {
    const sentenceEnd = new RegExp(SENTENCE_END, "g"); // its own: a global regex keeps its place in lastIndex
    sentenceEnd.lastIndex = from;
    for (let m = sentenceEnd.exec(t); m && m.index < to; m = sentenceEnd.exec(t)) {
      const ws = m.index + m[0].length - 1;
      if (ws >= to) break;
      let h = 0;
      for (let i = Math.max(from, ws - 12); i < ws; i++) h = (h * 31 + t.charCodeAt(i)) | 0;
      if ((h & (CUT_SPACING - 1)) === 0 && this.confirmedAt(t, ws)) cuts.push(ws + 1);
    }
  }

  private winkSplitsAt(t: string, nl: number): boolean {
    // Start and end the window at whitespace so that no word is cut in two.
    let a = Math.max(0, nl - WINDOW);
    while (a > 0 && a < nl && !isSpace(t.charCodeAt(a - 1))) a++;
    let b = Math.min(t.length, nl + 1 + WINDOW);
    while (b < t.length && b > nl + 1 && !isSpace(t.charCodeAt(b))) b--;
    const w = t.slice(a, b);
    let q = nl + 1;
    while (q < b && isSpace(t.charCodeAt(q))) q++;
    const key = `${q - a}:${w}`;
    let split = this.windows.get(key);
    if (split === undefined) {
      const spans = this.correctedSpans(w);
      split = false;
      for (let k = 0; k < spans.length; k += 2) if (spans[k] === q - a) split = true;
      this.windows.set(key, split);
    }
    return split;
  }
}

/**
 * The span of `t` when it is surely one sentence, so wink need not be asked: one line of ordinary
 * characters with no sentence punctuation but, perhaps, one mark at its very end (then one closing quote or
 * bracket). wink ends sentences only at sentence punctuation and line breaks, so it reads such a text as
 * one sentence from its first to its last token, which here are its first and last characters other than
 * spaces (every character is one wink keeps). A test compares this with wink on the bench's drafts.
 */
export function oneSentence(t: string): [number, number] | undefined {
  let a = 0;
  let b = t.length;
  while (a < b && t.charCodeAt(a) === 32) a++;
  while (b > a && t.charCodeAt(b - 1) === 32) b--;
  if (a === b) return undefined;
  let end = b;
  if (end > a && CLOSERS.includes(t[end - 1])) end--; // one: wink may split off a second ('it."”')
  if (end > a && TERMINALS.includes(t[end - 1])) end--;
  for (let i = a; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c < 32 || c === 46 || c === 33 || c === 63 || c === 59) return undefined; // controls, line breaks, . ! ? ;
    if (c >= 0x7f && !(c >= 0xc0 && c <= 0x24f) && !ORDINARY.includes(t[i])) return undefined;
  }
  return [a, b];
}
const TERMINALS = ".!?";
const CLOSERS = "\"')]’”";
/** Characters above ASCII that are ordinary in news prose (Latin letters with accents are allowed apart). */
const ORDINARY = "‘’“”–—€£°";

/** wink ended a sentence at `prevEnd` right after an abbreviation it does not know ("Rev. Smith"). */
function wronglySplit(t: string, prevStart: number, prevEnd: number): boolean {
  if (t.charCodeAt(prevEnd - 1) !== 46 /* . */) return false;
  const m = /([A-Za-z]+)\.$/.exec(t.slice(Math.max(prevStart, prevEnd - 12), prevEnd));
  return m !== null && JOIN_AFTER.has(m[1]);
}

/** Sentence punctuation, closing quotes or brackets, then the whitespace after them. */
const SENTENCE_END = /[.!?…]["')\]’”»]*[ \t]/.source;
/** About one sentence end in this many (a power of two) is tried as a cut in a long line. */
const CUT_SPACING = 8;

function looksLikeSentenceEnd(t: string, nl: number): boolean {
  let p = nl - 1;
  while (p >= 0 && isSpace(t.charCodeAt(p))) p--;
  while (p >= 0 && "\"')]’”»".includes(t[p])) p--;
  if (p < 0 || !".!?…".includes(t[p])) return false;
  if (t[p] === ".") {
    const m = /([A-Za-z]+)\.$/.exec(t.slice(Math.max(0, p - 11), p + 1));
    if (m && JOIN_AFTER.has(m[1])) return false;
  }
  let q = nl + 1;
  while (q < t.length && isSpace(t.charCodeAt(q))) q++;
  return q < t.length && !/^\p{Ll}/u.test(t.slice(q, q + 2));
}

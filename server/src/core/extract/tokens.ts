// The token layer of the extractor: the text cut into paragraphs (one a line, as articles keep
// them), each paragraph into sentences and tokens by wink-nlp, and for each token whether it lies
// inside quotation marks. Everything the cue model, the span rules and the training script see
// comes from here, so training and extraction read the text the same way.
import { its, type Nlp, tokenOffsets } from "../nlp.js";

export interface XToken {
  start: number;
  end: number;
  /** The token as written. */
  value: string;
  lower: string;
  lemma: string;
  pos: string;
  /** Inside double quotation marks (the marks themselves included). */
  inQuote: boolean;
  /** Index of the sentence in `XDoc.sentences`. */
  sentence: number;
}

export interface XSentence {
  /** First and last token index (inclusive) in `XDoc.tokens`. */
  first: number;
  last: number;
  start: number;
  end: number;
  /** Index of the paragraph the sentence lies in. */
  paragraph: number;
  /** Some token of the sentence lies inside quotation marks. */
  quoted: boolean;
}

export interface XDoc {
  text: string;
  /**
   * The text with the doubled apostrophes some papers print for quotation marks ('' and ``) written as
   * one straight " and a space (same length, same offsets): what wink reads and the quotation logic scans.
   */
  marks: string;
  tokens: XToken[];
  sentences: XSentence[];
  /** Paragraph ranges [start, end) in the text. */
  paragraphs: [number, number][];
}

/**
 * For every UTF-16 unit, 1 inside double quotation marks (marks included). “ opens, ” closes, a
 * straight " toggles; the state resets at each line break (news style reopens a quotation that runs
 * into the next paragraph), and a line whose first mark is a closing ” continues one from before.
 */
export function quoteMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let inside = false;
  let lineStart = 0;
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      inside = false;
      lineStart = i + 1;
      marks = 0;
    } else if (c === "“") {
      inside = true;
      mask[i] = 1;
      marks++;
    } else if (c === "”") {
      if (!inside && !marks) mask.fill(1, lineStart, i);
      mask[i] = 1;
      inside = false;
      marks++;
    } else if (c === '"') {
      mask[i] = 1;
      inside = !inside;
      marks++;
    } else if (inside) mask[i] = 1;
  }
  return mask;
}

/**
 * `text` with each doubled apostrophe used as a quotation mark ('' or ``) written as a straight " and a
 * space on the side away from the quoted words ("''We" → "\" We", "here,''" → "here, \""), so that it
 * reads as one quotation mark at the offset where the quoted words begin or end. Same length.
 */
export function normaliseQuotes(text: string): string {
  if (!text.includes("''") && !text.includes("``")) return text;
  return text.replace(/''|``/g, (m, at: number) => {
    const before = text[at - 1];
    const closing = m === "''" && before !== undefined && !/[\s([]/.test(before);
    return closing ? ' "' : '" ';
  });
}

/** How many tokens after a split a parenthetical may still close in and join the two ("(D-N." + "Y.)"). */
const PAREN_REACH = 6;

/**
 * wink's sentence spans [first, last] (token indices) with the splits that cut a sentence inside a word or
 * a parenthetical joined again: no space at the split ("non-state." + "gov address"), or a parenthesis
 * open at the split that closes a few tokens on ("Rep. Ana Ruiz (D-N." + "Y.) said"). Party-state tags
 * and web addresses end no sentence.
 */
function joinSplits(spans: number[][], values: string[], starts: ArrayLike<number>, ends: ArrayLike<number>): number[][] {
  const out: number[][] = [];
  for (const sp of spans) {
    const [first, last] = sp;
    const prev = out.at(-1);
    if (prev && first !== undefined && last !== undefined && prev[1] === first - 1) {
      let open = 0;
      for (let i = prev[0]; i <= prev[1]; i++) open += values[i] === "(" ? 1 : values[i] === ")" ? -1 : 0;
      let closes = false;
      if (open > 0) for (let i = first; i <= Math.min(last, first + PAREN_REACH) && !closes; i++) closes = values[i] === ")";
      if (ends[prev[1]] === starts[first] || closes) {
        prev[1] = last;
        continue;
      }
    }
    out.push([first, last]);
  }
  return out;
}

/** Paragraphs, sentences and tokens of `text`; linear in its length. */
export function tokenizeDoc(nlp: Nlp, original: string): XDoc {
  const text = normaliseQuotes(original);
  const mask = quoteMask(text);
  const tokens: XToken[] = [];
  const sentences: XSentence[] = [];
  const paragraphs: [number, number][] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const base = m.index ?? 0;
    const para = m[0];
    if (!para.trim()) continue;
    const p = paragraphs.length;
    paragraphs.push([base, base + para.length]);
    const doc = nlp.wink.readDoc(para);
    const { starts, ends } = tokenOffsets(doc, para);
    const t = doc.tokens();
    const values = t.out(its.value) as string[];
    const lemmas = t.out(its.lemma as never) as string[];
    const poses = t.out(its.pos) as string[];
    const spans = joinSplits(doc.sentences().out(its.span) as unknown as number[][], values, starts, ends);
    const offset = tokens.length;
    for (let i = 0; i < values.length; i++) {
      const s = base + starts[i];
      tokens.push({
        start: s,
        end: base + ends[i],
        value: values[i],
        lower: values[i].toLowerCase(),
        lemma: (lemmas[i] ?? values[i]).toLowerCase(),
        pos: poses[i],
        inQuote: mask[s] === 1,
        sentence: 0,
      });
    }
    for (const [first, last] of spans) {
      if (first === undefined || last === undefined || last < first) continue;
      const k = sentences.length;
      let quoted = false;
      for (let i = first; i <= last; i++) {
        tokens[offset + i].sentence = k;
        quoted ||= tokens[offset + i].inQuote;
      }
      sentences.push({
        quoted,
        first: offset + first,
        last: offset + last,
        start: tokens[offset + first].start,
        end: tokens[offset + last].end,
        paragraph: p,
      });
    }
  }
  return { text: original, marks: text, tokens, sentences, paragraphs };
}

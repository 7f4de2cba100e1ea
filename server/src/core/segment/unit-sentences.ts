// The sentences of one block: for each prose unit of its layout (paragraph, heading, table cell), wink-nlp
// runs once on the unit's text with every non-prose character blanked to a space, so offsets need no
// mapping; each sentence range then takes the markup that belongs to it, and a mask of what in it is not
// words. A sentence wink starts in lower case right after a period continues the previous one.
import { MARKUP, PROSE, type ProseLayout } from "../markdown-prose.js";
import { isSpace } from "../nlp.js";
import { HAS_WORD, type ProseSentence } from "./sentence.js";

/** Corrected wink sentence spans of a unit's (blanked) text, flat [start, end, …] (boundaries.ts). */
export type SpansOf = (text: string) => number[];

/** A sentence with offsets relative to its block. */
export interface RelSentence {
  start: number;
  end: number;
  text: string;
  mask?: [number, number][];
}

/** What one block (or run of blocks parsed together) segments to: what the block caches hold. */
export interface BlockResult {
  /** Offsets relative to the block. */
  sentences: RelSentence[];
  /** Lines relative to the block's first line. */
  ignoreLines: number[];
  /** Code ranges relative to the block (ProseLayout.code). */
  code?: number[];
  openAtEnd: boolean;
  /** See ProseLayout.open. */
  open?: ProseLayout["open"];
  /** The sentences re-based to `base`, kept so an unmoved block costs no allocation. */
  base: number;
  absolute: ProseSentence[];
}

export function computeBlock(own: string, layout: ProseLayout, spansOf: SpansOf): BlockResult {
  const sentences: RelSentence[] = [];
  for (let k = 0; k < layout.units.length; k += 2) {
    sentencesInUnit(own, layout.classes, layout.units[k], layout.units[k + 1], spansOf, sentences);
  }
  const result: BlockResult = { sentences, ignoreLines: layout.ignoreLines, openAtEnd: layout.openAtEnd, base: -1, absolute: [] };
  if (layout.open) result.open = layout.open;
  if (layout.code) result.code = layout.code;
  return result;
}

function sentencesInUnit(src: string, cls: Uint8Array | null, ua: number, ub: number, spansOf: SpansOf, out: RelSentence[]): void {
  const blanked = cls ? blankOut(src, cls, ua, ub) : src.slice(ua, ub);
  if (!HAS_WORD.test(blanked)) return;
  const spans = joinLowerCaseStarts(blanked, spansOf(blanked), cls, ua);
  const n = spans.length >> 1;
  // Sentence ranges run from the first to the last word, plus the markup that belongs to them:
  // markup touching the last word ("claim.**", "[text](http://…)") ends the sentence, markup
  // touching the first word ("**Bold** claim") or standing alone before it ("`code` starts")
  // starts it, and markup after the last sentence of the unit ends that one.
  const starts = new Array<number>(n);
  const ends = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    let e = ua + spans[2 * k + 1];
    if (cls) {
      const ceiling = k + 1 < n ? ua + spans[2 * k + 2] : ub;
      while (e < ceiling && cls[e] === MARKUP) e++;
    }
    ends[k] = e;
  }
  for (let k = 0; k < n; k++) {
    let s = ua + spans[2 * k];
    if (cls) {
      let floor = k > 0 ? ends[k - 1] : ua;
      while (s > floor && cls[s - 1] === MARKUP) s--;
      if (k > 0) {
        // Markup left on the previous sentence's line ("Done. <!-- note -->⏎Next") is its.
        // (Looked for back to `floor` only: lastIndexOf would scan a one-line unit to its start.)
        let nl = s - 1;
        while (nl >= floor && src.charCodeAt(nl) !== 10) nl--;
        if (nl >= floor) {
          for (let i = nl - 1; i >= floor; i--) {
            if (cls[i] === MARKUP) {
              ends[k - 1] = i + 1;
              break;
            }
          }
          floor = nl;
        }
      }
      for (let i = floor; i < s; i++) {
        if (cls[i] === MARKUP) {
          s = i;
          break;
        }
      }
    }
    starts[k] = s;
  }
  if (cls && n > 0) {
    for (let i = ub - 1; i >= ends[n - 1]; i--) {
      if (cls[i] === MARKUP) {
        ends[n - 1] = i + 1;
        break;
      }
    }
  }
  for (let k = 0; k < n; k++) {
    if (!HAS_WORD.test(blanked.slice(spans[2 * k], spans[2 * k + 1]))) continue;
    let s = starts[k];
    let e = ends[k];
    while (s < e && isSpace(src.charCodeAt(s))) s++;
    while (e > s && isSpace(src.charCodeAt(e - 1))) e--;
    if (e <= s) continue;
    const sentence: RelSentence = { start: s, end: e, text: src.slice(s, e) };
    if (cls) {
      const mask: [number, number][] = [];
      for (let i = s; i < e; i++) {
        if (cls[i] === PROSE) continue;
        const a = i;
        while (i < e && cls[i] !== PROSE) i++;
        mask.push([a - s, i - s]);
      }
      if (mask.length) sentence.mask = mask;
    }
    out.push(sentence);
  }
}

/** `src.slice(a, b)` with every non-prose character except line breaks replaced by a space. */
function blankOut(src: string, cls: Uint8Array, a: number, b: number): string {
  let out = "";
  let run = a;
  for (let i = a; i < b; i++) {
    if (cls[i] === PROSE) continue;
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) continue;
    if (i > run) out += src.slice(run, i);
    out += " ";
    run = i + 1;
  }
  return run === a ? src.slice(a, b) : out + src.slice(run, b);
}

/**
 * A "sentence" wink starts with a lower-case letter right after a period ("Smith et al.
 * reported") continues the previous one, unless markup stands between them ("… now.
 * `code` starts …": the code, blanked out, was the real start).
 */
function joinLowerCaseStarts(t: string, spans: number[], cls: Uint8Array | null, offset: number): number[] {
  let out: number[] | undefined;
  for (let k = 2; k < spans.length; k += 2) {
    const prevEnd = out ? out[out.length - 1] : spans[k - 1];
    const s = spans[k];
    let join = t.charCodeAt(prevEnd - 1) === 46 /* . */ && /^\p{Ll}/u.test(t.slice(s, s + 2));
    if (join && cls) for (let i = offset + prevEnd; i < offset + s; i++) if (cls[i] !== PROSE) join = false;
    if (join) {
      out ??= spans.slice(0, k);
      out[out.length - 1] = spans[k + 1];
    } else if (out) {
      out.push(s, spans[k + 1]);
    }
  }
  return out ?? spans;
}

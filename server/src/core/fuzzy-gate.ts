// A cheap test of which records fuse.js's search CANNOT match, so that fuse.js (which costs a bitap
// pass per field, word and error level, with fresh arrays each time) ranks only the few that can.
// It never rejects a record fuse.js would match: dropping records fuse.js does not match leaves its
// results and their order as they were (fuse.js scores each record on its own and breaks ties by the
// records' order, which dropping keeps).
//
// What fuse.js 7 does with the options ClaimSearch gives it (extended search, ignoreLocation,
// threshold 0.4, minMatchCharLength 2): the lowercased query is split at spaces into words; a record
// matches when one of its fields matches every word; a word of m ≤ 32 UTF-16 units matches a
// lowercased field only if (1) some substring of the field is within k edits of it, k the most
// errors i < m with i / m ≤ threshold (its bitap only ever adds sound edit steps, so it finds no
// match closer than the true edit distance), and (2) the field has two adjacent characters that both
// occur in the word (its minMatchCharLength check: a run of two marked characters, and only
// characters of the word are marked). Both are tested here in one pass, (1) with Myers' bit-parallel
// edit distance.
//
// Queries whose words fuse.js would read as operators, phrases or OR groups (" ' = ! ^ $ | \ and
// NUL), or whose words its regular expressions skip (line breaks), are not tested: `words` returns
// undefined and every record is kept. Words longer than 32 units (fuse.js splits them into chunks
// and matches any chunk) pass every field.

/** The most errors fuse.js allows a word of `m` units at `threshold` (its loop: i < m while i / m ≤ threshold). */
export function maxErrors(m: number, threshold: number): number {
  let k = 0;
  while (k + 1 < m && (k + 1) / m <= threshold) k++;
  return k;
}

/** A query word prepared for the test: per-character masks (bit i: the word's i-th unit), its length and errors allowed. */
export interface GateWord {
  readonly m: number;
  readonly k: number;
  readonly masks: ReadonlyMap<number, number>;
}

const OPERATORS = /["'=!^$|\\\0\n\r\u2028\u2029]/;

/**
 * The words fuse.js's extended search makes of `query` (lowercased, split at spaces as its tokenizer does),
 * or undefined when the query holds anything it would read otherwise than as plain fuzzy words.
 */
export function gateWords(query: string, threshold: number): GateWord[] | undefined {
  const pattern = query.toLowerCase();
  if (OPERATORS.test(pattern)) return undefined;
  const words = pattern.split(" ").filter((w) => w && w.trim());
  if (!words.length) return undefined;
  return words.map((w) => {
    // fuse.js's BitapSearch lowercases the word again.
    const word = w.toLowerCase();
    const masks = new Map<number, number>();
    if (word.length > 32) return { m: word.length, k: word.length, masks };
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      masks.set(c, (masks.get(c) ?? 0) | (1 << i));
    }
    return { m: word.length, k: maxErrors(word.length, threshold), masks };
  });
}

/**
 * False only when fuse.js cannot match `word` in `text` (already lowercased as fuse.js lowercases it: twice).
 * Myers (1999): the least edit distance from the word to a substring ending at each position of the text.
 */
export function mayMatch(word: GateWord, text: string): boolean {
  const { m, k, masks } = word;
  if (m > 32) return true;
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  let near = false; // within k edits somewhere
  let pair = false; // two adjacent characters of the word
  let prevIn = false;
  for (let j = 0; j < text.length; j++) {
    const eq = masks.get(text.charCodeAt(j)) ?? 0;
    if (!pair) {
      const isIn = eq !== 0;
      pair = prevIn && isIn;
      prevIn = isIn;
    }
    if (!near) {
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & last) score++;
      else if (mh & last) score--;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      near = score <= k;
    }
    if (near && pair) return true;
  }
  return false;
}

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
// occur in the word, near a match of (1) (its minMatchCharLength check: a run of two marked
// characters, where only characters of the word inside its best match or an exact occurrence are
// marked; see mayMatch). Both are tested in one pass, (1) with Myers' bit-parallel edit distance.
//
// Queries whose words fuse.js would read as operators, phrases or OR groups (" ' = ! ^ $ | \ and
// NUL), or whose words its regular expressions skip (line breaks), are not tested: `gateWords`
// returns undefined and every record is kept. Words longer than 32 units (fuse.js splits them into
// chunks and matches any chunk) pass every field. The soundness test (fuzzy-gate.test.ts) runs
// fuse.js itself, so an upgrade that changes any of this is likely to fail there, not to change results.

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
  /** Masks of the characters below 128 (most text), and of the others. */
  readonly ascii: Int32Array;
  readonly other: ReadonlyMap<number, number>;
  /** The word cut into k + 1 pieces: a substring within k edits holds one of them unchanged (pigeonhole). */
  readonly pieces: readonly string[];
}

const OPERATORS = /["'=!^$|\\\0\n\r\u2028\u2029]/;

/**
 * The words fuse.js's extended search makes of `query` (lowercased, split at spaces as its tokenizer does),
 * or undefined when the query holds anything it would read otherwise than as plain fuzzy words. The words
 * most likely to fail come first (those allowing no error, then the longest): the order does not change
 * whether a field passes every word, only how soon a failing one is found.
 */
export function gateWords(query: string, threshold: number): GateWord[] | undefined {
  const pattern = query.toLowerCase();
  if (OPERATORS.test(pattern)) return undefined;
  const words = pattern.split(" ").filter((w) => w && w.trim());
  if (!words.length) return undefined;
  return words
    .map((w) => gateWord(w.toLowerCase(), threshold)) // fuse.js's BitapSearch lowercases the word again
    .sort((a, b) => Number(b.k === 0) - Number(a.k === 0) || b.m - a.m);
}

function gateWord(word: string, threshold: number): GateWord {
  const m = word.length;
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  if (m > 32) return { m, k: m, ascii, other, pieces: [""] };
  for (let i = 0; i < m; i++) {
    const c = word.charCodeAt(i);
    if (c < 128) ascii[c] |= 1 << i;
    else other.set(c, (other.get(c) ?? 0) | (1 << i));
  }
  const k = maxErrors(m, threshold);
  const pieces: string[] = [];
  for (let p = 0; p <= k; p++) pieces.push(word.slice(Math.floor((p * m) / (k + 1)), Math.floor(((p + 1) * m) / (k + 1))));
  return { m, k, ascii, other, pieces };
}

/**
 * False only when fuse.js cannot match `word` in `text` (already lowercased as fuse.js lowercases it: twice).
 * First the pieces (native substring search, quick to say no), then one pass of Myers (1999): the least edit
 * distance from the word to a substring ending at each position E of the text. fuse.js marks characters of
 * the word only inside its best match, [B, B + m - 1 + errors] for a match starting at B, and inside exact
 * occurrences; a match within k edits ending at E starts at B ≥ E - m - k + 1 and B ≤ E - m + k + 1, so
 * the two adjacent marked characters it needs start at some p in [E - m - k + 1, E + 2k].
 */
export function mayMatch(word: GateWord, text: string): boolean {
  const { m, k, ascii, other, pieces } = word;
  if (m > 32) return true;
  if (!pieces.some((p) => text.includes(p))) return false;
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  let lastPair = -Infinity; // where the latest two adjacent characters of the word start
  let until = -Infinity; // a pair starting up to here is near enough to a match already seen
  let prevIn = false;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    const eq = c < 128 ? ascii[c] : (other.get(c) ?? 0);
    const isIn = eq !== 0;
    if (prevIn && isIn) {
      if (j - 1 <= until) return true;
      lastPair = j - 1;
    }
    prevIn = isIn;
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
    if (score <= k) {
      if (lastPair >= j - m - k + 1) return true;
      until = j + 2 * k;
    }
  }
  return false;
}

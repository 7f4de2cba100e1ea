// Words a draft puts in quotation marks, and whether the record holds them verbatim.
//
// A quotation in a news draft is a promise that these are the speaker's own words. The record
// keeps, for each claim, the source's words and whether they are the speaker's (`direct`) or
// the source's paraphrase (`reported`); this file finds the quoted spans of a draft sentence and
// compares them with those words, forgiving only what quoting conventions allow: case,
// punctuation, curly vs straight marks, an ellipsis for omitted words and [square brackets]
// for words the writer inserted.

/** A quoted span of a sentence, offsets relative to the sentence. */
export interface QuotedPart {
  /** Offsets of the words inside the marks. */
  start: number;
  end: number;
  /** Offsets of the opening and closing marks. */
  open: number;
  close: number;
  text: string;
  /** Words, normalised, for comparison. */
  words: string[];
}

/** Quotations of this many words or fewer are scare quotes or titles, not someone's words. */
export const SCARE_QUOTE_MAX_WORDS = 3;

const PAIRS: Readonly<Record<string, string>> = { "\u201c": "\u201d", '"': '"', "\u2018": "\u2019", "'": "'" };

/**
 * Quoted spans in a sentence: “…”, "…", ‘…’ and '…'. A single mark opens only where an
 * apostrophe cannot stand (at the start or after a space or bracket) and closes only where the
 * next character is not a letter, so "Russia's" and "don't" never open a quotation.
 */
export function quotedParts(text: string): QuotedPart[] {
  const out: QuotedPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const closer = PAIRS[ch];
    if (!closer) continue;
    const single = ch === "'" || ch === "\u2018";
    if (single && i > 0 && !/[\s([{\u2014\u2013-]/.test(text[i - 1])) continue;
    if (ch === '"' && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]) && !/\s/.test(text[i + 1] ?? " ")) {
      // `5"` (inches) or a closing mark out of place: not an opening mark.
      continue;
    }
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] !== closer) continue;
      if (single && /\p{L}/u.test(text[j + 1] ?? "")) continue; // an apostrophe inside a word
      break;
    }
    if (j >= text.length) continue;
    const inner = text.slice(i + 1, j);
    const words = quoteWords(inner);
    if (words.length) out.push({ start: i + 1, end: j, open: i, close: j, text: inner, words });
    i = j;
  }
  return out;
}

/** Lowercase words with quotes straightened and punctuation dropped; "…" and "..." kept as a gap marker. */
export function quoteWords(s: string): string[] {
  return s
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\u2026|\.{3}/g, " \u2026 ")
    .replace(/\[[^\]]*\]/g, " [] ")
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (w === "\u2026" || w === "[]" ? w : w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")))
    .filter(Boolean);
}

/** Number of real words (not gap markers) in a quoted part. */
export function wordCount(words: readonly string[]): number {
  return words.filter((w) => w !== "\u2026" && w !== "[]").length;
}

/** How many record words an inserted [bracket] may stand for ("[he]" for "Trump", "[the plan]" for "it"). */
const BRACKET_SPAN = 3;

/**
 * Are the quoted words verbatim in the record's words? Runs between "…" must appear in order,
 * each contiguous; a [bracket] stands for up to three record words. Linear in the record for
 * each starting position of the first run, which is short for quotations.
 */
export function isVerbatim(quoted: readonly string[], record: readonly string[]): boolean {
  const runs: string[][] = [[]];
  for (const w of quoted) {
    if (w === "\u2026") runs.push([]);
    else runs[runs.length - 1].push(w);
  }
  const nonEmpty = runs.filter((r) => r.some((w) => w !== "[]"));
  if (!nonEmpty.length) return false;
  let from = 0;
  for (const run of nonEmpty) {
    const at = findRun(run, record, from);
    if (at < 0) return false;
    from = at;
  }
  return true;
}

/** End index in `record` just past the first match of `run` at or after `from`, or -1. */
function findRun(run: readonly string[], record: readonly string[], from: number): number {
  for (let s = from; s < record.length; s++) {
    const end = matchAt(run, 0, record, s);
    if (end >= 0) return end;
  }
  return -1;
}

function matchAt(run: readonly string[], k: number, record: readonly string[], s: number): number {
  if (k === run.length) return s;
  if (run[k] === "[]") {
    // An inserted word may replace up to BRACKET_SPAN record words, or none.
    for (let skip = 0; skip <= BRACKET_SPAN && s + skip <= record.length; skip++) {
      const end = matchAt(run, k + 1, record, s + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (s >= record.length || record[s] !== run[k]) return -1;
  return matchAt(run, k + 1, record, s + 1);
}

/**
 * The run of record words nearest to the quoted words: the window of the record, as long as the
 * quotation, that shares the most words with it in order (longest common subsequence), as the
 * record's own text. Used to tell the writer what the record says instead.
 */
export function nearestWording(quoted: readonly string[], recordText: string): { text: string; shared: number } | undefined {
  const q = quoted.filter((w) => w !== "\u2026" && w !== "[]");
  const spans = wordSpans(recordText);
  if (!q.length || !spans.length) return undefined;
  const words = spans.map((s) => s.word);
  let best: { from: number; to: number; shared: number } | undefined;
  const width = Math.min(words.length, q.length + 2);
  for (let from = 0; from + 1 <= words.length; from++) {
    for (const len of [q.length - 1, q.length, q.length + 1, width]) {
      const to = Math.min(words.length, from + Math.max(1, len));
      const shared = lcs(q, words.slice(from, to));
      // Prefer more shared words, then the window closest to the quotation's length.
      const off = Math.abs(to - from - q.length);
      if (!best || shared > best.shared || (shared === best.shared && off < Math.abs(best.to - best.from - q.length)))
        best = { from, to, shared };
    }
  }
  if (!best || best.shared === 0) return undefined;
  // Trim record words at the edges that the quotation does not share.
  const qs = new Set(q);
  let { from, to } = best;
  // (Only down to the quotation's length: a changed first or last word is the point.)
  while (to - from > q.length && from < to - 1 && !qs.has(words[from])) from++;
  while (to - from > q.length && to > from + 1 && !qs.has(words[to - 1])) to--;
  return { text: recordText.slice(spans[from].start, spans[to - 1].end), shared: best.shared };
}

/** Words of a text with their offsets, normalised as quoteWords does. */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019.-]*/gu)) {
    const raw = m[0].replace(/[.'\u2019-]+$/, "");
    if (!raw) continue;
    out.push({ word: raw.replace(/\u2019/g, "'").toLowerCase(), start: m.index!, end: m.index! + raw.length });
  }
  return out;
}

function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(row[j], row[j - 1]);
      prev = tmp;
    }
  }
  return row[b.length];
}

// A draft sentence that repeats, word for word, the source sentence a claim was drawn from is backed by the record
// whatever the claim's plain restatement says: the claim's text is the extractor's rewording ("He" resolved, "that"
// dropped, "U.S." as written elsewhere), and a verdict read off that rewording can call the source's own sentence
// contradicted or misattributed. Checking a source against its own database must give only `supported` (issue 10).
//
// The rule is exact, never fuzzy: the sentence is rebuilt from the database (the claim's frame, ClaimSource.frame, with
// the quotes of every claim drawn from that sentence put back where they stood) and compared after folding only case,
// curly quotation marks and runs of white space. One changed word, number, negation, modal or name and the rule does
// not apply, and the claim's ordinary verdict stands. A claim without a source text (a feed's) has no frame: never.
import { normaliseSocialText } from "./social-text.js";
import type { Claim } from "./types.js";

/** The explanation of a finding the rule decides. */
export const REPEATS_SOURCE = "repeats the claim's source sentence word for word";

/** The separator database.ts (sourceSentences) puts in a frame where each quote stood. */
const SLOT = " , ";

/** Least words of a sentence that repeats one sentence of a longer one: "No." repeats nothing worth a verdict. */
const MIN_QUOTE_SENTENCE_WORDS = 4;

/**
 * Does `draft` repeat the source sentence `claim` was drawn from, or one whole sentence of the claim's quote when the
 * quote runs over several? `statement` holds every claim drawn from that source sentence (the claim among them; see
 * ClaimIndex.statementOf): their quotes are what the frame left out.
 */
export function repeatsSource(draft: string, claim: Claim, statement: readonly Claim[]): boolean {
  if (claim.source.frame === undefined || claim.source.end <= claim.source.start) return false;
  const said = fold(draft);
  if (said.length === 0) return false;
  const sentence = sourceSentenceOf(claim, statement);
  if (sentence !== undefined) {
    const whole = readAsDraft(sentence);
    if (whole === said || isSentenceOf(said, whole)) return true;
  }
  return isSentenceOf(said, readAsDraft(claim.source.quote));
}

/**
 * The source sentence, rebuilt: the frame's parts with the quotes put back. The frame is the sentence's text with
 * each run of overlapping quotes cut out and SLOT in its place (empty parts left out); the quotes' offsets give every
 * inner part's length, and the first part runs from the sentence's start (ClaimSource.sentence) to the first quote.
 * Undefined when the frame does not split that way (a database whose frames were written by other means): the rule
 * then does not apply.
 */
export function sourceSentenceOf(claim: Claim, statement: readonly Claim[]): string | undefined {
  const frame = claim.source.frame;
  if (frame === undefined) return undefined;
  const isClaims = (s: Claim["source"]) => s.start === claim.source.start && s.end === claim.source.end;
  // The quotes of the claims drawn from the same sentence: the same frame and the same sentence start ("." is the
  // frame of many a sentence that is all one claim).
  const quoted = statement
    .map((c) => c.source)
    .filter((s) => s.frame === frame && s.sentence === claim.source.sentence && s.end > s.start)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  if (!quoted.some(isClaims)) return undefined;
  // Runs of overlapping (or touching) quotes, each as its text: the frame has one slot per run.
  const runs: { start: number; end: number; text: string }[] = [];
  for (const q of quoted) {
    const last = runs[runs.length - 1];
    if (last && q.start <= last.end) {
      if (q.end > last.end) {
        last.text += q.quote.slice(last.end - q.start);
        last.end = q.end;
      }
    } else runs.push({ start: q.start, end: q.end, text: q.quote });
  }
  const from = claim.source.sentence!;
  if (from > runs[0].start) return undefined;
  // The lengths of the parts before each run (0: no part there, as sourceSentences leaves empty parts out).
  const before = runs.map((r, k) => r.start - (k === 0 ? from : runs[k - 1].end));
  let at = 0;
  let out = "";
  let first = true;
  for (let k = 0; k < runs.length; k++) {
    if (before[k] > 0) {
      if (!first) {
        if (!frame.startsWith(SLOT, at)) return undefined;
        at += SLOT.length;
      }
      if (at + before[k] > frame.length) return undefined;
      out += frame.slice(at, at + before[k]);
      at += before[k];
      first = false;
    }
    out += runs[k].text;
  }
  // What is left is the part after the last run, behind its slot.
  if (at < frame.length) {
    if (!first) {
      if (!frame.startsWith(SLOT, at)) return undefined;
      at += SLOT.length;
    }
    out += frame.slice(at);
  }
  return out;
}

/**
 * Is `said` (folded) one whole sentence of `whole` (folded: the source sentence, or the claim's quote), and not all of
 * it? The draft's segmentation may split where the loader's does not (inside a quotation that runs over two
 * sentences). A sentence ends at ".", "!" or "?" (a closing quotation mark or bracket may follow) before white space
 * or the end.
 */
function isSentenceOf(said: string, whole: string): boolean {
  // The closing quotation marks after the sentence's end are left out: a segmenter may keep one of "''" and not both.
  const core = said.replace(CLOSING_MARKS, "");
  if (core.length >= whole.length || core.split(" ").length < MIN_QUOTE_SENTENCE_WORDS) return false;
  if (!/[.!?]$/.test(core)) return false;
  for (let i = whole.indexOf(core); i >= 0; i = whole.indexOf(core, i + 1)) {
    let end = i + core.length;
    while (end < whole.length && "\"')".includes(whole[end])) end++;
    const startsOne = i === 0 || (whole[i - 1] === " " && ENDS_SENTENCE.test(whole.slice(Math.max(0, i - 6), i - 1)));
    const endsOne = end === whole.length || whole[end] === " ";
    if (startsOne && endsOne && !(i === 0 && end === whole.length)) return true;
  }
  return false;
}

/** Closing quotation marks and brackets at the end of a folded text. */
const CLOSING_MARKS = /["')]+$/;

/** A sentence's last characters: ".", "!" or "?", and closing quotation marks or brackets. */
const ENDS_SENTENCE = /[.!?]["')]*$/;

/**
 * Source text as the checker reads a draft sentence before it matches it (checker.ts: links, handles and hashtags read
 * as what they say; social-text.ts), then folded: both sides of the comparison are read the same way.
 */
function readAsDraft(text: string): string {
  return fold(normaliseSocialText(text).text);
}

/** Text as the rule compares it: case, curly quotation marks and runs of white space folded; nothing else. */
export function fold(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

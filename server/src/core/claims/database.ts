// The database a claims file describes, built once every check has passed (so the shapes below hold): speakers
// shared by their claims, offsets filled in, and each claim's provenance — where its id stands in the claims
// file and its quote in the source, as offsets and line/character — worked out here, once, and kept as numbers
// (provenance.ts).
import {
  type Claim,
  type ClaimProvenance,
  type ClaimReview,
  type ClaimsDatabase,
  type InputError,
  type Polarity,
  type QuoteKind,
  type Speaker,
  UNNAMED_CLAIMANT_ID,
} from "../types.js";
import { claimShapeOf } from "./claim-shape.js";
import { ProvenanceTable } from "./provenance.js";
import type { SourceView } from "./quote-checks.js";
import type { Reporter } from "./reporter.js";

/** Each claim's checked quote offsets by its index (semantic-checks.ts QuoteOffsetTable; a Map works too). */
export interface QuoteOffsets {
  get(index: number): { start: number; end: number } | undefined;
  has(index: number): boolean;
}

/** What the loader returns: a ClaimsDatabase plus what else the file says. */
export interface LoadedClaimsDatabase extends ClaimsDatabase {
  /** Every speaker of the file, in file order, including any with no claims. Claims share these objects. */
  speakers: Speaker[];
  /** The `source` block of the file, when present. */
  source?: { title: string; file?: string; url?: string };
  /** The source text the quotes were checked against, when known. */
  sourceText?: string;
  /** Problems that did not stop the load: a feed's bad records, each skipped (core/claimreview). */
  warnings?: InputError[];
}

/**
 * The database of a checked claims file, from its plain value (`raw`, as JSON.parse gave it). `offsets` holds each
 * claim's checked quote offsets by index (claims without are at 0/0: unknown); `idSpan` gives where each claim's
 * `id` value stands in the file (its provenance; undefined for a claim imported from a feed, which has no id in the
 * file); `sourcePath` names the source in quote provenance.
 */
export function buildDatabase(
  raw: RawDatabase,
  file: string,
  rep: Reporter,
  source: SourceView,
  sourcePath: string | undefined,
  offsets: QuoteOffsets,
  idSpan: (index: number) => { start: number; end: number } | undefined,
): LoadedClaimsDatabase {
  const sourceText = source.text;
  const speakers = new Map<string, Speaker>();
  for (const [id, s] of Object.entries(raw.speakers)) {
    speakers.set(id, { id, name: s.name, role: s.role, ...(s.aliases ? { aliases: [...s.aliases] } : {}) });
  }
  let unnamed: Speaker | undefined;
  const sourceFile = raw.source?.file;
  // Where each claim stands, as numbers (provenance.ts); made only for a file whose claims have ids in it.
  let places: ProvenanceTable | undefined;
  // The values many claims repeat (a section heading, a verb), one string each: JSON.parse makes a copy per claim.
  const shared = new Map<string, string>();
  const once = (s: string): string => {
    const known = shared.get(s);
    if (known !== undefined) return known;
    shared.set(s, s);
    return s;
  };
  const sentences = sourceText !== undefined ? sourceSentences(sourceText, raw.claims.length, offsets) : undefined;
  const claims = raw.claims.map((c, index): Claim => {
    const at = offsets.get(index) ?? { start: 0, end: 0 };
    const checked = sourceText !== undefined && offsets.has(index);
    const id = idSpan(index);
    let provenance: ClaimProvenance | undefined;
    if (id) {
      const lines = rep.lines;
      places ??= new ProvenanceTable(file, sourcePath, raw.claims.length);
      const definedIn = { start: id.start, end: id.end, from: lines.positionAt(id.start), to: lines.positionAt(id.end) };
      const quoted = sourcePath !== undefined && checked && at.end > at.start;
      provenance = places.set(
        index,
        definedIn,
        quoted ? { start: at.start, end: at.end, from: source.position(at.start), to: source.position(at.end) } : undefined,
      );
    }
    // A reviewed claim (version 2) may leave out what only a source text gives; its own words stand in.
    const reviewed = c.review !== undefined || c.url !== undefined;
    const shape = c.hedged === undefined || c.polarity === undefined ? claimShapeOf(c.text) : undefined;
    const claimant = c.speaker !== undefined ? speakers.get(c.speaker)! : undefined;
    const speaker = claimant ?? (unnamed ??= { ...UNNAMED_CLAIMANT });
    const sentence = checked ? sentences!.start[index] : undefined;
    const claimSource = sourceOf(
      c.review?.headline ?? raw.source?.title ?? raw.title,
      c.section !== undefined ? once(c.section) : "",
      quoteOf(c.quote ?? c.text, checked ? sourceText : undefined, at),
      at,
      sourceFile,
      sentence,
      sentence !== undefined ? sentences!.frame[index] : undefined,
    );
    const verb = c.verb !== undefined ? once(c.verb) : "claimed";
    // A feed's claim as it nearly always is (a claimant, a review, a date, where it appeared; no place in a file): one
    // literal with every property, in the order the general way below adds them. Added one by one, the last four
    // would take an array of their own beside the object, 65 bytes a claim.
    const plain = !provenance && sourceFile === undefined && !checked;
    if (plain && reviewed && claimant && c.review && c.claimDate !== undefined && c.url !== undefined)
      return {
        id: c.id,
        text: c.text,
        speaker,
        verb,
        hedged: c.hedged ?? shape!.hedged,
        polarity: c.polarity ?? shape!.polarity,
        quoteKind: c.quoteKind ?? "reported",
        source: claimSource,
        claimant,
        review: c.review,
        claimDate: c.claimDate,
        appearances: c.appearances ? [c.url, ...c.appearances] : [c.url],
      };
    const hedged = c.hedged ?? shape!.hedged;
    const polarity = c.polarity ?? shape!.polarity;
    // A file that does not say is read as paraphrase: the safe side, which never puts words in quotation marks.
    const quoteKind = c.quoteKind ?? "reported";
    // The provenance in the literal, not added after it: an added property takes an array of its own.
    const claim: Claim = provenance
      ? { id: c.id, text: c.text, speaker, verb, hedged, polarity, quoteKind, source: claimSource, provenance }
      : { id: c.id, text: c.text, speaker, verb, hedged, polarity, quoteKind, source: claimSource };
    if (reviewed) {
      if (claimant) claim.claimant = claimant;
      // The file's own object (JSON.parse's or the importer's, shapes checked): a feed has hundreds of thousands.
      if (c.review) claim.review = c.review;
      if (c.claimDate !== undefined) claim.claimDate = c.claimDate;
      if (c.url !== undefined) claim.appearances = c.appearances ? [c.url, ...c.appearances] : [c.url];
      else if (c.appearances?.length) claim.appearances = c.appearances;
    }
    return claim;
  });

  const db: LoadedClaimsDatabase = { origin: file, title: raw.title, claims, speakers: [...speakers.values()] };
  if (unnamed) db.speakers.push(unnamed);
  if (sourcePath !== undefined) db.sourcePath = sourcePath;
  if (raw.source) db.source = { ...raw.source };
  if (sourceText !== undefined) db.sourceText = sourceText;
  return db;
}

/**
 * A claim's source, its keys in the order the codec expects (title, section, quote, start, end, then file and
 * sentence when known), each in the literal: properties added to an object after it is made take an array of their own.
 * (The worker's codec rebuilds sources with it too, node/claims-codec.ts.)
 */
export function sourceOf(
  title: string,
  section: string,
  quote: string,
  at: { start: number; end: number },
  file: string | undefined,
  sentence: number | undefined,
  frame?: string,
): Claim["source"] {
  const { start, end } = at;
  if (frame !== undefined && sentence !== undefined)
    return file !== undefined
      ? { title, section, quote, start, end, file, sentence, frame }
      : { title, section, quote, start, end, sentence, frame };
  if (file !== undefined)
    return sentence !== undefined ? { title, section, quote, start, end, file, sentence } : { title, section, quote, start, end, file };
  return sentence !== undefined ? { title, section, quote, start, end, sentence } : { title, section, quote, start, end };
}

/**
 * Each claim's source sentence, by claim index, found once: where it starts (ClaimSource.sentence; for a claim whose
 * quote was checked against the source) and its frame (ClaimSource.frame; undefined for a claim without a quote in the
 * source): the sentence with the quote of every claim drawn from it blanked, so what is left is what the source says
 * around its statements, never one claim's content backing another's. One frame string per sentence, shared by its
 * claims; linear in the quotes and the sentences' length.
 */
function sourceSentences(text: string, count: number, offsets: QuoteOffsets): { start: Float64Array; frame: (string | undefined)[] } {
  const quotes = new Map<number, { start: number; end: number }[]>();
  const start = new Float64Array(count);
  // Each claim's frame's start (-1: no quote in the source).
  const sentenceOf = new Float64Array(count).fill(-1);
  for (let index = 0; index < count; index++) {
    const at = offsets.get(index);
    if (!at) continue;
    start[index] = sentenceStartOf(text, at.start);
    if (at.end <= at.start) continue;
    const s = frameStartOf(text, start[index]);
    // The sentence starts where its frame does: claims drawn from one sentence share it, a title inside it or not
    // ("… Mr. | Trump said"), which is what sameStatement (matcher.ts) and repeats-source.ts read.
    start[index] = s;
    sentenceOf[index] = s;
    let list = quotes.get(s);
    if (!list) quotes.set(s, (list = []));
    list.push(at);
  }
  const frames = new Map<number, string>();
  for (const [from, list] of quotes) {
    list.sort((a, b) => a.start - b.start);
    const last = list.reduce((m, q) => Math.max(m, q.end), from);
    const end = sentenceEndOf(text, Math.max(from, last - 2));
    const parts: string[] = [];
    let at = from;
    for (const q of list) {
      if (q.start > at) parts.push(text.slice(at, q.start));
      at = Math.max(at, q.end);
    }
    if (end > at) parts.push(text.slice(at, end));
    // A comma where each quote stood: the words on either side are not read as one name.
    frames.set(from, parts.join(" , "));
  }
  const frame: (string | undefined)[] = new Array<string | undefined>(count);
  for (let index = 0; index < count; index++) frame[index] = sentenceOf[index] >= 0 ? frames.get(sentenceOf[index]) : undefined;
  return { start, frame };
}

/**
 * The start of a frame's sentence, `sentence` (sentenceStartOf's) moved back past a title or an initial that ended
 * the text before it ("… Republican presidential candidate Sen. | Lindsey Graham said"): that "." ends no sentence.
 */
function frameStartOf(text: string, sentence: number): number {
  let s = sentence;
  for (;;) {
    let j = s - 1;
    while (j > 0 && isSpace(text.charCodeAt(j))) j--;
    if (j <= 0 || text.charCodeAt(j) !== 46 /* . */) return s;
    if (!dotJoins(text, j)) return s;
    s = sentenceStartOf(text, j - wordBefore(text, j).length);
  }
}

/** The letters just before offset `dot`. */
function wordBefore(text: string, dot: number): string {
  let k = dot;
  while (k > 0 && isAsciiLetter(text.charCodeAt(k - 1))) k--;
  return text.slice(k, dot);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Titles before a name and single initials: a "." after them does not end a sentence. */
const TITLES: ReadonlySet<string> = new Set(
  "Mr Mrs Ms Dr Sen Sens Rep Reps Gov Lt Gen Col Capt Sgt Adm Cmdr Prof Rev Hon Pres Atty Supt Messrs".split(" "),
);
function joinsNext(word: string): boolean {
  return TITLES.has(word) || (word.length === 1 && word >= "A" && word <= "Z");
}

/** Month abbreviations: a "." after one, before a day's number ("Aug. 19"), ends no sentence. */
const MONTHS: ReadonlySet<string> = new Set("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split(" "));

/** Does the "." at offset `dot` end no sentence: after a title or an initial, or a month before its day? */
function dotJoins(text: string, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (joinsNext(word)) return true;
  if (!MONTHS.has(word)) return false;
  let k = dot + 1;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
}

/** Where the sentence holding `offset` ends (exclusive): after ".", "!" or "?" (and a closing quote or bracket) before whitespace, or at a line break; not after a title, an initial or a month before its day (dotJoins). */
function sentenceEndOf(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) return i;
    if (ch !== 46 && ch !== 33 && ch !== 63) continue;
    if (ch === 46 && dotJoins(text, i)) continue;
    let j = i + 1;
    const after = text.charCodeAt(j);
    if (after === 34 || after === 0x201d || after === 0x2019 || after === 41) j++;
    if (j >= text.length || isSpace(text.charCodeAt(j))) return j;
  }
  return text.length;
}

/**
 * The quote, as a slice of the source text when it stands there (checked: the loader's quote checks passed): a
 * slice points into the source, which the database keeps anyway, instead of holding a copy of the words.
 */
function quoteOf(quote: string, sourceText: string | undefined, at: { start: number; end: number }): string {
  if (sourceText === undefined || at.end - at.start !== quote.length || !sourceText.startsWith(quote, at.start)) return quote;
  return sourceText.slice(at.start, at.end);
}

/** The speaker of a reviewed claim whose review names no claimant. */
const UNNAMED_CLAIMANT: Speaker = Object.freeze({
  id: UNNAMED_CLAIMANT_ID,
  name: "an unnamed claimant",
  role: "the review does not say who made the claim",
}) as Speaker;

/**
 * Where the sentence holding `offset` starts: just past the previous sentence end (".", "!" or "?", perhaps with a
 * closing quote or bracket, then whitespace) or line break. Character codes, not regular expressions: it runs once
 * a claim.
 */
function sentenceStartOf(text: string, offset: number): number {
  for (let i = offset - 1; i > 0; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) return i + 1;
    if (!isSpace(ch)) continue;
    let j = i - 1;
    const before = text.charCodeAt(j);
    if (before === 34 || before === 0x201d || before === 0x2019 || before === 41 /* " ” ’ ) */) j--;
    const end = text.charCodeAt(j);
    if (j >= 0 && (end === 46 || end === 33 || end === 63) /* . ! ? */) return i + 1;
  }
  return 0;
}

/** A claims file's value once the schema has passed (claims/claims.schema.json). */
export interface RawDatabase {
  version: 1 | 2;
  title: string;
  source?: { title: string; file?: string; url?: string };
  speakers: Record<string, { name: string; role: string; aliases?: string[] }>;
  claims: Array<{
    id: string;
    text: string;
    /** Required but for reviewed claims (those with `review` or `url`), as are verb, section, quote, hedged and polarity. */
    speaker?: string;
    verb?: string;
    section?: string;
    quote?: string;
    start?: number;
    end?: number;
    hedged?: boolean;
    polarity?: Polarity;
    quoteKind?: QuoteKind;
    reviewed?: boolean;
    url?: string;
    appearances?: string[];
    claimDate?: string;
    review?: ClaimReview;
  }>;
}

/** JavaScript's `\s`, by character code. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

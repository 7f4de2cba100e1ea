// wink-nlp's sentence boundaries, found without running wink over every unit of a draft. wink cuts a text
// into pieces at runs of spaces and at runs of line breaks and tabs (its model's `splitter`) and tokenizes
// each piece on its own (tokenizer.js: nothing but the spaces before a piece passes from one to the next),
// then runs a small automaton (the model's `sbd` machine) over a symbol per token: the token's sentence
// hint (sbd-transformers.js: end punctuation, closing brackets, quotes, titles, words that start
// sentences), else whether it is an abbreviation, else the token itself. So the boundaries of a text
// follow from the tokens of its pieces, and a draft repeats most of its pieces: each distinct piece is
// tokenized once (many at a time, in one wink call), remembered, and the automaton is run here, a port of
// wink's `recognize` (automaton.js) and of its sbd setter, over the remembered tokens.
//
// Anything this cannot be sure of goes to wink as before: a piece whose tokens do not spell it out exactly
// (wink drops or rewrites a character). `server/test/wink-sbd.test.ts` compares the two on the bench's
// drafts, generated text and written edge cases, and checks the hint table, the splitter and the symbols
// below against the model itself.
import model from "wink-eng-lite-web-model";
import type { Nlp } from "../nlp.js";
import { boundTokens, trimmedSpans } from "../nlp.js";

/** The model's sentence hints (the lexicon's `sbdHint` column) by lexeme; every other lexeme has none. */
export const SBD_HINTS: readonly [number, readonly string[]][] = [
  [1, ["."]],
  [2, ["!", "?"]],
  [3, [")", "]", "}"]],
  [4, ['"', "'"]],
  [5, ["’", "”"]],
  [
    8,
    [
      "brig.",
      "capt.",
      "col.",
      "dr.",
      "e.g.",
      "eg.",
      "esq.",
      "gen.",
      "gov.",
      "hon.",
      "i.e.",
      "ie.",
      "lt.",
      "messrs.",
      "miss.",
      "mr.",
      "mrs.",
      "ms.",
      "mt.",
      "pp.",
      "prof.",
      "rep.",
      "sen.",
      "sgt.",
      "shri.",
      "smt.",
      "viz.",
    ],
  ],
  [9, ["Dr.", "Miss.", "Mr.", "Mrs.", "Ms.", "Mt.", "Rep.", "Sen.", "Shri.", "Smt."]],
  [
    10,
    [
      "A",
      "About",
      "Above",
      "According",
      "Across",
      "Actually",
      "After",
      "Against",
      "Alas",
      "All",
      "Along",
      "Alongside",
      "Also",
      "Although",
      "Amid",
      "Among",
      "An",
      "Analysts",
      "And",
      "Another",
      "Any",
      "Anyway",
      "Are",
      "Around",
      "As",
      "At",
      "Atop",
      "Because",
      "Before",
      "Behind",
      "Both",
      "btw",
      "But",
      "By",
      "Can",
      "Could",
      "Despite",
      "Did",
      "Do",
      "Does",
      "During",
      "Each",
      "Either",
      "Even",
      "Every",
      "Except",
      "First",
      "Fold",
      "For",
      "From",
      "Having",
      "He",
      "Hello",
      "Her",
      "Here",
      "His",
      "How",
      "However",
      "I",
      "If",
      "In",
      "Indeed",
      "Instead",
      "Is",
      "It",
      "Its",
      "Just",
      "Last",
      "Later",
      "Let",
      "Like",
      "Many",
      "May",
      "Maybe",
      "Meanwhile",
      "Might",
      "More",
      "Moreover",
      "Most",
      "Must",
      "My",
      "Near",
      "Neither",
      "Nevertheless",
      "New",
      "Next",
      "No",
      "Nobody",
      "Not",
      "Now",
      "Of",
      "Oh",
      "On",
      "Once",
      "One",
      "Only",
      "Or",
      "Other",
      "Our",
      "Outside",
      "Over",
      "Overall",
      "People",
      "Perhaps",
      "Rather",
      "Right",
      "Shall",
      "She",
      "Should",
      "Since",
      "So",
      "Some",
      "Someone",
      "Sometimes",
      "Sorry",
      "Source",
      "Still",
      "Such",
      "Sure",
      "That",
      "The",
      "Their",
      "Then",
      "There",
      "Therefore",
      "These",
      "They",
      "This",
      "Those",
      "Though",
      "Thus",
      "Till",
      "To",
      "Today",
      "Trading",
      "Two",
      "Under",
      "Unfortunately",
      "Unless",
      "Unlike",
      "Until",
      "We",
      "Well",
      "What",
      "Whatever",
      "When",
      "Whenever",
      "Where",
      "Whereas",
      "Whereby",
      "Wherein",
      "Wherever",
      "Whether",
      "Which",
      "Whichever",
      "While",
      "Who",
      "Whom",
      "Whose",
      "Why",
      "Will",
      "With",
      "Within",
      "Would",
      "Wrote",
      "Yes",
      "Yet",
      "You",
      "Your",
    ],
  ],
];

/** The model's `splitter` (trex.helpers): runs of spaces (their length is a token's preceding spaces), or of line breaks and tabs (tokens). */
export const WINK_SPLITTER = /([ \u00a0\u2002-\u2005\u2009\u200a\u202f\u205f]+|[\n\r\t]+)/;
/** A separator of spaces (the splitter's first kind: a space or one of the no-break spaces it lists), not of line breaks. */
function isSpaceRun(t: string): boolean {
  const c = t.charCodeAt(0);
  return c === 32 || c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f;
}
/** wink's isAbbrev feature (feature.js; for the lexicon's own words the column agrees, which the test checks). */
const ABBREVIATION = /[a-z].*\.$/i;

/** The automaton's special symbols (automaton.js): end of the tokens, and the "otherwise" edge. */
const EOS = 2070000;
const OTHERWISE = 2070003;
const HINT_BASE = 1080000;
/** A token the automaton skips (the lexeme "\n", its keyLF), and one no edge of the machine names. */
const SKIP = -2;
const OTHER = -1;
/** A straight quote: hint 4, or 6 when spaces precede it (sbd-transformers.js). */
const QUOTE = -3;
/** Lexemes the machine has edges for by their own number (the model's lexicon numbers them so). */
export const SBD_LEXEMES: ReadonlyMap<string, number> = new Map([
  ["\n\n", 2],
  [",", 46],
  ["-", 47],
  ["–", 87301],
  ["—", 87302],
]);

const HINTS: ReadonlyMap<string, number> = new Map(SBD_HINTS.flatMap(([h, words]) => words.map((w) => [w, h] as [string, number])));

/** The automaton's symbol for a token, from its normal form and its value (sbd-transformers.js; QUOTE when it depends on spaces before). */
export function sbdSymbol(normal: string, value: string): number {
  if (normal === "\n") return SKIP;
  const h = HINTS.get(normal) || HINTS.get(value);
  if (h === 4) return QUOTE;
  if (h) return HINT_BASE + h;
  if (ABBREVIATION.test(normal)) return HINT_BASE + (normal.length === 2 ? 8 : 7);
  return SBD_LEXEMES.get(normal) ?? OTHER;
}

/**
 * One piece's tokens: the symbol alone when one token is the whole piece (most pieces: a word, a number), else
 * each token's symbol, start and end in the piece, three numbers a token.
 */
type PieceTokens = number | Int32Array;

/** Tokens in a piece's entry. */
function tokenCount(p: PieceTokens): number {
  return typeof p === "number" ? 1 : p.length / 3;
}

/** Pieces remembered before the memory starts again (a bound on memory: ≈ 100 bytes a piece of one token). */
const PIECE_MEMORY = 100_000;

/** The sbd machine (automaton.js importJSON), its edges as Maps by state number: lookups by number, not by string. */
interface Machine {
  edges: Map<number, number>[];
  /** Each terminal state's name ("0": a match that is no boundary). */
  terminal: (string | undefined)[];
  marks: ([number, number] | undefined)[];
}

export class WinkSentenceSplitter {
  /** Tokens by piece; null for a piece wink does not spell out exactly (then its texts go to wink). */
  private readonly pieces = new Map<string, PieceTokens | null>();
  private machine: Machine | undefined;

  constructor(private readonly nlp: Nlp) {}

  /** wink's sentence spans of `text` (Nlp.sentenceSpans: flat [start, end, …], trimmed), the same numbers. */
  sentenceSpans(text: string): number[] {
    const bounded = boundTokens(text);
    // One capturing group: the parts alternate, text between separators (perhaps empty) at even places and
    // the separators at odd ones; a run of spaces only counts them, a run of line breaks is a token.
    const parts = bounded.split(WINK_SPLITTER);
    const found: (PieceTokens | null | undefined)[] = new Array(parts.length);
    let unseen: string[] | undefined;
    let count = 0;
    for (let p = 0; p < parts.length; p++) {
      const t = parts[p];
      if (!t || (p & 1 && isSpaceRun(t))) continue;
      const known = this.pieces.get(t);
      if (known === null) return this.nlp.sentenceSpans(text);
      if (known === undefined) (unseen ??= []).push(t);
      else count += tokenCount(known);
      found[p] = known;
    }
    if (unseen) {
      this.learn(unseen);
      for (let p = 0; p < parts.length; p++) {
        const t = parts[p];
        if (found[p] !== undefined || !t || (p & 1 && isSpaceRun(t))) continue;
        const known = this.pieces.get(t);
        if (known === undefined || known === null) return this.nlp.sentenceSpans(text);
        count += tokenCount(known);
        found[p] = known;
      }
    }
    const symbols = new Int32Array(count);
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    let n = 0;
    let at = 0;
    let spaces = false;
    for (let p = 0; p < parts.length; p++) {
      const t = parts[p];
      const known = found[p];
      if (typeof known === "number") {
        symbols[n] = known === QUOTE ? HINT_BASE + (spaces ? 6 : 4) : known;
        starts[n] = at;
        ends[n] = at + t.length;
        n++;
        spaces = false;
      } else if (known) {
        for (let k = 0; k < known.length; k += 3, n++) {
          const s = known[k];
          symbols[n] = s === QUOTE ? HINT_BASE + (k === 0 && spaces ? 6 : 4) : s;
          starts[n] = at + known[k + 1];
          ends[n] = at + known[k + 2];
        }
        spaces = false;
      } else if (t) {
        spaces = true;
      }
      at += t.length;
    }
    return this.spans(text, symbols, starts, ends);
  }

  /** Tokenizes pieces not seen before, many in one wink call (one space between two: each is read on its own). */
  private learn(unseen: string[]): void {
    if (this.pieces.size + unseen.length > PIECE_MEMORY) this.pieces.clear();
    const distinct = [...new Set(unseen)];
    const joined = distinct.join(" ");
    const { values, normals, starts, ends } = this.nlp.tokenColumns(joined);
    let i = 0;
    let at = 0;
    for (const piece of distinct) {
      const end = at + piece.length;
      const first = i;
      // The piece's tokens must spell it out, one after the other, each its own value.
      let exact = i < values.length && starts[i] === at;
      while (i < values.length && starts[i] < end) {
        if (exact && (ends[i] > end || (i > first && starts[i] !== ends[i - 1]) || joined.slice(starts[i], ends[i]) !== values[i]))
          exact = false;
        i++;
      }
      if (exact && (i === first || ends[i - 1] !== end)) exact = false;
      if (!exact) {
        this.pieces.set(piece, null);
      } else {
        const n = i - first;
        if (n === 1) {
          this.pieces.set(piece, sbdSymbol(normals[first], values[first])); // it spans the piece (checked above)
        } else {
          const tokens = new Int32Array(3 * n);
          for (let k = 0; k < n; k++) {
            tokens[3 * k] = sbdSymbol(normals[first + k], values[first + k]);
            tokens[3 * k + 1] = starts[first + k] - at;
            tokens[3 * k + 2] = ends[first + k] - at;
          }
          this.pieces.set(piece, tokens);
        }
      }
      at = end + 1;
    }
  }

  /** The automaton over the symbols (automaton.js recognize), sentences from its matches (the model's sbd setter), spans as Nlp gives them. */
  private spans(text: string, symbols: Int32Array, starts: Int32Array, ends: Int32Array): number[] {
    const m = (this.machine ??= loadMachine());
    const n = symbols.length;
    const ends4 = recognize(m, symbols);
    // The setter: each match ends a sentence at its first token; the rest of the tokens are the last sentence.
    const sentences: [number, number][] = [];
    let si: [number, number] = [0, n - 1];
    for (let i = 0; i < ends4.length; i++) {
      si[1] = ends4[i];
      if (i < ends4.length - 1) {
        sentences.push(si);
        si = [ends4[i] + 1, n - 1];
      }
    }
    sentences.push(si);
    if (si[1] < n - 1) sentences.push([si[1] + 1, n - 1]);
    return trimmedSpans(text, sentences, starts, ends);
  }
}

function loadMachine(): Machine {
  const sbd = (model as unknown as { sbd(): { machines: string[] } }).sbd();
  const [, last, fsm, terminal, marks] = JSON.parse(sbd.machines[0]) as [
    number,
    number,
    Record<string, Record<string, number>>,
    Record<string, string>,
    Record<string, [number, number]>,
  ];
  const m: Machine = { edges: [], terminal: [], marks: [] };
  for (let state = 0; state <= last; state++) {
    m.edges.push(new Map(Object.entries(fsm[state] ?? {}).map(([k, v]) => [Number(k), v])));
    m.terminal.push(terminal[state]);
    m.marks.push(marks[state]);
  }
  return m;
}

/**
 * wink's recognize (automaton.js) for one machine without pattern swaps or a token to ignore other than keyLF,
 * over symbols already transformed: the first token of each match, as its marks move it (what the setter reads).
 */
function recognize(m: Machine, tokens: Int32Array): number[] {
  const { edges, terminal, marks } = m;
  const length = tokens.length;
  const out: number[] = [];
  const push = (first: number, state: number) => {
    if (terminal[state] === "0") return;
    const mark = marks[state];
    out.push(mark ? first + mark[0] : first);
  };
  let first = 0;
  let state = 0;
  let ns = 0;
  let lastOtherwiseIndex = 0;
  let lastOtherwiseState = 0;
  for (let i = 0; i <= length; i += 1) {
    for (let j = i; j <= length; j += 1) {
      const t = j === length ? EOS : tokens[j];
      if (t === SKIP) continue;
      ns = edges[state].get(t) || 0;
      if (!state && ns) first = j;
      if (terminal[ns]) {
        push(first, ns);
        i = j;
        j = length + 100;
        ns = 0;
        lastOtherwiseState = 0;
      } else if (ns === 0) {
        if (lastOtherwiseState) {
          push(first, lastOtherwiseState);
          i = lastOtherwiseIndex;
          j = length + 100;
          ns = 0;
          lastOtherwiseState = 0;
        } else {
          j = length + 100;
        }
      }
      state = ns;
      const other = edges[state].get(OTHERWISE);
      if (other) {
        lastOtherwiseIndex = j;
        lastOtherwiseState = other;
      }
    }
  }
  return out;
}

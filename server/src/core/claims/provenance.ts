// Each claim's provenance (types.ts ClaimProvenance: where its id stands in the claims file and its quote in the
// source, as offsets and line/character) kept as numbers, twelve a claim, in one table per database; a claim's
// `provenance` is a small view whose `definedIn` and `quoteIn` make the objects when they are read. Built as objects
// they were nine objects and a pointer string a claim, ≈ 58 MB of a 100,000-claim database's ≈ 116 MB; read, they
// are needed only for the claims a diagnostic, a hover or an error names.
import type { LinePosition } from "../line-index.js";
import type { ClaimProvenance, FileSpan } from "../types.js";

/** Numbers a row: the id's start, end, start line, start character, end line, end character; then the quote's. */
const ROW = 12;
/** A quote start that says the claim has no `quoteIn`. */
const NONE = -1;

/** The provenance of one database's claims, by claim number (the claim's index in its file's `claims`). */
export class ProvenanceTable {
  private readonly nums: Int32Array;

  constructor(
    /** `definedIn.file`: the claims file. */
    readonly file: string,
    /** `quoteIn.file`: the source text's path, when quotes were checked against it. */
    readonly quoteFile: string | undefined,
    /** How many claims the file has. */
    readonly size: number,
  ) {
    this.nums = new Int32Array(size * ROW);
  }

  /** Claim `index`'s places; `quote` undefined when it has no `quoteIn`. Returns the claim's provenance view. */
  set(
    index: number,
    id: { start: number; end: number; from: LinePosition; to: LinePosition },
    quote?: { start: number; end: number; from: LinePosition; to: LinePosition },
  ): ClaimProvenance {
    const n = this.nums;
    const at = index * ROW;
    put(n, at, id);
    if (quote) put(n, at + 6, quote);
    else n[at + 6] = NONE;
    return new ProvenanceView(this, index);
  }

  /** `definedIn` of claim `index`, made anew. */
  definedIn(index: number): FileSpan & { pointer: string } {
    const span = this.span(index * ROW, this.file) as FileSpan & { pointer: string };
    span.pointer = `/claims/${index}/id`;
    return span;
  }

  /** `quoteIn` of claim `index`, made anew; undefined when it has none. */
  quoteIn(index: number): FileSpan | undefined {
    const at = index * ROW + 6;
    if (this.nums[at] === NONE || this.quoteFile === undefined) return undefined;
    return this.span(at, this.quoteFile);
  }

  private span(at: number, file: string): FileSpan {
    const n = this.nums;
    return {
      file,
      start: n[at],
      end: n[at + 1],
      range: { start: { line: n[at + 2], character: n[at + 3] }, end: { line: n[at + 4], character: n[at + 5] } },
    };
  }
}

function put(n: Int32Array, at: number, s: { start: number; end: number; from: LinePosition; to: LinePosition }): void {
  n[at] = s.start;
  n[at + 1] = s.end;
  n[at + 2] = s.from.line;
  n[at + 3] = s.from.character;
  n[at + 4] = s.to.line;
  n[at + 5] = s.to.character;
}

/**
 * A claim's provenance as a view into its table. Read like the plain object (`definedIn`, `quoteIn`), and written
 * out as it (toJSON); its fields are private, so spreading, comparing or stringifying a claim sees none of them.
 */
class ProvenanceView implements ClaimProvenance {
  readonly #table: ProvenanceTable;
  readonly #index: number;
  constructor(table: ProvenanceTable, index: number) {
    this.#table = table;
    this.#index = index;
  }
  get definedIn(): FileSpan & { pointer: string } {
    return this.#table.definedIn(this.#index);
  }
  get quoteIn(): FileSpan | undefined {
    return this.#table.quoteIn(this.#index);
  }
  toJSON(): ClaimProvenance {
    const quoteIn = this.quoteIn;
    return quoteIn ? { definedIn: this.definedIn, quoteIn } : { definedIn: this.definedIn };
  }
}

// A loaded database's claims as compact JSON, for the claims-loading worker (load-worker.ts) to hand them to the
// server: one array per claim, speakers and file names by number, the places of its provenance as numbers. A
// claim's ordinary JSON (with its provenance objects and full paths) was twice the size of the claims file, and
// parsing it cost more than loading the file; this is about the size of the file's own claims.
//
// A claim the loader shapes as usual (database.ts, buildDatabase: these keys, in this order) is encoded field by
// field; any other (keys in another order, a field of another type) goes as its plain JSON, so every claim comes
// back as it went, keys in the same order.
import { sourceOf } from "../core/claims/database.js";
import { ProvenanceTable } from "../core/claims/provenance.js";
import type { Claim, ClaimProvenance, FileSpan, Speaker } from "../core/types.js";

/** The keys buildDatabase gives a claim, in its order; an encoded claim is rebuilt with them. */
const CLAIM_KEYS = [
  "id",
  "text",
  "speaker",
  "verb",
  "hedged",
  "polarity",
  "quoteKind",
  "source",
  "provenance",
  "claimant",
  "review",
  "claimDate",
  "appearances",
];
const SOURCE_KEYS = ["title", "section", "quote", "start", "end", "file", "sentence", "frame"];

/** Numbers for the strings claims repeat (titles, file names), and the speakers. */
export class CodecTables {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  constructor(readonly speakers: readonly Speaker[]) {}
  string(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.push(s) - 1;
      this.ids.set(s, id);
    }
    return id;
  }
}

type Encoded = unknown[] | { plain: unknown };

/** In order: keys exactly `expected`'s, those present. */
function keysIn(o: object, expected: readonly string[]): boolean {
  let k = 0;
  for (const key of Object.keys(o)) {
    while (k < expected.length && expected[k] !== key) k++;
    if (k === expected.length) return false;
    k++;
  }
  return true;
}

function span(s: FileSpan, t: CodecTables): number[] {
  return [t.string(s.file), s.start, s.end, s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character];
}

function unspan(a: number[], strings: readonly string[]): FileSpan {
  return {
    file: strings[a[0]],
    start: a[1],
    end: a[2],
    range: { start: { line: a[3], character: a[4] }, end: { line: a[5], character: a[6] } },
  };
}

/** Claim number `index` of its database, encoded. */
export function encodeClaim(c: Claim, index: number, speakerNumber: ReadonlyMap<Speaker, number>, t: CodecTables): Encoded {
  const sp = speakerNumber.get(c.speaker);
  const cl = c.claimant === undefined ? -1 : speakerNumber.get(c.claimant);
  const p = c.provenance;
  const plain =
    sp === undefined ||
    cl === undefined ||
    !keysIn(c, CLAIM_KEYS) ||
    !keysIn(c.source, SOURCE_KEYS) ||
    (p !== undefined &&
      (!keysIn(p, ["definedIn", "quoteIn"]) ||
        p.definedIn.pointer !== `/claims/${index}/id` ||
        !keysIn(p.definedIn, ["file", "start", "end", "range", "pointer"]) ||
        (p.quoteIn !== undefined && !keysIn(p.quoteIn, ["file", "start", "end", "range"]))));
  if (plain) return { plain: { ...c, speaker: sp ?? -1, claimant: c.claimant === undefined ? undefined : (cl ?? -1) } };
  const s = c.source;
  return [
    c.id,
    c.text,
    sp,
    c.verb,
    c.hedged ? 1 : 0,
    c.polarity === "negative" ? 1 : 0,
    c.quoteKind === "direct" ? 1 : 0,
    t.string(s.title),
    t.string(s.section),
    s.quote === c.text ? null : s.quote,
    s.start,
    s.end,
    s.file === undefined ? null : t.string(s.file),
    s.sentence ?? null,
    p ? span(p.definedIn, t) : null,
    p?.quoteIn ? span(p.quoteIn, t) : null,
    cl,
    c.review ?? null,
    c.claimDate ?? null,
    c.appearances ?? null,
    s.frame === undefined ? null : t.string(s.frame),
  ];
}

/**
 * Where decoded claims keep their provenance: one table (core/claims/provenance.ts) for a database of `size` claims,
 * as the loader keeps it, made for the file names of the first claim that has one. A claim whose places name other
 * files gets plain objects.
 */
export class DecodedPlaces {
  private table: ProvenanceTable | undefined;
  constructor(private readonly size: number) {}
  provenance(index: number, definedIn: number[], quoteIn: number[] | null, strings: readonly string[]): ClaimProvenance | undefined {
    const file = strings[definedIn[0]];
    const quoteFile = quoteIn ? strings[quoteIn[0]] : undefined;
    if (index >= this.size) return undefined;
    this.table ??= new ProvenanceTable(file, quoteFile, this.size);
    const t = this.table;
    if (t.file !== file || (quoteIn && t.quoteFile !== quoteFile)) return undefined;
    return t.set(index, place(definedIn), quoteIn ? place(quoteIn) : undefined);
  }
}

function place(a: number[]): {
  start: number;
  end: number;
  from: { line: number; character: number };
  to: { line: number; character: number };
} {
  return { start: a[1], end: a[2], from: { line: a[3], character: a[4] }, to: { line: a[5], character: a[6] } };
}

/** Claim number `index` back from its encoding; its provenance kept in `places` when given. */
export function decodeClaim(
  e: Encoded,
  index: number,
  speakers: readonly Speaker[],
  strings: readonly string[],
  places?: DecodedPlaces,
): Claim {
  if (!Array.isArray(e)) {
    const c = e.plain as Record<string, unknown>;
    c.speaker = speakers[c.speaker as number];
    if (c.claimant !== undefined) c.claimant = speakers[c.claimant as number];
    return c as unknown as Claim;
  }
  const text = e[1] as string;
  // Every key in the literal, as the loader makes them (sourceOf): a key added afterwards takes an array of its own.
  const source = sourceOf(
    strings[e[7] as number],
    strings[e[8] as number],
    (e[9] as string | null) ?? text,
    { start: e[10] as number, end: e[11] as number },
    e[12] !== null ? strings[e[12] as number] : undefined,
    e[13] !== null ? (e[13] as number) : undefined,
    e[20] != null ? strings[e[20] as number] : undefined,
  );
  const id = e[0] as string;
  const speaker = speakers[e[2] as number];
  const verb = e[3] as string;
  const hedged = e[4] === 1;
  const polarity = e[5] === 1 ? "negative" : "positive";
  const quoteKind = e[6] === 1 ? "direct" : "reported";
  const provenance =
    e[14] === null
      ? undefined
      : (places?.provenance(index, e[14] as number[], e[15] as number[] | null, strings) ?? plainProvenance(e, index, strings));
  const claim: Claim = provenance
    ? { id, text, speaker, verb, hedged, polarity, quoteKind, source, provenance }
    : { id, text, speaker, verb, hedged, polarity, quoteKind, source };
  if ((e[16] as number) >= 0) claim.claimant = speakers[e[16] as number];
  if (e[17] !== null) claim.review = e[17] as Claim["review"];
  if (e[18] !== null) claim.claimDate = e[18] as string;
  if (e[19] !== null) claim.appearances = e[19] as string[];
  return claim;
}

function plainProvenance(e: unknown[], index: number, strings: readonly string[]): ClaimProvenance {
  const definedIn = unspan(e[14] as number[], strings) as FileSpan & { pointer: string };
  definedIn.pointer = `/claims/${index}/id`;
  const provenance: ClaimProvenance = { definedIn };
  if (e[15] !== null) provenance.quoteIn = unspan(e[15] as number[], strings);
  return provenance;
}

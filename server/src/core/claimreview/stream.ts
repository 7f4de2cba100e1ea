// The streaming importer for large JSON-LD feeds: a 300,000-review DataFeed is ~180 MB of text, and JSON.parse of
// the whole of it holds a tree several times that size (plus the records, plus the database) at once. Here a linear
// scanner, aware of brackets and strings, finds each top-level value — and each element of a top-level array
// (`dataFeedElement`, `@graph`, or the document itself) — and JSON.parse reads that slice alone; its ClaimReviews
// become claims (DatabaseBuilder) before the next slice is read, so only one record's tree is alive at a time.
//
// It must give what the whole-document path (import.ts) gives, the same database and the same problems at the same
// line:column. So it reads only the shapes where that is plain, and answers `undefined` (the caller takes the
// whole-document path) for anything else: a reference (`{"@id": …}` alone, which only the whole document resolves),
// an escape in a top-level key, a repeated top-level key (JSON.parse keeps the last), an integer-like or
// `__proto__` key (JSON.parse orders or treats them apart), a `claims` key (a claims:search response) or `source`
// (a claims file's source text), a top-level ClaimReview, a byte order mark, text that is not JSON-LD, and any
// slice JSON.parse refuses or any text between slices that is not JSON (the whole path reports syntax errors).
// A bad record's place is found in its own slice's tree (jsonc-parser), offset by where the slice starts.
import { toJsonPointer } from "../claims/json-pointer.js";
import { closedStringEnd, skipSpace } from "../claims/json-scan.js";
import { type JsonNode, nodeAtPointer, parseJson } from "../claims/json-tree.js";
import { finishFeed, type ImportedFeed, type ImportOptions, type NodeLocator, wholeTree } from "./finish.js";
import { claimReviewReader, feedName, hasReference, looksLikeJsonLd, topLevelNode, walkJsonLd } from "./jsonld.js";
import type { PathLink, RecordProblem } from "./record.js";
import { DatabaseBuilder } from "./to-database.js";

/**
 * A top-level value's place, with where its text stands in the file: [start, end), or, for an array element parsed
 * with others (elements), the `index`th value of the text at [start, end).
 */
interface SliceLink extends PathLink {
  start: number;
  end: number;
  index?: number;
}

/** Thrown inside the scan when the whole-document path must read this text; caught in streamJsonLd only. */
class Fallback {}

/**
 * A JSON-LD feed read one top-level value at a time; `undefined` when its shape is one the whole-document path
 * must read (see the file's head).
 * @throws InputErrors when it is a feed of which no record could be read (as the whole-document path does)
 */
export function streamJsonLd(text: string, file: string, opts: ImportOptions = {}): ImportedFeed | undefined {
  const builder = new DatabaseBuilder();
  const problems: RecordProblem[] = [];
  const read = claimReviewReader((v) => v);
  let nestedTitle: string | undefined;
  const visitor = {
    review(node: Record<string, unknown>, path: PathLink | undefined) {
      const r = read(node, path);
      if ("message" in r) problems.push(r);
      else builder.add(r);
    },
    dataFeed(node: Record<string, unknown>) {
      nestedTitle ??= feedName(node);
    },
  };
  /** Walks a value; `mayRefer` when the text it was parsed from may hold a reference (mayHoldReference). */
  const walk = (v: unknown, mayRefer: boolean, link: SliceLink): void => {
    if (mayRefer && hasReference(v)) throw new Fallback();
    walkJsonLd(v, link, visitor);
  };
  /** Parses the value at [start, end) and, with `walkIt`, walks it; returns it. */
  const value = (start: number, end: number, link: SliceLink, walkIt: boolean): unknown => {
    const slice = text.slice(start, end);
    let v: unknown;
    try {
      v = JSON.parse(slice);
    } catch {
      throw new Fallback();
    }
    if (walkIt) walk(v, mayHoldReference(slice), link);
    return v;
  };
  /** Each element of the array at `i` (its `[`) parsed and walked, with `each` called on it; returns the index after `]`. */
  const arrayValues = (i: number, parent: PathLink | undefined, each?: (v: unknown) => void): number =>
    elements(
      text,
      i,
      (v, link, mayRefer) => {
        walk(v, mayRefer, link);
        each?.(v);
      },
      parent,
    );

  let title: string | undefined;
  try {
    if (text.charCodeAt(0) === 0xfeff) throw new Fallback();
    let i = skipSpace(text, 0);
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */) {
      let jsonLd = false;
      i = arrayValues(i, undefined, (v) => (jsonLd ||= looksLikeJsonLd([v])));
      if (!jsonLd) throw new Fallback();
    } else if (c === 123 /* { */) {
      const shell: Record<string, unknown> = {};
      i = members(text, i, (key, start) => {
        if (Object.hasOwn(shell, key) || key === "claims" || key === "source" || key === "__proto__" || /^(?:0|[1-9]\d*)$/.test(key))
          throw new Fallback();
        // The top-level object's own small values are read whole; a large array element by element. Its type and
        // name (what the whole path reads from it) are never streamed.
        const jsonLdKey = key === "@context" || key === "@type" || key === "@graph";
        const evidence = jsonLdKey || "@context" in shell || "@type" in shell || "@graph" in shell;
        const open = text.charCodeAt(start);
        if (open === 91 && key !== "@context" && key !== "@type" && !/name$/i.test(key)) {
          if (!evidence) throw new Fallback();
          shell[key] = [];
          const parent: PathLink = { parent: undefined, key };
          return arrayValues(start, parent);
        }
        // Before scanning it: a claims database's speakers or claims come here, and go to the whole path at once.
        if (!evidence && (open === 91 || open === 123)) throw new Fallback();
        const end = valueEnd(text, start);
        if (end < 0) throw new Fallback();
        shell[key] = value(start, end, { parent: undefined, key, start, end }, key !== "@context");
        return end;
      });
      if (!looksLikeJsonLd(shell)) throw new Fallback();
      const top = topLevelNode(shell);
      if (top.review) throw new Fallback();
      title = top.name;
    } else throw new Fallback();
    if (skipSpace(text, i) !== text.length) throw new Fallback();
  } catch (e) {
    if (e instanceof Fallback) return undefined;
    throw e;
  }
  return finishFeed("jsonld", builder, problems, title ?? nestedTitle, text, file, opts, sliceLocator(text));
}

/** A problem's node found in the tree of its slice alone (one tree kept: problems come in document order). */
function sliceLocator(text: string): NodeLocator {
  let last: { start: number; root: JsonNode | undefined } | undefined;
  const whole = wholeTree(text);
  return (at, pointer) => {
    const keys: (string | number)[] = [];
    let l = "path" in at ? at.path : undefined;
    while (l && !("start" in l)) {
      keys.push(l.key);
      l = l.parent;
    }
    if (!l) return whole(at, pointer);
    const { start, end } = elementSpan(text, l as SliceLink);
    if (last?.start !== start) last = { start, root: parseJson(text.slice(start, end)).root };
    if (!last.root) return undefined;
    const node = nodeAtPointer(last.root, toJsonPointer(keys.reverse()));
    return { offset: start + node.offset, length: node.length };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The scanner: where values start and end. It checks only what lies between values (commas, colons, brackets,
// whitespace); each value's own text is checked by JSON.parse.

/** The index after the value that starts at `i`, or -1 when it does not end. */
function valueEnd(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return closedStringEnd(t, i);
  if (c === 123 || c === 91) {
    let depth = 1;
    for (let j = i + 1; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === 34) {
        j = closedStringEnd(t, j) - 1;
        if (j < 0) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  for (; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break;
  }
  return j > i ? j : -1;
}

/** Whether JSON text may hold a reference: its key is "@id" as written or with escapes; only then is a value walked for one. */
function mayHoldReference(slice: string): boolean {
  return slice.includes('"@id"') || slice.includes("\\u");
}

/**
 * Characters of array elements parsed at once (elements): ≈ 50 records. Each parse reads a copy ("[" + the slice +
 * "]"), and this keeps that copy under V8's large-object size (128 KB; 32K characters are 64 KB even as two-byte
 * text), so it dies young. Copies of 256 KB were large objects, freed only by a full collection: when that came late,
 * a 300,000-review feed's load peaked ≈ 310 MB higher (2 runs of 7), and took ≈ 1 s more CPU.
 */
const CHUNK = 1 << 15;

/**
 * Calls `f` on each element of the array at `i` (its `[`), parsed, with its place (`parent` and its index) and a text
 * that holds it; returns the index after `]`.
 *
 * Elements are parsed a few hundred at once: JSON.parse of "[" + the text up to some `},{` + "]". When that parses,
 * the cut was at the end of an element (a cut inside a string, or inside an element, leaves a string or a bracket
 * open, which JSON.parse refuses), so the values are those elements, and scanning each one's end first (valueEnd)
 * would be work JSON.parse does again. When it does not parse (the cut was inside a string or an element, the array
 * ended before it, or some element is bad), the elements up to the cut are read one at a time, as valueEnd finds
 * them; so is a bad element, which the whole-document path must then read.
 */
function elements(t: string, i: number, f: (v: unknown, link: SliceLink, mayRefer: boolean) => void, parent: PathLink | undefined): number {
  i = skipSpace(t, i + 1);
  if (t.charCodeAt(i) === 93) return i + 1;
  // Up to here, elements are read one at a time (a cut that did not parse).
  let carefulUntil = -1;
  for (let n = 0; ;) {
    if (i >= carefulUntil) {
      const cut = chunkCut(t, i + CHUNK);
      if (cut > 0) {
        const slice = t.slice(i, cut + 1);
        let vs: unknown[] | undefined;
        try {
          vs = JSON.parse(`[${slice}]`) as unknown[];
        } catch {
          carefulUntil = cut + 1;
        }
        if (vs) {
          const mayRefer = mayHoldReference(slice);
          for (let k = 0; k < vs.length; k++) f(vs[k], { parent, key: n + k, start: i, end: cut + 1, index: k }, mayRefer);
          n += vs.length;
          i = skipSpace(t, cut + 2);
          continue;
        }
      }
    }
    const end = valueEnd(t, i);
    if (end < 0) throw new Fallback();
    const slice = t.slice(i, end);
    let v: unknown;
    try {
      v = JSON.parse(slice);
    } catch {
      throw new Fallback();
    }
    f(v, { parent, key: n++, start: i, end }, mayHoldReference(slice));
    i = skipSpace(t, end);
    const c = t.charCodeAt(i);
    if (c === 93) return i + 1;
    if (c !== 44) throw new Fallback();
    i = skipSpace(t, i + 1);
  }
}

/**
 * A place to try to end a slice of elements at, from `from` on: a `}` followed by a comma and an object, as between
 * two records (and inside a record only in an array of objects); -1 when there is none.
 */
function chunkCut(t: string, from: number): number {
  for (let cut = t.indexOf("},", from); cut > 0; cut = t.indexOf("},", cut + 2))
    if (t.charCodeAt(skipSpace(t, cut + 2)) === 123 /* { */) return cut;
  return -1;
}

/** Where an element's own text is: its link's span, or, for one parsed with others, found in theirs. */
function elementSpan(t: string, l: SliceLink): { start: number; end: number } {
  if (l.index === undefined) return l;
  let start = l.start;
  for (let k = 0; ; k++) {
    const end = valueEnd(t, start);
    if (k === l.index) return { start, end };
    start = skipSpace(t, skipSpace(t, end) + 1);
  }
}

/**
 * Calls `f` on each member of the object at `i` (its `{`) with its key and where its value starts; `f` returns
 * where the value ends. Returns the index after `}`. A key written with an escape is not read here.
 */
function members(t: string, i: number, f: (key: string, start: number) => number): number {
  i = skipSpace(t, i + 1);
  if (t.charCodeAt(i) === 125) throw new Fallback(); // {}: no feed
  for (;;) {
    if (t.charCodeAt(i) !== 34) throw new Fallback();
    const ke = closedStringEnd(t, i);
    if (ke < 0) throw new Fallback();
    const raw = t.slice(i + 1, ke - 1);
    // No escapes, and no control characters (which JSON.parse refuses in a string).
    for (let k = 0; k < raw.length; k++) if (raw.charCodeAt(k) < 32 || raw.charCodeAt(k) === 92) throw new Fallback();
    i = skipSpace(t, ke);
    if (t.charCodeAt(i) !== 58 /* : */) throw new Fallback();
    i = f(raw, skipSpace(t, i + 1));
    i = skipSpace(t, i);
    const c = t.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 44) throw new Fallback();
    i = skipSpace(t, i + 1);
  }
}

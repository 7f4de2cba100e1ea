// The marks Fact Check itself writes into drafts, and how the checker recognises them:
//
//   `<!-- factcheck-ignore -->`   right after a sentence (same line, spaces allowed): the sentence
//                                 is not checked. An inline comment, so it never splits the
//                                 paragraph, list item, block quote or table cell it sits in. The
//                                 same marker works in plain text, where it is not read as words.
//   `[^factcheck-<id>]`           a footnote reference: markup, never words of a sentence.
//   `[^factcheck-<id>]: …`        a footnote definition Fact Check wrote: not prose at all, so
//                                 it is never checked (the citation restates the claim).
//   `(source: <title>; <speaker>)` a parenthetical citation (plain text, and Insert Citation):
//                                 not prose either. Its words (names, titles) are no statement,
//                                 and read as one they would change the verdict of the sentence
//                                 they stand next to.
//
// Directives a writer types (Markdown and plain text alike; see ignoreDirectives):
//   `<!-- factcheck-ignore-next-line [id …] -->`   the sentences starting on the next line
//   `<!-- factcheck-disable [id …] -->` … `<!-- factcheck-enable -->`   every sentence starting
//                                 between them (to the end of the file when no enable follows)
//   `<!-- factcheck-ignore-file [id …] -->`        the whole file
//   `<!-- factcheck-ignore id … -->` right after a sentence: only those claims, for that sentence
// With ids, only findings about those claims are skipped; without, every finding.
// A directive inside Markdown code (a fenced or indented code block, inline code) is an example
// of one, shown to a reader, and does nothing: the segmentation says where code is.
//
// Pure functions over text; markdown-prose.ts and segment/ apply them, the checker skips
// sentences that an ignore marker follows, and the quick fixes write the same forms.

/** The inline comment that makes the checker skip the sentence it directly follows. */
export const IGNORE_SENTENCE_COMMENT = "<!-- factcheck-ignore -->";

// Patterns only: every use goes through matchAll or a fresh RegExp, so no lastIndex is shared.
/** The same comment as written by hand: any spacing inside the comment. */
const IGNORE_SENTENCE = /<!--[ \t]*factcheck-ignore[ \t]*-->/g;

/** The prefix of every footnote label Fact Check writes. */
export const FOOTNOTE_PREFIX = "factcheck-";

/** `[^factcheck-<id>]` */
export function footnoteLabel(claimId: string): string {
  return `[^${FOOTNOTE_PREFIX}${claimId}]`;
}

/** How every parenthetical citation Fact Check writes begins. */
export const CITATION_PREFIX = "(source: ";

/** A footnote reference `[^label]` (GFM): no spaces or brackets in the label (a "[" there would make every "[^" of a long run scan to its end). */
const FOOTNOTE_REF = /\[\^[^[\]\s]+\]/g;
/** A Fact Check footnote definition (label and colon). */
const FACTCHECK_DEFINITION = /\[\^factcheck-[^\]\s]*\]:/y;

/**
 * Whether the sentence ending at `end` is followed by the ignore comment. In Markdown an
 * escaped comment (`\<!-- … -->`, literal text) does not count.
 */
export function ignoredByMarker(text: string, end: number, format: "markdown" | "plaintext"): boolean {
  let p = end;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  if (!text.startsWith("<!--", p) || !matchesAt(IGNORE_SENTENCE, text, p)) return false;
  return !(format === "markdown" && p === end && text.charCodeAt(end - 1) === 92 /* \ */);
}

/**
 * Flat [start, end) ranges of the ignore comments in plain text, which are marks, not words.
 * (Plain text has only the inline form; the line form is a Markdown comment.)
 */
export function plainTextMarkers(src: string): number[] {
  const ranges = citationRanges(src, 0, src.length);
  if (src.indexOf("factcheck-") < 0) return ranges;
  for (const m of src.matchAll(DIRECTIVE)) ranges.push(m.index, m.index + m[0].length);
  return sortRanges(ranges);
}

/** Every directive comment: its kind, and the claim ids after it (lowercase letters, digits, hyphens). */
const DIRECTIVE = /<!--[ \t]*factcheck-(ignore-next-line|ignore-file|ignore|disable|enable)((?:[ \t]+[a-z0-9][a-z0-9-]*)*)[ \t]*-->/g;

/** Which findings a draft's directives skip: `skips(sentence start, sentence end, claim id)`. */
export interface IgnoreDirectives {
  /** No directive at all: nothing to ask. */
  readonly none: boolean;
  /** Every finding of the sentence is skipped (a directive without ids covers it): it need not be checked. */
  skipsSentence(start: number, end: number): boolean;
  skips(start: number, end: number, claimId: string): boolean;
}

interface Span {
  start: number;
  end: number;
  /** Undefined: every claim. */
  ids?: ReadonlySet<string>;
}

/**
 * The ignore directives of a draft (see the header), found in one pass over the text. In Markdown
 * a comment escaped with a backslash is literal text and does not count, and neither does one in
 * `code`: the flat, ascending [start, end) ranges of code the segmentation found (Segmentation.code).
 * Lookups cost a binary search, so a draft full of directives still checks in time linear in its
 * size (times a log).
 */
export function ignoreDirectives(text: string, format: "markdown" | "plaintext", code: readonly number[] = []): IgnoreDirectives {
  return directivesFrom(text, outsideCode(directiveMatches(text, format), code));
}

/** One directive comment of a draft: where it stands, its kind, and the claim ids after it. */
export interface DirectiveMatch {
  index: number;
  end: number;
  kind: string;
  ids?: ReadonlySet<string>;
}

/**
 * The directive comments of a draft, in order (in Markdown, not those escaped with a backslash; not the bare
 * `<!-- factcheck-ignore -->`, which is ignoredByMarker's), code or not (outsideCode). Each is one comment on
 * one line: an edit that leaves a line alone leaves its comments alone, so a host that re-checks an edited
 * draft may keep the others, moved (draft-session.ts).
 */
export function directiveMatches(text: string, format: "markdown" | "plaintext"): DirectiveMatch[] {
  if (text.indexOf("factcheck-") < 0) return [];
  const out: DirectiveMatch[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    if (format === "markdown" && m.index > 0 && text.charCodeAt(m.index - 1) === 92 /* \ */) continue;
    const ids = m[2].trim() ? new Set(m[2].trim().split(/[ \t]+/)) : undefined;
    if (m[1] === "ignore" && !ids) continue;
    out.push(
      ids ? { index: m.index, end: m.index + m[0].length, kind: m[1], ids } : { index: m.index, end: m.index + m[0].length, kind: m[1] },
    );
  }
  return out;
}

/** The matches not starting inside `code` (flat, ascending [start, end) ranges, Segmentation.code): those are examples, not directives. */
export function outsideCode(matches: readonly DirectiveMatch[], code: readonly number[]): DirectiveMatch[] {
  if (!code.length || !matches.length) return [...matches];
  const out: DirectiveMatch[] = [];
  let c = 0; // the first code range not wholly before the current directive (both come in order)
  for (const m of matches) {
    while (c < code.length && code[c + 1] <= m.index) c += 2;
    if (c < code.length && code[c] <= m.index) continue; // inside code: an example, not a directive
    out.push(m);
  }
  return out;
}

/** What the directives `matches` (directiveMatches of `text`, outside code) skip. */
export function directivesFrom(text: string, matches: readonly DirectiveMatch[]): IgnoreDirectives {
  if (!matches.length) return NO_DIRECTIVES;
  const blocks: Span[] = []; // disable … enable, and next lines: sorted by start (a disable closes at the next enable)
  const lines: Span[] = [];
  const inline = new Map<number, ReadonlySet<string>>(); // comment offset → ids, for `factcheck-ignore id …`
  let file: Span | undefined;
  let fileIds: Set<string> | undefined;
  let open: { start: number; ids?: ReadonlySet<string> } | undefined;
  for (const m of matches) {
    const { ids, end } = m;
    switch (m.kind) {
      case "ignore":
        if (ids) inline.set(m.index, ids); // the bare form is ignoredByMarker's
        break;
      case "ignore-file":
        if (!ids) file = { start: 0, end: text.length };
        else for (const id of ids) (fileIds ??= new Set()).add(id);
        break;
      case "disable":
        if (!open) open = { start: end, ids };
        break;
      case "enable":
        if (open) blocks.push({ start: open.start, end: m.index, ids: open.ids });
        open = undefined;
        break;
      case "ignore-next-line": {
        const nl = lineEnd(text, end);
        if (nl >= text.length) break;
        const next = nl + (text.charCodeAt(nl) === 13 && text.charCodeAt(nl + 1) === 10 ? 2 : 1);
        lines.push({ start: next, end: lineEnd(text, next) + 1, ids });
        break;
      }
    }
  }
  if (open) blocks.push({ start: open.start, end: text.length + 1, ids: open.ids });
  if (!file && !fileIds && !blocks.length && !lines.length && !inline.size) return NO_DIRECTIVES;
  const covering = (spans: Span[], at: number): Span | undefined => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start > at) hi = mid - 1;
      else if (spans[mid].end <= at) lo = mid + 1;
      else return spans[mid];
    }
    return undefined;
  };
  const inlineAfter = (end: number): ReadonlySet<string> | undefined => {
    let p = end;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    return inline.get(p);
  };
  const spanSkips = (span: Span | undefined, id: string | undefined) => !!span && (!span.ids || (id !== undefined && span.ids.has(id)));
  return {
    none: false,
    skipsSentence: (start) => !!file || spanSkips(covering(blocks, start), undefined) || spanSkips(covering(lines, start), undefined),
    skips: (start, end, id) =>
      !!file ||
      !!fileIds?.has(id) ||
      spanSkips(covering(blocks, start), id) ||
      spanSkips(covering(lines, start), id) ||
      !!inlineAfter(end)?.has(id),
  };
}

const NO_DIRECTIVES: IgnoreDirectives = Object.freeze({ none: true, skipsSentence: () => false, skips: () => false });

/** The offset of the line break ending the line that `i` is on (or the text's length). */
function lineEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
  return j;
}

/**
 * Flat [start, end) ranges of parenthetical citations `(source: …)` within `[a, b)`: from the
 * prefix to its matching parenthesis on the same line (backslash escapes skipped). An
 * unbalanced one is not a citation.
 */
export function citationRanges(src: string, a: number, b: number): number[] {
  const out: number[] = [];
  const part = src.slice(a, b);
  let next = part.indexOf(CITATION_PREFIX);
  if (next < 0) return out;
  // One pass, not a scan from every prefix (which would cost a long line of them its length
  // squared). `level` counts unescaped parentheses; a prefix's citation ends where the level
  // first drops below the level just after its "(" (an escaped "(" still opens a citation's
  // own scan). Waiting prefixes form a stack, the highest target level on top; a line break
  // (not escaped) ends them all.
  const prefixes: number[] = [];
  const ends = new Map<number, number>();
  const waiting: number[] = [];
  const targets: number[] = [];
  let level = 0;
  let escaped = false;
  for (let j = 0; j < part.length; j++) {
    const c = part.charCodeAt(j);
    if (escaped) escaped = false;
    else if (c === 10 || c === 13) waiting.length = targets.length = 0;
    else if (c === 92 /* \ */) escaped = true;
    else if (c === 40 /* ( */) level++;
    else if (c === 41 /* ) */) {
      level--;
      while (targets.length && targets[targets.length - 1] === level) {
        ends.set(waiting.pop()!, j);
        targets.pop();
      }
    }
    if (j === next) {
      prefixes.push(j);
      waiting.push(j);
      targets.push(level - 1);
      next = part.indexOf(CITATION_PREFIX, j + 1);
    }
  }
  let after = -1; // citations do not nest: a prefix inside one is part of it
  for (const p of prefixes) {
    const e = ends.get(p);
    if (p > after && e !== undefined) {
      out.push(a + p, a + e + 1);
      after = e;
    }
  }
  return out;
}

/** Flat [start, end) ranges of footnote references `[^label]` within `[a, b)` of `src`. */
export function footnoteRefRanges(src: string, a: number, b: number): number[] {
  const out: number[] = [];
  const part = src.slice(a, b); // searching the part alone keeps a paragraph's cost to its own length
  if (part.indexOf("[^") < 0) return out;
  for (const m of part.matchAll(FOOTNOTE_REF)) out.push(a + m.index, a + m.index + m[0].length);
  return out;
}

/**
 * Flat [start, end) ranges of the lines within `[a, b)` that hold a Fact Check footnote
 * definition (`[^factcheck-…]:` at the line's start, after up to three spaces), to their end.
 */
export function factcheckDefinitionLines(src: string, a: number, b: number): number[] {
  const out: number[] = [];
  const part = src.slice(a, b);
  for (let i = part.indexOf("[^factcheck-"); i >= 0; i = part.indexOf("[^factcheck-", i + 1)) {
    if (!atLineStart(src, a + i) || !matchesAt(FACTCHECK_DEFINITION, part, i)) continue;
    let e = i;
    while (e < part.length && part.charCodeAt(e) !== 10 && part.charCodeAt(e) !== 13) e++;
    out.push(a + i, a + e);
  }
  return out;
}

/** `i` is preceded on its line by nothing but up to three spaces or tabs. */
export function atLineStart(src: string, i: number): boolean {
  let j = i;
  while (j > 0 && i - j < 3 && (src.charCodeAt(j - 1) === 32 || src.charCodeAt(j - 1) === 9)) j--;
  return j === 0 || src.charCodeAt(j - 1) === 10 || src.charCodeAt(j - 1) === 13;
}

/** `pattern` matches `text` exactly at `at`. */
function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  const re = new RegExp(pattern.source, "y");
  re.lastIndex = at;
  return re.test(text);
}

function sortRanges(flat: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let k = 0; k < flat.length; k += 2) pairs.push([flat[k], flat[k + 1]]);
  pairs.sort((x, y) => x[0] - y[0]);
  return pairs.flat();
}

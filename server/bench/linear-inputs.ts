// Pathological inputs, each generated at any size, and what runs them: the linear-time tests
// (server/test/robust/linear.test.ts) and the measurement (linear.ts) share them.
// Every one of them once cost time quadratic (or worse) in its size, or crashed.
import { createFactChecker } from "../src/core/checker.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import type { Nlp } from "../src/core/nlp.js";
import { Segmenter } from "../src/core/segment/segmenter.js";
import type { ProseSentence } from "../src/core/segment/sentence.js";
import type { ClaimsDatabase } from "../src/core/types.js";

export type LinearTarget =
  /** Segmenter.segmentDraft(input, "markdown") */
  | "markdown"
  /** Segmenter.segmentDraft(input, "plaintext") */
  | "plaintext"
  /** FactChecker.checkText(input, "plaintext") against the given claims */
  | "check"
  /** parseClaimsDatabase(input) */
  | "claims";

export interface LinearCase {
  name: string;
  target: LinearTarget;
  /** A size (in characters) at which one run takes some tens of milliseconds. */
  size: number;
  /** The input, about `n` characters long. */
  make(n: number): string;
}

/** `count` lines made by `line(i)`, joined by `sep`, about `n` characters in all. */
function repeatTo(n: number, sep: string, line: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0, len = 0; len < n; i++) {
    const s = line(i);
    parts.push(s);
    len += s.length + sep.length;
  }
  return parts.join(sep);
}

export const LINEAR_CASES: readonly LinearCase[] = [
  // Typo correction built `length` strings of `length - 1` characters for each unknown word,
  // and wink-nlp's cost per token grew with the square of its length.
  { name: "one long word", target: "check", size: 100_000, make: (n) => `Trump said ${"x".repeat(n)} today.` },
  // The block scanner saw only unindented fences; each block after an indented unclosed one was
  // parsed again from the fence.
  {
    name: "unclosed fence indented 1 space",
    target: "markdown",
    size: 400_000,
    make: (n) => " ```\n" + repeatTo(n, "\n\n", (i) => `Paragraph ${i} is here.`),
  },
  // The same when the scanner cannot tell (a fence in each list item): parsed with what follows.
  {
    name: "open fence in every list item",
    target: "markdown",
    size: 40_000,
    make: (n) => repeatTo(n, "\n\n", (i) => `- Item ${i} is here.\n  \`\`\``),
  },
  // … and where the next block starts inside a container too, so each is parsed with the next.
  {
    name: "open fence in every block quote",
    target: "markdown",
    size: 40_000,
    make: (n) => repeatTo(n, "\n\n", (i) => `> Quote ${i} is here.\n> \`\`\``),
  },
  {
    name: "footnote definitions, no blank lines",
    target: "markdown",
    size: 60_000,
    make: (n) => repeatTo(n, "\n", (i) => `[^n${i}]: Note ${i} says a thing.`),
  },
  {
    name: "footnote definitions, blank lines",
    target: "markdown",
    size: 40_000,
    make: (n) => repeatTo(n, "\n\n", (i) => `[^n${i}]: Note ${i} says a thing.`),
  },
  {
    name: "link definitions, no blank lines",
    target: "markdown",
    size: 60_000,
    make: (n) => repeatTo(n, "\n", (i) => `[r${i}]: http://example.com/${i}`) + "\n\nSee [r1] and [r2].",
  },
  // micromark's emphasis, comment and link resolution is quadratic in a paragraph's length.
  { name: "strong emphasis openers", target: "markdown", size: 60_000, make: (n) => repeatTo(n, " ", (i) => `**a${i}`) + " end." },
  { name: "strong emphasis closers", target: "markdown", size: 60_000, make: (n) => repeatTo(n, " ", (i) => `a${i}**`) + " end." },
  {
    name: "nested emphasis",
    target: "markdown",
    size: 60_000,
    make: (n) => "**a ".repeat(Math.ceil(n / 8)) + "end." + " a**".repeat(Math.ceil(n / 8)),
  },
  { name: "comment openers", target: "markdown", size: 60_000, make: (n) => "a <!-- ".repeat(Math.ceil(n / 7)) + "end." },
  { name: "link openers", target: "markdown", size: 60_000, make: (n) => "[a](".repeat(Math.ceil(n / 4)) + " end." },
  { name: "footnote reference openers", target: "markdown", size: 60_000, make: (n) => "x [^" + "[^".repeat(Math.ceil(n / 2)) + " end." },
  {
    name: "citation openers",
    target: "plaintext",
    size: 100_000,
    make: (n) => "Said. " + "(source: (".repeat(Math.ceil(n / 10)) + " end.",
  },
  // Blocks over 64 KB are not cached: each check segmented them whole.
  {
    name: "one paragraph, one sentence a line",
    target: "markdown",
    size: 60_000,
    make: (n) => repeatTo(n, "\n", (i) => `Sentence *number* ${i} is here.`),
  },
  {
    name: "one paragraph on one line",
    target: "markdown",
    size: 60_000,
    make: (n) => repeatTo(n, " ", (i) => `Sentence *number* ${i} is here.`),
  },
  {
    name: "plain text on one line",
    target: "plaintext",
    size: 100_000,
    make: (n) => repeatTo(n, " ", (i) => `Sentence number ${i} is here.`),
  },
  // Deep nesting: a RangeError in the recursive tree walks, and micromark's time grows faster
  // than the depth.
  { name: "list 10k deep on one line", target: "markdown", size: 40_000, make: (n) => "- ".repeat(Math.ceil(n / 2)) + "Deep item." },
  { name: "block quote 10k deep", target: "markdown", size: 40_000, make: (n) => ">".repeat(n) + " Deep quote." },
  { name: "list staircase", target: "markdown", size: 100_000, make: (n) => repeatTo(n, "\n", (i) => `${"  ".repeat(i)}- Level ${i}.`) },
  {
    name: "claims file 10k deep",
    target: "claims",
    size: 100_000,
    make: (n) =>
      `{\n  "version": 1,\n  "title": "t",\n  "speakers": {},\n  "claims": [],\n  "x": ${"[".repeat(n / 2)}${"]".repeat(n / 2)}\n}\n`,
  },
  // wink-nlp and the matcher on one sentence of many words.
  {
    name: "one sentence of many words",
    target: "check",
    size: 60_000,
    make: (n) => repeatTo(n, " ", (i) => ["troops", "would", "not", "deploy", "to", "Ukraine", "said", "Trump"][i % 8]),
  },
];

export interface CaseResult {
  /** The sentences, for "markdown" and "plaintext". */
  sentences?: ProseSentence[];
  /** For "check": how many sentences were checked, and how many findings came out. */
  checked?: { sentences: number; findings: number };
  /** What it threw, if it did. */
  error?: unknown;
}

/** What a run needs: the English pipeline (shared, so that its model is decoded once) and, for "check", the claims. */
export interface CaseContext {
  nlp: Nlp;
  claims: readonly ClaimsDatabase[];
}

/**
 * Runs `input` through what `target` names, from cold caches (a new segmenter or engine, so
 * that no block, sentence boundary or spelling is remembered from an earlier run).
 */
export function runCase(target: LinearTarget, input: string, ctx: CaseContext): CaseResult {
  try {
    switch (target) {
      case "markdown":
      case "plaintext":
        return { sentences: new Segmenter(ctx.nlp).segmentDraft(input, target) };
      case "check": {
        const { findings, stats } = createFactChecker({ databases: ctx.claims, nlp: ctx.nlp }).checkText(input, "plaintext");
        return { checked: { sentences: stats.sentences, findings: findings.length } };
      }
      case "claims":
        parseClaimsDatabase(input, "deep.claims.json");
        return {};
    }
  } catch (error) {
    return { error };
  }
}

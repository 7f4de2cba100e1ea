// Every input costs time linear in its size, and deep nesting never crashes. Two parts:
//  1. each input of server/bench/linear-inputs.ts, through the part of the engine it once made
//     quadratic (segmentation, the checker, the claims loader), generated at n and 4n characters
//     from cold caches: the CPU time of the larger must stay under 8 times that of the smaller
//     (linear: about 4; quadratic: about 16), best of three runs at sizes where one run takes
//     some tens of milliseconds; nothing may throw, and the result must make sense (a deep list
//     still yields its sentence, a deep claims file gives one positioned error);
//  2. the whole checker, end to end, on six such drafts, and on 10,000-deep quotes and lists
//     (t(4n) / t(n) < 8, the fastest of three runs each, sizes large enough that noise does not
//     decide; a deeply nested draft or claims file is read or refused with a position, never a
//     stack overflow).
// Bounds, not benchmarks: `node out/server/bench/linear.js` measures the same inputs, and speed
// itself is measured in `npm run bench`.
import assert from "node:assert/strict";
import { before, describe, it, test } from "node:test";
import { type CaseContext, type CaseResult, LINEAR_CASES, type LinearCase, runCase } from "../../bench/linear-inputs.js";
import { createFactChecker, type FactChecker } from "../../src/core/checker.js";
import { parseClaimsDatabase } from "../../src/core/claims/loader.js";
import type { ProseSentence } from "../../src/core/segment/sentence.js";
import { InputErrors } from "../../src/core/types.js";
import { readBundledClaims } from "../../src/node/claims-disk.js";
import { createLexicon } from "../../src/node/lexicon.js";
import { nlp } from "../helpers.js";

const BOUND = { timeout: 120_000 };
/** Quadratic work would give 16 for 4× the input; linear gives 4, and a busy machine some more. */
const MAX_RATIO = 8;

/** Input sizes (n, in characters) for the test: tens of milliseconds a run on a busy machine. */
const TEST_SIZES: Record<string, number> = {
  "one long word": 25_000,
  "unclosed fence indented 1 space": 1_000_000,
  "open fence in every list item": 5_000,
  "open fence in every block quote": 5_000,
  "footnote definitions, no blank lines": 15_000,
  "footnote definitions, blank lines": 10_000,
  "link definitions, no blank lines": 15_000,
  "strong emphasis openers": 15_000,
  "strong emphasis closers": 15_000,
  "nested emphasis": 15_000,
  "comment openers": 15_000,
  "link openers": 15_000,
  "footnote reference openers": 15_000,
  "citation openers": 25_000,
  "one paragraph, one sentence a line": 15_000,
  "one paragraph on one line": 15_000,
  "plain text on one line": 25_000,
  "list 10k deep on one line": 2_000_000,
  "block quote 10k deep": 2_000_000,
  "list staircase": 100_000,
  "claims file 10k deep": 2_000_000,
  "one sentence of many words": 15_000,
};

/** Checks that every sentence is the exact slice of the input it claims to be, in order. */
function exactSlices(input: string, sentences: readonly ProseSentence[]): void {
  let last = 0;
  for (const s of sentences) {
    assert.equal(s.text, input.slice(s.start, s.end));
    assert.ok(s.start >= last && s.end > s.start);
    last = s.end;
  }
}

/** What each case's result must be, beyond "no crash". */
const SANE: Record<string, (input: string, r: CaseResult) => void> = {
  "one long word": (_, r) => assert.equal(r.checked?.sentences, 1),
  "unclosed fence indented 1 space": (_, r) => assert.deepEqual(r.sentences, [], "all code after the fence"),
  "open fence in every list item": (input, r) => {
    const items = input.split("- Item ").length - 1;
    assert.equal(r.sentences!.length, items);
    assert.match(r.sentences![items - 1].text, /^Item \d+ is here\.$/);
  },
  "open fence in every block quote": (input, r) => assert.equal(r.sentences!.length, input.split("> Quote ").length - 1),
  "footnote definitions, no blank lines": (input, r) => assert.equal(r.sentences!.length, input.split("\n").length),
  "footnote definitions, blank lines": (input, r) => assert.equal(r.sentences!.length, input.split("\n\n").length),
  "link definitions, no blank lines": (_, r) => {
    const last = r.sentences!.at(-1)!;
    assert.equal(last.text, "See [r1] and [r2].");
    assert.deepEqual(
      last.mask,
      [
        [4, 5],
        [7, 8],
        [13, 14],
        [16, 17],
      ],
      "both references are links",
    );
  },
  "citation openers": (_, r) => assert.equal(r.sentences![0].text, "Said."),
  "one paragraph, one sentence a line": (input, r) => assert.equal(r.sentences!.length, input.split("\n").length),
  "one paragraph on one line": (input, r) => assert.equal(r.sentences!.length, input.split(". ").length),
  "plain text on one line": (input, r) => assert.equal(r.sentences!.length, input.split(". ").length),
  "list 10k deep on one line": (_, r) =>
    assert.deepEqual(
      r.sentences!.map((s) => s.text),
      ["Deep item."],
    ),
  "block quote 10k deep": (_, r) =>
    assert.deepEqual(
      r.sentences!.map((s) => s.text),
      ["Deep quote."],
    ),
  "list staircase": (input, r) => {
    const lines = input.split("\n");
    assert.deepEqual(
      r.sentences!.map((s) => s.text),
      lines.map((_, i) => `Level ${i}.`),
    );
  },
  "claims file 10k deep": (input, r) => {
    assert.ok(r.error instanceof InputErrors, `expected InputErrors, got ${String(r.error)}`);
    const [e, ...more] = r.error.errors;
    assert.equal(more.length, 0);
    assert.equal(e.message, "nested deeper than 64 levels");
    assert.equal(e.line, 5);
    assert.equal(input[e.offset], "[");
  },
  "one sentence of many words": (_, r) => assert.equal(r.checked?.sentences, 1),
};

/** CPU milliseconds of one run. */
function cpuTime(fn: () => CaseResult): { ms: number; result: CaseResult } {
  const t = process.cpuUsage();
  const result = fn();
  const u = process.cpuUsage(t);
  return { ms: (u.user + u.system) / 1000, result };
}

function bestOfThree(c: LinearCase, input: string, ctx: CaseContext): { ms: number; result: CaseResult } {
  let best = { ms: Infinity, result: {} as CaseResult };
  for (let run = 0; run < 3; run++) {
    const m = cpuTime(() => runCase(c.target, input, ctx));
    if (m.ms < best.ms) best = m;
  }
  return best;
}

describe("linear time on pathological input", () => {
  const ctx: CaseContext = { nlp, claims: [] };
  before(async () => {
    ctx.claims = [await readBundledClaims()];
  });

  test("every case has a size and a check here", () => {
    for (const c of LINEAR_CASES) assert.ok(TEST_SIZES[c.name], `no test size for ${c.name}`);
  });

  for (const c of LINEAR_CASES) {
    test(c.name, (t) => {
      const n = TEST_SIZES[c.name];
      // Warm up: the wink-nlp model loads on first use, and the JIT compiles the hot paths.
      runCase(c.target, c.make(Math.min(n, 2000)), ctx);
      const small = c.make(n);
      const large = c.make(4 * n);
      const a = bestOfThree(c, small, ctx);
      const b = bestOfThree(c, large, ctx);
      for (const [input, r] of [
        [small, a.result],
        [large, b.result],
      ] as const) {
        if (c.target !== "claims") assert.equal(r.error, undefined, `no crash: ${String(r.error)}`);
        if (r.sentences) exactSlices(input, r.sentences);
        SANE[c.name]?.(input, r);
      }
      // Below a few milliseconds a ratio says nothing (a collection in the large run is most of it; the
      // fragmentation caches now make some small runs ≈ 1 ms): then the large case is just fast.
      const ratio = b.ms / Math.max(a.ms, 5);
      t.diagnostic(`n = ${n}: ${a.ms.toFixed(1)} ms, 4n: ${b.ms.toFixed(1)} ms, ratio ${ratio.toFixed(1)}`);
      assert.ok(ratio < MAX_RATIO, `t(4n)/t(n) = ${b.ms.toFixed(1)} ms / ${a.ms.toFixed(1)} ms = ${ratio.toFixed(1)} (n = ${n})`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The whole checker, end to end, on drafts that were pathological

let engine: FactChecker | undefined;
async function checker(): Promise<FactChecker> {
  engine ??= createFactChecker({ databases: [await readBundledClaims()], lexicon: createLexicon() });
  return engine;
}

/** Fastest of three checks of a fresh text (a cache must not make the second size look cheap). */
function time(c: FactChecker, text: string, format: "markdown" | "plaintext"): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    c.clearCaches();
    const t0 = performance.now();
    c.checkText(text + `\n\nRun ${k}.\n`, format);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const CASES: { name: string; format: "markdown" | "plaintext"; make: (n: number) => string; n: number }[] = [
  {
    name: "one very long word (typo correction)",
    format: "plaintext",
    n: 20_000,
    make: (n) => `Trump said ${"d" + "e".repeat(n)} troops.`,
  },
  {
    name: "an unclosed code fence indented three spaces",
    format: "markdown",
    n: 400,
    make: (n) => "   ```\n" + "Trump ruled out deploying American troops to Ukraine.\n\n".repeat(n),
  },
  {
    name: "footnote definitions",
    format: "markdown",
    n: 2_000,
    make: (n) => Array.from({ length: n }, (_, i) => `[^n${i}]: Note ${i} on troops.`).join("\n") + "\n\nText[^n1].\n",
  },
  { name: "nested strong emphasis", format: "markdown", n: 2_000, make: (n) => "**a ".repeat(n) + "troops" + " b**".repeat(n) + "\n" },
  {
    name: "a paragraph over 64 KB",
    format: "markdown",
    n: 1_000,
    make: (n) => "Trump ruled out deploying American troops to Ukraine. ".repeat(n),
  },
  {
    name: "many link reference definitions",
    format: "markdown",
    n: 2_000,
    make: (n) => Array.from({ length: n }, (_, i) => `[l${i}]: https://example.com/${i}`).join("\n") + "\n\nSee [l1].\n",
  },
];

describe("linear in every input", () => {
  for (const k of CASES) {
    it(`${k.name}: 4× the input costs at most ~4× the time`, BOUND, async () => {
      const c = await checker();
      const small = time(c, k.make(k.n), k.format);
      const large = time(c, k.make(4 * k.n), k.format);
      // Below a few milliseconds a ratio says nothing: then the large case is just fast.
      const ratio = large / Math.max(small, 5);
      assert.ok(ratio < MAX_RATIO, `${k.name}: ${small.toFixed(1)} ms for n, ${large.toFixed(1)} ms for 4n (×${ratio.toFixed(1)})`);
    });
  }
});

describe("deep nesting never crashes", () => {
  for (const [name, make] of [
    ["10,000-deep block quotes", (n: number) => "> ".repeat(n) + "Trump ruled out deploying American troops to Ukraine.\n"],
    [
      "10,000-deep lists",
      (n: number) =>
        Array.from({ length: n }, (_, i) => " ".repeat(i * 2) + "- item").join("\n") +
        "\n\nTrump ruled out deploying American troops to Ukraine.\n",
    ],
  ] as const) {
    it(`${name}: checked, the sentence after it still found`, BOUND, async () => {
      const c = await checker();
      const { findings } = c.checkText(make(10_000), "markdown");
      assert.ok(
        findings.some((f) => f.claim.id === "esg-s4-no-us-troops"),
        `${name}: the troops sentence is still checked`,
      );
    });
  }

  it("10,000-deep JSON in a claims file is one positioned error, not a stack overflow", BOUND, () => {
    const text = '{"claims": ' + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assert.throws(
      () => parseClaimsDatabase(text, "deep.claims.json"),
      (e: unknown) =>
        e instanceof InputErrors &&
        e.errors.length === 1 &&
        /nested deeper than 64 levels/.test(e.errors[0].message) &&
        e.errors[0].character > 0,
    );
  });
});

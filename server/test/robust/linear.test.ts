// Every input costs time linear in its size, and deep nesting never crashes: each pathological draft is
// checked at two sizes, n and 4n, and the time may grow at most about linearly (t(4n) / t(n) < 8, the
// fastest of three runs each, sizes large enough that noise does not decide); a deeply nested draft or
// claims file is read or refused with a position, never a stack overflow. A bound, not a benchmark:
// speed itself is measured in `npm run bench`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFactChecker, type FactChecker } from "../../src/core/checker.js";
import { parseClaimsDatabase } from "../../src/core/claims/loader.js";
import { InputErrors } from "../../src/core/types.js";
import { readBundledClaims } from "../../src/node/claims-disk.js";
import { createLexicon } from "../../src/node/lexicon.js";

const BOUND = { timeout: 120_000 };
/** Quadratic work would give 16 for 4× the input; linear gives 4, and a busy machine some more. */
const MAX_RATIO = 8;

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

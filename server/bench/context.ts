// What every experiment of the benchmark shares: the sizes (from the environment), the run's
// metadata, a log, the bundled database and the article sentences drafts are made of, and the
// large generated inputs — the synthetic claims feed and the probe sentences — built once, on
// first use, so each is made at the point of the run where it was always made (the 100,000-claim
// feed does not sit in the heap while the draft experiment measures).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readBundledClaims } from "../src/node/claims-disk.js";
import type { LoadedClaimsDatabase } from "../src/core/claims/loader.js";
import { CLAIMS_DIR } from "../src/node/install-paths.js";
import type { Nlp } from "../src/core/nlp.js";
import { generateClaims, restateClaim, type SyntheticFeed } from "./claims-gen.js";
import { distinctSentences, fillerSentence, varyArticleSentence } from "./draft-gen.js";
import { collectGarbage, now, Rng, time } from "./timing.js";

export interface BenchSizes {
  /** BENCH_QUICK=1: every size shrunk, a smoke run well under a minute. */
  quick: boolean;
  draftBytes: number;
  claims: number;
  sentences: number;
  /** Sentences fuse.js is timed on, and the claims it gets at most in its large run. */
  fuseSample: number;
  fuseLarge: number;
  /** Wall-time budgets (ms) for the repeated measurements and the slow fuse.js sample. */
  budget: number;
  fuseLargeBudget: number;
  /** Wall time allowed for the alternating baseline / cold-check repetitions of the draft experiment. */
  pairBudget: number;
  /** Above this projected CPU time the full claims file is not parsed; the 10k one stands in. */
  parseLimitMs: number;
}

/** Sizes from the environment: BENCH_QUICK=1, and BENCH_DRAFT_BYTES, BENCH_CLAIMS, BENCH_SENTENCES for single ones. */
export function sizesFromEnv(env: NodeJS.ProcessEnv = process.env): BenchSizes {
  const quick = env.BENCH_QUICK === "1";
  const envInt = (name: string, dflt: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
  };
  const claims = envInt("BENCH_CLAIMS", quick ? 3_000 : 100_000);
  const sentences = envInt("BENCH_SENTENCES", quick ? 300 : 2_000);
  return {
    quick,
    draftBytes: envInt("BENCH_DRAFT_BYTES", quick ? 60_000 : 1_000_000),
    claims,
    sentences,
    fuseSample: Math.min(200, sentences),
    fuseLarge: Math.min(10_000, claims),
    budget: quick ? 2_000 : 12_000,
    fuseLargeBudget: quick ? 1_000 : 8_000,
    pairBudget: quick ? 4_000 : 20_000,
    parseLimitMs: quick ? 5_000 : 12_000,
  };
}

export interface BenchContext {
  readonly sizes: BenchSizes;
  /** Written to results.json beside the sections; experiments add what they learn about the run. */
  readonly meta: Record<string, unknown>;
  log(message: string): void;
  /** The one English pipeline of the run: every engine and segmenter is given it, as a host would do. */
  readonly nlp: Nlp;
  readonly bundled: LoadedClaimsDatabase;
  /** Claims in the bundled database: the small side of every comparison. */
  readonly n20: number;
  /** The article's sentences and the bundled claims' texts: what generated drafts vary. */
  readonly articleBases: readonly string[];
  /** The synthetic claims (sizes.claims of them), generated on first use. */
  feed(): SyntheticFeed;
  /** sizes.sentences distinct sentences to match: article variations, restated synthetic claims, filler. */
  probe(): readonly string[];
  /** Sentences every checker sees before being timed on the probe (none of them in it). */
  warmup(): readonly string[];
}

/** Loads the bundled database and sets up the lazily built inputs. */
export async function createContext(
  sizes: BenchSizes,
  meta: Record<string, unknown>,
  log: (message: string) => void,
  nlp: Nlp,
): Promise<BenchContext> {
  const bundled = await readBundledClaims();
  const articleBases = articleSentences(nlp).concat(bundled.claims.map((c) => c.text));
  const feed = once(() => {
    collectGarbage();
    const gen = time(() => generateClaims(sizes.claims, 7));
    log(`generated ${gen.value.claims.length} claims in ${gen.ms.toFixed(0)} ms`);
    return gen.value;
  });
  const probe = once(() => {
    const rng = new Rng(11);
    return distinctSentences(sizes.sentences, () => {
      const r = rng.int(3);
      return r === 0 ? varyArticleSentence(rng.pick(articleBases), rng) : r === 1 ? restateClaim(feed(), rng) : fillerSentence(rng);
    });
  });
  const warmup = once(() => {
    const inProbe = new Set(probe());
    const rng = new Rng(12);
    return distinctSentences(60, () => fillerSentence(rng) + " " + restateClaim(feed(), rng)).filter((s) => !inProbe.has(s));
  });
  return { sizes, meta, log, nlp, bundled, n20: bundled.claims.length, articleBases, feed, probe, warmup };
}

/** A log line on stderr with the time since the run started. */
export function benchLog(t0: number = now()): (message: string) => void {
  return (message) => process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
}

/** The article's sentences (headings are the lines that do not end a sentence). */
export function articleSentences(nlp: Nlp): string[] {
  const text = readFileSync(join(CLAIMS_DIR, "european-led-security-guarantees.txt"), "utf8");
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!/[.!?]\s*$/.test(line)) continue;
    const spans = nlp.sentenceSpans(line);
    for (let k = 0; k < spans.length; k += 2) out.push(line.slice(spans[k], spans[k + 1]));
  }
  return out;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

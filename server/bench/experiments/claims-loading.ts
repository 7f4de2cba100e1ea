// Experiment 2b, loading a claims file as large as the synthetic feed: parseClaimsDatabase (schema,
// speakers, quotes checked against the source text) versus JSON.parse of the same text, the floor.
// The full-size file is parsed only when a linear projection from a 10,000-claim file fits the
// bench's allowance (sizes.parseLimitMs); otherwise the 10,000-claim file stands in.
import { parseClaimsDatabase } from "../../src/core/claims/loader.js";
import { feedJson } from "../claims-gen.js";
import type { BenchContext } from "../context.js";
import { addBaseline, addRow, reps, type Section, section, vals } from "../report.js";
import { repeat, time } from "../timing.js";

export function claimsLoading(ctx: BenchContext): Section {
  const { sizes, log } = ctx;
  const feed = ctx.feed();
  const s = section(
    "loading",
    `2b. Loading a claims file of ${feed.claims.length.toLocaleString("en-US")} synthetic claims: parseClaimsDatabase versus JSON.parse`,
    "JSON.parse of the same file",
  );
  const small = { ...feed, claims: feed.claims.slice(0, Math.min(10_000, feed.claims.length)) };
  const smallJson = feedJson(small);
  const opts = { sourceText: feed.sourceText, sourcePath: "bench/synthetic.txt" };
  const jp = repeat(() => JSON.parse(smallJson), { maxReps: 3, budgetMs: 2_000 });
  const pSmall = time(() => parseClaimsDatabase(smallJson, "bench/synthetic.claims.json", opts));
  const jpRow = addBaseline(s, {
    name: `JSON.parse, ${small.claims.length.toLocaleString("en-US")}-claim file`,
    ...vals(jp),
    unit: "ms",
    n: reps(jp.samples.length),
    detail: `${(smallJson.length / 1e6).toFixed(1)} MB of JSON: the floor for loading it`,
  });
  addRow(
    s,
    {
      name: `parseClaimsDatabase, ${small.claims.length.toLocaleString("en-US")} claims`,
      ...vals(pSmall),
      unit: "ms",
      n: "1 rep",
      detail: `quotes checked against a ${(feed.sourceText.length / 1e6).toFixed(1)} MB source text`,
    },
    jpRow,
  );
  log(`parseClaimsDatabase ${small.claims.length}: ${pSmall.ms.toFixed(0)} ms (cpu ${pSmall.cpuMs.toFixed(0)} ms)`);
  if (feed.claims.length <= small.claims.length) return s;

  const projected = (pSmall.cpuMs * feed.claims.length) / small.claims.length;
  if (projected > sizes.parseLimitMs) {
    s.notes.push(
      `parseClaimsDatabase on all ${feed.claims.length.toLocaleString("en-US")} claims not run (it would take ~${(projected / 1000).toFixed(0)} s of CPU by linear projection, over this bench's ${sizes.parseLimitMs / 1000} s allowance); the ${small.claims.length.toLocaleString("en-US")}-claim file stands in.`,
    );
    return s;
  }
  let bigJson: string | undefined = feedJson(feed);
  const jpBig = time(() => JSON.parse(bigJson!));
  const pBig = time(() => parseClaimsDatabase(bigJson!, "bench/synthetic.claims.json", opts));
  const mb = bigJson.length / 1e6;
  bigJson = undefined; // 40 MB of text: not kept for the experiments after this one
  const jpBigRow = addBaseline(s, {
    name: `JSON.parse, ${feed.claims.length.toLocaleString("en-US")}-claim file`,
    ...vals(jpBig),
    unit: "ms",
    n: "1 rep",
    detail: `${mb.toFixed(1)} MB of JSON`,
  });
  addRow(
    s,
    {
      name: `parseClaimsDatabase, ${feed.claims.length.toLocaleString("en-US")} claims`,
      ...vals(pBig),
      unit: "ms",
      n: "1 rep",
      detail: `${(pBig.ms / pSmall.ms).toFixed(1)}× the ${small.claims.length.toLocaleString("en-US")}-claim parse`,
    },
    jpBigRow,
  );
  log(`parseClaimsDatabase ${feed.claims.length}: ${pBig.ms.toFixed(0)} ms`);
  return s;
}

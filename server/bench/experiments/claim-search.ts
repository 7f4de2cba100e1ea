// Experiment 4, claim search (the command palette): a query with two typos about a bundled claim,
// over the 21 bundled claims and over the claims-scaling experiment's 100,021. The checker's
// search is what the server and the CLI use: over a large database it narrows through the index
// before fuse.js ranks. Plain fuse.js over every claim is timed once too: the design it replaced.
import Fuse from "fuse.js";
import { ClaimSearch, FUSE_OPTIONS } from "../../src/core/claim-search.js";
import type { BenchContext } from "../context.js";
import { addBaseline, addRow, reps, type Section, section, vals } from "../report.js";
import { repeat, time } from "../timing.js";
import type { ClaimsScaling } from "./claims-scaling.js";

export function claimSearch(ctx: BenchContext, claims: ClaimsScaling): Section {
  const { sizes, bundled, n20, log } = ctx;
  const s4 = section(
    "search",
    "4. Claim search (ClaimSearch, command palette): a typo'd query",
    `the same measurement over the ${n20} bundled claims`,
  );
  const q = "rulled out amercan troops";
  const b20 = repeat(() => new ClaimSearch(bundled.claims), { maxReps: 11, budgetMs: 1_000 });
  const b20Row = addBaseline(s4, { name: `build, ${n20} claims`, ...vals(b20), unit: "ms", n: reps(b20.samples.length) });
  const allClaims = claims.bigDatabases.flatMap((d) => d.claims);
  const bBig = time(() => claims.bigChecker.search);
  log(`ClaimSearch build ${allClaims.length}: ${bBig.ms.toFixed(0)} ms`);
  addRow(s4, { name: `build, ${allClaims.length.toLocaleString("en-US")} claims`, ...vals(bBig), unit: "ms", n: "1 rep" }, b20Row);
  for (let i = 0; i < 3; i++) b20.last.search(q);
  const q20 = repeat(() => b20.last.search(q), { maxReps: 21, budgetMs: 1_000 });
  const q20Row = addBaseline(s4, {
    name: `query "${q}", ${n20} claims`,
    ...vals(q20),
    unit: "ms",
    n: reps(q20.samples.length),
    detail: `top: ${q20.last[0]?.claim.id ?? "none"}`,
  });
  const qBig = repeat(() => bBig.value.search(q), { maxReps: 3, budgetMs: sizes.budget / 2 });
  log(`ClaimSearch "${q}" ${allClaims.length}: ${qBig.ms.toFixed(0)} ms`);
  addRow(
    s4,
    {
      name: `query "${q}", ${allClaims.length.toLocaleString("en-US")} claims`,
      ...vals(qBig),
      unit: "ms",
      n: reps(qBig.samples.length),
      detail: `${qBig.last.length} hits, top: ${qBig.last[0]?.claim.id ?? "none"} (score ${qBig.last[0]?.score ?? "-"})`,
    },
    q20Row,
  );
  // fuse.js itself, with the search's options: ClaimSearch without an index still gates the claims first.
  const plain = new Fuse([...allClaims], FUSE_OPTIONS);
  const qPlain = time(() => plain.search(q, { limit: 50 }));
  addRow(
    s4,
    {
      name: `query, plain fuse.js over all ${allClaims.length.toLocaleString("en-US")} claims`,
      ...vals(qPlain),
      unit: "ms",
      n: "1 rep",
      detail: "no narrowing: the design the index replaced",
    },
    q20Row,
  );
  return s4;
}

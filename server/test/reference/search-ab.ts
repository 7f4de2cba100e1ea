// Not a test: the per-query time of today's ClaimSearch against the reference copy of the one before
// (claim-search-before.ts), in the same process over the bench's 100,021 claims (claims-gen.ts seed 7 plus the
// bundled 21, as goals.ts builds them), alternating the two query by query so both see the same load.
// The queries are the goals row's (bench/search-queries.ts), ROUNDS times each. Prints medians of CPU time (process.cpuUsage) and wall time, and checks that both return the same hits.
//
//   npx tsc -b && node out/server/test/reference/search-ab.js [ROUNDS]
import { createFactChecker } from "../../src/core/checker.js";
import { ClaimSearch } from "../../src/core/claim-search.js";
import { createNlp } from "../../src/core/nlp.js";
import { readBundledClaims } from "../../src/node/claims-disk.js";
import { createLexicon } from "../../src/node/lexicon.js";
import { feedDatabase, generateClaims } from "../../bench/claims-gen.js";
import { SEARCH_QUERIES } from "../../bench/search-queries.js";
import { median } from "../../bench/timing.js";
import { ClaimSearchBefore } from "./claim-search-before.js";

const rounds = Number(process.argv[2] ?? 3);
const bundled = await readBundledClaims();
const feed = generateClaims(100_000, 7);
let t = performance.now();
const checker = createFactChecker({ databases: [bundled, feedDatabase(feed)], lexicon: createLexicon(), nlp: createNlp() });
console.log(`index ${checker.claims.length} claims: ${(performance.now() - t).toFixed(0)} ms`);
const narrow = (q: string, n: number) => checker.claimsSharingWords(q, n);
const now = new ClaimSearch(checker.claims, narrow);
const before = new ClaimSearchBefore(checker.claims, narrow);
t = performance.now();
now.search("warm up");
before.search("warm up");
console.log(`first queries (build): ${(performance.now() - t).toFixed(0)} ms`);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = { now: { cpu: [] as number[], wall: [] as number[] }, before: { cpu: [] as number[], wall: [] as number[] } };
let differ = 0;
const hits: number[] = [];
for (let r = 0; r < rounds; r++)
  for (const q of SEARCH_QUERIES) {
    const order = r % 2 ? (["now", "before"] as const) : (["before", "now"] as const);
    const ids: Record<string, string> = {};
    for (const which of order) {
      const s = which === "now" ? now : before;
      const c0 = cpu();
      const w0 = performance.now();
      const hits = s.search(q);
      times[which].wall.push(performance.now() - w0);
      times[which].cpu.push(cpu() - c0);
      ids[which] = hits.map((h) => `${h.claim.id}:${h.score}`).join(",");
    }
    if (ids.now !== ids.before) differ++;
    if (r === 0) hits.push(ids.now ? ids.now.split(",").length : 0);
  }
for (const which of ["before", "now"] as const)
  console.log(
    `${which}: median ${median(times[which].cpu).toFixed(1)} ms CPU, ${median(times[which].wall).toFixed(1)} ms wall per query (${times[which].cpu.length} queries)`,
  );
console.log(`hits per query: ${hits.join(" ")}; queries whose hits differ: ${differ}`);

// Builds, once, the folder `goals.js --child large-cached DIR` reads: the 1 MB draft (big.md), the 100,000-claim
// feed (synthetic.claims.json, synthetic.txt) as goals.ts writes them, then the index cache beside the feed, written
// by load-child.js cached as goals.ts does before its large-cached child. So the peak-memory job can be re-run alone:
//   node out/server/bench/experiments/large-dir.js DIR [CLAIMS]
//   node out/server/bench/goals.js --child large-cached DIR
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeInputs } from "../goals.js";
import { writeFeed } from "./feeds-loading.js";

const [dir, n] = process.argv.slice(2);
if (!dir) throw new Error("usage: large-dir.js DIR [CLAIMS]");
mkdirSync(dir, { recursive: true });
const { claimsPath } = await writeInputs(dir, Number(n ?? 100_000));
const loadChild = join(dirname(dirname(fileURLToPath(import.meta.url))), "load-child.js");
const r = spawnSync(process.execPath, [loadChild, "cached", claimsPath, join(dir, "synthetic.txt")], { encoding: "utf8" });
if (r.status !== 0) throw new Error(`load-child cached failed: ${r.stderr}`);
process.stdout.write(r.stdout);
// With FEED=1, also the 300,000-review ClaimReview feed of goals.ts's "300k feed" rows (feed.claimreview.json), its
// cache written by a first load-child.js cached run, so `load-child.js cached DIR/feed.claimreview.json` is the warm start.
if (process.env.FEED) {
  const feedFile = join(dir, "feed.claimreview.json");
  writeFeed(feedFile, 300_000);
  const f = spawnSync(process.execPath, [loadChild, "cached", feedFile], { encoding: "utf8" });
  if (f.status !== 0) throw new Error(`load-child cached feed failed: ${f.stderr}`);
  process.stdout.write(f.stdout);
}

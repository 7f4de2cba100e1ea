// Experiment 2c, loading large claims files the way a newsroom gets them, each in a process of its own (peak RSS is
// then the load's alone): a 10,375-claim database with a source text (the size of CheckThat! 2020's verified claims,
// generated here), and a generated 300,000-review ClaimReview feed (a schema.org DataFeed, loaded directly: import +
// build). Each is timed against JSON.parse of the same file in a process of its own, and its peak RSS against that
// process's. The 10,375-claim database is also indexed (the engine's ClaimIndex, with WordNet), which is most of
// the cost; the feed's index is projected from it, not built (at the measured rate it would take minutes).
// Goals (issue 11): the database loads, validates and indexes in ≤ 1 s and ≤ 200 MB; the feed in ≤ 5 s and ≤ 800 MB.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feedJson, generateClaims } from "../claims-gen.js";
import type { BenchContext } from "../context.js";
import { addBaseline, addRow, type Section, section } from "../report.js";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "..", "load-child.js");

interface ChildResult {
  parseMs?: number;
  loadMs?: number;
  indexMs?: number;
  peakRssMB: number;
  claims?: number;
}

function child(mode: "json" | "load" | "index", file: string, source?: string): ChildResult {
  const r = spawnSync(process.execPath, [CHILD, mode, file, ...(source ? [source] : [])], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`load-child ${mode} ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildResult;
}

const REVIEWERS = ["Lakeside Fact Check", "City Check", "Harbor Truth Desk", "Valley Verify", "Metro Facts", "Coastal Review"];
const RATINGS = ["False", "Mostly False", "Half True", "Mostly True", "True", "Pants on Fire!", "Misleading", "Missing context"];

/** A ClaimReview DataFeed of `n` reviews, written element by element (never one string of hundreds of MB in this process). */
export function writeFeed(path: string, n: number): number {
  const claims = generateClaims(Math.min(n, 20_000), 23).claims; // texts to vary: generating 300,000 costs seconds for nothing
  const fd = openSync(path, "w");
  let bytes = 0;
  const put = (s: string) => (bytes += writeSync(fd, s));
  put(`{"@context":"https://schema.org","@type":"DataFeed","name":"Synthetic ClaimReview feed (benchmark)","dataFeedElement":[`);
  const batch: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = claims[i % claims.length];
    const reviewer = REVIEWERS[i % REVIEWERS.length];
    const review = {
      "@type": "ClaimReview",
      url: `https://factcheck.example/${reviewer.split(" ")[0].toLowerCase()}/${i}`,
      claimReviewed: i < claims.length ? c.text : `${c.text.replace(/\.$/, "")} (variant ${Math.floor(i / claims.length)}).`,
      datePublished: `20${20 + (i % 5)}-0${1 + (i % 9)}-1${i % 10}`,
      author: { "@type": "Organization", name: reviewer, url: `https://${reviewer.split(" ")[0].toLowerCase()}.example` },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: c.speaker.name },
        datePublished: `20${20 + (i % 5)}-0${1 + (i % 9)}-0${1 + (i % 9)}`,
        firstAppearance: { "@type": "CreativeWork", url: `https://social.example/p/${i}` },
      },
      reviewRating: {
        "@type": "Rating",
        ratingValue: 1 + (i % 5),
        bestRating: 5,
        worstRating: 1,
        alternateName: RATINGS[i % RATINGS.length],
      },
    };
    batch.push(JSON.stringify(review));
    if (batch.length === 5_000 || i === n - 1) {
      put((i >= 5_000 ? "," : "") + batch.join(","));
      batch.length = 0;
    }
  }
  put("]}");
  closeSync(fd);
  return bytes;
}

export function feedsLoading(ctx: BenchContext): Section {
  const { sizes, log } = ctx;
  const nDb = sizes.quick ? 2_000 : 10_375;
  const nFeed = sizes.quick ? 20_000 : 300_000;
  const s = section(
    "feeds-loading",
    `2c. Loading a ${nDb.toLocaleString("en-US")}-claim database and a ${nFeed.toLocaleString("en-US")}-review ClaimReview feed, each in its own process`,
    "JSON.parse of the same file in its own process (time, and peak RSS)",
  );
  const dir = mkdtempSync(join(tmpdir(), "factcheck-bench-feeds-"));
  try {
    // The database: claims with quotes checked against a source text, as CheckThat!'s are.
    const gen = generateClaims(nDb, 31);
    const dbFile = join(dir, "vclaims.claims.json");
    const srcFile = join(dir, "synthetic.txt");
    writeFileSync(dbFile, feedJson(gen));
    writeFileSync(srcFile, gen.sourceText);
    const dbJson = child("json", dbFile);
    const dbLoad = child("load", dbFile, srcFile);
    const dbIndex = child("index", dbFile, srcFile);
    log(
      `database ${nDb}: JSON.parse ${dbJson.parseMs!.toFixed(0)} ms, load ${dbLoad.loadMs!.toFixed(0)} ms, index ${dbIndex.indexMs!.toFixed(0)} ms`,
    );
    const base = addBaseline(s, {
      name: `JSON.parse, ${nDb.toLocaleString("en-US")}-claim database`,
      value: dbJson.parseMs!,
      unit: "ms",
      n: "1 run",
    });
    addRow(
      s,
      {
        name: "load + validate (parseClaimsDatabase, quotes checked)",
        value: dbLoad.loadMs!,
        unit: "ms",
        n: "1 run",
        detail: `${dbLoad.claims} claims`,
      },
      base,
    );
    addRow(
      s,
      {
        name: "load + validate + index (createFactChecker)",
        value: dbIndex.loadMs! + dbIndex.indexMs!,
        unit: "ms",
        n: "1 run",
        detail: `index alone ${(dbIndex.indexMs! / 1000).toFixed(1)} s, ${((dbIndex.indexMs! * 1000) / nDb).toFixed(0)} µs a claim (server/src/core/claim-index.ts); goal ≤ 1 s`,
      },
      base,
    );
    const rssBase = addBaseline(s, { name: "peak RSS, JSON.parse process", value: dbJson.peakRssMB, unit: "MB", n: "1 run" });
    addRow(s, { name: "peak RSS, load + validate process", value: dbLoad.peakRssMB, unit: "MB", n: "1 run" }, rssBase);
    addRow(
      s,
      {
        name: "peak RSS, load + validate + index process",
        value: dbIndex.peakRssMB,
        unit: "MB",
        n: "1 run",
        detail: "goal ≤ 200 MB (WordNet files included)",
      },
      rssBase,
    );

    // The feed.
    const feedFile = join(dir, "feed.claimreview.json");
    const bytes = writeFeed(feedFile, nFeed);
    const feedJsonRun = child("json", feedFile);
    const feedLoad = child("load", feedFile);
    log(
      `feed ${nFeed} (${(bytes / 1e6).toFixed(0)} MB): JSON.parse ${feedJsonRun.parseMs!.toFixed(0)} ms, load ${feedLoad.loadMs!.toFixed(0)} ms, ${feedLoad.peakRssMB.toFixed(0)} MB`,
    );
    const fBase = addBaseline(s, {
      name: `JSON.parse, ${nFeed.toLocaleString("en-US")}-review feed`,
      value: feedJsonRun.parseMs!,
      unit: "ms",
      n: "1 run",
      detail: `${(bytes / 1e6).toFixed(0)} MB of JSON-LD`,
    });
    addRow(
      s,
      {
        name: "load the feed directly (import + build the database)",
        value: feedLoad.loadMs!,
        unit: "ms",
        n: "1 run",
        detail: `${feedLoad.claims} claims; goal ≤ 5 s`,
      },
      fBase,
    );
    const fRss = addBaseline(s, { name: "peak RSS, feed JSON.parse process", value: feedJsonRun.peakRssMB, unit: "MB", n: "1 run" });
    addRow(s, { name: "peak RSS, feed load process", value: feedLoad.peakRssMB, unit: "MB", n: "1 run", detail: "goal ≤ 800 MB" }, fRss);
    s.notes.push(
      `the feed's index is not built here: at the ${((dbIndex.indexMs! * 1000) / nDb).toFixed(0)} µs a claim measured above it would take about ${(((dbIndex.indexMs! / nDb) * nFeed) / 1000).toFixed(0)} s.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return s;
}

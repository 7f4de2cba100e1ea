// One measurement of loading a claims file, in a process of its own so that its peak RSS is this work's alone:
//   node out/server/bench/load-child.js json  FILE          JSON.parse of the file (the baseline)
//   node out/server/bench/load-child.js load  FILE [SOURCE] parseClaimsDatabase: parse, validate, build (a feed: import)
//   node out/server/bench/load-child.js index FILE [SOURCE] the same, then the engine's claim index (createFactChecker)
// Prints one JSON line: the phases' wall times in ms (after the modules are loaded and the file is read) and the
// process's peak RSS in MB.
import { readFileSync } from "node:fs";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { createFactChecker } from "../src/core/checker.js";
import { createLexicon } from "../src/node/lexicon.js";

const [mode, file, sourceFile] = process.argv.slice(2);
const lexicon = mode === "index" ? createLexicon() : undefined;
const text = readFileSync(file, "utf8");
const sourceText = sourceFile ? readFileSync(sourceFile, "utf8") : undefined;
const out: Record<string, number> = {};
let t = performance.now();
if (mode === "json") {
  const v = JSON.parse(text) as { claims?: unknown[]; dataFeedElement?: unknown[] };
  out.parseMs = performance.now() - t;
  out.items = (v.claims ?? v.dataFeedElement ?? []).length;
} else {
  const db = parseClaimsDatabase(text, file, sourceText !== undefined ? { sourceText, sourcePath: sourceFile } : {});
  out.loadMs = performance.now() - t;
  out.claims = db.claims.length;
  if (mode === "index") {
    t = performance.now();
    const checker = createFactChecker({ databases: [db], lexicon });
    out.indexMs = performance.now() - t;
    out.indexed = checker.claims.length;
  }
}
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out) + "\n");

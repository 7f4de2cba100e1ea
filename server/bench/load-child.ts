// One measurement of loading a claims file, in a process of its own so that its peak RSS is this work's alone:
//   node out/server/bench/load-child.js json   FILE          JSON.parse of the file (the baseline)
//   node out/server/bench/load-child.js load   FILE [SOURCE] parseClaimsDatabase: parse, validate, build (a feed: import)
//   node out/server/bench/load-child.js index  FILE [SOURCE] the same, then the engine's claim index (createFactChecker)
//   node out/server/bench/load-child.js cached FILE [SOURCE] the same with the index cache (node/index-cache.ts) as the
//        server uses it: the part read from the file beside FILE when it holds a good one (warm), else analysed and
//        written there (cold; `cold: 1` in the output). Run it twice: the second run is a start after the first.
// Prints one JSON line: the phases' wall times in ms (after the modules are loaded and the file is read), their CPU
// times (`…CpuMs`: the figure to compare runs by on a shared machine) and the process's peak RSS in MB.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { createFactChecker } from "../src/core/checker.js";
import { createNlp } from "../src/core/nlp.js";
import { diskIndexCache, IndexParts, textDigest } from "../src/node/index-cache.js";
import { limitHeapGrowth } from "../src/node/heap-growth.js";
import { createLexicon } from "../src/node/lexicon.js";

// As the language server and the CLI run: V8's heap growth limited (node/heap-growth.ts).
limitHeapGrowth();

const [mode, file, sourceFile] = process.argv.slice(2);
const lexicon = mode === "index" || mode === "cached" ? createLexicon() : undefined;
let text: string | undefined = readFileSync(file, "utf8");
const sourceText = sourceFile ? readFileSync(sourceFile, "utf8") : undefined;
const out: Record<string, number> = {};
let t = performance.now();
let cpu = process.cpuUsage();
const cpuMs = () => {
  const d = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  return (d.user + d.system) / 1000;
};
if (mode === "json") {
  const v = JSON.parse(text) as { claims?: unknown[]; dataFeedElement?: unknown[] };
  out.parseMs = performance.now() - t;
  out.items = (v.claims ?? v.dataFeedElement ?? []).length;
} else {
  const db = parseClaimsDatabase(text, file, sourceText !== undefined ? { sourceText, sourcePath: sourceFile } : {});
  out.loadMs = performance.now() - t;
  out.loadCpuMs = cpuMs();
  // The peak so far: the load's (the index's is the whole run's).
  out.loadPeakRssMB = process.resourceUsage().maxRSS / 1024;
  out.claims = db.claims.length;
  if (mode === "index") {
    t = performance.now();
    const checker = createFactChecker({ databases: [db], lexicon });
    out.indexMs = performance.now() - t;
    out.indexCpuMs = cpuMs();
    out.indexed = checker.claims.length;
  } else if (mode === "cached") {
    t = performance.now();
    const nlp = createNlp();
    const parts = new IndexParts(diskIndexCache({ info: () => undefined, warn: (m) => process.stderr.write(`${m}\n`) }), nlp, {
      info: () => undefined,
      warn: (m) => process.stderr.write(`${m}\n`),
    });
    // Keyed by the text's hash, and the text let go before the index is built: as in the server, where the worker
    // that read and parsed the file hashes it (load-worker.ts) and the index is built where the text never was.
    const cached = [{ claims: db.claims, file, root: dirname(file), textDigest: await textDigest(text) }];
    text = undefined;
    const { parts: found, keys } = await parts.read(cached);
    const checker = createFactChecker({ databases: [db], lexicon, nlp, indexParts: found, keepIndexParts: !found[0] });
    out.indexMs = performance.now() - t;
    out.indexCpuMs = cpuMs();
    out.cold = found[0] ? 0 : 1;
    out.indexed = checker.claims.length;
    if (!found[0]) {
      t = performance.now();
      await parts.write(cached, keys, checker.takeBuiltIndexParts());
      out.writeMs = performance.now() - t;
    }
  }
}
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out) + "\n");

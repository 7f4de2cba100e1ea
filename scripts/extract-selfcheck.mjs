#!/usr/bin/env node
// The self-check on real news (issue 10): each article of a PolNeAR slice is drawn into a claims database as
// `factcheck extract` draws it, loaded back with the real loader, and the article is checked against that database
// alone, as `factcheck check --claims NAME.claims.json NAME.txt` would. Every finding should be `supported`; the
// script counts the verdicts and prints the others with their explanation. Needs a build (reads out/).
//   node scripts/extract-selfcheck.mjs [--set train-40|dev|heldout] [--limit N] [--show N]
import { join } from "node:path";
import { root, scriptArgs, slices } from "./extract-slices.mjs";

const { opt, dataDir } = scriptArgs();
const set = opt("--set", "train-40");
const limit = Number(opt("--limit", "1000"));
const show = Number(opt("--show", "20"));
const { drawClaims } = await import(join(root, "out/server/src/extract-source.js"));
const { parseClaimsDatabase } = await import(join(root, "out/server/src/core/claims/loader.js"));
const { createFactChecker } = await import(join(root, "out/server/src/core/checker.js"));
const { createNlp } = await import(join(root, "out/server/src/core/nlp.js"));
const { createLexicon } = await import(join(root, "out/server/src/node/lexicon.js"));

const nlp = createNlp();
const lexicon = createLexicon();
const counts = {};
const others = [];
let claims = 0;
const articles = slices(dataDir)[set].slice(0, limit);
for (const a of articles) {
  const drawn = drawClaims({ nlp, file: `${a.id}.txt`, content: a.text });
  const db = parseClaimsDatabase(JSON.stringify(drawn.db), `${a.id}.claims.json`, {
    sourceText: drawn.sourceText,
    sourcePath: `${a.id}.txt`,
  });
  claims += db.claims.length;
  const checker = createFactChecker({ databases: [db], lexicon, nlp });
  for (const f of checker.checkText(drawn.sourceText, "plaintext").findings) {
    counts[f.verdict] = (counts[f.verdict] ?? 0) + 1;
    if (f.verdict !== "supported") others.push(`${a.id} ${f.verdict} ${f.claim.id}: ${f.explanation}`);
  }
}
for (const line of others.slice(0, show)) console.log(line);
const total = Object.values(counts).reduce((n, k) => n + k, 0);
const listed = Object.entries(counts)
  .sort((x, y) => y[1] - x[1])
  .map(([v, n]) => `${v} ${n}`)
  .join(", ");
console.log(`${set}: ${articles.length} articles, ${claims} claims, ${total} findings: ${listed}`);

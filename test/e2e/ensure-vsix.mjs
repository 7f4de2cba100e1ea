// Makes sure factcheck.vsix is there and newer than what goes into it, so the end-to-end test
// installs the extension as built from the current sources: runs `npm run package` when the VSIX
// is missing or older than dist/ or any of its inputs (client/src, server/src, claims/,
// package.json, .vscodeignore, the bundle/package scripts, the READMEs, LICENSE, CHANGELOG, docs/,
// images/, media/).
// With FACTCHECK_VSIX=FILE nothing is built: FILE is used as it is (it must exist).
// Usage: node test/e2e/ensure-vsix.mjs   (exit 0: the VSIX is up to date; 1: packaging failed)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_VSIX = path.join(root, "factcheck.vsix");

/** The VSIX the e2e test installs: $FACTCHECK_VSIX, else factcheck.vsix at the repo root. */
export function vsixPath() {
  return process.env.FACTCHECK_VSIX ? path.resolve(process.env.FACTCHECK_VSIX) : DEFAULT_VSIX;
}

const INPUTS = [
  "dist",
  "client/src",
  "server/src",
  "claims",
  "package.json",
  ".vscodeignore",
  "scripts/bundle.mjs",
  "scripts/package.mjs",
  "README.md",
  "README.marketplace.md",
  "images",
  "media",
  "LICENSE",
  "CHANGELOG.md",
  "docs",
];

/** The newest file among the inputs: { file, mtimeMs }. */
export function newestInput() {
  let newest = { file: "", mtimeMs: 0 };
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return; // absent (e.g. no README yet, or dist/ not built)
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) visit(path.join(p, e));
    } else if (st.mtimeMs > newest.mtimeMs) {
      newest = { file: path.relative(root, p), mtimeMs: st.mtimeMs };
    }
  };
  for (const i of INPUTS) visit(path.join(root, i));
  return newest;
}

function main() {
  if (process.env.FACTCHECK_VSIX) {
    const file = vsixPath();
    if (!existsSync(file)) {
      console.error(`ensure-vsix: FACTCHECK_VSIX=${file} does not exist`);
      process.exit(1);
    }
    console.log(`ensure-vsix: using FACTCHECK_VSIX=${file} as it is`);
    return;
  }
  const vsix = DEFAULT_VSIX;
  const newest = newestInput();
  if (existsSync(vsix) && statSync(vsix).mtimeMs > newest.mtimeMs) {
    console.log(`ensure-vsix: ${path.relative(root, vsix)} is up to date (newer than ${newest.file})`);
    return;
  }
  console.log(
    existsSync(vsix)
      ? `ensure-vsix: ${newest.file} is newer than ${path.relative(root, vsix)}: running \`npm run package\``
      : `ensure-vsix: ${path.relative(root, vsix)} is missing: running \`npm run package\``,
  );
  const t0 = Date.now();
  const r = spawnSync("npm", ["run", "package"], { cwd: root, stdio: "inherit" });
  if (r.error || r.status !== 0 || !existsSync(vsix)) {
    console.error(
      `ensure-vsix: \`npm run package\` failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); the e2e test needs ${path.relative(root, vsix)}`,
    );
    process.exit(1);
  }
  console.log(`ensure-vsix: packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

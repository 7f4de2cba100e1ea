// The slices of PolNeAR's train split that the extractor's scripts use, by position in train.jsonl
// (deterministic): train-40 (the grader's default set) and `heldout` (every 8th other article)
// are reported and never trained or tuned on; `dev` (every 8th from the 4th) is for tuning and is
// not trained on either; the rest is the training set.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file is in scripts/). */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The command line the extractor's scripts share: `opt(name, dflt)` reads `name VALUE`, and `dataDir` is
 * `--data DIR` or the attribution benchmark beside the project.
 */
export function scriptArgs(argv = process.argv.slice(2)) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  return { args: argv, opt, dataDir: opt("--data", join(root, "..", "shared", "eval", "attribution")) };
}

export const readJsonl = (p) =>
  readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

export function slices(dataDir) {
  const all = readJsonl(join(dataDir, "train.jsonl"));
  const t40 = readJsonl(join(dataDir, "train-40.jsonl"));
  const in40 = new Set(t40.map((a) => a.id));
  const out = { "train-40": t40, heldout: [], dev: [], train: [] };
  all.forEach((a, k) => {
    if (in40.has(a.id)) return;
    if (k % 8 === 0) out.heldout.push(a);
    else if (k % 8 === 4) out.dev.push(a);
    else out.train.push(a);
  });
  return out;
}

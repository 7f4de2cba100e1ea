// Reads the word vectors shipped with Fact Check (data/word-vectors.bin, built by scripts/build-word-vectors.mjs)
// for the lexicon (lexicon.ts). A node adapter: it finds and reads the file; core/word-vectors.ts decodes it.
// The CLI and tests run from the repository (the file is in data/ at its root); the shipped extension carries a
// copy beside its bundle (dist/word-vectors.bin). The ranking model is fit with the vectors: without the file
// (FACTCHECK_WORD_VECTORS set empty) it still runs, but ranks far worse (CheckThat! dev MAP@5 0.41 instead of 0.73).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { decodeWordVectors, type WordVectors } from "../core/word-vectors.js";
import { moduleDir } from "./install-paths.js";

export const WORD_VECTORS_FILE = "word-vectors.bin";

export function resolveWordVectorsFile(bundleDir?: string): string | undefined {
  const fromEnv = process.env.FACTCHECK_WORD_VECTORS;
  if (fromEnv !== undefined) return fromEnv && existsSync(fromEnv) ? fromEnv : undefined;
  if (bundleDir && existsSync(join(bundleDir, WORD_VECTORS_FILE))) return join(bundleDir, WORD_VECTORS_FILE);
  for (let dir = moduleDir(); ; dir = dirname(dir)) {
    const f = join(dir, "data", WORD_VECTORS_FILE);
    if (existsSync(f)) return f;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The shipped word vectors, or undefined when the file is not there. The file (5.4 MB) is read and decoded on
 * first use: only the reviewed-claim ranking reads it, so a check against ordinary claims never pays the ~80 ms.
 */
export function loadWordVectors(bundleDir?: string): WordVectors | undefined {
  const file = resolveWordVectorsFile(bundleDir);
  if (!file) return undefined;
  let decoded: WordVectors | undefined;
  const real = () => (decoded ??= decodeWordVectors(readFileSync(file)));
  return {
    get dimensions() {
      return real().dimensions;
    },
    vector: (word) => real().vector(word),
    weight: (word) => real().weight(word),
  };
}

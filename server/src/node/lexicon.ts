// The production lexicon: WordNet from disk when it is there, nothing when it is not
// (matching then works from aliases, stems and typo correction alone), with the shipped word vectors
// (word-vectors-file.ts) when they are there.
import { EMPTY_LEXICON, type Lexicon } from "../core/lexicon/lexicon.js";
import { WordNet } from "./wordnet.js";
import { resolveWordnetDir } from "./wordnet-dir.js";
import { loadWordVectors } from "./word-vectors-file.js";

/**
 * Reads now what the first check would read on first use: WordNet's index files and their line tables (≈ 40 ms),
 * the word vectors (≈ 30–80 ms to decode). For a process whose first check must not hold its thread that long (the
 * language server, while it answers initialize); the command line reads them as it goes.
 */
export function warmLexicon(lexicon: Lexicon): void {
  if (lexicon instanceof WordNet) lexicon.warm();
  void lexicon.vectors?.dimensions; // the getter decodes the file (word-vectors-file.ts)
}

export function createLexicon(bundleDir?: string): Lexicon {
  const dir = resolveWordnetDir(bundleDir);
  const lexicon: Lexicon = dir ? new WordNet(dir) : { ...EMPTY_LEXICON };
  const vectors = loadWordVectors(bundleDir);
  if (vectors) lexicon.vectors = vectors;
  return lexicon;
}

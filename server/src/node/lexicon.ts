// The production lexicon: WordNet from disk when it is there, nothing when it is not
// (matching then works from aliases, stems and typo correction alone), with the shipped word vectors
// (word-vectors-file.ts) when they are there.
import { EMPTY_LEXICON, type Lexicon } from "../core/lexicon/lexicon.js";
import { WordNet } from "./wordnet.js";
import { resolveWordnetDir } from "./wordnet-dir.js";
import { loadWordVectors } from "./word-vectors-file.js";

export function createLexicon(bundleDir?: string): Lexicon {
  const dir = resolveWordnetDir(bundleDir);
  const lexicon: Lexicon = dir ? new WordNet(dir) : { ...EMPTY_LEXICON };
  const vectors = loadWordVectors(bundleDir);
  if (vectors) lexicon.vectors = vectors;
  return lexicon;
}

// The production lexicon: WordNet from disk when it is there, nothing when it is not
// (matching then works from aliases, stems and typo correction alone).
import { EMPTY_LEXICON, type Lexicon } from "../core/lexicon/lexicon.js";
import { WordNet } from "./wordnet.js";
import { resolveWordnetDir } from "./wordnet-dir.js";

export function createLexicon(bundleDir?: string): Lexicon {
  const dir = resolveWordnetDir(bundleDir);
  return dir ? new WordNet(dir) : EMPTY_LEXICON;
}

// What the matcher asks of a dictionary: is this an English word, what are its synonyms, derived
// forms and antonyms. WordNet answers in production (server/src/node/wordnet.ts reads its files);
// the core only knows this interface, so it never touches the disk.

import type { WordVectors } from "../word-vectors.js";

export const POS = ["noun", "verb", "adj", "adv"] as const;
export type Pos = (typeof POS)[number];

export interface RelatedWord {
  /** Lowercase; spaces for multiword entries ("rule out"). */
  word: string;
  /** Part of speech of the sense it comes from. */
  pos: Pos;
  /** A derivationally related form ("defence" → "defensive") rather than a synonym. */
  derived: boolean;
}

export interface Lexicon {
  /** True when the word is an English word WordNet knows (any part of speech). */
  isWord(word: string): boolean;
  /** Words that share one of the first senses of `word` (in `pos`, when given), plus derived forms. */
  related(word: string, pos?: Pos): readonly RelatedWord[];
  /** Direct antonyms of `word` in its first senses (in `pos`, when given). */
  antonyms(word: string, pos?: Pos): readonly RelatedWord[];
  /**
   * Words of opposite sense, direct or indirect: the antonyms of the word and of the adjectives
   * its sense clusters around, with the words similar to those ("minor" is similar to
   * "insignificant", whose antonym "significant" clusters with "important"). Optional: a
   * lexicon without it recognises direct antonyms only.
   */
  opposites?(word: string, pos?: Pos): readonly RelatedWord[];
  /** Word vectors, a model of meaning the reviewed-claim ranking reads (word-vectors.ts). Optional. */
  vectors?: WordVectors;
}

/** A lexicon that knows nothing: for tests that must not depend on WordNet, and as a fallback. */
export const EMPTY_LEXICON: Lexicon = Object.freeze({
  isWord: () => false,
  related: () => [],
  antonyms: () => [],
});

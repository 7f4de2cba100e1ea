// Which claim speakers a draft word may name: what the lexical gate (claim-index.ts, mayMatch) needs to know that a
// sentence reaching only two terms of a claim cannot name that claim's speaker, the one way the sentence matcher
// accepts two shared terms of a claim with three or more (matcher.ts, viableWith).
//
// The matcher's test (speakers.ts sameNames) holds a mention to a speaker when the mention's words, joined by spaces,
// are one of its aliases (lowercase, without "the"), or when one of its proper nouns is one of the speaker's proper
// names or, for names of five letters or more, within one edit of it. Tokens hold no spaces, so a mention equal to an
// alias is made of the alias's words; either way the sentence holds a token whose lowercase form is one of the words
// below, or within one edit of a long proper name. Near names are found with deletion keys (typo-index.ts's idea):
// two words within one edit (a substitution, an insertion or deletion, or two adjacent letters swapped) share a key,
// each word or itself less one letter; each candidate is then confirmed with the same withinOneEdit.
import { withinOneEdit } from "./edit-distance.js";
import { push, speakerNames } from "./speakers.js";
import { deletions } from "./typo-index.js";
import type { Speaker } from "./types.js";

/** Proper names this long and longer are matched within one edit (speakers.ts sameNames). */
const NEAR_NAME = 5;

export class SpeakerWords {
  /** Word → the speakers (by number) one of whose alias words or proper names it is. */
  private readonly exact = new Map<string, number[]>();
  /** Deletion key → the long proper names it is a key of, with their speakers. */
  private readonly near = new Map<string, { name: string; speaker: number }[]>();
  /** The longest long proper name: a word two letters longer is no edit of any. */
  private longest = 0;

  /** `speakers[k]` is speaker number k. */
  constructor(speakers: readonly Speaker[]) {
    speakers.forEach((speaker, k) => {
      const names = speakerNames(speaker);
      for (const alias of names.aliases) for (const w of alias.split(" ")) if (w) push(this.exact, w, k);
      for (const n of names.properNames) {
        push(this.exact, n, k);
        if (n.length < NEAR_NAME) continue;
        this.longest = Math.max(this.longest, n.length);
        for (const key of keysOf(n)) push(this.near, key, { name: n, speaker: k });
      }
    });
  }

  /** Adds to `out` the number of every speaker a token whose lowercase form is `word` may name. */
  addSpeakers(word: string, out: number[]): void {
    for (const k of this.exact.get(word) ?? NONE) out.push(k);
    if (word.length < NEAR_NAME - 1 || word.length > this.longest + 1) return;
    for (const key of keysOf(word))
      for (const { name, speaker } of this.near.get(key) ?? NO_NAMES) if (withinOneEdit(name, word)) out.push(speaker);
  }
}

const NONE: readonly number[] = [];
const NO_NAMES: readonly { name: string; speaker: number }[] = [];

/** A word and each string made of it by deleting one letter. */
function keysOf(word: string): string[] {
  return [word, ...deletions(word)];
}

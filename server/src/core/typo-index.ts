// Typo tolerance for words a draft misspells ("rulled", "Ukriane").
//
// A symmetric-delete index (the SymSpell idea): every vocabulary word is stored under each
// string made by deleting one character, so a lookup costs a few dozen map probes however
// large the vocabulary is — a fuzzy scan over 100,000 claims' words per unknown draft word
// would cost milliseconds each. Candidates are confirmed with a true Damerau–Levenshtein distance.
import { damerau } from "./edit-distance.js";

export class TypoIndex {
  private readonly deletes = new Map<string, string[]>();
  private readonly words = new Set<string>();
  /** Length of the longest vocabulary word. */
  private longest = 0;

  add(word: string): void {
    if (word.length < 4 || this.words.has(word)) return;
    this.words.add(word);
    if (word.length > this.longest) this.longest = word.length;
    for (const key of deletions(word)) {
      const list = this.deletes.get(key);
      if (list) list.push(word);
      else this.deletes.set(key, [word]);
    }
  }

  /**
   * The vocabulary word closest to `word` within one edit (two for words of eight letters or
   * more), or undefined. The first letter must agree: writers rarely mistype it, and allowing
   * it would turn "bread" into "dread".
   */
  correct(word: string): string | undefined {
    if (word.length < 5) return undefined;
    const maxDistance = word.length >= 8 ? 2 : 1;
    // A word longer than every vocabulary word by more than the edit distance is no typo of
    // one; checking it anyway would build `length` strings of `length - 1` characters each.
    if (word.length > this.longest + maxDistance || this.words.has(word)) return undefined;
    const seen = new Set<string>();
    let best: string | undefined;
    let bestDistance = Infinity;
    const consider = (candidates: string[] | undefined) => {
      for (const c of candidates ?? []) {
        if (seen.has(c) || c[0] !== word[0]) continue;
        seen.add(c);
        const d = damerau(word, c);
        if (d <= maxDistance && (d < bestDistance || (d === bestDistance && best !== undefined && c < best))) {
          best = c;
          bestDistance = d;
        }
      }
    };
    consider(this.deletes.get(word));
    for (const key of deletions(word)) {
      if (this.words.has(key)) consider([key]);
      consider(this.deletes.get(key));
    }
    return best;
  }
}

/** Each string made of `word` by deleting one letter (the deletion keys of a one-edit lookup). */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

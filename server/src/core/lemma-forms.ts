// Every lemma wink-nlp could give a word, whatever part of speech it tags it with in context: what the
// lexical gate (claim-index.ts, mayMatch) needs to know a sentence cannot reach a claim without tagging it.
//
// wink's lemma of a token is, in this order: the lemma stored for a contraction ("n't" → "not"); the
// word's single lemma when its lexicon has one ("was" → "be"); else its lemmatiser on the token's
// normal form and part of speech — the WordNet exception lists, then suffix rules, each rule's result
// kept only when the lexicon knows it in that part of speech, for ADJ, NOUN and VERB; any other part
// of speech keeps the normal form. The first two do not depend on the part of speech: a read without
// tagging gives them (Nlp.lexicalTokens). The third is run here for each of the three parts of speech
// with a lexicon that answers "no" to every question while recording each candidate it was asked
// about, so every rule runs and every form it could return is collected.
// @ts-ignore -- untyped CommonJS module of the model; typed below.
import lemmatizeModule from "wink-eng-lite-web-model/dist/lemmatize.js";

type Lemmatize = (value: string, pos: string, cache: { hasSamePOS(lemma: string, pos: string): boolean }) => string;
const lemmatize = lemmatizeModule as Lemmatize;

const TAGGED = ["ADJ", "NOUN", "VERB"];

/** The forms wink's lemmatiser could return for `normal` under any part of speech (`normal` itself included). */
export function lemmaForms(normal: string): string[] {
  const out = new Set<string>([normal]);
  const recorder = {
    hasSamePOS(lemma: string): boolean {
      out.add(lemma);
      return false;
    },
  };
  for (const pos of TAGGED) out.add(lemmatize(normal, pos, recorder));
  return [...out];
}

// The words of a claim's section (an article heading; for a fact-check feed, the title of the review,
// "Did 122 Prisoners Released from Guantanamo Return to the Battlefield?"), as terms with idf weights.
// A title often names the story in the words a tweet uses when the claim's own sentence does not, so
// how much of it a text reaches is one of the calibrated score's features. Read with a plain word split
// and the same term folding as the analysis (termOf), lazily, only for the candidates a text draws.
import { termOf } from "./analyze.js";

/** Function words a title shares with everything. */
const STOP: ReadonlySet<string> = new Set(
  `a an the and or but if of at by for with about to from in on into over under is are was were be been being
  do does did has have had it its this that these those he she they them his her their we you i my your our not
  no as than so too very can will would could should may might must what which who whom why how when where
  there here all any some more most such only own same just up out off again then once also`.split(/\s+/),
);

/** Terms of a section heading with their weights, given an idf. */
export function sectionTerms(section: string, idf: (term: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of section.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []) {
    if (STOP.has(w) || w.length < 2) continue;
    const t = termOf(w.replace(/['’]s$/, ""));
    if (!out.has(t)) out.set(t, idf(t));
  }
  return out;
}

// A paragraph's analysis from its sentences' analyses: the passage-level decision (matcher.ts,
// matchPassage) reads a paragraph as one text, and running wink-nlp over it again would read every
// word of the draft twice. Sentences are analysed alone anyway (negation and clauses stop at a
// sentence's end), so joining their tokens and units, shifted, gives what the paragraph says.
import type { Analysis } from "./analyze.js";

/** The analyses of consecutive texts joined by one space each, as the analysis of the joined text. */
export function joinAnalyses(parts: readonly Analysis[]): Analysis {
  if (parts.length === 1) return parts[0];
  const out: Analysis = { text: "", tokens: [], units: [], hedges: [] };
  let clause = 0;
  for (const a of parts) {
    if (out.text) out.text += " ";
    const at = out.text.length;
    const base = out.tokens.length;
    let maxClause = 0;
    for (const t of a.tokens) {
      out.tokens.push({ ...t, start: t.start + at, end: t.end + at, clause: t.clause + clause });
      maxClause = Math.max(maxClause, t.clause);
    }
    for (const u of a.units) out.units.push({ ...u, first: u.first + base, last: u.last + base });
    for (const h of a.hedges) out.hedges.push(h + base);
    out.text += a.text;
    clause += maxClause + 1;
  }
  return out;
}

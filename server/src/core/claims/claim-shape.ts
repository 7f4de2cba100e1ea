// What a claim's own words say about it when its file does not: whether it hedges and whether it denies. A
// reviewed claim (a fact-checker's `claimReviewed`) comes with neither, and the checks need both: a hedged claim
// stated as certain is `overstated`, and a denial matched against an assertion is `contradicted`. Word rules,
// on purpose simple: the claim is one short sentence, and a wrong guess only shifts a verdict the explanation
// names.

const HEDGES = /\b(could|may|might|possibl[ey]|potential(ly)?|perhaps|likely)\b/i;
const NEGATIONS = /\b(not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n['’]t\b/i;

/** `hedged` and `polarity` as the claim's words suggest them. */
export function claimShapeOf(text: string): { hedged: boolean; polarity: "positive" | "negative" } {
  return { hedged: HEDGES.test(text), polarity: NEGATIONS.test(text) ? "negative" : "positive" };
}

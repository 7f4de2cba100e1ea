// Fact-checkers' ratings, normalised: every feed words its verdicts its own way ("Pants on Fire!", "Four
// Pinocchios", "Mostly False", 1 of 5 stars), and the editor needs one scale to choose a severity on. The
// classes are shared by the core (which normalises a review's rating: core/claimreview/rating.ts), the server
// (which maps a class to the `factCheck.ratingSeverity.<class>` setting) and the client. Plain TypeScript with no
// imports: the pure core may import it.

/** The normalised ratings, from false to true, then `unrated` for a verdict that is not on that scale. */
export const RATING_CLASSES = ["false", "mostlyFalse", "misleading", "mixed", "mostlyTrue", "true", "unrated"] as const;

export type RatingClass = (typeof RATING_CLASSES)[number];

/** How the editor and reports name a class. */
export const RATING_CLASS_LABEL: Readonly<Record<RatingClass, string>> = Object.freeze({
  false: "false",
  mostlyFalse: "mostly false",
  misleading: "misleading",
  mixed: "mixed",
  mostlyTrue: "mostly true",
  true: "true",
  unrated: "not rated on a true–false scale",
});

/**
 * The class a denial of a claim in `c` stands in: denying a false claim is like repeating a true one. The
 * severity of a sentence that denies a reviewed claim is the severity of this class.
 */
export const DENIAL_CLASS: Readonly<Record<RatingClass, RatingClass>> = Object.freeze({
  false: "true",
  mostlyFalse: "mostlyTrue",
  misleading: "mostlyTrue",
  mixed: "mixed",
  mostlyTrue: "mostlyFalse",
  true: "false",
  unrated: "unrated",
});

/** Classes whose repetition is a problem to report (the CLI exits 1, the editor warns by default). */
export function isFalseish(c: RatingClass): boolean {
  return c === "false" || c === "mostlyFalse" || c === "misleading";
}

export function isRatingClass(value: unknown): value is RatingClass {
  return typeof value === "string" && (RATING_CLASSES as readonly string[]).includes(value);
}

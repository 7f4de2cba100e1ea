// A review's rating on one scale (protocol/ratings.ts). Fact-checkers word their verdicts their own way, so the
// words are read first ("Pants on Fire!" is false, "Half True" is mixed, "Four Pinocchios" false), and only when
// they say nothing known does a numeric ratingValue on its worstRating–bestRating scale decide. A rating neither
// reading knows is `unrated`: its repetition is shown as information, never as a warning it may not deserve, and
// never as the hint a true claim gets.
import type { RatingClass } from "../../../../protocol/ratings.js";
import type { ReviewRating } from "../types.js";

/** Words of verdicts, in the order they are tried: the more specific first ("mostly false" before "false"). */
const WORDED: ReadonlyArray<readonly [RegExp, RatingClass]> = [
  [/\b(mostly|largely|mainly|partly|partially)[\s-]+(false|untrue|inaccurate|incorrect|wrong)\b/, "mostlyFalse"],
  [/\b(mostly|largely|mainly)[\s-]+(true|accurate|correct)\b/, "mostlyTrue"],
  [/\b(half[\s-]+true|half[\s-]+truth|mixed|mixture|partly true|partially true|partly correct|half right|cherry[\s-]?pick)/, "mixed"],
  [
    /\b(misleading|missing context|lacks context|needs context|out of context|exaggerat|distort|spin|manipulated|altered|miscaptioned|misattributed|deceptive)/,
    "misleading",
  ],
  [
    /\b(false|untrue|fake|fabricated|incorrect|inaccurate|wrong|pants on fire|hoax|baseless|no evidence|debunked|not true|scam|four pinocchios|4 pinocchios|three pinocchios|3 pinocchios|bogus|myth|junk)\b/,
    "false",
  ],
  [/\b(true|accurate|correct|verified|confirmed|geppetto)\b/, "true"],
];

/** The class of a rating: its words, else its value on its scale (defaults 1–5, as schema.org assumes), else `unrated`. */
export function ratingClassOf(rating: ReviewRating): RatingClass {
  for (const words of [rating.textualRating, rating.alternateName]) {
    if (!words) continue;
    const low = words.toLowerCase();
    for (const [re, c] of WORDED) if (re.test(low)) return c;
  }
  if (typeof rating.ratingValue === "number" && Number.isFinite(rating.ratingValue)) {
    const best = rating.bestRating ?? 5;
    const worst = rating.worstRating ?? 1;
    if (best === worst) return "unrated";
    const t = (rating.ratingValue - worst) / (best - worst); // 0 at worst (false) … 1 at best (true)
    if (t < 0 || t > 1) return "unrated";
    if (t <= 0.1) return "false";
    if (t < 0.4) return "mostlyFalse";
    if (t <= 0.6) return "mixed";
    if (t < 0.9) return "mostlyTrue";
    return "true";
  }
  return "unrated";
}

/** The reviewer's words for a rating ("False", "Pants on Fire!"), or its value on its scale ("1 of 5"). */
export function ratingWords(rating: ReviewRating): string {
  const words = rating.textualRating ?? rating.alternateName;
  if (words) return words;
  if (rating.ratingValue !== undefined) {
    const scale = rating.bestRating !== undefined ? ` of ${rating.bestRating}` : "";
    return `${rating.ratingValue}${scale}`;
  }
  return "unrated";
}

// The six verdicts, once. The core decides them, the server publishes them (and counts them for
// the status bar), the client shows the counts, the CLI and its reports list them. Plain
// TypeScript with no imports: the pure core may import it.

/** Every verdict, in the order reports, the status bar and the settings list them. */
export const VERDICTS = ["supported", "contradicted", "misattributed", "overstated", "misquoted", "unsupported"] as const;

export type Verdict = (typeof VERDICTS)[number];

/** How many findings of each verdict a document has. */
export type VerdictCounts = Record<Verdict, number>;

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === "string" && (VERDICTS as readonly string[]).includes(value);
}

/** Every verdict at zero: a fresh object each call. */
export function zeroCounts(): VerdictCounts {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as VerdictCounts;
}

/** How a verdict is named at the start of a message or a card: "Contradicted". */
export const VERDICT_TITLES: Readonly<Record<Verdict, string>> = Object.freeze({
  supported: "Supported",
  contradicted: "Contradicted",
  misattributed: "Misattributed",
  overstated: "Overstated",
  misquoted: "Misquoted",
  unsupported: "Unsupported",
});

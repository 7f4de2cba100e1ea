// The CLI's report formats. JSON is the stable machine format (the grader and CI scripts read
// it); text reads like a compiler's diagnostics; SARIF 2.1.0 feeds code-scanning tools.
import { LineIndex } from "../core/line-index.js";
import type { SentenceCandidates } from "../core/checker.js";
import { type Finding, type Verdict, VERDICTS } from "../core/types.js";
import { attributionLine } from "../../../protocol/claim-text.js";
import { type ReviewReading, reviewExplanation, reviewHeadline, reviewReading } from "../core/claimreview/finding.js";

export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
  /** `check --candidates K`: each sentence's most likely claims. */
  candidates?: SentenceCandidates[];
}

/** One sentence's candidates in the JSON report (`check --candidates K`): calibrated scores, as findings have. */
export interface JsonCandidates {
  range: { start: Position; end: Position };
  candidates: {
    rank: number;
    score: number;
    coverage: number;
    precision: number;
    claim: { id: string; text: string; speaker: { name: string }; section: string };
  }[];
}

interface Position {
  line: number;
  character: number;
}

export interface JsonFinding {
  range: { start: Position; end: Position };
  verdict: Verdict;
  score: number;
  message: string;
  explanation: string;
  claim: {
    id: string;
    text: string;
    speaker: { name: string; role: string };
    verb: string;
    hedged: boolean;
    /** Whether `source.quote` is the speaker's own words (`direct`) or the source's paraphrase (`reported`). */
    quoteKind: "direct" | "reported";
    source: { title: string; section: string; quote: string };
  };
  /** For a claim from a fact-check feed: the review's rating, reviewer, date and link, and whether the sentence repeats or denies it. */
  review?: JsonReview;
  /** For words the draft puts in quotation marks: where they stand, and the recorded words (direct claims). */
  quoted?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; recorded?: string };
}

/**
 * The command line's one-line message: verdict, the explanation, and who said what (a paraphrase is never shown as a
 * quotation). The editor's diagnostics say it the other way round (diagnostics.ts, diagnosticMessage).
 */
export function reportMessage(f: Finding): string {
  const r = reviewReading(f); // a claim from a fact-check feed: the rating leads (core/claimreview/finding.ts)
  if (r)
    return `${f.verdict}: ${reviewHeadline(r)}: ${reviewExplanation(f, r)} — ${r.claimant ?? "a claimant the review does not name"} claimed: ${f.claim.text}`;
  return `${f.verdict}: ${f.explanation} — ${attributionLine(f.claim)}`;
}

/** Whether a finding should fail a CI run (exit 1): any verdict but supported, or as its review reads (a denial of a false claim does not). */
export function isProblem(f: Finding): boolean {
  const r = reviewReading(f);
  return r ? r.problem : f.verdict !== "supported";
}

/** The review of a reviewed claim's finding, as JSON and SARIF carry it. */
export type JsonReview = Omit<ReviewReading, "severityClass">;

function jsonReview(f: Finding): { review?: JsonReview } {
  const r = reviewReading(f);
  if (!r) return {};
  const { severityClass: _severity, ...review } = r;
  return { review };
}

export function toJson(reports: FileReport[]): { files: { path: string; findings: JsonFinding[]; candidates?: JsonCandidates[] }[] } {
  return {
    files: reports.map((r) => {
      const lines = new LineIndex(r.text);
      return {
        path: r.path,
        findings: r.findings.map((f) => ({
          range: { start: lines.positionAt(f.start), end: lines.positionAt(f.end) },
          verdict: f.verdict,
          score: f.score,
          message: reportMessage(f),
          explanation: f.explanation,
          claim: {
            id: f.claim.id,
            text: f.claim.text,
            speaker: { name: f.claim.speaker.name, role: f.claim.speaker.role },
            verb: f.claim.verb,
            hedged: f.claim.hedged,
            quoteKind: f.claim.quoteKind,
            source: { title: f.claim.source.title, section: f.claim.source.section, quote: f.claim.source.quote },
          },
          ...jsonReview(f),
          ...(f.quoted
            ? {
                quoted: {
                  range: { start: lines.positionAt(f.quoted.start), end: lines.positionAt(f.quoted.end) },
                  ...(f.quoted.recorded !== undefined ? { recorded: f.quoted.recorded } : {}),
                },
              }
            : {}),
        })),
        ...(r.candidates ? { candidates: r.candidates.map((c) => jsonCandidates(c, lines)) } : {}),
      };
    }),
  };
}

function jsonCandidates(c: SentenceCandidates, lines: LineIndex): JsonCandidates {
  return {
    range: { start: lines.positionAt(c.start), end: lines.positionAt(c.end) },
    candidates: c.candidates.map((x, i) => ({
      rank: i + 1,
      score: x.score,
      coverage: x.coverage,
      precision: x.precision,
      claim: { id: x.claim.id, text: x.claim.text, speaker: { name: x.claim.speaker.name }, section: x.claim.source.section },
    })),
  };
}

/** `draft.md:3:1: contradicted: … — Speaker (role): "quote"`, 1-based like compilers. */
export function toText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const idx = new LineIndex(r.text);
    for (const f of r.findings) {
      const p = idx.positionAt(f.start);
      lines.push(`${r.path}:${p.line + 1}:${p.character + 1}: ${reportMessage(f)} [${f.claim.id}]`);
    }
    for (const c of r.candidates ?? []) {
      const p = idx.positionAt(c.start);
      c.candidates.forEach((x, i) =>
        lines.push(
          `${r.path}:${p.line + 1}:${p.character + 1}: candidate ${i + 1}, score ${x.score.toFixed(3)}: ${x.claim.text} [${x.claim.id}]`,
        ),
      );
    }
  }
  const all = reports.flatMap((r) => r.findings);
  const count = (v: Verdict) => all.filter((f) => f.verdict === v).length;
  lines.push(`${reports.length} file(s) checked: ${VERDICTS.map((v) => `${count(v)} ${v}`).join(", ")}`);
  return lines.join("\n") + "\n";
}

const SARIF_LEVEL: Record<Verdict, "note" | "warning"> = {
  supported: "note",
  contradicted: "warning",
  misattributed: "warning",
  overstated: "warning",
  misquoted: "warning",
  unsupported: "warning",
};

export function toSarif(reports: FileReport[], version: string): object {
  const verdicts = VERDICTS;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "factcheck",
            version,
            informationUri: "https://example.invalid/factcheck",
            rules: verdicts.map((v) => ({
              id: v,
              name: v,
              shortDescription: { text: RULE_TEXT[v] },
              defaultConfiguration: { level: SARIF_LEVEL[v] },
            })),
          },
        },
        results: reports.flatMap((r) => {
          const idx = new LineIndex(r.text);
          return r.findings.map((f) => {
            const s = idx.positionAt(f.start);
            const e = idx.positionAt(f.end);
            const review = jsonReview(f).review;
            return {
              ruleId: f.verdict,
              // A reviewed claim's level follows its review: repeating a false claim warns, denying one is a note.
              level: review ? (review.problem ? "warning" : "note") : SARIF_LEVEL[f.verdict],
              message: { text: reportMessage(f) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: r.path.split("\\").join("/") },
                    // SARIF counts lines and columns from 1; columns in UTF-16 code units.
                    region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
                  },
                },
              ],
              partialFingerprints: { claimId: f.claim.id },
              properties: {
                claimId: f.claim.id,
                score: f.score,
                speaker: f.claim.speaker.name,
                quote: f.claim.source.quote,
                ...(review ? { review } : {}),
              },
            };
          });
        }),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}

const RULE_TEXT: Record<Verdict, string> = {
  supported: "The sentence restates a recorded claim.",
  contradicted: "The sentence says the opposite of a recorded claim.",
  misattributed: "The sentence puts a recorded claim in someone else's mouth.",
  overstated: "The sentence states as certain what the record only hedges.",
  misquoted: "Words the sentence puts in quotation marks are not the speaker's recorded words.",
  unsupported: "The sentence adds or changes a detail the record does not back.",
};

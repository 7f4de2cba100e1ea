// Waiting for a document's Fact Check diagnostics to be exactly what is expected.
import * as vscode from "vscode";
import type { ExpectedFinding } from "./fixture.js";
import { describeDiagnostics, factcheckDiagnostics, rangeOf, showRange, verdictOf, waitFor } from "./util.js";

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = typeof d.code === "object" && d.code !== null ? d.code.value : d.code;
  return c === undefined ? undefined : String(c);
}

/** Problems with `doc`'s diagnostics against the expectation; empty when it holds. */
export function findingProblems(
  doc: vscode.TextDocument,
  expected: readonly ExpectedFinding[],
  unrelated: readonly string[] = [],
): string[] {
  const ds = factcheckDiagnostics(doc.uri);
  const problems: string[] = [];
  for (const e of expected) {
    const range = rangeOf(doc, e.sentence);
    const here = ds.filter((d) => d.range.isEqual(range));
    const match = here.find((d) => verdictOf(d) === e.verdict && codeOf(d) === e.claimId);
    if (!match) {
      problems.push(`no ${e.verdict} diagnostic for claim ${e.claimId} at ${showRange(range)} (“${e.sentence}”)`);
    } else if (match.severity !== e.severity) {
      problems.push(
        `“${e.sentence}”: severity ${vscode.DiagnosticSeverity[match.severity]}, expected ${vscode.DiagnosticSeverity[e.severity]}`,
      );
    }
  }
  const allowed = expected.map((e) => rangeOf(doc, e.sentence));
  for (const d of ds) {
    if (verdictOf(d) === undefined) problems.push(`diagnostic without a verdict prefix: ${d.message}`);
    if (!allowed.some((r) => r.isEqual(d.range)))
      problems.push(`unexpected diagnostic at ${showRange(d.range)} (“${doc.getText(d.range)}”): ${d.message}`);
  }
  for (const text of unrelated) {
    const r = rangeOf(doc, text);
    if (ds.some((d) => d.range.intersection(r) && !d.range.intersection(r)?.isEmpty)) problems.push(`“${text}” got a diagnostic`);
  }
  return problems;
}

/** Waits until `doc`'s Fact Check diagnostics are exactly `expected` (ranges, verdicts, claim ids, severities). */
export async function expectFindings(
  doc: vscode.TextDocument,
  expected: readonly ExpectedFinding[],
  unrelated: readonly string[] = [],
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  let last: string[] = [];
  await waitFor(
    `the expected Fact Check diagnostics in ${vscode.workspace.asRelativePath(doc.uri)}`,
    () => {
      last = findingProblems(doc, expected, unrelated);
      return last.length === 0;
    },
    { timeoutMs, describe: () => `${last.join("\n")}\n--- diagnostics now:\n${describeDiagnostics(factcheckDiagnostics(doc.uri))}` },
  );
  return factcheckDiagnostics(doc.uri);
}

/** The diagnostic of one expected finding (after expectFindings). */
export function diagnosticFor(doc: vscode.TextDocument, e: ExpectedFinding): vscode.Diagnostic {
  const range = rangeOf(doc, e.sentence);
  const d = factcheckDiagnostics(doc.uri).find((x) => x.range.isEqual(range) && verdictOf(x) === e.verdict);
  if (!d) throw new Error(`no ${e.verdict} diagnostic for “${e.sentence}”:\n${describeDiagnostics(factcheckDiagnostics(doc.uri))}`);
  return d;
}

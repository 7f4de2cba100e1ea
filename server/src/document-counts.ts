// factcheck/documentCounts: with every publish of a document's diagnostics, its findings by
// verdict, typed, for the VS Code status bar (client/src/status-bar.ts). Counted from what is
// published, so whatever is not shown (a verdict set to `off`, an ignored claim, a closed
// document) is not counted either.
import type { Connection, Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE, DocumentCountsNotification, type DocumentCountsParams } from "../../protocol/messages.js";
import { isVerdict, type Verdict, type VerdictCounts, zeroCounts } from "../../protocol/verdicts.js";

/** The verdict of a published Fact Check finding; undefined for any other diagnostic (a claims-file error, the size-limit notice). */
function verdictOf(d: Diagnostic): Verdict | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const verdict = (d.data as { verdict?: unknown } | undefined)?.verdict;
  // Every finding carries its verdict in `data`, even one whose claim is too large for the rest of it.
  return isVerdict(verdict) ? verdict : undefined;
}

/** `known`: the counts when the publisher has them already (the draft checker counts its findings as it shows them). */
export function documentCounts(params: PublishDiagnosticsParams, known?: VerdictCounts): DocumentCountsParams {
  if (known) return { uri: params.uri, version: params.version ?? null, counts: known };
  const counts = zeroCounts();
  for (const d of params.diagnostics) {
    const v = verdictOf(d);
    if (v) counts[v]++;
  }
  return { uri: params.uri, version: params.version ?? null, counts };
}

/** Sends the counts of what was just published (fails only once the client is gone: then no one is left to tell). */
export function sendDocumentCounts(
  connection: Pick<Connection, "sendNotification">,
  params: PublishDiagnosticsParams,
  known?: VerdictCounts,
): void {
  void connection.sendNotification(DocumentCountsNotification, documentCounts(params, known)).catch(() => undefined);
}

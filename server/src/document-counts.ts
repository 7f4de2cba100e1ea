// factcheck/documentCounts: with every publish of a document's diagnostics, its findings by
// verdict, typed, for the VS Code status bar (client/src/status-bar.ts). Counted from what is
// published, so whatever is not shown (a verdict set to `off`, an ignored claim, a closed
// document) is not counted either.
import type { Connection, Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE, DocumentCountsNotification, type DocumentCountsParams } from "../../protocol/messages.js";
import { isVerdict, VERDICTS, type Verdict, zeroCounts } from "../../protocol/verdicts.js";

/** The verdict of a published Fact Check finding; undefined for any other diagnostic (a claims-file error, the size-limit notice). */
function verdictOf(d: Diagnostic): Verdict | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const verdict = (d.data as { verdict?: unknown } | undefined)?.verdict;
  if (isVerdict(verdict)) return verdict;
  // A finding whose claim is too large to carry `data` (diagnostics.ts, MAX_DATA_CHARS) is still
  // a finding, and must be counted: its message is `<verdict>: …` (findingMessage), and only
  // findings have a `code` (the claim id).
  if (d.code === undefined) return undefined;
  return VERDICTS.find((v) => d.message.startsWith(`${v}: `));
}

export function documentCounts(params: PublishDiagnosticsParams): DocumentCountsParams {
  const counts = zeroCounts();
  for (const d of params.diagnostics) {
    const v = verdictOf(d);
    if (v) counts[v]++;
  }
  return { uri: params.uri, version: params.version ?? null, counts };
}

/** Sends the counts of what was just published (fails only once the client is gone: then no one is left to tell). */
export function sendDocumentCounts(connection: Pick<Connection, "sendNotification">, params: PublishDiagnosticsParams): void {
  void connection.sendNotification(DocumentCountsNotification, documentCounts(params)).catch(() => undefined);
}

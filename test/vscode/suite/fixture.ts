// What the fixture workspace (test/fixtures/workspace) holds and what checking it must give.
import * as vscode from "vscode";
import type { Verdict } from "../../../protocol/verdicts.js";

export const DRAFT = "draft.md";
export const NOTES = "notes.txt";
export const LOCAL_CLAIMS = "local.claims.json";
export const ARTICLE = "european-led-security-guarantees.txt";

export interface ExpectedFinding {
  sentence: string;
  verdict: Verdict;
  severity: vscode.DiagnosticSeverity;
  claimId: string;
}

/** draft.md: one sentence per verdict (default severities), plus sentences that match nothing. */
export const DRAFT_FINDINGS: ExpectedFinding[] = [
  {
    sentence: "Trump ruled out deploying American troops to Ukraine.",
    verdict: "supported",
    severity: vscode.DiagnosticSeverity.Hint,
    claimId: "esg-s4-no-us-troops",
  },
  {
    sentence: "Trump welcomed NATO membership for Ukraine.",
    verdict: "contradicted",
    severity: vscode.DiagnosticSeverity.Warning,
    claimId: "esg-s7-rejects-nato-membership",
  },
  {
    sentence: "Karoline Leavitt suggested Putin may be weary of the prolonged conflict.",
    verdict: "misattributed",
    severity: vscode.DiagnosticSeverity.Warning,
    claimId: "esg-s11-putin-may-be-weary",
  },
  {
    sentence: "Germany, France and the United Kingdom will commit ground forces.",
    verdict: "overstated",
    severity: vscode.DiagnosticSeverity.Information,
    claimId: "esg-s2-countries-could-commit",
  },
];
export const DRAFT_UNRELATED = ["Where Washington stands on Ukraine", "The security guard checked our badges at the door."];

/** notes.txt: a sentence that only the workspace database (local.claims.json) knows about. */
export const NOTES_FINDING: ExpectedFinding = {
  sentence: "Mayor Lena Ortiz said the Harbor Bridge will reopen to traffic in June.",
  verdict: "supported",
  severity: vscode.DiagnosticSeverity.Hint,
  claimId: "local-bridge-reopens-june",
};
export const NOTES_UNRELATED = ["Coffee was served in the lobby."];

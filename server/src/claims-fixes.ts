// Quick fixes in a claims file: "did you mean" made one click. The loader reports
// `unknown speaker "ministre" (did you mean "minister"?)` at the speaker's string; the fix writes the
// suggested key there. Like every fix, it is checked against the document as it is now: the range
// must still hold the unknown name, and the suggestion must be a key of the file's own `speakers`
// (read from the document, never taken on the request's word).
import { type CodeAction, CodeActionKind, type Diagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { parseTree, findNodeAtLocation } from "jsonc-parser";
import { DIAGNOSTIC_SOURCE } from "../../protocol/messages.js";

const DID_YOU_MEAN = /^unknown speaker ("(?:[^"\\]|\\.)*") \(did you mean ("(?:[^"\\]|\\.)*")\?\)/;

export function claimsFileFixes(doc: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.message !== "string") return [];
  const m = DID_YOU_MEAN.exec(diagnostic.message);
  if (!m) return [];
  let unknown: unknown, hint: unknown;
  try {
    unknown = JSON.parse(m[1]);
    hint = JSON.parse(m[2]);
  } catch {
    return [];
  }
  if (typeof unknown !== "string" || typeof hint !== "string") return [];
  const at = doc.getText(diagnostic.range);
  if (at !== JSON.stringify(unknown)) return []; // stale: the file changed since
  const speakers = findNodeAtLocation(parseTree(doc.getText()) ?? { type: "null", offset: 0, length: 0 }, ["speakers"]);
  const keys = speakers?.type === "object" ? (speakers.children ?? []).map((p) => p.children?.[0]?.value) : [];
  if (!keys.includes(hint)) return [];
  return [
    {
      title: `Change the speaker to "${hint}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [{ range: diagnostic.range, newText: JSON.stringify(hint) }] } },
    },
  ];
}

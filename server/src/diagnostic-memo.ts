// The diagnostics of a draft's last publish, kept so the next publish (a keystroke later) reuses every one
// whose finding and sentence did not change: building a diagnostic (the record as reported speech, the
// quote's location as a file: link, positions) costs tens of microseconds, and a 1 MB draft has
// over a thousand. A diagnostic is reused only when its finding is the same in every field the
// diagnostic is made of, its sentence has the same text, and starts at the same line and character:
// then every position in it (its range, the named speaker's, the quotation's) is the same too.
// One memo per draft and engine: a claims reload makes new claims, so a new engine starts a new memo.
import type { Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding } from "./core/types.js";

export class DiagnosticMemo {
  private last = new Map<string, Diagnostic>();
  private next = new Map<string, Diagnostic>();
  hits = 0;

  /** `engine`: what the findings' claims belong to; a memo is used only with the engine it was made for. */
  constructor(readonly engine: object) {}

  /** The diagnostic of `f` in `doc` (whose text is `text`): the last publish's when it still holds, else `build()`. */
  diagnostic(doc: TextDocument, text: string, f: Finding, severity: DiagnosticSeverity, build: () => Diagnostic): Diagnostic {
    const at = doc.positionAt(f.start);
    const key = `${at.line}:${at.character}\u0001${keyOf(text, f, severity)}`;
    let d = this.last.get(key);
    if (d) this.hits++;
    else d = build();
    this.next.set(key, d);
    return d;
  }

  /** The publish is complete: what it built is what the next one may reuse. */
  published(): void {
    this.last = this.next;
    this.next = new Map();
  }
}

/** Every field of a finding a diagnostic is made of, positions relative to the sentence, and the sentence's text. */
function keyOf(text: string, f: Finding, severity: DiagnosticSeverity): string {
  const s = f.start;
  const named = f.namedSpeaker ? `${f.namedSpeaker.name}\u0002${f.namedSpeaker.start - s}\u0002${f.namedSpeaker.end - s}` : "";
  const q = f.quoted
    ? `${f.quoted.start - s}\u0002${f.quoted.end - s}\u0002${f.quoted.open - s}\u0002${f.quoted.close - s}\u0002${f.quoted.recorded ?? "\u0003"}`
    : "";
  return [severity, f.verdict, f.score, f.claim.id, f.explanation, named, q, text.slice(f.start, f.end)].join("\u0001");
}

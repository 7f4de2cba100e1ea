// Quick fixes for a finding's diagnostic. Each is a WorkspaceEdit that changes exactly the text it
// names. A code-action request is checked against the document as it is now: every position in
// the diagnostic and its `data` must be inside the document, the document must still hold the
// checked sentence at the diagnostic's range, and the claim must be loaded. The words a fix
// writes come from the loaded claim (protocol/claim-text.ts), never from the request, so a stale
// or forged request yields no edit rather than a wrong one.
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { atLineStart, footnoteLabel, IGNORE_SENTENCE_COMMENT, ignoredByMarker } from "./core/draft-marks.js";
import type { Claim } from "./core/types.js";
import { HEDGE_CUES } from "./core/lexicon/cues.js";
import { claimTextChars, MAX_DATA_CHARS } from "./diagnostics.js";
import { type FootnotePlacement, footnotePlacement } from "./footnote-placement.js";
import { citation, escapeForDraft, footnoteDefinition, nestQuotes, reportedStatement } from "../../protocol/claim-text.js";
import type { DraftFormat } from "../../protocol/markdown.js";
import { DIAGNOSTIC_SOURCE, type FindingData, IGNORE_CLAIM_COMMAND, type IgnoreClaimArgs } from "../../protocol/messages.js";
import { isVerdict } from "../../protocol/verdicts.js";

export function isFindingData(d: unknown): d is FindingData {
  const x = d as Partial<FindingData> | null;
  return (
    typeof x === "object" &&
    x !== null &&
    typeof x.claimId === "string" &&
    isVerdict(x.verdict) &&
    typeof x.sentence === "string" &&
    x.sentence !== ""
  );
}

/** Characters a draft may open or close a quotation with (one UTF-16 unit each). */
const QUOTE_MARKS = new Set([..."\"'“”„‟‘’‚‛«»‹›「」『』"]);
const DOUBLE_MARKS = new Set([...'"“”„‟«»「」『』']);

/** What a diagnostic says its finding is: the FindingData a request carries (a client may send it), else none. */
export type FindingDataOf = (diagnostic: Diagnostic) => FindingData | undefined;

export const requestData: FindingDataOf = (d) => (isFindingData(d.data) ? d.data : undefined);

/**
 * The quick fixes of a finding's diagnostic. `dataOf` finds what the fixes need: the language server
 * rebuilds it from the document's published findings (DocumentState.findingData), since diagnostics are
 * published without it.
 */
export function quickFixes(
  doc: TextDocument,
  diagnostic: Diagnostic,
  markdown: boolean,
  claimById: (id: string) => Claim | undefined,
  dataOf: FindingDataOf = requestData,
): CodeAction[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return [];
  const data = dataOf(diagnostic);
  if (!isFindingData(data)) return [];
  const range = offsets(doc, diagnostic.range);
  if (!range) return [];
  const text = doc.getText();
  if (text.slice(range.start, range.end) !== data.sentence) return []; // stale: re-check will publish a fresh one
  const claim = claimById(data.claimId);
  if (!claim || claimTextChars(claim) > MAX_DATA_CHARS) return []; // unknown, or too big to write into a draft
  const format: DraftFormat = markdown ? "markdown" : "plaintext";
  if (markdown && insideFactcheckDefinition(doc, text, range.start)) return []; // a citation we wrote is not prose

  const actions: CodeAction[] = [];
  /** `safe`: it changes only the words that are wrong, so "Fix all in file" may apply it (fixAllEdits). */
  const fix = (title: string, edits: { start: number; end: number; newText: string }[], isPreferred = false, safe = false): void => {
    const changes: TextEdit[] = edits.map((e) => ({
      range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
      newText: e.newText,
    }));
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred,
      edit: { changes: { [doc.uri]: changes } },
      ...(safe ? { data: SAFE_FIX } : {}),
    });
  };

  const who = speakerForTitle(claim.speaker.name);
  if (data.verdict === "misattributed" && data.namedSpeaker) {
    const named = offsets(doc, data.namedSpeaker.range);
    if (
      named &&
      named.start >= range.start &&
      named.end <= range.end &&
      text.slice(named.start, named.end) === data.namedSpeaker.name &&
      named.end > named.start
    ) {
      fix(
        `Attribute to ${who} (replace "${oneLine(data.namedSpeaker.name)}")`,
        [{ ...named, newText: escapeForDraft(claim.speaker.name, format) }],
        true,
        true,
      );
    }
  }

  if (data.verdict === "overstated") {
    // Only the word that made it certain changes: "will commit" → "could commit"; the writer's clauses stay.
    const hedge = hedgeEdit(text, range, claim);
    if (hedge) fix(`Put back the hedge: "${hedge.from}" → "${hedge.newText}"`, [hedge], true, true);
  }

  if (data.verdict === "contradicted" || data.verdict === "overstated" || data.verdict === "unsupported") {
    const statement = reportedStatement(claim, format);
    // Footnote references at the end belong to the place, not to the words: they stay.
    const kept = markdown ? trailingMarks(data.sentence) : 0;
    // The whole sentence goes, the writer's own clauses with it: the title says so, and it is never applied by "Fix all".
    fix(`Replace the whole sentence with the recorded statement: ${reportedStatement(claim, "plaintext")}`, [
      { start: range.start, end: range.end - kept, newText: statement },
    ]);
  }

  if (data.verdict === "misquoted" && data.quoted) quoteFixes(doc, text, range, data.quoted, claim, format, fix);

  if (markdown) {
    const label = footnoteLabel(claim.id);
    // Already cited here: the label is among the footnote references that end the sentence.
    const cited = data.sentence.slice(data.sentence.length - trailingMarks(data.sentence)).includes(label);
    if (!cited && !text.startsWith(label, range.end)) {
      const edits = [{ start: range.end, end: range.end, newText: label }];
      const placement = footnotePlacement(text, label);
      if (placement) edits.push(definitionEdit(placement, `${label}: ${footnoteDefinition(claim, "markdown")}`));
      fix(`Cite ${who} in a footnote`, edits);
    }
  } else {
    const insert = ` ${citation(claim, "plaintext")}`;
    if (!text.startsWith(insert, range.end)) fix(`Cite ${who} after the sentence`, [{ start: range.end, end: range.end, newText: insert }]);
  }

  if (!ignoredByMarker(text, range.end, format)) {
    fix(`Ignore this sentence (${IGNORE_SENTENCE_COMMENT})`, [{ start: range.end, end: range.end, newText: IGNORE_SENTENCE_COMMENT }]);
  }
  const args: IgnoreClaimArgs = [claim.id, doc.uri];
  const title = `Ignore claim ${claim.id} in this workspace`;
  actions.push({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: IGNORE_CLAIM_COMMAND, arguments: args },
  });
  return actions;
}

/**
 * For misquoted words: a direct claim's quote may go back inside the marks ("Use the recorded
 * words"); the marks may always go ("Remove the quotation marks": the words become reported
 * speech), and for a reported claim that is the only honest fix.
 */
function quoteFixes(
  doc: TextDocument,
  text: string,
  sentence: { start: number; end: number },
  quoted: NonNullable<FindingData["quoted"]>,
  claim: Claim,
  format: DraftFormat,
  fix: (title: string, edits: { start: number; end: number; newText: string }[], isPreferred?: boolean, safe?: boolean) => void,
): void {
  const words = offsets(doc, quoted.range);
  const open = offsetAt(doc, quoted.open);
  const close = offsetAt(doc, quoted.close);
  if (!words || open === undefined || close === undefined) return;
  if (!(sentence.start <= open && open < words.start && words.end <= close && close < sentence.end)) return;
  if (!QUOTE_MARKS.has(text[open]) || !QUOTE_MARKS.has(text[close])) return;

  const recorded = typeof quoted.recorded === "string" ? oneLine(quoted.recorded) : "";
  const direct = claim.quoteKind === "direct";
  // The recorded words must be the claim's own (a stop the record's sentence ends with may come along).
  if (direct && recorded && oneLine(claim.source.quote).includes(recorded.replace(/[.,!?;:…]+$/, ""))) {
    const between = text.slice(open + 1, close);
    // A full stop or comma the draft puts inside the closing mark is punctuation, not the speaker's words: it stays.
    const punctuation = /[.,!?;:…]$/.test(recorded) ? "" : (/[.,!?;:…]+$/.exec(between)?.[0] ?? "");
    const inner = DOUBLE_MARKS.has(text[open]) ? nestQuotes(recorded) : recorded;
    fix(
      `Use the recorded words: ${text[open]}${inner}${text[close]}`,
      [{ start: open + 1, end: close, newText: escapeForDraft(inner, format) + punctuation }],
      true,
      true,
    );
  }
  fix(
    direct ? "Remove the quotation marks" : "Remove the quotation marks (the source reports these words, it does not quote them)",
    [
      { start: open, end: open + 1, newText: "" },
      { start: close, end: close + 1, newText: "" },
    ],
    !direct,
  );
}

/** Marks a quick fix "Fix all in file" may apply: it changes only the wrong words. */
const SAFE_FIX = { factcheckSafe: true } as const;

/** The kind of the "Fix all in file" action (VS Code runs it for `source.fixAll` on save, when asked). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.factcheck`;

/**
 * "Fix all in file": every safe fix of the given diagnostics (put back a hedge, the recorded
 * speaker's name, the recorded words), as one edit. Each is built and checked exactly as its quick
 * fix is; a fix overlapping one already taken is left for the next run.
 */
export function fixAll(
  doc: TextDocument,
  diagnostics: readonly Diagnostic[],
  markdown: boolean,
  claimById: (id: string) => Claim | undefined,
  dataOf: FindingDataOf = requestData,
): CodeAction | undefined {
  const taken: TextEdit[] = [];
  const overlaps = (e: TextEdit) =>
    taken.some((t) => doc.offsetAt(e.range.start) < doc.offsetAt(t.range.end) && doc.offsetAt(t.range.start) < doc.offsetAt(e.range.end));
  for (const d of diagnostics) {
    const safe = quickFixes(doc, d, markdown, claimById, dataOf).find((a) => (a.data as typeof SAFE_FIX | undefined)?.factcheckSafe);
    const edits = safe?.edit?.changes?.[doc.uri] ?? [];
    if (edits.length && !edits.some(overlaps)) taken.push(...edits);
  }
  if (!taken.length) return undefined;
  return { title: "Fact Check: fix all safe problems in this file", kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: taken } } };
}

/** Modal verbs that state as certain what a hedge ("could", "may", "might") leaves open. */
const CERTAIN_MODALS = new Set(["will", "would", "shall", "must"]);
const CERTAIN_BE = new Set(["is", "are"]);
const MODAL_HEDGES = ["could", "may", "might"];

/**
 * The one word of an overstated sentence to change back: the draft's certain modal ("will") becomes
 * the record's hedge ("could"); a bare "is"/"are" becomes "could be". Only when the sentence has
 * exactly one such word and the record's hedge is a modal: anything less certain gets no minimal fix.
 */
function hedgeEdit(
  text: string,
  sentence: { start: number; end: number },
  claim: Claim,
): { start: number; end: number; newText: string; from: string } | undefined {
  const recordWords = `${claim.text} ${claim.source.quote}`.toLowerCase().match(/[a-z]+/g) ?? [];
  const hedge = recordWords.find((w) => MODAL_HEDGES.includes(w) && HEDGE_CUES.has(w));
  if (!hedge) return undefined;
  const found: { start: number; end: number; word: string }[] = [];
  for (const m of text.slice(sentence.start, sentence.end).matchAll(/[A-Za-z]+/g)) {
    const w = m[0].toLowerCase();
    if (CERTAIN_MODALS.has(w) || CERTAIN_BE.has(w))
      found.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, word: m[0] });
  }
  if (found.length !== 1) return undefined;
  const [w] = found;
  const lower = w.word.toLowerCase();
  let newText = CERTAIN_BE.has(lower) ? `${hedge} be` : hedge;
  if (/^[A-Z]/.test(w.word)) newText = newText[0].toUpperCase() + newText.slice(1);
  return { start: w.start, end: w.end, newText, from: w.word };
}

/** A speaker's name as it reads inside a title: "Cite the article's reporting", "Cite Donald Trump". */
function speakerForTitle(name: string): string {
  const n = oneLine(name);
  return /^The\s/.test(n) ? "t" + n.slice(1) : n;
}

/** The edit that writes a footnote definition where footnotePlacement said. */
function definitionEdit(p: FootnotePlacement, line: string): { start: number; end: number; newText: string } {
  return { start: p.offset, end: p.offset, newText: p.before + line + p.after };
}

/** A sentence starting on a `[^factcheck-…]:` line (a citation Fact Check wrote). */
function insideFactcheckDefinition(doc: TextDocument, text: string, at: number): boolean {
  let i = doc.offsetAt({ line: doc.positionAt(at).line, character: 0 });
  while (i < at && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return atLineStart(text, i) && /^\[\^factcheck-[^\]\s]*\]:/.test(text.slice(i, i + 256));
}

/** Length of the footnote references (`[^x][^y]`) that end a Markdown sentence. */
function trailingMarks(sentence: string): number {
  let end = sentence.length;
  for (;;) {
    if (sentence.charCodeAt(end - 1) !== 93 /* ] */) break;
    const open = sentence.lastIndexOf("[^", end - 2);
    if (open < 0 || /[\]\s]/.test(sentence.slice(open + 2, end - 1)) || open + 2 === end - 1) break;
    end = open;
  }
  return sentence.length - end;
}

/** Offsets of an LSP range, when both ends are real positions of the document (not clamped) and in order. */
function offsets(doc: TextDocument, range: unknown): { start: number; end: number } | undefined {
  if (!range || typeof range !== "object") return undefined;
  const r = range as { start?: unknown; end?: unknown };
  const start = offsetAt(doc, r.start);
  const end = offsetAt(doc, r.end);
  return start !== undefined && end !== undefined && start <= end ? { start, end } : undefined;
}

/** The offset of an LSP position, or undefined when it is not one of the document's positions. */
function offsetAt(doc: TextDocument, position: unknown): number | undefined {
  if (!position || typeof position !== "object") return undefined;
  const { line, character } = position as { line?: unknown; character?: unknown };
  if (!Number.isInteger(line) || !Number.isInteger(character) || (line as number) < 0 || (character as number) < 0) return undefined;
  if ((line as number) >= doc.lineCount) return undefined;
  const offset = doc.offsetAt({ line: line as number, character: character as number });
  const back = doc.positionAt(offset);
  return back.line === line && back.character === character ? offset : undefined;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

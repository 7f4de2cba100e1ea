// "Fact Check: Check Workspace": checks drafts that are not open in the editor, read from disk, and
// publishes their diagnostics so the Problems view lists every finding of the workspace. An open
// document is skipped: the editor's text, checked as it is typed, is the truth for it. Each file is
// read as a regular file within the draft size limit, checked in slices like an open draft, and
// published without a version (no document version to tie it to). Those results stay until the file
// is opened (its own check takes over), checked again, or deleted or renamed (forgetDeleted, on the
// file watcher's delete events): then they are withdrawn, so Problems lists no file that is gone.
import { performance } from "node:perf_hooks";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { ClaimsStore } from "./claims-store.js";
import { uriToPath } from "./claims-files.js";
import type { CheckControl } from "./core/checker.js";
import type { ServerFs } from "./deps.js";
import { findingDiagnostic } from "./diagnostics.js";
import type { OpenDocuments } from "./document-state.js";
import { SLICE_MS } from "./draft-checker.js";
import { severityOf, type SettingsCache } from "./settings.js";
import { draftFormatOf } from "../../protocol/markdown.js";
import type { CheckFilesParams, CheckFilesResult } from "../../protocol/messages.js";

export interface CheckFilesContext {
  fs: ServerFs;
  documents: OpenDocuments;
  settings: SettingsCache;
  store: ClaimsStore;
  publish(params: PublishDiagnosticsParams): void;
  pause(): Promise<void>;
  /** The URIs whose Check Workspace results are published: filled here, emptied by forgetDeleted. */
  checked: Set<string>;
}

/** At most this many files per request: a workspace of drafts, not a disk. */
export const MAX_CHECK_FILES = 2000;

export async function checkFiles(ctx: CheckFilesContext, params: CheckFilesParams): Promise<CheckFilesResult> {
  const uris = Array.isArray(params?.uris) ? params.uris.filter((u) => typeof u === "string").slice(0, MAX_CHECK_FILES) : [];
  const result: CheckFilesResult = { checked: 0, findings: 0, failed: [] };
  // The source texts of the loaded databases are what the claims quote, not drafts: checking them would only echo the record.
  const sources = new Set(ctx.store.databases().flatMap((d) => d.claims.map((c) => c.provenance?.quoteIn?.file ?? "")));
  for (const uri of uris) {
    if (ctx.documents.state(uri)) continue; // open: checked as typed
    const file = uriToPath(uri);
    if (!file || sources.has(file)) continue;
    const settings = await ctx.settings.get(uri);
    if (!settings.enable) continue;
    let text: string;
    try {
      text = await ctx.fs.readFile(file, { maxBytes: settings.maximumDraftSize, limitName: "factCheck.maximumDraftSize" });
    } catch (e) {
      result.failed.push({ uri, message: (e as Error)?.message ?? String(e) });
      continue;
    }
    const format = draftFormatOf(file);
    let sliceStart = performance.now();
    const control: CheckControl = {
      pause: async () => {
        await ctx.pause();
        sliceStart = performance.now();
      },
      due: () => performance.now() - sliceStart >= SLICE_MS,
    };
    const checked = await ctx.store.checker.checkTextAsync(text, format, { minScore: settings.minimumScore }, control);
    if (!checked) continue;
    if (ctx.documents.state(uri)) continue; // opened meanwhile: its own check publishes
    const doc = TextDocument.create(uri, format === "markdown" ? "markdown" : "plaintext", 0, text);
    const ignored = new Set(settings.ignoredClaims);
    const diagnostics: Diagnostic[] = [];
    for (const f of checked.findings) {
      const severity = severityOf(settings, f.verdict);
      if (severity === undefined || ignored.has(f.claim.id)) continue;
      diagnostics.push(findingDiagnostic(doc, f, severity));
    }
    ctx.publish({ uri, diagnostics });
    ctx.checked.add(uri);
    result.checked++;
    result.findings += diagnostics.length;
    await ctx.pause();
  }
  return result;
}

/**
 * Files (or folders) deleted, a rename's old name included: the Check Workspace results of every
 * checked file that was one of them, or inside one, are withdrawn (an empty publish, which also
 * clears the Claims view's counts for it). A document open in the editor keeps its own results.
 */
export function forgetDeleted(ctx: Pick<CheckFilesContext, "checked" | "documents" | "publish">, deleted: readonly string[]): void {
  if (!ctx.checked.size || !deleted.length) return;
  for (const uri of [...ctx.checked]) {
    if (!deleted.some((d) => uri === d || uri.startsWith(d.endsWith("/") ? d : `${d}/`))) continue;
    ctx.checked.delete(uri);
    if (!ctx.documents.state(uri)) ctx.publish({ uri, diagnostics: [] });
  }
}

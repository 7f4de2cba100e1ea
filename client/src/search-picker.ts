// The "Search Claims" picker: a QuickPick whose items come from the server's
// factcheck/searchClaims request as the user types (debounced, stale answers dropped), then a
// second picker with what to do with the chosen claim.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import { type ClaimInfo, SearchClaimsRequest } from "../../protocol/messages.js";
import type { DraftFormat } from "../../protocol/markdown.js";
import { formatCitation, formatQuoteWithAttribution } from "./insert.js";

export const SEARCH_DEBOUNCE_MS = 100;
const LIMIT = 50;

interface ClaimItem extends vscode.QuickPickItem {
  claim?: ClaimInfo;
}

const OPEN_SOURCE_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon("go-to-file"),
  tooltip: "Open Source",
};

function toItem(claim: ClaimInfo): ClaimItem {
  const role = claim.speaker.role ? `, ${claim.speaker.role}` : "";
  return {
    label: claim.text,
    description: `${claim.speaker.name}${role}`,
    // The source's words in quotation marks only when they are the speaker's own.
    detail:
      claim.quoteKind === "direct"
        ? `${claim.source.section} — “${claim.source.quote}”`
        : `${claim.source.section} — reported: ${claim.source.quote}`,
    // The server has already filtered and ranked: show every result, whatever the QuickPick's own filter thinks.
    alwaysShow: true,
    buttons: claim.source.uri ? [OPEN_SOURCE_BUTTON] : [],
    claim,
  };
}

export interface PickClaimOptions {
  title?: string;
  /** Text to start with (the search runs at once). */
  initialQuery?: string;
  /** Called when an item's "Open Source" button is pressed (the picker stays open). */
  onOpenSource?: (claim: ClaimInfo) => void;
  /** Where search failures are logged. */
  output?: vscode.OutputChannel;
}

/** Lets the user find a claim. Resolves undefined if they cancel. */
export function pickClaim(client: LanguageClient, options: PickClaimOptions = {}): Promise<ClaimInfo | undefined> {
  return new Promise<ClaimInfo | undefined>((resolve) => {
    const qp = vscode.window.createQuickPick<ClaimItem>();
    qp.title = options.title ?? "Fact Check: Search Claims";
    qp.placeholder = "Search recorded claims by their words, speaker or section";
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.value = options.initialQuery ?? "";

    let seq = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cts: vscode.CancellationTokenSource | undefined;
    let settled = false;
    const disposables: vscode.Disposable[] = [];

    const finish = (claim: ClaimInfo | undefined) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      cts?.cancel();
      cts?.dispose();
      for (const d of disposables) d.dispose();
      resolve(claim);
      qp.dispose();
    };

    const search = (query: string) => {
      const mine = ++seq;
      cts?.cancel();
      cts?.dispose();
      cts = new vscode.CancellationTokenSource();
      qp.busy = true;
      client.sendRequest(SearchClaimsRequest, { query, limit: LIMIT }, cts.token).then(
        (result) => {
          if (settled || mine !== seq) return; // a newer query is on its way
          qp.busy = false;
          const items = (result?.items ?? []).map((r) => toItem(r.claim));
          qp.items = items.length
            ? items
            : [{ label: query.trim() ? `No recorded claim matches “${query.trim()}”` : "No claims are loaded", alwaysShow: true }];
        },
        (error: unknown) => {
          if (settled || mine !== seq) return;
          qp.busy = false;
          const message = error instanceof Error ? error.message : String(error);
          if (/cancel/i.test(message)) return;
          options.output?.appendLine(`[client] factcheck/searchClaims failed: ${message}`);
          qp.items = [{ label: "$(error) The search failed", detail: message, alwaysShow: true }];
        },
      );
    };

    disposables.push(
      qp.onDidChangeValue((value) => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          search(value);
        }, SEARCH_DEBOUNCE_MS);
      }),
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (item?.claim) finish(item.claim); // an informational row: stay open
      }),
      qp.onDidTriggerItemButton((e) => {
        if (e.item.claim) options.onOpenSource?.(e.item.claim);
      }),
      qp.onDidHide(() => finish(undefined)),
    );
    search(qp.value);
    qp.show();
  });
}

export type ClaimAction = "insertQuote" | "insertCitation" | "openSource" | "copyQuote";

interface ActionItem extends vscode.QuickPickItem {
  action: ClaimAction;
}

/**
 * What to do with a chosen claim. Insert actions are offered only when there is an editor to
 * insert into; their details show exactly what they write (in `format`). For a reported claim
 * the quote action writes reported speech, and its detail says so.
 */
export async function pickClaimAction(
  claim: ClaimInfo,
  canInsert: boolean,
  format: DraftFormat = "plaintext",
): Promise<ClaimAction | undefined> {
  const items: ActionItem[] = [];
  const direct = claim.quoteKind === "direct";
  if (canInsert) {
    const quote = formatQuoteWithAttribution(claim, format);
    items.push(
      {
        action: "insertQuote",
        label: "$(quote) Insert Quote with Attribution",
        description: direct ? undefined : "as reported speech",
        detail: direct ? quote : `Reported speech, no quotation marks (the source paraphrases ${claim.speaker.name}): ${quote}`,
      },
      { action: "insertCitation", label: "$(references) Insert Citation", detail: formatCitation(claim, format) },
    );
  }
  items.push(
    {
      action: "openSource",
      label: "$(go-to-file) Open Source",
      detail: claim.source.uri ? `${claim.source.title} — ${claim.source.section}` : `${claim.source.title} (no source text available)`,
    },
    direct
      ? { action: "copyQuote", label: "$(copy) Copy Quote", detail: `“${claim.source.quote}”` }
      : {
          action: "copyQuote",
          label: "$(copy) Copy the Source's Words",
          detail: `the source's paraphrase, not a quotation: ${claim.source.quote}`,
        },
  );
  const chosen = await vscode.window.showQuickPick(items, {
    title: claim.text,
    placeHolder: `${claim.speaker.name}: what do you want to do with this claim?`,
  });
  return chosen?.action;
}

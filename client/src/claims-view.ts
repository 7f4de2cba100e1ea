// The Claims view (Explorer): every loaded database → its speakers → their claims, each claim with how
// many Fact Check findings it has in the drafts checked so far (open drafts, and files "Check
// Workspace" checked). Clicking a claim opens its source at the quote; the context menu inserts it
// as a quote or a citation, or ignores it. The tree is the server's (factcheck/listClaims), fetched
// again whenever the claims change; the counts come from the diagnostics' codes (the claim id).
import * as vscode from "vscode";
import { type ClaimInfo, DIAGNOSTIC_SOURCE, ListClaimsRequest, type ListClaimsResult } from "../../protocol/messages.js";
import { errorMessage, type FactCheckServer } from "./server.js";

export const CLAIMS_VIEW = "factcheck.claims";

type Node =
  | { kind: "database"; uri: string; title: string; speakers: Map<string, ClaimInfo[]> }
  | { kind: "speaker"; key: string; name: string; role: string; claims: ClaimInfo[] }
  /** `claimId` is what the commands read from their argument (commands.ts, claimIdOf). */
  | { kind: "claim"; claimId: string; claim: ClaimInfo };

export class ClaimsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private databases: Node[] = [];
  private counts = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private countTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly server: FactCheckServer) {
    this.disposables.push(
      this.changed,
      server.onDidChangeStatus(() => void this.refresh()),
      // Diagnostics change on every keystroke's re-check: recount at most a few times a second.
      vscode.languages.onDidChangeDiagnostics(() => {
        this.countTimer ??= setTimeout(() => {
          this.countTimer = undefined;
          this.recount();
          this.changed.fire(undefined);
        }, 300);
      }),
    );
  }

  async refresh(): Promise<void> {
    const client = this.server.running;
    let result: ListClaimsResult = { databases: [] };
    if (client) {
      try {
        result = await client.sendRequest(ListClaimsRequest, undefined);
      } catch (e) {
        this.server.output.appendLine(`[client] listing claims failed: ${errorMessage(e)}`);
      }
    }
    this.databases = result.databases.map((d) => {
      const speakers = new Map<string, ClaimInfo[]>();
      for (const c of d.claims) {
        const key = `${c.speaker.name}\u0000${c.speaker.role}`;
        speakers.set(key, [...(speakers.get(key) ?? []), c]);
      }
      return { kind: "database", uri: d.uri, title: d.title, speakers };
    });
    this.recount();
    this.changed.fire(undefined);
  }

  private recount(): void {
    const counts = new Map<string, number>();
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        const code = typeof d.code === "object" && d.code !== null ? d.code.value : d.code;
        if (code !== undefined) counts.set(String(code), (counts.get(String(code)) ?? 0) + 1);
      }
    }
    this.counts = counts;
  }

  /** Findings of a claim, or of every claim under a node. */
  findings(node: Node): number {
    if (node.kind === "claim") return this.counts.get(node.claimId) ?? 0;
    const claims = node.kind === "speaker" ? node.claims : [...node.speakers.values()].flat();
    return claims.reduce((n, c) => n + (this.counts.get(c.id) ?? 0), 0);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.databases;
    if (node.kind === "database")
      return [...node.speakers.entries()].map(([key, claims]) => ({
        kind: "speaker",
        key,
        name: claims[0].speaker.name,
        role: claims[0].speaker.role,
        claims,
      }));
    if (node.kind === "speaker") return node.claims.map((claim) => ({ kind: "claim", claimId: claim.id, claim }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const n = this.findings(node);
    const found = n ? `${n} finding${n === 1 ? "" : "s"}` : "";
    if (node.kind === "database") {
      const claims = [...node.speakers.values()].reduce((k, c) => k + c.length, 0);
      const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `db:${node.uri}`;
      item.description = [`${claims} claim${claims === 1 ? "" : "s"}`, found].filter((s) => s).join(" · ");
      item.iconPath = new vscode.ThemeIcon("database");
      item.tooltip = node.uri === "bundled" ? "The bundled database" : vscode.Uri.parse(node.uri).fsPath;
      item.contextValue = "database";
      return item;
    }
    if (node.kind === "speaker") {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = [node.role, found].filter((s) => s).join(" · ");
      item.iconPath = new vscode.ThemeIcon("person");
      item.contextValue = "speaker";
      return item;
    }
    const c = node.claim;
    const item = new vscode.TreeItem(c.text, vscode.TreeItemCollapsibleState.None);
    item.id = `claim:${c.id}`;
    item.description = found;
    item.iconPath = new vscode.ThemeIcon("quote");
    // Plain text, never rendered Markdown: claims files are data.
    item.tooltip = `${c.id}\n${c.speaker.name}${c.speaker.role ? `, ${c.speaker.role}` : ""} (${c.verb})\n${
      c.quoteKind === "direct" ? `Quoted words: “${c.source.quote}”` : `Reported by ${c.source.title}: ${c.source.quote}`
    }`;
    item.contextValue = "claim";
    item.command = { title: "Open Claim Source", command: "factcheck.openClaimSource", arguments: [c.id] };
    return item;
  }

  dispose(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    for (const d of this.disposables) d.dispose();
  }
}

export function registerClaimsView(context: vscode.ExtensionContext, server: FactCheckServer): ClaimsView {
  const view = new ClaimsView(server);
  context.subscriptions.push(view, vscode.window.createTreeView(CLAIMS_VIEW, { treeDataProvider: view, showCollapseAll: true }));
  void view.refresh();
  return view;
}

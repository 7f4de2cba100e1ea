// factcheck/documentCounts: with every publish, the document's findings by verdict, as the status
// bar shows them. Over LSP against the bundled database, and documentCounts() on its own for the
// diagnostics that are not findings and the findings too large to carry data.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Diagnostic, DiagnosticSeverity, type PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { DocumentCountsNotification, type DocumentCountsParams, type FindingData } from "../../protocol/messages.js";
import { type VerdictCounts, VERDICTS, zeroCounts } from "../../protocol/verdicts.js";
import { documentCounts } from "../src/document-counts.js";
import { type Harness, startHarness } from "./server-harness.js";

const SUPPORTED = "Trump ruled out deploying American troops to Ukraine.";
const CONTRADICTED = "Trump said American troops would be deployed to Ukraine.";
const MISATTRIBUTED = "Karoline Leavitt ruled out the deployment of American troops to Ukraine.";
const OVERSTATED = "Germany, France and the United Kingdom will commit ground forces.";
const DRAFT = `# Draft\n\n${SUPPORTED} ${CONTRADICTED}\n\n${MISATTRIBUTED}\n\n${OVERSTATED}\n\nA new coffee shop opened near the train station.\n`;

const counts = (partial: Partial<VerdictCounts>): VerdictCounts => ({ ...zeroCounts(), ...partial });

/** The counts notifications the server sends, with a deadline-bound wait (never a fixed sleep). */
class CountsLog {
  readonly received: DocumentCountsParams[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(h: Harness) {
    h.client.onNotification(DocumentCountsNotification, (p) => {
      this.received.push(p);
      for (const w of [...this.waiters]) w();
    });
  }

  /** The latest counts for `uri`, once they satisfy `ok`. */
  latest(uri: string, ok: (p: DocumentCountsParams) => boolean, what: string): Promise<DocumentCountsParams> {
    const probe = () => {
      const p = this.received.filter((r) => r.uri === uri).at(-1);
      return p && ok(p) ? p : undefined;
    };
    const now = probe();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new assert.AssertionError({ message: `timed out waiting for ${what}; received ${JSON.stringify(this.received)}` }));
      }, 10_000);
      const check = () => {
        const p = probe();
        if (!p) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(p);
      };
      this.waiters.add(check);
    });
  }
}

/** What the published diagnostics say, verdict by verdict (each finding carries its verdict in `data`). */
function tally(p: PublishDiagnosticsParams): VerdictCounts {
  const c = zeroCounts();
  for (const d of p.diagnostics) {
    const v = (d.data as FindingData | undefined)?.verdict;
    if (v) c[v]++;
  }
  return c;
}

async function withServer(fn: (h: Harness, log: CountsLog) => Promise<void>): Promise<void> {
  const h = await startHarness();
  const log = new CountsLog(h);
  try {
    await fn(h, log);
  } finally {
    await h.dispose();
  }
}

test("each publish comes with the document's counts by verdict, for its version", () =>
  withServer(async (h, log) => {
    const uri = "file:///drafts/counted.md";
    await h.open(uri, "markdown", DRAFT);
    const published = await h.diagnostics(uri);
    const got = await log.latest(uri, (p) => p.version === 1, "counts of v1");
    assert.deepEqual(got, { uri, version: 1, counts: counts({ supported: 1, contradicted: 1, misattributed: 1, overstated: 1 }) });
    assert.deepEqual(got.counts, tally(published), "the counts are those of the diagnostics published");

    // An edit that removes the contradicted sentence: the next publish has new counts, for the new version.
    const line = 2;
    const version = await h.change(uri, [
      {
        range: { start: { line, character: SUPPORTED.length }, end: { line, character: SUPPORTED.length + 1 + CONTRADICTED.length } },
        text: "",
      },
    ]);
    const after = await log.latest(uri, (p) => p.version === version, `counts of v${version}`);
    assert.deepEqual(after.counts, counts({ supported: 1, misattributed: 1, overstated: 1 }));
    assert.deepEqual(after.counts, tally(await h.diagnostics(uri, (p) => p.version === version)));
  }));

test("what is not shown is not counted: a verdict turned off, an ignored claim; a closed document counts nothing", () =>
  withServer(async (h, log) => {
    const uri = "file:///drafts/filtered.md";
    await h.open(uri, "markdown", DRAFT);
    await log.latest(uri, (p) => p.counts.overstated === 1, "the first counts");

    await h.changeSettings({ "": { severity: { overstated: "off" }, ignoredClaims: ["esg-s4-no-us-troops"] } });
    const filtered = await log.latest(uri, (p) => p.counts.overstated === 0, "counts without the overstated finding");
    // All three troop sentences were findings of the ignored claim; the overstated one is off.
    assert.deepEqual(filtered.counts, zeroCounts());
    assert.equal(filtered.counts.overstated, tally(await h.diagnostics(uri, (p) => p.diagnostics.length === 0)).overstated);

    await h.changeSettings({});
    await log.latest(uri, (p) => p.counts.supported === 1 && p.counts.overstated === 1, "counts with everything shown again");
    await h.close(uri);
    const closed = await log.latest(uri, (p) => p.version === null, "counts of the closed document");
    assert.deepEqual(closed.counts, zeroCounts());
  }));

test("documentCounts counts findings only: not claims-file errors, not the size-limit notice, not other sources", () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
  const finding = (verdict: string, withData = true): Diagnostic => ({
    range,
    severity: DiagnosticSeverity.Warning,
    source: "factcheck",
    code: "claim-1",
    message: `${verdict}: Someone said something. — why`,
    data: withData ? { claimId: "claim-1", verdict, sentence: "Words", quoteKind: "reported", recordedSpeaker: "Someone" } : { verdict },
  });
  const diagnostics: Diagnostic[] = [
    ...VERDICTS.map((v) => finding(v)),
    finding("contradicted"),
    // Too large a claim for the fix data: only the verdict travels, and it is counted.
    finding("misquoted", false),
    { range, severity: DiagnosticSeverity.Error, source: "factcheck", message: 'unknown speaker "x" (at /claims/0/speaker)' },
    // A claims-file error that happens to start like a finding: it has no code (no claim), so it is no finding.
    { range, severity: DiagnosticSeverity.Error, source: "factcheck", message: "unsupported: property 'x' (at /claims/0)" },
    {
      range,
      severity: DiagnosticSeverity.Information,
      source: "factcheck",
      message: "Fact Check stopped here: this draft is over the 5 MB limit",
    },
    {
      range,
      severity: DiagnosticSeverity.Warning,
      source: "cSpell",
      code: "claim-1",
      message: "supported: not ours",
      data: { verdict: "supported" },
    },
    { ...finding("supported"), data: { verdict: "debunked" }, message: "debunked: a forged verdict" },
  ];
  assert.deepEqual(documentCounts({ uri: "file:///d.md", version: 7, diagnostics }), {
    uri: "file:///d.md",
    version: 7,
    counts: counts({ supported: 1, contradicted: 2, misattributed: 1, overstated: 1, misquoted: 2, unsupported: 1 }),
  });
  assert.deepEqual(documentCounts({ uri: "file:///d.md", diagnostics: [] }), { uri: "file:///d.md", version: null, counts: zeroCounts() });
});

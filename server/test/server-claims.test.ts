// Claims databases over LSP: search and lookup requests, workspace claims files, errors shown in the
// claims file itself while the last good version stays in use, watcher events, duplicate ids. The
// workspace is in memory (memory-fs.ts): a test changes its files there, then sends the watcher event.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as path from "node:path";
import { DiagnosticSeverity, FileChangeType } from "vscode-languageserver-protocol";
import { ClaimByIdRequest, ReloadClaimsRequest, SearchClaimsRequest } from "../../protocol/messages.js";
import {
  BUNDLED_CLAIMS_PATH,
  FIXTURES,
  type Harness,
  type MemoryWorkspace,
  memoryWorkspace,
  startHarness,
  uriOf,
} from "./server-harness.js";

const TOWN_SENTENCE = "Mayor Jane Alvarez announced that the central library will close for renovation in June.";
const TROOPS_SENTENCE = "Trump ruled out deploying American troops to Ukraine.";
/** The debounce of the test that types into a claims file (the harness's clock moves only when it is advanced). */
const DEBOUNCE_MS = 40;
/** However many claims the article database has today (the lead keeps adding some). */
const BUNDLED_COUNT: number = JSON.parse(readFileSync(BUNDLED_CLAIMS_PATH, "utf8")).claims.length;

async function withWorkspace(
  fn: (h: Harness, ws: string, fs: MemoryWorkspace["fs"]) => Promise<void>,
  settings: Record<string, Record<string, unknown>> = {},
): Promise<void> {
  const ws = memoryWorkspace("workspace");
  const h = await startHarness({ workspace: ws, settings });
  try {
    await fn(h, ws.root, ws.fs);
  } finally {
    await h.dispose();
  }
}

/** Opens a draft with one sentence per claims database and returns a function listing the claim ids found on each new check. */
/** Writes a claims file with no source text and one firm, positive claim "said" by its speaker. */
function writeOneClaimDatabase(
  { root: ws, fs }: MemoryWorkspace,
  name: string,
  title: string,
  speakers: Record<string, { name: string; role: string }>,
  claim: { id: string; text: string; speaker: string; section: string; quote: string },
): { file: string; text: string } {
  const file = path.join(ws, name);
  const text = JSON.stringify(
    { version: 1, title, speakers, claims: [{ ...claim, verb: "said", hedged: false, polarity: "positive" }] },
    null,
    2,
  );
  fs.writeFile(file, text);
  return { file, text };
}

async function openDraft(h: Harness, ws: string) {
  const uri = uriOf(path.join(ws, "draft.md"));
  await h.open(uri, "markdown", `${TOWN_SENTENCE}\n\n${TROOPS_SENTENCE}\n`);
  await h.checked(uri, 1);
  return {
    uri,
    /** Claim ids of the latest check. */
    ids: (): string[] =>
      h.events
        .filter((e) => e.uri === uri)
        .at(-1)!
        .findings.map((f) => f.claim.id),
    /** Waits for a check after the `after`-th event and returns its claim ids. */
    async idsAfter(after: number): Promise<string[]> {
      await h.until(() => h.events.slice(after).some((e) => e.uri === uri), "a re-check of the draft");
      return h.events
        .slice(after)
        .filter((e) => e.uri === uri)
        .at(-1)!
        .findings.map((f) => f.claim.id);
    },
  };
}

test("searchClaims finds a claim from a misspelled query; claimById returns it with its source location", async () => {
  const h = await startHarness();
  try {
    const { items } = await h.client.sendRequest(SearchClaimsRequest, { query: "deplyoing amercan troops", limit: 5 });
    assert.ok(items.length >= 1);
    assert.equal(items[0].claim.id, "esg-s4-no-us-troops");
    assert.ok(items[0].score > 0 && items[0].score <= 1);

    const info = await h.client.sendRequest(ClaimByIdRequest, { id: "esg-s4-no-us-troops" });
    assert.deepEqual(info, {
      id: "esg-s4-no-us-troops",
      text: TROOPS_SENTENCE,
      speaker: {
        name: "Donald Trump",
        role: "President of the United States",
        aliases: [
          "Trump",
          "Donald Trump",
          "President Trump",
          "President Donald Trump",
          "the president",
          "the U.S. president",
          "the US president",
          "the American president",
        ],
      },
      verb: "ruled out",
      hedged: false,
      quoteKind: "reported",
      source: {
        title: "European-Led Security Guarantees",
        section: "U.S. Contribution Through Air Support",
        quote: "firmly ruling out the deployment of American troops to Ukraine",
        uri: uriOf(path.join(path.dirname(BUNDLED_CLAIMS_PATH), "european-led-security-guarantees.txt")),
        range: { start: { line: 3, character: 6 }, end: { line: 3, character: 68 } },
      },
      origin: uriOf(BUNDLED_CLAIMS_PATH),
    });
    assert.equal(await h.client.sendRequest(ClaimByIdRequest, { id: "no-such-claim" }), null);
  } finally {
    await h.dispose();
  }
});

test("workspace claims files are loaded beside the bundled database, watched, and reported in factcheck/status", () =>
  withWorkspace(async (h, ws) => {
    const status = h.statuses.at(-1)!;
    assert.equal(status.state, "ready");
    assert.deepEqual(
      status.files.map((f) => [f.uri, f.claims, f.errors.length]),
      [
        ["bundled", BUNDLED_COUNT, 0],
        [uriOf(path.join(ws, "town.claims.json")), 1, 0],
      ],
    );
    assert.equal(status.totalClaims, BUNDLED_COUNT + 1);
    await h.until(() => h.registrations.some((r) => r.method === "workspace/didChangeWatchedFiles"), "file watcher registration");
    const watch = h.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles")!;
    // The claims files, the project config file (factcheck.config.json) whose change re-reads the settings,
    // and deletions anywhere (Check Workspace's results for a file that is gone are withdrawn; WatchKind.Delete = 4).
    const CONFIG_WATCHER = { globPattern: "**/{factcheck.config.json,.factcheckrc.json}" };
    const DELETIONS = { globPattern: "**/*", kind: 4 };
    assert.deepEqual(watch.registerOptions, {
      watchers: [{ globPattern: { baseUri: uriOf(ws), pattern: "**/*.claims.json" } }, CONFIG_WATCHER, DELETIONS],
    });

    const draft = await openDraft(h, ws);
    assert.deepEqual(await draft.idsAfter(0), ["town-library-closes", "esg-s4-no-us-troops"]);

    const reloaded = await h.client.sendRequest(ReloadClaimsRequest, undefined);
    assert.equal(reloaded.totalClaims, BUNDLED_COUNT + 1);

    // A new claimsFiles glob: the workspace is scanned again and the watcher re-registered.
    await h.changeSettings({ "": { claimsFiles: "elsewhere/**/*.claims.json" } });
    await h.until(() => h.statuses.at(-1)!.totalClaims === BUNDLED_COUNT, "the status without town.claims.json");
    await h.until(() => draft.ids().join() === "esg-s4-no-us-troops", "a re-check without the town claim");
    await h.until(
      () => h.registrations.filter((r) => r.method === "workspace/didChangeWatchedFiles").length === 2,
      "a second watcher registration",
    );
    assert.deepEqual(h.registrations.at(-1)!.registerOptions, {
      watchers: [{ globPattern: { baseUri: uriOf(ws), pattern: "elsewhere/**/*.claims.json" } }, CONFIG_WATCHER, DELETIONS],
    });
  }));

test("a claims file broken in the editor: errors at their exact place in it, the last good version stays in use, repair clears them", () =>
  withWorkspace(async (h, ws, fs) => {
    const draft = await openDraft(h, ws);
    const file = path.join(ws, "town.claims.json");
    const uri = uriOf(file);
    const good = fs.text(file);
    const broken = good.replace('"verb": "announced",', '"verb": "announced"');
    assert.notEqual(broken, good);

    const before = h.events.length;
    await h.open(uri, "json", broken);
    const errors = await h.diagnostics(uri, (p) => p.diagnostics.length > 0, "claims file errors");
    assert.deepEqual(errors.diagnostics, [
      {
        range: { start: { line: 20, character: 6 }, end: { line: 20, character: 15 } },
        severity: DiagnosticSeverity.Error,
        source: "factcheck",
        message: "syntax error: expected comma",
      },
    ]);
    await h.until(() => h.statuses.at(-1)!.state === "error", "an error status");
    const status = h.statuses.at(-1)!;
    assert.deepEqual(status.files[1].errors, [{ line: 20, character: 6, message: "syntax error: expected comma", path: "" }]);
    assert.equal(status.files[1].claims, 1, "the last good version is still loaded");
    assert.deepEqual(
      await draft.idsAfter(before),
      ["town-library-closes", "esg-s4-no-us-troops"],
      "findings from the last good version remain",
    );

    // Typing the comma back (an incremental edit) repairs it.
    const version = await h.change(uri, [{ range: { start: { line: 19, character: 25 }, end: { line: 19, character: 25 } }, text: "," }]);
    assert.equal(version, 2);
    await h.diagnostics(uri, (p) => p.diagnostics.length === 0, "cleared claims file errors");
    await h.until(() => h.statuses.at(-1)!.state === "ready", "a ready status");

    // The editor's text is what counts: rename the claim's id without saving.
    const afterRename = h.events.length;
    await h.change(uri, [{ range: { start: { line: 16, character: 13 }, end: { line: 16, character: 32 } }, text: "town-library-shuts" }]);
    await h.until(
      () => h.events.slice(afterRename).some((e) => e.findings.some((f) => f.claim.id === "town-library-shuts")),
      "the renamed claim in use",
    );
    assert.ok(!h.published.some((p) => p.uri === draft.uri && p.diagnostics.length === 0), "the draft never lost its diagnostics");
  }));

test("a claims file changed on disk: errors via file watching, deletion removes the database", () =>
  withWorkspace(async (h, ws, fs) => {
    const draft = await openDraft(h, ws);
    const file = path.join(ws, "town.claims.json");
    const uri = uriOf(file);
    fs.writeFile(file, fs.text(file).replace('"hedged": false', '"hedged": "no"'));
    await h.filesChanged([{ uri, type: FileChangeType.Changed }]);
    const { diagnostics } = await h.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /boolean/);
    const at = fs
      .text(file)
      .split("\n")
      .findIndex((l) => l.includes('"hedged": "no"'));
    assert.deepEqual(diagnostics[0].range.start, { line: at, character: 16 });
    assert.deepEqual(diagnostics[0].range.end, { line: at, character: 20 });

    const before = h.events.length;
    fs.remove(file);
    await h.filesChanged([{ uri, type: FileChangeType.Deleted }]);
    await h.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(await draft.idsAfter(before), ["esg-s4-no-us-troops"]);
    await h.until(() => h.statuses.at(-1)!.totalClaims === BUNDLED_COUNT, "the status without the deleted file");

    // A new claims file appears (in a subfolder, with its source text beside it).
    const created = path.join(ws, "more", "again.claims.json");
    const again = h.events.length;
    fs.writeFile(path.join(ws, "more", "town-notes.txt"), readFileSync(path.join(FIXTURES, "workspace", "town-notes.txt"), "utf8"));
    fs.writeFile(created, readFileSync(path.join(FIXTURES, "workspace", "town.claims.json"), "utf8"));
    await h.filesChanged([{ uri: uriOf(created), type: FileChangeType.Created }]);
    assert.deepEqual(await draft.idsAfter(again), ["town-library-closes", "esg-s4-no-us-troops"]);
  }));

test("a claim id that another database already uses is an error at that id", () =>
  withWorkspace(async (h, ws, fs) => {
    const { file, text } = writeOneClaimDatabase(
      { root: ws, fs },
      "dup.claims.json",
      "Dup",
      { x: { name: "X Person", role: "Someone" } },
      {
        id: "esg-s4-no-us-troops",
        text: "X said something else entirely.",
        speaker: "x",
        section: "S",
        quote: "something else",
      },
    );
    await h.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    const { diagnostics } = await h.diagnostics(uriOf(file), (p) => p.diagnostics.length > 0);
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes('"id": "esg-s4-no-us-troops"'));
    const character = lines[line].indexOf('"esg-s4');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0].range, {
      start: { line, character },
      end: { line, character: character + '"esg-s4-no-us-troops"'.length },
    });
    assert.match(
      diagnostics[0].message,
      /^duplicate claim id "esg-s4-no-us-troops": already defined in .*european-led-security-guarantees\.claims\.json:\d+:\d+/,
    );
    const claim = await h.client.sendRequest(ClaimByIdRequest, { id: "esg-s4-no-us-troops" });
    assert.equal(claim?.speaker.name, "Donald Trump", "the first definition wins");
  }));

test("a claim whose source text is not shipped links to its definition in the claims file", () =>
  withWorkspace(async (h, ws, fs) => {
    const { file, text } = writeOneClaimDatabase(
      { root: ws, fs },
      "nosource.claims.json",
      "No source",
      { chef: { name: "Chef Remy", role: "Head chef" } },
      {
        id: "chef-soup",
        text: "The tomato soup is served cold in summer.",
        speaker: "chef",
        section: "Menu",
        quote: "soup is served cold",
      },
    );
    await h.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    await h.until(() => h.statuses.at(-1)!.totalClaims === BUNDLED_COUNT + 2, "the new database");
    const uri = uriOf(path.join(ws, "menu.txt"));
    // An unbacked detail: the writer must go to the record, so the diagnostic links it (a supported one does not).
    await h.open(uri, "plaintext", "The tomato soup is served cold in summer, every Friday.\n");
    const { diagnostics } = await h.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.equal((diagnostics[0].data as { verdict?: string }).verdict, "unsupported");
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes('"id": "chef-soup"'));
    const character = lines[line].indexOf('"chef-soup"');
    assert.equal(diagnostics[0].codeDescription, undefined, "the place is the related information's");
    assert.deepEqual(diagnostics[0].relatedInformation?.[0].location, {
      uri: uriOf(file),
      range: { start: { line, character }, end: { line, character: character + '"chef-soup"'.length } },
    });
  }));

test("garbage in a claims file is reported, never fatal", () =>
  withWorkspace(async (h, ws, fs) => {
    const uri = uriOf(path.join(ws, "town.claims.json"));
    const good = fs.text(path.join(ws, "town.claims.json"));
    await h.open(uri, "json", "");
    await h.diagnostics(uri, (p) => p.diagnostics.some((d) => /empty/.test(d.message)), "an empty-file error");
    for (const text of [
      "[]",
      "{",
      '{"version": 2, "claims": "x"}',
      "\u0000\u0001\uFFFF",
      good.replace('"quote": "the central', '"quote": "THE central'),
    ]) {
      const full = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
      const n = h.statuses.length;
      await h.change(uri, [{ range: full, text }]);
      await h.until(() => h.statuses.length > n, "a status after the edit");
      assert.equal(h.statuses.at(-1)!.state, "error", text);
      assert.equal(h.statuses.at(-1)!.files[1].claims, 1, "the last good version stays");
    }
    const n = h.statuses.length;
    await h.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } }, text: good }]);
    await h.until(() => h.statuses.length > n && h.statuses.at(-1)!.state === "ready", "a ready status");
    assert.ok(!h.logs.some((l) => l.startsWith("ERROR")), h.logs.join("\n"));
  }));

test("a claims file typed in is reloaded once its edits pause for the debounce: one reload for a burst of edits", () =>
  withWorkspace(
    async (h, ws, fs) => {
      const file = path.join(ws, "town.claims.json");
      const uri = uriOf(file);
      const good = fs.text(file);
      await h.open(uri, "json", good);
      await h.until(() => h.statuses.length >= 2, "the status after the open");
      const before = h.statuses.length;
      // Three edits, each renaming the claim's id a little further, less than the debounce apart.
      let id = "town-library-closes";
      assert.equal(good.split("\n")[16].slice(13, 13 + id.length), id);
      for (const next of ["town-library-shuts", "town-library-shut", "town-library-shut3"]) {
        await h.change(uri, [{ range: { start: { line: 16, character: 13 }, end: { line: 16, character: 13 + id.length } }, text: next }]);
        id = next;
        await h.elapse(DEBOUNCE_MS - 1);
      }
      assert.equal(h.statuses.length, before, "not reloaded while typing");
      assert.deepEqual(h.clock.pendingDelays(), [1]);
      await h.elapse(1);
      await h.until(() => h.statuses.length > before, "the reload after the pause");
      const claim = await h.client.sendRequest(ClaimByIdRequest, { id: "town-library-shut3" });
      assert.equal(claim?.text, "The central library will close for renovation in June.", "the editor's last text was loaded");
      await h.sync();
      assert.equal(h.statuses.length, before + 1, "one reload for the three edits");
    },
    { "": { checkDelay: DEBOUNCE_MS } },
  ));

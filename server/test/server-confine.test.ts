// The language server confines each workspace claims file to its workspace folder, never lets a source's text
// reach diagnostics, the log or factcheck/status, honours factCheck.maximumFileSize, and in Restricted Mode
// (initializationOptions.workspaceTrusted false) loads no workspace claims file while the bundled database works.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { FileChangeType } from "vscode-languageserver-protocol";
import { DEFAULT_SETTINGS, normalizeSettings } from "../src/settings.js";
import type { Harness } from "./server-harness.js";
import { makeWorkspace, REPO, startHarness, uriOf } from "./server-harness.js";

const SECRET = "AAA_SECRET=hunter2-server";
const TOWN_SENTENCE = "Mayor Jane Alvarez announced that the central library will close for renovation in June.";
const TROOPS_SENTENCE = "Trump ruled out deploying American troops to Ukraine.";

let outside: string;
before(() => {
  outside = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-outside-")));
  writeFileSync(path.join(outside, "secret.txt"), `${SECRET}\nthe central library will close for renovation in June\n`);
});
after(() => rmSync(outside, { recursive: true, force: true }));

/** The town claims file with `source.file` and the claim's offsets replaced. */
function townClaims(sourceFile: string, offsets: { start: number; end: number } | undefined = undefined): string {
  return JSON.stringify(
    {
      version: 1,
      title: "Town council notes",
      source: { title: "Town Council Notes", file: sourceFile },
      speakers: { mayor: { name: "Jane Alvarez", role: "Mayor of Springfield", aliases: ["Mayor Jane Alvarez"] } },
      claims: [
        {
          id: "town-library-closes",
          text: "The central library will close for renovation in June.",
          speaker: "mayor",
          verb: "announced",
          section: "Library",
          quote: "the central library will close for renovation in June",
          hedged: false,
          polarity: "positive",
          ...offsets,
        },
      ],
    },
    null,
    2,
  );
}

/** Everything the server said to the client or its log. */
function everything(h: Harness): string {
  return JSON.stringify([h.published, h.statuses, h.logs]);
}

async function withServer(
  ws: string,
  fn: (h: Harness) => Promise<void>,
  opts: { initializationOptions?: unknown; settings?: Record<string, Record<string, unknown>> } = {},
): Promise<void> {
  const h = await startHarness({ workspace: ws, ...opts });
  try {
    await fn(h);
  } finally {
    await h.dispose();
  }
}

test("a workspace claims file whose source.file escapes the folder: an error at source.file naming the rule; nothing of the file anywhere", async () => {
  const ws = makeWorkspace("workspace");
  const rel = path.relative(ws, path.join(outside, "secret.txt"));
  const text = townClaims(rel);
  writeFileSync(path.join(ws, "town.claims.json"), text);
  symlinkSync(path.join(outside, "secret.txt"), path.join(ws, "notes-link.txt"));
  mkdirSync(path.join(ws, "sub"));
  writeFileSync(path.join(ws, "sub", "link.claims.json"), townClaims("../notes-link.txt").replace("town-library-closes", "town-link"));
  await withServer(ws, async (h) => {
    const uri = uriOf(path.join(ws, "town.claims.json"));
    const { diagnostics } = await h.diagnostics(uri, (p) => p.diagnostics.length > 0, "the confinement error");
    assert.equal(diagnostics.length, 1);
    assert.equal(
      diagnostics[0].message,
      `source.file must stay inside ${ws}; ${JSON.stringify(rel)} resolves outside it (at /source/file)`,
    );
    const line = text.split("\n").findIndex((l) => l.includes('"file"'));
    assert.equal(diagnostics[0].range.start.line, line);

    // A symlink inside the folder pointing out: the same rule, for a claims file in a subfolder (the root is still the workspace folder).
    const linkUri = uriOf(path.join(ws, "sub", "link.claims.json"));
    const link = await h.diagnostics(linkUri, (p) => p.diagnostics.length > 0, "the symlink's confinement error");
    assert.equal(
      link.diagnostics[0].message,
      `source.file must stay inside ${ws}; "../notes-link.txt" resolves outside it (at /source/file)`,
    );

    await h.until(() => h.statuses.at(-1)?.state === "error", "an error status");
    assert.ok(!everything(h).includes("hunter2"), "the secret reached the client");
  });
});

test("a quote that does not match its source: the diagnostic, the log and the status give offsets, never the source's words", async () => {
  const ws = makeWorkspace("workspace");
  writeFileSync(path.join(ws, "town-notes.txt"), `${SECRET}\nthe central library will close for renovation in June\n`);
  writeFileSync(path.join(ws, "town.claims.json"), townClaims("town-notes.txt", { start: 0, end: 53 }));
  await withServer(ws, async (h) => {
    const { diagnostics } = await h.diagnostics(uriOf(path.join(ws, "town.claims.json")), (p) => p.diagnostics.length > 0);
    assert.equal(
      diagnostics[0].message,
      "quote does not match town-notes.txt at 0–53 (line 1, column 1); the quote is at 26–79 (at /claims/0/quote)",
    );
    await h.until(() => h.logs.some((l) => l.includes("quote does not match")), "the error in the log");
    assert.ok(!everything(h).includes("hunter2") && !everything(h).includes("AAA_SECRET"), "the source's text reached the client");
  });
});

test("factCheck.maximumFileSize limits a workspace source, and says where the limit is set", async () => {
  const ws = makeWorkspace("workspace");
  writeFileSync(path.join(ws, "town-notes.txt"), "x".repeat(3000) + "\nthe central library will close for renovation in June\n");
  await withServer(
    ws,
    async (h) => {
      const { diagnostics } = await h.diagnostics(uriOf(path.join(ws, "town.claims.json")), (p) => p.diagnostics.length > 0);
      assert.equal(
        diagnostics[0].message,
        `cannot read source file "town-notes.txt" (${path.join(ws, "town-notes.txt")}): it is larger than the 2097 bytes limit (factCheck.maximumFileSize) (at /source/file)`,
      );
    },
    { settings: { "": { maximumFileSize: 0.002 } } },
  );
});

test("a directory or a device delivered as a claims file by the file watcher is an error naming it; loading goes on", async () => {
  const ws = makeWorkspace("workspace");
  mkdirSync(path.join(ws, "folder.claims.json"));
  await withServer(ws, async (h) => {
    await h.filesChanged([{ uri: uriOf(path.join(ws, "folder.claims.json")), type: FileChangeType.Created }]);
    const { diagnostics } = await h.diagnostics(uriOf(path.join(ws, "folder.claims.json")), (p) => p.diagnostics.length > 0);
    assert.equal(diagnostics[0].message, "cannot read claims file: it is a directory, not a regular file");
    await h.until(() => h.statuses.at(-1)!.files.length === 3, "a status with the folder's error");
    assert.equal(h.statuses.at(-1)!.files.find((f) => f.uri.endsWith("town.claims.json"))!.claims, 1, "the town database still loaded");
  });
});

test("Restricted Mode: no workspace claims file is loaded, even when opened or changed; the bundled database still checks drafts", async () => {
  const ws = makeWorkspace("workspace");
  await withServer(
    ws,
    async (h) => {
      const status = h.statuses.at(-1)!;
      assert.equal(status.restricted, true);
      assert.deepEqual(
        status.files.map((f) => f.uri),
        ["bundled"],
      );
      assert.ok(h.logs.some((l) => l.startsWith("Restricted Mode: workspace claims files are not loaded")));

      const claimsUri = uriOf(path.join(ws, "town.claims.json"));
      await h.open(claimsUri, "json", townClaims("town-notes.txt"));
      await h.filesChanged([{ uri: claimsUri, type: FileChangeType.Changed }]);

      const draft = uriOf(path.join(ws, "draft.md"));
      await h.open(draft, "markdown", `${TOWN_SENTENCE}\n\n${TROOPS_SENTENCE}\n`);
      const event = await h.checked(draft, 1);
      assert.deepEqual(
        event.findings.map((f) => f.claim.id),
        ["esg-s4-no-us-troops"],
      );
      assert.ok(
        h.statuses.every((s) => s.files.length === 1 && s.restricted),
        "never loaded",
      );
      assert.ok(!h.published.some((p) => p.uri === claimsUri && p.diagnostics.length), "never checked");
    },
    { initializationOptions: { workspaceTrusted: false } },
  );
});

test("a trusted workspace (or a client that says nothing, like Neovim) loads its claims files", async () => {
  for (const initializationOptions of [{ workspaceTrusted: true }, undefined]) {
    const ws = makeWorkspace("workspace");
    await withServer(
      ws,
      async (h) => {
        const status = h.statuses.at(-1)!;
        assert.equal(status.restricted, undefined);
        assert.equal(status.files.length, 2);
      },
      { initializationOptions },
    );
  }
});

test("factCheck.maximumFileSize: 20 by default, in package.json too; a bad value falls back", () => {
  assert.equal(DEFAULT_SETTINGS.maximumFileSize, 20);
  assert.equal(normalizeSettings({ maximumFileSize: 0.5 }).maximumFileSize, 0.5);
  for (const bad of [0, -1, "big", 1e9, Number.NaN])
    assert.equal(normalizeSettings({ maximumFileSize: bad }).maximumFileSize, 20, String(bad));
  const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8"));
  assert.equal(pkg.contributes.configuration.properties["factCheck.maximumFileSize"].default, DEFAULT_SETTINGS.maximumFileSize);
});

test("package.json declares limited support for untrusted workspaces, naming settings that exist, and none for virtual ones", () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8"));
  const { untrustedWorkspaces, virtualWorkspaces } = pkg.capabilities;
  assert.equal(untrustedWorkspaces.supported, "limited");
  assert.match(untrustedWorkspaces.description, /Restricted Mode/);
  // The old keys too: their values are still read where the new keys are unset (protocol/legacy-settings.ts).
  assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, [
    "factCheck.claimsFiles",
    "factCheck.maximumFileSize",
    "factcheck.claimsFiles",
    "factcheck.maxFileSizeMB",
  ]);
  for (const key of untrustedWorkspaces.restrictedConfigurations) {
    assert.ok(pkg.contributes.configuration.properties[key], `${key} is not a contributed setting`);
    assert.ok(untrustedWorkspaces.description.includes(key), `the description does not name ${key}`);
  }
  assert.equal(virtualWorkspaces.supported, false);
});

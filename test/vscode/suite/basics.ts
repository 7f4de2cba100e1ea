// The extension activates, and everything package.json contributes is really there.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { IGNORE_CLAIM_COMMAND } from "../../../protocol/messages.js";
import { contributedDefaults, DEFAULT_SETTINGS, SETTINGS_SECTION } from "../../../protocol/settings.js";
import { DRAFT } from "./fixture.js";
import { test } from "./runner.js";
import { EXTENSION_ID, openFixture, waitFor } from "./util.js";

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

function packageJson(): {
  contributes: { commands: ContributedCommand[]; configuration: { properties: Record<string, { default?: unknown; scope?: string }> } };
} {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.packageJSON;
}

test("the extension activates when a Markdown draft opens", async () => {
  await openFixture(DRAFT);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  await waitFor("the extension to activate", () => ext.isActive, { timeoutMs: 30_000 });
});

test("every contributed command is registered, with the Fact Check category", async () => {
  const contributed = packageJson().contributes.commands;
  const ids = contributed.map((c) => c.command);
  for (const id of [
    "factcheck.searchClaims",
    "factcheck.insertQuote",
    "factcheck.insertCitation",
    "factcheck.openClaimSource",
    "factcheck.reloadClaims",
    "factcheck.restartServer",
    "factcheck.showOutput",
    IGNORE_CLAIM_COMMAND,
  ]) {
    assert.ok(ids.includes(id), `${id} is not contributed in package.json`);
  }
  for (const c of contributed) assert.equal(c.category, "Fact Check", `${c.command} has no "Fact Check" category`);
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = ids.filter((id) => !registered.has(id));
  assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(", ")}`);
});

test("every setting is contributed with the protocol's default, and VS Code reads it", () => {
  // The unit test server/test/settings-manifest.test.ts compares package.json with the protocol;
  // this one checks that the extension host loaded that manifest and resolves the same values.
  const props = packageJson().contributes.configuration.properties;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  for (const [key, value] of Object.entries(contributedDefaults())) {
    assert.ok(props[key], `${key} is not contributed`);
    assert.deepEqual(props[key].default, value, `${key} default`);
    const inspected = config.inspect(key.slice(SETTINGS_SECTION.length + 1));
    assert.deepEqual(inspected?.defaultValue, value, `${key}: the default VS Code resolves`);
  }
  assert.equal(config.get("severity.contradicted"), DEFAULT_SETTINGS.severity.contradicted);
  assert.deepEqual(config.get("languages"), DEFAULT_SETTINGS.languages);
});

test("Show Output runs", async () => {
  await vscode.commands.executeCommand("factcheck.showOutput");
});

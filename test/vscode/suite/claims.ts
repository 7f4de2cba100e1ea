// Claims as the shipped database records them, read from the extension's claims/ folder, so the
// expectations follow edits to the database while the formats around them stay literal.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { EXTENSION_ID } from "./util.js";

export interface RecordedClaim {
  id: string;
  text: string;
  verb: string;
  speaker: { name: string; role: string };
  quote: string;
  title: string;
  section: string;
}

interface ClaimsFile {
  title: string;
  source?: { title: string };
  speakers: Record<string, { name: string; role: string }>;
  claims: { id: string; text: string; verb: string; speaker: string; quote: string; section: string }[];
}

function bundledFile(): ClaimsFile {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return JSON.parse(readFileSync(path.join(ext.extensionPath, "claims", "european-led-security-guarantees.claims.json"), "utf8"));
}

export function bundledClaimCount(): number {
  return bundledFile().claims.length;
}

export function bundledClaim(id: string): RecordedClaim {
  const file = bundledFile();
  const c = file.claims.find((x) => x.id === id);
  assert.ok(c, `the bundled database has no claim ${id}`);
  const speaker = file.speakers[c.speaker];
  return {
    id,
    text: c.text,
    verb: c.verb,
    speaker: { name: speaker.name, role: speaker.role },
    quote: c.quote,
    title: file.source?.title ?? file.title,
    section: c.section,
  };
}

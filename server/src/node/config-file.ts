// The project configuration file, one for the editor and the command line: `factcheck.config.json`
// (or `.factcheckrc.json`) at a project's root. It holds what a team shares through the repository —
// which claims databases to load, claims to ignore, how each verdict is shown, the minimum score —
// so the editor and CI agree. The editor reads it per workspace folder (settings the user set
// override it); the CLI finds it from the working directory upward (its flags override it).
// Its JSON schema (claims/factcheck.config.schema.json) gives completion and validation in the editor.
import * as path from "node:path";
import { parseJson, syntaxMessage, type JsonNode } from "../core/claims/json-tree.js";
import { LineIndex } from "../core/line-index.js";
import type { InputError } from "../core/types.js";
import { SEVERITY_NAMES, type SeverityName } from "../../../protocol/settings.js";
import { isVerdict, type Verdict } from "../../../protocol/verdicts.js";

/** The file names looked for, in this order, in each folder. */
export const CONFIG_FILE_NAMES = ["factcheck.config.json", ".factcheckrc.json"] as const;

/** A config file is small; anything bigger is a mistake, not a config. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ProjectConfig {
  /** Globs of claims databases, relative to the config file's folder. */
  claims?: string[];
  ignoredClaims?: string[];
  severity?: Partial<Record<Verdict, SeverityName>>;
  minimumScore?: number;
}

/** Parses a config file's text; every problem is an InputError at its place (file:line:column), and is left out of the config. */
export function parseProjectConfig(text: string, file: string): { config: ProjectConfig; errors: InputError[] } {
  const lines = new LineIndex(text);
  const errors: InputError[] = [];
  const err = (offset: number, length: number, jsonPath: string, message: string) => {
    const at = lines.positionAt(offset);
    errors.push({ file, line: at.line, character: at.character, offset, length, path: jsonPath, message });
  };
  const { root, syntax, tooDeepAt } = parseJson(text);
  if (tooDeepAt !== undefined) err(tooDeepAt, 1, "", "nested too deeply");
  for (const e of syntax) err(e.offset, e.length, "", `syntax error: ${syntaxMessage(e)}`);
  const config: ProjectConfig = {};
  if (errors.length || !root) return { config, errors };
  if (root.type !== "object") {
    err(root.offset, root.length, "", "a Fact Check config file holds one JSON object");
    return { config, errors };
  }
  const strings = (node: JsonNode, name: string): string[] | undefined => {
    const items = node.type === "string" && name === "claims" ? [node] : node.type === "array" ? (node.children ?? []) : undefined;
    if (!items || items.some((c) => c.type !== "string" || c.value === "")) {
      err(node.offset, node.length, `/${name}`, `"${name}" must be ${name === "claims" ? "a glob or " : ""}a list of non-empty strings`);
      return undefined;
    }
    return items.map((c) => String(c.value));
  };
  for (const prop of root.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (!keyNode || !value) continue;
    const key = String(keyNode.value);
    if (key === "$schema") continue;
    if (key === "claims") {
      const v = strings(value, key);
      if (v) config.claims = v;
    } else if (key === "ignoredClaims") {
      const v = strings(value, key);
      if (v) config.ignoredClaims = v;
    } else if (key === "minimumScore" || key === "minScore") {
      // "minScore" is its old name (deprecated in the schema): still read, where "minimumScore" is absent.
      if (!(value.type === "number" && Number(value.value) >= 0 && Number(value.value) <= 1))
        err(value.offset, value.length, `/${key}`, `"${key}" must be a number from 0 to 1`);
      else if (key === "minimumScore" || !hasKey(root, "minimumScore")) config.minimumScore = Number(value.value);
    } else if (key === "severity") {
      if (value.type !== "object") {
        err(value.offset, value.length, "/severity", '"severity" must be an object: { "supported": "hint", … }');
        continue;
      }
      const severity: Partial<Record<Verdict, SeverityName>> = {};
      for (const p of value.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v) continue;
        const verdict = String(k.value);
        if (!isVerdict(verdict)) err(k.offset, k.length, `/severity/${verdict}`, `unknown verdict "${verdict}"`);
        else if (v.type !== "string" || !(SEVERITY_NAMES as readonly string[]).includes(String(v.value)))
          err(v.offset, v.length, `/severity/${verdict}`, `severity must be one of ${SEVERITY_NAMES.map((s) => `"${s}"`).join(", ")}`);
        else severity[verdict] = v.value as SeverityName;
      }
      config.severity = severity;
    } else err(keyNode.offset, keyNode.length, `/${key}`, `unknown property "${key}" (claims, ignoredClaims, severity, minimumScore)`);
  }
  return { config, errors };
}

/**
 * The config as raw `factCheck` settings (the shape workspace/configuration returns), for
 * normalizeSettings. Several claims globs become one `{a,b}` glob (glob.ts reads alternatives).
 */
export function configAsSettings(config: ProjectConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (config.claims?.length) out.claimsFiles = config.claims.length === 1 ? config.claims[0] : `{${config.claims.join(",")}}`;
  if (config.ignoredClaims) out.ignoredClaims = config.ignoredClaims;
  if (config.severity) out.severity = config.severity;
  if (config.minimumScore !== undefined) out.minimumScore = config.minimumScore;
  return out;
}

/**
 * Settings from the config file under settings the user set: the user's win, key by key (and
 * verdict by verdict for severity); the ignore lists add up.
 */
export function mergeSettings(fromFile: Record<string, unknown>, fromUser: unknown): Record<string, unknown> {
  const user = isObject(fromUser) ? fromUser : {};
  const merged: Record<string, unknown> = { ...fromFile, ...user };
  if (isObject(fromFile.severity) || isObject(user.severity))
    merged.severity = { ...(isObject(fromFile.severity) ? fromFile.severity : {}), ...(isObject(user.severity) ? user.severity : {}) };
  if (Array.isArray(fromFile.ignoredClaims) && Array.isArray(user.ignoredClaims))
    merged.ignoredClaims = [...new Set([...fromFile.ignoredClaims, ...user.ignoredClaims])];
  return merged;
}

/** The folders to look in for a config file, from `dir` up to the file system's root. */
export function foldersUpward(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    out.push(d);
    if (path.dirname(d) === d) return out;
  }
}

function hasKey(object: JsonNode, key: string): boolean {
  return (object.children ?? []).some((prop) => prop.children?.[0]?.value === key);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

#!/usr/bin/env node
// `factcheck` — the command-line face of the checker, for CI pipelines.
//   factcheck check [--claims FILE]... [--format text|json|sarif] [--min-score N] FILE...
//   factcheck claims list [--claims FILE]... [--format text|json]
//   factcheck claims search [--claims FILE]... [--format text|json] QUERY
// Exit codes: 0 nothing or only `supported`; 1 any contradicted, misattributed or overstated;
// 2 bad usage, or unreadable or invalid input (with file:line:column).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadBundledClaims, loadClaimsFile, validateClaimIdsUnique } from "../core/claims-loader.js";
import { FactChecker, type DraftFormat } from "../core/checker.js";
import { type ClaimsDatabase, formatInputError, InputErrors } from "../core/types.js";
import { createLexicon } from "../lexicon-node.js";
import { type FileReport, toJson, toSarif, toText } from "./report.js";

const VERSION = "0.1.0";
const USAGE = `usage:
  factcheck check [--claims FILE]... [--format text|json|sarif] [--min-score N] FILE...
  factcheck claims list [--claims FILE]... [--format text|json]
  factcheck claims search [--claims FILE]... [--format text|json] QUERY

Without --claims, the bundled database (claims/european-led-security-guarantees.claims.json) is used.
Exit codes: 0 no findings or all supported; 1 any contradicted, misattributed or overstated; 2 bad usage or input.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        claims: { type: "string", multiple: true },
        format: { type: "string", default: "text" },
        "min-score": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (values.version) {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  const [command, ...rest] = positionals;
  const format = values.format ?? "text";
  const databases = await loadDatabases(values.claims ?? []);

  if (command === "check") {
    if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
    if (!rest.length) throw new UsageError("check needs at least one FILE");
    const minScore = values["min-score"] === undefined ? 0 : Number(values["min-score"]);
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) throw new UsageError("--min-score takes a number from 0 to 1");
    const checker = new FactChecker(databases, { lexicon: createLexicon() });
    const reports: FileReport[] = [];
    for (const path of rest) {
      const text = await readInput(path);
      reports.push({ path, text, findings: checker.checkText(text, formatOf(path), { minScore }).findings });
    }
    if (format === "json") process.stdout.write(JSON.stringify(toJson(reports), null, 2) + "\n");
    else if (format === "sarif") process.stdout.write(JSON.stringify(toSarif(reports, VERSION), null, 2) + "\n");
    else process.stdout.write(toText(reports));
    return reports.some((r) => r.findings.some((f) => f.verdict !== "supported")) ? 1 : 0;
  }

  if (command === "claims") {
    const [sub, ...query] = rest;
    if (!["text", "json"].includes(format)) throw new UsageError(`unknown format "${format}" (text or json)`);
    const claims = databases.flatMap((d) => d.claims);
    let list;
    if (sub === "list") list = claims.map((claim) => ({ claim, score: 1 }));
    else if (sub === "search") {
      if (!query.length) throw new UsageError("claims search needs a QUERY");
      list = new FactChecker(databases, { lexicon: createLexicon() }).search.search(query.join(" "), 20);
    } else throw new UsageError(`unknown claims command "${sub ?? ""}" (list or search)`);
    if (format === "json") {
      process.stdout.write(JSON.stringify({ claims: list.map((h) => ({ ...h.claim, score: h.score })) }, null, 2) + "\n");
    } else {
      for (const { claim } of list) {
        process.stdout.write(`${claim.id}\t${claim.speaker.name} (${claim.speaker.role}), ${claim.verb}: ${claim.text}\n\t"${claim.source.quote}" — ${claim.source.title}, ${claim.source.section}\n`);
      }
    }
    return 0;
  }
  throw new UsageError(command ? `unknown command "${command}"` : "no command given");
}

function formatOf(path: string): DraftFormat {
  return /\.(md|markdown|mdx)$/i.test(path) ? "markdown" : "plaintext";
}

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw new InputErrors([{ file: path, line: 0, character: 0, offset: 0, length: 0, path: "", message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
}

async function loadDatabases(files: string[]): Promise<ClaimsDatabase[]> {
  const dbs = files.length ? await Promise.all(files.map((f) => loadClaimsFile(f))) : [await loadBundledClaims()];
  const clashes = validateClaimIdsUnique(dbs);
  if (clashes.length) throw new InputErrors(clashes);
  return dbs;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`factcheck: ${e.message}\n\n${USAGE}\n`);
    else if (e instanceof InputErrors) process.stderr.write(e.errors.map(formatInputError).join("\n") + "\n");
    else process.stderr.write(`factcheck: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);

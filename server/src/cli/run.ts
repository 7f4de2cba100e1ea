// `factcheck` as a function: `run(argv, io)` parses the command line, checks, and writes through `io`.
// The bin (main.ts) wires it to the process; tests call it in-process.
//   factcheck check [--claims FILE]... [--format text|json|sarif] [--min-score N] [--candidates K] [--max-file-size MB] FILE...
//   factcheck claims list [--claims FILE]... [--format text|json] [--max-file-size MB]
//   factcheck claims search [--claims FILE]... [--format text|json] [--max-file-size MB] QUERY
//   factcheck extract SOURCE... [--out FILE] [--title T] [--format text|json] (cli/extract.ts)
//   factcheck import FEED... [--out FILE] [--title T]; factcheck export [--format claimreview] [DB...] [--out FILE] (cli/feeds.ts)
//
// Every file is untrusted (a pull request may add a claims file, a symlink, a FIFO): drafts and claims files
// must be regular files within --max-file-size, and a claims file and its source.file must resolve inside
// its root (node/claims-disk.ts: the working directory when the claims file is inside it, else its own folder).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { validateClaimIdsUnique } from "../core/claims/loader.js";
import { createFactChecker } from "../core/checker.js";
import { ratingWords } from "../core/claimreview/rating.js";
import { type ClaimsDatabase, formatInputError, type InputError, InputErrors } from "../core/types.js";
import { cliClaimsRoot, readBundledClaims, readClaimsFile } from "../node/claims-disk.js";
import { createLexicon } from "../node/lexicon.js";
import { DEFAULT_MAX_FILE_BYTES, MB, type ReadLimits } from "../node/safe-read.js";
import type { CliIo } from "./io.js";
import { readInput } from "./read-input.js";
import { type FoundConfig, findProjectConfig, projectClaimsFiles } from "./project.js";
import { type FileReport, isProblem, toJson, toSarif, toText } from "./report.js";
import { draftFormatOf } from "../../../protocol/markdown.js";

const VERSION = "0.1.0";
const USAGE = `usage:
  factcheck check [--claims FILE]... [--format text|json|sarif] [--min-score N] [--candidates K] [--max-file-size MB] FILE...
  factcheck claims list [--claims FILE]... [--format text|json] [--max-file-size MB]
  factcheck claims search [--claims FILE]... [--format text|json] [--max-file-size MB] QUERY
  factcheck extract SOURCE... [--out FILE.claims.json] [--title T] [--format text|json] [--max-file-size MB]
  factcheck import FEED... [--out FILE.claims.json] [--title T] [--max-file-size MB]
  factcheck export [--format claimreview] [DB...] [--out FILE] [--max-file-size MB]

extract draws a claims database from each SOURCE (.txt, .md, .html) and writes NAME.claims.json with the
source text NAME.txt beside it; over an existing --out file, claims marked "reviewed": true are kept.
--min-score N (0-1) hides findings whose calibrated score (the estimated probability that the sentence
restates the claim) is lower (default: the config file's minimumScore, else 0); --candidates K (1-100) also lists
each sentence's K most likely claims, reported or not (text and json only).
import reads fact-check feeds (ClaimReview JSON-LD, a Fact Check Tools claims:search response, CSV with a header
row) into one claims database of reviewed claims; bad records are reported with their place and skipped. export
writes claims databases (the bundled one without DB) as schema.org ClaimReview / Claim JSON-LD. A feed given to
--claims is loaded directly, as import would read it.
Without --claims, the bundled database (claims/european-led-security-guarantees.claims.json) is used, with
the claims files of the project config file (factcheck.config.json or .factcheckrc.json, the first found from
the working directory upward); with --claims, only the files named. The config file's ignoredClaims,
severity "off" and minimumScore apply either way.
A claims file and its source.file must resolve (after symlinks) inside the working directory when the claims
file is inside it, else inside the claims file's own folder. Drafts, claims and sources must be regular
files of at most --max-file-size MB (default ${DEFAULT_MAX_FILE_BYTES / MB}).
Exit codes: 0 nothing to act on; 1 a finding to act on: any verdict but supported, or for a reviewed claim
as its review reads (repeating a false claim is one, denying it is not); 2 bad usage or input, or output
that could not be written (a reader closing the pipe early keeps the findings' code).`;

const LIMIT_NAME = "--max-file-size";

class UsageError extends Error {}

/**
 * Runs one `factcheck` command and returns its exit code: 0 nothing or only supported, 1 any other
 * verdict, 2 bad usage or input (reported on `io.err`). Never throws for bad input, never exits.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (e) {
    if (e instanceof UsageError) io.err(`factcheck: ${e.message}\n\n${USAGE}\n`);
    else if (e instanceof InputErrors) io.err(e.errors.map(formatInputError).join("\n") + "\n");
    else io.err(`factcheck: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const out = (text: string) => io.out(text);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        claims: { type: "string", multiple: true },
        format: { type: "string", default: "text" },
        "min-score": { type: "string" },
        candidates: { type: "string" },
        "max-file-size": { type: "string" },
        out: { type: "string" },
        title: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE + "\n");
    return 0;
  }
  if (values.version) {
    out(VERSION + "\n");
    return 0;
  }
  const [command, ...rest] = positionals;
  const format = values.format ?? "text";
  const limits = readLimits(values["max-file-size"]);
  // Loaded only for `extract`: its model and HTML reader would double every other command's start-up.
  if (command === "extract")
    return (await import("./extract.js")).runExtract(
      rest,
      { out: values.out, title: values.title, format },
      io,
      limits,
      (m) => new UsageError(m),
    );
  // Fact-check feeds in and out (cli/feeds.ts).
  if (command === "import" || command === "export") {
    const feeds = await import("./feeds.js");
    const given = argv.some((a) => a === "--format" || a.startsWith("--format=")) ? format : undefined;
    const run = command === "import" ? feeds.runImport : feeds.runExport;
    return run(rest, { out: values.out, title: values.title, format: given }, io, limits, (m) => new UsageError(m));
  }
  // The project config file (cli/project.ts): its claims databases beside the bundled one, unless --claims names them.
  const project = await findProjectConfig(io.cwd);
  const databases = await loadDatabases(values.claims ?? [], limits, io.cwd, project);
  const cfg = project?.config ?? {};
  // A feed loaded directly may have had records skipped: said on stderr, with their places.
  for (const db of databases) for (const w of (db as { warnings?: InputError[] }).warnings ?? []) io.err(formatInputError(w) + "\n");

  if (command === "check") {
    if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
    if (!rest.length) throw new UsageError("check needs at least one FILE");
    const minScore = values["min-score"] === undefined ? (cfg.minimumScore ?? 0) : Number(values["min-score"]);
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) throw new UsageError("--min-score takes a number from 0 to 1");
    const candidates = values.candidates === undefined ? undefined : Number(values.candidates);
    if (candidates !== undefined && !(Number.isInteger(candidates) && candidates >= 1 && candidates <= 100))
      throw new UsageError("--candidates takes a whole number from 1 to 100");
    if (candidates !== undefined && format === "sarif") throw new UsageError("--candidates is for the text and json formats");
    const checker = createFactChecker({ databases, lexicon: createLexicon(), nlp: io.nlp });
    const reports: FileReport[] = [];
    for (const path of rest) {
      const text = await readInput(resolve(io.cwd, path), limits, path);
      const result = checker.checkText(text, draftFormatOf(path), { minScore, candidates });
      // As in the editor: a verdict set to "off" and an ignored claim are not reported.
      const shown = result.findings.filter((f) => cfg.severity?.[f.verdict] !== "off" && !cfg.ignoredClaims?.includes(f.claim.id));
      reports.push({ path, text, findings: shown, ...(result.candidates ? { candidates: result.candidates } : {}) });
    }
    if (format === "json") out(JSON.stringify(toJson(reports), null, 2) + "\n");
    else if (format === "sarif") out(JSON.stringify(toSarif(reports, VERSION), null, 2) + "\n");
    else out(toText(reports));
    return reports.some((r) => r.findings.some(isProblem)) ? 1 : 0;
  }

  if (command === "claims") {
    const [sub, ...query] = rest;
    if (!["text", "json"].includes(format)) throw new UsageError(`unknown format "${format}" (text or json)`);
    const claims = databases.flatMap((d) => d.claims);
    let list;
    if (sub === "list") list = claims.map((claim) => ({ claim, score: 1 }));
    else if (sub === "search") {
      if (!query.length) throw new UsageError("claims search needs a QUERY");
      list = createFactChecker({ databases, lexicon: createLexicon(), nlp: io.nlp }).search.search(query.join(" "), 20);
    } else throw new UsageError(`unknown claims command "${sub ?? ""}" (list or search)`);
    if (format === "json") {
      // The claim as its file states it (where it stands in that file is not part of the listing).
      out(
        JSON.stringify({ claims: list.map(({ claim: { provenance: _where, ...claim }, score }) => ({ ...claim, score })) }, null, 2) + "\n",
      );
    } else {
      for (const { claim } of list) {
        // A reviewed claim's second line is its review: the reviewer's wording is nobody's quotation.
        const r = claim.review;
        const second = r
          ? `reviewed by ${r.publisher.name}${r.date ? ` (${r.date})` : ""}: ${ratingWords(r.rating)} — ${r.url}`
          : `"${claim.source.quote}" — ${claim.source.title}, ${claim.source.section}`;
        out(`${claim.id}\t${claim.speaker.name} (${claim.speaker.role}), ${claim.verb}: ${claim.text}\n\t${second}\n`);
      }
    }
    return 0;
  }
  throw new UsageError(command ? `unknown command "${command}"` : "no command given");
}

function readLimits(value: string | undefined): ReadLimits {
  if (value === undefined) return { maxBytes: DEFAULT_MAX_FILE_BYTES, limitName: LIMIT_NAME };
  const mb = Number(value);
  if (value.trim() === "" || !Number.isFinite(mb) || mb <= 0)
    throw new UsageError(`${LIMIT_NAME} takes a number of megabytes above 0; found "${value}"`);
  return { maxBytes: Math.floor(mb * MB), limitName: LIMIT_NAME };
}

/** A draft: any path the user names, but only a regular file within the limit (a FIFO would hang the check). */
async function loadDatabases(files: string[], limits: ReadLimits, cwd: string, project?: FoundConfig): Promise<ClaimsDatabase[]> {
  const dbs = files.length
    ? await Promise.all(files.map((f) => readClaimsFile(f, { ...limits, cwd, root: cliClaimsRoot(f, cwd) })))
    : // The bundled database is ours, not input: confined to its folder, but not subject to --max-file-size.
      [await readBundledClaims()];
  // The project's claims files, confined to the config file's folder as a workspace folder's are in the editor.
  if (!files.length && project)
    for (const f of await projectClaimsFiles(project)) dbs.push(await readClaimsFile(f, { ...limits, cwd, root: project.root }));
  const clashes = validateClaimIdsUnique(dbs);
  if (clashes.length) throw new InputErrors(clashes);
  return dbs;
}

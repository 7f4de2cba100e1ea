// `factcheck import FILE... [--out NAME.claims.json] [--title T]`: fact-check feeds (ClaimReview JSON-LD, a Fact
// Check Tools claims:search response, CSV) as one claims database of reviewed claims; bad records are reported on
// stderr with their place and skipped. The written file is loaded back with the real loader before the command
// reports success.
// `factcheck export [--format claimreview] [DB...] [--out FILE]`: claims databases (the bundled one without DB) as
// schema.org ClaimReview / Claim JSON-LD (core/claimreview/export.ts).
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { exportClaimReview } from "../core/claimreview/export.js";
import { importFeed } from "../core/claimreview/import.js";
import { mergeDatabases } from "../core/claimreview/to-database.js";
import { formatInputError } from "../core/types.js";
import { cliClaimsRoot, readBundledClaims, readClaimsFile } from "../node/claims-disk.js";
import type { ReadLimits } from "../node/safe-read.js";
import type { CliIo } from "./io.js";
import { readInput } from "./read-input.js";

export interface FeedsOptions {
  out?: string;
  title?: string;
  /** --format as given, or undefined when the command line has none. */
  format?: string;
}

export async function runImport(
  files: string[],
  opts: FeedsOptions,
  io: CliIo,
  limits: ReadLimits,
  usage: (m: string) => Error,
): Promise<number> {
  if (!files.length) throw usage("import needs at least one FILE");
  if (opts.format !== undefined && opts.format !== "json")
    throw usage(`import writes a claims database (JSON); --format takes only "json"`);
  if (opts.out !== undefined && !opts.out.endsWith(".claims.json"))
    throw usage(`--out must name a *.claims.json file; found "${opts.out}"`);
  const parts = [];
  let skipped = 0;
  for (const file of files) {
    const text = await readInput(path.resolve(io.cwd, file), limits, file);
    const feed = importFeed(text, file, files.length === 1 && opts.title ? { title: opts.title } : {});
    for (const w of feed.warnings) io.err(formatInputError(w) + "\n");
    skipped += feed.warnings.filter((w) => w.message.endsWith("skipped")).length;
    parts.push(feed.database);
  }
  const title = opts.title ?? (parts.length === 1 ? parts[0].title : opts.out ? path.basename(opts.out, ".claims.json") : "Fact checks");
  const { database, repeated } = mergeDatabases(parts, title);
  for (const id of repeated)
    io.err(`factcheck: import: claim ${id} is in more than one file (the same review of the same claim): kept once\n`);
  const json = JSON.stringify(database, null, 2) + "\n";
  if (opts.out === undefined) {
    io.out(json);
    return 0;
  }
  const outAbs = path.resolve(io.cwd, opts.out);
  await mkdir(path.dirname(outAbs), { recursive: true });
  await writeFile(outAbs, json);
  // The proof that the database is valid: the real loader reads it back.
  await readClaimsFile(outAbs, { ...limits, cwd: io.cwd, root: path.dirname(outAbs) });
  const n = database.claims.length;
  io.out(
    `${opts.out}: ${n} reviewed claim${n === 1 ? "" : "s"} from ${files.length} file${files.length === 1 ? "" : "s"}${skipped ? ` (${skipped} record${skipped === 1 ? "" : "s"} skipped, see above)` : ""}\n`,
  );
  return 0;
}

export async function runExport(
  dbs: string[],
  opts: FeedsOptions,
  io: CliIo,
  limits: ReadLimits,
  usage: (m: string) => Error,
): Promise<number> {
  const format = opts.format ?? "claimreview";
  if (format !== "claimreview") throw usage(`unknown export format "${format}" (claimreview)`);
  const databases = dbs.length
    ? await Promise.all(dbs.map((f) => readClaimsFile(f, { ...limits, cwd: io.cwd, root: cliClaimsRoot(f, io.cwd) })))
    : [await readBundledClaims()];
  for (const db of databases) for (const w of db.warnings ?? []) io.err(formatInputError(w) + "\n");
  const json = JSON.stringify(exportClaimReview(databases), null, 2) + "\n";
  if (opts.out === undefined) io.out(json);
  else {
    const outAbs = path.resolve(io.cwd, opts.out);
    await mkdir(path.dirname(outAbs), { recursive: true });
    await writeFile(outAbs, json);
    const n = databases.reduce((k, d) => k + d.claims.length, 0);
    io.out(`${opts.out}: ${n} claim${n === 1 ? "" : "s"} as schema.org JSON-LD\n`);
  }
  return 0;
}

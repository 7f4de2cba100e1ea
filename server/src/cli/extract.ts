// `factcheck extract SOURCE... [--out FILE] [--title T] [--format text|json]`: draws a claims database
// from each source (plain text, Markdown, HTML) and writes `NAME.claims.json` with the source text
// `NAME.txt` beside it (a .txt source is used as it is), so the database is self-contained. Each
// written file is loaded back with the real loader before the command reports success.
// With --out pointing at an existing claims file, its claims marked `reviewed: true` are kept.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { readClaimsFile } from "../node/claims-disk.js";
import { createNlp } from "../core/nlp.js";
import { InputErrors } from "../core/types.js";
import { drawClaims, summarise } from "../extract-source.js";
import type { ReadLimits } from "../node/safe-read.js";
import type { CliIo } from "./io.js";
import { inputError, readInput } from "./read-input.js";

export interface ExtractOptions {
  out?: string;
  title?: string;
  format: string;
}

/** Runs the extract command; returns the exit code (0 written, 2 bad input — thrown as InputErrors). */
export async function runExtract(
  sources: string[],
  opts: ExtractOptions,
  io: CliIo,
  limits: ReadLimits,
  usage: (m: string) => Error,
): Promise<number> {
  if (!sources.length) throw usage("extract needs at least one SOURCE");
  if (!["text", "json"].includes(opts.format)) throw usage(`unknown format "${opts.format}" (text or json)`);
  if (opts.out && sources.length > 1) throw usage("--out takes one SOURCE");
  if (opts.out && !opts.out.endsWith(".claims.json")) throw usage(`--out must name a *.claims.json file; found "${opts.out}"`);
  const printed = [];
  const nlp = io.nlp ?? createNlp(); // one English pipeline for every source
  for (const source of sources) {
    const abs = path.resolve(io.cwd, source);
    const content = await readInput(abs, limits, source);
    const outAbs = opts.out ? path.resolve(io.cwd, opts.out) : undefined;
    const dir = outAbs ? path.dirname(outAbs) : path.dirname(abs);
    const base = outAbs ? path.basename(outAbs, ".claims.json") : undefined;
    let previous: unknown;
    const claimsPath = outAbs ?? path.join(dir, `${base ?? path.basename(abs, path.extname(abs))}.claims.json`);
    if (outAbs && existsSync(outAbs)) {
      const shown = opts.out ?? outAbs;
      try {
        previous = JSON.parse(await readInput(outAbs, limits, shown));
      } catch (e) {
        if (e instanceof InputErrors) throw e;
        throw inputError(shown, `cannot re-extract over it: not valid JSON (${(e as Error).message}); fix or remove it first`);
      }
    }
    const r = drawClaims({ nlp, file: abs, content, title: opts.title, base, previous });
    const sourcePath = path.join(dir, r.sourceFileName);
    await mkdir(dir, { recursive: true });
    if (!(r.sourceIsInput && path.resolve(sourcePath) === abs)) await writeFile(sourcePath, r.sourceText);
    const json = JSON.stringify(r.db, null, 2) + "\n";
    await writeFile(claimsPath, json);
    // the proof that the database is valid and self-contained: the real loader reads it back
    await readClaimsFile(claimsPath, { ...limits, cwd: io.cwd, root: dir });
    for (const id of r.lostReviewed)
      io.err(
        `factcheck: ${path.relative(io.cwd, claimsPath)}: reviewed claim "${id}" quotes words that are no longer in the source; fix its quote\n`,
      );
    if (opts.format === "json") printed.push(r.db);
    else
      io.out(
        `${path.relative(io.cwd, claimsPath) || claimsPath}: ${summarise(r.db)}${r.keptReviewed ? `; ${r.keptReviewed} reviewed kept` : ""} (source text ${path.relative(io.cwd, sourcePath)})\n`,
      );
  }
  if (opts.format === "json") io.out(JSON.stringify(printed.length === 1 ? printed[0] : printed, null, 2) + "\n");
  return 0;
}

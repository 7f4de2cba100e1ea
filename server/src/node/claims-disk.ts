// The claims loader's host on a real disk: what a claims file may make us read.
//
// A claims file is confined to a root folder — the workspace folder that holds it in the editor, the bundled
// claims folder for the bundled database, and on the command line the rule of `cliClaimsRoot` — and so is the
// source it names in `source.file`: both must resolve inside the root after symlinks (realpath). Anything
// else is refused without being opened, with a message that names the rule. Only regular files are read, up
// to a size limit (safe-read.ts). A claims file in a pull request therefore cannot make CI print
// /proc/self/environ, and a FIFO cannot hang the load queue.
//
// Known limit: a hard link inside the root to a file outside it is the file itself to realpath, and is read.
// Git cannot store hard links, so a pull request cannot add one.
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { loadClaimsFile, type LoadedClaimsDatabase, type LoaderHost } from "../core/claims/loader.js";
import { BUNDLED_CLAIMS_PATH, CLAIMS_DIR } from "./install-paths.js";
import { ReadRefused } from "../core/refused-read.js";
import { DEFAULT_MAX_FILE_BYTES, type ReadLimits, readRegularFile } from "./safe-read.js";

/** The two things confinement needs from a file system (ServerFs in the server, node:fs elsewhere). */
export interface ConfinedFs {
  /** Reads a regular file within the limits, refusing (ReadRefused) anything else. */
  readFile(path: string, limits: ReadLimits): Promise<string>;
  /** The canonical path (symlinks resolved); rejects with ENOENT when there is nothing there. */
  realPath(path: string): Promise<string>;
}

export const nodeConfinedFs: ConfinedFs = {
  readFile: (p, limits) => readRegularFile(p, limits),
  realPath: (p) => fsp.realpath(p),
};

export interface ConfinedHostOptions {
  /** The folder the claims file and its source must resolve inside. */
  root: string;
  /** Largest claims or source file read, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Where the limit is set, for its message. */
  limitName?: string;
  fs?: ConfinedFs;
  /** The claims file's text when it does not come from disk (an editor's unsaved text): then it is not read. */
  claimsText?: { path: string; text: string };
  /** The folder relative paths start from (default: the process's); messages keep the paths as written. */
  cwd?: string;
}

/** Is `p` the folder `root` or inside it? Lexical: both must be absolute and normalised alike. */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel));
}

/**
 * The root of a claims file named on the command line: the working directory when the file is inside it,
 * else the claims file's own folder. A working directory that is the file system's root confines nothing,
 * so there the file's own folder is used too.
 */
export function cliClaimsRoot(file: string, cwd: string = process.cwd()): string {
  const abs = path.resolve(cwd, file);
  const wd = path.resolve(cwd);
  if (path.parse(wd).root !== wd && isInside(wd, abs)) return wd;
  return path.dirname(abs);
}

/** A LoaderHost that reads only what lies inside `opts.root`. */
export function confinedLoaderHost(opts: ConfinedHostOptions): LoaderHost {
  const fs = opts.fs ?? nodeConfinedFs;
  const limits: ReadLimits = { maxBytes: opts.maxBytes ?? DEFAULT_MAX_FILE_BYTES, limitName: opts.limitName };
  const cwd = opts.cwd ?? process.cwd();
  const root = path.resolve(cwd, opts.root);
  let realRoot: Promise<string> | undefined;

  /** The canonical path of `p`, refused unless it lies inside the root both as written and after symlinks. */
  async function confine(p: string, refusal: () => string): Promise<string> {
    // Refuse what is outside as written before touching the disk: not even whether it exists is revealed.
    if (!isInside(root, p)) throw new ReadRefused("outside-root", refusal());
    realRoot ??= fs.realPath(root).catch(() => root);
    const [real, inside] = await Promise.all([fs.realPath(p), realRoot]);
    if (!isInside(inside, real)) throw new ReadRefused("outside-root", refusal());
    return real;
  }

  return {
    absolute: (p) => path.resolve(cwd, p),
    async readFile(file) {
      const abs = path.resolve(cwd, file);
      if (opts.claimsText && path.resolve(cwd, opts.claimsText.path) === abs) return opts.claimsText.text;
      const real = await confine(abs, () => `claims file must stay inside ${root}; ${file} resolves outside it`);
      return fs.readFile(real, limits);
    },
    async readSource({ written, path: sourcePath }) {
      const real = await confine(
        path.resolve(cwd, sourcePath),
        () => `source.file must stay inside ${root}; ${JSON.stringify(written)} resolves outside it`,
      );
      return fs.readFile(real, limits);
    },
  };
}

/** Loads a claims file from disk, confined to `root` (by default its own folder). */
export function readClaimsFile(file: string, opts: Partial<ConfinedHostOptions> = {}): Promise<LoadedClaimsDatabase> {
  return loadClaimsFile(
    file,
    confinedLoaderHost({ ...opts, root: opts.root ?? path.dirname(path.resolve(opts.cwd ?? process.cwd(), file)) }),
  );
}

/** Loads the bundled database, confined to the bundled claims folder. */
export function readBundledClaims(opts: Omit<Partial<ConfinedHostOptions>, "root"> = {}): Promise<LoadedClaimsDatabase> {
  return loadClaimsFile(BUNDLED_CLAIMS_PATH, confinedLoaderHost({ ...opts, root: CLAIMS_DIR }));
}

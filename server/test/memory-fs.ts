// An in-memory file system for the in-process server (the server's `ServerFs`, passed through
// ServerDeps): tests put fixture folders in it, write, change and delete files in it between
// watcher events, and nothing touches the disk or needs cleaning up. It keeps ServerFs's contract as
// the real one (deps.ts `nodeFs`) does, so the server cannot tell: a missing path rejects with
// ENOENT, a directory is refused as not a regular file, a file over the read limit is refused.
// It has no symlinks, FIFOs or permissions: tests of those stay on the real disk (makeWorkspace).
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ReadRefused } from "../src/core/refused-read.js";
import type { DirEntry, ServerFs } from "../src/deps.js";
import { DEFAULT_MAX_FILE_BYTES, formatMB, type ReadLimits } from "../src/node/safe-read.js";

function notFound(op: string, p: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${op} '${p}'`), { code: "ENOENT", path: p });
}

export class MemoryFs implements ServerFs {
  /** Absolute path → UTF-8 text. */
  private readonly files = new Map<string, string>();
  /** Absolute paths of folders (every ancestor of every file is one). */
  private readonly dirs = new Set<string>([path.parse(process.cwd()).root]);
  /** Every path readFile was asked for, in order: what a test may check was (or was not) read. */
  readonly reads: string[] = [];

  /** Creates or replaces a file, and the folders above it. */
  writeFile(file: string, text: string): this {
    const abs = path.resolve(file);
    if (this.dirs.has(abs)) throw new Error(`MemoryFs: ${abs} is a folder`);
    this.mkdir(path.dirname(abs));
    this.files.set(abs, text);
    return this;
  }

  /** Creates a folder and the folders above it. */
  mkdir(dir: string): this {
    for (let d = path.resolve(dir); !this.dirs.has(d); d = path.dirname(d)) {
      if (this.files.has(d)) throw new Error(`MemoryFs: ${d} is a file`);
      this.dirs.add(d);
    }
    return this;
  }

  /** Deletes a file, or a folder and everything in it. */
  remove(p: string): this {
    const abs = path.resolve(p);
    this.files.delete(abs);
    const prefix = abs + path.sep;
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d === abs || d.startsWith(prefix)) this.dirs.delete(d);
    return this;
  }

  /** Copies the files of a folder on the real disk (recursively) into folder `to`. */
  copyFromDisk(from: string, to: string): this {
    this.mkdir(to);
    for (const e of readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, e.name);
      const dest = path.join(to, e.name);
      if (e.isDirectory()) this.copyFromDisk(src, dest);
      else if (e.isFile()) this.writeFile(dest, readFileSync(src, "utf8"));
    }
    return this;
  }

  /** The text of a file, for the test's own assertions (not recorded in `reads`). */
  text(file: string): string {
    const t = this.files.get(path.resolve(file));
    if (t === undefined) throw notFound("open", file);
    return t;
  }

  exists(p: string): boolean {
    const abs = path.resolve(p);
    return this.files.has(abs) || this.dirs.has(abs);
  }

  async readFile(file: string, limits: ReadLimits = {}): Promise<string> {
    const abs = path.resolve(file);
    this.reads.push(abs);
    if (this.dirs.has(abs)) throw new ReadRefused("not-regular", "it is a directory, not a regular file");
    const text = this.files.get(abs);
    if (text === undefined) throw notFound("stat", file);
    // The same refusal, in the same words, as safe-read.ts's readRegularFile.
    const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (Buffer.byteLength(text) > maxBytes) {
      throw new ReadRefused(
        "too-large",
        `it is larger than the ${formatMB(maxBytes)} limit${limits.limitName ? ` (${limits.limitName})` : ""}`,
      );
    }
    return text;
  }

  async readDir(dir: string): Promise<DirEntry[]> {
    const abs = path.resolve(dir);
    if (!this.dirs.has(abs)) {
      if (this.files.has(abs)) throw Object.assign(new Error(`ENOTDIR: not a directory, scandir '${dir}'`), { code: "ENOTDIR" });
      throw notFound("scandir", dir);
    }
    const entries = new Map<string, DirEntry>();
    const prefix = abs.endsWith(path.sep) ? abs : abs + path.sep;
    const child = (p: string) =>
      p.startsWith(prefix) && p !== abs && !p.slice(prefix.length).includes(path.sep) ? p.slice(prefix.length) : undefined;
    for (const d of this.dirs) {
      const name = child(d);
      if (name) entries.set(name, { name, isDirectory: true, isFile: false });
    }
    for (const f of this.files.keys()) {
      const name = child(f);
      if (name) entries.set(name, { name, isDirectory: false, isFile: true });
    }
    return [...entries.values()];
  }

  /** Without symlinks, the canonical path is the normalised one; nothing there rejects with ENOENT, as realpath does. */
  async realPath(p: string): Promise<string> {
    const abs = path.resolve(p);
    if (!this.exists(abs)) throw notFound("realpath", p);
    return abs;
  }
}

// What the language server needs from the outside world, passed in so tests can run it in-process
// with a fake file system, a controllable timer and a hook that reports each check's statistics.
import { promises as fsp } from "node:fs";
import type { CheckStats } from "./core/checker.js";
import type { Finding } from "./core/types.js";
import type { Lexicon } from "./core/lexicon/lexicon.js";
import type { Nlp } from "./core/nlp.js";
import { type ReadLimits, readRegularFile } from "./node/safe-read.js";
import type { IndexCache } from "./node/index-cache.js";
import type { ClaimsWorker } from "./node/claims-worker.js";

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

export interface ServerFs {
  /** Reads a regular file within the limits; refuses (core/refused-read.ts) FIFOs, devices, directories, oversized files. */
  readFile(path: string, limits?: ReadLimits): Promise<string>;
  readDir(path: string): Promise<DirEntry[]>;
  /** Canonical path: recognises the bundled claims file inside a workspace, and confines claims files (node/claims-disk.ts). Without it, paths are taken as written. */
  realPath?(path: string): Promise<string>;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Reported after every check of a draft whose result was published. */
export interface CheckEvent {
  uri: string;
  version: number;
  stats: CheckStats;
  /** Findings after settings (ignored claims, severity "off") were applied. */
  findings: readonly Finding[];
}

export interface ServerDeps {
  fs: ServerFs;
  /** Synonyms and antonyms for the matcher: `createLexicon()` in production. */
  lexicon: Lexicon;
  /**
   * The English pipeline (core/nlp.ts). Default: a new one for this server (its model decoded on first use).
   * A process that starts many servers (the tests) passes one to share.
   */
  nlp?: Nlp;
  /** The claims database shipped with the extension; undefined for none. */
  bundledClaimsPath?: string;
  timers?: Timers;
  /**
   * Hands the thread back to the event loop for a moment: awaited between slices of a long draft
   * check, so hovers and edits are answered meanwhile. Default `yieldToEventLoop` (setImmediate).
   */
  pause?(): Promise<void>;
  /** How long one claims-file load (or workspace scan) may take before it is reported as failed. Default 10 s. */
  loadTimeoutMs?: number;
  logger?: Logger;
  /**
   * Where large claims databases' index parts are kept between starts (node/index-cache.ts, diskIndexCache in
   * production). Default: none (every database is analysed at every start).
   */
  indexCache?: IndexCache;
  /**
   * Work done while the server answers initialize, when the client waits for that answer and sends nothing else:
   * reading what the first check would otherwise read inside one of its slices, holding up every keystroke and
   * hover meanwhile (warmLexicon in production: WordNet's index tables, the word vectors). Default: nothing.
   */
  warmUp?(): void;
  /** Loads large claims files in a worker thread (node/claims-worker.ts, on a real disk). Default: in place. */
  claimsWorker?: ClaimsWorker;
  /** Test hook: called with every published check. */
  onCheck?(event: CheckEvent): void;
  /** Test hook: called with the version of every check result dropped because the document moved on. */
  onDropped?(uri: string, version: number): void;
}

export const nodeFs: ServerFs = {
  readFile: (p, limits) => readRegularFile(p, limits),
  readDir: async (p) =>
    (await fsp.readdir(p, { withFileTypes: true })).map((d) => ({ name: d.name, isDirectory: d.isDirectory(), isFile: d.isFile() })),
  realPath: (p) => fsp.realpath(p),
};

/** Resolves after the event loop has handled whatever I/O is waiting (setImmediate, not a timer tick). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

// The claims databases the server checks against: the bundled article database plus workspace
// claims files. Each file keeps its LAST GOOD version: when an edit breaks it, its errors are
// reported and the previous version stays in use until the file is repaired. Nothing a claims
// file contains may throw out of here.
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { buildFactChecker, createFactChecker, type FactChecker } from "./core/checker.js";
import { createNlp, type Nlp } from "./core/nlp.js";
import { ClaimSearch } from "./core/claim-search.js";
import { loadClaimsFile, validateClaimIdsUnique, type LoadedClaimsDatabase } from "./core/claims/loader.js";
import { type Claim, type InputError, InputErrors } from "./core/types.js";
import type { Lexicon } from "./core/lexicon/lexicon.js";
import { toClaimInfo } from "./claim-info.js";
import { confinedLoaderHost } from "./node/claims-disk.js";
import { type IndexCache, type IndexCacheLog, IndexParts } from "./node/index-cache.js";
import type { ClaimsWorker } from "./node/claims-worker.js";
import type { ServerFs } from "./deps.js";
import type { ClaimInfo, ClaimsFileStatus, StatusParams } from "../../protocol/messages.js";

interface Entry {
  path: string;
  bundled: boolean;
  /** The last version that loaded without errors. */
  good?: LoadedClaimsDatabase;
  /** Errors of the last load attempt. */
  loadErrors: InputError[];
  /** Errors that only show with other databases (duplicate ids), from the last rebuild. */
  crossErrors: InputError[];
  /** What the last load skipped without failing: a fact-check feed's bad records (LoadedClaimsDatabase.warnings). */
  loadWarnings?: InputError[];
  /** The text the errors point into (to turn offset + length into an end position). */
  text: string;
  /** Increases with every load started, so a slow load cannot overwrite a newer one. */
  seq: number;
  /** sha256 of the file's text, when the worker loaded it (and `text` is left empty). */
  textDigest?: string;
  /** The folder the file was confined to when it last loaded (where its index cache may be read and written). */
  root?: string;
}

export interface LoadOptions {
  bundled?: boolean;
  /** The editor's text of the claims file, used instead of what is on disk. */
  text?: string;
  /** The folder the claims file and its source must stay inside. */
  root?: string;
  /** Largest claims or source file read from disk, in bytes (default 20 MB). */
  maxBytes?: number;
}

export interface FileErrors {
  path: string;
  text: string;
  errors: InputError[];
  /** Records of a fact-check feed skipped by its last load (shown as warnings in the file). */
  warnings?: InputError[];
}

/** What a store may use beyond the file system: both only on a real disk (main.ts). */
export interface ClaimsStoreOptions {
  /** Where large databases' index parts are kept between runs (node/index-cache.ts); none: always analysed. */
  indexCache?: IndexCache;
  logger?: IndexCacheLog;
  /** Loads large claims files off the event loop (node/claims-worker.ts); none: every file loads in place. */
  worker?: ClaimsWorker;
}

export class ClaimsStore {
  private readonly entries = new Map<string, Entry>();
  private readonly parts: IndexParts | undefined;
  private readonly worker: ClaimsWorker | undefined;
  private _checker: FactChecker;
  private _search: ClaimSearch;

  constructor(
    private readonly fs: ServerFs,
    private readonly lexicon: Lexicon,
    /**
     * The English pipeline every engine of this store (and the server's claim extraction) reads with: one,
     * since decoding its model costs ≈130 ms and ≈9 MB (on first use).
     */
    readonly nlp: Nlp = createNlp(),
    options: ClaimsStoreOptions = {},
  ) {
    const { indexCache, logger, worker } = options;
    this.parts = indexCache ? new IndexParts(indexCache, this.nlp, logger ?? { info: () => undefined, warn: () => undefined }) : undefined;
    this.worker = worker;
    this._checker = createFactChecker({ databases: [], lexicon, nlp: this.nlp });
    this._search = new ClaimSearch([]);
  }

  /** Built from the current good databases; replaced (with an empty sentence cache) by every rebuild. */
  get checker(): FactChecker {
    return this._checker;
  }

  get search(): ClaimSearch {
    return this._search;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  isBundled(path: string): boolean {
    return this.entries.get(path)?.bundled ?? false;
  }

  /**
   * (Re)loads one claims file. `text` replaces the file's content on disk (an editor's unsaved text);
   * the source article it names is still read from disk. The file and its source must resolve inside
   * `root` (default: the claims file's own folder) and be regular files of at most `maxBytes`
   * (node/claims-disk.ts). Call rebuild() afterwards.
   */
  async load(path: string, opts: LoadOptions = {}): Promise<void> {
    let entry = this.entries.get(path);
    if (!entry) {
      entry = { path, bundled: opts.bundled ?? false, loadErrors: [], crossErrors: [], text: "", seq: 0 };
      this.entries.set(path, entry);
    }
    const seq = ++entry.seq;
    let text = opts.text ?? "";
    const fs = this.fs;
    const confined = confinedLoaderHost({
      root: opts.root ?? dirname(path),
      maxBytes: opts.maxBytes,
      limitName: "factCheck.maximumFileSize",
      fs: { readFile: (p, limits) => fs.readFile(p, limits), realPath: (p) => (fs.realPath ? fs.realPath(p) : Promise.resolve(p)) },
      ...(opts.text !== undefined ? { claimsText: { path, text: opts.text } } : {}),
    });
    const host = {
      ...confined,
      readFile: async (p: string) => {
        const t = await confined.readFile(p);
        if (p === path) text = t;
        return t;
      },
    };
    let db: LoadedClaimsDatabase | undefined;
    let errors: InputError[] = [];
    let digest: string | undefined;
    try {
      const root = opts.root ?? dirname(path);
      const loaded =
        this.worker && opts.text === undefined && !opts.bundled
          ? await this.worker.load({ file: path, root, maxBytes: opts.maxBytes, limitName: "factcheck.maxFileSizeMB" })
          : undefined;
      if (loaded) {
        // The worker keeps the file's text to itself unless warnings need it: a large file's text is tens of MB.
        db = loaded.db;
        digest = loaded.digest;
        text = loaded.text ?? "";
      } else db = await loadClaimsFile(path, host);
    } catch (e) {
      const fileText = (e as { fileText?: unknown } | null)?.fileText;
      if (typeof fileText === "string") text = fileText;
      errors =
        e instanceof InputErrors
          ? e.errors
          : [
              {
                file: path,
                line: 0,
                character: 0,
                offset: 0,
                length: 0,
                path: "",
                message: `cannot load claims file: ${(e as Error)?.message ?? String(e)}`,
              },
            ];
    }
    if (entry.seq !== seq || this.entries.get(path) !== entry) return; // a newer load, or a removal, won
    entry.text = text;
    entry.textDigest = digest;
    entry.loadErrors = errors;
    entry.loadWarnings = db?.warnings ?? [];
    if (db) {
      entry.good = db;
      entry.root = opts.root ?? dirname(path);
    }
  }

  /** Will loading `path` take long (a large file, loaded in the worker)? */
  async loadsSlowly(path: string): Promise<boolean> {
    return (await this.worker?.isLarge(path)) ?? false;
  }

  /**
   * A load of `path` that gave up (it ran out of time): `message` becomes the file's error, the
   * last good version stays in use, and the load still in flight is ignored when it settles.
   */
  loadFailed(path: string, message: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    entry.seq++;
    entry.loadErrors = [{ file: path, line: 0, character: 0, offset: 0, length: 0, path: "", message }];
  }

  remove(path: string): boolean {
    return this.entries.delete(path);
  }

  /** Rebuilds the checker and search from every good database. Duplicate ids: the first one wins. */
  async rebuild(): Promise<void> {
    const entries = this.ordered();
    const dbs = entries.flatMap((e) => (e.good ? [e.good] : []));
    // Indexing yields to the event loop between batches: the old checker keeps answering until
    // the new one is complete, then both are swapped at once.
    // The new engine takes over the old one's segmenter: its caches depend on drafts' text only, so
    // the first re-check after a reload re-segments nothing that was segmented before.
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    let cross: InputError[] = [];
    let checked = false;
    try {
      // Whether any id repeats, in slices (one pass over 100,000 ids held the event loop ≈ 60 ms in a server start);
      // only then the loader's check, which says where each one is.
      if (await repeatsAnId(dbs, pause)) cross = validateClaimIdsUnique(dbs);
      checked = true;
    } catch {
      cross = [];
    }
    for (const e of entries) e.crossErrors = cross.filter((x) => x.file === e.path);
    // No duplicate ids (the usual case): every database is used whole, without a second pass over 100,000 ids in the
    // same task as the check above (together they held the event loop ≈ 50 ms at 100,000 claims).
    let used = dbs;
    if (!checked || cross.length) {
      await pause();
      const seen = new Set<string>();
      used = dbs.map((db) => {
        const claims = db.claims.filter((c) => {
          if (seen.has(c.id)) return false;
          seen.add(c.id);
          return true;
        });
        return claims.length === db.claims.length ? db : { ...db, claims };
      });
    }
    // A large database's index part comes from its cache file when it has a good one (node/index-cache.ts).
    const cached = entries
      .filter((e) => e.good)
      // A database some of whose claims were left out (ids already loaded) is keyed by its claims, not its text.
      .map((e, i) => ({
        claims: used[i].claims,
        file: e.bundled ? undefined : e.path,
        root: e.root,
        text: used[i] === dbs[i] && !e.textDigest ? e.text : undefined,
        textDigest: used[i] === dbs[i] ? e.textDigest : undefined,
      }));
    const { parts, keys } = this.parts ? await this.parts.read(cached, pause) : { parts: [], keys: [] };
    const checker = await buildFactChecker(
      {
        databases: used,
        lexicon: this.lexicon,
        nlp: this.nlp,
        segmenter: this._checker.segmenter,
        indexParts: parts,
        keepIndexParts: keys.some(Boolean),
      },
      pause,
    );
    this._checker = checker;
    this._search = checker.search;
    if (this.parts) await this.parts.write(cached, keys, checker.takeBuiltIndexParts());
  }

  claimById(id: string): Claim | undefined {
    return this._checker.claimById(id);
  }

  /** The claim as sent over the wire; its places come with it (Claim.provenance). */
  describe(claim: Claim): ClaimInfo {
    return toClaimInfo(claim);
  }

  /** The loaded databases (their last good versions), bundled first: for the Claims view. */
  databases(): { uri: string; title: string; claims: Claim[] }[] {
    return this.ordered().flatMap((e) =>
      e.good ? [{ uri: e.bundled ? "bundled" : pathToFileURL(e.path).href, title: e.good.title, claims: e.good.claims }] : [],
    );
  }

  /** Every file with its current errors (empty when clean). */
  fileErrors(): FileErrors[] {
    return this.ordered().map((e) => ({
      path: e.path,
      text: e.text,
      errors: [...e.loadErrors, ...e.crossErrors],
      ...(e.loadWarnings?.length ? { warnings: e.loadWarnings } : {}),
    }));
  }

  status(): StatusParams {
    const files: ClaimsFileStatus[] = this.ordered().map((e) => ({
      uri: e.bundled ? "bundled" : pathToFileURL(e.path).href,
      claims: e.good?.claims.length ?? 0,
      errors: [...e.loadErrors, ...e.crossErrors].map((x) => ({ line: x.line, character: x.character, message: x.message, path: x.path })),
    }));
    return {
      state: files.some((f) => f.errors.length) ? "error" : "ready",
      totalClaims: this._checker.claims.length,
      files,
    };
  }

  /** Bundled first, then workspace files by path: decides which duplicate id wins. */
  private ordered(): Entry[] {
    return [...this.entries.values()].sort((a, b) =>
      a.bundled !== b.bundled ? (a.bundled ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
  }
}

/** Ids looked up between two turns of the event loop: a few milliseconds. */
const IDS_PER_SLICE = 10_000;

/** Whether a claim id occurs twice across `dbs`, `pause` awaited every IDS_PER_SLICE ids. */
async function repeatsAnId(dbs: readonly LoadedClaimsDatabase[], pause: () => Promise<void>): Promise<boolean> {
  const seen = new Set<string>();
  for (const db of dbs)
    for (const c of db.claims) {
      if (seen.has(c.id)) return true;
      seen.add(c.id);
      if (seen.size % IDS_PER_SLICE === 0) await pause();
    }
  return false;
}

// The index cache: a large claims database's IndexPart (core/index-part.ts: what indexing takes from analysing its
// claims, ≈ 100–200 µs a claim) kept in a file beside it, so the next start reads it back in a fraction of that.
//
//   people.claims.json  →  .people.claims.json.factcheck-index   (same folder; a dot file, not a claims file)
//
// The file is keyed by a hash of everything the part depends on: the cache and part formats, the versions of the
// analysis (this package's and wink-nlp's and its model's), and each claim's statement, quote and speaker names, in
// order. A file under another key is stale: it is ignored and rewritten after the next build. A file that cannot be
// read back whole (truncated, damaged, another format) is ignored with a log line; so is one whose part fails the
// core's own check (partMatches: sizes, numbers in range, and a sample of claims analysed again). It is written to a
// temporary file in the same folder and renamed over the old one, so a reader never sees half a file.
//
// Like the claims file it sits beside, it is confined: read and written only inside the root folder the claims file
// is confined to (after symlinks), only as a regular file (a symlink or FIFO in its place is not followed), and only
// up to a size limit. Databases under MIN_CACHED_CLAIMS claims index in well under a second and get no file.
import { createHash } from "node:crypto";
import { constants, promises as fsp } from "node:fs";
import * as path from "node:path";
import { buildIndexPartSync, INDEX_PART_FORMAT, type IndexPart, partMatches } from "../core/index-part.js";
import type { Nlp } from "../core/nlp.js";
import type { ClaimTermArrays } from "../core/claim-terms.js";
import type { Claim } from "../core/types.js";
import { isInside } from "./claims-disk.js";

/** Below this many claims a database is indexed from scratch each time (≈ 0.2 s at most) and no cache file is written. */
export const MIN_CACHED_CLAIMS = 2_000;
/** Largest cache file read. */
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;
const MAGIC = "FCIX";
/** The layout of the file below; a file of another is ignored (and rewritten). */
const CACHE_FORMAT = 1;
const ARRAYS: readonly (keyof ClaimTermArrays)[] = [
  "termStart",
  "term",
  "flags",
  "pos",
  "distance",
  "negatedBy",
  "surface",
  "pairStart",
  "pair",
];

/** What the server and the CLI need of an index cache. */
export interface IndexCache {
  /** The part stored beside `file` under `key`, or undefined (no file, another key, or a damaged one: logged). */
  read(file: string, root: string, key: string, pause?: () => Promise<void>): Promise<IndexPart | undefined>;
  /** Stores `part` beside `file` under `key`, atomically; failures are logged, never thrown. */
  write(file: string, root: string, key: string, part: IndexPart): Promise<void>;
}

/** The cache file of a claims file: a dot file beside it. */
export function indexCachePath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.factcheck-index`);
}

/**
 * What the analysis makes, now, of a few fixed sentences (negations, hedges, aliases, entities, dates, contractions):
 * a hash of their part. Part of every key, so a change to the analysis code or to wink's model (a new release, an
 * edited alias table) makes every cache file stale, beside the sample of each database's own claims that the core
 * analyses again (partMatches).
 */
export function analysisFingerprint(nlp: Nlp): string {
  const speaker = { id: "probe", name: "Anna Novak", role: "minister", aliases: ["Novak", "Minister Novak"] };
  const claims: Claim[] = FINGERPRINT_TEXTS.map((text, i) => ({
    id: `probe-${i}`,
    text,
    speaker,
    verb: "said",
    hedged: false,
    polarity: "positive",
    quoteKind: "direct",
    source: { title: "probe", section: "probe", quote: text, start: 0, end: text.length },
  }));
  return (
    createHash("sha256")
      // Unpadded: the bytes (and so every key) as before the header was padded, so existing cache files stay good.
      .update(encodeIndexPart("", buildIndexPartSync(claims, nlp), false))
      .digest("hex")
  );
}

const FINGERPRINT_TEXTS = [
  "Novak ruled out sending troops to Ukraine and said the U.S. would not pay for it.",
  "The minister could possibly raise fares by 12% next year, according to the Kremlin.",
  "Washington didnt reject the plan; NATO's allies won't back a deployment before March 2025.",
  "Ferry services between the islands are no longer subsidised, and the port authority lacks funds.",
  "Anna Novak stated that rents rose sharply while wages stagnated in the capital.",
];

/** sha256 of a text's UTF-8 bytes (as `createHash().update(text)` gives it), hashed a few MB at a time between pauses. */
export async function textDigest(text: string, pause?: () => Promise<void>): Promise<string> {
  const h = createHash("sha256");
  const SLICE = 4 * 1024 * 1024;
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + SLICE);
    // Never between the two halves of a surrogate pair: each half alone would hash as a replacement character.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    h.update(text.slice(i, end));
    i = end;
    if (pause && i < text.length) await pause();
  }
  return h.digest("hex");
}

/**
 * The key of these claims' part: a hash of the formats, the analysis fingerprint, and the sha256 of the claims file's
 * text they were loaded from when given (it determines them), else each claim's statement, quote, speaker name and
 * aliases in order (all a part depends on). Hashed in slices, awaiting `pause` between them.
 */
export async function indexPartKey(
  claims: readonly Claim[],
  fingerprint: string,
  pause?: () => Promise<void>,
  fileDigest?: string,
): Promise<string> {
  const h = createHash("sha256");
  h.update(JSON.stringify([MAGIC, CACHE_FORMAT, INDEX_PART_FORMAT, fingerprint, claims.length, fileDigest ?? null]));
  if (fileDigest !== undefined) return h.digest("hex");
  const SLICE = 5_000;
  for (let i = 0; i < claims.length; i += SLICE) {
    const parts: string[] = [];
    for (const c of claims.slice(i, i + SLICE)) parts.push(c.text, c.source.quote, c.speaker.name, ...(c.speaker.aliases ?? []), "\u0001");
    h.update(parts.join("\u0000"));
    if (pause) await pause();
  }
  return h.digest("hex");
}

/** The file's bytes: header length, header JSON, then the arrays (little-endian int32, then vocabPos as bytes). */
export function encodeIndexPart(key: string, part: IndexPart, pad = true): Buffer {
  const arrays = ARRAYS.map((n) => part.arrays[n]);
  const body = Buffer.concat([
    ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
    Buffer.from(part.vocabPos.buffer, part.vocabPos.byteOffset, part.vocabPos.byteLength),
  ]);
  const header = Buffer.from(
    JSON.stringify({
      key,
      format: part.format,
      claims: part.claims,
      terms: part.terms,
      texts: part.texts,
      surfaceWords: part.surfaceWords,
      surfaceLemmas: part.surfaceLemmas,
      lengths: arrays.map((a) => a.length),
      vocabPos: part.vocabPos.length,
      body: createHash("sha256").update(body).digest("hex"),
    }),
    "utf8",
  );
  // The header padded with spaces (which JSON.parse skips) to a multiple of 4 bytes, so that the body's arrays start
  // at offsets a reader can view in place (decodeSteps) instead of copying them out.
  const padded = pad ? Buffer.concat([header, Buffer.alloc((4 - ((12 + header.length) % 4)) % 4, " ")]) : header;
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(CACHE_FORMAT, 4);
  head.writeUInt32LE(padded.length, 8);
  return Buffer.concat([head, padded, body]);
}

/** Thrown when a cache file's bytes do not make a part (its message goes to the log). */
class DamagedCache extends Error {}

/** The key and part a cache file holds; throws DamagedCache when its bytes do not hold together. */
export function decodeIndexPart(bytes: Buffer): { key: string; part: IndexPart } {
  const steps = decodeSteps(bytes);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** decodeIndexPart, awaiting `pause` between its steps (hashing a slice of the body, copying one array). */
export async function decodeIndexPartAsync(bytes: Buffer, pause: () => Promise<void>): Promise<{ key: string; part: IndexPart }> {
  const steps = decodeSteps(bytes);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await pause();
  }
}

function* decodeSteps(bytes: Buffer): Generator<void, { key: string; part: IndexPart }> {
  if (bytes.length < 12 || bytes.toString("latin1", 0, 4) !== MAGIC) throw new DamagedCache("not an index cache file");
  if (bytes.readUInt32LE(4) !== CACHE_FORMAT) throw new DamagedCache(`cache format ${bytes.readUInt32LE(4)}, not ${CACHE_FORMAT}`);
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.length) throw new DamagedCache("truncated header");
  let h: {
    key: string;
    format: number;
    claims: number;
    terms: string[];
    texts: string[];
    surfaceWords: string[];
    surfaceLemmas: (string | null)[];
    lengths: number[];
    vocabPos: number;
    body: string;
  };
  try {
    h = JSON.parse(bytes.toString("utf8", 12, 12 + headerLength)) as typeof h;
  } catch {
    throw new DamagedCache("unreadable header");
  }
  const body = bytes.subarray(12 + headerLength);
  const expected = (h.lengths ?? []).reduce((n, l) => n + 4 * l, 0) + (h.vocabPos ?? 0);
  if (!Array.isArray(h.lengths) || h.lengths.length !== ARRAYS.length || body.length !== expected) throw new DamagedCache("truncated body");
  const hash = createHash("sha256");
  const SLICE = 4 * 1024 * 1024;
  for (let i = 0; i < body.length; i += SLICE) {
    hash.update(body.subarray(i, i + SLICE));
    yield;
  }
  if (hash.digest("hex") !== h.body) throw new DamagedCache("damaged body (checksum)");
  const arrays = {} as ClaimTermArrays;
  let at = 0;
  // Viewed in place where the body's offset allows it (files written since the header was padded, read into a buffer
  // of their own): a copy would hold the arrays twice while the file's bytes are alive. Copied out otherwise, and
  // when the bytes are a slice of a larger shared buffer, which views would keep alive.
  const inPlace = body.byteOffset % 4 === 0 && bytes.byteOffset === 0 && bytes.buffer.byteLength <= bytes.length + 4096;
  for (const [k, name] of ARRAYS.entries()) {
    const n = h.lengths[k];
    if (inPlace) arrays[name] = new Int32Array(body.buffer, body.byteOffset + at, n);
    else {
      const a = new Int32Array(n);
      Buffer.from(a.buffer).set(body.subarray(at, at + 4 * n));
      arrays[name] = a;
    }
    at += 4 * n;
    yield;
  }
  const vocabPos = inPlace
    ? new Uint8Array(body.buffer, body.byteOffset + at, h.vocabPos)
    : new Uint8Array(body.subarray(at, at + h.vocabPos));
  const strings = (xs: unknown): xs is string[] => Array.isArray(xs) && xs.every((x) => typeof x === "string");
  if (!strings(h.terms) || !strings(h.texts) || !strings(h.surfaceWords) || !Array.isArray(h.surfaceLemmas) || typeof h.key !== "string")
    throw new DamagedCache("malformed header");
  return {
    key: h.key,
    part: {
      format: h.format,
      claims: h.claims,
      terms: h.terms,
      texts: h.texts,
      arrays,
      vocabPos,
      surfaceWords: h.surfaceWords,
      surfaceLemmas: h.surfaceLemmas,
    },
  };
}

export interface IndexCacheLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The index cache on the real disk. */
export function diskIndexCache(log: IndexCacheLog): IndexCache {
  return {
    async read(file, root, key, pause) {
      const cache = indexCachePath(file);
      let bytes: Buffer | undefined;
      try {
        bytes = await readConfined(cache, root);
      } catch (e) {
        log.warn(`index cache ${cache} not read: ${(e as Error).message}`);
        return undefined;
      }
      if (!bytes) return undefined;
      try {
        const { key: stored, part } = pause ? await decodeIndexPartAsync(bytes, pause) : decodeIndexPart(bytes);
        if (stored !== key) {
          log.info(`index cache ${cache} is stale (the claims or the analysis changed): the database is indexed again`);
          return undefined;
        }
        return part;
      } catch (e) {
        if (!(e instanceof DamagedCache)) throw e;
        log.warn(`index cache ${cache} ignored: ${e.message}; the database is indexed again and the file rewritten`);
        return undefined;
      }
    },
    async write(file, root, key, part) {
      const cache = indexCachePath(file);
      const tmp = `${cache}.${process.pid}.${Date.now()}.tmp`;
      try {
        const dir = await fsp.realpath(path.dirname(cache));
        const realRoot = await fsp.realpath(root).catch(() => path.resolve(root));
        if (!isInside(root, cache) || !isInside(realRoot, path.join(dir, path.basename(cache)))) throw new Error(`outside ${root}`);
        const existing = await fsp.lstat(cache).catch(() => undefined);
        if (existing && !existing.isFile()) throw new Error("something other than a regular file is in its place");
        // wx: never through a file (or a link) already there.
        await fsp.writeFile(tmp, encodeIndexPart(key, part), { flag: "wx" });
        await fsp.rename(tmp, cache);
        log.info(`index cache written: ${cache} (${part.claims} claims)`);
      } catch (e) {
        await fsp.rm(tmp, { force: true }).catch(() => undefined);
        log.warn(`index cache ${cache} not written: ${(e as Error).message}`);
      }
    },
  };
}

/**
 * The cache file's bytes, or undefined when there is none. Refused (thrown) when it lies outside `root` as written or
 * after symlinks, is no regular file (a symlink is not followed), or is over the size limit.
 */
async function readConfined(cache: string, root: string): Promise<Buffer | undefined> {
  if (!isInside(path.resolve(root), cache)) throw new Error(`it is outside ${root}`);
  const st = await fsp.lstat(cache).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (!st) return undefined;
  if (!st.isFile()) throw new Error("it is not a regular file");
  const [real, realRoot] = await Promise.all([fsp.realpath(cache), fsp.realpath(root).catch(() => path.resolve(root))]);
  if (!isInside(realRoot, real)) throw new Error(`it resolves outside ${root}`);
  if (st.size > MAX_CACHE_BYTES) throw new Error("it is larger than the 1 GB limit");
  const handle = await fsp.open(cache, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== st.ino || opened.dev !== st.dev)
      throw new Error("the file was replaced while it was being opened");
    if (opened.size > MAX_CACHE_BYTES) throw new Error("it is larger than the 1 GB limit");
    const bytes = Buffer.alloc(opened.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A database as the cache sees it: its claims, and the file and root it was loaded from (none: never cached). */
export interface CachedDatabase {
  claims: readonly Claim[];
  file?: string;
  root?: string;
  /** The text the claims were loaded from, all of them (not a subset): hashed for the key instead of the claims. */
  text?: string;
  /** Or its sha256 (textDigest), when whoever loaded it has already hashed it. */
  textDigest?: string;
}

/**
 * Reading and writing the parts of a set of databases around one index build: `read` gives the parts to build from
 * (checked with the core's partMatches; a part that fails is logged and not used), `write` stores the parts built
 * for the large databases that had none.
 */
export class IndexParts {
  private fingerprint: string | undefined;

  constructor(
    private readonly cache: IndexCache,
    private readonly nlp: Nlp,
    private readonly log: IndexCacheLog,
    /** Smaller databases are analysed each time (MIN_CACHED_CLAIMS; tests lower it). */
    private readonly minClaims = MIN_CACHED_CLAIMS,
  ) {}

  async read(
    dbs: readonly CachedDatabase[],
    pause?: () => Promise<void>,
  ): Promise<{ parts: (IndexPart | undefined)[]; keys: (string | undefined)[] }> {
    const parts: (IndexPart | undefined)[] = [];
    const keys: (string | undefined)[] = [];
    for (const db of dbs) {
      if (!db.file || !db.root || db.claims.length < this.minClaims) {
        parts.push(undefined);
        keys.push(undefined);
        continue;
      }
      this.fingerprint ??= analysisFingerprint(this.nlp);
      const digest = db.textDigest ?? (db.text !== undefined ? await textDigest(db.text, pause) : undefined);
      const key = await indexPartKey(db.claims, this.fingerprint, pause, digest);
      keys.push(key);
      const part = await this.cache.read(db.file, db.root, key, pause);
      if (part && !partMatches(part, db.claims, this.nlp)) {
        this.log.warn(
          `index cache ${indexCachePath(db.file)} ignored: it does not hold what these claims give; the database is indexed again`,
        );
        parts.push(undefined);
      } else parts.push(part);
      if (pause) await pause();
    }
    return { parts, keys };
  }

  /** Writes the parts `built` (by database, as FactChecker.takeBuiltIndexParts gives them) that have a key. */
  async write(
    dbs: readonly CachedDatabase[],
    keys: readonly (string | undefined)[],
    built: readonly (IndexPart | undefined)[],
  ): Promise<void> {
    for (let i = 0; i < dbs.length; i++) {
      const { file, root } = dbs[i];
      const key = keys[i];
      const part = built[i];
      if (file && root && key && part) await this.cache.write(file, root, key, part);
    }
  }
}

// The index cache (node/index-cache.ts): a large database's index part, kept beside it, read back instead of
// analysing its claims again. An engine built from cached parts must be the engine built from scratch; a stale file
// (the claims changed) is rebuilt, a damaged or foreign one is ignored with a log line, and nothing is read or written
// outside the database's root folder or through a link.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { buildFactChecker, createFactChecker } from "../src/core/checker.js";
import { ClaimIndex } from "../src/core/claim-index.js";
import { buildIndexPartSync, partMatches } from "../src/core/index-part.js";
import { EMPTY_LEXICON } from "../src/core/lexicon/lexicon.js";
import type { LoadedClaimsDatabase } from "../src/core/claims/loader.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { decodeIndexPart, diskIndexCache, encodeIndexPart, indexCachePath, IndexParts } from "../src/node/index-cache.js";
import { createLexicon } from "../src/node/lexicon.js";
import { fixture, nlp } from "./helpers.js";

const lexicon = createLexicon();
const dir = mkdtempSync(join(tmpdir(), "factcheck-index-cache-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture databases, copied with their sources into a folder of their own (the root they are confined to). */
function workspace(name: string): { root: string; files: string[] } {
  const root = join(dir, name);
  mkdirSync(root);
  for (const f of readdirSync(fixture("core"))) if (f.endsWith(".txt")) copyFileSync(fixture("core", f), join(root, f));
  const files = ["harbor", "transit", "briefing", "factchecks"].map((n) => {
    copyFileSync(fixture("core", `${n}.claims.json`), join(root, `${n}.claims.json`));
    return join(root, `${n}.claims.json`);
  });
  return { root, files };
}

async function loaded(files: string[], root: string): Promise<LoadedClaimsDatabase[]> {
  return Promise.all(files.map((f) => readClaimsFile(f, { root })));
}

function logs(): { info: string[]; warn: string[]; log: { info(m: string): void; warn(m: string): void } } {
  const info: string[] = [];
  const warn: string[] = [];
  return { info, warn, log: { info: (m) => info.push(m), warn: (m) => warn.push(m) } };
}

/** A draft that restates, denies and misattributes claims of every database: each claim text, then variations. */
function draftOf(dbs: readonly LoadedClaimsDatabase[]): string {
  const texts = dbs.flatMap((d) => d.claims.map((c) => c.text));
  const varied = texts.map((t, i) =>
    i % 3 === 0
      ? t.replace(/ (would|will|could|can) /, " $1 not ")
      : i % 3 === 1
        ? `${dbs[0].claims[0].speaker.name} said ${t.toLowerCase()}`
        : t.replace(/\.$/, ", officials said."),
  );
  return [...texts, ...varied].join("\n\n");
}

test("a part survives the cache file's encoding byte for byte", async () => {
  const [db] = await loaded([fixture("core", "transit.claims.json")], fixture("core"));
  const part = buildIndexPartSync(db.claims, nlp);
  const { key, part: back } = decodeIndexPart(encodeIndexPart("k1", part));
  assert.equal(key, "k1");
  assert.deepEqual(back, part);
});

test("a cache file's arrays are read in place from a buffer of its own; an unpadded file's are copied out, the same", async () => {
  const [db] = await loaded([fixture("core", "transit.claims.json")], fixture("core"));
  const part = buildIndexPartSync(db.claims, nlp);
  const own = (b: Buffer) => {
    const copy = Buffer.alloc(b.length); // larger than none of the pool: an ArrayBuffer of its own, at offset 0
    b.copy(copy);
    return copy;
  };
  const padded = own(encodeIndexPart("k1", part));
  assert.equal((12 + padded.readUInt32LE(8)) % 4, 0, "the body starts at a multiple of 4");
  const read = decodeIndexPart(padded).part;
  assert.deepEqual(read, part);
  assert.equal(read.arrays.term.buffer, padded.buffer, "viewed in the file's bytes");
  const unpadded = own(encodeIndexPart("k1", part, false));
  const copied = decodeIndexPart(unpadded).part;
  assert.deepEqual(copied, part);
  if ((12 + unpadded.readUInt32LE(8)) % 4 !== 0) assert.notEqual(copied.arrays.term.buffer, unpadded.buffer, "copied out");
});

test("an engine built from cached parts gives the findings, candidates and search of one built from scratch", async () => {
  const { root, files } = workspace("same");
  const dbs = [await readBundledClaims(), ...(await loaded(files, root))];
  const cached = dbs.map((d, i) =>
    i === 0 ? { claims: d.claims } : { claims: d.claims, file: files[i - 1], root, text: readFileSync(files[i - 1], "utf8") },
  );
  const { info, warn, log } = logs();
  const parts = new IndexParts(diskIndexCache(log), nlp, log, 1);

  const first = await parts.read(cached);
  assert.deepEqual(first.parts, [undefined, undefined, undefined, undefined, undefined], "no cache files yet");
  const fresh = createFactChecker({ databases: dbs, lexicon, nlp });
  const built = (
    await buildFactChecker({ databases: dbs, lexicon, nlp, keepIndexParts: true }, async () => undefined)
  ).takeBuiltIndexParts();
  await parts.write(cached, first.keys, built);
  for (const f of files) assert.ok(existsSync(indexCachePath(f)), `written beside ${f}`);
  assert.equal(info.filter((m) => /index cache written/.test(m)).length, 4);

  const second = await parts.read(cached);
  assert.equal(second.parts.filter(Boolean).length, 4, "every workspace database from its file");
  assert.deepEqual(warn, []);
  const restored = createFactChecker({ databases: dbs, lexicon, nlp, indexParts: second.parts });
  const draft = draftOf(dbs.slice(1));
  const a = fresh.checkText(draft, "markdown");
  const b = restored.checkText(draft, "markdown");
  assert.ok(a.findings.length > 20, `enough findings to compare (${a.findings.length})`);
  assert.deepEqual(b.findings, a.findings);
  assert.deepEqual(
    restored.checkText(draft, "markdown", { candidates: 5 }).candidates,
    fresh.checkText(draft, "markdown", { candidates: 5 }).candidates,
  );
  for (const q of ["property taxes", "bridge spring", "ferry fares", "Baker library"])
    assert.deepEqual(restored.search.search(q), fresh.search.search(q), q);
});

test("an index merged from one part per database is the index over all their claims", async () => {
  const dbs = [
    await readBundledClaims(),
    ...(await loaded(
      ["harbor", "transit", "briefing", "factchecks"].map((n) => fixture("core", `${n}.claims.json`)),
      fixture("core"),
    )),
  ];
  const whole = new ClaimIndex(
    dbs.flatMap((d) => d.claims),
    EMPTY_LEXICON,
    nlp,
  );
  const merged = ClaimIndex.fromSources(
    dbs.map((d) => ({ claims: d.claims, part: buildIndexPartSync(d.claims, nlp) })),
    EMPTY_LEXICON,
    nlp,
  );
  assert.equal(merged.size, whole.size);
  merged.claims.forEach((c, id) => {
    assert.deepEqual([...c.terms], [...whole.claims[id].terms], c.claim.id);
    assert.equal(c.weight, whole.claims[id].weight, c.claim.id);
    assert.deepEqual(merged.pairsOf(id), whole.pairsOf(id));
  });
  for (const text of dbs.flatMap((d) => d.claims.map((c) => c.text))) {
    const terms = text
      .toLowerCase()
      .match(/\p{L}+/gu)!
      .map((w) => ({ term: merged.term(w), weight: 1 }));
    assert.deepEqual(merged.candidates(terms, 12), whole.candidates(terms, 12), text);
    assert.equal(merged.mayMatch(text), whole.mayMatch(text));
  }
});

test("a stale cache file is rebuilt; a damaged or foreign one is ignored with a log line", async () => {
  const { root, files } = workspace("stale");
  const file = files[0];
  const read = async (parts: IndexParts) => {
    const [db] = await loaded([file], root);
    return { db, ...(await parts.read([{ claims: db.claims, file, root, text: readFileSync(file, "utf8") }])) };
  };
  const { info, warn, log } = logs();
  const parts = new IndexParts(diskIndexCache(log), nlp, log, 1);
  const store = async () => {
    const r = await read(parts);
    await parts.write([{ claims: r.db.claims, file, root }], r.keys, [buildIndexPartSync(r.db.claims, nlp)]);
    return r;
  };
  await store();
  assert.ok((await read(parts)).parts[0], "read back");

  // The claims change: the file is stale, the database analysed again, and the file rewritten for the new claims.
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "The city would not raise property taxes next year.",
      "The city would raise property taxes next year.",
    ),
  );
  const stale = await store();
  assert.equal(stale.parts[0], undefined);
  assert.ok(
    info.some((m) => /is stale/.test(m)),
    info.join("\n"),
  );
  const again = await read(parts);
  assert.ok(again.parts[0] && partMatches(again.parts[0], again.db.claims, nlp), "rewritten for the new claims");

  // A damaged file: ignored, with a warning.
  const bytes = readFileSync(indexCachePath(file));
  bytes[bytes.length - 3] ^= 0xff;
  writeFileSync(indexCachePath(file), bytes);
  assert.equal((await read(parts)).parts[0], undefined);
  assert.ok(
    warn.some((m) => /ignored: damaged body/.test(m)),
    warn.join("\n"),
  );
  writeFileSync(indexCachePath(file), bytes.subarray(0, 40));
  assert.equal((await read(parts)).parts[0], undefined);
  assert.ok(
    warn.some((m) => /ignored: truncated/.test(m)),
    warn.join("\n"),
  );

  // A well-formed file under the right key holding another database's part: the core's check refuses it.
  const [other] = await loaded([files[1]], root);
  const key = (await read(parts)).keys[0]!;
  writeFileSync(indexCachePath(file), encodeIndexPart(key, buildIndexPartSync(other.claims, nlp)));
  assert.equal((await read(parts)).parts[0], undefined);
  assert.ok(
    warn.some((m) => /does not hold what these claims give/.test(m)),
    warn.join("\n"),
  );
});

test("the cache is read and written only inside the root, never through a link", async () => {
  const { root, files } = workspace("confined");
  const file = files[0];
  const [db] = await loaded([file], root);
  const part = buildIndexPartSync(db.claims, nlp);
  const { warn, log } = logs();
  const cache = diskIndexCache(log);
  // A root that does not hold the file: nothing written, nothing read.
  const elsewhere = join(dir, "elsewhere");
  mkdirSync(elsewhere);
  await cache.write(file, elsewhere, "k", part);
  assert.equal(existsSync(indexCachePath(file)), false);
  assert.ok(warn.some((m) => /not written: outside/.test(m)));
  await cache.write(file, root, "k", part);
  assert.ok(await cache.read(file, root, "k"));
  assert.equal(await cache.read(file, elsewhere, "k"), undefined);
  assert.ok(warn.some((m) => /not read: it is outside/.test(m)));

  // A link in the cache file's place, to a file outside the root: neither followed to read nor written through.
  const outside = join(elsewhere, "target");
  writeFileSync(outside, encodeIndexPart("k", part));
  rmSync(indexCachePath(file));
  symlinkSync(outside, indexCachePath(file));
  assert.equal(await cache.read(file, root, "k"), undefined);
  assert.ok(warn.some((m) => /not a regular file/.test(m)));
  await cache.write(file, root, "k2", part);
  assert.ok(warn.some((m) => /not written: something other than a regular file/.test(m)));
  assert.equal(decodeIndexPart(readFileSync(outside)).key, "k", "the link's target is untouched");
});

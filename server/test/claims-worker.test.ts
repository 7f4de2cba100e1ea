// Large claims files load in a worker thread (node/claims-worker.ts, load-worker.ts) and come back encoded
// (node/claims-codec.ts): the database must be the one loading in place gives — every claim, key for key and in
// the same key order, its speakers shared — and a file with errors must report the same errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { InputErrors } from "../src/core/types.js";
import type { LoadedClaimsDatabase } from "../src/core/claims/loader.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { CodecTables, decodeClaim, DecodedPlaces, encodeClaim } from "../src/node/claims-codec.js";
import { nodeClaimsWorker } from "../src/node/claims-worker.js";
import { BUNDLED_CLAIMS_PATH, CLAIMS_DIR } from "../src/node/install-paths.js";
import { fixture } from "./helpers.js";

const FILES = [
  fixture("core", "harbor.claims.json"),
  fixture("core", "factchecks.claims.json"),
  fixture("claimreview", "checkthat-like.claims.json"),
  fixture("claimreview", "datafeed.json"),
  fixture("claimreview", "graph.json"),
  fixture("claimreview", "reviews.csv"),
  fixture("claims", "valid.claims.json"),
];

/** The database as JSON with each speaker by its number, keys in their order: what must survive. */
function shape(db: LoadedClaimsDatabase): string {
  const n = new Map(db.speakers.map((s, i) => [s, i]));
  return JSON.stringify(db.claims, (k, v: unknown) =>
    (k === "speaker" || k === "claimant") && typeof v === "object" ? `#${n.get(v as never)}` : v,
  );
}

test("every claim survives the worker's encoding, key for key and in order", async () => {
  const dbs = [await readBundledClaims(), ...(await Promise.all(FILES.map((f) => readClaimsFile(f, { root: fixture() }))))];
  for (const db of dbs) {
    const number = new Map(db.speakers.map((s, i) => [s, i]));
    const tables = new CodecTables(db.speakers);
    const wire = JSON.parse(JSON.stringify(db.claims.map((c, i) => encodeClaim(c, i, number, tables)))) as Parameters<
      typeof decodeClaim
    >[0][];
    const places = new DecodedPlaces(wire.length);
    const back = { ...db, claims: wire.map((e, i) => decodeClaim(e, i, db.speakers, tables.strings, places)) };
    assert.equal(shape(back), shape(db), db.origin);
    assert.deepEqual(back.claims, db.claims, db.origin);
    back.claims.forEach((c) => assert.ok(db.speakers.includes(c.speaker), "speakers shared"));
  }
});

test("a claims file loaded in the worker is the database loaded in place, and its errors the same errors", async () => {
  const worker = nodeClaimsWorker(0);
  for (const file of [...FILES, BUNDLED_CLAIMS_PATH]) {
    const root = file === BUNDLED_CLAIMS_PATH ? CLAIMS_DIR : fixture();
    const here = await readClaimsFile(file, { root });
    const there = await worker.load({ file, root });
    assert.ok(there, `${file} loads in the worker`);
    assert.equal(shape(there.db), shape(here), file);
    assert.deepEqual(there.db.claims, here.claims);
    assert.deepEqual(there.db.speakers, here.speakers);
    assert.equal(there.db.title, here.title);
    assert.deepEqual(there.db.warnings, here.warnings);
    assert.match(there.digest, /^[0-9a-f]{64}$/);
  }
  for (const name of ["schema-errors", "semantic-errors", "syntax-error", "missing-source"]) {
    const file = fixture("claims", `${name}.claims.json`);
    const here = await readClaimsFile(file, { root: fixture() }).then(
      () => assert.fail("loads"),
      (e: unknown) => e as InputErrors,
    );
    const there = await worker.load({ file, root: fixture() }).then(
      () => assert.fail("loads in the worker"),
      (e: unknown) => e as InputErrors,
    );
    assert.ok(there instanceof InputErrors, name);
    assert.deepEqual(there.errors, here.errors, name);
  }
  // Outside the root: refused there as here.
  await assert.rejects(
    worker.load({ file: FILES[0], root: fixture("claims") }),
    (e: unknown) => e instanceof InputErrors && /must stay inside/.test(e.message),
  );
});

// Claims file format versions: today's files (version 1: the bundled database, every valid fixture, a database in
// the CheckThat! shape) load as they did — every field as written, each claim's id placed where the text has it,
// nothing of a review added; version 2 adds reviewed claims (a text, a url, a review, no source text); a review in
// a version-1 file, or an unknown version, is an error at its place. And the loader's fast path (JSON.parse, no
// position tree) places errors, duplicate keys and escaped keys exactly as the tree would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { getNodeValue } from "jsonc-parser";
import { nodeAtPointer, parseJson } from "../src/core/claims/json-tree.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { InputErrors, UNNAMED_CLAIMANT_ID } from "../src/core/types.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { fixture, ROOT } from "./helpers.js";

const TODAY = [
  path.join(ROOT, "claims", "european-led-security-guarantees.claims.json"),
  fixture("claims", "valid.claims.json"),
  fixture("claims", "no-source.claims.json"),
  fixture("core", "harbor.claims.json"),
  fixture("core", "briefing.claims.json"),
  fixture("core", "transit.claims.json"),
  fixture("server", "workspace", "town.claims.json"),
  fixture("server", "briefing", "briefing.claims.json"),
  fixture("server", "quotes", "briefing.claims.json"),
  fixture("workspace", "local.claims.json"),
  fixture("claimreview", "checkthat-like.claims.json"),
];

async function errorsOf(f: () => unknown): Promise<InputErrors["errors"]> {
  try {
    await f();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    throw e;
  }
  assert.fail("expected InputErrors");
}

describe("today's claims files (version 1) load unchanged", () => {
  for (const file of TODAY) {
    test(path.relative(ROOT, file), async () => {
      const text = readFileSync(file, "utf8");
      const raw = JSON.parse(text);
      const db = await readClaimsFile(file, { root: path.dirname(path.dirname(file)) });
      assert.equal(raw.version, 1);
      assert.equal(db.title, raw.title);
      assert.equal(db.claims.length, raw.claims.length);
      const { root } = parseJson(text);
      db.claims.forEach((c, i) => {
        const r = raw.claims[i];
        assert.equal(c.id, r.id);
        assert.equal(c.text, r.text);
        assert.equal(c.speaker.id, r.speaker);
        assert.equal(c.speaker.name, raw.speakers[r.speaker].name);
        assert.equal(c.verb, r.verb);
        assert.equal(c.source.section, r.section);
        assert.equal(c.source.quote, r.quote);
        assert.equal(c.hedged, r.hedged);
        assert.equal(c.polarity, r.polarity);
        assert.equal(c.quoteKind, r.quoteKind ?? "reported");
        if (r.start !== undefined) assert.deepEqual([c.source.start, c.source.end], [r.start, r.end]);
        for (const k of ["review", "claimant", "claimDate", "appearances"] as const) assert.equal(c[k], undefined, `${c.id}: no ${k}`);
        // Placed where jsonc-parser's tree places the id: the fast path's scan agrees with it.
        const node = nodeAtPointer(root!, `/claims/${i}/id`);
        assert.deepEqual([c.provenance?.definedIn.start, c.provenance?.definedIn.end], [node.offset, node.offset + node.length]);
      });
    });
  }

  test("the bundled database still loads through its own path", async () => {
    const db = await readBundledClaims();
    assert.equal(db.claims.length, 21);
  });
});

const reviewedDb = (version: number, claim: Record<string, unknown>) =>
  JSON.stringify(
    {
      version,
      title: "Reviewed",
      speakers: { dana: { name: "Dana Whitlock", role: "claimant" } },
      claims: [claim],
    },
    null,
    2,
  );

const REVIEW = {
  url: "https://lakesidefacts.example/r/1",
  publisher: { name: "Lakeside Fact Check", site: "lakesidefacts.example" },
  date: "2024-05-01",
  rating: { textualRating: "False", ratingValue: 1, bestRating: 5, worstRating: 1 },
};

describe("version 2: reviewed claims", () => {
  test("a claim that is a text, a url and a review loads with the review attached, and no source or offsets", () => {
    const db = parseClaimsDatabase(
      reviewedDb(2, {
        id: "r-1",
        text: "Ferry fares doubled.",
        speaker: "dana",
        url: "https://social.example/p/1",
        claimDate: "2024-04-28",
        review: REVIEW,
      }),
      "r.claims.json",
    );
    const [c] = db.claims;
    assert.deepEqual(c.review, REVIEW);
    assert.equal(c.claimant?.name, "Dana Whitlock");
    assert.deepEqual(c.appearances, ["https://social.example/p/1"]);
    assert.deepEqual([c.source.start, c.source.end, c.source.quote], [0, 0, "Ferry fares doubled."]);
    assert.equal(c.provenance?.quoteIn, undefined);
  });

  test("a reviewed claim needs neither speaker nor verb; its hedge and polarity come from its words", () => {
    const db = parseClaimsDatabase(reviewedDb(2, { id: "r-2", text: "The mayor may not run again.", review: REVIEW }), "r.claims.json");
    const [c] = db.claims;
    assert.equal(c.speaker.id, UNNAMED_CLAIMANT_ID);
    assert.equal(c.claimant, undefined);
    assert.equal(c.hedged, true);
    assert.equal(c.polarity, "negative");
    assert.ok(db.speakers.some((s) => s.id === UNNAMED_CLAIMANT_ID));
  });

  test("a review's url must be http(s); so must the claim's url and appearances", async () => {
    const errors = await errorsOf(() =>
      parseClaimsDatabase(
        reviewedDb(2, {
          id: "r-3",
          text: "x",
          url: "javascript:alert(1)",
          appearances: ["command:evil"],
          review: { ...REVIEW, url: "file:///etc/passwd" },
        }),
        "r.claims.json",
      ),
    );
    assert.deepEqual(
      errors.map((e) => [e.path, e.message]),
      [
        ["/claims/0/url", "must be an http:// or https:// URL without spaces"],
        ["/claims/0/appearances/0", "must be an http:// or https:// URL without spaces"],
        ["/claims/0/review/url", "must be an http:// or https:// URL without spaces"],
      ],
    );
  });

  test("a claim with neither a review nor a url is a claim of a source, with all its fields required", async () => {
    const errors = await errorsOf(() => parseClaimsDatabase(reviewedDb(2, { id: "r-4", text: "x" }), "r.claims.json"));
    assert.deepEqual(
      errors.map((e) => e.message),
      ['missing required properties "speaker", "verb", "section", "quote", "hedged", "polarity"'],
    );
  });

  test("a review in a version-1 file is an error at its key, naming the version it needs", async () => {
    const text = reviewedDb(1, { id: "r-5", text: "x", review: REVIEW });
    const errors = await errorsOf(() => parseClaimsDatabase(text, "r.claims.json"));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].message, '"review" belongs to reviewed claims, which need "version": 2 at the top of the file');
    assert.equal(text.slice(errors[0].offset, errors[0].offset + errors[0].length), '"review"');
  });

  test("an unknown version is an error at its value", async () => {
    const errors = await errorsOf(() => parseClaimsDatabase(reviewedDb(7, { id: "r-6", text: "x", review: REVIEW }), "r.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message, e.line, e.character]),
      [["/version", "unsupported version 7: this extension reads versions 1 and 2", 1, 13]],
    );
  });
});

describe("the fast path places what JSON.parse cannot see", () => {
  const base = JSON.parse(readFileSync(fixture("claims", "no-source.claims.json"), "utf8"));

  test("a duplicate key inside a claim is reported at the second key", async () => {
    const text = JSON.stringify(base, null, 2).replace('"verb":', '"text": "again",\n      "verb":');
    const errors = await errorsOf(() => parseClaimsDatabase(text, "d.claims.json"));
    const dup = errors.find((e) => e.message.startsWith('duplicate property "text"'));
    assert.ok(dup, errors.map((e) => e.message).join("; "));
    assert.equal(text.slice(dup.offset, dup.offset + dup.length), '"text"');
  });

  test("an id key written with escapes is still placed exactly (through the tree)", () => {
    const text = JSON.stringify(base, null, 2).replace('"id":', '"\\u0069d":');
    const db = parseClaimsDatabase(text, "e.claims.json");
    const { root } = parseJson(text);
    db.claims.forEach((c, i) => {
      const node = nodeAtPointer(root!, `/claims/${i}/id`);
      assert.equal(c.provenance?.definedIn.start, node.offset);
      assert.equal(getNodeValue(node), c.id);
    });
  });
});

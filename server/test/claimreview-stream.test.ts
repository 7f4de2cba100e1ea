// The streaming importer (core/claimreview/stream.ts) against the whole-document path (importFeedWhole): on every
// shape it streams, the same database (deep equal), the same warnings at the same line:column, the same errors
// when nothing can be read; on every shape it must not stream, it declines (undefined) and importFeed gives the
// whole path's answer. Fixtures: small invented feeds written here (.example sites), and test/fixtures/claimreview/.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { importFeed, importFeedWhole, streamJsonLd } from "../src/core/claimreview/import.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { InputErrors } from "../src/core/types.js";
import { fixture } from "./helpers.js";

/** What an import gives: its result, or the errors it throws. */
function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof InputErrors) return { errors: e.errors };
    throw e;
  }
}

const whole = (text: string, file = "feed.json") => outcome(() => importFeedWhole(text, file));
const streamed = (text: string, file = "feed.json") => outcome(() => streamJsonLd(text, file));

function review(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "@type": "ClaimReview",
    url: `https://checks.example/r/${i}`,
    claimReviewed: `The ferry ran ${i} times on "Sunday" \\ said the "mayor".`,
    datePublished: "2024-05-01",
    author: { "@type": "Organization", name: i % 2 ? "Harbor Checks" : "Valley Verify", url: "https://harbor.example" },
    itemReviewed: {
      "@type": "Claim",
      author: { "@type": "Person", name: `Dana Whitlock ${i % 3}` },
      firstAppearance: { "@type": "CreativeWork", url: `https://social.example/p/${i}` },
    },
    reviewRating: { "@type": "Rating", ratingValue: 1 + (i % 5), bestRating: 5, worstRating: 1, alternateName: "False" },
    ...extra,
  };
}

const noUrl = () => {
  const r = review(90);
  delete r.url;
  return r;
};

/**
 * A DataFeed long enough that its elements are parsed several hundred at a time (stream.ts, elements: a cut every
 * 256 KB or so), with a bad record, a repeated one and scalars deep inside; `claim` words each review's claim.
 */
function longFeed(claim: (i: number) => string, extra: (i: number) => unknown = () => undefined): string {
  const items: unknown[] = [];
  for (let i = 0; i < 2400; i++) {
    const more = extra(i);
    items.push(more !== undefined ? more : review(i, { claimReviewed: claim(i) }));
  }
  return JSON.stringify({ "@context": "https://schema.org", "@type": "DataFeed", name: "Long feed", dataFeedElement: items });
}
const deepProblems = (i: number) =>
  i === 1500 ? noUrl() : i === 1900 ? review(7, { claimReviewed: "The ferry ran 7 times." }) : i === 2000 ? 7 : undefined;

/** Feeds the streaming importer reads itself. */
const STREAMED: Record<string, string> = {
  "a long feed, parsed in slices of many records, with a bad, a repeated record and a scalar deep inside": longFeed(
    (i) => `The ferry ran ${i} times.`,
    deepProblems,
  ),
  'a long feed whose every claim holds "},", so that slices are cut inside strings': longFeed(
    (i) => `The ferry ran {"x": ${i}}, "times".`,
    deepProblems,
  ),
  "a DataFeed, reviews direct and in DataFeedItems, bad and repeated records, a nested feed": JSON.stringify(
    {
      "@context": "https://schema.org",
      "@type": "DataFeed",
      name: "Harbor feed",
      publisher: { "@type": "Organization", name: "Harbor Checks", review: review(70) },
      dataFeedElement: [
        review(1),
        { "@type": "DataFeedItem", item: review(2) },
        { "@type": "DataFeedItem", item: [review(3), noUrl()] },
        review(4, { url: "javascript:alert(1)" }),
        review(1),
        { "@type": "DataFeed", name: "Inner", dataFeedElement: [review(5)] },
        7,
        "text",
        null,
        review(6, { reviewRating: {} }),
      ],
      dateModified: "2024-06-01",
    },
    null,
    2,
  ),
  "a @graph with prefixed names and @id on nodes (no references)": JSON.stringify(
    {
      "@context": { schema: "https://schema.org/" },
      "@graph": [
        {
          "@id": "https://checks.example/r/10",
          "@type": "schema:ClaimReview",
          "schema:claimReviewed": "Rents fell.",
          "schema:author": { "schema:name": "Valley Verify" },
          "schema:reviewRating": { "schema:alternateName": "Mostly False" },
        },
        { "@id": "#c", "@type": "Claim", text: "Something" },
        review(11),
        noUrl(),
      ],
    },
    null,
    "\t",
  ),
  "a top-level array, CRLF and tabs between records, escapes inside records": `[\r\n\t${JSON.stringify(review(20))} ,\r\n${JSON.stringify(
    review(21),
  ).replace('"@type"', '"\\u0040type"')}\r\n,\t${JSON.stringify(noUrl())}\r\n ]\r\n`,
  "a DataFeed whose name comes after its elements, and a DataFeed inside an array element": JSON.stringify({
    "@context": "https://schema.org",
    "@type": ["DataFeed"],
    dataFeedElement: [review(30), [{ "@type": "DataFeed", name: "Nested name" }]],
    name: "Named late",
  }),
  "a @graph whose DataFeeds are nested (the first name becomes the title)": JSON.stringify({
    "@context": "https://schema.org",
    "@graph": [
      { "@type": "DataFeed", dataFeedElement: [review(40)] },
      { "@type": "DataFeed", name: "Second" },
      { "@type": "DataFeed", name: "Third" },
    ],
  }),
  "a feed with no readable record (the same errors)": JSON.stringify(
    { "@context": "https://schema.org", "@type": "DataFeed", dataFeedElement: [noUrl(), noUrl()] },
    null,
    1,
  ),
  "an empty dataFeedElement": `{"@context":"https://schema.org","@type":"DataFeed","dataFeedElement":[ ]}`,
};

/** Feeds it leaves to the whole-document path. */
const DECLINED: Record<string, string> = {
  "a long feed with a reference deep inside": longFeed(
    (i) => `Rents fell ${i} times.`,
    (i) => (i === 2100 ? { ...review(i), author: { "@id": "#org" } } : undefined),
  ),
  "a long feed with a record that does not parse deep inside": longFeed((i) => `Rents fell ${i} times.`).replace(
    '"url":"https://checks.example/r/1700"',
    '"url":"https://checks.example/r/1700",',
  ),
  "a reference to a node elsewhere": JSON.stringify({
    "@context": "https://schema.org",
    "@graph": [
      { "@id": "#org", "@type": "Organization", name: "Harbor Checks" },
      { ...review(50), author: { "@id": "#org" } },
    ],
  }),
  "a reference written with an escape": JSON.stringify({
    "@context": "https://schema.org",
    "@graph": [{ ...review(51), author: { "@id": "#org" } }],
  }).replace('{"@id"', '{"\\u0040id"'),
  "an escape in a top-level key": `{"@context":"https://schema.org","\\u0040graph":[${JSON.stringify(review(52))}]}`,
  "a repeated top-level key": `{"@context":"https://schema.org","@graph":[${JSON.stringify(review(53))}],"@graph":[${JSON.stringify(review(54))}]}`,
  "an integer-like top-level key": `{"@context":"https://schema.org","1":{"x":1},"@graph":[${JSON.stringify(review(55))}]}`,
  "a claims key (a claims:search response)": JSON.stringify({
    claims: [{ text: "x", claimReview: [{ url: "https://checks.example/a", publisher: { name: "A" }, textualRating: "False" }] }],
  }),
  "a single ClaimReview at the top": JSON.stringify({ "@context": "https://schema.org", ...review(56) }),
  "a ClaimReview at the top whose type comes last": JSON.stringify({
    "@context": "https://schema.org",
    ...review(57),
    "@type": "ClaimReview",
  }),
  "a record that does not parse": `{"@context":"https://schema.org","@graph":[${JSON.stringify(review(58))},{"@type":"ClaimReview",}]}`,
  "text after the value": `[${JSON.stringify(review(59))}] x`,
  "a missing comma between records": `[${JSON.stringify(review(60))} ${JSON.stringify(review(61))}]`,
  "a byte order mark": `\ufeff[${JSON.stringify(review(62))}]`,
  "an array of no JSON-LD": `[{"a":1},{"b":2}]`,
  "an object of no JSON-LD": `{"version":2,"title":"x","speakers":{},"claims":[]}`,
  "an array value before any JSON-LD key": `{"dataFeedElement":[${JSON.stringify(review(63))}],"@type":"DataFeed"}`,
  "a source key": `{"@context":"https://schema.org","source":{"file":"x.txt"},"@graph":[${JSON.stringify(review(64))}]}`,
  "an unterminated string": `{"@context":"https://schema.org","@graph":[{"@type":"ClaimReview","url":"https://checks.example/x}]}`,
  "empty text": "",
  "a scalar": "42",
};

describe("streaming import", () => {
  for (const [name, text] of Object.entries(STREAMED)) {
    test(`streams ${name}, exactly as the whole document reads`, () => {
      const s = streamed(text);
      assert.notDeepEqual(s, { ok: undefined }, "expected the streaming importer to read it");
      assert.deepEqual(s, whole(text));
    });
  }

  test("the fixtures show what streaming must keep: warnings, repeats, titles", () => {
    const r = streamJsonLd(
      STREAMED["a DataFeed, reviews direct and in DataFeedItems, bad and repeated records, a nested feed"],
      "feed.json",
    )!;
    assert.equal(r.database.title, "Harbor feed");
    assert.equal(r.database.claims.length, 5);
    assert.deepEqual(
      r.warnings.map((w) => [w.line + 1, w.character + 1, w.path, w.message.split(" ").slice(0, 3).join(" ")]),
      [
        [132, 9, "/dataFeedElement/2/item/1", "this ClaimReview has"],
        [162, 5, "/dataFeedElement/3", "this ClaimReview's url"],
        [191, 5, "/dataFeedElement/4", "repeats the record"],
        [258, 5, "/dataFeedElement/9", "this ClaimReview has"],
      ],
    );
    assert.equal(
      streamJsonLd(STREAMED["a DataFeed whose name comes after its elements, and a DataFeed inside an array element"], "f.json")!.database
        .title,
      "Named late",
    );
    assert.equal(
      streamJsonLd(STREAMED["a @graph whose DataFeeds are nested (the first name becomes the title)"], "f.json")!.database.title,
      "Second",
    );
  });

  for (const [name, text] of Object.entries(DECLINED)) {
    test(`leaves ${name} to the whole document, and importFeed still answers as it does`, () => {
      assert.deepEqual(streamed(text), { ok: undefined });
      assert.deepEqual(
        outcome(() => importFeed(text, "feed.json")),
        whole(text),
      );
    });
  }

  test("the repository's feed fixtures import the same either way", () => {
    const dir = fixture("claimreview");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    let streamedCount = 0;
    for (const f of files) {
      const text = readFileSync(`${dir}/${f}`, "utf8");
      const s = streamed(text, f);
      if ((s as { ok?: unknown }).ok !== undefined || "errors" in (s as object)) {
        streamedCount++;
        assert.deepEqual(s, whole(text, f), f);
      }
      assert.deepEqual(
        outcome(() => importFeed(text, f)),
        whole(text, f),
        f,
      );
    }
    assert.ok(streamedCount >= 2, `only ${streamedCount} fixtures streamed`);
  });

  test("the claims loader reads a streamed feed as the database the whole document imports to", () => {
    const text = STREAMED["a DataFeed, reviews direct and in DataFeedItems, bad and repeated records, a nested feed"];
    const db = parseClaimsDatabase(text, "feed.claimreview.json");
    const w = importFeedWhole(text, "feed.claimreview.json");
    assert.deepEqual(
      db.claims.map((c) => [c.id, c.text, c.review]),
      w.database.claims.map((c) => [c.id, c.text, c.review]),
    );
    assert.deepEqual(db.warnings, w.warnings);
  });
});

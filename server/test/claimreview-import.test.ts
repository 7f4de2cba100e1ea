// Fact-check feeds in: each format (ClaimReview JSON-LD as one object, an array, a @graph with references and
// prefixed names, a DataFeed; the Fact Check Tools claims:search response; CSV), what each record keeps, bad records
// reported at their exact place and skipped while the rest load, ratings normalised, and a feed loaded directly by
// the claims loader. Fixtures: test/fixtures/claimreview/ (invented fact-checks, .example sites).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { importFeed } from "../src/core/claimreview/import.js";
import { ratingClassOf } from "../src/core/claimreview/rating.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { formatInputError, InputErrors, UNNAMED_CLAIMANT_ID } from "../src/core/types.js";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { fixture } from "./helpers.js";

const read = (name: string) => readFileSync(fixture("claimreview", name), "utf8");
const imp = (name: string) => importFeed(read(name), name);

/** The 1-based line:column a problem names, and its message. */
const places = (r: ReturnType<typeof imp>) => r.warnings.map((w) => `${w.line + 1}:${w.character + 1} ${w.message}`);

describe("ClaimReview JSON-LD", () => {
  test("a single ClaimReview keeps claim, claimant, dates, appearances (http only), reviewer, url, rating and language", () => {
    const r = imp("single.claimreview.json");
    assert.equal(r.format, "jsonld");
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.database.speakers, { "dana-whitlock": { name: "Dana Whitlock", role: "claimant" } });
    assert.equal(r.database.version, 2);
    assert.deepEqual(r.database.claims, [
      {
        id: r.database.claims[0].id,
        text: "The harbor council voted to double ferry fares last spring.",
        speaker: "dana-whitlock",
        url: "https://social.example/dana/post/1",
        // "javascript:alert(1)" is not kept: only http(s) links survive.
        appearances: ["https://news.example/letters/ferry"],
        claimDate: "2024-04-28",
        review: {
          url: "https://lakesidefacts.example/2024/05/ferry-fares",
          publisher: { name: "Lakeside Fact Check", site: "lakesidefacts.example" },
          rating: { textualRating: "False", ratingValue: 1, bestRating: 5, worstRating: 1 },
          date: "2024-05-01",
          headline: "No, the harbor council did not double ferry fares",
          language: "en",
        },
      },
    ]);
    assert.match(r.database.claims[0].id, /^lakeside-fact-check-the-harbor-council-voted-to-[a-z0-9]{6}$/);
  });

  test("ids are stable: the same feed imports to the same ids", () => {
    assert.deepEqual(
      imp("single.claimreview.json").database.claims.map((c) => c.id),
      importFeed(read("single.claimreview.json"), "elsewhere.json").database.claims.map((c) => c.id),
    );
  });

  test("an array of ClaimReviews: @type as an array, @value strings with @language, publisher instead of author, an organisation as claimant", () => {
    const r = imp("array.json");
    assert.deepEqual(
      r.database.claims.map((c) => [c.text, c.review?.publisher, c.review?.rating, c.review?.date, c.review?.language, c.speaker]),
      [
        [
          "Bridge tolls paid for the new stadium.",
          { name: "Lakeside Fact Check" },
          { textualRating: "Mostly False" },
          "2024-06-10",
          undefined,
          undefined,
        ],
        [
          "The central library now opens on Sundays.",
          { name: "City Check", site: "www.citycheck.example" },
          { textualRating: "True" },
          "2024-07-02T09:30:00Z",
          "en",
          "friends-of-the-library",
        ],
      ],
    );
    assert.deepEqual(r.database.speakers["friends-of-the-library"], { name: "Friends of the Library", role: "claimant (organization)" });
  });

  test("a @graph with schema: prefixes, full IRIs, string numbers and an itemReviewed given by @id", () => {
    const r = imp("graph.json");
    const [c] = r.database.claims;
    assert.equal(c.speaker, "omar-castellanos");
    assert.equal(c.url, "https://radio.example/episodes/42");
    assert.deepEqual(c.review?.rating, { textualRating: "Half True", ratingValue: 3, bestRating: 5, worstRating: 1 });
  });

  test("a DataFeed: its name is the title; bad records are reported at their line and column and skipped, the rest load", () => {
    const r = imp("datafeed.json");
    assert.equal(r.database.title, "Lakeside Fact Check feed");
    assert.deepEqual(
      r.database.claims.map((c) => c.text),
      ["Water rates rose 40 percent in one year."],
    );
    assert.deepEqual(places(r), [
      "22:15 this ClaimReview has no url (the review article): skipped",
      '31:15 this ClaimReview\'s url must be an http:// or https:// URL; found "javascript:alert(document.cookie)": skipped',
      "41:15 this ClaimReview has no reviewRating with a textualRating, alternateName, name or ratingValue: skipped",
    ]);
    // The place is the record's opening brace, and the pointer names it.
    const lines = read("datafeed.json").split("\n");
    assert.equal(lines[21][14], "{");
    assert.deepEqual(
      r.warnings.map((w) => w.path),
      ["/dataFeedElement/1/item", "/dataFeedElement/2/item", "/dataFeedElement/3/item"],
    );
    assert.equal(formatInputError(r.warnings[0]).split(":").slice(0, 3).join(":"), "datafeed.json:22:15");
  });

  test("text that is not JSON is an error at its place; JSON that is no feed says what a feed is", () => {
    assert.throws(
      () => importFeed('{\n  "@type": "ClaimReview",\n  "url": \n}', "bad.json"),
      (e: unknown) => e instanceof InputErrors && formatInputError(e.errors[0]) === "bad.json:4:1: syntax error: expected value",
    );
    assert.throws(() => importFeed('{"hello": 1}', "x.json"), /not a fact-check feed/);
    assert.throws(() => importFeed('{"@type": "ClaimReview", "claimReviewed": "x"}', "x.json"), /no fact-check could be read/);
  });
});

describe("Fact Check Tools claims:search response", () => {
  test("one record per review; claimant, claim date, title, language; records without text or reviewer are reported at their place", () => {
    const r = imp("api.json");
    assert.equal(r.format, "api");
    assert.deepEqual(
      r.database.claims.map((c) => [c.speaker, c.claimDate, c.review?.publisher, c.review?.rating, c.review?.headline, c.review?.language]),
      [
        [
          "dana-whitlock",
          "2024-04-28T00:00:00Z",
          { name: "Lakeside Fact Check", site: "lakesidefacts.example" },
          { textualRating: "False" },
          "No, the harbor council did not double ferry fares",
          "en",
        ],
        [
          "dana-whitlock",
          "2024-04-28T00:00:00Z",
          { name: "City Check", site: "citycheck.example" },
          { textualRating: "Pants on Fire!" },
          undefined,
          "en",
        ],
      ],
    );
    assert.notEqual(r.database.claims[0].id, r.database.claims[1].id, "two reviews of one claim are two claims");
    assert.deepEqual(places(r), ['25:5 this claim has no "text": skipped', '28:23 this review has no "publisher" name or site: skipped']);
  });
});

describe("CSV with a header row", () => {
  test("columns by name in any case and spelling; quoted commas and line breaks; rows reported by line and skipped", () => {
    const r = imp("reviews.csv");
    assert.equal(r.format, "csv");
    assert.deepEqual(
      r.database.claims.map((c) => [c.text, c.speaker, c.url, c.review?.rating, c.review?.publisher]),
      [
        [
          "The ferry terminal will be sold, the mayor said.",
          "dana-whitlock",
          "https://social.example/dana/post/7",
          { textualRating: "Mostly False", ratingValue: 2, bestRating: 5, worstRating: 1 },
          { name: "Lakeside Fact Check", site: "lakesidefacts.example" },
        ],
        ["Bus fares are free on weekends.", undefined, undefined, { textualRating: "True" }, { name: "City Check" }],
        [
          "A claim with a line break\r\ninside its quoted field.",
          "omar-castellanos",
          undefined,
          { textualRating: "Mixture" },
          { name: "City Check" },
        ],
      ],
    );
    assert.deepEqual(places(r), [
      '1:1 unknown columns ignored: "Notes"',
      "7:1 cannot read this row: Invalid Record Length: columns length is 15, got 3 on line 7: skipped",
      '8:1 this row has no "reviewUrl": skipped',
      '9:1 ratingValue must be a number; found "five": skipped',
    ]);
  });

  test("a header without the needed columns loads nothing, and says which are missing", () => {
    assert.throws(
      () => importFeed("claim,rating\nx,False\n", "few.csv"),
      (e: unknown) =>
        e instanceof InputErrors &&
        e.errors.some((x) => x.line === 0 && /the header row has no column "reviewUrl", "publisher"/.test(x.message)),
    );
  });
});

describe("ratings normalised", () => {
  const cases: [Parameters<typeof ratingClassOf>[0], string][] = [
    [{ textualRating: "False" }, "false"],
    [{ textualRating: "Pants on Fire!" }, "false"],
    [{ textualRating: "Four Pinocchios" }, "false"],
    [{ textualRating: "Not true" }, "false"],
    [{ textualRating: "Mostly False" }, "mostlyFalse"],
    [{ textualRating: "Missing context" }, "misleading"],
    [{ textualRating: "Half True" }, "mixed"],
    [{ textualRating: "Mixture" }, "mixed"],
    [{ textualRating: "Mostly True" }, "mostlyTrue"],
    [{ textualRating: "Correct" }, "true"],
    [{ textualRating: "Incorrect" }, "false"],
    [{ textualRating: "Satire" }, "unrated"],
    [{ ratingValue: 1, bestRating: 5, worstRating: 1 }, "false"],
    [{ ratingValue: 3 }, "mixed"],
    [{ ratingValue: 5 }, "true"],
    [{ ratingValue: 9, bestRating: 5 }, "unrated"],
    [{ textualRating: "Unproven", ratingValue: 1 }, "false"],
    [{}, "unrated"],
  ];
  for (const [rating, expected] of cases)
    test(`${JSON.stringify(rating)} → ${expected}`, () => assert.equal(ratingClassOf(rating), expected));
});

describe("a feed loaded directly as a claims database", () => {
  test("the loader reads JSON-LD and CSV feeds as import would, with reviewed claims and skipped records as warnings", async () => {
    const db = await readClaimsFile(fixture("claimreview", "datafeed.json"));
    assert.equal(db.title, "Lakeside Fact Check feed");
    assert.equal(db.claims.length, 1);
    const [c] = db.claims;
    assert.equal(c.review?.rating.textualRating, "Misleading");
    assert.equal(c.claimant?.name, "Dana Whitlock");
    assert.equal(c.speaker, c.claimant);
    assert.equal(c.provenance, undefined, "a feed's claim has no id in its file");
    assert.deepEqual(
      db.warnings?.map((w) => w.line + 1),
      [22, 31, 41],
    );
    // A JSON-LD array (not an object at the top) is a feed too.
    assert.equal((await readClaimsFile(fixture("claimreview", "array.json"))).claims.length, 2);
    const csv = await readClaimsFile(fixture("claimreview", "reviews.csv"));
    assert.equal(csv.claims.length, 3);
    assert.equal(csv.claims[1].speaker.id, UNNAMED_CLAIMANT_ID, "a review that names no claimant gets the placeholder speaker");
    assert.equal(csv.claims[1].claimant, undefined);
  });

  test("an imported database written out loads through the normal claims-file path with every field", () => {
    const r = imp("single.claimreview.json");
    const text = JSON.stringify(r.database, null, 2);
    const db = parseClaimsDatabase(text, "single.claims.json");
    const [c] = db.claims;
    assert.equal(c.text, r.database.claims[0].text);
    assert.deepEqual(c.review, r.database.claims[0].review);
    assert.deepEqual(c.appearances, ["https://social.example/dana/post/1", "https://news.example/letters/ferry"]);
    assert.equal(c.claimDate, "2024-04-28");
    assert.equal(c.quoteKind, "reported", "a reviewer's wording is never the claimant's quotation");
    assert.equal(c.source.quote, c.text);
    assert.equal(c.verb, "claimed");
    assert.equal(c.hedged, false);
    assert.equal(c.polarity, "positive");
    // The claim's id is placed in the written file.
    assert.equal(text.slice(c.provenance!.definedIn.start, c.provenance!.definedIn.end), JSON.stringify(c.id));
  });
});

describe("ids and shared values of a feed's records", () => {
  const review = (claim: string, url: string, rating: Record<string, unknown>) => ({
    "@type": "ClaimReview",
    url,
    claimReviewed: claim,
    author: { "@type": "Organization", name: "Lakeside Fact Check", url: "https://lakesidefacts.example" },
    reviewRating: { "@type": "Rating", ...rating },
  });
  const url = "https://lakeside.example/fact-check/ferry";
  // Two claims whose hash with this url has the same six digits ("tcvyda"), found by trying numbers: their ids
  // would be the same but for the suffix.
  const a = "The harbor council voted to raise ferry fares by 235153 cents.";
  const b = "The harbor council voted to raise ferry fares by 529908 cents.";
  const feed = (items: unknown[]) => JSON.stringify({ "@context": "https://schema.org", "@type": "DataFeed", dataFeedElement: items });

  test("two records whose ids would be the same get a numbered suffix; a repeat among them is still found", () => {
    const text = feed([review(a, url, { ratingValue: 1 }), review(b, url, { ratingValue: 1 }), review(a, url, { ratingValue: 2 })]);
    const r = importFeed(text, "f.json");
    const third = text.indexOf('{"@type":"ClaimReview"', text.indexOf(b));
    assert.deepEqual(
      r.database.claims.map((c) => c.id),
      ["lakeside-fact-check-the-harbor-council-voted-to-tcvyda", "lakeside-fact-check-the-harbor-council-voted-to-tcvyda-2"],
    );
    assert.deepEqual(places(r), [`1:${third + 1} repeats the record at /dataFeedElement/0 (same review url and claim): skipped`]);
  });

  test("records with the same reviewer and rating share one object of each; a different rating (-0 too) has its own", () => {
    const r = importFeed(
      feed([
        review("One.", "https://x.example/1", { ratingValue: 0, textualRating: "False" }),
        review("Two.", "https://x.example/2", { ratingValue: 0, textualRating: "False" }),
        // "-0" in a string: a JSON number -0 is read as 0.
        review("Three.", "https://x.example/3", { ratingValue: "-0", textualRating: "False" }),
        review("Four.", "https://x.example/4", { ratingValue: 0, textualRating: "True" }),
      ]),
      "f.json",
    );
    const [one, two, three, four] = r.database.claims.map((c) => c.review!);
    assert.equal(one.rating, two.rating);
    assert.notEqual(one.rating, four.rating);
    assert.deepEqual(four.rating, { textualRating: "True", ratingValue: 0 });
    assert.equal(one.publisher, four.publisher);
    assert.deepEqual(one.publisher, { name: "Lakeside Fact Check", site: "lakesidefacts.example" });
    assert.ok(Object.is(three.rating.ratingValue, -0) && Object.is(one.rating.ratingValue, 0));
  });
});

// Claims databases out as schema.org JSON-LD: every node's properties are ones schema.org defines for its type
// (or a type it inherits from), each value of an expected type (the table below is from schema.org's pages for
// DataFeed, ClaimReview, Claim, Rating, Organization, Person, CreativeWork and Quotation); a feed survives
// import → export → import field for field; a database of a source's claims exports as Claims with their
// speaker and the source's words, and never with a rating nobody gave.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { exportClaimReview } from "../src/core/claimreview/export.js";
import { importFeed } from "../src/core/claimreview/import.js";
import { mergeDatabases } from "../src/core/claimreview/to-database.js";
import { parseClaimsDatabase } from "../src/core/claims/loader.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { fixture } from "./helpers.js";

type Expected = "Text" | "URL" | "Number" | "Date" | string;

/** schema.org: the properties of each type this export writes (own and inherited), with their expected types. */
const THING: Record<string, Expected[]> = {
  name: ["Text"],
  alternateName: ["Text"],
  url: ["URL"],
  identifier: ["Text", "URL", "PropertyValue"],
  description: ["Text"],
  sameAs: ["URL"],
};
const CREATIVE_WORK: Record<string, Expected[]> = {
  ...THING,
  author: ["Organization", "Person"],
  creator: ["Organization", "Person"],
  datePublished: ["Date"],
  headline: ["Text"],
  inLanguage: ["Language", "Text"],
  isPartOf: ["CreativeWork", "URL"],
  text: ["Text"],
};
const SHAPES: Record<string, { parent?: string; props: Record<string, Expected[]> }> = {
  Thing: { props: THING },
  CreativeWork: { parent: "Thing", props: CREATIVE_WORK },
  Dataset: { parent: "CreativeWork", props: CREATIVE_WORK },
  DataFeed: { parent: "Dataset", props: { ...CREATIVE_WORK, dataFeedElement: ["DataFeedItem", "Text", "Thing"] } },
  Review: { parent: "CreativeWork", props: { ...CREATIVE_WORK, itemReviewed: ["Thing"], reviewRating: ["Rating"] } },
  ClaimReview: {
    parent: "Review",
    props: { ...CREATIVE_WORK, itemReviewed: ["Thing"], reviewRating: ["Rating"], claimReviewed: ["Text"] },
  },
  Claim: {
    parent: "CreativeWork",
    props: {
      ...CREATIVE_WORK,
      appearance: ["CreativeWork"],
      firstAppearance: ["CreativeWork"],
      claimInterpreter: ["Organization", "Person"],
    },
  },
  Quotation: { parent: "CreativeWork", props: { ...CREATIVE_WORK, spokenByCharacter: ["Organization", "Person"] } },
  Intangible: { parent: "Thing", props: THING },
  Rating: {
    parent: "Intangible",
    props: {
      ...THING,
      author: ["Organization", "Person"],
      bestRating: ["Number", "Text"],
      ratingValue: ["Number", "Text"],
      worstRating: ["Number", "Text"],
      ratingExplanation: ["Text"],
    },
  },
  Organization: { parent: "Thing", props: THING },
  Person: { parent: "Thing", props: { ...THING, jobTitle: ["Text", "DefinedTerm"] } },
};

function isA(type: string, expected: string): boolean {
  for (let t: string | undefined = type; t; t = SHAPES[t]?.parent) if (t === expected) return true;
  return false;
}

/** Every problem with a JSON-LD node against the shapes above, as "path: problem". */
function shapeProblems(node: unknown, at = ""): string[] {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return [`${at}: expected a node`];
  const n = node as Record<string, unknown>;
  const type = n["@type"];
  if (typeof type !== "string" || !SHAPES[type]) return [`${at}: unknown @type ${JSON.stringify(type)}`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(n)) {
    if (key === "@type" || key === "@context") continue;
    const expected = SHAPES[type].props[key];
    if (!expected) {
      problems.push(`${at}/${key}: not a property of ${type}`);
      continue;
    }
    for (const [i, v] of (Array.isArray(value) ? value : [value]).entries()) {
      const where = `${at}/${key}${Array.isArray(value) ? `/${i}` : ""}`;
      if (typeof v === "object" && v !== null) {
        const t = (v as { "@type"?: unknown })["@type"];
        if (typeof t !== "string" || !expected.some((e) => isA(t, e)))
          problems.push(`${where}: a ${String(t)} where ${expected.join(" or ")} is expected`);
        else problems.push(...shapeProblems(v, where));
      } else {
        const ok =
          (typeof v === "number" && expected.includes("Number")) ||
          (typeof v === "string" &&
            ((expected.includes("URL") && /^https?:\/\/\S+$/.test(v)) ||
              (expected.includes("Date") && /^\d{4}-\d{2}-\d{2}/.test(v)) ||
              expected.includes("Text") ||
              expected.includes("Language")));
        if (!ok) problems.push(`${where}: ${JSON.stringify(v)} is not a ${expected.join(" or ")}`);
      }
    }
  }
  return problems;
}

const FEEDS = ["single.claimreview.json", "array.json", "graph.json", "datafeed.json", "api.json", "reviews.csv"];
const imp = (name: string) => importFeed(readFileSync(fixture("claimreview", name), "utf8"), name).database;

describe("export --format claimreview", () => {
  test("the shape check itself refuses what schema.org does not define", () => {
    assert.deepEqual(shapeProblems({ "@type": "Rating", textualRating: "False" }), ["/textualRating: not a property of Rating"]);
    assert.deepEqual(shapeProblems({ "@type": "Claim", appearance: { "@type": "Rating" } }), [
      "/appearance: a Rating where CreativeWork is expected",
    ]);
  });

  for (const name of FEEDS) {
    test(`${name}: import → export validates against schema.org's shapes, and imports back to the same database`, () => {
      const first = imp(name);
      const loaded = parseClaimsDatabase(JSON.stringify(first), `${name}.claims.json`);
      const out = exportClaimReview([loaded]);
      assert.deepEqual(shapeProblems(out), []);
      assert.equal(out["@context"], "https://schema.org");
      const again = importFeed(JSON.stringify(out, null, 2), "exported.json").database;
      assert.deepEqual(again, first);
    });
  }

  test("every fixture merged into one database round-trips too, speakers shared", () => {
    const merged = mergeDatabases(FEEDS.map(imp), "All fact checks").database;
    const out = exportClaimReview([parseClaimsDatabase(JSON.stringify(merged), "all.claims.json")]);
    assert.deepEqual(shapeProblems(out), []);
    assert.deepEqual(importFeed(JSON.stringify(out), "all.json").database, merged);
  });

  test("the rating: schema.org has no textualRating, so the reviewer's words are its name and alternateName", () => {
    const out = exportClaimReview([parseClaimsDatabase(JSON.stringify(imp("single.claimreview.json")), "s.claims.json")]);
    const [review] = out.dataFeedElement as Record<string, Record<string, unknown>>[];
    assert.deepEqual(review.reviewRating, {
      "@type": "Rating",
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
      name: "False",
      alternateName: "False",
    });
    assert.deepEqual(review.author, { "@type": "Organization", name: "Lakeside Fact Check", url: "https://lakesidefacts.example" });
  });

  test("a source's database (the bundled article) exports as Claims with speaker and the source's words, with no rating", async () => {
    const db = await readBundledClaims();
    const out = exportClaimReview([db]);
    assert.deepEqual(shapeProblems(out), []);
    const elements = out.dataFeedElement as Record<string, unknown>[];
    assert.equal(elements.length, db.claims.length);
    assert.doesNotMatch(JSON.stringify(out), /Rating|ClaimReview/, "nobody rated these claims");
    elements.forEach((e, i) => {
      const c = db.claims[i];
      assert.equal(e["@type"], "Claim");
      assert.equal(e.identifier, c.id);
      assert.equal(e.text, c.text);
      assert.deepEqual(e.author, { "@type": "Person", name: c.speaker.name, jobTitle: c.speaker.role });
      const quotation = e.appearance as Record<string, unknown>;
      assert.equal(quotation["@type"], "Quotation");
      assert.equal(quotation.text, c.source.quote, "the verbatim quote");
      assert.equal(quotation.creator, undefined, "a paraphrase is the source's words, not the speaker's");
      assert.deepEqual(quotation.isPartOf, { "@type": "CreativeWork", name: "European-Led Security Guarantees" });
    });
  });

  test("a direct quote's Quotation is the speaker's (creator)", async () => {
    const db = await readClaimsFile(fixture("core", "transit.claims.json"));
    const out = exportClaimReview([db]);
    assert.deepEqual(shapeProblems(out), []);
    const direct = db.claims.findIndex((c) => c.quoteKind === "direct");
    assert.ok(direct >= 0);
    const quotation = (out.dataFeedElement as Record<string, Record<string, unknown>>[])[direct].appearance;
    assert.deepEqual(quotation.creator, {
      "@type": "Person",
      name: db.claims[direct].speaker.name,
      jobTitle: db.claims[direct].speaker.role,
    });
  });
});

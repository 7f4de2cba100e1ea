// Today's ClaimSearch must return exactly what the search before it returned (the test-only copy in
// reference/claim-search-before.ts): the same claims, scores and order, for every kind of query a writer
// types — words from claims, several words, typos, speaker names, sections, ids, operators, empty — over a
// generated database large enough to be narrowed through the index, a small one fuse.js scans whole, and a
// large one without an index.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createFactChecker } from "../src/core/checker.js";
import { ClaimSearch, type ClaimSearchHit } from "../src/core/claim-search.js";
import type { Claim } from "../src/core/types.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { feedDatabase, generateClaims } from "../bench/claims-gen.js";
import { Rng } from "../bench/timing.js";
import { nlp } from "./helpers.js";
import { ClaimSearchBefore } from "./reference/claim-search-before.js";

/** A few claims in other scripts and cases, so lowercasing and non-ASCII characters are exercised. */
function oddClaims(base: Claim): Claim[] {
  const texts: [string, string, string][] = [
    ["ΟΔΟΣ ΑΘΗΝΩΝ will reopen the ΣΤΑΘΜΟΣ.", "Νίκος Παπαδόπουλος", "Δήμαρχος"],
    ["İSTANBUL ferry fares will RISE by 10%.", "İpek Yıldız", "Minister of Transport"],
    ["Die Straße bleibt gesperrt, sagte der Bürgermeister.", "Jürgen Groß", "Bürgermeister"],
    ["Café prices are NOT rising — officials said so twice.", "Zoë Ångström", ""],
  ];
  return texts.map(([text, name, role], i) => ({
    ...base,
    id: `odd-${i}`,
    text,
    speaker: { id: `odd-${i}`, name, role },
    source: { ...base.source, section: i % 2 ? "ΤΜΗΜΑ Β" : "Section 7: Ålesund", quote: text.slice(0, 20) },
  }));
}

function typo(rng: Rng, w: string): string {
  if (w.length < 3) return w;
  const at = 1 + rng.int(w.length - 1);
  switch (rng.int(4)) {
    case 0:
      return w.slice(0, at) + w.slice(at + 1);
    case 1:
      return w.slice(0, at) + rng.pick([..."aeiourst"]) + w.slice(at);
    case 2:
      return w.slice(0, at - 1) + w[at] + w[at - 1] + w.slice(at + 1);
    default:
      return w.slice(0, at) + "x" + w.slice(at + 1);
  }
}

/** Queries of every kind, drawn from the claims themselves (deterministic). */
function queries(claims: readonly Claim[], n: number, seed: number): string[] {
  const rng = new Rng(seed);
  const fixed = [
    "",
    "   ",
    "rulled out amercan troops",
    "Jensen housing",
    "Section 12 ferry fares",
    "minister budget",
    "nato membrship ukrane",
    "!nato 'kyiv |",
    '"ferry fares" rise',
    "=Section 3",
    "^minister",
    "fares$",
    "ferry | budget",
    "tab\tseparated words",
    "line\nbreak",
    "a",
    "of",
    "x".repeat(40),
    "internationalisationcommitteereports",
    "ΣΤΑΘΜΟΣ",
    "σταθμος",
    "istanbul",
    "İstanbul",
    "strasse",
    "Straße",
    "angstrom",
    "10%",
    "syn-000123",
    "Section 7: Ålesund",
    "the the the",
    `${"ferry fares will rise ".repeat(40)}`,
  ];
  const out = [...fixed];
  while (out.length < n) {
    const c = rng.pick(claims);
    const words = c.text.split(/\s+/).map((w) => w.replace(/[.,]$/, ""));
    const kind = rng.int(8);
    let q: string;
    if (kind === 0) q = rng.pick(words);
    else if (kind === 1) {
      const at = rng.int(words.length);
      q = words.slice(at, at + 2 + rng.int(2)).join(" ");
    } else if (kind === 2)
      q = words
        .map((w) => (rng.chance(0.5) ? typo(rng, w) : w))
        .slice(0, 1 + rng.int(4))
        .join(" ");
    else if (kind === 3) q = rng.chance(0.5) ? c.speaker.name : c.speaker.name.split(" ").pop()!;
    else if (kind === 4) q = `${c.speaker.name.split(" ").pop()} ${rng.pick(words)}`;
    else if (kind === 5) q = rng.chance(0.5) ? c.source.section : c.source.section.split(": ").pop()!;
    else if (kind === 6) q = typo(rng, typo(rng, rng.pick(words)));
    else q = rng.chance(0.5) ? c.speaker.role.toUpperCase() : c.id;
    out.push(q);
  }
  return out;
}

const show = (hits: readonly ClaimSearchHit[]) => hits.map((h) => `${h.claim.id} ${h.score}`);

function assertSame(now: ClaimSearch, was: ClaimSearchBefore, qs: readonly string[], limit?: number): number {
  let found = 0;
  for (const q of qs) {
    const a = show(now.search(q, limit));
    assert.deepEqual(a, show(was.search(q, limit)), `query ${JSON.stringify(q.slice(0, 80))}`);
    if (a.length) found++;
  }
  return found;
}

describe("claim search: the same results as the search before it", () => {
  let claims: Claim[];
  let narrow: (q: string, n: number) => readonly Claim[];
  before(async () => {
    const bundled = await readBundledClaims();
    const feed = generateClaims(3000, 5);
    const db = feedDatabase(feed, [...feed.claims, ...oddClaims(bundled.claims[0])]);
    const checker = createFactChecker({ databases: [bundled, db], nlp });
    claims = [...checker.claims];
    narrow = (q, n) => checker.claimsSharingWords(q, n);
  });

  it("over a database narrowed through the index (3,025 claims)", () => {
    const qs = queries(claims, 160, 1);
    const found = assertSame(new ClaimSearch(claims, narrow), new ClaimSearchBefore(claims, narrow), qs);
    assert.ok(found > qs.length / 2, `only ${found} queries found anything`);
    assertSame(new ClaimSearch(claims, narrow), new ClaimSearchBefore(claims, narrow), qs.slice(0, 40), 1000);
  });

  it("over a small database fuse.js scans whole", () => {
    const small = [...claims.slice(0, 500), ...claims.slice(-4)];
    const qs = queries(small, 100, 2);
    const found = assertSame(new ClaimSearch(small, narrow), new ClaimSearchBefore(small, narrow), qs);
    assert.ok(found > qs.length / 2, `only ${found} queries found anything`);
  });

  it("over a large database without an index", () => {
    const qs = queries(claims, 16, 3).slice(-8);
    assertSame(new ClaimSearch(claims.slice(0, 2100)), new ClaimSearchBefore(claims.slice(0, 2100)), ["", "Jensen housing", ...qs], 20);
  });
});

// The sentence gate (claim-index.ts, mayMatch) lets a sentence through only when some claim could accept it: three of
// its terms reached (all of them, for a claim of fewer), or two with the claim's speaker possibly named (the matcher's
// viableWith). The speaker test reads the words that may name each speaker (speaker-words.ts), which must give every
// speaker speakers.ts sameNames could match a mention of that word to.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ClaimIndex } from "../src/core/claim-index.js";
import { withinOneEdit } from "../src/core/edit-distance.js";
import { NO_CONTEXT, sketchesOf } from "../src/core/matcher.js";
import { reviewerSpeakers } from "../src/core/reviewers.js";
import { SpeakerWords } from "../src/core/speaker-words.js";
import { SpeakerDirectory, speakerNames } from "../src/core/speakers.js";
import type { Claim, Speaker } from "../src/core/types.js";
import { createLexicon } from "../src/node/lexicon.js";
import { allFixtureClaims, fixture, nlp } from "./helpers.js";

/** The speakers sameNames could match a mention holding `word` to, by brute force over their names. */
function namedBy(word: string, speakers: readonly Speaker[]): number[] {
  const out: number[] = [];
  speakers.forEach((s, k) => {
    const names = speakerNames(s);
    const aliasWords = names.aliases.flatMap((a) => a.split(" "));
    if (aliasWords.includes(word) || [...names.properNames].some((n) => n === word || (n.length >= 5 && withinOneEdit(n, word))))
      out.push(k);
  });
  return out;
}

test("the words that may name a speaker are its alias words and its proper names, long ones within one edit", () => {
  const speakers: Speaker[] = [
    { id: "a", role: "", name: "Karoline Leavitt", aliases: ["Leavitt", "the press secretary"] },
    { id: "b", role: "", name: "Donald Trump", aliases: ["President Trump", "the U.S. president"] },
    { id: "c", role: "", name: "Ana Ng" },
    { id: "d", role: "", name: "The Harbour Board", aliases: ["Board"] },
    { id: "e", role: "", name: "Leavit Karolina" },
  ];
  const words = new SpeakerWords(speakers);
  // Every name word, and every word one edit from one (letters deleted, swapped, replaced, inserted), and others.
  const probes = new Set<string>(["", "x", "said", "the", "president", "levitt", "leavittt", "karolin", "trum", "tromp", "u.s.", "ng"]);
  for (const s of speakers)
    for (const w of [s.name, ...(s.aliases ?? [])].join(" ").toLowerCase().split(" ")) {
      probes.add(w);
      for (let i = 0; i <= w.length; i++) {
        probes.add(w.slice(0, i) + w.slice(i + 1));
        probes.add(w.slice(0, i) + "q" + w.slice(i));
        probes.add(w.slice(0, i) + "e" + w.slice(i + 1));
        if (i + 1 < w.length) probes.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
        probes.add(w.slice(0, i) + "zz" + w.slice(i + 2));
      }
    }
  let some = 0;
  for (const p of probes) {
    const got: number[] = [];
    words.addSpeakers(p, got);
    const want = namedBy(p, speakers);
    if (want.length) some++;
    assert.deepEqual([...new Set(got)].sort(), want, JSON.stringify(p));
  }
  assert.ok(some > 50, `${some} probes name a speaker`);
});

test("the sentence gate lets through every sentence a candidate could be accepted for, and no fewer terms", async () => {
  const claims = await allFixtureClaims();
  const index = new ClaimIndex(claims, createLexicon(), nlp);
  const speakers = new SpeakerDirectory(new Set(claims.map((c) => c.speaker)));
  const ctx = { ...NO_CONTEXT, reviewers: reviewerSpeakers(claims) };
  const texts: string[] = [];
  claims.forEach((c, i) => {
    const words = c.text.replace(/\.$/, "").split(" ");
    const other = claims[(i * 7 + 3) % claims.length].speaker.name;
    const misspelt = c.speaker.name.replace(/([a-z])([a-z])([a-z]*)$/, "$2$1$3");
    for (const part of [words, words.filter((_, k) => k % 3 !== 1), words.slice(0, 4), words.slice(-3)]) {
      const s = part.join(" ");
      texts.push(
        `${s}.`,
        `${c.speaker.name} said ${s}.`,
        `${misspelt} said ${s}.`,
        `${other} said that ${s}.`,
        `According to ${c.speaker.name}, ${s}.`,
      );
    }
  });
  for (const f of ["harbor", "transit", "factchecks"])
    texts.push(
      ...readFileSync(fixture("core", `${f}.txt`), "utf8")
        .split(/(?<=[.!?])\s+/)
        .filter((s) => s.length > 20),
    );
  let viaSpeaker = 0;
  let refused = 0;
  for (const text of texts) {
    const viable = sketchesOf(text, index, speakers, ctx, 30).filter(
      ({ scored: s }) => s.conceptHits >= 1 && (s.hits >= Math.min(3, s.terms) || (s.hits >= 2 && s.speakerMatches === true)),
    );
    if (viable.some(({ scored: s }) => s.hits < Math.min(3, s.terms))) viaSpeaker++;
    const may = index.mayMatch(text);
    if (!may) refused++;
    if (viable.length) assert.ok(may, `${JSON.stringify(text)} could match claim ${claims[viable[0].id].id}`);
  }
  assert.ok(viaSpeaker > 0, "some sentence is viable only through its named speaker");
  // Passages: two or three of these sentences read as one; the passage gate must let through every one a candidate
  // could be accepted for (matchPassage: three terms, two of them concepts; a reviewed claim, two and one).
  let passages = 0;
  let refusedPassages = 0;
  for (let i = 0; i + 2 < texts.length; i += 3) {
    const passage = `${texts[i]} ${texts[i + 1]}${i % 2 ? ` ${texts[i + 2]}` : ""}`;
    const acceptable = sketchesOf(passage, index, speakers, ctx, 30).filter(({ scored: s }) =>
      s.reviewer ? s.hits >= 2 && s.conceptHits >= 1 : s.hits >= 3 && s.conceptHits >= 2,
    );
    const may = [index.mayMatchPassage(passage, 3, new Set(), 2), index.mayMatchPassage(passage, 2, new Set(), 1)];
    passages++;
    if (!may[1]) refusedPassages++;
    if (acceptable.some(({ scored: s }) => !s.reviewer)) assert.ok(may[0], `${JSON.stringify(passage)} could match`);
    if (acceptable.length) assert.ok(may[1], `${JSON.stringify(passage)} could match`);
  }
  assert.ok(passages > 100 && refusedPassages > 0, `${refusedPassages} of ${passages} passages refused`);
  assert.ok(refused > 0, "some sentence is refused");
});

test("two terms of a claim of more are let through only with the claim's speaker possibly named", () => {
  const speaker = { id: "morgan-hale", name: "Morgan Hale", role: "Mayor", aliases: ["the mayor"] };
  const text = "The council will fund the harbour in Aldham by 2031.";
  const claim: Claim = {
    id: "h-1",
    text,
    speaker,
    verb: "said",
    hedged: false,
    polarity: "positive",
    quoteKind: "reported",
    source: { title: "Generated", section: "Budget", quote: text, start: 0, end: text.length },
  };
  const index = new ClaimIndex([claim], createLexicon(), nlp);
  const asked = [
    "The council will fund it.",
    "Morgan Hale said the council will fund it.",
    "Hale said the council will fund it.",
    "Morgn said the council will fund it.",
    "The mayor said the council will fund it.",
    "Jo Bell said the council will fund it.",
    "The council will fund the harbour.",
    "Nothing of the sort.",
  ];
  assert.deepEqual(
    asked.map((t) => index.mayMatch(t)),
    [false, true, true, true, true, false, true, false],
  );
});

// DraftSession, the incremental re-check of an open draft: after every edit of a random sequence, on a
// generated Markdown draft with front matter, headings, lists, block quotes, tables, code and ignore
// comments (and a plain-text one), it gives exactly the findings a whole check of the same text gives —
// same ranges, verdicts, scores, explanations, claims, named speakers and quotations. The edits are the
// ones that move structure: words typed and deleted, blank lines typed (a paragraph split) and deleted
// (two joined), headings, list markers, quote markers, code fences opened and closed, link definitions,
// ignore comments and directives, whole restating sentences. Most edits must take the incremental path
// (else this would test nothing), and what it says it reused must be the previous result's findings.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generateDraft } from "../bench/draft-gen.js";
import { findingFields } from "../bench/findings-hash.js";
import { Rng } from "../bench/timing.js";
import type { FactChecker } from "../src/core/checker.js";
import { DraftSession, type SessionResult } from "../src/core/draft-session.js";
import { diffEdit } from "../src/core/segment/incremental.js";
import type { Finding } from "../src/core/types.js";
import { createFactChecker } from "../src/core/checker.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { createLexicon } from "../src/node/lexicon.js";
import { articleChecker, fixture, nlp } from "./helpers.js";

/** Every field a finding reports, as plain data (the findings hash's own list). */
function plain(findings: readonly Finding[]): unknown[] {
  return findings.map(findingFields);
}

/** A line start at or after `at` (or the end). */
function lineStartFrom(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  return nl < 0 ? text.length : nl + 1;
}

type Edit = (text: string, rng: Rng, claims: readonly string[]) => string;

const insertAt = (text: string, at: number, s: string) => text.slice(0, at) + s + text.slice(at);

/** Edits a writer makes, each at a random place. */
const EDITS: [string, Edit][] = [
  ["type a word", (t, r) => insertAt(t, r.int(t.length + 1), r.pick([" reportedly", " not", "ly", " Trump", "x"]))],
  [
    "delete a few characters",
    (t, r) => {
      const a = r.int(t.length);
      return t.slice(0, a) + t.slice(Math.min(t.length, a + 1 + r.int(30)));
    },
  ],
  [
    "type a blank line (split a paragraph)",
    (t, r) => {
      const at = t.indexOf(". ", r.int(t.length));
      return at < 0 ? t : insertAt(t, at + 1, "\n\n");
    },
  ],
  [
    "delete a blank line (join two paragraphs)",
    (t, r) => {
      const at = t.indexOf("\n\n", r.int(t.length));
      return at < 0 ? t : t.slice(0, at) + " " + t.slice(at + 2);
    },
  ],
  [
    "type a heading",
    (t, r) => insertAt(t, lineStartFrom(t, r.int(t.length)), r.pick(["# Ruled out\n\n", "## Troops\n", "Setext title\n---\n\n"])),
  ],
  ["type a list marker or quote marker", (t, r) => insertAt(t, lineStartFrom(t, r.int(t.length)), r.pick(["- ", "> ", "1. ", "    "]))],
  ["open a code fence", (t, r) => insertAt(t, lineStartFrom(t, r.int(t.length)), r.pick(["```\n", "~~~js\n", "\n```\n"]))],
  [
    "close a code fence",
    (t, r) => {
      const at = t.indexOf("```", r.int(t.length));
      return at < 0 ? t : insertAt(t, lineStartFrom(t, at), "```\n\n");
    },
  ],
  [
    "type a restating sentence",
    (t, r, claims) => {
      const at = t.indexOf(". ", r.int(t.length));
      return at < 0 ? t : insertAt(t, at + 2, `${r.pick(claims)} `);
    },
  ],
  [
    "type a restating paragraph",
    (t, r, claims) => insertAt(t, lineStartFrom(t, r.int(t.length)), `\n${r.pick(claims)} ${r.pick(claims)}\n\n`),
  ],
  [
    "type an ignore comment after a sentence",
    (t, r) => {
      const at = t.indexOf(". ", r.int(t.length));
      return at < 0 ? t : insertAt(t, at + 1, " <!-- factcheck-ignore -->");
    },
  ],
  [
    "type a directive",
    (t, r) =>
      insertAt(
        t,
        lineStartFrom(t, r.int(t.length)),
        r.pick(["<!-- factcheck-ignore-next-line -->\n", "<!-- factcheck-disable -->\n\n", "<!-- factcheck-enable -->\n\n"]),
      ),
  ],
  [
    "type a directive inside code (an example, not a directive)",
    (t, r) =>
      insertAt(
        t,
        lineStartFrom(t, r.int(t.length)),
        r.pick([
          "```\n<!-- factcheck-disable -->\n```\n\n",
          "Write `<!-- factcheck-ignore-file -->` to skip a file.\n\n",
          "    <!-- factcheck-disable -->\n\n",
        ]),
      ),
  ],
  [
    "type a link definition or reference",
    (t, r) =>
      r.chance(0.5)
        ? insertAt(t, lineStartFrom(t, r.int(t.length)), "\n[ref]: https://example.com/x\n\n")
        : insertAt(t, r.int(t.length), " [troops][ref] "),
  ],
  ["type inline markup", (t, r) => insertAt(t, r.int(t.length), r.pick(["**", "`", "*", "<b>", "](", "[", "\\"]))],
  ["type a line break", (t, r) => insertAt(t, r.int(t.length), r.pick(["\n", "\r\n", "\n\n\n"]))],
  [
    "replace a word",
    (t, r) => {
      const at = t.indexOf(" out ", r.int(t.length));
      return at < 0 ? t : t.slice(0, at) + " in " + t.slice(at + 5);
    },
  ],
];

interface Replay {
  reasons: Map<string, number>;
  incremental: number;
  edits: number;
  kinds: Set<string>;
}

/** Applies `n` random edits to `draft`, checking each text through the session and afresh, and comparing. */
function replay(
  checker: FactChecker,
  reference: FactChecker,
  draft: string,
  format: "markdown" | "plaintext",
  n: number,
  seed: number,
  minScore?: number,
): Replay {
  const rng = new Rng(seed);
  const claims = checker.claims.map((c) => c.text);
  const session = new DraftSession(checker);
  const options = minScore === undefined ? {} : { minScore };
  let text = draft;
  let prev: SessionResult = session.check(text, format, options);
  assert.deepEqual(plain(prev.findings), plain(reference.checkText(text, format, options).findings));
  const out: Replay = { incremental: 0, edits: 0, kinds: new Set(), reasons: new Map() };
  for (let k = 0; k < n; k++) {
    const [name, edit] = rng.pick(EDITS);
    const before = text;
    text = edit(text, rng, claims);
    const got = session.check(text, format, options);
    const expected = reference.checkText(text, format, options);
    assert.deepEqual(plain(got.findings), plain(expected.findings), `edit ${k} (${name}), seed ${seed}, ${session.lastPath} path`);
    assert.equal(got.stats.sentences, expected.stats.sentences, `edit ${k} (${name}): sentences`);
    assert.deepEqual(
      got.findings.map((f) => Object.keys(f)),
      expected.findings.map((f) => Object.keys(f)),
      `edit ${k} (${name}): the findings' shape`,
    );
    if (session.lastPath === "whole")
      out.reasons.set(`${name}: ${session.lastReason}`, (out.reasons.get(`${name}: ${session.lastReason}`) ?? 0) + 1);
    if (session.lastPath === "incremental") {
      out.incremental++;
      out.kinds.add(name);
      // What it says it kept is the previous result's: the same objects before the edit, moved ones after it.
      const reuse = got.reuse!;
      assert.equal(reuse.from, prev.id);
      for (let i = 0; i < reuse.prefix; i++) assert.equal(got.findings[i], prev.findings[i]);
      const d = diffEdit(before, text)!;
      const old = prev.findings.slice(prev.findings.length - reuse.suffix);
      const moved = got.findings.slice(got.findings.length - reuse.suffix);
      for (let i = 0; i < old.length; i++) {
        assert.ok(old[i].start >= d.oldEnd, "a moved finding lies after the edit");
        assert.deepEqual(
          plain([moved[i]]),
          plain([
            {
              ...old[i],
              start: old[i].start + reuse.delta,
              end: old[i].end + reuse.delta,
              namedSpeaker: old[i].namedSpeaker && {
                ...old[i].namedSpeaker!,
                start: old[i].namedSpeaker!.start + reuse.delta,
                end: old[i].namedSpeaker!.end + reuse.delta,
              },
              quoted: old[i].quoted && {
                ...old[i].quoted!,
                start: old[i].quoted!.start + reuse.delta,
                end: old[i].quoted!.end + reuse.delta,
                open: old[i].quoted!.open + reuse.delta,
                close: old[i].quoted!.close + reuse.delta,
              },
            },
          ]),
        );
      }
      assert.ok(reuse.prefix + reuse.suffix <= got.findings.length);
    }
    out.edits++;
    prev = got;
  }
  return out;
}

describe("diffEdit: the one edit between two texts", () => {
  it("finds the common prefix and suffix a character-by-character scan finds", () => {
    const rng = new Rng(8);
    const naive = (a: string, b: string) => {
      let i = 0;
      const n = Math.min(a.length, b.length);
      while (i < n && a[i] === b[i]) i++;
      let k = 0;
      while (k < n - i && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
      return { start: i, oldEnd: a.length - k, newEnd: b.length - k };
    };
    for (let r = 0; r < 400; r++) {
      // Few letters, so runs repeat and the stretches compared in one piece straddle the edit.
      const len = rng.int(r < 200 ? 300 : 30_000);
      let a = "";
      while (a.length < len) a += "abc"[rng.int(3)];
      const at = rng.int(a.length + 1);
      const b = a.slice(0, at) + "ab".slice(0, rng.int(3)) + a.slice(at + rng.int(40));
      if (a === b) assert.equal(diffEdit(a, b), undefined);
      else assert.deepEqual(diffEdit(a, b), naive(a, b), `${a.length} → ${b.length} at ${at}`);
    }
  });
});

describe("DraftSession: an edited draft re-checked block by block", () => {
  it("gives a whole check's findings after every edit of a random sequence on a Markdown draft", async () => {
    const checker = await articleChecker();
    const reference = await articleChecker();
    const draft = generateDraft({ bytes: 16_000, seed: 5, articleSentences: checker.claims.map((c) => c.text), articleShare: 0.3 });
    assert.ok(
      /^---\n/.test(draft) && /\n#+ /.test(draft) && /\n- /.test(draft) && /\n> /.test(draft) && /\n```/.test(draft),
      "the draft has front matter, headings, lists, quotes and code",
    );
    const first = reference.checkText(draft, "markdown").findings.length;
    assert.ok(first >= 20, `the draft restates claims (${first} findings)`);
    for (const seed of [1]) {
      const r = replay(checker, reference, draft, "markdown", 90, seed);
      assert.ok(
        r.incremental >= r.edits * 0.6,
        `${r.incremental} of ${r.edits} edits took the incremental path; ${JSON.stringify([...r.reasons])}`,
      );
      for (const kind of [
        "type a word",
        "type a blank line (split a paragraph)",
        "delete a blank line (join two paragraphs)",
        "type a restating sentence",
      ])
        if (![...r.kinds].includes(kind)) assert.fail(`no incremental "${kind}" with seed ${seed}: ${[...r.kinds].join(", ")}`);
    }
  });

  it("and on plain text, and with a minimum score", async () => {
    const checker = await articleChecker();
    const reference = await articleChecker();
    const md = generateDraft({ bytes: 10_000, seed: 9, articleSentences: checker.claims.map((c) => c.text), articleShare: 0.3 });
    const r = replay(checker, reference, md.replace(/[#*`>|[\]]/g, " "), "plaintext", 40, 3);
    assert.ok(r.incremental >= r.edits * 0.6, `${r.incremental} of ${r.edits} edits took the incremental path`);
    const m = replay(checker, reference, md, "markdown", 25, 4, 0.5);
    assert.ok(
      m.incremental >= m.edits * 0.4,
      `${m.incremental} of ${m.edits} edits took the incremental path; ${JSON.stringify([...m.reasons])}`,
    );
  });

  it("and beside a feed, whose reviewed claims a paragraph decides as a whole (findings held to its end)", async () => {
    const lexicon = createLexicon();
    const databases = [await readBundledClaims(), await readClaimsFile(fixture("core", "factchecks.claims.json"))];
    const checker = createFactChecker({ databases, lexicon, nlp });
    const reference = createFactChecker({ databases, lexicon, nlp });
    // Posts repeating the feed's claims (one alone, two in one paragraph, a pasted tweet) between the
    // generated draft's paragraphs.
    const posts = readFileSync(fixture("core", "factchecks.txt"), "utf8").trim().split("\n");
    const tweet = readFileSync(fixture("core", "factchecks-tweet.txt"), "utf8").trim();
    const paragraphs = generateDraft({
      bytes: 12_000,
      seed: 11,
      articleSentences: databases[0].claims.map((c) => c.text),
      articleShare: 0.3,
    }).split("\n\n");
    const draft = paragraphs
      .flatMap((p, i) =>
        i > 0 && i % 3 === 0 ? [p, i % 2 ? posts[i % posts.length] : `${posts[i % posts.length]} ${posts[(i + 1) % posts.length]}`] : [p],
      )
      .concat(tweet)
      .join("\n\n");
    // A fact-checker's database (no `review`, but a reviewer's record: reviewers.ts).
    const feedIds = new Set(databases[1].claims.map((c) => c.id));
    const reviewed = reference.checkText(draft, "markdown").findings.filter((f) => feedIds.has(f.claim.id));
    assert.ok(reviewed.length >= 3, `the draft repeats reviewed claims (${reviewed.length} findings)`);
    const r = replay(checker, reference, draft, "markdown", 40, 7);
    assert.ok(r.incremental >= r.edits * 0.5, `${r.incremental} of ${r.edits} edits took the incremental path`);
  });

  it("reads again a paragraph whose blank line was typed away, and one a heading was typed into", async () => {
    const checker = await articleChecker();
    const session = new DraftSession(checker);
    const [a, b] = checker.claims;
    const filler = Array.from({ length: 30 }, (_, i) => `The ferry number ${i} left the harbour on time.`).join("\n\n");
    const text = `${filler}\n\n${a.text}\n\nThe weather was mild.\n\n${b.text}\n\n${filler}\n`;
    session.check(text, "markdown");
    for (const next of [
      text.replace(`${a.text}\n\nThe weather`, `${a.text} The weather`),
      text.replace(`\n\nThe weather was mild.`, `\n\n# The weather was mild.`),
      text.replace(`The weather was mild.\n\n`, ``),
    ]) {
      const fresh = new DraftSession(checker);
      const got = session.check(next, "markdown");
      assert.equal(session.lastPath, "incremental");
      assert.deepEqual(plain(got.findings), plain(fresh.check(next, "markdown").findings));
      session.check(text, "markdown");
    }
  });

  it("re-checks incrementally next to a directive, with what it skips unchanged", async () => {
    const checker = await articleChecker();
    const session = new DraftSession(checker);
    const [a, b] = checker.claims;
    const filler = Array.from({ length: 10 }, (_, i) => `The ferry number ${i} left on time.`).join("\n\n");
    const text = `${filler}\n\n<!-- factcheck-ignore-next-line -->\n${a.text}\n\n<!-- factcheck-disable ${b.id} -->\n\n${b.text}\n\n${a.text}\n\n${filler}\n`;
    session.check(text, "markdown");
    for (const next of [
      text.replace(`-->\n${a.text}`, `-->\n${a.text} More words.`), // the line an ignore-next-line covers
      text.replace(`\n\n${b.text}`, `\n\n${b.text} And more.`), // inside a disable span
      text.replace("The ferry number 9", "The ferry number nine"),
    ]) {
      const got = session.check(next, "markdown");
      assert.equal(session.lastPath, "incremental", next.slice(0, 80));
      assert.deepEqual(plain(got.findings), plain(new DraftSession(checker).check(next, "markdown").findings));
      session.check(text, "markdown");
    }
    // The directive itself edited: the whole path.
    session.check(text.replace(`factcheck-disable ${b.id}`, "factcheck-disable"), "markdown");
    assert.equal(session.lastPath, "whole");
  });

  it("takes the whole path where the whole draft matters: a directive typed, a link definition", async () => {
    const checker = await articleChecker();
    const session = new DraftSession(checker);
    const [a] = checker.claims;
    const text = `${a.text}\n\nThe ferry left on time.\n\n${a.text}\n`;
    session.check(text, "markdown");
    const directive = text.replace("The ferry", "<!-- factcheck-disable -->\n\nThe ferry");
    const got = session.check(directive, "markdown");
    assert.equal(session.lastPath, "whole");
    assert.equal(got.findings.length, new DraftSession(checker).check(directive, "markdown").findings.length);
    assert.ok(
      got.findings.every((f) => f.start < directive.indexOf("<!--")),
      "the disable comment skips what follows it",
    );
    session.check(text, "markdown");
    session.check(text.replace("The ferry", "[ref]: https://example.com\n\nThe ferry"), "markdown");
    assert.equal(session.lastPath, "whole");
    const same = session.check(text.replace("The ferry", "[ref]: https://example.com\n\nThe ferry"), "markdown");
    assert.equal(session.lastPath, "same");
    assert.equal(same.reuse?.prefix, same.findings.length);
  });
});

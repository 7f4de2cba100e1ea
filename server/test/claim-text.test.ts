// The one formatter of texts about claims (protocol/claim-text.ts), shared by the
// client's insert commands and the server's quick fixes: reported speech for paraphrases,
// quotation marks only for direct quotes, names and case kept, Markdown escaped.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import {
  attributionLine,
  citation,
  type ClaimText,
  escapeForDraft,
  footnoteDefinition,
  quoteWithAttribution,
  recordedStatement,
  reportedStatement,
  sourceWords,
  sourceWordsLabel,
} from "../../protocol/claim-text.js";

const mayor = { name: "Jane Alvarez", role: "Mayor", aliases: ["Alvarez", "the mayor"] };
const claim = (text: string, verb: string, extra: Partial<ClaimText> = {}): ClaimText => ({
  text,
  speaker: mayor,
  verb,
  quoteKind: "reported",
  source: { title: "Harbor Briefing", section: "Ferries", quote: text.toLowerCase() },
  ...extra,
});
const direct = (quote: string, verb = "said"): ClaimText =>
  claim("The city will not raise ferry fares.", verb, {
    quoteKind: "direct",
    source: { title: "Harbor Briefing", section: "Ferries", quote },
  });

const QUOTE_MARKS = /["“”‘’«»]/;

test("a reported claim is reported speech, never inside quotation marks", () => {
  const c = claim("The library will close in June.", "announced", {
    source: { title: "Harbor Briefing", section: "Ferries", quote: "the library would close" },
  });
  assert.equal(reportedStatement(c, "plaintext"), "Jane Alvarez announced that the library will close in June.");
  assert.equal(
    quoteWithAttribution(c, "plaintext"),
    "Jane Alvarez announced that the library will close in June (source: Harbor Briefing, Ferries).",
  );
  assert.equal(
    footnoteDefinition(c, "plaintext"),
    "Jane Alvarez (Mayor) announced that the library will close in June, as reported in Harbor Briefing, Ferries.",
  );
  assert.equal(citation(c, "plaintext"), "(source: Harbor Briefing, Ferries; Jane Alvarez, Mayor)");
  assert.equal(recordedStatement(c), "Jane Alvarez announced that the library will close in June.");
  assert.equal(attributionLine(c), "Jane Alvarez (Mayor), as reported by Harbor Briefing: the library would close");
  assert.equal(sourceWordsLabel(c), "Reported by Harbor Briefing");
  assert.equal(sourceWords(c), "the library would close");
  for (const format of ["markdown", "plaintext"] as const) {
    for (const s of [
      reportedStatement(c, format),
      quoteWithAttribution(c, format),
      footnoteDefinition(c, format),
      citation(c, format),
      recordedStatement(c),
      attributionLine(c),
    ]) {
      assert.doesNotMatch(s, QUOTE_MARKS, s);
    }
  }
  // A verb that does not take "that": "According to …".
  assert.equal(reportedStatement(claim("Taxes would fall.", "framed"), "plaintext"), "According to Jane Alvarez, taxes would fall.");
  assert.equal(
    reportedStatement(claim("Taxes would fall!", "framed", { speaker: { name: "The report", role: "" } }), "plaintext"),
    "According to the report, taxes would fall.",
  );
  assert.equal(
    footnoteDefinition(claim("Taxes would fall.", "framed"), "plaintext"),
    "According to Jane Alvarez (Mayor), taxes would fall, as reported in Harbor Briefing, Ferries.",
  );
});

test("a direct claim is its quote verbatim in quotation marks, with speaker, role and verb", () => {
  const c = direct("We will not raise ferry fares this year");
  assert.equal(quoteWithAttribution(c, "plaintext"), "Jane Alvarez, Mayor, said: “We will not raise ferry fares this year.”");
  assert.equal(
    footnoteDefinition(c, "plaintext"),
    "Jane Alvarez (Mayor) said: “We will not raise ferry fares this year” — Harbor Briefing, Ferries.",
  );
  assert.equal(recordedStatement(c), "Jane Alvarez said: “We will not raise ferry fares this year”");
  assert.equal(attributionLine(c), "Jane Alvarez (Mayor): “We will not raise ferry fares this year”");
  assert.equal(sourceWordsLabel(c), "Quoted words");
  assert.equal(sourceWords(c), "“We will not raise ferry fares this year”");
  // A quote ending in its own punctuation gets no extra stop; inner quotation marks nest; an empty role is left out.
  assert.equal(
    quoteWithAttribution(direct("Will we? “Never,” she said!", ""), "plaintext"),
    "Jane Alvarez, Mayor, said: “Will we? ‘Never,’ she said!”",
  );
  assert.equal(
    quoteWithAttribution({ ...direct('A "fair" deal'), speaker: { name: "Tom Baker", role: "" } }, "plaintext"),
    "Tom Baker, said: “A ‘fair’ deal.”",
  );
  // The replacement statement is reported speech of the claim text, even for a direct claim.
  assert.equal(reportedStatement(c, "plaintext"), "Jane Alvarez said that the city will not raise ferry fares.");
});

test("a claim text that already names the speaker is used as it is", () => {
  assert.equal(reportedStatement(claim("Alvarez ruled out new taxes.", "ruled out"), "plaintext"), "Alvarez ruled out new taxes.");
  assert.equal(
    reportedStatement(claim("Jane Alvarez's office ruled out new taxes.", "said"), "plaintext"),
    "Jane Alvarez's office ruled out new taxes.",
  );
  assert.equal(reportedStatement(claim("The mayor ruled out new taxes", "said"), "plaintext"), "The mayor ruled out new taxes.");
  // After a title, or "According to": still named.
  assert.equal(
    reportedStatement(claim("Mayor Jane Alvarez announced a ferry.", "announced"), "plaintext"),
    "Mayor Jane Alvarez announced a ferry.",
  );
  assert.equal(reportedStatement(claim("Former Mayor Alvarez said no.", "said"), "plaintext"), "Former Mayor Alvarez said no.");
  assert.equal(
    reportedStatement(claim("According to Alvarez, fares will fall.", "said"), "plaintext"),
    "According to Alvarez, fares will fall.",
  );
  // A name inside a longer word does not count: "Alvarezville" is a place.
  const place = claim("Alvarezville will get a ferry.", "said", {
    source: { title: "T", section: "S", quote: "a ferry for Alvarezville" },
  });
  assert.equal(reportedStatement(place, "plaintext"), "Jane Alvarez said that Alvarezville will get a ferry.");
  // Named later in the sentence is not named as the speaker: still attributed.
  assert.equal(
    reportedStatement(claim("Taxes will rise, unlike what Alvarez hoped.", "said"), "plaintext"),
    "Jane Alvarez said that taxes will rise, unlike what Alvarez hoped.",
  );
  // The footnote names the speaker in full after such a text.
  assert.equal(
    footnoteDefinition(claim("Alvarez ruled out new taxes.", "ruled out"), "plaintext"),
    "Alvarez ruled out new taxes (Jane Alvarez, Mayor), as reported in Harbor Briefing, Ferries.",
  );
  const never = "Alvarez ruled out new taxes.";
  assert.ok(!reportedStatement(claim(never, "ruled out"), "plaintext").includes("Jane Alvarez ruled out that"));
});

test("a first word that may be a name keeps its capital", () => {
  const said = (text: string, quote = "") =>
    reportedStatement(claim(text, "said", { source: { title: "T", section: "S", quote } }), "plaintext");
  assert.equal(
    said("France, Germany and the United Kingdom could commit resources."),
    "Jane Alvarez said that France, Germany and the United Kingdom could commit resources.",
  );
  assert.equal(said("U.S. air power could play a role."), "Jane Alvarez said that U.S. air power could play a role.");
  assert.equal(said("NATO expansion would not be acceptable."), "Jane Alvarez said that NATO expansion would not be acceptable.");
  assert.equal(said("Europe is the central player."), "Jane Alvarez said that Europe is the central player.");
  assert.equal(said("Washington's role would be supportive."), "Jane Alvarez said that Washington's role would be supportive.");
  assert.equal(
    said("Russian President Vladimir Putin may be weary."),
    "Jane Alvarez said that Russian President Vladimir Putin may be weary.",
  );
  // Common words lose it: function words, and words the record itself writes in lowercase.
  assert.equal(said("The ferry will run."), "Jane Alvarez said that the ferry will run.");
  assert.equal(said("Future fares would fall."), "Jane Alvarez said that future fares would fall.");
  assert.equal(said("Clarity will emerge soon.", "clarity will emerge soon"), "Jane Alvarez said that clarity will emerge soon.");
  // Unsure (not a function word, never seen in lowercase): kept.
  assert.equal(said("Clarity will emerge soon."), "Jane Alvarez said that Clarity will emerge soon.");
});

/** Every node type in the Markdown `s` parses to, except the root and paragraphs, and its text. */
function parsed(s: string): { types: string[]; text: string } {
  const types: string[] = [];
  let text = "";
  const walk = (n: Nodes) => {
    if (n.type !== "root" && n.type !== "paragraph") types.push(n.type);
    if (n.type === "text") text += n.value;
    if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(fromMarkdown(s));
  return { types: [...new Set(types)], text };
}

const HOSTILE = [
  "[x](command:workbench.action.quit)",
  "<img src=x onerror=alert(1)>",
  "a *star* and _under_ and **bold**",
  "`code` and ``more``",
  "a note[^1] and [^factcheck-x]: y",
  "![img](https://x.invalid/y.png) and <https://x.invalid> and https://x.invalid/z and www.x.invalid",
  "AT&T &amp; &#169; ~~gone~~ | cell | a\\b",
  "# not a heading",
  "> not a quote",
  "- not a list",
  "+ not a list",
  "12. not a list",
  "3) not a list",
  "=",
  "<!-- not a comment -->",
];

test("Markdown escaping: text from a claims file arrives as literal text, in plain text as is", () => {
  for (const raw of HOSTILE) {
    const md = escapeForDraft(raw, "markdown");
    assert.deepEqual(parsed(md), { types: ["text"], text: raw }, `${raw} → ${md}`);
    assert.equal(escapeForDraft(raw, "plaintext"), raw);
  }
  // Ordinary text is left readable.
  assert.equal(
    escapeForDraft("U.S. air power could play a role (in 2025), at 10:30.", "markdown"),
    "U.S. air power could play a role (in 2025), at 10:30.",
  );
  // Line breaks in a claims file never start a new block.
  assert.equal(escapeForDraft("one\n# two", "plaintext"), "one # two");
});

test("Markdown escaping holds in every text built from a hostile claim", () => {
  const evil: ClaimText = {
    text: "The harbour *bridge* will reopen to `traffic` in May [^1].",
    speaker: { name: "[x](command:workbench.action.quit)", role: "<img src=x onerror=alert(1)>", aliases: ["the officials"] },
    verb: "said <b>",
    quoteKind: "direct",
    source: {
      title: "Notes <b>bold</b> (draft",
      section: "# Heading [a](command:x)",
      quote: "`the bridge` will *reopen* <script>alert(1)</script>",
    },
  };
  for (const kind of ["direct", "reported"] as const) {
    const c = { ...evil, quoteKind: kind };
    for (const s of [
      reportedStatement(c, "markdown"),
      quoteWithAttribution(c, "markdown"),
      footnoteDefinition(c, "markdown"),
      citation(c, "markdown"),
    ]) {
      assert.deepEqual(parsed(s).types, ["text"], s);
    }
  }
  assert.equal(
    quoteWithAttribution(evil, "markdown"),
    "\\[x\\](command:workbench.action.quit), \\<img src=x onerror=alert(1)\\>, said \\<b\\>: “\\`the bridge\\` will \\*reopen\\* \\<script\\>alert(1)\\</script\\>.”",
  );
  // The unpaired "(" of the title makes its parentheses brackets, so the citation's own parenthesis closes it.
  assert.equal(
    citation(evil, "plaintext"),
    "(source: Notes <b>bold</b> [draft, # Heading [a][command:x]; [x](command:workbench.action.quit), <img src=x onerror=alert(1)>)",
  );
});

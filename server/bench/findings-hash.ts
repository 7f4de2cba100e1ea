// Same findings, faster: a hash of every finding the engine gives on the bench's generated inputs,
// compared with the reference recorded before the speed work (findings-reference.json). Any change to
// what is found — a range, a verdict, a score, an explanation, a claim, a quotation — changes a hash.
//
//   node out/server/bench/findings-hash.js            compare with the reference (exit 1 on a difference)
//   node out/server/bench/findings-hash.js --write    record the reference (only on purpose: matching changed)
//   node out/server/bench/findings-hash.js --dump DIR each case's findings as JSON lines in DIR (N.jsonl, N the case's
//                                                      number), to see what a change changed: diff two builds' dumps
//
// The inputs are generated here by the bench's own generators (never read from outside the repository):
// the 1 MB Markdown draft against the bundled database, the same draft read as plain text, a draft of
// restated synthetic claims against the bundled database plus 20,000 synthetic claims, the bundled
// article and the example draft, and the 1 MB draft and probe sentences against 100,000 synthetic claims. Checked both in one piece and through the incremental path (the same
// engine re-checking after one-sentence edits), which must agree with a fresh engine.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFactChecker, type FactChecker } from "../src/core/checker.js";
import { createNlp, type Nlp } from "../src/core/nlp.js";
import type { ClaimsDatabase, Finding } from "../src/core/types.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { CLAIMS_DIR } from "../src/node/install-paths.js";
import { createLexicon } from "../src/node/lexicon.js";
import { articleSentences } from "./context.js";
import { feedDatabase, generateClaims, restateClaim } from "./claims-gen.js";
import { distinctSentences, fillerSentence, generateDraft, varyArticleSentence } from "./draft-gen.js";
import { Rng } from "./timing.js";

const REFERENCE = join(CLAIMS_DIR, "..", "server", "bench", "findings-reference.json");

export interface HashedCase {
  name: string;
  findings: number;
  sha256: string;
}

/** Every field a finding reports, as plain data: what the hash covers, and what the incremental test compares. */
export function findingFields(f: Finding): unknown[] {
  return [
    f.start,
    f.end,
    f.verdict,
    f.score,
    f.explanation,
    f.claim.id,
    f.namedSpeaker ? [f.namedSpeaker.name, f.namedSpeaker.start, f.namedSpeaker.end] : null,
    f.quoted ? [f.quoted.start, f.quoted.end, f.quoted.open, f.quoted.close, f.quoted.recorded ?? null] : null,
  ];
}

/** A stable text of every field a finding reports. */
export function findingsDigest(findings: readonly Finding[]): string {
  const h = createHash("sha256");
  for (const f of findings) {
    h.update(JSON.stringify(findingFields(f)));
    h.update("\n");
  }
  return h.digest("hex");
}

function articleBases(nlp: Nlp, bundled: ClaimsDatabase): string[] {
  return articleSentences(nlp).concat(bundled.claims.map((c) => c.text));
}

/** Edits one word into a few sentences, re-checks each through `checker` (incremental), returns every result's findings. */
function incremental(checker: FactChecker, draft: string, format: "markdown" | "plaintext"): Finding[] {
  const out: Finding[] = [];
  const sentences = checker.segmenter.segmentDraft(draft, format);
  let text = draft;
  for (let i = sentences.length >> 2, n = 0; i < sentences.length && n < 6; i += 97) {
    const s = sentences[i];
    if (s.text.length < 40 || /[*_`[\]<>|]/.test(s.text)) continue;
    const at = text.indexOf(s.text);
    if (at < 0) continue;
    const sp = s.text.indexOf(" ");
    text = text.slice(0, at + sp) + " reportedly" + text.slice(at + sp);
    out.push(...checker.checkText(text, format).findings);
    n++;
  }
  return out;
}

/** The directory `--dump` names, if any. */
function dumpDir(): string | undefined {
  const at = process.argv.indexOf("--dump");
  return at >= 0 ? process.argv[at + 1] : undefined;
}

export async function hashCases(): Promise<HashedCase[]> {
  const nlp = createNlp();
  const bundled = await readBundledClaims();
  const bases = articleBases(nlp, bundled);
  const cases: HashedCase[] = [];
  const dump = dumpDir();
  const add = (name: string, findings: readonly Finding[]) => {
    cases.push({ name, findings: findings.length, sha256: findingsDigest(findings) });
    if (dump !== undefined)
      writeFileSync(join(dump, `${cases.length}.jsonl`), findings.map((f) => JSON.stringify(findingFields(f))).join("\n") + "\n");
    process.stderr.write(`[findings-hash] ${name}: ${findings.length} findings\n`);
  };
  const fresh = (dbs: readonly ClaimsDatabase[]) => createFactChecker({ databases: dbs, lexicon: createLexicon(), nlp });

  const draft = generateDraft({ bytes: 1_000_000, seed: 1, articleSentences: bases, articleShare: 0.12 });
  const small = fresh([bundled]);
  add("1 MB markdown draft, bundled", small.checkText(draft, "markdown").findings);
  add("1 MB markdown draft, bundled, edits (incremental)", incremental(small, draft, "markdown"));
  add("1 MB markdown draft, bundled, edits (fresh engine)", incremental(fresh([bundled]), draft, "markdown"));
  const plain = draft.slice(0, 300_000);
  add("300 KB of it as plain text, bundled", fresh([bundled]).checkText(plain, "plaintext").findings);
  const article = readFileSync(join(CLAIMS_DIR, "european-led-security-guarantees.txt"), "utf8");
  add("bundled article, bundled", fresh([bundled]).checkText(article, "plaintext").findings);
  const example = readFileSync(join(CLAIMS_DIR, "..", "examples", "draft.md"), "utf8");
  add("examples/draft.md, bundled", fresh([bundled]).checkText(example, "markdown").findings);

  const feed = generateClaims(20_000, 7);
  const rng = new Rng(11);
  const sentences = distinctSentences(3_000, () => {
    const r = rng.int(3);
    return r === 0 ? varyArticleSentence(rng.pick(bases), rng) : r === 1 ? restateClaim(feed, rng) : fillerSentence(rng);
  });
  const probeDraft = sentences.join("\n\n") + "\n";
  const big = fresh([bundled, feedDatabase(feed)]);
  add("3,000 probe sentences, bundled + 20,000 synthetic claims", big.checkText(probeDraft, "markdown").findings);
  add("probe sentences, 20,000 claims, edits (incremental)", incremental(big, probeDraft, "markdown"));

  // The large-database path (issue 12's 100,000-claim goal): past 50,000 claims a common term is one in 2% of the
  // claims, not the floor of 2,000, the first cut's bound and bit sets carry most sentences, and the lexical gate lets
  // nearly every sentence through. The 1 MB draft as the goals check it, and restatements of the feed's own claims.
  const large = generateClaims(100_000, 7);
  const lrng = new Rng(13);
  const largeProbe =
    distinctSentences(2_000, () => (lrng.int(2) === 0 ? restateClaim(large, lrng) : varyArticleSentence(lrng.pick(bases), lrng))).join(
      "\n\n",
    ) + "\n";
  const huge = fresh([bundled, feedDatabase(large)]);
  add("1 MB markdown draft, bundled + 100,000 synthetic claims", huge.checkText(draft, "markdown").findings);
  add("2,000 probe sentences, bundled + 100,000 synthetic claims", huge.checkText(largeProbe, "markdown").findings);
  return cases;
}

/** Every case hashed and compared with the reference: a line each, and whether all are the same. */
export async function findingsReport(): Promise<{ text: string; same: boolean; cases: HashedCase[] }> {
  const cases = await hashCases();
  const ref = JSON.parse(readFileSync(REFERENCE, "utf8")) as HashedCase[];
  let bad = 0;
  const lines: string[] = [];
  for (const c of cases) {
    const r = ref.find((x) => x.name === c.name);
    const ok = r !== undefined && r.sha256 === c.sha256 && r.findings === c.findings;
    if (!ok) bad++;
    lines.push(`  ${ok ? "same" : "DIFFERENT"}  ${c.name}: ${c.findings} findings${r ? ` (reference ${r.findings})` : " (no reference)"}`);
  }
  lines.push(bad ? `  ${bad} case(s) differ from the reference` : "  every case gives the reference findings");
  return { text: lines.join("\n"), same: bad === 0, cases };
}

async function main(): Promise<void> {
  if (process.argv.includes("--write")) {
    const cases = await hashCases();
    writeFileSync(REFERENCE, JSON.stringify(cases, null, 2) + "\n");
    console.log(`wrote ${REFERENCE}`);
    return;
  }
  const r = await findingsReport();
  console.log(r.text);
  if (!r.same) process.exitCode = 1;
}

if (process.argv[1]?.endsWith("findings-hash.js")) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

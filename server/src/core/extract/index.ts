// `factcheck extract`, the pure part: an article's text in, a claims database (claims/claims.schema.json)
// out. Models trained on PolNeAR (model/*.json, scripts/train-extractor.mjs) find the cues (a BIO tagger),
// each cue's content (a BIO tagger told where the span rules of spans.ts put it), its source (a ranking
// model), whether the cue is kept at all (keep-model.ts: the tagger proposes more cues than it would keep
// alone, and a model that sees the content and source decides) and a pronoun's referent (a ranking model);
// speakers come from speakers.ts, ids from ids.ts.
// No disk, no vscode: the CLI and the server read the source and write the files.
import type { Nlp } from "../nlp.js";
import cueModel from "./model/cue-model.json" with { type: "json" };
import sourceModel from "./model/source-model.json" with { type: "json" };
import pronounModel from "./model/pronoun-model.json" with { type: "json" };
import contentModel from "./model/content-model.json" with { type: "json" };
import keepModel from "./model/keep-model.json" with { type: "json" };
import { contentOf } from "./content-model.js";
import { addEmission, compileTagger, spansOf, viterbi, type Tagger, type TaggerJson } from "./tagger.js";
import { cueFeatures, type CueContext } from "./features.js";
import { assignIds } from "./ids.js";
import { compile, score, type LinearModel, type ScoringModel } from "./perceptron.js";
import { keepFeatures } from "./keep-model.js";
import { chooseSource } from "./source-model.js";
import { mentionsOf, namesPerson, resolvePronoun, sourceKey } from "./pronoun-model.js";
import { attributions, cueGroups, npEndingAt, passive, type RawAttribution } from "./spans.js";
export type { RawAttribution } from "./spans.js";
import { beforePreposition, namesOrganisation, SpeakerRegistry, type ExtractedSpeaker } from "./speakers.js";
import { sourceExtent } from "./source-extent.js";
import { tokenizeDoc, type XDoc } from "./tokens.js";
import { HEDGES, MULTIWORD_CUES, NEGATING_CUES, NEGATION, TEMPORAL, VERB_GROUP } from "./words.js";

/** A heading of the source: its text and where it is. */
export interface Heading {
  start: number;
  end: number;
  text: string;
}

export interface ExtractInput {
  /** The English pipeline the text is read with (the host's one: see createNlp). */
  nlp: Nlp;
  /** The source text every quote is cut from. */
  text: string;
  /** The database's and the source's title. */
  title: string;
  /** Headings (sections); when absent, plain-text heading lines are found (short lines without closing punctuation). */
  headings?: Heading[];
  /** The file the text is stored in, relative to the claims file (`source.file`). */
  sourceFile?: string;
  url?: string;
  /** Who the article's own reporting belongs to (a publication or author), when known. */
  reporter?: string;
}

export interface ClaimJson {
  id: string;
  text: string;
  speaker: string;
  verb: string;
  section: string;
  quote: string;
  start: number;
  end: number;
  hedged: boolean;
  polarity: "positive" | "negative";
  quoteKind: "direct" | "reported";
  reviewed?: boolean;
}

export interface SpeakerJson {
  name: string;
  role: string;
  aliases?: string[];
}

export interface ClaimsFileJson {
  $schema?: string;
  version: 1;
  title: string;
  source?: { title: string; file?: string; url?: string };
  speakers: Record<string, SpeakerJson>;
  claims: ClaimJson[];
}

const MODEL = cueModel as unknown as TaggerJson & { sourceNouns?: string[]; lexicon?: Record<string, string> };
const SOURCE_NOUNS: ReadonlySet<string> = new Set(MODEL.sourceNouns ?? []);
const SOURCE_MODEL = compile(sourceModel as LinearModel);
const PRONOUN_MODEL = compile(pronounModel as LinearModel);
// without its bias: the scan adds the bias it decodes with (the tagger's own, and the keep model's)
const CUE_MODEL = compileTagger({ ...MODEL, bias: undefined });
const CUE_BIAS = MODEL.bias?.[1] ?? 0;
const KEEP_JSON = keepModel as LinearModel & { cueBias: number };
const KEEP_MODEL = compile(KEEP_JSON);
const CONTENT_MODEL = compileTagger(contentModel as TaggerJson);
const LEXICON: Readonly<Record<string, string>> = MODEL.lexicon ?? {};
const CUE_CONTEXT: CueContext = { sourceNouns: SOURCE_NOUNS };
/**
 * Cues PolNeAR often gives no source ("it seemed", "when asked about", "reportedly"): kept
 * without one, like passives.
 */
const SOURCELESS: ReadonlySet<string> = new Set(["seem", "ask", "reportedly", "seemingly", "expect"]);

/**
 * Whether the cue [a, b] is one PolNeAR gives no source: a SOURCELESS word, or "appear" raising its
 * clause ("X appears to Y", "it appears that"), whose subject is part of the content, not who says it
 * ("the plan appears focused on …" describes the plan: no attribution).
 */
function sourceless(doc: XDoc, [a, b]: readonly [number, number]): boolean {
  const tk = doc.tokens;
  for (let i = a; i <= b; i++) {
    if (SOURCELESS.has(tk[i].lemma)) return true;
    if (tk[i].lemma === "appear" && (tk[i + 1]?.lower === "to" || tk[i + 1]?.lower === "that")) return true;
  }
  return false;
}
/** Pronouns whose referent the pronoun model finds among the named mentions before them. */
const RESOLVABLE: ReadonlySet<string> = new Set(["he", "she", "him", "her", "who", "i", "it", "they", "we"]);
const GENDERED: ReadonlySet<string> = new Set(["he", "she", "him", "her"]);
export const REPORTING_KEY = "reporting";

/** Short capitalised lines without closing punctuation, followed by more text: the plain-text headings. */
export function plainTextHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  for (const m of text.matchAll(/^[^\n]+$/gm)) {
    const line = m[0].trim();
    const start = (m.index ?? 0) + m[0].indexOf(line);
    const words = line.split(/\s+/).length;
    if (words <= 12 && /^[\p{Lu}\p{N}“"‘]/u.test(line) && !/[.!?:;,”"’)]$/.test(line) && start + line.length < text.trimEnd().length)
      out.push({ start, end: start + line.length, text: line });
  }
  return out;
}

/** The claims database drawn from `input.text`. Deterministic: the same input gives the same output. */
export function extractClaims(input: ExtractInput): ClaimsFileJson {
  const doc = tokenizeDoc(input.nlp, input.text);
  return claimsFromAttributions(doc, findAttributions(doc), input);
}

/** The attributions of a tokenised text as the models find them: cues, then each cue's content, then its source. */
export function findAttributions(doc: XDoc): RawAttribution[] {
  const scan = shippedScan(doc);
  const cues = cueGroups(doc, (i) => scan.candidates[i] === 1);
  const mask = cueMask(
    doc,
    cueGroups(doc, (i) => scan.marks[i] === 1),
  );
  return attributionsOfCues(doc, cues, { mask, strength: scan.strength, keep: KEEP_MODEL, explicit: scan.explicit });
}

/** The cue candidates of a tokenised text as the cue tagger proposes them: token ranges [first, last], in text order. */
export function findCueGroups(doc: XDoc): [number, number][] {
  const scan = shippedScan(doc);
  return cueGroups(doc, (i) => scan.candidates[i] === 1);
}

/** scanCues with the shipped cue tagger, at its own bias and the keep model's candidate bias. */
function shippedScan(doc: XDoc): CueScan {
  return scanCues(doc, CUE_MODEL, LEXICON, CUE_CONTEXT, CUE_BIAS, KEEP_JSON.cueBias);
}

/** What the cue scan marks: cues at the tagger's own balance, the candidates at a more generous one, and each token's margin. */
export interface CueScan {
  /** 1 for the tokens tagged as cues at the tagger's own bias (and the multi-word cues). */
  marks: Uint8Array;
  /** 1 for the tokens tagged at the candidate bias (and the multi-word cues): what the keep model decides on. */
  candidates: Uint8Array;
  /** Each token's B score over its O score, before any bias: how strongly the tagger would open a cue there. */
  strength: Float32Array;
  /** 1 for the tokens of the multi-word cues ("ruled out", "according to"), marked in both of the above. */
  explicit: Uint8Array;
}

/**
 * The cue tagger over every sentence (`tagger` without a bias of its own), decoded twice: at `bias` (its
 * own balance of precision and recall, for the cues the content model is told about) and at
 * `candidateBias` (the candidates). The training script calls it with taggers of its own.
 */
export function scanCues(
  doc: XDoc,
  tagger: Tagger,
  lexicon: Readonly<Record<string, string>>,
  context: CueContext,
  bias: number,
  candidateBias: number,
): CueScan {
  const n = doc.tokens.length;
  const marks = new Uint8Array(n);
  const candidates = new Uint8Array(n);
  const strength = new Float32Array(n);
  for (const s of doc.sentences) {
    const len = s.last - s.first + 1;
    if (len <= 0) continue;
    const em = new Float64Array(len * 3);
    for (let i = s.first; i <= s.last; i++) {
      const at = (i - s.first) * 3;
      addEmission(tagger, cueFeatures(doc, i, lexicon, context), em, at);
      strength[i] = em[at + 1] - em[at];
    }
    const decode = (b: number, out: Uint8Array) => {
      const e = em.slice();
      for (let k = 0; k < len; k++) {
        e[k * 3 + 1] += b;
        e[k * 3 + 2] += b;
      }
      for (const [x, y] of spansOf(viterbi(e, len, tagger.transitions))) out.fill(1, s.first + x, s.first + y + 1);
    };
    decode(bias, marks);
    if (candidateBias === bias) candidates.set(marks.subarray(s.first, s.last + 1), s.first);
    else decode(candidateBias, candidates);
  }
  // The multi-word cues, found once and marked in both decodes.
  const explicit = new Uint8Array(n);
  multiwordCues(doc, explicit);
  for (let i = 0; i < n; i++)
    if (explicit[i]) {
      marks[i] = 1;
      candidates[i] = 1;
    }
  return { marks, candidates, strength, explicit };
}

/** How attributionsOfCues runs: the models and what the cue scan found (the defaults: the shipped models, no keep model). */
export interface CueOptions {
  /** The cues the content model is told about (default: the cues given). */
  mask?: Uint8Array;
  /** The cue scan's margins, per token: with `keep`, the keep model decides on each candidate. */
  strength?: ArrayLike<number>;
  keep?: ScoringModel;
  /**
   * 1 for the tokens of the multi-word cues ("ruled out", "according to"): a candidate whose cue opens
   * on one is kept whatever the keep model scores it (they are cues by their words, not by a guess).
   */
  explicit?: Uint8Array;
  content?: Tagger;
  source?: ScoringModel;
  /** Called with every candidate that reaches the keep model's decision, and its features (training). */
  onCandidate?: (raw: RawAttribution, features: string[]) => void;
}

/**
 * The attributions of the cue groups `cues` (token ranges, in text order): each cue's content as the
 * content model tags it (told where the span rules put it), then its source as the source model picks
 * it. A cue inside the content of the one before is nested in it (PolNeAR annotates the outer one only),
 * and a cue the content model finds no content for attributes nothing: both are dropped.
 */
export function attributionsOfCues(doc: XDoc, cues: [number, number][], opts: CueOptions = {}): RawAttribution[] {
  const ruled = new Map(attributions(doc, cues).map((r) => [r.cue[0], r]));
  const mask = opts.mask ?? cueMask(doc, cues);
  const contentModel = opts.content ?? CONTENT_MODEL;
  const sourceModel = opts.source ?? SOURCE_MODEL;
  const out: RawAttribution[] = [];
  let coveredFrom = -1;
  let coveredUntil = -1;
  for (const cue of cues) {
    const t = doc.tokens[cue[0]];
    if (t.start >= coveredFrom && t.end <= coveredUntil) continue;
    const rule = ruled.get(cue[0]);
    const pieces = contentOf(doc, cue, rule ? (rule.pieces ?? [rule.content]) : undefined, contentModel, LEXICON, mask);
    if (!pieces.length) continue;
    const content: [number, number] = [pieces[0][0], pieces[pieces.length - 1][1]];
    const raw: RawAttribution = {
      cue,
      source: null,
      content,
      sentence: t.sentence,
      // the speaker last named says it ("…, and noted that …") only through a verb: a cue without one
      // ("in light of", "amid") is a phrase of the article's own sentence
      inherit: rule?.inherit && doc.tokens.slice(cue[0], cue[1] + 1).some((x) => x.pos === "VERB" || x.pos === "AUX"),
      ...(pieces.length > 1 ? { pieces } : {}),
    };
    // who says it: the source model's choice among the sentence's noun phrases (or none)
    const chosen = chooseSource(doc, cue, pieces, sourceModel, SOURCE_NOUNS, rule ? rule.source : undefined);
    raw.source = chosen.span;
    if (raw.source) raw.source = namedBeforeAppositive(doc, raw.source, pieces);
    // no source: PolNeAR's attributions without one are passives without an agent; an active cue whose
    // source the model finds nowhere is rarely an attribution (on the dev articles, 3 in 10 were), except
    // for the few cues PolNeAR leaves without a source
    const isPassive = passive(doc, cue[0], cue[1], doc.sentences[t.sentence].first);
    if (!raw.source && !raw.inherit && !isPassive && !sourceless(doc, cue)) continue;
    // a passive without an agent ("France and Germany were cited as countries that …"): the claim is the
    // whole clause, subject included, as the span rules give it — PolNeAR's two pieces around the cue
    // would make a claim ("as countries that …") that the source's own sentence does not restate
    if (!raw.source && rule && !rule.source && rule.content[0] <= t.start && rule.content[1] >= doc.tokens[cue[1]].end) {
      raw.content = rule.content;
      delete raw.pieces;
    }
    // is it worth keeping, given its content and source (keep-model.ts)?
    if (opts.strength && (opts.keep || opts.onCandidate)) {
      let strength = -Infinity;
      for (let i = cue[0]; i <= cue[1]; i++) strength = Math.max(strength, opts.strength[i]);
      const f = keepFeatures(
        doc,
        {
          cue,
          pieces: raw.pieces ?? [raw.content],
          source: raw.source,
          strength,
          sourceMargin: chosen.margin,
          overNone: chosen.overNone,
          ruleSource: rule?.source ?? null,
          inherit: !!raw.inherit,
          passive: isPassive,
          rule: rule ? (rule.source ? "src" : "nosrc") : "none",
        },
        LEXICON,
        SOURCE_NOUNS,
      );
      opts.onCandidate?.(raw, f);
      if (opts.keep && !opts.explicit?.[cue[0]] && score(opts.keep, f) < opts.keep.threshold) continue;
    }
    out.push(raw);
    [coveredFrom, coveredUntil] = content;
  }
  return out;
}

/**
 * The claims database of attributions found in `doc` (in text order): speakers resolved (pronouns by
 * the pronoun model), a claim per attribution, and a claim of the article's own reporting for every
 * other sentence that asserts something. The training and evaluation scripts call it with other
 * attributions (the gold ones) to measure each stage.
 */
export function claimsFromAttributions(doc: XDoc, raws: RawAttribution[], input: Omit<ExtractInput, "nlp">): ClaimsFileJson {
  const { text } = input;
  const headings = input.headings ?? plainTextHeadings(text);
  const registry = new SpeakerRegistry(doc);
  const reporting: ExtractedSpeaker = {
    key: REPORTING_KEY,
    name: input.reporter ? input.reporter : "The article's reporting",
    role: input.reporter ? "unattributed reporting by the article" : "unattributed reporting by the article",
    aliases: new Set(),
    roleNouns: new Set(),
    person: false,
  };
  const used = new Map<string, ExtractedSpeaker>();
  const claims: Omit<ClaimJson, "id">[] = [];
  const attributedSentences = new Set<number>();
  let r = 0;
  let mentions: ReturnType<typeof mentionsOf> | undefined;
  const sourceHeads = new Set<string>();
  const cues = cueMask(
    doc,
    raws.map((x) => x.cue),
  );
  for (let s = 0; s < doc.sentences.length; s++) {
    for (; r < raws.length && raws[r].sentence === s; r++) {
      const raw = raws[r];
      const appositive = raw.source ? appositiveAfter(doc, raw.source[1], raw.cue[0]) : undefined;
      const mention = raw.source ? mentionOf(doc, raw, cues) : undefined;
      let personal: ExtractedSpeaker | undefined;
      // a pronoun names the person it refers to: the named mention the pronoun model picks
      if (raw.source && raw.source[0] === raw.source[1] && RESOLVABLE.has(doc.tokens[raw.source[0]].lower)) {
        const pron = doc.tokens[raw.source[0]].lower;
        const m = resolvePronoun(doc, raw.source[0], (mentions ??= mentionsOf(doc)), PRONOUN_MODEL, { heads: sourceHeads });
        // "he"/"she" is a person: when the model's pick names no one as a person ("Ukraine"), the person
        // last named as a source or subject (maybe by role: "The U.S. president") is meant
        // (and never an organisation: "Breitbart News", "the State Department")
        const organisation = m && namesOrganisation(doc.tokens.slice(m.first, m.head + 1));
        if (m && (!namesPerson(doc, mentions, m) || organisation) && GENDERED.has(pron) && registry.person()) personal = registry.person();
        else if (m) raw.source = [m.first, m.head];
      }
      const sp =
        personal ??
        (raw.source ? registry.resolve(raw.source[0], raw.source[1]) : raw.inherit ? (registry.current() ?? reporting) : reporting);
      if (!sp) continue;
      if (raw.source) {
        const h = doc.tokens[raw.source[1]];
        if (h.pos === "PROPN") sourceHeads.add(sourceKey(h.value));
      }
      // the mention as the source writes it ("Sen. Jack Reed (D-R.I.)") is one more way to name the speaker
      if (mention && sp.key !== REPORTING_KEY && mention.length <= 300 && mention !== sp.name) sp.aliases.add(mention);
      used.set(sp.key, sp);
      claims.push(claimOf(doc, raw, sp, headings, input.title, appositive));
      attributedSentences.add(s);
    }
    notePeople(doc, s, registry);
  }
  // the article's own reporting: every other sentence that asserts something
  for (let s = 0; s < doc.sentences.length; s++) {
    if (attributedSentences.has(s)) continue;
    const sent = doc.sentences[s];
    if (headings.some((h) => h.start <= sent.start && sent.end <= h.end)) continue;
    const words = doc.tokens.slice(sent.first, sent.last + 1).filter((t) => /\p{L}/u.test(t.value));
    if (words.length < 5 || /\?\s*[”"]?$/.test(text.slice(sent.start, sent.end))) continue;
    let end = sent.end;
    while (end > sent.start && /[.!\s]/.test(text[end - 1])) end--;
    const quote = text.slice(sent.start, end);
    // a sentence that quotes someone without a cue the model found is not the article's own words:
    // recording it as the article's paraphrase would make a faithful quotation of it "misquoted"
    if (/[“”"]/.test(doc.marks.slice(sent.start, end))) continue;
    used.set(reporting.key, reporting);
    claims.push({
      text: plain(quote) + ".",
      speaker: reporting.key,
      verb: "asserts",
      section: sectionAt(headings, sent.start, input.title),
      quote,
      start: sent.start,
      end,
      hedged: HEDGES.test(quote),
      polarity: "positive",
      quoteKind: "reported",
    });
  }
  claims.sort((a, b) => a.start - b.start || a.end - b.end);
  const speakers: Record<string, SpeakerJson> = {};
  for (const sp of [...used.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const aliases = [...sp.aliases].filter((a) => a !== sp.name).sort();
    speakers[sp.key] = { name: sp.name, role: sp.role || `quoted in ${input.title}`, ...(aliases.length ? { aliases } : {}) };
  }
  const source: ClaimsFileJson["source"] = {
    title: input.title,
    ...(input.sourceFile ? { file: input.sourceFile } : {}),
    ...(input.url ? { url: input.url } : {}),
  };
  return { $schema: "./claims.schema.json", version: 1, title: input.title, source, speakers, claims: assignIds(claims, input.title) };
}

/**
 * "Ana Ruiz, the spokeswoman for the port, said": a source that is a description set off by
 * a comma after a name is that name's appositive; the name is the source.
 */
function namedBeforeAppositive(doc: XDoc, [s, e]: [number, number], pieces: readonly (readonly [number, number])[]): [number, number] {
  const tk = doc.tokens;
  if (beforePreposition(tk.slice(s, e + 1)).some((t) => t.pos === "PROPN" || t.pos === "PRON") || tk[s - 1]?.value !== ",") return [s, e];
  let k = s - 2;
  // past a parenthetical: "Rep. Ana Ruiz (D-Ore.), chair of …"
  if (tk[k]?.value === ")") {
    let j = k;
    while (j > 0 && k - j < 10 && tk[j].value !== "(") j--;
    if (tk[j]?.value === "(") k = j - 1;
  }
  const first = doc.sentences[tk[s].sentence].first;
  if (k < first || tk[k].pos !== "PROPN" || tk[k].inQuote || TEMPORAL.has(tk[k].lower)) return [s, e];
  if (pieces.some(([a, b]) => tk[k].start >= a && tk[k].end <= b)) return [s, e];
  const named = npEndingAt(doc, k, first);
  // the object of a preposition is no name the description stands beside ("on Tuesday, the company said")
  if (!named || tk[named[0] - 1]?.pos === "ADP") return [s, e];
  return named;
}

/** 1 for the tokens of the cue groups. */
export function cueMask(doc: XDoc, cues: readonly (readonly [number, number])[]): Uint8Array {
  const out = new Uint8Array(doc.tokens.length);
  for (const [a, b] of cues) out.fill(1, a, b + 1);
  return out;
}

/** Marks the multi-word cues ("according to", "ruled out") in `out`. */
function multiwordCues(doc: XDoc, out: Uint8Array): void {
  for (let i = 0; i < doc.tokens.length; i++) {
    for (const seq of MULTIWORD_CUES) {
      if (
        seq.every(
          (l, k) =>
            doc.tokens[i + k] &&
            !doc.tokens[i + k].inQuote &&
            (doc.tokens[i + k].lemma === l || doc.tokens[i + k].lower === l || (k === 0 && inflects(doc.tokens[i + k].lower, l))) &&
            doc.tokens[i + k].sentence === doc.tokens[i].sentence,
        )
      )
        out.fill(1, i, i + seq.length);
    }
  }
}

/** "ruling", "rules", "ruled" of "rule" (wink lemmatises "ruling" as the noun). */
function inflects(word: string, lemma: string): boolean {
  const stem = lemma.replace(/e$/, "");
  return word.startsWith(stem) && /^(?:e|es|s|ed|d|ing)$/.test(word.slice(stem.length));
}

/** Named people in sentence `s` (runs of two or more proper nouns), so that a later "he" finds the last one. */
function notePeople(doc: XDoc, s: number, registry: SpeakerRegistry): void {
  const sent = doc.sentences[s];
  for (let i = sent.first; i <= Math.min(sent.last, sent.first + 3); i++) {
    if (doc.tokens[i].pos !== "PROPN" || doc.tokens[i].inQuote) continue;
    let j = i;
    while (j + 1 <= sent.last && (doc.tokens[j + 1].pos === "PROPN" || doc.tokens[j + 1].value === ".")) j++;
    if (j > i) registry.notePerson(doc.tokens.slice(i, j + 1));
    i = j;
  }
}

function sectionAt(headings: Heading[], at: number, title: string): string {
  let best: Heading | undefined;
  for (const h of headings) if (h.start <= at) best = h;
  return best?.text ?? title;
}

const QUOTE_CHARS = /[“”"]|''|``/g;

/** The text as a plain statement: quotation marks and a leading "that" dropped, spaces tidied. */
function plain(s: string): string {
  return s
    .replace(QUOTE_CHARS, "")
    .replace(/^\s*(?:that|,|:)\s+/i, "")
    .replace(/\s+/g, " ")
    .replace(/[\s,;:.]+$/, "")
    .trim();
}

/**
 * "Tomas Reyes, a Democrat from the fourth ward, said …": the words set off by commas between a
 * source ending at token `e` and its cue starting at `cue`, or undefined.
 */
function appositiveAfter(doc: XDoc, e: number, cue: number): string | undefined {
  const tk = doc.tokens;
  if (tk[e + 1]?.value !== "," || cue - e > 20 || cue <= e) return undefined;
  let close = cue - 1;
  while (close > e + 1 && (tk[close].pos === "AUX" || tk[close].pos === "ADV" || tk[close].pos === "PART")) close--;
  if (tk[close].value !== "," || close <= e + 2) return undefined;
  if (tk.slice(e + 2, close).some((t) => t.inQuote || t.value === "," || t.sentence !== tk[e].sentence)) return undefined;
  return doc.text.slice(tk[e + 2].start, tk[close - 1].end);
}

/**
 * The source mention as the text writes it, with the modifiers that identify the speaker (source-extent.ts),
 * ("Anne Lee, a lawyer for the union,").
 */
function mentionOf(doc: XDoc, raw: RawAttribution, cues: Uint8Array): string {
  const src = raw.source!;
  const [s, e] = sourceExtent(doc, src, raw.cue, raw.pieces ?? [raw.content], cues);
  return doc.text.slice(doc.tokens[s].start, doc.tokens[e].end);
}

function claimOf(
  doc: XDoc,
  raw: RawAttribution,
  sp: ExtractedSpeaker,
  headings: Heading[],
  title: string,
  appositive?: string,
): Omit<ClaimJson, "id"> {
  const { text } = doc;
  const marks = doc.marks; // '' and `` read as "
  let [start, end] = raw.content;
  // a content in pieces around its cue ("“…,” she said. “…”"): one contiguous quote would hold "she said",
  // which the speaker never said; the longest piece is the claim when it holds most of the words (the
  // database holds one quote per claim)
  if (raw.pieces && raw.pieces.length > 1) {
    const cueStart = doc.tokens[raw.cue[0]].start;
    const between = raw.pieces.some(([, e]) => e <= cueStart) && raw.pieces.some(([s]) => s >= cueStart);
    const longest = raw.pieces.reduce((x, y) => (y[1] - y[0] > x[1] - x[0] ? y : x));
    const total = raw.pieces.reduce((n, [a, b]) => n + b - a, 0);
    if (between && (longest[1] - longest[0]) / total >= LONGEST_PIECE) [start, end] = longest;
  }
  let quoteKind: "direct" | "reported" = "reported";
  // the direct part of the content: the words inside quotation marks, when they are most of it
  const open = marks.indexOf("“", start) >= 0 && marks.indexOf("“", start) < end ? marks.indexOf("“", start) : marks.indexOf('"', start);
  if (open >= start && open < end) {
    const closeCurly = marks.lastIndexOf("”", end - 1);
    const close = closeCurly > open ? closeCurly : marks.lastIndexOf('"', end - 1);
    if (close > open) {
      const inside = close + 1 - open;
      const letters = (a: number, b: number) => (text.slice(a, b).match(/\p{L}/gu) ?? []).length;
      if (letters(open, close + 1) >= 0.5 * letters(start, end) && marks.slice(open, close + 1).indexOf("“", 1) < 0) {
        start = open;
        end = open + inside;
        quoteKind = "direct";
      }
    }
  }
  const quote = text.slice(start, end);
  const cueTokens = doc.tokens.slice(raw.cue[0], raw.cue[1] + 1);
  let k = 0;
  while (k < cueTokens.length - 1 && (VERB_GROUP.has(cueTokens[k].lower) || cueTokens[k].pos === "AUX")) k++;
  const verb =
    text
      .slice(cueTokens[k].start, cueTokens[cueTokens.length - 1].end)
      .replace(/[,:]$/, "")
      .trim() || ":";
  const named = sp.key === REPORTING_KEY ? "" : sp.person ? (sp.name.split(/\s+/).at(-1) ?? sp.name) : sp.name;
  // the statement keeps what the source says of the speaker ("a Democrat from the fourth ward"), so a
  // sentence repeating it restates the record rather than adding to it
  const who = named && appositive ? `${named}, ${appositive},` : named;
  let body = plain(quote);
  // "he"/"she" opening the content is the speaker: resolved
  if (named) body = body.replace(/^(he|she)\b/i, named);
  const verbWord = /^[:]$/.test(verb) ? "said" : /^according/i.test(verb) ? "said" : verb;
  // what stands between the cue and the content ("on Tuesday", "reporters") stays in the statement, so
  // the source's own sentence restates the record rather than adding a date or a recipient to it
  const cueEnd = cueTokens[cueTokens.length - 1].end;
  const gap =
    cueEnd < start
      ? text
          .slice(cueEnd, start)
          .replace(/[\s,:]+$/, "")
          .trim()
      : "";
  const link = gap && gap.split(/\s+/).length <= 6 && !/[“”"]/.test(marks.slice(cueEnd, start)) ? `${gap} ` : "";
  const statement = who ? `${who} ${verbWord} ${link}${body}` : `${capitalise(body)}`;
  const negative = NEGATING_CUES.test(verb) || NEGATION.test(firstClause(body));
  return {
    text: /[.!?]$/.test(statement) ? statement : statement + ".",
    speaker: sp.key,
    verb,
    section: sectionAt(headings, start, title),
    quote,
    start,
    end,
    hedged: HEDGES.test(quote),
    polarity: negative ? "negative" : "positive",
    quoteKind,
  };
}

/**
 * How much of a content in pieces its longest piece must hold to stand for it alone. On the dev articles,
 * 0.6 keeps PolNeAR's attribution score and adds 3.5 points of source overlap (the source, between the
 * pieces, is outside the quote) for 2 of content overlap.
 */
const LONGEST_PIECE = 0.6;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const firstClause = (s: string) => s.split(/[,;]/)[0];

// Who does a draft sentence say is speaking? "Leavitt said …", "… , Trump said.",
// "according to Trump, …", "Putin rejected …". The subject of the first attribution verb wins.
// Pronouns ("He said") name nobody, and so can never misattribute.
import type { Token } from "./analyze.js";
import { isEntityTerm, termOf } from "./analyze.js";
import { ATTRIBUTION_VERB_LEMMAS, SPEAKER_VERB_GAP } from "./lexicon/cues.js";
import { withinOneEdit } from "./edit-distance.js";
import type { Speaker } from "./types.js";

/** Words that may stand in a speaker's title: "White House press secretary Karoline Leavitt". */
const TITLE_WORDS: ReadonlySet<string> = new Set([
  "president",
  "secretary",
  "press",
  "minister",
  "prime",
  "foreign",
  "defense",
  "defence",
  "spokesperson",
  "spokesman",
  "spokeswoman",
  "chancellor",
  "leader",
  "envoy",
  "official",
  "senator",
  "general",
  "ambassador",
  "white",
  "house",
  "state",
  "vice",
  "chief",
  "adviser",
  "advisor",
  "former",
  "u.s.",
  "russian",
  "ukrainian",
  "french",
  "german",
  "british",
  "european",
  "national",
  "security",
  "mr.",
  "mrs.",
  "ms.",
  "dr.",
  "gen.",
  "sen.",
  "council",
  "member",
  "mayor",
  "governor",
  "commissioner",
  "councillor",
  "councilor",
  "representative",
  "rep.",
  "deputy",
  "director",
  "head",
  "lawmaker",
  "congressman",
  "congresswoman",
  "king",
  "queen",
  "pope",
]);
/** Nouns for what someone said, after a possessive name. */
const SPEECH_NOUNS: ReadonlySet<string> = new Set([
  "view",
  "statement",
  "remark",
  "comment",
  "word",
  "assessment",
  "position",
  "claim",
  "argument",
  "announcement",
  "pledge",
  "promise",
  "warning",
  "message",
]);
// ("called for X" and "called X 'a vital link'" both attribute, so "call" needs no particle.)
const PARTICLE_REQUIRED: Readonly<Record<string, string>> = { make: "clear", point: "out" };
const PASSIVE_AUX: ReadonlySet<string> = new Set(["be", "been", "being", "was", "were", "is", "are"]);

export interface NamedSpeaker {
  /** The name as written, without titles where a proper name is present. */
  name: string;
  /** Token index range of the mention. */
  first: number;
  last: number;
}

/** Known speakers' ways of being named, lowercase token sequences, longest first. */
export class SpeakerDirectory {
  private readonly aliases: { words: string[]; key: string }[] = [];
  /** sameSpeaker's answers for the mentions drafts make (the matcher asks them per candidate). */
  readonly tests = new SpeakerTests();

  constructor(speakers: Iterable<Speaker>) {
    const seen = new Set<string>();
    for (const s of speakers) {
      for (const a of [s.name, ...(s.aliases ?? [])]) {
        const words = a.toLowerCase().split(/\s+/).filter(Boolean);
        const key = words.join(" ");
        if (!words.length || seen.has(key)) continue;
        seen.add(key);
        this.aliases.push({ words, key });
      }
    }
    this.aliases.sort((a, b) => b.words.length - a.words.length);
    // By first and by last word, each list in the order above: a lookup tries only aliases that can match.
    for (const a of this.aliases) {
      push(this.byFirst, a.words[0], a);
      push(this.byLast, a.words[a.words.length - 1], a);
    }
  }

  private readonly byFirst = new Map<string, { words: string[]; key: string }[]>();
  private readonly byLast = new Map<string, { words: string[]; key: string }[]>();

  /** Length of a known alias that ends at token `last`, or 0. */
  aliasEndingAt(tokens: Token[], last: number): number {
    for (const a of this.byLast.get(tokens[last]?.lower) ?? []) {
      const first = last - a.words.length + 1;
      if (first >= 0 && a.words.every((w, k) => tokens[first + k].lower === w)) return a.words.length;
    }
    return 0;
  }

  /** Token indices inside any mention of a known speaker, wherever it stands ("In Trump's view"). */
  knownMentions(tokens: Token[]): Set<number> {
    const out = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const n = this.aliasStartingAt(tokens, i);
      if (n && tokens.slice(i, i + n).some((t) => t.pos === "PROPN")) {
        for (let k = i; k < i + n; k++) out.add(k);
        i += n - 1;
      }
    }
    return out;
  }

  /** Length of a known alias that starts at token `first`, or 0. */
  aliasStartingAt(tokens: Token[], first: number): number {
    for (const a of this.byFirst.get(tokens[first]?.lower) ?? []) {
      if (a.words.every((w, k) => tokens[first + k]?.lower === w)) return a.words.length;
    }
    return 0;
  }
}

/** Appends `v` to the list of `k` in a map of lists. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The speaker a sentence names, if any. */
export function findNamedSpeaker(tokens: Token[], directory: SpeakerDirectory): NamedSpeaker | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // "according to X"
    if (t.lower === "according" && tokens[i + 1]?.lower === "to") {
      const m = mentionFrom(tokens, i + 2, directory);
      if (m) return m;
      continue;
    }
    // "In Trump's view", "Leavitt's statement that …"
    if (SPEECH_NOUNS.has(t.lemma) && i >= 2 && tokens[i - 1].lower === "'s") {
      const m = mentionEndingAt(tokens, i - 2, directory);
      if (m) return m;
    }
    if (t.pos !== "VERB" || !ATTRIBUTION_VERB_LEMMAS.has(t.lemma)) continue;
    // "made clear", "pointed out": these verbs attribute only with their particle.
    if (t.lemma in PARTICLE_REQUIRED && tokens[i + 1]?.lower !== PARTICLE_REQUIRED[t.lemma]) continue;
    if (isPassive(tokens, i)) {
      // "… was rejected by Putin": the agent is the speaker.
      if (tokens[i + 1]?.lower === "by") {
        const m = mentionFrom(tokens, i + 2, directory);
        if (m) return m;
      }
      continue;
    }
    // Subject to the left, across "has", "firmly", "later" …
    let j = i - 1;
    while (j >= 0 && (SPEAKER_VERB_GAP.has(tokens[j].lower) || (tokens[j].pos === "ADV" && tokens[j].lower.endsWith("ly")))) j--;
    if (j >= 0) {
      if (tokens[j].pos === "PRON") return undefined; // "He said": the draft names nobody here.
      const m = mentionEndingAt(tokens, j, directory) ?? beforeAppositive(tokens, j, directory);
      if (m) return m;
    }
    // Inverted: "…, said Trump."
    const after = mentionFrom(tokens, i + 1, directory);
    if (after && (after.last + 1 >= tokens.length || !tokens[after.last + 1].isWord)) return after;
  }
  return undefined;
}

/** What sameSpeaker compares of a speaker: its name and aliases, lowercase without "the", and their proper names. */
export interface SpeakerNames {
  aliases: readonly string[];
  properNames: ReadonlySet<string>;
}

/** A speaker's names as sameSpeaker reads them. */
export function speakerNames(speaker: Speaker): SpeakerNames {
  const all = [speaker.name, ...(speaker.aliases ?? [])];
  return {
    aliases: all.map((a) => stripThe(a.toLowerCase())),
    properNames: new Set(
      all
        .flatMap((a) => a.split(/\s+/))
        .filter((w) => /^[A-Z]/.test(w) && !TITLE_WORDS.has(w.toLowerCase()))
        .map((w) => w.toLowerCase()),
    ),
  };
}

/** What sameSpeaker reads of a mention: its words as one phrase without "the", and its proper nouns but titles. */
function mentionWords(named: NamedSpeaker, tokens: Token[]): { phrase: string; proper: string[] } {
  const span = tokens.slice(named.first, named.last + 1);
  return {
    phrase: stripThe(span.map((t) => t.lower).join(" ")),
    proper: span.filter((t) => t.pos === "PROPN" && !TITLE_WORDS.has(t.lower)).map((t) => t.lower),
  };
}

/** Does a named speaker refer to this claim's speaker? Compares proper names, or whole aliases. */
export function sameSpeaker(named: NamedSpeaker, tokens: Token[], speaker: Speaker, names: SpeakerNames = speakerNames(speaker)): boolean {
  return sameNames(mentionWords(named, tokens), names);
}

function sameNames(m: { phrase: string; proper: readonly string[] }, names: SpeakerNames): boolean {
  if (names.aliases.includes(m.phrase)) return true;
  // A misspelt name ("Karoline Levitt") is still that person, not someone else to blame.
  return m.proper.some((w) => names.properNames.has(w) || [...names.properNames].some((n) => n.length >= 5 && withinOneEdit(n, w)));
}

/** Mentions whose answers a SpeakerTests keeps before it starts again (a bound on memory). */
const SPEAKER_TESTS_KEPT = 4096;

/**
 * sameSpeaker, remembered: a draft names the same few people in many sentences, and each sentence's candidates
 * have a few hundred speakers between them, so the answer for one mention and one speaker is asked again and
 * again (it was a tenth of a check against 100,000 claims). The answer depends only on the mention's words, its
 * proper nouns and the speaker's names, which make the key.
 */
export class SpeakerTests {
  private readonly names = new Map<Speaker, SpeakerNames>();
  private readonly answers = new Map<string, Map<Speaker, boolean>>();

  /** The answers for one mention, by speaker: the same object for the same words. */
  forMention(named: NamedSpeaker, tokens: Token[]): (speaker: Speaker) => boolean {
    const m = mentionWords(named, tokens);
    const key = `${m.phrase}\u0000${m.proper.join(" ")}`;
    let answers = this.answers.get(key);
    if (!answers) {
      if (this.answers.size >= SPEAKER_TESTS_KEPT) this.answers.clear();
      this.answers.set(key, (answers = new Map()));
    }
    const known = answers;
    return (speaker) => {
      let v = known.get(speaker);
      if (v === undefined) {
        let names = this.names.get(speaker);
        if (!names) this.names.set(speaker, (names = speakerNames(speaker)));
        known.set(speaker, (v = sameNames(m, names)));
      }
      return v;
    };
  }
}

function stripThe(s: string): string {
  return s.replace(/^the\s+/, "");
}

function isPassive(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    if (PASSIVE_AUX.has(tokens[j].lower)) return true;
    if (tokens[j].pos !== "ADV" && tokens[j].pos !== "PART") break;
  }
  return false;
}

/** "Putin, the Russian president, said …": the name before a comma-enclosed aside that ends at `j`. */
function beforeAppositive(tokens: Token[], j: number, directory: SpeakerDirectory): NamedSpeaker | undefined {
  if (tokens[j].text !== ",") return undefined;
  for (let k = j - 1; k >= 1 && k >= j - 8; k--) {
    if (tokens[k].text === ",") return mentionEndingAt(tokens, k - 1, directory);
    if (tokens[k].pos === "PUNCT") return undefined;
  }
  return undefined;
}

/** A person mention whose last token is `j`: a known alias, or a run of proper nouns with titles. */
function mentionEndingAt(tokens: Token[], j: number, directory: SpeakerDirectory): NamedSpeaker | undefined {
  const known = directory.aliasEndingAt(tokens, j);
  let first = j;
  if (known) first = j - known + 1;
  else if (tokens[j].pos !== "PROPN") return undefined;
  while (first > 0 && (tokens[first - 1].pos === "PROPN" || TITLE_WORDS.has(tokens[first - 1].lower))) first--;
  return person(tokens, first, j, known > 0);
}

function mentionFrom(tokens: Token[], i: number, directory: SpeakerDirectory): NamedSpeaker | undefined {
  if (i >= tokens.length) return undefined;
  const known = directory.aliasStartingAt(tokens, i);
  let last = known ? i + known - 1 : i - 1;
  while (last + 1 < tokens.length && (tokens[last + 1].pos === "PROPN" || TITLE_WORDS.has(tokens[last + 1].lower))) last++;
  if (last < i) return undefined;
  return person(tokens, i, last, known > 0);
}

/** Places and organisations ("Washington rejected …") are not people who can be misquoted. */
function person(tokens: Token[], first: number, last: number, known: boolean): NamedSpeaker | undefined {
  const span = tokens.slice(first, last + 1);
  if (!known) {
    const names = span.filter((t) => t.pos === "PROPN" && !TITLE_WORDS.has(t.lower));
    if (!names.length) return undefined;
    if (names.every((t) => isEntityTerm(termOf(t.lower)))) return undefined;
    if (isEntityTerm(termOf(names.map((t) => t.lower).join(" ")))) return undefined; // "United States"
  }
  const proper = span.filter((t) => t.pos === "PROPN" && !TITLE_WORDS.has(t.lower));
  const name = (proper.length ? proper : span).map((t) => t.text).join(" ");
  return { name, first, last };
}

// Social and web text as the matcher should read it. A tweet or a pasted post carries words that are
// not its content — links, "pic.twitter.com/…", emoji, "RT", the "— Name (@handle) Month D, YYYY" line
// a quoted tweet ends with — and content written in a compact form: "@realDonaldTrump" names Donald
// Trump, "#DefundTheCBC" says "Defund The CBC". Read raw, the first kind count as words no claim
// accounts for and the second as one unknown word, so a tweet that repeats a claim scores under the
// thresholds. This module rewrites a text into what it says, with a map from every character of the
// result back to the original, so findings keep their offsets into the draft.
//
// Pure and linear in the text's length; leaves prose without such marks unchanged (same string, identity map).

/** A text as the matcher reads it, and where each of its characters came from. */
export interface NormalisedText {
  /** What the matcher reads. */
  text: string;
  /**
   * `origin[i]` is the offset in the original text of `text[i]`; `origin[text.length]` is the original
   * length. Non-decreasing, so a range [a, b) of `text` maps to [origin[a], origin[b]).
   */
  origin: number[];
  /** The poster a trailing "— Name (@handle) date" names: who posted, not what was said. */
  poster?: string;
  /** True when nothing was rewritten (text is the original). */
  unchanged: boolean;
}

const MONTHS =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?";
/** "— Harbor Watch (@HarborWatchNews) March 3, 2021" at the very end (an embedded tweet's byline). */
const TRAILER = new RegExp(`\\s*[—–―-]+\\s*([^—–―\\n]{0,100}?)\\s*\\(@(\\w{1,30})\\)\\s*${MONTHS}\\s+\\d{1,2},\\s+\\d{4}\\s*$`, "u");
/** Links: scheme URLs (also glued to a word before them, "#Tag https://…" written without the space), bare www. and pic.twitter.com. */
const LINK = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)[^\s<>"“”]*/giu;
/** Emoji and their joiners, variation selectors, skin tones, flags (regional indicators), keycaps. */
const EMOJI = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0E|\uFE0F|\u20E3)+/gu;
/** "@handle" (not an e-mail address: no word character before it). */
const HANDLE = /(?<![\p{L}\p{N}_])@(\w{1,30})/gu;
/** "#Hashtag" (a letter must follow, so "#1" and "#" alone stay). */
const HASHTAG = /(?<![\p{L}\p{N}_&])#([\p{L}][\p{L}\p{N}_]*)/gu;
/** "RT" as a retweet marker: uppercase, standing alone (usually before "@handle:"). */
const RETWEET = /(?<![\p{L}\p{N}])RT(?=\s|:|$)(?:\s*:)?/gu;
const ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'" };
const ENTITY = /&(?:amp|lt|gt|quot|apos|#39);/g;
/** Cheap pre-test: prose with none of these characters needs no work. */
const MAYBE = /[@#&—–―-]|https?:|www\.|pic\.twitter|RT|[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;

/** One rewrite: replace original [start, end) with `text` (each of its characters mapped to `at[k]`, default start). */
interface Edit {
  start: number;
  end: number;
  text: string;
  at?: number[];
}

/** The words of a handle or hashtag body: "realDonaldTrump" → "real Donald Trump", "joe_biden" → "joe biden", "COVID19" → "COVID 19". */
export function splitCompound(body: string): string {
  return body
    .replace(/_+/g, " ")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `body` (which starts at original offset `from`) split into words, each character mapped to the
 * original character it comes from and each inserted space to the character after it.
 */
function splitWithOrigin(body: string, from: number): { text: string; at: number[] } {
  const words = splitCompound(body);
  let text = "";
  const at: number[] = [];
  let j = 0;
  for (const ch of words) {
    if (ch === " ") {
      // An inserted space (or the one standing for "_"): it belongs before the next original character.
      while (j < body.length && body[j] === "_") j++;
      text += " ";
      at.push(from + j);
      continue;
    }
    while (j < body.length && body[j] !== ch) j++;
    text += ch;
    at.push(from + Math.min(j, body.length - 1));
    j++;
  }
  return { text, at };
}

/** Rewrites social and web text for matching (see the module comment). */
export function normaliseSocialText(original: string): NormalisedText {
  if (!MAYBE.test(original)) return identity(original);
  const edits: Edit[] = [];
  let poster: string | undefined;
  let end = original.length;

  const trailer = TRAILER.exec(original);
  if (trailer) {
    poster = trailer[1].replace(EMOJI, " ").replace(/\s+/g, " ").trim() || splitCompound(trailer[2]);
    end = trailer.index;
    edits.push({ start: trailer.index, end: original.length, text: "" });
  }
  const head = original.slice(0, end);
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const add = (e: Edit) => {
    if (!free(e.start, e.end)) return;
    taken.push([e.start, e.end]);
    edits.push(e);
  };
  for (const m of head.matchAll(LINK)) add({ start: m.index, end: m.index + m[0].length, text: " " });
  for (const m of head.matchAll(EMOJI)) add({ start: m.index, end: m.index + m[0].length, text: " " });
  for (const m of head.matchAll(RETWEET)) add({ start: m.index, end: m.index + m[0].length, text: " " });
  for (const re of [HANDLE, HASHTAG]) {
    for (const m of head.matchAll(re)) {
      // A body glued to a link ("#DefundTheCBChttps://…") ends where the link begins.
      let stop = m.index + m[0].length;
      for (const [x] of taken) if (x > m.index && x < stop) stop = x;
      const body = original.slice(m.index + 1, stop);
      if (!body) continue;
      const s = splitWithOrigin(body, m.index + 1);
      // The "#"/"@" becomes a space, so a glued "word#Tag" still splits into words.
      add({ start: m.index, end: stop, text: " " + s.text, at: [m.index, ...s.at] });
    }
  }
  for (const m of head.matchAll(ENTITY)) add({ start: m.index, end: m.index + m[0].length, text: ENTITIES[m[0]] });
  if (!edits.length) return identity(original);

  edits.sort((x, y) => x.start - y.start);
  let text = "";
  const origin: number[] = [];
  let at = 0;
  for (const e of edits) {
    for (let i = at; i < e.start; i++) origin.push(i);
    text += original.slice(at, e.start);
    for (let k = 0; k < e.text.length; k++) origin.push(e.at?.[k] ?? e.start);
    text += e.text;
    at = e.end;
  }
  for (let i = at; i < original.length; i++) origin.push(i);
  text += original.slice(at);
  origin.push(original.length);
  return { text, origin, poster, unchanged: false };
}

function identity(text: string): NormalisedText {
  const origin = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) origin[i] = i;
  return { text, origin, unchanged: true };
}

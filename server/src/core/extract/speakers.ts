// Who a source mention names. Names are split into title (to the role) and name
// ("U.S. President Donald Trump" → Donald Trump, role "U.S. President"); later mentions by surname,
// by role noun ("the president", "the press secretary") and by pronoun resolve to a speaker already
// met; anything else (an organisation, "a spokeswoman for the campaign", "officials") is a speaker of
// its own, named as written.
import type { XDoc, XToken } from "./tokens.js";
import { TITLES } from "./words.js";

export interface ExtractedSpeaker {
  key: string;
  name: string;
  role: string;
  aliases: Set<string>;
  /** Lower-case role nouns that name this speaker later ("president", "secretary"). */
  roleNouns: Set<string>;
  person: boolean;
}

const STRIP_DET = /^(?:the|a|an|this|that|these|those)\s+/i;

export function slug(s: string, max = 40): string {
  const out = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return out || "x";
}

const PREPOSITIONS: ReadonlySet<string> = new Set(["of", "for", "at", "from", "in", "with", "on", "by", "among"]);
const MINOR: ReadonlySet<string> = new Set(["of", "and", "the", "for", "de", "la", "del", "van", "von", "&"]);

/** The tokens of a noun phrase before its first prepositional phrase, unless the phrase is title-cased throughout. */
export function beforePreposition(tk: XToken[]): XToken[] {
  const k = tk.findIndex((t, i) => i > 0 && PREPOSITIONS.has(t.lower));
  if (k <= 0) return tk;
  const titled = tk.every((t) => MINOR.has(t.lower) || !/\p{L}/u.test(t.value) || /^[\p{Lu}\p{N}]/u.test(t.value));
  return titled ? tk : tk.slice(0, k);
}

/** Last words of an organisation's name ("the Justice Department", "Breitbart News"): no person's name. */
const ORGANISATION_ENDS =
  /^(Department|Committee|Party|House|Senate|Campaign|Office|Council|Agency|Administration|Times|Post|News|Press|Association|Institute|Center|Foundation|Commission|Court|Congress|Ministry|Bureau|Service|Group|Company|Corporation|Inc)$/;
/** Last words that make a name an organisation's for "he"/"she" (ORGANISATION_ENDS and a few more). */
const ORGANISATION_WORDS =
  /^(?:Watch|Network|Journal|Magazine|Media|Fund|PAC|Union|League|University|College|School|Bank|Board|Authority|Agency|Coalition|Alliance|Council|Reuters|Government|Republic|Kingdom|Inc\.|Corp\.|Co\.|LLC|Ltd\.?)$/;

/**
 * Whether a mention (its tokens) names an organisation rather than a person: its last word is one of an
 * organisation's ("Breitbart News", "the State Department"), an institution "of" a place, or an acronym
 * ("FBI"). "He" or "she" never refers to one.
 */
export function namesOrganisation(tk: readonly XToken[]): boolean {
  const last = tk.at(-1);
  if (!last) return false;
  const v = last.value.replace(/['’]s$/, "");
  if (ORGANISATION_ENDS.test(v) || ORGANISATION_WORDS.test(v) || /^\p{Lu}{2,}$/u.test(v)) return true;
  const of = tk.findIndex((t, i) => i > 0 && t.lower === "of");
  return of > 0 && INSTITUTIONS.test(tk[of - 1].value);
}

/** Heads of an institution's name that an "of" phrase completes ("Bank of Portugal", "Friends of the Earth"). */
const INSTITUTIONS =
  /^(?:Bank|University|College|Institute|Department|Ministry|Board|Council|Church|Museum|Court|Federation|Association|Society|League|Union|Academy|School|Office|Bureau|Chamber|Commission|Committee|Center|Centre|Foundation|Fund|Republic|Kingdom|Government|Party|Corporation|Company|Agency|Service|Division|Coalition|Alliance|Organi[sz]ation|Conference|Network|Friends|Daughters|Sons|Knights|Order|Federal Reserve|Library|Hospital|Port|Authority|Assembly|Parliament|Congress)s?$/;

export class SpeakerRegistry {
  readonly speakers = new Map<string, ExtractedSpeaker>();
  private bySurname = new Map<string, ExtractedSpeaker>();
  /** The last person named as a source or a subject, for "he"/"she". */
  private lastPerson: ExtractedSpeaker | undefined;
  /** The last non-person source, for "it"/"they". */
  private lastGroup: ExtractedSpeaker | undefined;
  private lastAny: ExtractedSpeaker | undefined;

  constructor(private readonly doc: XDoc) {}

  /** Notes a named person seen in running text (not as a source), so a later "he" can find them. */
  notePerson(tokens: XToken[]): void {
    const sp = this.fromName(tokens, false);
    if (sp) this.lastPerson = sp;
  }

  /** The last person named as a source or a subject. */
  person(): ExtractedSpeaker | undefined {
    return this.lastPerson;
  }

  /** The speaker a cue without a source of its own belongs to: the last one named. */
  current(): ExtractedSpeaker | undefined {
    return this.lastAny ?? this.lastPerson;
  }

  /** The speaker a source mention (tokens [a, b]) names, or undefined when it names nobody usable. */
  resolve(a: number, b: number): ExtractedSpeaker | undefined {
    const tk = this.doc.tokens.slice(a, b + 1);
    if (tk.length === 1 && tk[0].pos === "PRON") {
      const p = tk[0].lower;
      if (p === "he" || p === "she" || p === "him" || p === "her" || p === "i" || p === "who") return this.lastPerson ?? this.lastAny;
      return this.lastGroup ?? this.lastAny;
    }
    const sp = this.fromName(tk, true);
    if (sp) {
      this.lastAny = sp;
      if (sp.person) this.lastPerson = sp;
      else this.lastGroup = sp;
    }
    return sp;
  }

  private fromName(all: XToken[], asSource: boolean): ExtractedSpeaker | undefined {
    const text = this.doc.text.slice(all[0].start, all[all.length - 1].end);
    // the head is before a prepositional phrase ("72 percent of Democrats", "chief executive of
    // CloudFlare", "Gov. John Kasich of Ohio"), except in a title-cased name ("Secretary of State John Kerry")
    let tk = beforePreposition(all);
    // a title-cased "X of Y": a person of a place ("Gov. Ana Ruiz of Oregon", "Ruiz of Texas") is the person;
    // an institution of a place ("Bank of Portugal", "University of Oslo") is the institution, whole
    let institution = false;
    const of = tk.findIndex((t, i) => i > 0 && t.lower === "of");
    if (of > 0) {
      const left = tk[of - 1];
      if (INSTITUTIONS.test(left.value)) institution = true;
      else if (left.pos === "PROPN" && /^\p{Lu}/u.test(left.value) && !TITLES.has(left.lower.replace(/\.$/, ""))) tk = tk.slice(0, of);
    }
    // the name: the last run of capitalised proper nouns
    let e = tk.length - 1;
    while (e >= 0 && tk[e].pos !== "PROPN") e--;
    let s = e;
    while (
      s - 1 >= 0 &&
      (tk[s - 1].pos === "PROPN" || tk[s - 1].value === "." || tk[s - 1].value === "-") &&
      !TITLES.has(tk[s - 1].lower.replace(/\.$/, ""))
    )
      s--;
    while (s >= 0 && s <= e && (tk[s].value === "." || TITLES.has(tk[s].lower.replace(/\.$/, "")))) s++;
    const nameTokens = e >= 0 && s <= e ? tk.slice(s, e + 1) : [];
    const headNoun = [...tk].reverse().find((t) => t.pos === "NOUN")?.lower;
    const properIsHead = nameTokens.length > 0 && e === tk.length - 1;
    if (!institution && properIsHead && nameTokens.length && !ORGANISATION_ENDS.test(nameTokens[nameTokens.length - 1].value)) {
      const name = this.doc.text.slice(nameTokens[0].start, nameTokens[nameTokens.length - 1].end).replace(/['’]s$/, "");
      const surname = nameTokens[nameTokens.length - 1].value.replace(/['’]s$/, "");
      const title =
        s > 0
          ? this.doc.text
              .slice(tk[0].start, tk[s - 1].end)
              .replace(STRIP_DET, "")
              .trim()
          : "";
      const person = nameTokens.length >= 2 || this.bySurname.has(surname.toLowerCase()) || s > 0;
      if (!person && !asSource) return undefined;
      const key = surname.toLowerCase();
      let sp = this.bySurname.get(key);
      if (!sp) {
        sp = { key: slug(nameTokens.length >= 2 ? name : surname), name, role: title, aliases: new Set(), roleNouns: new Set(), person };
        this.bySurname.set(key, sp);
        this.speakers.set(sp.key, sp);
      } else if (name.length > sp.name.length && name.endsWith(surname)) sp.name = name;
      if (title && !sp.role) sp.role = title;
      if (title) for (const w of title.toLowerCase().split(/\s+/)) if (/^[a-z]{4,}$/.test(w)) sp.roleNouns.add(w);
      if (surname !== sp.name) sp.aliases.add(surname);
      if (text !== sp.name && text.length < 60) sp.aliases.add(text.replace(/['’]s$/, ""));
      sp.person ||= person;
      return sp;
    }
    if (!asSource) return undefined;
    // a role noun that names someone met before: "the president", "the press secretary"
    if (headNoun && tk.every((t) => t.pos !== "PROPN" || TITLES.has(t.lower))) {
      for (const sp of [this.lastPerson, ...this.speakers.values()]) {
        if (sp && sp.person && sp.roleNouns.has(headNoun)) {
          sp.aliases.add(text);
          return sp;
        }
      }
    }
    // an organisation or a description, named as written
    const name = text.replace(/^(?:the|a|an)\s+/i, (m) => m).replace(/['’]s$/, "");
    const key = slug(name.replace(STRIP_DET, ""));
    let sp = this.speakers.get(key);
    if (!sp) {
      const plural = /s$/.test(headNoun ?? "") && !/ss$/.test(headNoun ?? "");
      sp = {
        key,
        name,
        role: "",
        aliases: new Set(),
        roleNouns: new Set(),
        person:
          !plural &&
          !properIsHead &&
          /man|woman|person|aide|adviser|advisor|official|spokes|secretary|president|director|chair|leader|senator|governor|candidate/.test(
            headNoun ?? "",
          ),
      };
      this.speakers.set(key, sp);
    }
    return sp;
  }
}

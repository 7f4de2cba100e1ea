// A deterministic synthetic claims feed for the scaling benchmark: plausible policy statements
// recombined from subjects, verbs, objects and complements, attributed to a few hundred made-up
// speakers, with a matching source text whose sentences are the claims' verbatim quotes. The
// same feed is available as Claim objects (types.ts) and as the text of a claims file
// (claims/claims.schema.json) for timing the loader.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Claim, ClaimsDatabase, Polarity, Speaker } from "../src/core/types.js";
import { resolveWordnetDir } from "../src/node/wordnet-dir.js";
import { Rng } from "./timing.js";

const FIRST = [
  "Anna",
  "Marek",
  "Sofia",
  "Jonas",
  "Elena",
  "Tomas",
  "Ines",
  "Pavel",
  "Clara",
  "Mateo",
  "Nadia",
  "Felix",
  "Olga",
  "Luca",
  "Greta",
  "Henrik",
  "Leila",
  "Bruno",
  "Katrin",
  "Milan",
  "Rosa",
  "Stefan",
  "Vera",
  "Oskar",
  "Irene",
  "Dario",
  "Hanna",
  "Nikos",
];
const LAST = [
  "Novak",
  "Berg",
  "Silva",
  "Kowalski",
  "Jensen",
  "Moreau",
  "Rossi",
  "Horvat",
  "Lindqvist",
  "Petrov",
  "Costa",
  "Meyer",
  "Dvorak",
  "Fischer",
  "Laine",
  "Marin",
  "Nowak",
  "Ortega",
  "Quist",
  "Romano",
  "Sandberg",
  "Tamm",
  "Urban",
  "Varga",
];
const OFFICES = [
  ["Minister", "minister of transport"],
  ["Minister", "minister of health"],
  ["Minister", "minister of finance"],
  ["Minister", "minister of energy"],
  ["Minister", "minister of agriculture"],
  ["Mayor", "mayor"],
  ["Senator", "senator"],
  ["Governor", "regional governor"],
  ["Commissioner", "European commissioner"],
  ["Spokesperson", "government spokesperson"],
  ["Chair", "chair of the budget committee"],
  ["Director", "director of the port authority"],
  ["Chief", "chief executive of the rail operator"],
] as const;
const PLACES = [
  "Brussels",
  "Warsaw",
  "Berlin",
  "Paris",
  "Lisbon",
  "Prague",
  "Vienna",
  "Oslo",
  "Riga",
  "Tallinn",
  "Bucharest",
  "Sofia",
  "Athens",
  "Dublin",
  "Copenhagen",
  "Stockholm",
  "Bratislava",
  "Ljubljana",
  "Zagreb",
  "Budapest",
  "Amsterdam",
  "Geneva",
  "Munich",
  "Lyon",
  "Krakow",
  "Gdansk",
  "Porto",
  "Seville",
  "Turin",
  "Antwerp",
  "Rotterdam",
  "Gothenburg",
  "Tampere",
  "Kaunas",
  "Brno",
  "Graz",
  "Malmo",
  "Aarhus",
  "Bergen",
  "Cork",
  "Bologna",
  "Valencia",
  "Marseille",
  "Hamburg",
  "Leipzig",
];
const SUBJECTS = [
  "the government",
  "the ministry",
  "the city council",
  "the central bank",
  "the port authority",
  "the regional assembly",
  "the European Commission",
  "the rail operator",
  "the health service",
  "the energy regulator",
  "the coalition",
  "the opposition",
  "the treasury",
  "the defence ministry",
  "the water utility",
  "the housing agency",
  "the airport",
  "the university board",
  "the police",
  "the army",
  "the national lottery",
  "the postal service",
  "the broadcaster",
  "the competition authority",
  "the school board",
  "the farmers' union",
  "the transport union",
  "the tourism office",
];
// [base, gerund, past]
const VERBS: [string, string, string][] = [
  ["expand", "expanding", "expanded"],
  ["reduce", "reducing", "reduced"],
  ["cut", "cutting", "cut"],
  ["raise", "raising", "raised"],
  ["fund", "funding", "funded"],
  ["approve", "approving", "approved"],
  ["block", "blocking", "blocked"],
  ["delay", "delaying", "delayed"],
  ["review", "reviewing", "reviewed"],
  ["restore", "restoring", "restored"],
  ["privatize", "privatizing", "privatized"],
  ["subsidize", "subsidizing", "subsidized"],
  ["close", "closing", "closed"],
  ["build", "building", "built"],
  ["upgrade", "upgrading", "upgraded"],
  ["extend", "extending", "extended"],
  ["suspend", "suspending", "suspended"],
  ["cancel", "cancelling", "cancelled"],
  ["double", "doubling", "doubled"],
  ["freeze", "freezing", "froze"],
  ["audit", "auditing", "audited"],
  ["regulate", "regulating", "regulated"],
  ["ban", "banning", "banned"],
  ["support", "supporting", "supported"],
  ["oppose", "opposing", "opposed"],
  ["propose", "proposing", "proposed"],
  ["renegotiate", "renegotiating", "renegotiated"],
  ["modernize", "modernizing", "modernized"],
  ["tax", "taxing", "taxed"],
  ["sell", "selling", "sold"],
  ["replace", "replacing", "replaced"],
  ["protect", "protecting", "protected"],
  ["digitize", "digitizing", "digitized"],
  ["relocate", "relocating", "relocated"],
  ["inspect", "inspecting", "inspected"],
  ["merge", "merging", "merged"],
  ["reopen", "reopening", "reopened"],
  ["electrify", "electrifying", "electrified"],
];
const ADJECTIVES = [
  "rural",
  "public",
  "coastal",
  "regional",
  "national",
  "renewable",
  "affordable",
  "digital",
  "agricultural",
  "municipal",
  "electric",
  "cross-border",
  "urban",
  "local",
  "private",
  "historic",
  "industrial",
  "social",
  "northern",
  "southern",
  "offshore",
  "military",
  "medical",
  "temporary",
  "small",
  "large",
  "aging",
  "new",
  "existing",
  "overcrowded",
];
const NOUNS = [
  "broadband",
  "housing",
  "rail lines",
  "hospitals",
  "schools",
  "wind farms",
  "fishing quotas",
  "tariffs",
  "pensions",
  "subsidies",
  "bus routes",
  "ferry services",
  "bridges",
  "tram networks",
  "power plants",
  "water pipes",
  "prisons",
  "museums",
  "libraries",
  "ports",
  "airports",
  "highways",
  "clinics",
  "nurseries",
  "universities",
  "fuel duties",
  "carbon permits",
  "grain silos",
  "cycle paths",
  "parking fees",
  "sports halls",
  "fire stations",
  "police stations",
  "courts",
  "border checks",
  "customs posts",
  "vaccination centres",
  "data centres",
  "solar parks",
  "gas pipelines",
  "shipyards",
  "steelworks",
  "coal mines",
  "forests",
  "national parks",
  "beaches",
  "canals",
  "dams",
  "tunnels",
  "markets",
];
const COMPLEMENTS = [
  "by 2030",
  "next year",
  "before the winter",
  "within two years",
  "in the coming months",
  "by the end of the decade",
  "this spring",
  "after the election",
  "before the summer recess",
  "over the next five years",
  "despite the deficit",
  "to meet EU targets",
  "for low-income families",
  "for small businesses",
  "in border regions",
  "across the country",
  "in the capital",
  "without new borrowing",
  "with private partners",
  "under the recovery plan",
];
const FRAMES = ["said", "stated", "announced", "told reporters", "confirmed", "signaled", "insisted", "noted", "argued"];

/**
 * Nouns and adjectives for objects: the hand-written lists first (the commonest), then WordNet's
 * single words that have tagged senses, most-tagged first, so the vocabulary has a long tail as
 * real news does. Words are drawn with a Zipf-like law (rank r with probability ∝ 1/r).
 */
function vocabulary(): { nouns: string[]; adjectives: string[] } {
  const dir = resolveWordnetDir();
  const fromWordnet = (file: string, minTagged: number): string[] => {
    if (!dir) return [];
    const rows: [string, number][] = [];
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (!line || line.startsWith("  ")) continue;
      const f = line.split(" ");
      const tagged = Number(f[5 + Number(f[3])]);
      if (/^[a-z]{4,12}$/.test(f[0]) && tagged >= minTagged) rows.push([f[0], tagged]);
    }
    return rows.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((r) => r[0]);
  };
  const uniq = (xs: string[]) => [...new Set(xs)];
  return { nouns: uniq([...NOUNS, ...fromWordnet("index.noun", 2)]), adjectives: uniq([...ADJECTIVES, ...fromWordnet("index.adj", 2)]) };
}

function zipf<T>(xs: readonly T[], rng: Rng): T {
  return xs[Math.min(xs.length - 1, Math.floor(Math.exp(rng.next() * Math.log(xs.length + 1))) - 1)];
}

export interface SyntheticFeed {
  claims: Claim[];
  speakers: Speaker[];
  /** The source text every claim's quote is a slice of. */
  sourceText: string;
  title: string;
}

/** `n` claims, deterministic for a given seed. Speakers are shared objects, as the loader shares them. */
export function generateClaims(n: number, seed: number): SyntheticFeed {
  const rng = new Rng(seed);
  const speakers: Speaker[] = [];
  const usedIds = new Set<string>();
  for (let i = 0; speakers.length < 400 && i < 10_000; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const [title, role] = rng.pick(OFFICES);
    const place = rng.pick(PLACES);
    const id = `${first}-${last}-${place}`.toLowerCase();
    if (usedIds.has(id)) continue;
    usedIds.add(id);
    speakers.push({
      id,
      name: `${first} ${last}`,
      role: `${role[0].toUpperCase()}${role.slice(1)} (${place})`,
      aliases: [last, `${title} ${last}`, `${title} ${first} ${last}`],
    });
  }

  const { nouns, adjectives } = vocabulary();
  const title = "Synthetic policy statements (benchmark feed)";
  const claims: Claim[] = [];
  const source: string[] = [];
  let offset = 0;
  let section = "Section 1";
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) {
      section = `Section ${i / 50 + 1}: ${rng.pick(PLACES)}`;
      const heading = `${section}\n`;
      source.push(heading);
      offset += heading.length;
    }
    const sp = rng.pick(speakers);
    const subject = rng.pick(SUBJECTS);
    const [base, gerund, past] = rng.pick(VERBS);
    const object = `the ${zipf(adjectives, rng)} ${zipf(nouns, rng)}`;
    const complement = rng.chance(0.7) ? ` ${rng.pick(COMPLEMENTS)}` : "";
    const place = rng.chance(0.5) ? ` in ${rng.pick(PLACES)}` : "";
    const kind = rng.int(10);
    let text: string;
    let quoteBody: string;
    let verb = rng.pick(FRAMES);
    let hedged = false;
    let polarity: Polarity = "positive";
    if (kind < 4) {
      text = `${cap(subject)} will ${base} ${object}${place}${complement}.`;
      quoteBody = `${subject} would ${base} ${object}${place}${complement}`;
    } else if (kind < 6) {
      hedged = true;
      text = `${cap(subject)} could ${base} ${object}${place}${complement}.`;
      quoteBody = `${subject} could ${base} ${object}${place}${complement}`;
      verb = "suggested";
    } else if (kind < 8) {
      polarity = "negative";
      text = `${cap(subject)} will not ${base} ${object}${place}${complement}.`;
      quoteBody = `${subject} would not ${base} ${object}${place}${complement}`;
    } else if (kind < 9) {
      polarity = "negative";
      verb = "ruled out";
      text = `${sp.name} ruled out ${gerund} ${object}${place}${complement}.`;
      quoteBody = `${gerund} ${object}${place}${complement}`;
    } else {
      verb = "noted";
      text = `${cap(subject)} ${past} ${object}${place}${complement}.`;
      quoteBody = `${subject} had ${past} ${object}${place}${complement}`;
    }
    const lead = kind === 8 ? `${sp.aliases![2]} firmly ruled out ` : `${sp.aliases![2]} ${verb} that `;
    const sentence = `${lead}${quoteBody}. `;
    const start = offset + lead.length;
    const quote = quoteBody;
    source.push(sentence);
    offset += sentence.length;
    claims.push({
      id: `syn-${String(i).padStart(6, "0")}`,
      text,
      speaker: sp,
      verb,
      hedged,
      polarity,
      quoteKind: "reported",
      source: { title, section, quote, start, end: start + quote.length, file: "synthetic.txt" },
    });
  }
  return { claims, speakers, sourceText: source.join(""), title };
}

export function feedDatabase(feed: SyntheticFeed, claims: Claim[] = feed.claims): ClaimsDatabase {
  return { origin: "bench:synthetic.claims.json", title: feed.title, claims };
}

/** The feed as the text of a claims file (claims/claims.schema.json). */
export function feedJson(feed: SyntheticFeed): string {
  const speakers: Record<string, { name: string; role: string; aliases?: string[] }> = {};
  for (const s of feed.speakers) speakers[s.id] = { name: s.name, role: s.role, aliases: s.aliases };
  return JSON.stringify(
    {
      $schema: "./claims.schema.json",
      version: 1,
      title: feed.title,
      source: { title: feed.title, file: "synthetic.txt" },
      speakers,
      claims: feed.claims.map((c) => ({
        id: c.id,
        text: c.text,
        speaker: c.speaker.id,
        verb: c.verb,
        section: c.source.section,
        quote: c.source.quote,
        hedged: c.hedged,
        polarity: c.polarity,
        start: c.source.start,
        end: c.source.end,
      })),
    },
    null,
    2,
  );
}

/** A draft-like sentence restating a random claim of the feed, sometimes wrongly. */
export function restateClaim(feed: SyntheticFeed, rng: Rng): string {
  const c = rng.pick(feed.claims);
  const who = rng.chance(0.8) ? c.speaker : rng.pick(feed.speakers);
  const name = rng.pick([who.name, who.aliases![0], who.aliases![1]]);
  let body = c.text.replace(/\.$/, "");
  if (rng.chance(0.25)) body = body.replace(/ will not /, " will ").replace(/ could /, " will ");
  else if (rng.chance(0.2)) body = body.replace(/ will /, " will not ");
  body = body[0].toLowerCase() + body.slice(1);
  if (/ ruled out /.test(c.text)) return `${c.text.replace(c.speaker.name, name)}`;
  return rng.chance(0.5)
    ? `${name} said ${body}.`
    : `${cap(body)}, ${name} ${rng.pick(["said", "told reporters", "confirmed"])} on ${rng.pick(["Monday", "Friday", "Sunday"])}.`;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

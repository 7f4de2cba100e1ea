// Deterministic drafts for the benchmark: sentences that restate, contradict, misattribute or
// overstate the bundled article's claims (the article's own sentences and the claims' texts,
// lightly varied), drowned in unrelated news-like filler, laid out as Markdown with headings,
// lists, quotes, links, emphasis, inline code, tables, fenced code and front matter.
import { Rng } from "./timing.js";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const CITIES = [
  "Brussels",
  "Kyiv",
  "Warsaw",
  "Berlin",
  "Paris",
  "London",
  "Vilnius",
  "Helsinki",
  "Madrid",
  "Rome",
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
  "Odesa",
  "Lviv",
];
const OFFICIALS = [
  "a senior official",
  "a European diplomat",
  "two people familiar with the talks",
  "a NATO spokesperson",
  "officials",
  "a White House aide",
  "a defence analyst",
  "a government source",
  "Western diplomats",
  "an adviser to the president",
];
const SPEAKER_SWAPS = [
  "Karoline Leavitt",
  "Emmanuel Macron",
  "Olaf Scholz",
  "Keir Starmer",
  "Volodymyr Zelensky",
  "Trump",
  "the president",
];

const SYNONYMS: [RegExp, string][] = [
  [/\btroops\b/, "soldiers"],
  [/\ballies\b/, "partners"],
  [/\bguarantees\b/, "assurances"],
  [/\brejected\b/, "dismissed"],
  [/\bcritical\b/, "crucial"],
  [/\bpossesses\b/, "has"],
  [/\bunmatched\b/, "unrivalled"],
  [/\bweary\b/, "tired"],
  [/\bstrengthen\b/, "bolster"],
  [/\bdeveloped\b/, "worked out"],
  [/\brobust\b/, "strong"],
  [/\bcoordinate\b/, "organise"],
];
const NEGATIONS: [RegExp, string][] = [
  [/\bwould be\b/, "would not be"],
  [/\bcould\b/, "could not"],
  [/\bwill\b/, "will not"],
  [/\bruled out\b/, "welcomed"],
  [/\bruling out\b/, "welcoming"],
  [/\brejected\b/, "endorsed"],
  [/\bwithout\b/, "while"],
  [/\bis\b/, "is not"],
  [/\bpossesses\b/, "lacks"],
  [/\bwould not be acceptable\b/, "would be acceptable"],
  [/\bcontinue\b/, "refuse"],
];
const DEHEDGE: [RegExp, string][] = [
  [/\bcould\b/, "will"],
  [/\bmay\b/, "is"],
  [/\bpossible\s/, ""],
  [/\bpotential\s/, ""],
  [/\bappears\b/, "is"],
];

/** Light variations of one sentence about the article. */
export function varyArticleSentence(base: string, rng: Rng): string {
  let s = base;
  const ops = rng.int(3);
  for (let k = 0; k < ops; k++) {
    const op = rng.int(5);
    if (op === 0) s = applyOne(s, SYNONYMS, rng);
    else if (op === 1) s = applyOne(s, NEGATIONS, rng);
    else if (op === 2) s = applyOne(s, DEHEDGE, rng);
    else if (op === 3) s = typo(s, rng);
    else s = swapSpeaker(s, rng);
  }
  const frame = rng.int(10);
  if (frame < 3) s = `According to ${rng.pick(SPEAKER_SWAPS)}, ${lowerFirst(s)}`;
  else if (frame < 5) s = `${s.replace(/[.!?]$/, "")}, ${rng.pick(OFFICIALS)} said on ${rng.pick(WEEKDAYS)}.`;
  else if (frame < 7) s = `In ${rng.pick(CITIES)} on ${rng.pick(WEEKDAYS)}, ${lowerFirst(s)}`;
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function applyOne(s: string, table: [RegExp, string][], rng: Rng): string {
  const fits = table.filter(([re]) => re.test(s));
  if (!fits.length) return s;
  const [re, to] = rng.pick(fits);
  return s.replace(re, to);
}

function typo(s: string, rng: Rng): string {
  const words = [...s.matchAll(/\b[A-Za-z]{6,}\b/g)];
  if (!words.length) return s;
  const m = rng.pick(words);
  const w = m[0];
  const i = 1 + rng.int(w.length - 3);
  const typoed = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  return s.slice(0, m.index) + typoed + s.slice(m.index! + w.length);
}

function swapSpeaker(s: string, rng: Rng): string {
  const re = /\b(U\.S\. President Donald Trump|Donald Trump|Trump|He|The U\.S\. president|White House press secretary Karoline Leavitt)\b/;
  return re.test(s) ? s.replace(re, rng.pick(SPEAKER_SWAPS)) : s;
}

function lowerFirst(s: string): string {
  // Keep proper nouns and acronyms ("Trump", "NATO", "U.S.") capitalised.
  const first = s.split(/\s/)[0] ?? "";
  if (/^(The|Some|Future|While|He|According|For|In)$/.test(first)) return s[0].toLowerCase() + s.slice(1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Filler: unrelated news-like sentences.

const ORGS = [
  "The statistics office",
  "The central bank",
  "The transport ministry",
  "The city council",
  "The health authority",
  "The weather service",
  "The port authority",
  "The national rail operator",
  "The university",
  "The football league",
  "The housing agency",
  "The energy regulator",
  "The chamber of commerce",
  "The fire brigade",
  "The school board",
];
const METRICS = [
  "inflation",
  "unemployment",
  "retail sales",
  "house prices",
  "passenger numbers",
  "wheat exports",
  "electricity demand",
  "tourist arrivals",
  "factory output",
  "rental costs",
  "hospital admissions",
  "broadband coverage",
  "bus ridership",
];
const TEAMS = ["Rovers", "United", "Athletic", "City", "Wanderers", "Harriers", "Rangers", "Albion", "Dynamo", "Sporting"];
const FIRST = ["Anna", "Marek", "Sofia", "Jonas", "Elena", "Tomas", "Ines", "Pavel", "Clara", "Mateo", "Nadia", "Felix", "Olga", "Luca"];
const LAST = ["Novak", "Berg", "Silva", "Kowalski", "Jensen", "Moreau", "Rossi", "Horvat", "Lindqvist", "Petrov", "Costa", "Meyer"];
const JOBS = ["baker", "nurse", "bus driver", "teacher", "farmer", "pharmacist", "engineer", "shop owner", "student", "retired welder"];
const THINGS = [
  "new bridge",
  "night market",
  "bike lane",
  "tram extension",
  "parking fee",
  "library renovation",
  "flood barrier",
  "school canteen",
];
const EFFECTS = [
  "made mornings easier",
  "doubled the queues",
  "cost more than expected",
  "brought back customers",
  "caused months of detours",
  "divided the neighbourhood",
  "saved families money",
  "left older residents confused",
];
const WEATHER = ["heavy rain", "strong winds", "freezing fog", "a heatwave", "thunderstorms", "early snow", "coastal flooding"];
const COMPANIES = ["Nordhaven", "Castellan Foods", "Vireo Telecom", "Baltic Freight", "Helix Pharma", "Orion Motors", "Ardent Energy"];
const EVENTS = [
  "cut its annual forecast",
  "announced a buyback",
  "lost a patent case",
  "named a new chief executive",
  "opened a plant in Poland",
  "delayed its earnings report",
  "won a rail contract",
  "recalled thousands of scooters",
];
const POLICIES = ["pedestrianise", "repave", "rename", "close", "widen", "light", "sell", "protect"];
const STREETS = ["Mill Street", "the harbour road", "Station Square", "the old market", "Linden Avenue", "the river path"];
const JOURNALS = ["The Lancet", "Nature", "Science", "the BMJ", "Cell Reports", "PLOS One"];
const UNIS = ["Uppsala University", "the University of Leeds", "Charles University", "Ghent University", "the Sorbonne"];

export function fillerSentence(rng: Rng): string {
  const n = 1 + rng.int(19);
  const year = 1990 + rng.int(34);
  switch (rng.int(10)) {
    case 0:
      return `${rng.pick(ORGS)} ${rng.pick(["reported", "announced", "said"])} that ${rng.pick(METRICS)} ${rng.pick(["rose", "fell"])} ${n}.${rng.int(10)} percent in ${rng.pick(MONTHS)}, the ${rng.pick(["highest", "lowest", "sharpest"])} level since ${year}.`;
    case 1:
      return `${rng.pick(TEAMS)} beat ${rng.pick(TEAMS)} ${rng.int(5)}-${rng.int(4)} on ${rng.pick(WEEKDAYS)} night in front of ${1000 + rng.int(40000)} fans in ${rng.pick(CITIES)}.`;
    case 2:
      return `Residents of ${rng.pick(CITIES)} were told to prepare for ${rng.pick(WEATHER)} through the weekend, and ${rng.int(40)} schools will open late.`;
    case 3:
      return `${rng.pick(FIRST)} ${rng.pick(LAST)}, a ${rng.pick(JOBS)} in ${rng.pick(CITIES)}, said the ${rng.pick(THINGS)} had ${rng.pick(EFFECTS)}.`;
    case 4:
      return `Shares of ${rng.pick(COMPANIES)} ${rng.pick(["rose", "fell", "slid", "jumped"])} ${n}% after the company ${rng.pick(EVENTS)}.`;
    case 5:
      return `The council voted ${5 + rng.int(10)} to ${rng.int(5)} to ${rng.pick(POLICIES)} ${rng.pick(STREETS)} by ${rng.pick(MONTHS)} ${year + 30}.`;
    case 6:
      return `Dr. ${rng.pick(LAST)} of ${rng.pick(UNIS)} said the findings, published in ${rng.pick(JOURNALS)}, were "${rng.pick(["promising", "surprising", "modest", "robust"])} but preliminary."`;
    case 7:
      return `Tickets for the ${rng.pick(["spring", "summer", "autumn", "winter"])} festival go on sale at ${1 + rng.int(11)} a.m. on ${rng.pick(WEEKDAYS)} and cost €${5 + rng.int(80)}.`;
    case 8:
      return `Why did the ${rng.pick(THINGS)} in ${rng.pick(CITIES)} take ${n} years to finish?`;
    default:
      return `The ${rng.pick(["museum", "zoo", "theatre", "stadium", "market hall"])} in ${rng.pick(CITIES)} will reopen on ${rng.pick(MONTHS)} ${1 + rng.int(28)} after a €${n} million refit (the first since ${year}).`;
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown layout

export interface DraftOptions {
  /** Stop once the draft is at least this many UTF-8 bytes. */
  bytes: number;
  seed: number;
  /** Sentences the draft restates with variations (the article's sentences and the claims' texts). */
  articleSentences: readonly string[];
  /** Share of prose sentences that are about the article. */
  articleShare: number;
}

/** A Markdown draft of about `opts.bytes` bytes. */
export function generateDraft(opts: DraftOptions): string {
  const rng = new Rng(opts.seed);
  const sentence = () => (rng.chance(opts.articleShare) ? varyArticleSentence(rng.pick(opts.articleSentences), rng) : fillerSentence(rng));
  const parts: string[] = [
    "---\ntitle: Where Washington stands on Ukraine (benchmark draft)\nauthor: bench\ntags: [ukraine, nato, security]\n---\n",
    "# Where Washington stands on Ukraine\n",
  ];
  let size = parts.reduce((n, p) => n + Buffer.byteLength(p) + 1, 0);
  let block = 0;
  while (size < opts.bytes) {
    let md: string;
    const kind = block % 37 === 36 ? "code" : block % 23 === 22 ? "table" : block % 8 === 0 ? "heading" : pickKind(rng);
    if (kind === "heading") md = `## ${headingText(rng)}`;
    else if (kind === "code") md = codeBlock(rng, block);
    else if (kind === "table") md = table(rng);
    else if (kind === "list") md = Array.from({ length: 3 + rng.int(3) }, () => `- ${decorate(sentence(), rng)}`).join("\n");
    else if (kind === "ordered") md = Array.from({ length: 3 + rng.int(3) }, (_, i) => `${i + 1}. ${decorate(sentence(), rng)}`).join("\n");
    else if (kind === "quote") md = `> ${sentence()} ${sentence()}\n> ${sentence()}`;
    else if (kind === "ignored") md = `<!-- factcheck-ignore-next-line -->\n${sentence()} ${sentence()}`;
    else md = Array.from({ length: 3 + rng.int(4) }, () => decorate(sentence(), rng)).join(" ");
    parts.push(md);
    size += Buffer.byteLength(md) + 2;
    block++;
  }
  return parts.join("\n\n") + "\n";
}

function pickKind(rng: Rng): string {
  const r = rng.int(100);
  if (r < 70) return "paragraph";
  if (r < 80) return "list";
  if (r < 86) return "ordered";
  if (r < 95) return "quote";
  return r < 99 ? "paragraph" : "ignored";
}

/** Occasional inline Markdown: emphasis, links, inline code. */
function decorate(s: string, rng: Rng): string {
  const r = rng.int(20);
  if (r === 0) return s.replace(/\b([A-Z][a-z]{3,})\b/, "**$1**");
  if (r === 1) return s.replace(/\b([a-z]{5,})\b/, "*$1*");
  if (r === 2) return s.replace(/\b([A-Z][a-z]{3,})\b/, (m) => `[${m}](https://example.com/${m.toLowerCase()}-${rng.int(1000)})`);
  if (r === 3) return s.replace(/[.!?]$/, ` (see \`report-${rng.int(100)}.pdf\`).`);
  if (r === 4) return `${s} More at <https://example.org/n/${rng.int(10000)}>.`;
  return s;
}

function headingText(rng: Rng): string {
  return (
    rng.pick([
      "Security guarantees",
      "What the allies said",
      "Air support",
      "NATO membership",
      "Looking ahead",
      "Local news",
      "Markets",
      "Sport",
      "Weather",
      "Culture",
      "Letters",
      "Analysis",
      "Background",
      "Timeline",
    ]) + ` ${1 + rng.int(500)}`
  );
}

function codeBlock(rng: Rng, n: number): string {
  return [
    "```ts",
    `// Trump ruled out deploying American troops to Ukraine. (inside code: never checked)`,
    `export function tally${n}(votes: number[]): number {`,
    `  return votes.reduce((a, b) => a + b, ${rng.int(10)});`,
    "}",
    "```",
  ].join("\n");
}

function table(rng: Rng): string {
  const rows = Array.from(
    { length: 3 },
    () => `| ${rng.pick(CITIES)} | ${rng.int(5000)} | ${rng.pick(["France pledged air support.", "Germany sent trucks.", "No change."])} |`,
  );
  return ["| City | Troops | Note |", "| --- | ---: | --- |", ...rows].join("\n");
}

/** Distinct sentences (at least `n` unique texts, in a deterministic order). */
export function distinctSentences(n: number, make: () => string): string[] {
  const seen = new Set<string>();
  let guard = 0;
  while (seen.size < n && guard++ < n * 50) seen.add(make());
  return [...seen];
}

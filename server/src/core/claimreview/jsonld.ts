// ClaimReview records out of JSON-LD, as fact-checkers and aggregators publish it: one ClaimReview object, an
// array of them, a `@graph`, a schema.org DataFeed whose `dataFeedElement` items hold ClaimReviews (directly or as
// a DataFeedItem's `item`), or any mix, nested anywhere.
//
// JSON-LD-aware where it matters, without a JSON-LD processor: a full expansion (jsonld.js) would fetch the
// schema.org context over the network — refused in CI and in an untrusted workspace, and a remote file deciding
// what a feed means is the wrong way round — and costs too much for feeds of 300,000 reviews. What feeds actually
// vary is handled: property names and types written bare, as `schema:x` or as `http(s)://schema.org/x`; values
// given once or as arrays, as strings or as `{"@value": …}`; and nodes given by reference (`{"@id": "#claim-1"}`)
// elsewhere in the same document. Anything else is an unknown property and ignored.
import type { ClaimReview, ReviewRating } from "../types.js";
import { SharedValues } from "./shared-values.js";
import { type FeedRead, type FeedRecord, httpUrl, hostOf, numberOf, type PathLink, type RecordProblem, siteOf, textOf } from "./record.js";

type Node = Record<string, unknown>;

const PREFIX = /^(?:https?:\/\/schema\.org\/|schema:)/i;

/** Whether a name may carry a schema.org prefix: one starts with "s" or "h" (either case). The regex runs only then. */
function mayBePrefixed(name: string): boolean {
  const c = name.charCodeAt(0) | 0x20;
  return (c === 115 /* s */ || c === 104) /* h */ && PREFIX.test(name);
}

/** A property or type name without its schema.org prefix. */
function local(name: string): string {
  return mayBePrefixed(name) ? name.replace(PREFIX, "") : name;
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether a JSON value looks like JSON-LD (as opposed to a claims file or an API response). */
export function looksLikeJsonLd(v: unknown): boolean {
  if (Array.isArray(v)) return v.some((x) => isNode(x) && ("@type" in x || "@context" in x || "@graph" in x));
  return isNode(v) && ("@context" in v || "@type" in v || "@graph" in v);
}

/** Whether one of a node's types, prefix-free, is `type` (or, with `suffix`, ends with it). Nothing allocated. */
function hasType(n: Node, type: string, suffix = false): boolean {
  const t = n["@type"];
  if (!Array.isArray(t)) return isType(t, type, suffix);
  for (const x of t) if (isType(x, type, suffix)) return true;
  return false;
}

function isType(x: unknown, type: string, suffix: boolean): boolean {
  return typeof x === "string" && (suffix ? local(x).endsWith(type) : local(x) === type);
}

/**
 * A node's properties by their prefix-free names: `get(p, "name")` finds `name`, `schema:name` and
 * `http(s)://schema.org/name`. A value is given once or as an array (JSON-LD allows both): `get` returns it as
 * written. Most feeds write bare names: then the node is its own Props and a lookup is one property read, with
 * nothing allocated (a feed has hundreds of thousands of nodes). Only a node with a prefixed key gets them gathered.
 */
type Props = Node | ReadonlyMap<string, unknown[]>;

/** A node without properties (a ClaimReview without itemReviewed). */
const NO_PROPS: ReadonlyMap<string, unknown[]> = new Map();

function get(p: Props, name: string): unknown {
  return p instanceof Map ? p.get(name) : (p as Node)[name];
}

function props(n: Node): Props {
  let prefixed = false;
  for (const k in n) {
    if (k.charCodeAt(0) !== 64 /* @ */ && mayBePrefixed(k)) {
      prefixed = true;
      break;
    }
  }
  if (!prefixed) return n;
  const m = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(n)) {
    const name = k.startsWith("@") ? k : local(k);
    const list = m.get(name) ?? [];
    // One at a time: a spread of a feed's 300,000-element array would overflow the stack.
    if (Array.isArray(v)) for (const x of v) list.push(x);
    else list.push(v);
    m.set(name, list);
  }
  return m;
}

/** What walkJsonLd finds, in document order. */
export interface JsonLdVisitor {
  /** Every node (object) visited, ClaimReviews included: readJsonLd indexes those with an `@id`. */
  node?(node: Node): void;
  /** A ClaimReview (not looked inside) and its place. */
  review(node: Node, path: PathLink | undefined): void;
  /** A DataFeed node (its children are walked too). */
  dataFeed(node: Node): void;
}

/**
 * One iterative walk of a JSON value in document order (a stack that pops in order): every ClaimReview (not
 * looking inside one), every DataFeed; `@context` values are skipped. `path` is the value's own place. Shared by
 * readJsonLd (the whole document) and the streaming importer (stream.ts: one top-level value at a time).
 */
export function walkJsonLd(value: unknown, path: PathLink | undefined, visit: JsonLdVisitor): void {
  const stack: { v: unknown; path: PathLink | undefined }[] = [{ v: value, path }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        if (typeof v[i] === "object" && v[i] !== null) stack.push({ v: v[i], path: { parent: path, key: i } });
      continue;
    }
    if (!isNode(v)) continue;
    visit.node?.(v);
    if (hasType(v, "ClaimReview")) {
      visit.review(v, path);
      continue;
    }
    if (hasType(v, "DataFeed")) visit.dataFeed(v);
    const keys = Object.keys(v);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (key === "@context") continue;
      const child = v[key];
      if (typeof child === "object" && child !== null) stack.push({ v: child, path: { parent: path, key } });
    }
  }
}

/**
 * Reads every ClaimReview in a JSON-LD document. Each record's place is its JSON Pointer in `value`; a review that
 * cannot be read becomes a problem at its place, and the others load.
 */
export function readJsonLd(value: unknown): FeedRead {
  const byId = new Map<string, Node>();
  const reviews: { node: Node; path: PathLink | undefined }[] = [];
  let title: string | undefined;
  walkJsonLd(value, undefined, {
    node(v) {
      const id = v["@id"];
      if (typeof id === "string" && !byId.has(id) && Object.keys(v).length > 1) byId.set(id, v);
    },
    review: (node, path) => reviews.push({ node, path }),
    dataFeed(v) {
      if (title === undefined) title = feedName(v);
    },
  });
  const records: FeedRecord[] = [];
  const problems: RecordProblem[] = [];
  const resolve = (v: unknown): unknown => {
    if (isNode(v) && typeof v["@id"] === "string" && Object.keys(v).length === 1) return byId.get(v["@id"]) ?? v;
    return v;
  };
  const read = claimReviewReader(resolve);
  for (const { node, path } of reviews) {
    const r = read(node, path);
    if ("message" in r) problems.push(r);
    else records.push(r);
  }
  return { records, problems, ...(title !== undefined ? { title } : {}) };
}

/**
 * Reads ClaimReview nodes one at a time into records (or problems at their place). `resolve` turns a reference
 * (`{"@id": …}` alone) into its node; the streaming importer has none to resolve (it falls back when a feed has any).
 */
export function claimReviewReader(
  resolve: (v: unknown) => unknown,
): (node: Node, path: PathLink | undefined) => FeedRecord | RecordProblem {
  // A feed names a handful of reviewers hundreds of thousands of times; URL parsing is not free.
  const sites = new Map<string, string | undefined>();
  const site = (url: string): string | undefined => {
    const known = sites.get(url);
    if (known !== undefined || sites.has(url)) return known;
    const s = siteOf(url);
    sites.set(url, s);
    return s;
  };
  const shared = new SharedValues();
  return (node, path) => {
    const at = { path };
    const r = readClaimReview(node, resolve, site);
    if (typeof r === "string") return { at, message: r };
    (r as FeedRecord).at = at;
    shareRepeated(r as FeedRecord, shared);
    return r as FeedRecord;
  };
}

/**
 * The values a feed repeats on every record as one copy each (shared-values.ts): the reviewer (its name and site)
 * and the rating as one object each for all the records that give the same (they are read, never changed, once a
 * record is made); dates, language and the claimant's name as one string each.
 */
function shareRepeated(r: FeedRecord, shared: SharedValues): void {
  const { review } = r;
  const { publisher: p, rating: g } = review;
  review.publisher = shared.object("publisher", [p.name, p.site], p);
  review.rating = shared.object("rating", [g.textualRating, g.alternateName, g.ratingValue, g.bestRating, g.worstRating], g);
  if (review.date !== undefined) review.date = shared.string(review.date);
  if (review.language !== undefined) review.language = shared.string(review.language);
  if (r.claimant) r.claimant.name = shared.string(r.claimant.name);
  if (r.claimDate !== undefined) r.claimDate = shared.string(r.claimDate);
}

/** Whether a JSON value holds a reference node (`{"@id": "…"}` alone), which only the whole document can resolve. */
export function hasReference(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push(x);
      continue;
    }
    if (!isNode(v)) continue;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "@id" && typeof v["@id"] === "string") return true;
    for (const k of keys) if (typeof v[k] === "object" && v[k] !== null) stack.push(v[k]);
  }
  return false;
}

/** The top level of a JSON-LD document as readJsonLd's walk sees it first: a ClaimReview, a DataFeed's name. */
export function topLevelNode(n: Node): { review: boolean; name: string | undefined } {
  return { review: hasType(n, "ClaimReview"), name: hasType(n, "DataFeed") ? feedName(n) : undefined };
}

/** A DataFeed's name, read without gathering its (huge) other properties. */
export function feedName(n: Node): string | undefined {
  for (const [k, v] of Object.entries(n)) if (local(k) === "name") return textOf(scalar(Array.isArray(v) ? v[0] : v));
  return undefined;
}

/** A plain value: a string or number, or a `{"@value": …}` object's. */
function scalar(v: unknown): unknown {
  return isNode(v) && "@value" in v ? v["@value"] : v;
}

/** The text of a property: its first string (or `@value`), trimmed. */
function text(p: Props, name: string): string | undefined {
  const v = get(p, name);
  if (!Array.isArray(v)) return v === undefined ? undefined : textOf(scalar(v));
  for (const x of v) {
    const t = textOf(scalar(x));
    if (t !== undefined) return t;
  }
  return undefined;
}

/** The number of a property: its first number or numeric string (or `@value`). */
function numberProp(p: Props, name: string): number | undefined {
  const v = get(p, name);
  if (!Array.isArray(v)) return v === undefined ? undefined : numberOf(scalar(v));
  for (const x of v) {
    const r = numberOf(scalar(x));
    if (r !== undefined) return r;
  }
  return undefined;
}

/**
 * The values of a property (one, or each of an array), each node given by reference (`{"@id": …}`) resolved to the
 * node, to `f` until it returns something; that is returned. No array is made for a value given once.
 */
function eachValue<T>(p: Props, name: string, resolve: (v: unknown) => unknown, f: (v: unknown) => T | undefined): T | undefined {
  const v = get(p, name);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return f(resolve(v));
  for (const x of v) {
    const r = f(resolve(x));
    if (r !== undefined) return r;
  }
  return undefined;
}

/** The first node among a property's values (references resolved). */
function firstNode(p: Props, name: string, resolve: (v: unknown) => unknown): Node | undefined {
  return eachValue(p, name, resolve, (v) => (isNode(v) ? v : undefined));
}

/** A person or organisation as a feed names it: a name, a URL, or both. */
interface Agent {
  name: string | undefined;
  url: string | undefined;
  organization: boolean;
}

/** A person or organisation's name and URL: from a node (`name`, `url`) or a bare string (a name, or a URL). */
function agent(v: unknown): Agent | undefined {
  const s = textOf(scalar(v));
  if (s !== undefined) {
    const url = httpUrl(s);
    return url !== undefined ? { name: undefined, url, organization: false } : { name: s, url: undefined, organization: false };
  }
  if (!isNode(v)) return undefined;
  const p = props(v);
  const name = text(p, "name") ?? text(p, "alternateName") ?? text(p, "legalName");
  const url = httpUrl(text(p, "url")) ?? httpUrl(text(p, "sameAs"));
  if (name === undefined && url === undefined) return undefined;
  return { name, url, organization: hasType(v, "Organization", true) };
}

/** A claimant: an agent with a name. */
function namedAgent(v: unknown): Agent | undefined {
  const a = agent(v);
  return a?.name !== undefined ? a : undefined;
}

/** A record from one ClaimReview node, or why it cannot be read. */
function readClaimReview(
  n: Node,
  resolve: (v: unknown) => unknown,
  site: (url: string) => string | undefined,
): Omit<FeedRecord, "at"> | string {
  const p = props(n);
  const item = firstNode(p, "itemReviewed", resolve);
  const ip: Props = item ? props(item) : NO_PROPS;
  const claim = text(p, "claimReviewed") ?? text(ip, "text") ?? text(ip, "name");
  if (claim === undefined) return "this ClaimReview has no claimReviewed (nor an itemReviewed with a text): skipped";

  const urlText = text(p, "url") ?? (typeof n["@id"] === "string" ? n["@id"] : undefined);
  if (urlText === undefined) return "this ClaimReview has no url (the review article): skipped";
  const url = httpUrl(urlText);
  if (url === undefined)
    return `this ClaimReview's url must be an http:// or https:// URL; found ${JSON.stringify(urlText.slice(0, 80))}: skipped`;

  // The first author or publisher that names one, authors first.
  const reviewer = eachValue(p, "author", resolve, agent) ?? eachValue(p, "publisher", resolve, agent);
  const reviewerName = reviewer?.name ?? (reviewer?.url ? hostOf(reviewer.url) : undefined);
  if (!reviewer || reviewerName === undefined)
    return "this ClaimReview names no reviewer (author or publisher with a name or url): skipped";

  const ratingNode = firstNode(p, "reviewRating", resolve);
  const rating = ratingNode ? readRating(ratingNode) : {};
  if (rating.textualRating === undefined && rating.ratingValue === undefined)
    return "this ClaimReview has no reviewRating with a textualRating, alternateName, name or ratingValue: skipped";

  const reviewerSite = reviewer.url !== undefined ? site(reviewer.url) : undefined;
  // Made empty, then filled: an empty object literal has room for four properties in the object itself, where a
  // literal of three would put a fourth (the date, which nearly every review has) in an array of its own.
  const review = {} as ClaimReview;
  review.url = url;
  review.publisher = reviewerSite !== undefined ? { name: reviewerName, site: reviewerSite } : { name: reviewerName };
  review.rating = rating;
  const date = text(p, "datePublished") ?? text(p, "dateCreated");
  if (date !== undefined) review.date = date;
  const headline = text(p, "headline") ?? text(p, "name");
  if (headline !== undefined) review.headline = headline;
  const language = languageOf(p, resolve);
  if (language !== undefined) review.language = language;

  const record: Omit<FeedRecord, "at"> = { claim, appearances: [], review };
  const claimant = eachValue(ip, "author", resolve, namedAgent);
  if (claimant) record.claimant = claimant.organization ? { name: claimant.name!, organization: true } : { name: claimant.name! };
  const claimDate = text(ip, "datePublished") ?? text(ip, "dateCreated");
  if (claimDate !== undefined) record.claimDate = claimDate;
  const appearance = (a: unknown): undefined => {
    // A CreativeWork with a url, a bare URL, or a reference to a node outside the document (its @id is the URL).
    const u = httpUrl(scalar(a)) ?? (isNode(a) ? (httpUrl(text(props(a), "url")) ?? httpUrl(a["@id"])) : undefined);
    if (u !== undefined && !record.appearances.includes(u)) record.appearances.push(u);
    return undefined;
  };
  eachValue(ip, "firstAppearance", resolve, appearance);
  eachValue(ip, "appearance", resolve, appearance);
  return record;
}

/**
 * A schema.org Rating. Its words: `textualRating` (not schema.org's, but common), else `name`, else `alternateName`
 * (what Google's guidelines ask for); `alternateName` is kept apart only when it says something else. So an
 * export (export.ts: `name` and `alternateName`) reads back the same.
 */
function readRating(n: Node): ReviewRating {
  const p = props(n);
  const r: ReviewRating = {};
  const words = text(p, "textualRating") ?? text(p, "name") ?? text(p, "alternateName");
  if (words !== undefined) r.textualRating = words;
  const alternate = text(p, "alternateName");
  if (alternate !== undefined && alternate !== words) r.alternateName = alternate;
  const value = numberProp(p, "ratingValue");
  if (value !== undefined) r.ratingValue = value;
  const best = numberProp(p, "bestRating");
  if (best !== undefined) r.bestRating = best;
  const worst = numberProp(p, "worstRating");
  if (worst !== undefined) r.worstRating = worst;
  return r;
}

function languageOf(p: Props, resolve: (v: unknown) => unknown): string | undefined {
  const given = eachValue(p, "inLanguage", resolve, (v) => {
    const s = textOf(scalar(v));
    if (s !== undefined || !isNode(v)) return s;
    const lp = props(v);
    return text(lp, "alternateName") ?? text(lp, "name");
  });
  if (given !== undefined) return given;
  // A language-tagged string: {"@value": "…", "@language": "en"}.
  return eachValue(p, "claimReviewed", identity, (v) => (isNode(v) && typeof v["@language"] === "string" ? v["@language"] : undefined));
}

function identity(v: unknown): unknown {
  return v;
}

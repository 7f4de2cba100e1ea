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
import { type FeedRead, type FeedRecord, httpUrl, hostOf, numberOf, type PathLink, type RecordProblem, siteOf, textOf } from "./record.js";

type Node = Record<string, unknown>;

const PREFIX = /^(?:https?:\/\/schema\.org\/|schema:)/i;

/** A property or type name without its schema.org prefix. */
function local(name: string): string {
  return name.replace(PREFIX, "");
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether a JSON value looks like JSON-LD (as opposed to a claims file or an API response). */
export function looksLikeJsonLd(v: unknown): boolean {
  if (Array.isArray(v)) return v.some((x) => isNode(x) && ("@type" in x || "@context" in x || "@graph" in x));
  return isNode(v) && ("@context" in v || "@type" in v || "@graph" in v);
}

/** The types of a node, prefix-free. */
function typesOf(n: Node): string[] {
  const t = n["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string").map(local);
}

/**
 * A node's properties by their prefix-free names: `get("name")` finds `name`, `schema:name` and
 * `http(s)://schema.org/name`. A value is given once or as an array (JSON-LD allows both): `get` returns it as written.
 */
interface Props {
  get(name: string): unknown;
}

/** Calls `f` on each value of a property (one, or each of an array) until it returns something. */
function firstOf<T>(v: unknown, f: (x: unknown) => T | undefined): T | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return f(v);
  for (const x of v) {
    const r = f(x);
    if (r !== undefined) return r;
  }
  return undefined;
}

const NO_VALUES: unknown[] = [];

/**
 * The properties of a node. Most feeds write bare names: then a lookup is one property read, with nothing
 * allocated (a feed has hundreds of thousands of nodes). Only a node with a prefixed key gets them gathered.
 */
function props(n: Node): Props {
  let prefixed = false;
  for (const k in n) {
    if (k.charCodeAt(0) !== 64 /* @ */ && PREFIX.test(k)) {
      prefixed = true;
      break;
    }
  }
  if (!prefixed) return { get: (name) => n[name] };
  const m = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(n)) {
    const name = k.startsWith("@") ? k : local(k);
    const list = m.get(name) ?? [];
    // One at a time: a spread of a feed's 300,000-element array would overflow the stack.
    if (Array.isArray(v)) for (const x of v) list.push(x);
    else list.push(v);
    m.set(name, list);
  }
  return { get: (name) => m.get(name) };
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
    const types = typesOf(v);
    if (types.includes("ClaimReview")) {
      visit.review(v, path);
      continue;
    }
    if (types.includes("DataFeed")) visit.dataFeed(v);
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
    if (!sites.has(url)) sites.set(url, siteOf(url));
    return sites.get(url);
  };
  const shared = new Map<string, string>();
  const one = (s: string): string => {
    const known = shared.get(s);
    if (known !== undefined) return known;
    shared.set(s, s);
    return s;
  };
  return (node, path) => {
    const at = { path };
    const r = readClaimReview(node, resolve, site);
    if (typeof r === "string") return { at, message: r };
    (r as FeedRecord).at = at;
    shareRepeated(r as FeedRecord, one);
    return r as FeedRecord;
  };
}

/**
 * The values a feed repeats on every record (the reviewer, the rating's words, dates, language, the claimant) as one
 * string each: JSON.parse makes a copy per record, and a 300,000-review feed would keep tens of MB of copies.
 */
function shareRepeated(r: FeedRecord, one: (s: string) => string): void {
  const { review } = r;
  review.publisher.name = one(review.publisher.name);
  const { rating } = review;
  if (rating.textualRating !== undefined) rating.textualRating = one(rating.textualRating);
  if (rating.alternateName !== undefined) rating.alternateName = one(rating.alternateName);
  if (review.date !== undefined) review.date = one(review.date);
  if (review.language !== undefined) review.language = one(review.language);
  if (r.claimant) r.claimant.name = one(r.claimant.name);
  if (r.claimDate !== undefined) r.claimDate = one(r.claimDate);
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
  const types = typesOf(n);
  return { review: types.includes("ClaimReview"), name: types.includes("DataFeed") ? feedName(n) : undefined };
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
  return firstOf(p.get(name), (v) => textOf(scalar(v)));
}

/** The values of a property, each node given by reference (`{"@id": …}`) resolved to the node. */
function nodes(p: Props, name: string, resolve: (v: unknown) => unknown): unknown[] {
  const v = p.get(name);
  if (v === undefined) return NO_VALUES;
  return Array.isArray(v) ? v.map(resolve) : [resolve(v)];
}

/** A person or organisation's name and URL: from a node (`name`, `url`) or a bare string (a name, or a URL). */
function agent(v: unknown): { name?: string; url?: string; organization?: boolean } | undefined {
  const s = textOf(scalar(v));
  if (s !== undefined) return httpUrl(s) ? { url: httpUrl(s) } : { name: s };
  if (!isNode(v)) return undefined;
  const p = props(v);
  const name = text(p, "name") ?? text(p, "alternateName") ?? text(p, "legalName");
  const url = httpUrl(text(p, "url")) ?? httpUrl(text(p, "sameAs"));
  if (name === undefined && url === undefined) return undefined;
  const types = typesOf(v);
  return {
    ...(name ? { name } : {}),
    ...(url ? { url } : {}),
    ...(types.includes("Organization") || types.some((t) => t.endsWith("Organization")) ? { organization: true } : {}),
  };
}

/** A record from one ClaimReview node, or why it cannot be read. */
function readClaimReview(
  n: Node,
  resolve: (v: unknown) => unknown,
  site: (url: string) => string | undefined,
): Omit<FeedRecord, "at"> | string {
  const p = props(n);
  const item = nodes(p, "itemReviewed", resolve).find(isNode) as Node | undefined;
  const ip: Props = item ? props(item) : { get: () => undefined };
  const claim = text(p, "claimReviewed") ?? text(ip, "text") ?? text(ip, "name");
  if (claim === undefined) return "this ClaimReview has no claimReviewed (nor an itemReviewed with a text): skipped";

  const urlText = text(p, "url") ?? (typeof n["@id"] === "string" ? n["@id"] : undefined);
  if (urlText === undefined) return "this ClaimReview has no url (the review article): skipped";
  const url = httpUrl(urlText);
  if (url === undefined)
    return `this ClaimReview's url must be an http:// or https:// URL; found ${JSON.stringify(urlText.slice(0, 80))}: skipped`;

  const reviewer = [...nodes(p, "author", resolve), ...nodes(p, "publisher", resolve)].map(agent).find((a) => a !== undefined);
  const reviewerName = reviewer?.name ?? (reviewer?.url ? hostOf(reviewer.url) : undefined);
  if (!reviewer || reviewerName === undefined)
    return "this ClaimReview names no reviewer (author or publisher with a name or url): skipped";

  const ratingNode = nodes(p, "reviewRating", resolve).find(isNode) as Node | undefined;
  const rating = ratingNode ? readRating(ratingNode) : {};
  if (rating.textualRating === undefined && rating.ratingValue === undefined)
    return "this ClaimReview has no reviewRating with a textualRating, alternateName, name or ratingValue: skipped";

  const review: ClaimReview = {
    url,
    publisher: { name: reviewerName },
    rating,
  };
  const reviewerSite = reviewer.url !== undefined ? site(reviewer.url) : undefined;
  if (reviewerSite !== undefined) review.publisher.site = reviewerSite;
  const date = text(p, "datePublished") ?? text(p, "dateCreated");
  if (date !== undefined) review.date = date;
  const headline = text(p, "headline") ?? text(p, "name");
  if (headline !== undefined) review.headline = headline;
  const language = languageOf(p, resolve);
  if (language !== undefined) review.language = language;

  const record: Omit<FeedRecord, "at"> = { claim, appearances: [], review };
  const claimant = nodes(ip, "author", resolve)
    .map(agent)
    .find((a) => a?.name !== undefined);
  if (claimant) record.claimant = { name: claimant.name!, ...(claimant.organization ? { organization: true } : {}) };
  const claimDate = text(ip, "datePublished") ?? text(ip, "dateCreated");
  if (claimDate !== undefined) record.claimDate = claimDate;
  for (const key of ["firstAppearance", "appearance"]) {
    for (const a of nodes(ip, key, resolve)) {
      // A CreativeWork with a url, a bare URL, or a reference to a node outside the document (its @id is the URL).
      const u = httpUrl(scalar(a)) ?? (isNode(a) ? (httpUrl(text(props(a), "url")) ?? httpUrl(a["@id"])) : undefined);
      if (u !== undefined && !record.appearances.includes(u)) record.appearances.push(u);
    }
  }
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
  for (const key of ["ratingValue", "bestRating", "worstRating"] as const) {
    const v = firstOf(p.get(key), (x) => numberOf(scalar(x)));
    if (v !== undefined) r[key] = v;
  }
  return r;
}

function languageOf(p: Props, resolve: (v: unknown) => unknown): string | undefined {
  for (const v of nodes(p, "inLanguage", resolve)) {
    const s = textOf(scalar(v));
    if (s !== undefined) return s;
    if (isNode(v)) {
      const lp = props(v);
      const code = text(lp, "alternateName") ?? text(lp, "name");
      if (code !== undefined) return code;
    }
  }
  // A language-tagged string: {"@value": "…", "@language": "en"}.
  return firstOf(p.get("claimReviewed"), (v) => (isNode(v) && typeof v["@language"] === "string" ? v["@language"] : undefined));
}

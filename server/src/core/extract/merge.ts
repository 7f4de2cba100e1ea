// Re-extraction over an existing database: claims the writer marked `reviewed: true` are kept as
// they left them (with their speakers); a freshly drawn claim is dropped when it has a reviewed
// claim's id or overlaps a reviewed claim's quote, so a corrected claim never comes back twice.
// A reviewed claim whose quote moved (the source was edited) gets its offsets updated; one whose
// quote is gone is kept and reported, for the writer to fix.
import type { ClaimJson, ClaimsFileJson } from "./index.js";
import { normaliseQuote } from "./ids.js";

export interface MergeResult {
  db: ClaimsFileJson;
  kept: number;
  /** Reviewed claims whose quote is no longer in the source text. */
  lost: string[];
}

export function mergeReviewed(fresh: ClaimsFileJson, previous: unknown, text: string): MergeResult {
  const old = previous as Partial<ClaimsFileJson> | null;
  const reviewed = (Array.isArray(old?.claims) ? old.claims : []).filter(
    (c): c is ClaimJson => !!c && typeof c === "object" && (c as ClaimJson).reviewed === true,
  );
  if (!reviewed.length) return { db: fresh, kept: 0, lost: [] };
  const lost: string[] = [];
  const kept = reviewed.map((c) => {
    if (typeof c.quote !== "string") return c;
    if (Number.isInteger(c.start) && text.slice(c.start, c.end) === c.quote) return c;
    const hits: number[] = [];
    for (let i = text.indexOf(c.quote); i >= 0 && hits.length < 1000; i = text.indexOf(c.quote, i + 1)) hits.push(i);
    if (!hits.length) {
      lost.push(c.id);
      return c;
    }
    const at = hits.reduce((b, x) => (Math.abs(x - (c.start ?? 0)) < Math.abs(b - (c.start ?? 0)) ? x : b));
    return { ...c, start: at, end: at + c.quote.length };
  });
  const ids = new Set(kept.map((c) => c.id));
  const spans = kept.filter((c) => Number.isInteger(c.start)).map((c) => [c.start, c.end]);
  const quotes = kept.map((c) => normaliseQuote(String(c.quote ?? ""))).filter(Boolean);
  const clash = (c: ClaimJson) =>
    ids.has(c.id) ||
    spans.some(
      ([s, e]) => c.start < e && s < c.end && Math.min(e, c.end) - Math.max(s, c.start) >= 0.5 * Math.min(e - s, c.end - c.start),
    ) ||
    quotes.includes(normaliseQuote(c.quote));
  const claims = [...kept, ...fresh.claims.filter((c) => !clash(c))].sort(
    (a, b) => (a.start ?? 0) - (b.start ?? 0) || (a.end ?? 0) - (b.end ?? 0),
  );
  const speakers = { ...fresh.speakers };
  const oldSpeakers = (old?.speakers ?? {}) as ClaimsFileJson["speakers"];
  for (const c of kept) if (oldSpeakers[c.speaker]) speakers[c.speaker] = oldSpeakers[c.speaker];
  // speakers only the dropped claims used are no longer needed
  const usedKeys = new Set(claims.map((c) => c.speaker));
  for (const k of Object.keys(speakers)) if (!usedKeys.has(k)) delete speakers[k];
  return { db: { ...fresh, speakers, claims }, kept: kept.length, lost };
}

// Stable claim ids: the speaker, the first words of the quote and a hash of speaker + normalised quote,
// so the same source gives the same ids and an edited source keeps the ids of the claims it did not
// touch (an id does not depend on offsets or on the claims around it). Equal keys get -2, -3 … in
// document order.
import { slug } from "./speakers.js";

/** FNV-1a, 32 bits, as 6 base-36 digits. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0").slice(-6);
}

/** A quote as ids see it: letters and digits only, lower case, so a changed apostrophe or space keeps the id. */
export function normaliseQuote(q: string): string {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function claimIdBase(speaker: string, quote: string, title: string): string {
  const words = normaliseQuote(quote)
    .split(" ")
    .filter((w) => w.length > 2 && !/^(that|the|and|was|were|would|will|has|have|had|for|with|this|not)$/.test(w));
  return `${slug(speaker, 16)}-${slug(words.slice(0, 3).join(" "), 30) || "q"}-${hash(`${title}\n${speaker}\n${normaliseQuote(quote)}`)}`;
}

/** Each claim with its id first (generic over the claim's shape, so this file needs nothing of index.ts). */
export function assignIds<C extends { speaker: string; quote: string }>(claims: C[], title: string): (C & { id: string })[] {
  const seen = new Map<string, number>();
  return claims.map((c) => {
    const base = claimIdBase(c.speaker, c.quote, title);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}-${n}`, ...c };
  });
}

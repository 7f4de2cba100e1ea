// What a claims file means, beyond its schema: no repeated property names, no claim id used twice, every
// claim's speaker defined (with a "did you mean" for a near miss), and each quote where its offsets say
// (quote-checks.ts). Each check looks only at values of the right type; the schema has reported the rest.
import { damerau } from "../edit-distance.js";
import type { JsonNode } from "./json-tree.js";
import { type SourceView, quoteOffsets } from "./quote-checks.js";
import { list, type Reporter } from "./reporter.js";

/** Every object's repeated keys: JSON parsers silently keep the last one, which hides mistakes. Iterative: no stack to overflow. */
export function reportDuplicateKeys(root: JsonNode, rep: Reporter): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "object") {
      const seen = new Map<string, JsonNode>();
      for (const p of node.children ?? []) {
        const key = p.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        const first = seen.get(name);
        if (first) {
          const line = rep.lines.positionAt(first.offset).line + 1;
          rep.node(key, `duplicate property ${JSON.stringify(name)} (first on line ${line}); only the last one would count`);
        } else seen.set(name, key);
      }
    }
    const children = node.children ?? [];
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
  }
}

/**
 * Checks every claim of the file's plain value (JSON.parse's: the schema has been checked, but may have failed, so
 * every value is looked at only when it has the right type): its id, its speaker, its version-2 fields, its quote
 * against the source. Returns the checked offsets of each claim's quote by its index in `claims`; problems go to
 * `rep`, by JSON Pointer.
 */
export function checkClaims(top: Record<string, unknown>, rep: Reporter, source: SourceView): QuoteOffsetTable {
  const speakers = isObject(top.speakers) ? top.speakers : undefined;
  const speakerInfos: SpeakerInfo[] = [];
  for (const [id, v] of Object.entries(speakers ?? {})) {
    speakerInfos.push({ id, name: isObject(v) ? v.name : undefined, aliases: isObject(v) ? v.aliases : undefined });
  }
  const speakerIds = new Set(speakerInfos.map((s) => s.id));
  const claims = Array.isArray(top.claims) ? (top.claims as unknown[]) : [];
  const firstById = new Map<string, number>();
  const offsets = new QuoteOffsetTable(claims.length);
  const version1 = top.version === 1;

  claims.forEach((claim, index) => {
    if (!isObject(claim)) return;
    const at = `/claims/${index}`;

    if (typeof claim.id === "string") {
      const first = firstById.get(claim.id);
      if (first !== undefined) {
        const where = rep.positionOf(`/claims/${first}/id`);
        rep.at(
          `${at}/id`,
          `duplicate claim id ${JSON.stringify(claim.id)}: already used at line ${where.line + 1}, column ${where.character + 1}`,
        );
      } else firstById.set(claim.id, index);
    }

    if (typeof claim.speaker === "string" && claim.speaker !== "" && speakers) {
      const ref = claim.speaker;
      if (!speakerIds.has(ref)) {
        const hint = suggestSpeaker(ref, speakerInfos);
        const known = speakerInfos.length ? `speakers defined in this file: ${list(speakerInfos.map((s) => s.id))}` : `"speakers" is empty`;
        rep.at(
          `${at}/speaker`,
          `unknown speaker ${JSON.stringify(ref)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ""}; ${known}`,
        );
      }
    }

    if (version1) {
      for (const key of REVIEWED_CLAIM_KEYS) {
        if (key in claim)
          rep.at(
            `${at}/${key}`,
            `${JSON.stringify(key)} belongs to reviewed claims, which need "version": 2 at the top of the file`,
            "key",
          );
      }
    }

    const quoted = quoteOffsets(claim, at, rep, source);
    if (quoted) offsets.set(index, quoted);
  });
  return offsets;
}

/**
 * Checked quote offsets by claim index, as numbers in two arrays (-1: none). As a Map of {start, end} objects they
 * were ≈ 10 MB of a 100,000-claim load, kept for the whole load and then garbage in the old generation.
 */
export class QuoteOffsetTable {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  constructor(size: number) {
    this.starts = new Float64Array(size).fill(-1);
    this.ends = new Float64Array(size);
  }
  set(index: number, at: { start: number; end: number }): void {
    this.starts[index] = at.start;
    this.ends[index] = at.end;
  }
  has(index: number): boolean {
    return this.starts[index] >= 0;
  }
  /** The offsets of claim `index`'s quote, made anew; undefined when it has none. */
  get(index: number): { start: number; end: number } | undefined {
    const start = this.starts[index];
    return start >= 0 ? { start, end: this.ends[index] } : undefined;
  }
}

/** The properties only a version-2 file's claims may have. */
const REVIEWED_CLAIM_KEYS = ["review", "url", "appearances", "claimDate"] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface SpeakerInfo {
  id: string;
  name?: unknown;
  aliases?: unknown;
}

function suggestSpeaker(ref: string, speakers: SpeakerInfo[]): string | undefined {
  const low = ref.toLowerCase();
  for (const s of speakers) {
    const names = [s.id, s.name, ...(Array.isArray(s.aliases) ? s.aliases : [])];
    if (names.some((n) => typeof n === "string" && n.toLowerCase() === low)) return s.id;
  }
  let best: { id: string; d: number } | undefined;
  for (const s of speakers) {
    const d = damerau(low, s.id);
    if (d <= 2 && (!best || d < best.d)) best = { id: s.id, d };
  }
  return best?.id;
}

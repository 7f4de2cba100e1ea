// What a claims file means, beyond its schema: no repeated property names, no claim id used twice, every
// claim's speaker defined (with a "did you mean" for a near miss), and each quote where its offsets say
// (quote-checks.ts). Each check looks only at values of the right type; the schema has reported the rest.
import { getNodeValue } from "jsonc-parser";
import { damerau } from "../edit-distance.js";
import { type JsonNode, valueOf } from "./json-tree.js";
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
 * Checks every claim (its id, its speaker, its quote against the source) and returns the checked offsets of
 * each claim's quote by its index in `claims`; problems go to `rep`.
 */
export function checkClaims(top: JsonNode, rep: Reporter, source: SourceView): Map<number, { start: number; end: number }> {
  const speakersNode = valueOf(top, "speakers");
  const speakerInfos: SpeakerInfo[] = [];
  if (speakersNode?.type === "object") {
    for (const p of speakersNode.children ?? []) {
      const id = p.children?.[0]?.value;
      const v = p.children?.[1];
      if (typeof id !== "string") continue;
      speakerInfos.push({
        id,
        name: valueOf(v, "name")?.value,
        aliases: v && valueOf(v, "aliases") ? getNodeValue(valueOf(v, "aliases")!) : undefined,
      });
    }
  }
  const speakerIds = new Set(speakerInfos.map((s) => s.id));

  const claimsNode = valueOf(top, "claims");
  const claimNodes = claimsNode?.type === "array" ? (claimsNode.children ?? []) : [];
  const firstById = new Map<string, JsonNode>();
  const offsets = new Map<number, { start: number; end: number }>();

  claimNodes.forEach((claimNode, index) => {
    if (claimNode.type !== "object") return;

    const idNode = valueOf(claimNode, "id");
    if (idNode?.type === "string") {
      const id = String(idNode.value);
      const first = firstById.get(id);
      if (first) {
        const where = rep.lines.positionAt(first.offset);
        rep.node(idNode, `duplicate claim id ${JSON.stringify(id)}: already used at line ${where.line + 1}, column ${where.character + 1}`);
      } else firstById.set(id, idNode);
    }

    const speakerNode = valueOf(claimNode, "speaker");
    if (speakerNode?.type === "string" && speakerNode.value !== "" && speakersNode?.type === "object") {
      const ref = String(speakerNode.value);
      if (!speakerIds.has(ref)) {
        const hint = suggestSpeaker(ref, speakerInfos);
        const known = speakerInfos.length ? `speakers defined in this file: ${list(speakerInfos.map((s) => s.id))}` : `"speakers" is empty`;
        rep.node(speakerNode, `unknown speaker ${JSON.stringify(ref)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ""}; ${known}`);
      }
    }

    const at = quoteOffsets(claimNode, rep, source);
    if (at) offsets.set(index, at);
  });
  return offsets;
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

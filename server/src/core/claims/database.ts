// The database a claims file describes, built once every check has passed (so the shapes below hold): speakers
// shared by their claims, offsets filled in, and each claim's provenance — where its id stands in the claims
// file and its quote in the source, as offsets and line/character — worked out here, once.
import { getNodeValue } from "jsonc-parser";
import type { Claim, ClaimProvenance, ClaimsDatabase, Polarity, QuoteKind, Speaker } from "../types.js";
import { type JsonNode, valueOf } from "./json-tree.js";
import type { SourceView } from "./quote-checks.js";
import type { Reporter } from "./reporter.js";

/** What the loader returns: a ClaimsDatabase plus what else the file says. */
export interface LoadedClaimsDatabase extends ClaimsDatabase {
  /** Every speaker of the file, in file order, including any with no claims. Claims share these objects. */
  speakers: Speaker[];
  /** The `source` block of the file, when present. */
  source?: { title: string; file?: string; url?: string };
  /** The source text the quotes were checked against, when known. */
  sourceText?: string;
}

/**
 * The database of a checked claims file. `offsets` holds each claim's checked quote offsets by index (claims
 * without are at 0/0: unknown); `sourcePath` names the source in quote provenance.
 */
export function buildDatabase(
  top: JsonNode,
  file: string,
  rep: Reporter,
  source: SourceView,
  sourcePath: string | undefined,
  offsets: ReadonlyMap<number, { start: number; end: number }>,
): LoadedClaimsDatabase {
  const sourceText = source.text;
  const claimNodes = valueOf(top, "claims")?.children ?? [];
  const raw = getNodeValue(top) as RawDatabase;
  const speakers = new Map<string, Speaker>();
  for (const [id, s] of Object.entries(raw.speakers)) {
    speakers.set(id, { id, name: s.name, role: s.role, ...(s.aliases ? { aliases: [...s.aliases] } : {}) });
  }
  const claims = raw.claims.map((c, index): Claim => {
    const at = offsets.get(index) ?? { start: 0, end: 0 };
    const idNode = valueOf(claimNodes[index], "id")!;
    const provenance: ClaimProvenance = {
      definedIn: { ...rep.span(idNode.offset, idNode.offset + idNode.length), pointer: `/claims/${index}/id` },
    };
    if (sourcePath !== undefined && sourceText !== undefined && offsets.has(index) && at.end > at.start) {
      provenance.quoteIn = {
        file: sourcePath,
        start: at.start,
        end: at.end,
        range: { start: source.position(at.start), end: source.position(at.end) },
      };
    }
    return {
      id: c.id,
      text: c.text,
      speaker: speakers.get(c.speaker)!,
      verb: c.verb,
      hedged: c.hedged,
      polarity: c.polarity,
      // A file that does not say is read as paraphrase: the safe side, which never puts words in quotation marks.
      quoteKind: c.quoteKind ?? "reported",
      source: {
        title: raw.source?.title ?? raw.title,
        section: c.section,
        quote: c.quote,
        start: at.start,
        end: at.end,
        ...(raw.source?.file !== undefined ? { file: raw.source.file } : {}),
        ...(sourceText !== undefined && offsets.has(index) ? { sentence: sentenceStartOf(sourceText, at.start) } : {}),
      },
      provenance,
    };
  });

  const db: LoadedClaimsDatabase = { origin: file, title: raw.title, claims, speakers: [...speakers.values()] };
  if (sourcePath !== undefined) db.sourcePath = sourcePath;
  if (raw.source) db.source = { ...raw.source };
  if (sourceText !== undefined) db.sourceText = sourceText;
  return db;
}

/** Where the sentence holding `offset` starts: just past the previous sentence end or line break. */
function sentenceStartOf(text: string, offset: number): number {
  for (let i = offset - 1; i > 0; i--) {
    const ch = text[i];
    if (ch === "\n") return i + 1;
    if (/\s/.test(ch) && /[.!?]["”’)]?$/.test(text.slice(Math.max(0, i - 2), i))) return i + 1;
  }
  return 0;
}

interface RawDatabase {
  version: 1;
  title: string;
  source?: { title: string; file?: string; url?: string };
  speakers: Record<string, { name: string; role: string; aliases?: string[] }>;
  claims: Array<{
    id: string;
    text: string;
    speaker: string;
    verb: string;
    section: string;
    quote: string;
    start?: number;
    end?: number;
    hedged: boolean;
    polarity: Polarity;
    quoteKind?: QuoteKind;
  }>;
}

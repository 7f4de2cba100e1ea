// What the claims-loading worker (load-worker.ts) and the server (claims-worker.ts) say to each other: a loaded
// database as messages of plain data. A claim names its speaker (and claimant) by number in the database's speaker
// list (claims-codec.ts), so that the server's claims share one object per speaker, as the loader's do.
import type { LoadedClaimsDatabase } from "../core/claims/loader.js";
import type { InputError, Speaker } from "../core/types.js";

/** Claims per message: a few milliseconds for the server to take in. */
export const CLAIMS_PER_MESSAGE = 1_000;

export interface LoadRequest {
  file: string;
  root: string;
  maxBytes?: number;
  limitName?: string;
}

export type WorkerMessage =
  | {
      kind: "meta";
      origin: string;
      title: string;
      sourcePath?: string;
      source?: LoadedClaimsDatabase["source"];
      warnings?: InputError[];
      speakers: Speaker[];
      claims: number;
      /** The strings the encoded claims name by number (claims-codec.ts). */
      strings: string[];
      /** sha256 of the claims file's text (the index cache's key, node/index-cache.ts). */
      digest: string;
      text?: string;
    }
  /**
   * Claims `from` on, encoded (claims-codec.ts) as one JSON text: cloning a few thousand claims' object graphs took
   * ten times as long as parsing this.
   */
  | { kind: "claims"; from: number; json: string }
  | { kind: "done" }
  | { kind: "errors"; errors: InputError[]; text: string }
  | { kind: "fail"; message: string };

// The worker thread that loads one large claims file for the language server (claims-worker.ts starts it): reading,
// JSON.parse, the schema and the checks of meaning run here, where holding the thread for a second blocks nobody.
// The database goes back in pieces the server's event loop takes one at a time: first its speakers and what else
// the file says, then its claims a few thousand per message, each naming its speaker by number (structured cloning
// would copy a speaker object into every claim that shares it).
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { loadClaimsFile } from "../core/claims/loader.js";
import { InputErrors } from "../core/types.js";
import { confinedLoaderHost } from "./claims-disk.js";
import { CodecTables, encodeClaim } from "./claims-codec.js";
import { CLAIMS_PER_MESSAGE, type LoadRequest, type WorkerMessage } from "./claims-wire.js";

async function main(req: LoadRequest): Promise<void> {
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  let text = "";
  const confined = confinedLoaderHost({ root: req.root, maxBytes: req.maxBytes, limitName: req.limitName });
  const host = {
    ...confined,
    readFile: async (p: string) => {
      const t = await confined.readFile(p);
      if (p === req.file) text = t;
      return t;
    },
  };
  try {
    const db = await loadClaimsFile(req.file, host);
    const speakers = db.speakers;
    const number = new Map(speakers.map((s, i) => [s, i]));
    const tables = new CodecTables(speakers);
    const encoded = db.claims.map((c, i) => encodeClaim(c, i, number, tables));
    post({
      kind: "meta",
      origin: db.origin,
      title: db.title,
      sourcePath: db.sourcePath,
      source: db.source,
      warnings: db.warnings,
      speakers,
      claims: db.claims.length,
      strings: tables.strings,
      digest: createHash("sha256").update(text).digest("hex"),
      // The text is needed again only to place the warnings' ends (diagnostics.ts).
      text: db.warnings?.length ? text : undefined,
    });
    for (let i = 0; i < db.claims.length; i += CLAIMS_PER_MESSAGE) {
      post({ kind: "claims", from: i, json: JSON.stringify(encoded.slice(i, i + CLAIMS_PER_MESSAGE)) });
    }
    post({ kind: "done" });
  } catch (e) {
    if (e instanceof InputErrors) post({ kind: "errors", errors: e.errors, text });
    else post({ kind: "fail", message: (e as Error)?.message ?? String(e) });
  }
}

if (parentPort) void main(workerData as LoadRequest);

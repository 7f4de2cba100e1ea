// Loading a large claims file off the language server's event loop: a worker thread (load-worker.ts) reads, parses
// and checks it, and the database comes back in messages of a few thousand claims, each taken in a turn of the
// event loop of its own (JSON.parse of a 42 MB file alone held the thread for half a second; the checks for a
// second more). Small files, editor text, and any host without the worker's file load in the process as before.
import { existsSync, promises as fsp } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LoadedClaimsDatabase } from "../core/claims/loader.js";
import { type Claim, InputErrors } from "../core/types.js";
import { decodeClaim, DecodedPlaces } from "./claims-codec.js";
import type { LoadRequest, WorkerMessage } from "./claims-wire.js";

/** Files at least this large load in the worker; below, the load is quick enough to run in place. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** What a worker load gives: the database, the sha256 of its file's text, and that text when warnings need it. */
export interface WorkerLoad {
  db: LoadedClaimsDatabase;
  digest: string;
  text?: string;
}

/** Loads claims files in a worker; `undefined` from `load` means "not for the worker": load in place. */
export interface ClaimsWorker {
  load(req: LoadRequest): Promise<WorkerLoad | undefined>;
  /** Would `load` take this file (a regular file large enough)? */
  isLarge(file: string): Promise<boolean>;
}

/** The worker's script beside this module (tsc's out/ and esbuild's dist/ alike), when it is there. */
function workerScript(): URL | undefined {
  const here = import.meta.url;
  const url = new URL(here.endsWith(".cjs") ? "./load-worker.cjs" : "./load-worker.js", here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export function nodeClaimsWorker(minBytes = WORKER_MIN_BYTES): ClaimsWorker {
  const isLarge = async (file: string) => {
    const st = await fsp.stat(file).catch(() => undefined);
    return !!st?.isFile() && st.size >= minBytes && workerScript() !== undefined;
  };
  return {
    isLarge,
    async load(req) {
      // Whatever is not a large regular file takes the ordinary path, which explains what is wrong with it.
      if (!(await isLarge(req.file))) return undefined;
      return runWorker(workerScript()!, req);
    },
  };
}

function runWorker(script: URL, req: LoadRequest): Promise<WorkerLoad> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: req });
    let meta: Extract<WorkerMessage, { kind: "meta" }> | undefined;
    // The claims' provenance as the loader keeps it: numbers in one table (core/claims/provenance.ts).
    let places: DecodedPlaces | undefined;
    const claims: Claim[] = [];
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    // A port hands over every message waiting in one turn of the event loop: taking in a whole database's claims
    // at once held it for seconds. So messages wait in a queue, and each is taken in a turn of its own.
    const queue: WorkerMessage[] = [];
    let draining = false;
    const take = (m: WorkerMessage) => {
      if (m.kind === "meta") meta = m;
      else if (m.kind === "claims") {
        const encoded = JSON.parse(m.json) as Parameters<typeof decodeClaim>[0][];
        places ??= new DecodedPlaces(meta!.claims);
        encoded.forEach((e, k) => claims.push(decodeClaim(e, m.from + k, meta!.speakers, meta!.strings, places)));
      } else if (m.kind === "errors") finish(() => reject(Object.assign(new InputErrors(m.errors), { fileText: m.text })));
      else if (m.kind === "fail") finish(() => reject(new Error(m.message)));
      else if (m.kind === "done") {
        const { origin, title, sourcePath, source, warnings, speakers, digest, text } = meta!;
        const db: LoadedClaimsDatabase = { origin, title, claims, speakers };
        if (sourcePath !== undefined) db.sourcePath = sourcePath;
        if (source !== undefined) db.source = source;
        if (warnings !== undefined) db.warnings = warnings;
        finish(() => resolve({ db, digest, text }));
      }
    };
    const drain = () => {
      const m = queue.shift();
      if (!m) {
        draining = false;
        return;
      }
      take(m);
      setImmediate(drain);
    };
    const enqueue = (m: WorkerMessage) => {
      queue.push(m);
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    };
    worker.on("message", enqueue);
    worker.on("error", (e) => finish(() => reject(e)));
    // After the messages it sent: a worker that posted everything and ended has done its job.
    worker.on("exit", (code) => enqueue({ kind: "fail", message: `the claims-loading worker stopped (exit code ${code})` }));
  });
}

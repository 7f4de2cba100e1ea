// Process entry of the language server: `node out/server/src/main.js --stdio` (or --node-ipc,
// --socket=N, --pipe=NAME, as vscode-languageserver's createConnection reads them from argv).
// Also bundled by esbuild to CommonJS dist/server.cjs, where WordNet ships in dist/wordnet and the
// claims folder beside dist/. Errors are logged to the client, never allowed to end the process —
// except a broken LSP stream on stdio (stdio.ts): then the process exits so the client restarts it.
import { type Connection, createConnection, ProposedFeatures } from "vscode-languageserver/node.js";
import { EMPTY_LEXICON, type Lexicon } from "./core/lexicon/lexicon.js";
import { nodeFs } from "./deps.js";
import { BUNDLED_CLAIMS_PATH } from "./node/install-paths.js";
import { nodeClaimsWorker } from "./node/claims-worker.js";
import { limitHeapGrowth } from "./node/heap-growth.js";
import { diskIndexCache } from "./node/index-cache.js";
import { createLexicon, warmLexicon } from "./node/lexicon.js";
import { startServer } from "./server.js";
import { stdioTransport } from "./stdio.js";

// Before anything is loaded: collections that keep the heap near what is live (heap-growth.ts).
limitHeapGrowth();

let shutdownReceived = false;
let connection: Connection;
if (process.argv.includes("--stdio")) {
  const { reader, writer } = stdioTransport(() => shutdownReceived);
  connection = createConnection(ProposedFeatures.all, reader, writer);
} else {
  connection = createConnection(ProposedFeatures.all); // --node-ipc, --socket=N, --pipe=NAME from argv
}
connection.onShutdown(() => {
  shutdownReceived = true;
});

const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
process.on("uncaughtException", (e) => connection.console.error(`uncaught: ${describe(e)}`));
process.on("unhandledRejection", (e) => connection.console.error(`unhandled rejection: ${describe(e)}`));

// In the CJS bundle __dirname is dist/, where the WordNet copy lives; under tsc's ESM output it is not defined.
const bundleDir = typeof __dirname === "string" ? __dirname : undefined;
let lexicon: Lexicon;
try {
  lexicon = createLexicon(bundleDir);
} catch (e) {
  lexicon = EMPTY_LEXICON;
  connection.console.warn(`WordNet unavailable, matching without synonyms: ${describe(e)}`);
}

startServer(connection, {
  fs: nodeFs,
  lexicon,
  bundledClaimsPath: BUNDLED_CLAIMS_PATH,
  indexCache: diskIndexCache(connection.console),
  claimsWorker: nodeClaimsWorker(),
  warmUp: () => warmLexicon(lexicon),
});

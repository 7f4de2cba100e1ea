// Where the installed extension keeps its files: the bundled claims folder (`claims/` at the
// extension root) with the bundled database and the JSON schema. A node adapter: it reads the
// environment and looks at the disk, once, when first imported.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const BUNDLED_CLAIMS_FILE = "european-led-security-guarantees.claims.json";

/**
 * Folder holding the shipped claims (`claims/` at the extension root).
 *
 * Resolved once, at module load:
 *  1. `FACTCHECK_CLAIMS_DIR` in the environment, if set (tests, or an unusual install);
 *  2. otherwise the nearest ancestor of this module's folder that contains `claims/claims.schema.json`. That works
 *     from tsc output (out/server/src/node/*.js, ESM: uses import.meta.url) and from an esbuild CJS bundle in dist/
 *     (uses __dirname), as long as `claims/` ships beside them in the extension root. Nothing to define at bundle
 *     time; esbuild may warn that import.meta is empty in CJS output — that branch is never taken there
 *     (silence with `logOverride: { "empty-import-meta": "silent" }`).
 *  3. failing both, `<module dir>/../../../../claims`, the tsc layout.
 */
export const CLAIMS_DIR: string = resolveClaimsDir();

/** Absolute path of claims/european-led-security-guarantees.claims.json. See CLAIMS_DIR for how it is found. */
export const BUNDLED_CLAIMS_PATH: string = path.join(CLAIMS_DIR, BUNDLED_CLAIMS_FILE);

/** Absolute path of claims/claims.schema.json. */
export const CLAIMS_SCHEMA_PATH: string = path.join(CLAIMS_DIR, "claims.schema.json");

/** The folder of this module: of the bundle in dist/, or of this file's tsc output. */
export function moduleDir(): string {
  // esbuild CJS bundle: __dirname is the bundle's folder. tsc ESM output: there is no __dirname.
  if (typeof __dirname === "string") return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

export function resolveClaimsDir(): string {
  const fromEnv = process.env.FACTCHECK_CLAIMS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const here = moduleDir();
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "claims", "claims.schema.json"))) return path.join(dir, "claims");
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(here, "../../../../claims");
}

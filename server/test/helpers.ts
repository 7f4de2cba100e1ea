// Shared test helpers: paths into the repository, one English pipeline, and checkers built from fixture databases.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFactChecker, type FactChecker } from "../src/core/checker.js";
import { createNlp } from "../src/core/nlp.js";
import { Segmenter } from "../src/core/segment/segmenter.js";
import { readBundledClaims, readClaimsFile } from "../src/node/claims-disk.js";
import { createLexicon } from "../src/node/lexicon.js";
import type { Claim } from "../src/core/types.js";

/** The repository root: the nearest folder above this file with a package.json. */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
})();

export const fixture = (...parts: string[]) => join(ROOT, "test", "fixtures", ...parts);

const lexicon = createLexicon();

/** One English pipeline for a test file's engines and segmenters, as a host would share it (its model loads once). */
export const nlp = createNlp();

/** A segmenter of its own (cold caches), on the shared pipeline. */
export function newSegmenter(): Segmenter {
  return new Segmenter(nlp);
}

export async function harborChecker(): Promise<FactChecker> {
  return createFactChecker({ databases: [await readClaimsFile(fixture("core", "harbor.claims.json"))], lexicon, nlp });
}

export async function articleChecker(): Promise<FactChecker> {
  return createFactChecker({ databases: [await readBundledClaims()], lexicon, nlp });
}

/** The core fixture databases besides the bundled one: a city-council story, direct quotes, a briefing, a feed. */
export const CORE_FIXTURE_DATABASES = ["harbor", "transit", "briefing", "factchecks"] as const;

/** Every claim of the bundled database and the core fixture databases, in that order. */
export async function allFixtureClaims(): Promise<Claim[]> {
  const claims: Claim[] = [...(await readBundledClaims()).claims];
  for (const f of CORE_FIXTURE_DATABASES) claims.push(...(await readClaimsFile(fixture("core", `${f}.claims.json`))).claims);
  return claims;
}

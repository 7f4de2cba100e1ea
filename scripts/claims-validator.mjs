// Writes server/src/core/claims/schema-{validator,explainer}.generated.ts: the claims schema's validators as ajv
// standalone code (server/src/build/claims-validator.ts says why). Run after editing server/src/core/claims/schema.ts:
//   npx tsc -b && node scripts/claims-validator.mjs [--check]
// --check exits 1 when a committed file is not what today's schema generates (the unit test checks the same).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { claimsValidatorSource, GENERATED_VALIDATORS } from "../out/server/src/build/claims-validator.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const which of GENERATED_VALIDATORS) {
  const file = path.join(root, "server/src/core/claims", which.file);
  const source = claimsValidatorSource(which);
  const name = path.relative(root, file);
  if (!check) {
    writeFileSync(file, source);
    console.log(`wrote ${name} (${source.length} characters)`);
  } else if (readFileSync(file, "utf8") !== source) {
    stale++;
    console.log(`${name} is stale: run node scripts/claims-validator.mjs`);
  } else console.log(`${name} is up to date`);
}
process.exit(stale ? 1 : 0);

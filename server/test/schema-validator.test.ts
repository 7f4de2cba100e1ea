// The claims schema's validators are ajv's code generated ahead of time (server/src/build/claims-validator.ts):
// the committed modules must be what today's schema generates, and must answer as ajv compiling the schema at run
// time does, on good files and on files with every kind of error.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { claimsValidatorSource, GENERATED_VALIDATORS } from "../src/build/claims-validator.js";
import { CLAIMS_SCHEMA } from "../src/core/claims/schema.js";
import { schemaValid } from "../src/core/claims/schema-errors.js";
import explainClaimsFile from "../src/core/claims/schema-explainer.generated.js";

const CLAIMS_DIR = fileURLToPath(new URL("../../../server/src/core/claims/", import.meta.url));
const BUNDLED = fileURLToPath(new URL("../../../claims/european-led-security-guarantees.claims.json", import.meta.url));

test("the committed validators are what today's schema generates (node scripts/claims-validator.mjs)", () => {
  for (const which of GENERATED_VALIDATORS)
    assert.equal(readFileSync(CLAIMS_DIR + which.file, "utf8"), claimsValidatorSource(which), `${which.file} is stale`);
});

/** Good and bad values: the bundled database and copies of it with one thing wrong each. */
function cases(): { name: string; value: unknown }[] {
  const good = JSON.parse(readFileSync(BUNDLED, "utf8")) as Record<string, unknown>;
  const copy = () => structuredClone(good) as Record<string, unknown> & { claims: Record<string, unknown>[] };
  const out: { name: string; value: unknown }[] = [{ name: "the bundled database", value: good }];
  const edit = (name: string, f: (v: ReturnType<typeof copy>) => void) => {
    const v = copy();
    f(v);
    out.push({ name, value: v });
  };
  edit("a missing title", (v) => delete v.title);
  edit("an unknown property", (v) => (v.claims[0].qoute = "x"));
  edit("a wrong type", (v) => (v.claims[1].start = "12"));
  edit("a bad id", (v) => (v.claims[2].id = "Not An Id"));
  edit("an unknown version", (v) => (v.version = 7));
  edit("a javascript: url", (v) => (v.source = { title: "t", url: "javascript:alert(1)" }));
  edit("an empty speaker", (v) => (v.claims[3].speaker = ""));
  edit("claims not an array", (v) => ((v as Record<string, unknown>).claims = {}));
  edit("several errors at once", (v) => {
    delete v.speakers;
    v.claims[0].polarity = "sideways";
    v.claims[4].end = -1;
  });
  out.push({ name: "not an object", value: [] }, { name: "null", value: null });
  return out;
}

test("the generated validators answer as ajv compiling the schema does", () => {
  const options = { strict: true, strictRequired: false, logger: false } as const;
  const compile = (more: object) => {
    const ajv = new Ajv({ ...options, ...more });
    for (const kw of ["defaultSnippets", "enumDescriptions", "markdownDescription"]) ajv.addKeyword(kw);
    return ajv.compile(CLAIMS_SCHEMA as unknown as object);
  };
  const yesNo = compile({});
  const explaining = compile({ allErrors: true, verbose: true });
  const explain = explainClaimsFile as { (v: unknown): boolean; errors?: unknown[] | null };
  let bad = 0;
  for (const { name, value } of cases()) {
    const expected = yesNo(value);
    if (!expected) bad++;
    assert.equal(schemaValid(value), expected, name);
    assert.equal(explain(value), explaining(value), name);
    assert.deepEqual(explain.errors ?? null, explaining.errors ?? null, `${name}: the same errors`);
  }
  assert.ok(bad >= 10, "the cases include bad files");
});

// The schemas package.json hands VS Code's JSON service. Claims files get the claims schema without
// validation keywords (completion and hovers only): the language server is the one voice for their
// errors, so none is reported twice. The config file's schema allows exactly what the config parser reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Ajv } from "ajv";
import { parseProjectConfig } from "../src/node/config-file.js";
import { DEFAULT_SETTINGS } from "../../protocol/settings.js";
import { VERDICTS } from "../../protocol/verdicts.js";
import { REPO } from "./server-harness.js";

const read = (p: string) => JSON.parse(readFileSync(path.join(REPO, p), "utf8"));
const pkg = read("package.json");

test("claims files: VS Code's JSON service gets a hints-only schema, with every property of the real one and no validation", () => {
  const entry = pkg.contributes.jsonValidation.find((v: { fileMatch: unknown }) => JSON.stringify(v.fileMatch).includes("claims.json"));
  assert.equal(entry.url, "./dist/claims.hints.schema.json");
  const hints = read("dist/claims.hints.schema.json");
  const real = read("claims/claims.schema.json");
  const text = JSON.stringify(hints);
  for (const kw of ["required", "additionalProperties", "pattern", "minLength", "minimum", "propertyNames"])
    assert.ok(!text.includes(`"${kw}":`), `no "${kw}" in the hints schema`);
  const validate = new Ajv({ strict: false }).compile(hints);
  assert.ok(validate({ claims: "not even an array", stray: 1 }), "nothing is invalid to the hints schema");
  // Completion still knows every property of a claim.
  const claimProps = (s: { properties: { claims: { items: { properties: object } } } }) =>
    Object.keys(s.properties.claims.items.properties);
  assert.deepEqual(claimProps(hints), claimProps(real));
  assert.ok(readFileSync(path.join(REPO, ".vscodeignore"), "utf8").includes("!dist/claims.hints.schema.json"), "it is packaged");
});

test("the config file's schema (jsonValidation) accepts what the parser reads and rejects what it refuses", () => {
  const entry = pkg.contributes.jsonValidation.find((v: { fileMatch: unknown }) =>
    JSON.stringify(v.fileMatch).includes("factcheck.config.json"),
  );
  assert.deepEqual(entry.fileMatch, ["factcheck.config.json", ".factcheckrc.json"]);
  const schema = read(entry.url);
  const validate = new Ajv({ strict: false }).compile(schema);
  const good = { claims: ["claims/*.claims.json"], ignoredClaims: ["x"], severity: { supported: "off" }, minimumScore: 0.3 };
  assert.ok(validate(good));
  assert.deepEqual(parseProjectConfig(JSON.stringify(good), "f").errors, []);
  // The old name still validates (VS Code strikes it through: deprecated) and is still read.
  assert.ok(validate({ minScore: 0.3 }));
  assert.match(schema.properties.minScore.deprecationMessage, /minimumScore/);
  assert.equal(parseProjectConfig('{ "minScore": 0.3 }', "f").config.minimumScore, 0.3);
  const bads = [
    { minimumScore: 2 },
    { minScore: 2 },
    { severity: { suported: "off" } },
    { severity: { supported: "loud" } },
    { colour: 1 },
  ];
  for (const bad of bads) {
    assert.ok(!validate(bad), JSON.stringify(bad));
    assert.notDeepEqual(parseProjectConfig(JSON.stringify(bad), "f").errors, [], JSON.stringify(bad));
  }
  // Its defaults are the settings' defaults.
  for (const v of VERDICTS) assert.equal(schema.properties.severity.properties[v].default, DEFAULT_SETTINGS.severity[v], v);
});

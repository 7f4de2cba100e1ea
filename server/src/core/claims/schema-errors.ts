// Schema errors as prose: ajv validates the claims file's value against the schema (schema.ts) with every
// error collected, and each error is reported at the node its instancePath names, in words a writer can act on
// ("unknown property "qoute"; allowed here: …", "missing required properties …"), one error per wrong value.
import type { ErrorObject } from "ajv";
import { getNodeValue } from "jsonc-parser";
import { toJsonPointer } from "./json-pointer.js";
import { type JsonNode, keyOf, nodeAtPointer } from "./json-tree.js";
import { describeValue, list, type Reporter, withArticle } from "./reporter.js";
import { CLAIMS_SCHEMA } from "./schema.js";
import explainClaimsFile from "./schema-explainer.generated.js";
import validateClaimsFile from "./schema-validator.generated.js";

/**
 * Whether a claims file's plain value (JSON.parse's) passes the schema: the fast path's whole schema check. Both
 * validators are ajv's code, generated ahead of time from the schema (`node scripts/claims-validator.mjs`), so no
 * process compiles the schema.
 */
export function schemaValid(value: unknown): boolean {
  return (validateClaimsFile as (v: unknown) => boolean)(value);
}

/** Every error of a value that fails, as ajv reports them with `allErrors` and `verbose`. */
function schemaErrors(value: unknown): readonly ErrorObject[] {
  const explain = explainClaimsFile as { (v: unknown): boolean; errors?: ErrorObject[] | null };
  // ajv hands a call's errors back on the function itself, read right after the call.
  return explain(value) ? [] : (explain.errors ?? []);
}

export function reportSchemaErrors(root: JsonNode, rep: Reporter): void {
  const value: unknown = getNodeValue(root);
  if (schemaValid(value)) return;
  const errors = schemaErrors(value);
  // A value of the wrong type gets one error, not also "must be one of" / "must match" on the same value.
  const wrongType = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  // All properties missing from one object make one error.
  const missing = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== "required") continue;
    const names = missing.get(e.instancePath) ?? [];
    if (!missing.has(e.instancePath)) missing.set(e.instancePath, names);
    names.push(String((e.params as { missingProperty?: unknown }).missingProperty));
  }
  for (const e of errors) {
    if (e.keyword === "propertyNames") continue; // reported through the inner error on the key itself
    if (e.keyword === "if") continue; // reported through the inner errors of the branch that failed
    if (e.keyword !== "type" && wrongType.has(e.instancePath) && !e.propertyName) continue;
    if (e.keyword === "required") {
      const names = missing.get(e.instancePath);
      if (!names) continue;
      missing.delete(e.instancePath);
      const node = nodeAtPointer(root, e.instancePath);
      // In the order the schema defines them (ajv reports the reviewed-claim branch's after the rest).
      names.sort((a, b) => propertyRank(a) - propertyRank(b));
      const what = names.length === 1 ? "property" : "properties";
      rep.opening(node, `missing required ${what} ${list(names)}`, e.instancePath);
      continue;
    }
    reportSchemaError(e, root, rep);
  }
}

/** Every property name of the schema, in the order it defines them (for listing missing ones). */
const PROPERTY_ORDER: ReadonlyMap<string, number> = (() => {
  const order = new Map<string, number>();
  const stack: unknown[] = [CLAIMS_SCHEMA];
  while (stack.length) {
    const s = stack.shift();
    if (typeof s !== "object" || s === null) continue;
    const props = (s as { properties?: Record<string, unknown> }).properties;
    for (const [k, v] of Object.entries(props ?? {})) {
      if (!order.has(k)) order.set(k, order.size);
      stack.push(v);
    }
    for (const key of ["items", "additionalProperties"]) stack.push((s as Record<string, unknown>)[key]);
  }
  return order;
})();

function propertyRank(name: string): number {
  return PROPERTY_ORDER.get(name) ?? Number.MAX_SAFE_INTEGER;
}

function idRule(what: string, value: string): string {
  return `${what} ${JSON.stringify(value)} must be lowercase letters, digits and hyphens, starting with a letter or digit (pattern ^[a-z0-9][a-z0-9-]*$)`;
}

function reportSchemaError(e: ErrorObject, root: JsonNode, rep: Reporter): void {
  const node = nodeAtPointer(root, e.instancePath);
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const prop = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = keyOf(node, prop) ?? node;
      rep.node(key, `unknown property ${JSON.stringify(prop)}; allowed here: ${list(allowed)}`, `${at}/${toJsonPointer([prop]).slice(1)}`);
      return;
    }
    case "type":
      rep.node(node, `expected ${withArticle(String(params.type))}, found ${describeValue(node)}`, at);
      return;
    case "const":
      if (at === "/version")
        rep.node(
          node,
          `unsupported version ${JSON.stringify(e.data)}: this extension reads version ${JSON.stringify(params.allowedValue)}`,
          at,
        );
      else rep.node(node, `must be ${JSON.stringify(params.allowedValue)}`, at);
      return;
    case "enum":
      if (at === "/version") {
        const versions = (params.allowedValues as unknown[]).map(String);
        rep.node(
          node,
          `unsupported version ${JSON.stringify(e.data)}: this extension reads versions ${versions.slice(0, -1).join(", ")} and ${versions.at(-1)}`,
          at,
        );
        return;
      }
      rep.node(node, `must be one of ${list((params.allowedValues as unknown[]).map(String))}; found ${JSON.stringify(e.data)}`, at);
      return;
    case "pattern": {
      if (e.propertyName !== undefined) {
        const key = keyOf(node, e.propertyName) ?? node;
        const what = at === "/speakers" ? "speaker id" : "property name";
        rep.node(key, idRule(what, e.propertyName), `${at}/${toJsonPointer([e.propertyName]).slice(1)}`);
      } else if (/^\/claims\/\d+\/id$/.test(at)) {
        rep.node(node, idRule("claim id", String(e.data)), at);
      } else if (at === "/source/url") {
        rep.node(node, `source url must be an http:// or https:// URL without spaces`, at);
      } else if (/\/(url|appearances\/\d+)$/.test(at)) {
        rep.node(node, `must be an http:// or https:// URL without spaces`, at);
      } else {
        rep.node(node, `must match pattern ${String(params.pattern)}`, at);
      }
      return;
    }
    case "minLength":
      rep.node(node, `must not be empty`, at);
      return;
    case "minimum":
      rep.node(node, `must be ${String(params.limit)} or more; found ${JSON.stringify(e.data)}`, at);
      return;
    case "dependencies": {
      const prop = String(params.property);
      const key = keyOf(node, prop) ?? node;
      rep.node(
        key,
        `${JSON.stringify(prop)} is given without ${JSON.stringify(params.missingProperty)}: give both "start" and "end", or neither to have them found`,
        `${at}/${prop}`,
      );
      return;
    }
    default:
      rep.node(node, e.message ?? `fails schema rule "${e.keyword}"`, at);
  }
}

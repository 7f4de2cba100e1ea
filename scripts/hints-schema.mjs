// The claims schema for VS Code's JSON service, with every validation keyword taken out: it still
// gives completion, snippets and hover descriptions in *.claims.json files, but reports nothing.
// The language server is the one voice for errors in claims files (its prose, at the same places
// as the CLI's), so no error is reported twice in two wordings. `enum`/`const` become `examples`,
// which VS Code still offers as completions. Written to dist/ by scripts/bundle.mjs.
import { readFile, writeFile } from "node:fs/promises";

const VALIDATION = new Set([
  "type",
  "required",
  "additionalProperties",
  "propertyNames",
  "dependencies",
  "dependentRequired",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "uniqueItems",
  "format",
  "not",
]);
/** Keywords whose value is a map of names to schemas: the names are data, not keywords. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions"]);

export function hintsSchema(schema) {
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== "object") return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (VALIDATION.has(k)) continue;
      if (k === "enum") out.examples = v;
      else if (k === "const") out.examples = [v];
      else if (SCHEMA_MAPS.has(k)) out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, strip(s)]));
      else if (k === "defaultSnippets" || k === "default" || k === "examples" || k === "enumDescriptions") out[k] = v;
      else out[k] = strip(v);
    }
    return out;
  };
  return strip(schema);
}

export async function writeHintsSchema(from, to) {
  const schema = JSON.parse(await readFile(from, "utf8"));
  await writeFile(to, JSON.stringify(hintsSchema(schema), null, 2) + "\n");
}

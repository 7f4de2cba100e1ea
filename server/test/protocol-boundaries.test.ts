// What protocol/ may import, and what the core may import of it. The client bundles protocol/, so
// it holds no `vscode`, no server code, nothing that touches the disk (its tsconfig has no Node
// types either); the core stays free of LSP, so it imports only the plain-TypeScript files.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// Compiled to out/server/test/: the repository root is three folders up.
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PROTOCOL = path.join(REPO, "protocol");
const CORE = path.join(REPO, "server", "src", "core");

/** Files of protocol/ the core may import: no imports but each other's, no LSP. */
const PLAIN = ["claim-text.ts", "markdown.ts", "ratings.ts", "settings.ts", "verdicts.ts"];

/** Every module specifier a TypeScript file imports or re-exports, type-only and dynamic ones too (the compiler's own scanner). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f));
}

test("the import scanner sees imports, re-exports and type imports", () => {
  const found = specifiers(path.join(PROTOCOL, "messages.ts"));
  assert.ok(found.includes("vscode-languageserver-protocol"), found.join(", "));
  assert.ok(found.includes("./verdicts.js"), found.join(", "));
  assert.ok(found.includes("./claim-text.js"), found.join(", "));
});

test("protocol/ imports only itself, and only messages.ts imports vscode-languageserver-protocol", () => {
  const files = tsFiles(PROTOCOL);
  assert.ok(files.length >= 4, `protocol/ has ${files.length} files`);
  for (const file of files) {
    const name = path.relative(PROTOCOL, file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith(".")) {
        const target = path.resolve(path.dirname(file), spec);
        assert.equal(path.dirname(target), PROTOCOL, `${name} imports ${spec}, outside protocol/`);
        if (PLAIN.includes(name))
          assert.ok(PLAIN.includes(path.basename(target).replace(/\.js$/, ".ts")), `${name} is plain TypeScript, yet imports ${spec}`);
      } else {
        assert.ok(name === "messages.ts" && spec === "vscode-languageserver-protocol", `${name} imports ${spec}`);
      }
    }
  }
});

test("the core imports from protocol/ only its plain-TypeScript files", () => {
  let imports = 0;
  for (const file of tsFiles(CORE)) {
    for (const spec of specifiers(file)) {
      if (!spec.startsWith(".")) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (path.dirname(target) !== PROTOCOL) continue;
      imports++;
      assert.ok(PLAIN.includes(path.basename(target).replace(/\.js$/, ".ts")), `${path.relative(REPO, file)} imports ${spec}`);
    }
  }
  assert.ok(imports > 0, "the core imports its verdict list from protocol/verdicts.ts");
});

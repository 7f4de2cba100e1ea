// The shape of the code as imports show it: no module imports itself through others (type imports
// included: a cycle of types still ties two files' jobs together), and the pure core imports nothing from
// the node adapters (server/src/node/) or the LSP glue around it.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// Compiled to out/server/test/: the repository root is three folders up.
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const CORE = path.join(REPO, "server", "src", "core");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f));
}

/** The repository files a TypeScript file imports (relative specifiers, type-only and dynamic ones too). */
function localImports(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, "utf8"), true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => s.startsWith("."))
    .map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, ".ts")))
    .filter((f) => existsSync(f));
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function cycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((f) => [f, localImports(f)]));
  const found: string[][] = [];
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  const visit = (f: string) => {
    stack.push(f);
    onStack.add(f);
    for (const g of graph.get(f) ?? []) {
      if (onStack.has(g)) found.push(stack.slice(stack.indexOf(g)));
      else if (!done.has(g)) visit(g);
    }
    stack.pop();
    onStack.delete(f);
    done.add(f);
  };
  for (const f of graph.keys()) if (!done.has(f)) visit(f);
  return found;
}

const SOURCES = ["server/src", "server/test", "server/bench", "protocol", "client/src"].flatMap((d) => tsFiles(path.join(REPO, d)));

test("the cycle finder finds a cycle, type imports included", () => {
  // a.ts imports b.ts for a type, b.ts imports a.ts: a cycle all the same.
  const dir = path.join(REPO, "out", "import-graph-probe");
  const a = path.join(dir, "a.ts");
  const b = path.join(dir, "b.ts");
  const graph = {
    [a]: 'import type { B } from "./b.js";\nexport type A = B;\n',
    [b]: 'import { a } from "./a.js";\nexport const b = a;\n',
  };
  // The probe is only read as text (it need not compile): written under out/, read, removed.
  mkdirSync(dir, { recursive: true });
  try {
    for (const [f, text] of Object.entries(graph)) writeFileSync(f, text);
    assert.deepEqual(
      cycles([a, b]).map((c) => c.map((f) => path.basename(f))),
      [["a.ts", "b.ts"]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("no import cycles in the server, the client, the protocol, the tests or the bench", () => {
  assert.ok(SOURCES.length > 100, `${SOURCES.length} files`);
  const found = cycles(SOURCES).map((c) => c.map((f) => path.relative(REPO, f)).join(" → "));
  assert.deepEqual(found, []);
});

test("the core imports nothing from outside it but the plain protocol files", () => {
  let imports = 0;
  for (const file of tsFiles(CORE)) {
    for (const target of localImports(file)) {
      imports++;
      const inCore = !path.relative(CORE, target).startsWith("..");
      const inProtocol = path.dirname(target) === path.join(REPO, "protocol");
      assert.ok(inCore || inProtocol, `${path.relative(REPO, file)} imports ${path.relative(REPO, target)}`);
    }
  }
  assert.ok(imports > 50, `${imports} imports seen`);
});

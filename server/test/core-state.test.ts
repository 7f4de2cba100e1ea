// The core keeps no state of its own between calls: everything it remembers (caches, the index, the
// wink-nlp instance) lives in objects a host creates — an engine, a segmenter, an Nlp. What module level
// may hold is constant: functions, types, and tables built once from literals, typed read-only. This
// test reads every file of server/src/core/ with the TypeScript parser and holds it to that.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const CORE = path.join(REPO, "server", "src", "core");

/** Collections and caches that a `const` would still let anyone fill. */
const MUTABLE_COLLECTIONS = new Set(["Map", "Set", "WeakMap", "WeakSet", "Array", "LruCache", "WeakRef"]);
/** The read-only types such a constant table must be declared with. */
const READ_ONLY_TYPE = /^(Readonly(Map|Set|Array)<|readonly )/;

/** What is wrong with the module-level statements of one file's text (empty: nothing). */
function moduleStateProblems(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const statefulRegexes = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      if (!(flags & ts.NodeFlags.Const)) {
        problems.push(`${where(statement)}: module-level ${flags & ts.NodeFlags.Let ? "let" : "var"}`);
        continue;
      }
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        const name = d.name.getText(source);
        if (init && ts.isNewExpression(init) && MUTABLE_COLLECTIONS.has(init.expression.getText(source))) {
          const type = d.type?.getText(source) ?? "";
          if (!READ_ONLY_TYPE.test(type))
            problems.push(`${where(d)}: module-level ${name} = new ${init.expression.getText(source)}(…) not typed read-only`);
        }
        if (init && ts.isRegularExpressionLiteral(init) && /\/[a-z]*[gy][a-z]*$/.test(init.text)) statefulRegexes.add(name);
      }
    } else if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const mods = (ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined) ?? [];
        const isStatic = mods.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        const isReadonly = mods.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (isStatic && ts.isPropertyDeclaration(member) && !isReadonly)
          problems.push(`${where(member)}: static property ${member.name.getText(source)} can change`);
      }
    }
  }
  // A module-level regex with the g or y flag keeps its place in lastIndex: exec, test or lastIndex on it
  // is state shared by every caller. (matchAll, match and replace start afresh each time.)
  for (const name of statefulRegexes) {
    const use = new RegExp(`\\b${name}\\.(exec|test|lastIndex)\\b`);
    const m = use.exec(text);
    if (m) problems.push(`${fileName}: ${name} (a global or sticky regex) is used with .${m[1]}`);
  }
  return problems;
}

function coreFiles(): string[] {
  return readdirSync(CORE, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.join(CORE, f));
}

test("the state check finds what it must", () => {
  const probe = [
    "let memo: string | undefined;",
    "var old = 1;",
    "const cache = new Map<string, number>();",
    "const table: ReadonlySet<string> = new Set(['a']);",
    "const lru = new LruCache<number>(10);",
    "const RE = /a/g;",
    "export function f(s: string) { return RE.exec(s); }",
    "class C { static count = 0; static readonly NAME = 'c'; }",
  ].join("\n");
  assert.deepEqual(moduleStateProblems("probe.ts", probe), [
    "probe.ts:1: module-level let",
    "probe.ts:2: module-level var",
    "probe.ts:3: module-level cache = new Map(…) not typed read-only",
    "probe.ts:5: module-level lru = new LruCache(…) not typed read-only",
    "probe.ts:8: static property count can change",
    "probe.ts: RE (a global or sticky regex) is used with .exec",
  ]);
});

test("no module-level mutable state in server/src/core/", () => {
  const files = coreFiles();
  assert.ok(files.length > 40, `${files.length} files`);
  const problems = files.flatMap((f) => moduleStateProblems(path.relative(REPO, f), readFileSync(f, "utf8")));
  assert.deepEqual(problems, []);
});

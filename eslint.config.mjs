// Lint rules for the whole repository (`npm run lint`, run in CI). typescript-eslint's recommended
// rules with type information off (fast, no project service), plus what this project cares about:
// no `any`, no import cycles, and the core's purity (no vscode, LSP, disk or environment in server/src/core/).
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // *.generated.ts: ajv's standalone code (scripts/claims-validator.mjs), checked by a test against its generator.
  { ignores: ["out/**", "dist/**", "node_modules/**", "test-results/**", ".vscode-test/**", "**/*.d.ts", "**/*.generated.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mjs", "**/*.js"],
    plugins: { "import-x": importX },
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
    settings: { "import-x/resolver": { node: { extensions: [".ts", ".js", ".mjs"] } } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // "// @ts-ignore -- why" is allowed with a reason (untyped CommonJS modules).
      "@typescript-eslint/ban-ts-comment": [
        "error",
        { "ts-ignore": "allow-with-description", "ts-expect-error": "allow-with-description" },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  // TypeScript checks names itself (and knows the DOM and Node types the files declare).
  { files: ["**/*.ts"], rules: { "no-undef": "off" } },
  {
    // The pure core: offsets in, findings out. Nothing from the editor, the protocol or the machine.
    files: ["server/src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["vscode", "vscode-languageserver*", "vscode-jsonrpc*"],
              message: "server/src/core/ is a pure library: no editor or LSP imports.",
            },
            {
              group: ["node:fs", "node:fs/*", "fs", "fs/*", "node:child_process", "node:os"],
              message: "server/src/core/ touches no disk: take a host interface.",
            },
          ],
        },
      ],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "server/src/core/ reads no environment." }],
    },
  },
);

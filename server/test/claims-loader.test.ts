import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { loadClaimsFile, parseClaimsDatabase, validateClaimIdsUnique, type LoaderHost } from "../src/core/claims/loader.js";
import { readClaimsFile } from "../src/node/claims-disk.js";
import { BUNDLED_CLAIMS_FILE, BUNDLED_CLAIMS_PATH } from "../src/node/install-paths.js";
import { CLAIMS_SCHEMA } from "../src/core/claims/schema.js";
import { LineIndex } from "../src/core/line-index.js";
import { formatInputError, InputErrors, type InputError } from "../src/core/types.js";

/** The repository root: the nearest ancestor of this file with the extension's package.json (else the cwd). */
function findRepoRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "factcheck") return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const ROOT = findRepoRoot();
const FIXTURES = path.join(ROOT, "test", "fixtures", "claims");
const fixture = (name: string) => path.join(FIXTURES, name);
const SOURCE_TEXT = readFileSync(fixture("valid-source.txt"), "utf8");

/** The 0-based line and UTF-16 character of `offset` in `text`, counted afresh (line breaks: \n, \r\n, \r). */
function positionIn(text: string, offset: number): { line: number; character: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Runs `fn`, expects InputErrors, returns its errors. */
async function errorsOf(fn: () => unknown): Promise<InputError[]> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof InputErrors, `expected InputErrors, got ${String(err)}`);
    return err.errors;
  }
  assert.fail("expected InputErrors to be thrown");
}

/** Checks an error's line/character agree with its offset in `text`. */
function assertPositionConsistent(e: InputError, text: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  let offset = 0;
  for (let i = 0; i < e.line; i++)
    offset += lines[i].length + (text.slice(offset + lines[i].length).match(/^(\r\n|\r|\n)/)?.[0].length ?? 0);
  assert.equal(offset + e.character, e.offset, `line/character of ${formatInputError(e)} should match offset ${e.offset}`);
}

function claim(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "c1",
    text: "The minister said the plan will not change.",
    speaker: "minister",
    verb: "said",
    section: "Sample Source",
    quote: "will not change",
    hedged: false,
    polarity: "negative",
    ...overrides,
  };
}

function db(claims: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      version: 1,
      title: "Inline",
      source: { title: "Sample Source", file: "valid-source.txt" },
      speakers: { minister: { name: "Anna Example", role: "Minister of Examples" } },
      claims,
      ...extra,
    },
    null,
    2,
  );
}

describe("claims schema", () => {
  test("claims/claims.schema.json is exactly the schema the loader compiles", () => {
    const onDisk = JSON.parse(readFileSync(path.join(ROOT, "claims", "claims.schema.json"), "utf8"));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(CLAIMS_SCHEMA)));
  });

  test("every property has a title and a description, for completion and hover", () => {
    const missing: string[] = [];
    const visit = (schema: Record<string, unknown>, at: string) => {
      const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, sub] of Object.entries(props ?? {})) {
        if (typeof sub.title !== "string" || typeof sub.description !== "string") missing.push(`${at}/${name}`);
        visit(sub, `${at}/${name}`);
      }
      for (const key of ["items", "additionalProperties"]) {
        const sub = schema[key];
        if (sub && typeof sub === "object") visit(sub as Record<string, unknown>, `${at}/${key}`);
      }
    };
    visit(CLAIMS_SCHEMA as unknown as Record<string, unknown>, "");
    assert.deepEqual(missing, []);
  });
});

describe("line index", () => {
  test("counts \\n, \\r\\n and \\r line breaks, in UTF-16 units", () => {
    const idx = new LineIndex("a\r\nb\rc\nd🇺🇦e");
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(5), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(7), { line: 3, character: 0 });
    assert.deepEqual(idx.positionAt(12), { line: 3, character: 5 }); // the flag is 4 UTF-16 units
  });

  test("counts its lines and gives where each starts; by \\n alone when asked", () => {
    const any = new LineIndex("a\r\nb\rc\n");
    assert.equal(any.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((l) => any.lineStart(l)),
      [0, 3, 5, 7, undefined],
    );
    const lf = new LineIndex("a\r\nb\rc\n", "lf");
    assert.equal(lf.lineCount, 3);
    assert.deepEqual(
      [0, 1, 2, 3].map((l) => lf.lineStart(l)),
      [0, 3, 7, undefined],
    );
    assert.deepEqual(lf.positionAt(5), { line: 1, character: 2 });
    assert.equal(new LineIndex("").lineCount, 1);
  });
});

describe("loading a valid claims file", () => {
  test("resolves speakers, keeps stated offsets and fills missing ones", async () => {
    const file = fixture("valid.claims.json");
    const loaded = await readClaimsFile(file);
    assert.equal(loaded.origin, file);
    assert.equal(loaded.title, "Sample claims");
    assert.equal(loaded.sourcePath, fixture("valid-source.txt"));
    assert.ok(path.isAbsolute(loaded.sourcePath!));
    assert.equal(loaded.sourceText, SOURCE_TEXT);
    assert.deepEqual(loaded.source, { title: "Sample Source", file: "valid-source.txt", url: "https://example.com/sample" });
    assert.deepEqual(
      loaded.speakers.map((s) => s.id),
      ["minister", "spokesman", "unused"],
    );
    assert.deepEqual(
      loaded.claims.map((c) => c.id),
      ["min-plan-unchanged", "min-aid-continues", "opp-rejects-plan"],
    );

    const [plan, aid, rejects] = loaded.claims;
    assert.deepEqual(plan.speaker, {
      id: "minister",
      name: "Anna Example",
      role: "Minister of Examples",
      aliases: ["the minister", "Example"],
    });
    assert.equal(aid.speaker, plan.speaker, "claims of one speaker share one Speaker object");
    assert.deepEqual(rejects.speaker, { id: "spokesman", name: "Ben Sample", role: "Opposition spokesman" });

    assert.deepEqual(plan.source, {
      title: "Sample Source",
      section: "Sample Source",
      quote: "will not change",
      start: 42,
      end: 57,
      file: "valid-source.txt",
      sentence: 14,
      // the rest of its sentence, the quote blanked: what the source says around it
      frame: "The minister said the plan “ , ” before spring.",
    });
    // "Aid would continue" starts its own sentence (after the emoji); both claims of it share it.
    assert.equal(SOURCE_TEXT.slice(0, plan.source.sentence).endsWith("Sample Source\n"), true);
    assert.equal(SOURCE_TEXT.slice(aid.source.sentence!).startsWith("🇺🇦 Aid would continue"), true);
    assert.equal(SOURCE_TEXT.slice(rejects.source.sentence!).startsWith("The opposition leader"), true);
    assert.equal(plan.quoteKind, "reported", "a claims file that does not say is read as paraphrase");
    // Filled in: after a flag emoji (4 UTF-16 units), so these are UTF-16 offsets, not code points.
    assert.equal(aid.source.start, 79);
    assert.equal(aid.source.end, 97);
    assert.equal(rejects.source.start, 186);
    for (const c of loaded.claims) assert.equal(SOURCE_TEXT.slice(c.source.start, c.source.end), c.source.quote);
    assert.deepEqual(
      [plan.verb, plan.hedged, plan.polarity, plan.text],
      ["said", false, "negative", "The minister said the plan will not change before spring."],
    );
  });

  test("works out once where each claim is defined and where its quote lies", async () => {
    const file = fixture("valid.claims.json");
    const loaded = await readClaimsFile(file);
    const text = readFileSync(file, "utf8");
    const id = '"min-aid-continues"';
    const { definedIn, quoteIn } = loaded.claims[1].provenance!;
    assert.deepEqual(definedIn, {
      file,
      start: definedIn.start,
      end: definedIn.start + id.length,
      range: { start: { line: 38, character: 12 }, end: { line: 38, character: 12 + id.length } },
      pointer: "/claims/1/id",
    });
    assert.equal(text.slice(definedIn.start, definedIn.end), id);
    // The quote comes after a flag emoji (4 UTF-16 units): offsets and characters are UTF-16.
    assert.deepEqual(quoteIn, {
      file: fixture("valid-source.txt"),
      start: 79,
      end: 97,
      range: { start: positionIn(SOURCE_TEXT, 79), end: positionIn(SOURCE_TEXT, 97) },
    });
    assert.equal(SOURCE_TEXT.slice(quoteIn!.start, quoteIn!.end), loaded.claims[1].source.quote);
    for (const c of loaded.claims) assert.equal(c.provenance?.definedIn.file, file);

    // A source text given without its path is checked, but there is no file to point into.
    const parsed = parseClaimsDatabase(text, "in-memory.claims.json", { sourceText: SOURCE_TEXT });
    assert.deepEqual(
      parsed.claims.map((c) => [c.provenance?.definedIn.pointer, c.provenance?.definedIn.file, c.provenance?.quoteIn]),
      [
        ["/claims/0/id", "in-memory.claims.json", undefined],
        ["/claims/1/id", "in-memory.claims.json", undefined],
        ["/claims/2/id", "in-memory.claims.json", undefined],
      ],
    );
  });

  test("keeps each claim's places as numbers, read back as the same objects every claim would have held", async () => {
    // database.ts keeps provenance in one table per database (provenance.ts): every claim's row must be its own, and
    // the view must read, spread, stringify and compare as the plain object did.
    const file = fixture("valid.claims.json");
    const text = readFileSync(file, "utf8");
    const loaded = parseClaimsDatabase(text, file, { sourceText: SOURCE_TEXT, sourcePath: fixture("valid-source.txt") });
    assert.ok(loaded.claims.length >= 3);
    let quoted = 0;
    loaded.claims.forEach((c, i) => {
      const { definedIn, quoteIn } = c.provenance!;
      assert.equal(text.slice(definedIn.start, definedIn.end), JSON.stringify(c.id));
      assert.deepEqual(definedIn.range, { start: positionIn(text, definedIn.start), end: positionIn(text, definedIn.end) });
      assert.equal(definedIn.pointer, `/claims/${i}/id`);
      if (quoteIn) {
        quoted++;
        assert.equal(SOURCE_TEXT.slice(quoteIn.start, quoteIn.end), c.source.quote);
        assert.deepEqual(quoteIn.range, { start: positionIn(SOURCE_TEXT, quoteIn.start), end: positionIn(SOURCE_TEXT, quoteIn.end) });
      }
      const plain = quoteIn ? { definedIn, quoteIn } : { definedIn };
      assert.deepEqual(JSON.parse(JSON.stringify(c)).provenance, JSON.parse(JSON.stringify(plain)));
      assert.deepEqual({ ...c }.provenance?.definedIn, definedIn);
      assert.deepEqual(Object.keys(c.provenance!), [], "nothing of the table shows as a key");
    });
    assert.ok(quoted >= 2, "quotes placed in the source");
    // Two claims' views read two rows.
    assert.notEqual(loaded.claims[0].provenance!.definedIn.start, loaded.claims[1].provenance!.definedIn.start);
  });

  test("reads through the host, so unsaved editor text is checked", async () => {
    const files: Record<string, string> = {
      "/ws/notes.claims.json": db([claim({ quote: "Aid would continue" })]),
      "/ws/valid-source.txt": SOURCE_TEXT,
    };
    const read: string[] = [];
    const serve = async (p: string) => {
      read.push(p);
      if (!(p in files)) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return files[p];
    };
    const host: LoaderHost = { readFile: serve, readSource: ({ path }) => serve(path) };
    const loaded = await loadClaimsFile("/ws/notes.claims.json", host);
    assert.deepEqual(read, ["/ws/notes.claims.json", "/ws/valid-source.txt"]);
    assert.equal(loaded.sourcePath, "/ws/valid-source.txt");
    assert.equal(loaded.claims[0].source.start, 79);
  });

  test("a database without a source text loads, with offsets 0/0 and no sourcePath", async () => {
    const loaded = await readClaimsFile(fixture("no-source.claims.json"));
    assert.equal(loaded.sourcePath, undefined);
    assert.equal(loaded.sourceText, undefined);
    assert.equal(loaded.claims[0].source.title, "User notes without a source text");
    assert.equal(loaded.claims[0].source.file, undefined);
    assert.deepEqual([loaded.claims[0].source.start, loaded.claims[0].source.end], [0, 0]);
  });

  test("parseClaimsDatabase checks quotes against the source text it is given", () => {
    const loaded = parseClaimsDatabase(db([claim()]), "inline.claims.json", {
      sourceText: SOURCE_TEXT,
      sourcePath: "/abs/valid-source.txt",
    });
    assert.equal(loaded.sourcePath, "/abs/valid-source.txt");
    assert.deepEqual([loaded.claims[0].source.start, loaded.claims[0].source.end], [42, 57]);
  });

  test("a byte order mark at the start is accepted without shifting positions", async () => {
    const text = "\uFEFF" + db([claim({ speaker: "nobody" })]);
    const [e] = await errorsOf(() => parseClaimsDatabase(text, "bom.claims.json", { sourceText: SOURCE_TEXT }));
    assert.equal(e.path, "/claims/0/speaker");
    assert.equal(text.slice(e.offset, e.offset + e.length), '"nobody"');
  });
});

describe("syntax errors", () => {
  test("a missing comma is reported at the exact line and column", async () => {
    const file = fixture("syntax-error.claims.json");
    const errors = await errorsOf(() => readClaimsFile(file));
    assert.deepEqual(errors, [{ file, line: 3, character: 2, offset: 40, length: 10, path: "", message: "syntax error: expected comma" }]);
    assert.equal(formatInputError(errors[0]), `${file}:4:3: syntax error: expected comma`);
  });

  test("positions after \\r\\n line breaks are right", async () => {
    const text = '{\r\n  "version": 1,\r\n  "title": "x",,\r\n}';
    const errors = await errorsOf(() => parseClaimsDatabase(text, "crlf.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.line, e.character, e.offset, e.message]),
      [
        [2, 15, 35, "syntax error: expected property name"], // the second comma
        [3, 0, 38, "syntax error: expected property name"], // then the brace it expected a name before
      ],
    );
  });

  test("comments and trailing commas are not JSON", async () => {
    const errors = await errorsOf(() => parseClaimsDatabase('// note\n{"version": 1,}', "c.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.line, e.character, e.message]),
      [
        [0, 0, "syntax error: comments are not allowed in JSON"],
        [1, 14, "syntax error: expected property name"],
      ],
    );
  });

  test("an empty file says so, naming the file", async () => {
    for (const text of ["", "  \n\t"]) {
      const errors = await errorsOf(() => parseClaimsDatabase(text, "empty.claims.json"));
      assert.equal(errors.length, 1);
      assert.match(formatInputError(errors[0]), /^empty\.claims\.json:1:1: claims file is empty/);
    }
  });

  test("valid JSON that is not an object says what it found", async () => {
    for (const [text, found] of [
      ["[1, 2]", "an array"],
      ["null", "null"],
      ['"claims"', 'a string ("claims")'],
      ["42", "a number (42)"],
    ]) {
      const errors = await errorsOf(() => parseClaimsDatabase(text, "top.claims.json"));
      assert.equal(errors.length, 1);
      assert.equal(errors[0].path, "");
      assert.equal(errors[0].offset, 0);
      assert.match(errors[0].message, new RegExp(`at the top level, found ${found.replace(/[()]/g, "\\$&")}$`));
    }
  });
});

describe("nesting", () => {
  const nested = (depth: number, open = "[", close = "]") =>
    `{\n  "version": 1,\n  "title": "t",\n  "speakers": {},\n  "claims": [],\n  "x": ${open.repeat(depth)}${close.repeat(depth)}\n}\n`;

  test("nesting deeper than 64 levels is one positioned error at the bracket that goes too deep", async () => {
    for (const [open, close] of [
      ["[", "]"],
      ['{"a":', "}"],
    ]) {
      const text = nested(10_000, open, close);
      const errors = await errorsOf(() => parseClaimsDatabase(text, "deep.claims.json"));
      assert.equal(errors.length, 1);
      // The file's own "{" is level 1, so the 64th opening after `"x": ` is level 65.
      const at = text.indexOf('"x": ') + 5 + 63 * open.length;
      assert.deepEqual(
        { ...errors[0] },
        {
          file: "deep.claims.json",
          line: 5,
          character: at - text.indexOf('  "x"'),
          offset: at,
          length: 1,
          path: "",
          message: "nested deeper than 64 levels",
        },
      );
      assertPositionConsistent(errors[0], text);
      assert.match(formatInputError(errors[0]), /^deep\.claims\.json:6:\d+: nested deeper than 64 levels$/);
    }
  });

  test("64 levels are still read (and checked against the schema)", async () => {
    const errors = await errorsOf(() => parseClaimsDatabase(nested(63), "ok.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message.split(";")[0]]),
      [["/x", 'unknown property "x"']],
    );
  });

  test("brackets inside strings and comments do not count", async () => {
    const deepString = JSON.stringify("[".repeat(1000) + '\\"' + "{".repeat(1000));
    const errors = await errorsOf(() =>
      parseClaimsDatabase(`/* ${"[".repeat(100)} */ {"version": 1, "title": ${deepString}}`, "s.claims.json"),
    );
    assert.deepEqual(
      errors.map((e) => [e.offset, e.message]),
      [[0, "syntax error: comments are not allowed in JSON"]],
    );
  });

  test("loadClaimsFile refuses the deep file before looking for its source", async () => {
    const host: LoaderHost = {
      readFile: async () => nested(100_000),
      readSource: async () => assert.fail("the source is not read"),
    };
    const errors = await errorsOf(() => loadClaimsFile("/virtual/deep.claims.json", host));
    assert.deepEqual(
      errors.map((e) => [e.line, e.message]),
      [[5, "nested deeper than 64 levels"]],
    );
  });
});

describe("schema errors", () => {
  test("wrong type, missing field and extra field, each with path and position", async () => {
    const file = fixture("schema-errors.claims.json");
    const text = readFileSync(file, "utf8");
    const errors = await errorsOf(() => readClaimsFile(file));
    assert.deepEqual(
      errors.map((e) => ({ path: e.path, line: e.line, character: e.character, length: e.length, message: e.message })),
      [
        { path: "/claims/0/hedged", line: 14, character: 16, length: 4, message: 'expected a boolean, found a string ("no")' },
        { path: "/claims/1", line: 17, character: 4, length: 1, message: 'missing required property "verb"' },
        {
          path: "/claims/2/confidence",
          line: 35,
          character: 6,
          length: 12,
          message:
            'unknown property "confidence"; allowed here: "id", "text", "speaker", "verb", "section", "quote", "start", "end", "hedged", "polarity", "quoteKind", "url", "appearances", "claimDate", "review", "reviewed"',
        },
      ],
    );
    for (const e of errors) assertPositionConsistent(e, text);
    assert.equal(text.slice(errors[0].offset, errors[0].offset + errors[0].length), '"no"');
    assert.equal(text.slice(errors[2].offset, errors[2].offset + errors[2].length), '"confidence"');
  });

  test("several missing properties of one object make one error", async () => {
    const errors = await errorsOf(() => parseClaimsDatabase(db([{ id: "only-id" }]), "m.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message]),
      [["/claims/0", 'missing required properties "text", "speaker", "verb", "section", "quote", "hedged", "polarity"']],
    );
  });

  test("bad ids, enums, versions, offsets and half-given start/end", async () => {
    const text = JSON.stringify(
      {
        version: 3,
        title: "x",
        speakers: { Minister: { name: "A", role: "B" } },
        claims: [
          claim({ id: "Bad Id", speaker: "Minister", polarity: "neg", start: -1 }),
          claim({ id: "ok", speaker: "Minister", end: 4 }),
        ],
      },
      null,
      2,
    );
    const errors = await errorsOf(() => parseClaimsDatabase(text, "s.claims.json"));
    const byPath = new Map(errors.map((e) => [e.path, e.message]));
    assert.equal(byPath.get("/version"), "unsupported version 3: this extension reads versions 1 and 2");
    assert.match(byPath.get("/speakers/Minister")!, /^speaker id "Minister" must be lowercase letters, digits and hyphens/);
    assert.match(byPath.get("/claims/0/id")!, /^claim id "Bad Id" must be lowercase letters, digits and hyphens/);
    assert.equal(byPath.get("/claims/0/polarity"), 'must be one of "positive", "negative"; found "neg"');
    assert.equal(byPath.get("/claims/0/start"), "must be 0 or more; found -1");
    assert.match(byPath.get("/claims/1/end")!, /^"end" is given without "start"/);
    for (const e of errors) assertPositionConsistent(e, text);
  });
});

describe("semantic errors", () => {
  test("unknown speaker points at the reference and suggests the likely one", async () => {
    const text = db([claim({ speaker: "Anna Example" }), claim({ id: "c2", speaker: "ministre" })]);
    const errors = await errorsOf(() => parseClaimsDatabase(text, "u.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message, text.slice(e.offset, e.offset + e.length)]),
      [
        [
          "/claims/0/speaker",
          'unknown speaker "Anna Example" (did you mean "minister"?); speakers defined in this file: "minister"',
          '"Anna Example"',
        ],
        [
          "/claims/1/speaker",
          'unknown speaker "ministre" (did you mean "minister"?); speakers defined in this file: "minister"',
          '"ministre"',
        ],
      ],
    );
  });

  test("a duplicate claim id is reported at the second one", async () => {
    const text = db([claim({ id: "same" }), claim({ id: "other" }), claim({ id: "same" })]);
    const errors = await errorsOf(() => parseClaimsDatabase(text, "d.claims.json"));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, "/claims/2/id");
    assert.equal(errors[0].offset, text.lastIndexOf('"same"'));
    assert.match(errors[0].message, /^duplicate claim id "same": already used at line 16, column 13$/);
  });

  test("a quote that is not the source at its offsets is reported at the quote, with where it really is", async () => {
    const text = db([claim({ quote: "Aid would continue", start: 80, end: 98 })]);
    const [e, ...rest] = await errorsOf(() =>
      parseClaimsDatabase(text, "q.claims.json", { sourceText: SOURCE_TEXT, sourcePath: "/x/valid-source.txt" }),
    );
    assert.deepEqual(rest, []);
    assert.equal(e.path, "/claims/0/quote");
    assert.equal(text.slice(e.offset, e.offset + e.length), '"Aid would continue"');
    assert.equal(e.message, "quote does not match valid-source.txt at 80–98 (line 2, column 67); the quote is at 79–97");
  });

  test("a quote without offsets must be found verbatim, and once", async () => {
    const text = db([
      claim({ quote: "The opposition leader's spokesman" }),
      claim({ id: "c2", quote: "the plan" }),
      claim({ id: "c3", quote: "not in the source" }),
    ]);
    const errors = await errorsOf(() => parseClaimsDatabase(text, "v.claims.json", { sourceText: SOURCE_TEXT }));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message]),
      [
        [
          "/claims/0/quote",
          "quote not found verbatim in valid-source.txt; a near match at 152–185 (line 4, column 1) differs only in quotes, dashes, spacing or case",
        ],
        ["/claims/1/quote", 'quote occurs 2 times in valid-source.txt (at 32–40, 195–203); add "start" and "end" to choose one'],
        ["/claims/2/quote", "quote not found verbatim in valid-source.txt"],
      ],
    );
  });

  test("offsets past the end of the source, or reversed", async () => {
    const text = db([claim({ start: 42, end: 9999 }), claim({ id: "c2", start: 57, end: 42 })]);
    const errors = await errorsOf(() => parseClaimsDatabase(text, "o.claims.json", { sourceText: SOURCE_TEXT }));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message]),
      [
        ["/claims/0/end", `end 9999 is past the end of valid-source.txt (${SOURCE_TEXT.length} characters)`],
        ["/claims/1/start", "start 57 is after end 42"],
      ],
    );
  });

  test("duplicate property names are reported at the repeat", async () => {
    const text = '{"version": 1, "title": "a", "title": "b", "speakers": {}, "claims": []}';
    const errors = await errorsOf(() => parseClaimsDatabase(text, "k.claims.json"));
    assert.deepEqual(
      errors.map((e) => [e.path, e.offset, e.message]),
      [["/title", 29, 'duplicate property "title" (first on line 1); only the last one would count']],
    );
  });

  test("all errors of a file are reported, in file order", async () => {
    const file = fixture("semantic-errors.claims.json");
    const text = readFileSync(file, "utf8");
    const errors = await errorsOf(() => readClaimsFile(file));
    assert.deepEqual(
      errors.map((e) => [e.path, e.line, e.character]),
      [
        ["/claims/0/speaker", 12, 17],
        ["/claims/1/quote", 25, 15],
        ["/claims/2/id", 32, 12],
        ["/claims/3/quote", 47, 15],
        ["/claims/4/end", 59, 13],
      ],
    );
    assert.match(errors[0].message, /^unknown speaker "ministre"/);
    assert.match(errors[1].message, /^quote does not match valid-source\.txt at 80–98/);
    assert.match(errors[2].message, /^duplicate claim id "claim-one"/);
    assert.match(errors[3].message, /^quote not found verbatim in valid-source\.txt/);
    assert.match(errors[4].message, /^end 9999 is past the end of valid-source\.txt/);
    for (const e of errors) {
      assert.equal(e.file, file);
      assertPositionConsistent(e, text);
    }
    // The thrown error's message lists every problem, compiler style.
    try {
      await readClaimsFile(file);
    } catch (err) {
      assert.equal((err as Error).message, errors.map(formatInputError).join("\n"));
    }
  });

  test("schema and semantic errors are reported together", async () => {
    const text = db([claim({ hedged: "yes" }), claim({ speaker: "nobody" })]);
    const errors = await errorsOf(() => parseClaimsDatabase(text, "t.claims.json", { sourceText: SOURCE_TEXT }));
    assert.deepEqual(
      errors.map((e) => e.path),
      ["/claims/0/hedged", "/claims/1/id", "/claims/1/speaker"],
    );
  });
});

describe("missing files", () => {
  test("a missing claims file names the file", async () => {
    const file = fixture("does-not-exist.claims.json");
    const errors = await errorsOf(() => readClaimsFile(file));
    assert.deepEqual(errors, [
      { file, line: 0, character: 0, offset: 0, length: 0, path: "", message: "cannot read claims file: file not found" },
    ]);
  });

  test("a missing source file is reported at source.file, naming the path", async () => {
    const file = fixture("missing-source.claims.json");
    const text = readFileSync(file, "utf8");
    const errors = await errorsOf(() => readClaimsFile(file));
    assert.equal(errors.length, 1);
    const [e] = errors;
    assert.equal(e.path, "/source/file");
    assert.equal(text.slice(e.offset, e.offset + e.length), '"no-such-source.txt"');
    assert.deepEqual([e.line, e.character], [3, 39]);
    assert.equal(e.message, `cannot read source file "no-such-source.txt" (${fixture("no-such-source.txt")}): file not found`);
  });
});

describe("ids across databases", () => {
  test("a claim id used by two loaded files is reported at the second", async () => {
    const a = await readClaimsFile(fixture("valid.claims.json"));
    const text = db([claim({ id: "opp-rejects-plan" }), claim({ id: "fresh-id" })]);
    const b = parseClaimsDatabase(text, "/ws/mine.claims.json", { sourceText: SOURCE_TEXT });
    assert.deepEqual(validateClaimIdsUnique([a]), []);
    const errors = validateClaimIdsUnique([a, b]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, "/ws/mine.claims.json");
    assert.equal(errors[0].path, "/claims/0/id");
    assert.equal(text.slice(errors[0].offset, errors[0].offset + errors[0].length), '"opp-rejects-plan"');
    assert.equal(
      errors[0].message,
      `duplicate claim id "opp-rejects-plan": already defined in ${fixture("valid.claims.json")}:49:13; claim ids must be unique across all loaded claims files`,
    );
  });
});

describe("the bundled claims database", () => {
  const article = path.join(ROOT, "claims", "european-led-security-guarantees.txt");

  test(
    "BUNDLED_CLAIMS_PATH points into the repository's claims folder",
    { skip: process.env.FACTCHECK_CLAIMS_DIR ? "FACTCHECK_CLAIMS_DIR overrides it" : false },
    () => {
      assert.equal(BUNDLED_CLAIMS_PATH, path.join(ROOT, "claims", BUNDLED_CLAIMS_FILE));
    },
  );

  // That claims/european-led-security-guarantees.txt is byte for byte the article in ../shared is checked by
  // .ci/check-article.sh, a step of .ci/run: a unit test may use only files inside the repository.

  test("loads without errors; quotes verbatim at their offsets; every sentence covered; ids unique", async () => {
    const file = path.join(ROOT, "claims", BUNDLED_CLAIMS_FILE);
    assert.ok(existsSync(file), `${file} is missing`);
    const loaded = await readClaimsFile(file);
    const text = readFileSync(article, "utf8");
    assert.equal(loaded.sourcePath, article);
    assert.ok(loaded.claims.length > 0);

    for (const c of loaded.claims) {
      assert.equal(text.slice(c.source.start, c.source.end), c.source.quote, `quote of ${c.id} at ${c.source.start}–${c.source.end}`);
      assert.ok(c.source.quote.length > 0);
    }

    const ids = loaded.claims.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, "claim ids are unique");
    assert.deepEqual(validateClaimIdsUnique([loaded]), []);

    const sentences = Object.values(JSON.parse(readFileSync(fixture("article-sentences.json"), "utf8")) as Record<string, string>);
    assert.equal(sentences.length, 13);
    const uncovered: string[] = [];
    for (const s of sentences) {
      const start = text.indexOf(s);
      assert.ok(start >= 0, `sentence not found verbatim in the article: ${s}`);
      assert.equal(text.indexOf(s, start + 1), -1, `sentence occurs twice in the article: ${s}`);
      const end = start + s.length;
      if (!loaded.claims.some((c) => c.source.start >= start && c.source.end <= end)) uncovered.push(s);
    }
    assert.deepEqual(uncovered, [], "every sentence has at least one claim quoting inside it");
  });
});

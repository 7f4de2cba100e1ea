// What a claims file may make the loader read (node/claims-disk.ts, node/safe-read.ts): only files inside its root after
// symlinks, only regular files, only up to the size limit; and no message ever quotes a source's text.
// Hostile files that could hang a read (FIFOs) are in robust/confine.test.ts, under a time bound.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { cliClaimsRoot, confinedLoaderHost, type ConfinedFs, isInside, nodeConfinedFs, readClaimsFile } from "../src/node/claims-disk.js";
import { loadClaimsFile } from "../src/core/claims/loader.js";
import { isReadRefused } from "../src/core/refused-read.js";
import { InputErrors, type InputError } from "../src/core/types.js";
import { DEFAULT_MAX_FILE_BYTES, readRegularFile } from "../src/node/safe-read.js";

const SECRET = "AAA_SECRET=hunter2-do-not-print";

let area: string;
/** The root claims files are confined to in these tests; `outside` is beside it. */
let root: string;
let outside: string;

before(() => {
  area = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-confine-")));
  root = path.join(area, "ws");
  outside = path.join(area, "outside");
  mkdirSync(path.join(root, "claims"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, "secret.txt"), `${SECRET}\nThe minister said the plan will not change.\n`);
  writeFileSync(path.join(root, "source.txt"), "The minister said the plan will not change.\n");
});
after(() => rmSync(area, { recursive: true, force: true }));

/** A claims file with one claim quoting `quote`, naming `source` as its source.file (or none). */
function claimsText(source: string | undefined, quote = "the plan will not change", extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      version: 1,
      title: "Test",
      source: { title: "Test source", ...(source !== undefined ? { file: source } : {}) },
      speakers: { minister: { name: "A Minister", role: "minister" } },
      claims: [
        {
          id: "c1",
          text: "The minister said the plan will not change.",
          speaker: "minister",
          verb: "said",
          section: "S",
          quote,
          hedged: false,
          polarity: "negative",
          ...extra,
        },
      ],
    },
    null,
    2,
  );
}

function writeClaims(name: string, text: string): string {
  const file = path.join(root, name);
  writeFileSync(file, text);
  return file;
}

/** node:fs, recording every path it is asked to read or resolve. */
function recordingFs(): ConfinedFs & { read: string[]; resolved: string[] } {
  const read: string[] = [];
  const resolved: string[] = [];
  return {
    read,
    resolved,
    readFile: (p, limits) => (read.push(p), nodeConfinedFs.readFile(p, limits)),
    realPath: (p) => (resolved.push(p), nodeConfinedFs.realPath(p)),
  };
}

async function loadErrors(file: string, opts: { fs?: ConfinedFs; maxBytes?: number; limitName?: string } = {}): Promise<InputError[]> {
  try {
    await loadClaimsFile(file, confinedLoaderHost({ root, ...opts }));
  } catch (e) {
    assert.ok(e instanceof InputErrors, `expected InputErrors, got ${String(e)}`);
    return e.errors;
  }
  assert.fail(`${file} loaded without errors`);
}

/** The one error, at the source.file value of `text`. */
function assertAtSourceFile(errors: InputError[], text: string, written: string): InputError {
  assert.equal(errors.length, 1, errors.map((e) => e.message).join("\n"));
  const [e] = errors;
  assert.equal(e.path, "/source/file");
  assert.equal(text.slice(e.offset, e.offset + e.length), JSON.stringify(written));
  return e;
}

describe("source.file is confined to the root", () => {
  test("a ../ escape is refused at source.file, naming the rule, and neither opened nor resolved", async () => {
    const written = "../../outside/secret.txt";
    const text = claimsText(written);
    const file = writeClaims("claims/escape.claims.json", text);
    const fs = recordingFs();
    const e = assertAtSourceFile(await loadErrors(file, { fs }), text, written);
    assert.equal(e.message, `source.file must stay inside ${root}; "${written}" resolves outside it`);
    assert.ok(!fs.read.some((p) => p.includes("secret")), `read ${fs.read.join(", ")}`);
    assert.ok(!fs.resolved.some((p) => p.includes("secret")), "not even resolved: whether it exists is not revealed");
  });

  test("an absolute path outside is refused: another folder, /etc/passwd, /proc/self/environ", async () => {
    for (const written of [path.join(outside, "secret.txt"), "/etc/passwd", "/proc/self/environ"]) {
      const text = claimsText(written);
      const file = writeClaims("abs.claims.json", text);
      const fs = recordingFs();
      const e = assertAtSourceFile(await loadErrors(file, { fs }), text, written);
      assert.equal(e.message, `source.file must stay inside ${root}; ${JSON.stringify(written)} resolves outside it`);
      assert.deepEqual(fs.read, [file], "only the claims file itself is read");
    }
  });

  test("a symlink inside the root that points outside is refused, and its target is not opened", async () => {
    symlinkSync(path.join(outside, "secret.txt"), path.join(root, "innocent.txt"));
    const text = claimsText("innocent.txt");
    const file = writeClaims("link.claims.json", text);
    const fs = recordingFs();
    const e = assertAtSourceFile(await loadErrors(file, { fs }), text, "innocent.txt");
    assert.equal(e.message, `source.file must stay inside ${root}; "innocent.txt" resolves outside it`);
    assert.deepEqual(fs.read, [file]);
  });

  test("a symlinked folder pointing outside is refused too", async () => {
    symlinkSync(outside, path.join(root, "sources"));
    const text = claimsText("sources/secret.txt");
    const e = assertAtSourceFile(await loadErrors(writeClaims("dirlink.claims.json", text)), text, "sources/secret.txt");
    assert.match(e.message, /^source\.file must stay inside .*; "sources\/secret\.txt" resolves outside it$/);
  });

  test("inside the root, ../ and symlinks that stay inside are fine", async () => {
    symlinkSync(path.join(root, "source.txt"), path.join(root, "claims", "alias.txt"));
    for (const written of ["../source.txt", "alias.txt"]) {
      const file = writeClaims("claims/fine.claims.json", claimsText(written));
      const db = await loadClaimsFile(file, confinedLoaderHost({ root }));
      assert.equal(db.sourcePath, path.resolve(path.dirname(file), written));
      assert.deepEqual([db.claims[0].source.start, db.claims[0].source.end], [18, 42]);
    }
  });

  test("readClaimsFile confines to the claims file's own folder by default", async () => {
    const file = writeClaims("claims/up.claims.json", claimsText("../source.txt"));
    await assert.rejects(readClaimsFile(file), (e: unknown) => {
      assert.ok(e instanceof InputErrors);
      assert.equal(e.errors[0].message, `source.file must stay inside ${path.join(root, "claims")}; "../source.txt" resolves outside it`);
      return true;
    });
  });

  test("a claims file that is a symlink to a file outside its root is refused without being read", async () => {
    symlinkSync(path.join(outside, "secret.txt"), path.join(root, "evil.claims.json"));
    const file = path.join(root, "evil.claims.json");
    const fs = recordingFs();
    const errors = await loadErrors(file, { fs });
    assert.deepEqual(
      errors.map((e) => [e.line, e.character, e.message]),
      [[0, 0, `claims file must stay inside ${root}; ${file} resolves outside it`]],
    );
    assert.deepEqual(fs.read, []);
  });
});

describe("only regular files within the size limit are read", () => {
  test("a directory as source.file is a clear error naming it", async () => {
    mkdirSync(path.join(root, "a-folder"));
    const text = claimsText("a-folder");
    const e = assertAtSourceFile(await loadErrors(writeClaims("dir.claims.json", text)), text, "a-folder");
    assert.equal(e.message, `cannot read source file "a-folder" (${path.join(root, "a-folder")}): it is a directory, not a regular file`);
  });

  test("/dev/zero, as a claims file in its own folder, is refused as a device without being read", async () => {
    await assert.rejects(readClaimsFile("/dev/zero"), (e: unknown) => {
      assert.ok(e instanceof InputErrors);
      assert.equal(e.errors[0].message, "cannot read claims file: it is a character device, not a regular file");
      return true;
    });
    await assert.rejects(readRegularFile("/dev/zero"), (e: unknown) => isReadRefused(e) && e.kind === "not-regular");
  });

  test("a source over the default 20 MB is refused (a sparse file: nothing is written)", async () => {
    const big = path.join(root, "big.txt");
    writeFileSync(big, "");
    truncateSync(big, DEFAULT_MAX_FILE_BYTES + 1);
    const text = claimsText("big.txt");
    const fs = recordingFs();
    const e = assertAtSourceFile(
      await loadErrors(writeClaims("big.claims.json", text), { fs, limitName: "factCheck.maximumFileSize" }),
      text,
      "big.txt",
    );
    assert.equal(e.message, `cannot read source file "big.txt" (${big}): it is larger than the 20 MB limit (factCheck.maximumFileSize)`);
    // Exactly at the limit is fine as far as size goes (then it is not UTF-8 text the quote is in).
    truncateSync(big, DEFAULT_MAX_FILE_BYTES);
    const [atLimit] = await loadErrors(writeClaims("big.claims.json", text));
    assert.match(atLimit.message, /^quote not found verbatim in big\.txt/);
  });

  test("the limit is configurable, and also holds for the claims file itself", async () => {
    const source = path.join(root, "kb.txt");
    writeFileSync(source, "x".repeat(1500));
    const text = claimsText("kb.txt");
    const maxBytes = 1000 + text.length;
    const e = assertAtSourceFile(await loadErrors(writeClaims("kb.claims.json", text), { maxBytes }), text, "kb.txt");
    assert.match(e.message, new RegExp(`it is larger than the ${maxBytes} bytes limit$`));
    const [c] = await loadErrors(writeClaims("kb.claims.json", text), { maxBytes: 100 });
    assert.equal(c.message, "cannot read claims file: it is larger than the 100 bytes limit");
  });

  test("the read itself is bounded: a file that says size 0 but holds more (/proc) cannot exceed the limit", async () => {
    const all = await readRegularFile("/proc/self/status");
    assert.ok(all.length > 100, "the file has text although stat says 0 bytes");
    await assert.rejects(readRegularFile("/proc/self/status", { maxBytes: 100, limitName: "--max-file-size" }), (e: unknown) => {
      assert.ok(isReadRefused(e));
      assert.equal(e.kind, "too-large");
      assert.match(e.message, /\(--max-file-size\)$/);
      return true;
    });
  });
});

describe("messages never quote the source text", () => {
  test("a quote that does not match at its offsets: offsets and line:column, not what the source has there", async () => {
    writeFileSync(path.join(root, "leaky.txt"), `${SECRET}\nThe minister said the plan will not change.\n`);
    const text = claimsText("leaky.txt", "the plan will not change", { start: 0, end: 24 });
    const [e, ...rest] = await loadErrors(writeClaims("leaky.claims.json", text));
    assert.deepEqual(rest, []);
    assert.equal(e.path, "/claims/0/quote");
    assert.equal(e.message, "quote does not match leaky.txt at 0–24 (line 1, column 1); the quote is at 50–74");
    assert.ok(!e.message.includes("AAA_SECRET") && !e.message.includes("hunter2"));
  });

  test("a near match is given by its offsets, not its text", async () => {
    writeFileSync(path.join(root, "near.txt"), `intro\n${SECRET}\n`);
    const text = claimsText("near.txt", "aaa_secret=HUNTER2-do-not-print");
    const [e] = await loadErrors(writeClaims("near.claims.json", text));
    assert.equal(
      e.message,
      "quote not found verbatim in near.txt; a near match at 6–37 (line 2, column 1) differs only in quotes, dashes, spacing or case",
    );
    assert.ok(!e.message.includes("AAA_SECRET") && !e.message.includes("hunter2"));
  });
});

describe("the command line's root", () => {
  test("the working directory when the claims file is inside it, else the file's own folder", () => {
    assert.equal(cliClaimsRoot("claims/x.claims.json", "/repo"), "/repo");
    assert.equal(cliClaimsRoot("/repo/deep/x.claims.json", "/repo"), "/repo");
    assert.equal(cliClaimsRoot("../other/x.claims.json", "/repo"), "/other");
    assert.equal(cliClaimsRoot("/elsewhere/x.claims.json", "/repo"), "/elsewhere");
    // A working directory of / would confine nothing.
    assert.equal(cliClaimsRoot("/home/me/x.claims.json", "/"), "/home/me");
  });

  test("isInside is about path segments, not string prefixes", () => {
    assert.equal(isInside("/repo", "/repo"), true);
    assert.equal(isInside("/repo", "/repo/..notes.txt"), true);
    assert.equal(isInside("/repo", "/repository/x"), false);
    assert.equal(isInside("/repo", "/repo/../x"), false);
  });
});

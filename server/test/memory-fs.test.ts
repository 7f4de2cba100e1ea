// The in-memory file system the server tests run on keeps the contract of the real one: the same
// tree, read through MemoryFs and through deps.ts's nodeFs (on a temp folder), gives the same
// texts, listings, canonical paths and the same refusals and errors. A server test passing in memory
// would then pass on the disk.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { isReadRefused } from "../src/core/refused-read.js";
import { nodeFs, type ServerFs } from "../src/deps.js";
import { MemoryFs } from "./memory-fs.js";
import { FIXTURES } from "./server-harness.js";

const disk = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-memfs-")));
after(() => rmSync(disk, { recursive: true, force: true }));

const TREE: Record<string, string> = {
  "a.claims.json": '{"version": 1}',
  "notes.txt": "é and 😀: UTF-8 beyond ASCII\n",
  "sub/deeper/b.claims.json": "{}",
  "sub/c.txt": "x".repeat(1500),
};

const memory = new MemoryFs();
for (const [rel, text] of Object.entries(TREE)) {
  mkdirSync(path.dirname(path.join(disk, rel)), { recursive: true });
  writeFileSync(path.join(disk, rel), text);
}
// The memory copy is made the way the harness makes its workspaces: copied from the disk.
const root = "/memory-test/ws";
memory.copyFromDisk(disk, root);
mkdirSync(path.join(disk, "empty"));
memory.mkdir(path.join(root, "empty"));

/** What a call gives: its value, or the error's code, refusal kind and message (with the root made neutral). */
async function outcome(
  fs: ServerFs,
  base: string,
  call: (fs: ServerFs, at: (rel: string) => string) => Promise<unknown>,
): Promise<unknown> {
  const at = (rel: string) => path.join(base, rel);
  const neutral = (s: string) => s.split(base).join("<root>");
  try {
    const v = await call(fs, at);
    return { value: typeof v === "string" ? neutral(v) : v };
  } catch (e) {
    if (isReadRefused(e)) return { refused: e.kind, message: e.message };
    return { code: (e as { code?: string }).code };
  }
}

async function same(what: string, call: (fs: ServerFs, at: (rel: string) => string) => Promise<unknown>): Promise<unknown> {
  const real = await outcome(nodeFs, disk, call);
  const fake = await outcome(memory, root, call);
  assert.deepEqual(fake, real, what);
  return real;
}

const sortedNames = async (fs: ServerFs, dir: string) =>
  (await fs.readDir(dir)).map((e) => [e.name, e.isDirectory, e.isFile]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

test("MemoryFs reads, lists and resolves like the real file system", async () => {
  for (const rel of Object.keys(TREE))
    assert.deepEqual(await same(`readFile ${rel}`, (fs, at) => fs.readFile(at(rel))), { value: TREE[rel] });
  assert.deepEqual(await same("readDir of the root", (fs, at) => sortedNames(fs, at(""))), {
    value: [
      ["a.claims.json", false, true],
      ["empty", true, false],
      ["notes.txt", false, true],
      ["sub", true, false],
    ],
  });
  await same("readDir of a subfolder", (fs, at) => sortedNames(fs, at("sub")));
  await same("readDir of an empty folder", (fs, at) => sortedNames(fs, at("empty")));
  await same("realPath of a file, written with ./ and ..", (fs, at) => fs.realPath!(at("sub/./deeper/../c.txt")));
  await same("realPath of a folder", (fs, at) => fs.realPath!(at("sub")));
});

test("MemoryFs fails and refuses like the real file system", async () => {
  assert.deepEqual(await same("readFile of nothing", (fs, at) => fs.readFile(at("missing.json"))), { code: "ENOENT" });
  assert.deepEqual(await same("realPath of nothing", (fs, at) => fs.realPath!(at("missing.json"))), { code: "ENOENT" });
  assert.deepEqual(await same("readDir of nothing", (fs, at) => fs.readDir(at("missing"))), { code: "ENOENT" });
  assert.deepEqual(await same("readDir of a file", (fs, at) => fs.readDir(at("notes.txt"))), { code: "ENOTDIR" });
  assert.deepEqual(await same("readFile of a folder", (fs, at) => fs.readFile(at("sub"))), {
    refused: "not-regular",
    message: "it is a directory, not a regular file",
  });
  assert.deepEqual(
    await same("readFile over the limit", (fs, at) =>
      fs.readFile(at("sub/c.txt"), { maxBytes: 1000, limitName: "factCheck.maximumFileSize" }),
    ),
    {
      refused: "too-large",
      message: "it is larger than the 1000 bytes limit (factCheck.maximumFileSize)",
    },
  );
  assert.deepEqual(await same("readFile at the limit", (fs, at) => fs.readFile(at("sub/c.txt"), { maxBytes: 1500 })), {
    value: TREE["sub/c.txt"],
  });
  // Bytes, not UTF-16 units: "é" and "😀" are 2 and 4 bytes.
  const bytes = Buffer.byteLength(TREE["notes.txt"]);
  assert.ok(bytes > TREE["notes.txt"].length);
  assert.equal(
    (
      (await same("a limit between the length and the byte count", (fs, at) => fs.readFile(at("notes.txt"), { maxBytes: bytes - 1 }))) as {
        refused?: string;
      }
    ).refused,
    "too-large",
  );
});

test("MemoryFs changes: written, replaced and removed files are what the next read sees", async () => {
  const fs = new MemoryFs().copyFromDisk(path.join(FIXTURES, "workspace"), "/ws");
  assert.deepEqual((await fs.readDir("/ws")).map((e) => e.name).sort(), ["town-notes.txt", "town.claims.json"]);
  fs.writeFile("/ws/more/new.claims.json", "{}");
  assert.equal(await fs.readFile("/ws/more/new.claims.json"), "{}");
  assert.ok(
    (await fs.readDir("/ws")).some((e) => e.name === "more" && e.isDirectory),
    "the folder above a written file exists",
  );
  fs.writeFile("/ws/more/new.claims.json", "[]");
  assert.equal(await fs.readFile("/ws/more/new.claims.json"), "[]");
  fs.remove("/ws/more");
  await assert.rejects(fs.readFile("/ws/more/new.claims.json"), { code: "ENOENT" });
  assert.ok(!(await fs.readDir("/ws")).some((e) => e.name === "more"));
  assert.deepEqual(
    fs.reads,
    ["/ws/more/new.claims.json", "/ws/more/new.claims.json", "/ws/more/new.claims.json"],
    "every read is recorded",
  );
});

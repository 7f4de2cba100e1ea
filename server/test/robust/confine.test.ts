// Hostile files that would hang a careless reader, each under a time bound (a hang fails the test instead of
// stalling the run): a FIFO as a claims file's source, as a claims file, as a draft or --claims on the command
// line, and in the language server's serial load queue, which must keep going. Opening a FIFO for reading
// blocks until a writer comes; the readers must refuse it from a stat, without opening it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { FileChangeType } from "vscode-languageserver-protocol";
import { readClaimsFile } from "../../src/node/claims-disk.js";
import { InputErrors } from "../../src/core/types.js";
import { ReloadClaimsRequest } from "../../../protocol/messages.js";
import { readRegularFile } from "../../src/node/safe-read.js";
import { ROOT } from "../helpers.js";
import { makeWorkspace, startHarness, uriOf } from "../server-harness.js";

const BOUND = { timeout: 20_000 };
const CLI = path.join(ROOT, "out", "server", "src", "cli", "main.js");

let area: string;
const fifos: string[] = [];

function mkfifo(p: string): string {
  const r = spawnSync("mkfifo", [p]);
  assert.equal(r.status, 0, `mkfifo ${p}: ${r.stderr}`);
  fifos.push(p);
  return p;
}

before(() => {
  area = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-robust-confine-")));
});
after(() => {
  // Should a reader be stuck in open() after all (a regression), a writer end releases it so the process can exit.
  for (const f of fifos) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: no reader waiting, as it should be
    }
  }
  rmSync(area, { recursive: true, force: true });
});

function claimsWithSource(dir: string, source: string): string {
  const file = path.join(dir, "x.claims.json");
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      title: "T",
      source: { title: "T", file: source },
      speakers: { m: { name: "A Minister", role: "minister" } },
      claims: [
        {
          id: "fifo-c1",
          text: "The minister said the plan will not change.",
          speaker: "m",
          verb: "said",
          section: "S",
          quote: "the plan",
          hedged: false,
          polarity: "negative",
        },
      ],
    }),
  );
  return file;
}

describe("FIFOs are refused without being opened", () => {
  test("readRegularFile refuses a FIFO", BOUND, async () => {
    const fifo = mkfifo(path.join(area, "plain.fifo"));
    await assert.rejects(readRegularFile(fifo), /it is a named pipe \(FIFO\), not a regular file/);
  });

  test("a FIFO as source.file is an error at source.file", BOUND, async () => {
    mkfifo(path.join(area, "source.fifo"));
    const file = claimsWithSource(area, "source.fifo");
    await assert.rejects(readClaimsFile(file), (e: unknown) => {
      assert.ok(e instanceof InputErrors);
      assert.equal(e.errors[0].path, "/source/file");
      assert.equal(
        e.errors[0].message,
        `cannot read source file "source.fifo" (${path.join(area, "source.fifo")}): it is a named pipe (FIFO), not a regular file`,
      );
      return true;
    });
  });

  test("a FIFO as the claims file is an error naming it", BOUND, async () => {
    const fifo = mkfifo(path.join(area, "pipe.claims.json"));
    await assert.rejects(readClaimsFile(fifo), (e: unknown) => {
      assert.ok(e instanceof InputErrors);
      assert.deepEqual(
        [e.errors[0].file, e.errors[0].message],
        [fifo, "cannot read claims file: it is a named pipe (FIFO), not a regular file"],
      );
      return true;
    });
  });
});

describe("the command line with a FIFO", () => {
  test("as a draft, and as --claims: exit 2 with a message naming it", BOUND, () => {
    const fifo = mkfifo(path.join(area, "draft.fifo"));
    let r = spawnSync(process.execPath, [CLI, "check", fifo], { cwd: ROOT, encoding: "utf8", timeout: 15_000 });
    assert.equal(r.error, undefined, "the CLI did not finish");
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `${fifo}:1:1: cannot read: it is a named pipe (FIFO), not a regular file\n`);

    r = spawnSync(process.execPath, [CLI, "claims", "list", "--claims", fifo], { cwd: ROOT, encoding: "utf8", timeout: 15_000 });
    assert.equal(r.error, undefined, "the CLI did not finish");
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `${fifo}:1:1: cannot read claims file: it is a named pipe (FIFO), not a regular file\n`);
  });
});

describe("the language server's load queue with FIFOs", () => {
  test("a FIFO source and a FIFO claims file are errors; the queue goes on loading and answering", BOUND, async () => {
    const ws = makeWorkspace("workspace");
    mkfifo(path.join(ws, "pipe-source.txt"));
    writeFileSync(
      path.join(ws, "town.claims.json"),
      JSON.stringify({ ...townTemplate(), source: { title: "T", file: "pipe-source.txt" } }, null, 2),
    );
    const h = await startHarness({ workspace: ws });
    try {
      const uri = uriOf(path.join(ws, "town.claims.json"));
      const { diagnostics } = await h.diagnostics(uri, (p) => p.diagnostics.length > 0, "the FIFO source's error");
      assert.match(
        diagnostics[0].message,
        /^cannot read source file "pipe-source\.txt" \(.*\): it is a named pipe \(FIFO\), not a regular file/,
      );

      // A FIFO named like a claims file, announced by the file watcher (a scan skips it: it is not a file).
      const fifoClaims = mkfifo(path.join(ws, "pipe.claims.json"));
      await h.filesChanged([{ uri: uriOf(fifoClaims), type: FileChangeType.Created }]);
      const piped = await h.diagnostics(uriOf(fifoClaims), (p) => p.diagnostics.length > 0, "the FIFO claims file's error");
      assert.equal(piped.diagnostics[0].message, "cannot read claims file: it is a named pipe (FIFO), not a regular file");

      // The queue is not stuck: a reload runs after both and answers.
      const status = await h.client.sendRequest(ReloadClaimsRequest, undefined);
      assert.equal(status.files[0].uri, "bundled");
      assert.ok(status.files[0].claims > 0);
    } finally {
      await h.dispose();
    }
  });
});

function townTemplate(): Record<string, unknown> {
  return {
    version: 1,
    title: "Town council notes",
    speakers: { mayor: { name: "Jane Alvarez", role: "Mayor of Springfield" } },
    claims: [
      {
        id: "town-library-closes",
        text: "The central library will close for renovation in June.",
        speaker: "mayor",
        verb: "announced",
        section: "Library",
        quote: "the central library",
        hedged: false,
        polarity: "positive",
      },
    ],
  };
}

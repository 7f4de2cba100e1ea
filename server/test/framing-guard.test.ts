// FramingGuard, in front of the stdio reader: valid LSP traffic passes through byte for byte,
// however it is chunked; bytes that can never frame a message are an error, found as they arrive.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../bench/timing.js";
import { FramingGuard } from "../src/stdio.js";

function frame(body: string, extraHeader = ""): Buffer {
  const b = Buffer.from(body, "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n${extraHeader}\r\n`, "ascii"), b]);
}

/** Feeds `chunks` and resolves with what came out, or the error. */
function run(chunks: Buffer[]): Promise<{ out: Buffer; error?: Error }> {
  const guard = new FramingGuard();
  const out: Buffer[] = [];
  return new Promise((resolve) => {
    guard.on("data", (d: Buffer) => out.push(d));
    guard.on("error", (error) => resolve({ out: Buffer.concat(out), error }));
    guard.on("end", () => resolve({ out: Buffer.concat(out) }));
    for (const c of chunks) guard.write(c);
    guard.end();
  });
}

test("valid traffic passes through unchanged, in chunks of any size", async () => {
  const rng = new Rng(3);
  const messages = [
    frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'),
    frame(
      '{"jsonrpc":"2.0","method":"x","params":{"text":"é € 😀 \\r\\n\\r\\n Content-Length: 9"}}',
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",
    ),
    frame(""),
    frame(JSON.stringify({ text: "\u0000\u00ff".repeat(500) })),
  ];
  const stream = Buffer.concat(Array.from({ length: 20 }, () => rng.pick(messages)));
  for (let round = 0; round < 30; round++) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < stream.length;) {
      const n = 1 + rng.int(round % 2 ? 7 : 400);
      chunks.push(stream.subarray(at, at + n));
      at += n;
    }
    const r = await run(chunks);
    assert.equal(r.error, undefined);
    assert.ok(r.out.equals(stream), `round ${round}`);
  }
});

test("bytes that can never frame a message are an error naming the offset and the fault", async () => {
  const good = frame('{"jsonrpc":"2.0","id":1}');
  const cases: [Buffer, RegExp][] = [
    [Buffer.from([0x00, 0x01]), /byte 0 of stdin: byte 0x00 in a message header/],
    [Buffer.concat([good, Buffer.from("\u00e9", "latin1")]), new RegExp(`byte ${good.length} of stdin: byte 0xe9`)],
    [Buffer.from("Content-Length: 2\n\n{}"), /ends in "\\n" without "\\r"/],
    [Buffer.concat([good, Buffer.from("hello\r\n")]), /not "Name: value": "hello"/],
    [Buffer.from("x".repeat(9000)), /header longer than 8192 bytes/],
  ];
  for (const [bytes, expected] of cases) {
    const r = await run([bytes]);
    assert.match(r.error?.message ?? "(no error)", expected);
  }
});

test("a header vscode-jsonrpc will reject itself (no usable Content-Length) is left to it", async () => {
  const bytes = Buffer.from('X-Foo: 1\r\n\r\n{"jsonrpc":"2.0"}\u0000');
  const r = await run([bytes]);
  assert.equal(r.error, undefined);
  assert.ok(r.out.equals(bytes));
});

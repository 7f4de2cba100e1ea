// The server's one debouncer and the per-document state it works on, on the fake clock the server
// tests use: work runs once a document's edits pause, a newer schedule or a check cancels what was
// waiting, closing a document cancels everything about it, and documents do not disturb each other.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Debouncer } from "../src/debouncer.js";
import { OpenDocuments } from "../src/document-state.js";
import { FakeTimers } from "./fake-timers.js";

function setup(delays: Record<string, number> = {}) {
  const clock = new FakeTimers();
  const errors: string[] = [];
  const debouncer = new Debouncer(clock, async (uri) => delays[uri] ?? 100, {
    info: () => {},
    warn: () => {},
    error: (m) => errors.push(m),
  });
  const docs = new OpenDocuments();
  const ran: string[] = [];
  /** Lets the debouncer's settings lookup (a promise) settle, as the server's event loop would. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clock, debouncer, docs, ran, errors, settle };
}

test("the fake clock: timers fire in due order when advanced, zero-delay ones by themselves", async () => {
  const clock = new FakeTimers();
  const fired: string[] = [];
  clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
  clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
  const c = clock.setTimeout(() => fired.push("cleared"), 15);
  clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
  clock.clearTimeout(c);
  clock.advance(9);
  assert.equal(fired.length, 0);
  assert.deepEqual(clock.pendingDelays(), [1, 11, 11]);
  clock.advance(11);
  assert.deepEqual(fired, ["a@10", "b@20", "c@20"], "soonest first; at the same time, in the order set");
  assert.equal(clock.now(), 20);
  clock.setTimeout(() => clock.setTimeout(() => fired.push(`nested@${clock.now()}`), 5), 5);
  clock.advance(10);
  assert.equal(fired.at(-1), "nested@30", "a timer set by a callback fires in the same advance when due");
  clock.setTimeout(() => fired.push("now"), 0);
  assert.equal(fired.at(-1), "nested@30", "not synchronously");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(fired.at(-1), "now", "a zero-delay timer runs on the next turn of the event loop");
  assert.equal(clock.now(), 30, "without moving the clock");
});

test("work runs once the document's edits pause for its debounce; a newer schedule restarts the wait", async () => {
  const { clock, debouncer, docs, ran, settle } = setup();
  const doc = docs.open("file:///a.md", "markdown", 1, "one");
  debouncer.schedule(doc, () => ran.push("first"));
  await settle();
  clock.advance(60);
  debouncer.schedule(doc, () => ran.push("second"));
  await settle();
  clock.advance(60);
  assert.deepEqual(ran, [], "120 ms after the first schedule, 60 after the second: nothing yet");
  assert.equal(clock.pending, 1, "one timer per document");
  clock.advance(40);
  assert.deepEqual(ran, ["second"]);
  assert.equal(doc.pending, undefined, "nothing is left pending");
  clock.advance(1000);
  assert.deepEqual(ran, ["second"], "the first never runs");
});

test("each document waits its own debounce, and cancelling one leaves the other", async () => {
  const { clock, debouncer, docs, ran, settle } = setup({ "file:///fast.md": 10, "file:///slow.md": 50 });
  const fast = docs.open("file:///fast.md", "markdown", 1, "f");
  const slow = docs.open("file:///slow.md", "markdown", 1, "s");
  debouncer.schedule(slow, () => ran.push("slow"));
  debouncer.schedule(fast, () => ran.push("fast"));
  await settle();
  assert.deepEqual(clock.pendingDelays(), [10, 50]);
  clock.advance(10);
  assert.deepEqual(ran, ["fast"]);
  slow.cancelPending(); // what a check started meanwhile does
  clock.advance(100);
  assert.deepEqual(ran, ["fast"]);
  assert.equal(clock.pending, 0);
});

test("a schedule cancelled before its debounce is known (settings still being fetched) never sets a timer", async () => {
  const { clock, debouncer, docs, ran, settle } = setup();
  const doc = docs.open("file:///a.md", "markdown", 1, "one");
  debouncer.schedule(doc, () => ran.push("stale"));
  doc.cancelPending();
  await settle();
  assert.equal(clock.pending, 0);
  clock.advance(1000);
  assert.deepEqual(ran, []);
});

test("closing a document drops its state: pending work cancelled, its check outdated, a reopened document starts over", async () => {
  const { clock, debouncer, docs, ran, settle } = setup();
  const first = docs.open("file:///a.md", "markdown", 1, "one");
  first.update([{ text: "two" }], 2);
  const ticket = first.beginCheck();
  assert.ok(ticket.current());
  assert.equal(first.firstNotice("too-large"), true);
  assert.equal(first.firstNotice("too-large"), false, "a notice is given once");
  debouncer.schedule(first, () => ran.push("after close"));
  await settle();
  assert.equal(clock.pending, 1);

  assert.equal(docs.close("file:///a.md"), first);
  assert.equal(docs.state("file:///a.md"), undefined);
  assert.deepEqual(docs.all(), []);
  assert.equal(clock.pending, 0, "its timer is cleared");
  assert.equal(ticket.current(), false, "its check in flight may not publish");
  clock.advance(1000);
  assert.deepEqual(ran, []);

  const again = docs.open("file:///a.md", "markdown", 1, "one");
  assert.notEqual(again, first);
  assert.equal(again.revision, 0);
  assert.equal(again.firstNotice("too-large"), true, "a reopened document is told again");
  assert.equal(ticket.current(), false, "the old check does not match the reopened document, though its version may");
});

test("an edit outdates the check in flight, even one that repeats the version number", () => {
  const { docs } = setup();
  const doc = docs.open("file:///a.md", "markdown", 1, "Hello world.");
  const ticket = doc.beginCheck();
  assert.deepEqual([ticket.version, ticket.revision], [1, 0]);
  doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, text: "Goodbye" }], 1);
  assert.equal(doc.doc.getText(), "Goodbye world.");
  assert.equal(doc.revision, 1);
  assert.equal(ticket.current(), false);
  const next = doc.beginCheck();
  assert.ok(next.current());
  assert.equal(doc.beginCheck().current(), true);
  assert.equal(next.current(), false, "a newer check outdates the older one");
});

test("a cancelled wait runs its `cancelled` callback once, and never its work; a finished one never its `cancelled`", async () => {
  const { clock, debouncer, docs, ran, settle } = setup();
  const doc = docs.open("file:///a.md", "markdown", 1, "one");
  debouncer.schedule(
    doc,
    () => ran.push("first"),
    () => ran.push("first cancelled"),
  );
  await settle();
  debouncer.schedule(
    doc,
    () => ran.push("second"),
    () => ran.push("second cancelled"),
  );
  await settle();
  clock.advance(100);
  assert.deepEqual(ran, ["first cancelled", "second"]);
  doc.cancelPending(); // after the work ran: nothing is waiting
  debouncer.schedule(
    doc,
    () => ran.push("third"),
    () => ran.push("third cancelled"),
  );
  doc.cancelPending(); // before its settings lookup settled
  doc.cancelPending();
  await settle();
  clock.advance(100);
  assert.deepEqual(ran, ["first cancelled", "second", "third cancelled"]);
});

// A tiny test runner for the extension host (no mocha): tests run one after another, each with
// its own deadline; the run rejects when any failed, which the host turns into a failing exit code.
// Every timer it starts is cleared, so the host can exit as soon as the run settles.

export interface TestCase {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs: number;
}

const tests: TestCase[] = [];

/** Registers a test. Tests run in registration order (later ones may rely on earlier state). */
export function test(name: string, fn: () => Promise<void> | void, timeoutMs = 30_000): void {
  tests.push({ name, fn, timeoutMs });
}

function withDeadline(t: TestCase): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs);
  });
  return Promise.race([Promise.resolve().then(t.fn), timeout]).finally(() => clearTimeout(timer));
}

export interface RunOptions {
  /** Only tests whose name contains this (FACTCHECK_TEST_GREP). */
  grep?: string;
  log?: (line: string) => void;
}

export async function runAll({ grep, log = (l) => console.log(l) }: RunOptions = {}): Promise<void> {
  const selected = grep ? tests.filter((t) => t.name.includes(grep)) : tests;
  const failures: { name: string; error: unknown }[] = [];
  const started = Date.now();
  log(`Fact Check extension-host suite: ${selected.length} tests`);
  for (const t of selected) {
    const t0 = Date.now();
    try {
      await withDeadline(t);
      log(`  ✔ ${t.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failures.push({ name: t.name, error });
      log(`  ✘ ${t.name} (${Date.now() - t0} ms)`);
      log(indent(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    }
  }
  log(`${selected.length - failures.length} passed, ${failures.length} failed (${Date.now() - started} ms)`);
  if (failures.length) {
    throw new Error(`${failures.length} of ${selected.length} tests failed: ${failures.map((f) => f.name).join("; ")}`);
  }
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");
}

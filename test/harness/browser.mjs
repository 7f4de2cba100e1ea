// Drives the code-server workbench in Debian's Chromium through playwright-core,
// as a person would: open files, run commands, hover, read squiggles and the
// Problems panel, take screenshots. Selectors are VS Code 1.139's DOM.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { isolatedDirs, removeDir, requireTool, resultsDir, tools, waitFor } from "./util.mjs";

// Without the networking flags Chromium keeps dialing Google hosts that this
// closed network refuses; --no-sandbox because tests run as root.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const QUICK_INPUT = ".quick-input-widget";
const QUICK_ROWS = ".quick-input-list .monaco-list-row";

/** The workbench URL: `?folder=` plus, for extension-host tests, `&payload=`. */
export function workbenchUrl(url, folder, payload) {
  let u = `${url.replace(/\/$/, "")}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

/**
 * @param {object} o
 * @param {string} o.url code-server's base URL (from startCodeServer)
 * @param {string} o.folder workspace folder (absolute path on the server)
 * @param {Array<[string,string]>} [o.payload] workbench payload (extension-host tests)
 * @param {string} [o.profileDir] Chromium profile dir (default: a temp dir, removed on close)
 * @param {(type: string, args: any[]) => void} [o.onLog] window.codeAutomationLog
 * @param {(code: number) => void} [o.onExit] window.codeAutomationExit
 * @param {boolean} [o.waitForExplorer] default: true unless a payload is given
 * @param {number} [o.timeoutMs] for the workbench to be ready (default 120 s)
 * @returns {Promise<{context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page, close: () => Promise<void>}>}
 */
export async function openWorkbench({
  url,
  folder,
  payload,
  profileDir,
  onLog,
  onExit,
  waitForExplorer = !payload,
  timeoutMs = 120_000,
  headless = true,
  viewport = { width: 1400, height: 900 },
} = {}) {
  const executablePath = requireTool("Chromium", tools().chromium);
  const dirs = await isolatedDirs("factcheck-browser-");
  // Playwright refuses --user-data-dir in args: the profile goes here.
  const profile = profileDir ?? path.join(dirs.base, "profile");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    args: CHROMIUM_ARGS,
    viewport,
    env: { ...process.env, ...dirs.env },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    await removeDir(dirs.base);
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Must exist before the workbench loads: it looks for them at startup.
    if (onLog) await page.exposeFunction("codeAutomationLog", (type, args) => onLog(type, args));
    if (onExit) await page.exposeFunction("codeAutomationExit", (code) => onExit(code));
    await page.goto(workbenchUrl(url, folder, payload), { timeout: timeoutMs });
    await page.locator(".monaco-workbench").waitFor({ timeout: timeoutMs });
    if (waitForExplorer) {
      await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: timeoutMs });
    }
    return { context, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

async function quickPick(page, key, text, pick, timeout) {
  await page.keyboard.press(key);
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: "visible", timeout });
  await page.keyboard.type(text);
  // Wait for a row matching what we want, not just any (stale) row.
  const row = page.locator(QUICK_ROWS).filter({ hasText: pick }).first();
  await row.waitFor({ state: "visible", timeout });
  return row;
}

/** Quick Open (Ctrl+P) `name`, open it, wait for its tab and editor. */
export async function openFile(page, name, { timeout = 60_000 } = {}) {
  const base = path.basename(name);
  const row = await quickPick(page, "Control+P", name, base, timeout);
  await row.click();
  await page.locator(".tabs-container .tab.active", { hasText: base }).waitFor({ timeout });
  await page.locator(".editor-instance .monaco-editor .view-lines").first().waitFor({ timeout });
}

/**
 * Runs a command by its palette title (F1). Picks the row whose label equals
 * `title` (else the first containing it). Resolves once the palette closed.
 */
export async function runCommand(page, title, { timeout = 60_000 } = {}) {
  await quickPick(page, "F1", title, title, timeout);
  const rows = page.locator(QUICK_ROWS).filter({ hasText: title });
  const labels = await rows.locator(".label-name").allInnerTexts();
  const exact = labels.findIndex((l) => l.trim() === title);
  await rows.nth(Math.max(0, exact)).click();
  await page.locator(QUICK_INPUT).waitFor({ state: "hidden", timeout });
}

/** Texts of the visible notification toasts. */
export async function notifications(page) {
  return page.locator(".notifications-toasts .notification-list-item-message").allInnerTexts();
}

/** Polls until a notification toast contains `text`; returns its text. */
export async function waitForNotification(page, text, { timeout = 60_000 } = {}) {
  const toast = page.locator(".notifications-toasts .notification-list-item-message", { hasText: text }).first();
  await toast.waitFor({ timeout });
  return toast.innerText();
}

/**
 * Screen box of the first occurrence of `text` in the visible editor lines.
 * Monaco splits a line into token spans and renders spaces as U+00A0, so the
 * text is matched over the line's text nodes, then measured with a Range.
 */
export async function textBox(page, text) {
  return page.evaluate((needle) => {
    for (const line of document.querySelectorAll(".editor-instance .monaco-editor .view-lines .view-line")) {
      const nodes = [];
      const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) nodes.push(walk.currentNode);
      const full = nodes
        .map((n) => n.data)
        .join("")
        .replace(/\u00a0/g, " ");
      const at = full.indexOf(needle);
      if (at < 0) continue;
      const locate = (offset) => {
        for (const n of nodes) {
          if (offset <= n.data.length) return [n, offset];
          offset -= n.data.length;
        }
        return [nodes.at(-1), nodes.at(-1).data.length];
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + needle.length));
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, text);
}

/**
 * Hovers like a mouse does (away first, then onto the target in steps) and
 * returns the hover widget's text. `target` is a Locator or a text in the
 * editor. With `contains`, polls until the hover text includes it (its last
 * lines change while quick fixes load).
 */
export async function hoverText(page, target, { contains, timeout = 30_000 } = {}) {
  let box;
  if (typeof target === "string") {
    box = await waitFor(() => textBox(page, target), { timeoutMs: timeout, what: `"${target}" in the editor` });
  } else {
    await target.waitFor({ timeout });
    box = await target.boundingBox();
  }
  await page.mouse.move(1, 1);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  const hover = page.locator(".monaco-hover:not(.hidden)").first();
  await hover.waitFor({ state: "visible", timeout });
  return waitFor(
    async () => {
      const t = await hover.innerText();
      return (contains ? t.includes(contains) : t.trim()) && t;
    },
    { timeoutMs: timeout, what: `hover text${contains ? ` containing "${contains}"` : ""}` },
  );
}

/**
 * Squiggles drawn in the visible editors, by severity. Hint draws no squiggle
 * but faded dots (`.squiggly-hint`). `classes` lists each element's classes.
 */
export async function squiggles(page) {
  return page.evaluate(() => {
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    const classes = [];
    for (const el of document.querySelectorAll('.editor-instance .monaco-editor [class*="squiggly-"]')) {
      const m = /squiggly-(error|warning|info|hint)\b/.exec(el.className);
      if (!m) continue;
      counts[m[1]]++;
      classes.push(el.className);
    }
    return { ...counts, total: classes.length, classes };
  });
}

/** Polls until at least `min` squiggles (of `kind`, or any) are drawn. */
export async function waitForSquiggles(page, { kind, min = 1, timeout = 60_000 } = {}) {
  return waitFor(
    async () => {
      const s = await squiggles(page);
      return (kind ? s[kind] : s.total) >= min && s;
    },
    { timeoutMs: timeout, what: `${min} ${kind ?? ""} squiggle(s)` },
  );
}

/**
 * Opens the Problems panel (Ctrl+Shift+M toggles, so only when it is not
 * shown) and returns its rows' texts, after at least `min` rows appear.
 */
export async function problems(page, { min = 0, timeout = 60_000 } = {}) {
  const panel = page.locator(".markers-panel");
  if (!(await panel.isVisible())) await page.keyboard.press("Control+Shift+M");
  await panel.waitFor({ state: "visible", timeout });
  const rows = page.locator(".markers-panel .monaco-list-row");
  if (min > 0) await waitFor(async () => (await rows.count()) >= min, { timeoutMs: timeout, what: `${min} problem row(s)` });
  return rows.allInnerTexts();
}

/** Saves a PNG into test-results/ at the repo root; returns its path. */
export async function screenshot(page, name) {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, name.endsWith(".png") ? name : `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// What the end-to-end test reads off the code-server workbench beyond test/harness/browser.mjs:
// the active editor's lines with the squiggles drawn on each, the quick-input rows, the code
// action (light bulb) menu, the status bar, and the language server's processes. Selectors are
// VS Code 1.139's DOM, as in the harness.
import { readFileSync, readdirSync } from "node:fs";
import { waitFor } from "../harness/util.mjs";

const QUICK_INPUT = ".quick-input-widget";
const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const EDITOR = ".part.editor .editor-group-container.active .editor-instance .monaco-editor";

/**
 * The active editor's visible lines as a person sees them: `[{ line, text, squiggles }]`, `line`
 * 1-based, `text` the whole logical line (rows of a word-wrapped line joined), `squiggles` the
 * kinds drawn on it, sorted and deduplicated ('error' | 'warning' | 'info' | 'hint').
 */
export async function editorLines(page) {
  return page.evaluate((sel) => {
    const editor = document.querySelector(sel);
    if (!editor) return [];
    const top = (el) => Math.round(el.getBoundingClientRect().top);
    // The gutter numbers only a line's first row; rows of a wrapped line have none.
    const numbers = [...editor.querySelectorAll(".margin-view-overlays > div")].map((d) => ({
      top: top(d),
      n: Number(d.querySelector(".line-numbers")?.textContent.trim()) || null,
    }));
    const rows = [...editor.querySelectorAll(".view-lines > .view-line")]
      .map((l) => ({ top: top(l), text: l.textContent.replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top);
    const lines = [];
    const byTop = new Map();
    for (const r of rows) {
      const n = numbers.find((g) => Math.abs(g.top - r.top) <= 2)?.n ?? null;
      if (n !== null || !lines.length) lines.push({ line: n, text: r.text, squiggles: [] });
      else lines.at(-1).text += r.text; // a wrapped row of the line above
      byTop.set(r.top, lines.at(-1));
    }
    for (const s of editor.querySelectorAll('.view-overlays [class*="squiggly-"]')) {
      const m = /squiggly-(error|warning|info|hint)\b/.exec(s.className);
      if (!m) continue;
      const t = top(s);
      const line = byTop.get(t) ?? [...byTop.entries()].find(([k]) => Math.abs(k - t) <= 2)?.[1];
      if (line && !line.squiggles.includes(m[1])) line.squiggles.push(m[1]);
    }
    for (const l of lines) l.squiggles.sort();
    return lines;
  }, EDITOR);
}

/**
 * How far the squiggles reach on the last screen row of logical line `line` (1-based), next to
 * where its text ends: `{ textRight, squiggleRight, kinds, at }` (pixels; `at` the page's
 * Date.now() when measured), or null if the line is not in view. A squiggle drawn for an earlier,
 * shorter version of the line stops short of the end.
 */
export async function lineEndCoverage(page, line) {
  return page.evaluate(
    ({ sel, line }) => {
      const editor = document.querySelector(sel);
      if (!editor) return null;
      const top = (el) => Math.round(el.getBoundingClientRect().top);
      const numbers = [...editor.querySelectorAll(".margin-view-overlays > div")]
        .map((d) => ({ top: top(d), n: Number(d.querySelector(".line-numbers")?.textContent.trim()) || null }))
        .sort((a, b) => a.top - b.top);
      const first = numbers.find((g) => g.n === line);
      if (!first) return null;
      const next = numbers.find((g) => g.top > first.top && g.n !== null);
      const rows = [...editor.querySelectorAll(".view-lines > .view-line")]
        .filter((l) => top(l) >= first.top - 2 && (!next || top(l) < next.top - 2))
        .sort((a, b) => top(a) - top(b));
      const last = rows.at(-1);
      if (!last) return null;
      const range = document.createRange();
      range.selectNodeContents(last);
      const textRight = range.getBoundingClientRect().right;
      let squiggleRight = -1;
      const kinds = [];
      for (const s of editor.querySelectorAll('.view-overlays [class*="squiggly-"]')) {
        if (Math.abs(top(s) - top(last)) > 2) continue;
        const m = /squiggly-(error|warning|info|hint)\b/.exec(s.className);
        if (m && !kinds.includes(m[1])) kinds.push(m[1]);
        squiggleRight = Math.max(squiggleRight, s.getBoundingClientRect().right);
      }
      return { textRight, squiggleRight, kinds: kinds.sort(), at: Date.now() };
    },
    { sel: EDITOR, line },
  );
}

/** `{ [line]: 'kind' | 'kind,kind' }` for the lines that have squiggles. */
export function squiggleMap(lines) {
  return Object.fromEntries(lines.filter((l) => l.squiggles.length).map((l) => [l.line, l.squiggles.join(",")]));
}

/** Polls the editor until `check(lines)` is true; returns the lines. The error shows the last ones. */
export async function waitForEditor(page, check, { what, timeoutMs = 30_000, intervalMs = 50 } = {}) {
  let last = [];
  try {
    return await waitFor(
      async () => {
        last = await editorLines(page);
        return check(last) && last;
      },
      { timeoutMs, intervalMs, what },
    );
  } catch (e) {
    e.message += `\nlast editor state:\n${last.map((l) => `  ${l.line}: [${l.squiggles}] ${l.text}`).join("\n")}`;
    throw e;
  }
}

/** The text of the status bar item whose text matches `re` ('' if none). */
export async function statusBarItem(page, re) {
  const texts = await page.locator(".statusbar .statusbar-item").allInnerTexts();
  return texts.map((t) => t.trim()).find((t) => re.test(t)) ?? "";
}

/** The open quick input: its title, placeholder, value, count and rows (label, description, detail). */
export async function quickInput(page) {
  return page.evaluate(
    (sel) => {
      const w = document.querySelector(sel.widget);
      if (!w || getComputedStyle(w).display === "none") return null;
      return {
        title: w.querySelector(".quick-input-title")?.textContent.trim() ?? "",
        placeholder: w.querySelector("input")?.placeholder ?? "",
        value: w.querySelector("input")?.value ?? "",
        count: w.querySelector(".quick-input-visible-count")?.textContent.trim() ?? "",
        // QuickPick.busy shows an infinite progress bar under the input.
        busy: !!w.querySelector(".quick-input-progress.active"),
        rows: [...w.querySelectorAll(sel.rows)].map((r) => ({
          label: r.querySelector(".label-name")?.textContent.trim() ?? "",
          description: r.querySelector(".label-description")?.textContent.trim() ?? "",
          detail: r.querySelector(".quick-input-list-label-meta")?.textContent.trim() ?? "",
          focused: r.classList.contains("focused"),
        })),
      };
    },
    { widget: QUICK_INPUT, rows: QUICK_ROWS },
  );
}

/** Polls until the quick input satisfies `check(qi)`; returns it. */
export async function waitForQuickInput(page, check, { what, timeoutMs = 30_000 } = {}) {
  let last = null;
  try {
    return await waitFor(
      async () => {
        last = await quickInput(page);
        return last && check(last) && last;
      },
      { timeoutMs, intervalMs: 50, what },
    );
  } catch (e) {
    e.message += `\nlast quick input: ${JSON.stringify(last, null, 1)}`;
    throw e;
  }
}

/**
 * F1, the command's title, Enter on its row. Unlike the harness's runCommand it does not wait
 * for the palette to close: a command that opens its own quick pick keeps the widget visible.
 */
export async function paletteCommand(page, title) {
  await page.keyboard.press("F1");
  await page.locator(`${QUICK_INPUT} input`).waitFor({ state: "visible" });
  await page.keyboard.type(title);
  await waitForQuickInput(page, (qi) => qi.rows.some((r) => r.label === title && r.focused) || qi.rows[0]?.label === title, {
    what: `the command "${title}" in the palette`,
  });
  const row = page
    .locator(QUICK_ROWS)
    .filter({ has: page.locator(".label-name", { hasText: title }) })
    .first();
  await row.click();
}

/** Clicks the quick-input row whose label contains `label`. */
export async function pickRow(page, label) {
  await page
    .locator(QUICK_ROWS)
    .filter({ has: page.locator(".label-name", { hasText: label }) })
    .first()
    .click();
}

/**
 * Polls until the light bulb shows for logical line `line` (VS Code draws it in the line's first
 * row or, when that is empty, in the row above): the editor has computed the code actions at the
 * cursor. Returns its box.
 */
export async function waitForLightBulb(page, line, { timeoutMs = 30_000 } = {}) {
  return waitFor(
    () =>
      page.evaluate(
        ({ sel, line }) => {
          const editor = document.querySelector(sel);
          const bulb = editor?.querySelector(".contentWidgets .lightBulbWidget");
          if (!bulb || getComputedStyle(bulb).display === "none" || getComputedStyle(bulb).visibility === "hidden") return null;
          const rows = [...editor.querySelectorAll(".margin-view-overlays > div")].map((d) => ({
            r: d.getBoundingClientRect(),
            n: Number(d.querySelector(".line-numbers")?.textContent.trim()) || null,
          }));
          const at = rows.find((x) => x.n === line);
          const above = rows.find((x) => x.n === line - 1);
          const b = bulb.getBoundingClientRect();
          const mid = b.top + b.height / 2;
          const top = (above ?? at)?.r.top;
          if (!at || !(mid >= top && mid <= at.r.bottom)) return null;
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        },
        { sel: EDITOR, line },
      ),
    { timeoutMs, intervalMs: 50, what: `the light bulb on line ${line}` },
  );
}

/** Titles of the code actions menu (light bulb / Ctrl+.) once it shows some. */
export async function codeActionTitles(page, { timeoutMs = 30_000 } = {}) {
  const rows = page.locator(".action-widget .monaco-list-row.action");
  await rows.first().waitFor({ state: "visible", timeout: timeoutMs });
  return (await rows.locator(".title").allInnerTexts()).map((t) => t.trim());
}

/** Clicks the code action whose title contains `title`. */
export async function pickCodeAction(page, title) {
  await page.locator(".action-widget .monaco-list-row.action").filter({ hasText: title }).first().click();
}

/**
 * The hover card's parts (after harness.hoverText showed it): the marker part (the diagnostic)
 * and the server's Markdown card, by their text; `quotes` are the card's block quotes.
 */
export async function hoverParts(page) {
  return page.evaluate(() => {
    const h = document.querySelector(".monaco-hover:not(.hidden)");
    if (!h) return null;
    const parts = [...h.querySelectorAll(".hover-contents")];
    const card = parts.find((p) => !p.classList.contains("marker") && /Reported by|Quoted words/.test(p.textContent));
    return {
      markers: parts.filter((p) => p.classList.contains("marker")).map((p) => p.innerText),
      card: card?.innerText ?? "",
      quotes: card ? [...card.querySelectorAll("blockquote")].map((b) => b.innerText.trim()) : [],
    };
  });
}

/**
 * How the visible hover sits on the page: its box, the box of the scrollable part that holds the
 * contents, whether that part is scrolled or overflows, and the box of every link and status-bar
 * action in it (`[{ text, top, bottom }]`), so a test can say that an action shows without scrolling.
 */
export async function hoverFit(page) {
  return page.evaluate(() => {
    const inner = document.querySelector(".monaco-hover:not(.hidden)");
    if (!inner) return null;
    // The whole widget: the contents and VS Code's status bar (View Problem, Quick Fix) below them.
    const h = inner.closest(".monaco-resizable-hover, .workbench-hover-container") ?? inner.parentElement ?? inner;
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) };
    };
    const scroller = inner.querySelector(".monaco-scrollable-element") ?? inner;
    const content = scroller.firstElementChild ?? scroller;
    // Visible without scrolling: what the page shows at the element's centre is the element (not clipped, not covered).
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && (el === hit || el.contains(hit));
    };
    const items = (sel) =>
      [...h.querySelectorAll(sel)]
        .filter((el) => el.innerText.trim())
        .map((el) => ({ text: el.innerText.trim(), ...box(el), visible: shown(el) }));
    return {
      hover: box(h),
      visible: box(scroller),
      scrollTop: content.scrollTop ?? 0,
      overflows: content.scrollHeight > content.clientHeight + 1,
      viewport: { width: window.innerWidth, height: window.innerHeight },
      links: items(".hover-contents a"),
      actions: items(".hover-row.status-bar .action-container, .hover-row.status-bar .action"),
    };
  });
}

/**
 * Live processes (not zombies) in process group `pgid` whose command line contains every string
 * of `parts`: `[{ pid, cmdline }]`. Reads /proc, so it finds exactly the server this code-server
 * started (its own group, its own extensions dir), not another run's.
 */
export function processesInGroup(pgid, parts) {
  const found = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    let stat;
    let cmdline;
    try {
      stat = readFileSync(`/proc/${e}/stat`, "utf8");
      cmdline = readFileSync(`/proc/${e}/cmdline`, "utf8").split("\0").join(" ").trim();
    } catch {
      continue; // gone meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) !== pgid || f[0] === "Z") continue;
    if (parts.every((p) => cmdline.includes(p))) found.push({ pid: Number(e), cmdline });
  }
  return found;
}

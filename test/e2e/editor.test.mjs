// End to end, as a writer would use it: the packaged factcheck.vsix installed into a real VS Code
// (code-server 4.139 = VS Code 1.139, real Node extension host), driven in Chromium through
// playwright-core by keyboard and mouse. Each step saves a screenshot in test-results/e2e-*.png
// and asserts what is shown: squiggles per line and their severity, the Problems rows, the hover
// card, the Search Claims picker, the text that lands in the editor, the quick fix's effect.
//
// Run: npm run test:e2e  (packages the VSIX when stale, then this file). Needs the tools of
// `bash .ci/install-editors.sh`; fails (never skips) without them.
// Env: FACTCHECK_VSIX=FILE (install FILE instead of factcheck.vsix), FACTCHECK_KEEP_TMP=1,
//      FACTCHECK_E2E_LATENCY_MS (bound on the new-sentence underline latency, default 3000),
//      FACTCHECK_UPDATE_SCREENSHOT=1 (copy the hover screenshot to docs/screenshot.png).
import assert from "node:assert/strict";
import { copyFile, cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startCodeServer } from "../harness/code-server.mjs";
import { hoverText, openFile, openWorkbench, problems, runCommand, screenshot, textBox } from "../harness/browser.mjs";
import { repoRoot, resultsDir, waitFor } from "../harness/util.mjs";
import { newestInput, vsixPath } from "./ensure-vsix.mjs";
import {
  codeActionTitles,
  editorLines,
  hoverFit,
  hoverParts,
  lineEndCoverage,
  paletteCommand,
  pickCodeAction,
  pickRow,
  processesInGroup,
  squiggleMap,
  statusBarItem,
  waitForEditor,
  waitForLightBulb,
  waitForQuickInput,
} from "./workbench.mjs";

const FIXTURE = path.join(repoRoot, "test/fixtures/e2e-workspace");
const LATENCY_BOUND_MS = Number(process.env.FACTCHECK_E2E_LATENCY_MS) || 3_000;

// test/fixtures/e2e-workspace/draft.md, line by line, and what the bundled claims make of it.
const LINES = {
  supported: 3, // Trump ruled out deploying American troops to Ukraine.
  contradicted: 5, // Trump said American troops would be deployed to Ukraine.
  misattributed: 7, // Karoline Leavitt ruled out the deployment of American troops to Ukraine.
  overstated: 9, // Germany, France and the United Kingdom will commit ground forces.
  unrelated: 11, // The press conference was delayed by an hour.
};
// Calm by default: supported is a hint (faint dots), overstated information, the rest warnings.
const INITIAL_SQUIGGLES = { 3: "hint", 5: "warning", 7: "warning", 9: "info" };
const TROOPS_QUOTE = "firmly ruling out the deployment of American troops to Ukraine";
const TROOPS_CLAIM = "Trump ruled out deploying American troops to Ukraine.";
const AIR_CLAIM = "The United States possesses unmatched aerial capabilities.";
// The article paraphrases Trump: Insert Quote with Attribution writes reported speech, no quotation marks.
const AIR_QUOTE_LINE =
  "Donald Trump noted that the United States possesses unmatched aerial capabilities (source: European-Led Security Guarantees, U.S. Contribution Through Air Support).";
const NEW_SUPPORTED = "Trump said the coming weeks will be critical in determining Moscow's willingness to engage in peace.";
const NEW_CONTRADICTED = "Trump said NATO expansion to include Kyiv would be acceptable.";

const timings = {};
const ms = (t0) => Date.now() - t0;

describe("Fact Check in VS Code (code-server + Chromium, packaged VSIX)", { timeout: 600_000 }, () => {
  let tmp;
  let cs;
  let wb;
  let page;
  const tStart = Date.now();

  /** Runs a step; on failure saves test-results/e2e-FAILED-<name>.png and the server output's tail. */
  const step = (name, fn) => async () => {
    const t0 = Date.now();
    try {
      if (page) await settle(page); // from a quiet workbench, whatever the step before left open
      await fn();
    } catch (e) {
      if (page) await screenshot(page, `e2e-FAILED-${name}`).catch(() => {});
      if (cs) e.message += `\n--- code-server output (tail) ---\n${cs.logs().split("\n").slice(-40).join("\n")}`;
      throw e;
    } finally {
      timings[name] = ms(t0);
    }
  };

  before(
    async () => {
      const vsix = vsixPath();
      assert.ok(existsSync(vsix), `${vsix} is missing: run \`npm run test:e2e\` (it packages it) or \`npm run package\``);
      if (!process.env.FACTCHECK_VSIX) {
        const newest = newestInput();
        assert.ok(
          statSync(vsix).mtimeMs > newest.mtimeMs,
          `${path.basename(vsix)} is older than ${newest.file}: run \`node test/e2e/ensure-vsix.mjs\` (npm run test:e2e does)`,
        );
      }
      // Failure screenshots of an earlier run would read as this run's.
      for (const f of existsSync(resultsDir) ? readdirSync(resultsDir) : []) {
        if (f.startsWith("e2e-FAILED-")) await rm(path.join(resultsDir, f), { force: true });
      }
      tmp = await mkdtemp(path.join(os.tmpdir(), "factcheck-e2e-"));
      const workspace = path.join(tmp, "workspace");
      await cp(FIXTURE, workspace, { recursive: true });
      let t0 = Date.now();
      cs = await startCodeServer({ workspace, vsix, timeoutMs: 120_000 });
      timings.codeServer = ms(t0);
      t0 = Date.now();
      wb = await openWorkbench({ url: cs.url, folder: workspace, viewport: { width: 1280, height: 800 }, timeoutMs: 180_000 });
      page = wb.page;
      timings.workbench = ms(t0);
    },
    { timeout: 320_000 },
  );

  after(async () => {
    await wb?.close();
    await cs?.stop();
    if (tmp && process.env.FACTCHECK_KEEP_TMP !== "1") await rm(tmp, { recursive: true, force: true });
    timings.total = ms(tStart);
    console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  });

  it(
    "a. opening draft.md underlines each finding with its severity and lists it in Problems",
    { timeout: 180_000 },
    step("a-open", async () => {
      const t0 = Date.now();
      await openFile(page, "draft.md");
      const lines = await waitForEditor(page, (ls) => JSON.stringify(squiggleMap(ls)) === JSON.stringify(INITIAL_SQUIGGLES), {
        what: `squiggles ${JSON.stringify(INITIAL_SQUIGGLES)} (line: severity)`,
        timeoutMs: 120_000,
      });
      timings.firstSquiggles = ms(t0);
      assert.equal(lines.find((l) => l.line === LINES.contradicted).text, "Trump said American troops would be deployed to Ukraine.");
      assert.deepEqual(lines.find((l) => l.line === LINES.unrelated).squiggles, [], "the unrelated sentence is not underlined");

      // The status bar item counts the findings of the active file by verdict.
      // Compact: findings to look at (⚠) and supported ones (✓).
      await waitForStatus(page, (s) => s === "Fact Check: 3 ⚠ 1 ✓");

      // Problems: one row per problem, leading with it: "<Verdict> — <what differs>; <who said what>", at its line.
      // (The supported sentence is a hint: VS Code lists no hints in Problems.)
      const rows = await waitFor(
        async () => {
          const all = await problems(page);
          const findings = all.filter((r) => /^(Supported|Contradicted|Misattributed|Overstated) — /.test(r));
          return findings.length === 3 && findings;
        },
        { timeoutMs: 60_000, what: "3 Fact Check rows in the Problems view" },
      );
      const row = (verdict) => rows.find((r) => r.startsWith(`${verdict[0].toUpperCase()}${verdict.slice(1)} — `)) ?? "";
      assert.equal(row("supported"), "", "no row for the supported sentence");
      assert.match(
        row("contradicted"),
        new RegExp(`^Contradicted — the draft says "deployed", not "ruled out … deploying"; ${escapeRe(TROOPS_CLAIM)}`),
      );
      assert.match(
        row("misattributed"),
        new RegExp(
          `^Misattributed — the draft names "Karoline Leavitt"; the record attributes this to Donald Trump .*; ${escapeRe(TROOPS_CLAIM)}`,
        ),
      );
      for (const verdict of ["contradicted", "misattributed"]) {
        assert.match(row(verdict), /esg-s4-no-us-troops/);
        assert.match(row(verdict), new RegExp(`\\[Ln ${LINES[verdict]}, Col 1\\]`));
      }
      assert.match(
        row("overstated"),
        /^Overstated — the draft says "will", not "could"; According to the article's reporting, France, Germany and the United Kingdom could commit resources/,
      );
      assert.match(row("overstated"), new RegExp(`\\[Ln ${LINES.overstated}, Col 1\\]`));
      await screenshot(page, "e2e-a-squiggles-and-problems");
    }),
  );

  it(
    "b. hovering the contradicted sentence shows the speaker, role and the source's words, labelled as its report",
    { timeout: 120_000 },
    step("b-hover", async () => {
      await hoverText(page, "would be deployed", { contains: TROOPS_QUOTE });
      const parts = await waitFor(
        async () => {
          const p = await hoverParts(page);
          return p?.card.includes("Open the source at these words") && p;
        },
        { what: "the Fact Check hover card" },
      );
      // Verdict and explanation once, the recorded words once (labelled as the article's report), speaker, role, section, link.
      assert.match(parts.card, /^Contradicted — the draft says "deployed", not "ruled out … deploying"/);
      assert.match(parts.card, new RegExp(`Reported by European-Led Security Guarantees: ${escapeRe(TROOPS_QUOTE)}`));
      assert.match(
        parts.card,
        /Donald Trump, President of the United States \(ruled out\) · U\.S\. Contribution Through Air Support · Open the source at these words/,
      );
      assert.equal(parts.card.split(TROOPS_QUOTE).length, 2, "the source's words appear once in the card");
      assert.equal(parts.card.split("Contradicted").length, 2, "the verdict appears once in the card");
      assert.deepEqual(parts.quotes, [], "no block quote for a paraphrase");
      assert.doesNotMatch(parts.card, /Quoted words/);
      assert.equal(parts.markers.length, 1, "the hover shows the one diagnostic of this sentence");
      assert.match(parts.markers[0], /^Contradicted — the draft says "deployed"/);
      // The whole card fits at 1280×800: its link and VS Code's Quick Fix action show without scrolling.
      // VS Code asks for the marker's code actions only once the hover shows, and fills in its
      // "Quick Fix..." action when they arrive: wait for it rather than read the first frame.
      const fit = await waitFor(
        async () => {
          const f = await hoverFit(page);
          return f?.actions.some((x) => /^Quick Fix/.test(x.text)) && f;
        },
        { what: "the hover's Quick Fix action" },
      );
      assert.deepEqual(fit.viewport, { width: 1280, height: 800 });
      assert.equal(fit.scrollTop, 0);
      assert.equal(fit.overflows, false, `the hover's contents overflow: ${JSON.stringify(fit)}`);
      const link = fit.links.find((l) => l.text === "Open the source at these words");
      const quickFix = fit.actions.find((x) => /^Quick Fix/.test(x.text));
      assert.ok(link && quickFix, `the link and the Quick Fix action in the hover: ${JSON.stringify(fit)}`);
      for (const el of [link, quickFix]) {
        assert.ok(el.visible, `"${el.text}" shows without scrolling: ${JSON.stringify(fit)}`);
        assert.ok(el.top >= 0 && el.bottom <= fit.viewport.height, `"${el.text}" on screen`);
      }
      console.log(`hover card: ${fit.hover.bottom - fit.hover.top} px high at 1280×800`);
      const shot = await screenshot(page, "e2e-b-hover");
      if (process.env.FACTCHECK_UPDATE_SCREENSHOT === "1") {
        await mkdir(path.join(repoRoot, "docs"), { recursive: true });
        await copyFile(shot, path.join(repoRoot, "docs/screenshot.png"));
      }
      await page.mouse.move(1, 1);
      await page.locator(".monaco-hover:not(.hidden)").first().waitFor({ state: "hidden" });
    }),
  );

  it(
    "c. Search Claims finds a claim from a misspelled query and inserts the quote with attribution",
    { timeout: 120_000 },
    step("c-search", async () => {
      await page.keyboard.press("Control+J"); // close the panel: the whole draft in view from here on
      await page.locator(".part.panel").waitFor({ state: "hidden" });
      await moveToNewParagraph(page);
      const before = await editorLines(page);

      await paletteCommand(page, "Fact Check: Search Claims");
      await waitForQuickInput(page, (qi) => qi.title === "Fact Check: Search Claims" && qi.rows.length > 0, {
        what: "the Search Claims picker",
      });
      await page.keyboard.type("aerial capabilites");
      // The list follows the typing (a search per pause, stale answers dropped): wait for the one
      // that answers the whole query: the aerial claims only, the one we want first.
      const results = await waitForQuickInput(
        page,
        (qi) =>
          qi.value === "aerial capabilites" &&
          !qi.busy &&
          qi.rows[0]?.label === AIR_CLAIM &&
          qi.rows.every((r) => /aerial/i.test(r.label + r.detail)),
        {
          what: `"${AIR_CLAIM}" first among only aerial claims for "aerial capabilites"`,
        },
      );
      assert.equal(results.rows[0].description, "Donald Trump, President of the United States");
      assert.match(results.rows[0].detail, /— reported: the United States possesses unmatched aerial capabilities$/);
      assert.equal(results.count, `${results.rows.length} Results`);
      await screenshot(page, "e2e-c1-search-results");

      await pickRow(page, AIR_CLAIM);
      const actions = await waitForQuickInput(page, (qi) => qi.title === AIR_CLAIM && qi.rows.length > 0, {
        what: "the actions for the chosen claim",
      });
      assert.deepEqual(
        actions.rows.map((r) => r.label),
        ["Insert Quote with Attribution", "Insert Citation", "Open Source", "Copy the Source's Words"],
      );
      assert.equal(actions.rows[0].description, "as reported speech");
      assert.equal(
        actions.rows[0].detail,
        `Reported speech, no quotation marks (the source paraphrases Donald Trump): ${AIR_QUOTE_LINE}`,
        "the action previews the text it inserts, and says it is reported speech",
      );
      await screenshot(page, "e2e-c2-claim-actions");

      await pickRow(page, "Insert Quote with Attribution");
      // The quote lands at the cursor, and it is checked like any sentence: it restates the claim.
      const lines = await waitForEditor(page, (ls) => ls.some((l) => l.text === AIR_QUOTE_LINE && l.squiggles.join() === "hint"), {
        what: "the inserted quote in the editor, marked as a hint (supported)",
      });
      const at = lines.find((l) => l.text === AIR_QUOTE_LINE).line;
      assert.equal(at, before.at(-1).line, "inserted on the new line where the cursor was");
      assert.equal(lines.length, before.length, "one line filled, none added");
      await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
      await waitForStatus(page, (s) => s === "Fact Check: 3 ⚠ 2 ✓");
      await screenshot(page, "e2e-c3-quote-inserted");
    }),
  );

  it(
    'd. the "attribute to" quick fix from the light bulb replaces only the speaker, and the warning goes at once',
    { timeout: 120_000 },
    step("d-quickfix", async () => {
      const line7 = (await editorLines(page)).find((l) => l.line === LINES.misattributed);
      assert.equal(line7.text, "Karoline Leavitt ruled out the deployment of American troops to Ukraine.");
      assert.deepEqual(line7.squiggles, ["warning"], "misattributed: a warning before the fix");
      const box = await textBox(page, "Karoline Leavitt");
      assert.ok(box, '"Karoline Leavitt" is in view');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.move(1, 1);
      // The light bulb appears once VS Code has the code actions at the cursor; clicking it shows
      // them without asking the server again. (Ctrl+. asks again, and in VS Code 1.139 its menu
      // often never opens when that answer takes a second or more, as it can on a loaded machine:
      // reproduced by pausing the server with SIGSTOP for 1.5 s. The light bulb always opens it.)
      const bulb = await waitForLightBulb(page, LINES.misattributed);
      await page.mouse.click(bulb.x + bulb.width / 2, bulb.y + bulb.height / 2);
      const titles = await codeActionTitles(page);
      assert.deepEqual(titles, [
        'Attribute to Donald Trump (replace "Karoline Leavitt")',
        "Cite Donald Trump in a footnote",
        "Ignore this sentence (<!-- factcheck-ignore -->)",
        "Ignore claim esg-s4-no-us-troops in this workspace",
      ]);
      await screenshot(page, "e2e-d1-quick-fixes");
      await pickCodeAction(page, "Attribute to Donald Trump");
      const lines = await waitForEditor(
        page,
        (ls) => {
          const l = ls.find((x) => x.line === LINES.misattributed);
          return l?.text === "Donald Trump ruled out the deployment of American troops to Ukraine." && l.squiggles.join() === "hint";
        },
        { what: `line ${LINES.misattributed} rewritten to Donald Trump, its squiggle gone (a supported hint)` },
      );
      // The other findings are untouched.
      const map = squiggleMap(lines);
      for (const line of [LINES.supported, LINES.contradicted, LINES.overstated])
        assert.equal(map[line], INITIAL_SQUIGGLES[line], `line ${line}`);
      // No misattributed finding left (the supported ones: lines 3, 7 and the quote inserted in c).
      await waitForStatus(page, (s) => s === "Fact Check: 2 ⚠ 3 ✓");
      await screenshot(page, "e2e-d2-quick-fix-applied");
    }),
  );

  it(
    "e. a newly typed sentence that contradicts a claim is underlined within a couple of seconds",
    { timeout: 120_000 },
    step("e-typing", async () => {
      await moveToNewParagraph(page);
      const line = (await editorLines(page)).at(-1).line;
      // The latency is measured in the page: from its last keydown to the first poll that sees the
      // squiggle (so a slow round trip to the browser does not shift the start).
      await page.evaluate(() => {
        window.__factcheckLastKey = 0;
        document.addEventListener(
          "keydown",
          () => {
            window.__factcheckLastKey = Date.now();
          },
          true,
        );
      });
      const tType = Date.now();
      await page.keyboard.type(NEW_CONTRADICTED, { delay: 10 });
      timings.typingMs = ms(tType);
      // Underlined to its last character: a squiggle left from checking a shorter prefix (while the
      // sentence was being typed) stops before the final full stop, so it does not count.
      let coverage;
      try {
        await waitFor(
          async () => {
            coverage = await lineEndCoverage(page, line);
            return coverage && coverage.kinds.join() === "warning" && coverage.squiggleRight >= coverage.textRight - 1;
          },
          { what: `the typed sentence on line ${line} underlined to its end as a warning`, intervalMs: 20, timeoutMs: 30_000 },
        );
      } catch (e) {
        e.message += ` (last: ${JSON.stringify(coverage)})`;
        throw e;
      }
      const lastKey = await page.evaluate(() => window.__factcheckLastKey);
      assert.ok(lastKey > 0, "the keystrokes reached the page");
      timings.newSentenceUnderlineMs = coverage.at - lastKey;
      console.log(`new sentence underlined ${timings.newSentenceUnderlineMs} ms after the last keystroke`);
      const typed = (await editorLines(page)).find((l) => l.line === line);
      assert.equal(typed.text, NEW_CONTRADICTED, "the sentence as typed");
      assert.deepEqual(typed.squiggles, ["warning"]);
      await screenshot(page, "e2e-e-typed-sentence");
      const card = await hoverCard(page, "include Kyiv would be acceptable");
      assert.match(card, /^Contradicted — the draft says "acceptable", not "not … acceptable"/);
      assert.ok(
        timings.newSentenceUnderlineMs <= LATENCY_BOUND_MS,
        `underlined after ${timings.newSentenceUnderlineMs} ms, more than ${LATENCY_BOUND_MS} ms`,
      );
    }),
  );

  it(
    "f. when the language server dies, the client restarts it and checking goes on",
    { timeout: 180_000 },
    step("f-restart", async () => {
      const extDir = cs.extensionsDir;
      const find = () => processesInGroup(cs.pid, [extDir, "/dist/server.cjs"]);
      const [old, ...more] = find();
      assert.ok(old, `no language server process (dist/server.cjs under ${extDir}) in code-server's process group ${cs.pid}`);
      assert.equal(more.length, 0, `one server process, found ${JSON.stringify([old, ...more])}`);
      const before = squiggleMap(await editorLines(page));

      const t0 = Date.now();
      process.kill(old.pid, "SIGKILL");
      const [fresh] = await waitFor(
        () => {
          const now = find();
          return now.length === 1 && now[0].pid !== old.pid && now;
        },
        { timeoutMs: 60_000, intervalMs: 50, what: `a new language server process after killing ${old.pid}` },
      );
      timings.serverRestartMs = ms(t0);
      assert.notEqual(fresh.pid, old.pid);

      // The new server re-checks the open draft: the same squiggles, then a new sentence is checked too.
      await waitForEditor(page, (ls) => JSON.stringify(squiggleMap(ls)) === JSON.stringify(before), {
        what: "the squiggles as before the crash",
      });
      await moveToNewParagraph(page);
      const line = (await editorLines(page)).at(-1).line;
      await page.keyboard.type(NEW_SUPPORTED, { delay: 10 });
      await waitForEditor(
        page,
        (ls) => {
          const l = ls.find((x) => x.line === line);
          return l?.text === NEW_SUPPORTED && l.squiggles.join() === "hint";
        },
        { what: `the sentence typed after the restart (line ${line}) marked as a supported hint`, timeoutMs: 60_000 },
      );
      timings.checkedAfterRestartMs = ms(t0);
      const card = await hoverCard(page, "coming weeks will be critical");
      assert.match(card, /^Supported — restates the record/);
      assert.match(card, /Reported by European-Led Security Guarantees: /);
      assert.equal(processesInGroup(cs.pid, [extDir, "/dist/server.cjs"])[0]?.pid, fresh.pid, "still the restarted server");

      // The library's restart is quiet (logged, no pop-up); Fact Check's own "could not start" error must not show.
      const toasts = await page.locator(".notifications-toasts .notification-list-item-message").allInnerTexts();
      assert.ok(!toasts.some((t) => /Fact Check/.test(t)), `no Fact Check error notification: ${JSON.stringify(toasts)}`);
      await waitForStatus(page, (s) => s === "Fact Check: 3 ⚠ 4 ✓");
      await screenshot(page, "e2e-f1-after-restart");

      // What a person finds when they look: the Fact Check output says the server was restarted.
      await runCommand(page, "Fact Check: Show Output");
      const log = await waitFor(
        async () => {
          const text = await panelEditorText(page);
          return text.includes("Server will restart") && text;
        },
        { what: "the restart in the Fact Check output", timeoutMs: 30_000 },
      );
      assert.match(log, /Connection to server got closed\. Server will restart\./);
      // The log has levels, and a line per database loaded (the start-up summary is above, out of view).
      assert.match(log, /\[error\] Server process exited with signal SIGKILL/);
      assert.match(log, /\[info\] \d+ claims loaded from the bundled database/);
      await screenshot(page, "e2e-f2-output");
    }),
  );

  it(
    "g. the Claims view lists databases, speakers and claims with their findings; a click opens the source",
    { timeout: 120_000 },
    step("g-claims-view", async () => {
      await page.keyboard.press("Control+J"); // the panel away: room for the view
      const pane = page.locator(".pane", { has: page.locator(".pane-header", { hasText: "Fact Check Claims" }) });
      const header = pane.locator(".pane-header");
      if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
      const rows = pane.locator(".monaco-list-row");
      const rowTexts = async () => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
      let seen = [];
      /** The first row whose text `test` accepts, waiting for it; the rows seen last go into the error. */
      const rowWhere = (test, what) =>
        waitFor(
          async () => {
            seen = await rowTexts();
            return seen.find(test);
          },
          { what, timeoutMs: 30_000 },
        ).catch((e) => {
          e.message += ` (rows: ${JSON.stringify(seen)})`;
          throw e;
        });
      const db = await rowWhere((t) => t.includes("European-Led Security Guarantees") && /finding/.test(t), "the bundled database's row");
      assert.match(db, /\d+ claims · \d+ findings?/, db);
      await rows.filter({ hasText: "Donald Trump" }).first().click();
      const claim = await rowWhere((t) => t.includes(TROOPS_CLAIM), `the claim "${TROOPS_CLAIM}" under Donald Trump`);
      // Lines 3 and 7 (fixed) restate it, line 5 contradicts it: three findings in the open draft.
      assert.match(claim, /3 findings/, claim);
      await screenshot(page, "e2e-g1-claims-view");
      // The article opens with the quote selected (the status bar shows the selection's length).
      const tab = page.locator(".part.editor .tab", { hasText: "european-led-security-guarantees.txt" });
      // The claim's row may sit half below the view's edge, where a click can miss it: bring it into
      // view and click again until the article opens (opening it twice shows the same tab).
      await waitFor(
        async () => {
          const row = rows.filter({ hasText: TROOPS_CLAIM }).first();
          await row.scrollIntoViewIfNeeded();
          await row.click();
          return tab
            .first()
            .waitFor({ state: "visible", timeout: 5_000 })
            .then(() => true)
            .catch(() => false);
        },
        { what: "the article opened from the claim's row", timeoutMs: 45_000, intervalMs: 200 },
      );
      await waitFor(async () => (await tab.first().getAttribute("aria-selected")) === "true", { what: "the article's tab selected" });
      await waitFor(async () => (await page.locator(".statusbar").innerText()).includes("(62 selected)"), {
        what: 'the quote selected ("firmly ruling out the deployment of American troops to Ukraine", 62 characters)',
      });
      await screenshot(page, "e2e-g2-claim-source");
    }),
  );

  it(
    "h. the Settings editor titles every Fact Check setting in plain words, under Fact Check",
    { timeout: 120_000 },
    step("h-settings", async () => {
      await runCommand(page, "Preferences: Open Settings (UI)");
      await page.locator(".settings-editor .settings-header .suggest-input-container").first().click();
      await page.keyboard.type("@ext:factcheck.factcheck");
      const visibleKeys = async () => (await visibleSettings(page)).map((r) => r.key);
      await waitFor(async () => (await visibleKeys()).includes("factCheck.enable"), {
        what: "the Settings editor's rows for Fact Check",
        timeoutMs: 30_000,
      });
      await screenshot(page, "e2e-h-settings");
      const rows = await settingsRows(page);
      const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
      const current = Object.keys(manifest.contributes.configuration.properties).filter((k) => k.startsWith("factCheck."));
      // Every current setting, and none of the old keys (deprecated and unset: VS Code hides them).
      assert.deepEqual(rows.map((r) => r.key).sort(), current.sort(), JSON.stringify(rows));
      const title = (key) => {
        const r = rows.find((x) => x.key === key);
        return r && `${r.category}${r.label}`;
      };
      assert.equal(title("factCheck.minimumScore"), "Fact Check: Minimum Score");
      assert.equal(title("factCheck.checkDelay"), "Fact Check: Check Delay");
      assert.equal(title("factCheck.maximumFileSize"), "Fact Check: Maximum File Size");
      assert.equal(title("factCheck.maximumDraftSize"), "Fact Check: Maximum Draft Size");
      assert.equal(title("factCheck.misattributedMark"), "Fact Check: Misattributed Mark");
      assert.equal(title("factCheck.severity.misattributed"), "Fact Check › Severity: Misattributed");
      for (const r of rows) {
        assert.match(r.category, /^Fact Check(: | › )/, `${r.key} reads "${r.category}${r.label}"`);
        assert.doesNotMatch(`${r.category}${r.label}`, /Factcheck|\b(Ms|Min|Max|MB)\b/, `${r.key} reads "${r.category}${r.label}"`);
      }
      // Close it (VS Code 1.139 shows the Settings editor as a modal: Escape closes it).
      await page.keyboard.press("Escape");
      await page.locator(".settings-editor").first().waitFor({ state: "hidden" });
    }),
  );

  it(
    "i. the extension's page: no placeholder links in the package, and no broken image",
    { timeout: 120_000 },
    step("i-extension-page", async () => {
      // What VS Code installed from the VSIX: the manifest names no repository, bug tracker or home
      // page (there is no public one: a placeholder would be a dead link), nothing links to the old
      // example.invalid placeholder, and the README's images are http(s) ones (VS Code's extension
      // page drops relative and data: images; scripts/package.mjs leaves them out without a base URL).
      const dir = readdirSync(cs.extensionsDir).find((d) => d.startsWith("factcheck.factcheck-"));
      assert.ok(dir, `the extension is installed in ${cs.extensionsDir}`);
      const installed = path.join(cs.extensionsDir, dir);
      const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
      for (const field of ["repository", "bugs", "homepage"]) assert.equal(manifest[field], undefined, `package.json "${field}"`);
      const readmeName = readdirSync(installed).find((f) => /^readme\.md$/i.test(f));
      assert.ok(readmeName, "the package has a README");
      const readme = readFileSync(path.join(installed, readmeName), "utf8");
      assert.match(readme, /^# Fact Check\n/, "the marketplace README, not the repository's");
      for (const f of [readmeName, "package.json", "changelog.md"].filter((f) => existsSync(path.join(installed, f))))
        assert.doesNotMatch(readFileSync(path.join(installed, f), "utf8"), /example\.invalid/, f);
      for (const [, target] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g))
        assert.match(target, /^https:\/\//, `an image VS Code would not show: ${target}`);
      for (const [, target] of readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g))
        assert.match(target, /^(https?:|mailto:|#)/, `a relative link VS Code would drop: ${target}`);

      // And as a user sees it: the extension's page in the Extensions view, every image on it loaded.
      await runCommand(page, "Extensions: Show Installed Extensions");
      const row = page.locator(".extensions-viewlet .monaco-list-row", { hasText: "Fact Check" }).first();
      await row.waitFor({ state: "visible", timeout: 30_000 });
      await row.click();
      const images = await waitFor(
        async () => {
          for (const frame of page.frames()) {
            const found = await frame
              .evaluate(() =>
                [...document.querySelectorAll("h2")].some((h) => h.textContent === "What you see")
                  ? [...document.querySelectorAll("img")].map((img) => ({
                      src: img.getAttribute("src"),
                      loaded: img.complete && img.naturalWidth > 0,
                    }))
                  : undefined,
              )
              .catch(() => undefined);
            if (found) return found;
          }
          return false;
        },
        { what: "the README on the extension's page", timeoutMs: 60_000 },
      );
      await screenshot(page, "e2e-i-extension-page");
      assert.deepEqual(
        images.filter((img) => !img.loaded),
        [],
        "a broken image on the extension's page",
      );
    }),
  );
});

/** The Settings editor's rows in view: key, category as shown (with its ": "), label. */
function visibleSettings(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".settings-editor .settings-tree-container [data-key]")].map((el) => ({
      key: el.getAttribute("data-key"),
      category: el.querySelector(".setting-item-category")?.textContent ?? "",
      label: el.querySelector(".setting-item-label")?.textContent ?? "",
    })),
  );
}

/** Every row of the Settings editor's list, collected while scrolling it to the end (it renders only the rows in view). */
async function settingsRows(page) {
  const seen = new Map();
  const tree = await page.locator(".settings-editor .settings-tree-container").boundingBox();
  await page.mouse.move(tree.x + tree.width / 2, tree.y + tree.height / 2);
  for (let unchanged = 0; unchanged < 3;) {
    const before = seen.size;
    for (const r of await visibleSettings(page)) if (r.key) seen.set(r.key, r);
    unchanged = seen.size === before ? unchanged + 1 : 0;
    await page.mouse.wheel(0, tree.height / 2);
    // The list renders the rows scrolled in on the next animation frame: wait for two.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  return [...seen.values()];
}

/** Closes what a step may have left open (quick input, hover, menus): Escape, mouse away. */
async function settle(page) {
  await page.mouse.move(1, 1);
  // (VS Code 1.139 shows the Settings editor as a modal: Escape closes it too.)
  for (const sel of [".quick-input-widget", ".action-widget", ".monaco-hover:not(.hidden)", ".settings-editor"]) {
    if (await page.locator(sel).first().isVisible()) {
      await page.keyboard.press("Escape");
      await page.locator(sel).first().waitFor({ state: "hidden" });
    }
  }
}

/** Ctrl+End in the editor, then a blank line and a new one: the cursor on an empty last line. */
async function moveToNewParagraph(page) {
  const lines = await editorLines(page);
  const last = lines.at(-1);
  const box = await textBox(
    page,
    lines
      .filter((l) => l.text.trim())
      .at(-1)
      .text.slice(0, 10),
  );
  await page.mouse.click(box.x + 2, box.y + box.height / 2); // focus the editor
  await page.mouse.move(1, 1); // no hover left over the text
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  if (last.text.trim()) await page.keyboard.press("Enter");
  await waitForEditor(page, (ls) => ls.at(-1).text === "" && ls.at(-1).line === last.line + (last.text.trim() ? 2 : 1), {
    what: "an empty line at the end of the draft",
  });
}

/** Polls the Fact Check status bar item until `check(text)`; the error shows the last text. */
async function waitForStatus(page, check) {
  let last = "";
  try {
    return await waitFor(
      async () => {
        last = await statusBarItem(page, /Fact Check/);
        return check(last) && last;
      },
      { what: "the Fact Check status bar item", timeoutMs: 30_000 },
    );
  } catch (e) {
    e.message += ` (last: "${last}")`;
    throw e;
  }
}

/** The text of the editor shown in the panel (e.g. the Output view), rows joined by newlines. */
async function panelEditorText(page) {
  return page.evaluate(() => {
    const ed = document.querySelector(".part.panel .monaco-editor .view-lines");
    if (!ed) return "";
    return [...ed.querySelectorAll(".view-line")]
      .map((l) => ({ top: l.getBoundingClientRect().top, text: l.textContent.replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join("\n");
  });
}

/** Hovers `text` and returns the Fact Check card's text. */
async function hoverCard(page, text) {
  await hoverText(page, text, { contains: "Open the source" });
  const parts = await hoverParts(page);
  await page.mouse.move(1, 1);
  await page.locator(".monaco-hover:not(.hidden)").first().waitFor({ state: "hidden" });
  return parts.card;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Drives Debian's chromium (through playwright-core) over a report.html written by claimgraph.
// Run by tests/report_browser.rs:
//   node report.mjs seeds REPORT.html SCREENSHOT.png   Taleblu's claim is listed; clicking it highlights it
//   node report.mjs escape REPORT.html                 a document's <script> renders as text, never runs
//   node report.mjs scale REPORT.html N                the page holds N claims, pages its list, and a filter
//                                                      re-renders one page once (work counted, not timed)
// Exits non-zero with a message on the first failed check.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [mode, report, extra] = process.argv.slice(2);
const fail = (msg) => { throw new Error(msg); };

// The flags this machine needs: no sandbox as root, and no background network traffic.
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "cg-chromium-")), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", (d) => { problems.push("a dialog opened: " + d.message()); d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push("network request: " + r.url()); });
  const started = Date.now();
  await page.goto(pathToFileURL(report).href);
  const loadMs = Date.now() - started;

  if (mode === "seeds") {
    const quote = "It’s likely that anything Tehran could use to dampen or slow maximum pressure can and will be used, from diplomacy to denial and deception";
    const item = page.locator("#claim-list li", { hasText: quote });
    if ((await item.count()) !== 1) fail(`Taleblu's quote is not listed once (found ${await item.count()})`);
    const who = await item.locator(".who").textContent();
    if (who !== "Behnam Ben Taleblu") fail(`the quote is attributed to ${JSON.stringify(who)}`);
    await item.click();
    const content = await page.locator("#doc-text mark.content").allTextContents();
    if (content.join("") !== quote) fail(`highlighted content is ${JSON.stringify(content.join(""))}`);
    const speaker = await page.locator("#doc-text mark.speaker").allTextContents();
    if (speaker.join("") !== "he") fail(`highlighted speaker is ${JSON.stringify(speaker)}`);
    const cue = await page.locator("#doc-text mark.cue").allTextContents();
    if (cue.join("") !== "said") fail(`highlighted cue is ${JSON.stringify(cue)}`);
    const detail = await page.locator("#claim-detail dl").textContent();
    if (!detail.includes("rulequote_then_cue") || !detail.includes("confidence0.95")) fail(`rule and confidence not shown: ${detail}`);
    // Filters: by kind, then by speaker.
    await page.selectOption("#f-kind", "declined");
    await page.waitForFunction(() => document.querySelectorAll("#claim-list li").length === 1);
    await page.selectOption("#f-kind", "");
    await page.fill("#f-speaker", "Trita Parsi");
    await page.waitForFunction(() => [...document.querySelectorAll("#claim-list .who")].every((w) => w.textContent === "Trita Parsi"));
    await page.click("#f-clear");
    await item.click();
    await page.screenshot({ path: extra, fullPage: false });
    // Entity view: who claims about whom.
    await page.click("nav button[data-tab=entities]");
    await page.fill("#e-search", "taleblu");
    await page.locator("#entity-rows tr", { hasText: "Behnam Ben Taleblu" }).click();
    const entity = await page.locator("#entity-detail").textContent();
    if (!entity.includes("Affiliated with (1)") || !entity.includes("Foundation for Defense of Democracies")) fail(`entity view: ${entity}`);
    if (!/Claims about \([1-9]/.test(entity)) fail(`entity view has no claims_about edges: ${entity}`);
  } else if (mode === "escape") {
    const item = page.locator("#claim-list li").first();
    await item.click();
    const text = await page.locator("#doc-text").textContent();
    if (!text.includes("<script>alert(1)</script>")) fail(`the markup is not shown as text: ${text}`);
    if ((await page.locator("#doc-text script, #claim-list script").count()) !== 0) fail("a script element was created from document text");
    if ((await page.locator("body > script").count()) !== 5) fail("the page has an unexpected script element");
  } else if (mode === "scale") {
    const want = `${extra} of ${extra} claims`;
    if ((await page.locator("#claim-count").textContent()) !== want) fail(`expected "${want}"`);
    if ((await page.locator("#claim-list li").count()) > 100) fail("the claim list is not paged");
    // Typing into a filter re-filters every claim (one pass over them) and re-renders one page of
    // the list, once (debounced). What keeps the page responsive is checked by counting the work,
    // not by the clock, so a busy machine cannot fail the test: the list items created and the
    // times the list changed while the filter answered. The times are printed for a reader.
    await page.evaluate(() => {
      window.cgWork = { items: 0, changes: 0 };
      new MutationObserver((records) => {
        window.cgWork.changes++;
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === "LI") window.cgWork.items++;
      }).observe(document.getElementById("claim-list"), { childList: true });
    });
    // "number 9" matches the 1,110 claims of documents 9, 90–99 and 900–999: more than a page.
    const t = Date.now();
    await page.fill("#f-text", "number 9");
    await page.waitForFunction((n) => document.getElementById("claim-count").textContent === `1110 of ${n} claims`, extra);
    const filterMs = Date.now() - t;
    const work = await page.evaluate(() => window.cgWork);
    if (work.items > 100) fail(`filtering created ${work.items} list items, more than a page`);
    if (work.changes > 1) fail(`filtering re-rendered the list ${work.changes} times for one edit`);
    await page.fill("#f-text", "number 999-9 ");
    await page.waitForFunction((n) => document.getElementById("claim-count").textContent === `1 of ${n} claims`, extra);
    await page.locator("#claim-list li").first().click();
    if (!(await page.locator("#doc-text mark.content").first().textContent()).includes("999-9")) fail("wrong claim shown");
    console.log(`load ${loadMs} ms, filter ${filterMs} ms (including a 120 ms debounce), ${work.items} items in ${work.changes} render`);
  } else {
    fail(`unknown mode ${mode}`);
  }
  if (problems.length) fail(problems.join("\n"));
  console.log(`ok: ${mode}`);
} finally {
  await context.close();
}

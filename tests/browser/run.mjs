// Drives the built handbook in headless Chromium (tests/browser.rs starts the
// server and writes the cases). Usage: node run.mjs BASE_URL CASES.json
// Prints one JSON line of results on stdout; the Rust test judges them.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants as zlib } from "node:zlib";

const require = createRequire(new URL("../tools/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [base, casesFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));
const origin = new URL(base).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const results = { requests: [], outside: [], dialogs: [], errors: [] };
try {
  const context = await browser.newContext();
  // Every request the pages make; anything not on the test server is blocked
  // and recorded, so the test fails if a page tries to reach out.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    results.requests.push(url);
    if (url.startsWith(origin + "/") || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    results.outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("dialog", (d) => { results.dialogs.push(d.message()); d.dismiss(); });
  page.on("pageerror", (e) => results.errors.push(String(e)));
  await page.exposeFunction("__ttInjected", (what) => results.dialogs.push("injected:" + what));

  // --- Measures: fresh contexts (no cache), the module and the first check --
  results.timings = [];
  for (let i = 0; i < cases.measureRuns; i++) {
    const fresh = await browser.newContext();
    await fresh.route("**/*", (route) => {
      const url = route.request().url();
      results.requests.push(url);
      if (url.startsWith(origin + "/")) return route.continue();
      results.outside.push(url);
      return route.abort();
    });
    const p = await fresh.newPage();
    p.on("pageerror", (e) => results.errors.push(String(e)));
    await p.goto(base + "fr/verifier.html");
    await p.waitForSelector("#tt-checker[data-ready=true]", { timeout: 30000 });
    const moduleMs = Number(await p.getAttribute("#tt-checker", "data-module-ms"));
    const firstResultMs = Number(await p.getAttribute("#tt-checker", "data-first-result-ms"));
    // One keystroke on a warm module.
    await p.fill("#tt-text", cases.checks[0].text);
    const keystrokeMs = Number(await p.getAttribute("#tt-checker", "data-last-check-ms"));
    results.timings.push({ moduleMs, firstResultMs, keystrokeMs });
    await fresh.close();
  }
  const wasm = Buffer.from(await (await fetch(base + "fr/js/twitterritorial.wasm")).arrayBuffer());
  results.size = {
    raw: wasm.length,
    gzip: gzipSync(wasm, { level: 9 }).length,
    gzipDefault: gzipSync(wasm).length,
    brotli: brotliCompressSync(wasm, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };

  // --- Check a draft -------------------------------------------------------
  let lang = null;
  async function open(edition) {
    if (edition === lang) return;
    await page.goto(base + edition + "/verifier.html");
    await page.waitForSelector("#tt-checker[data-ready=true]", { timeout: 30000 });
    lang = edition;
  }

  async function check(input) {
    await page.selectOption("#tt-platform", input.platform || "x");
    await page.fill("#tt-hashtag", input.hashtag || "");
    await page.fill("#tt-website", input.website || "");
    await page.fill("#tt-date", input.date);
    await page.fill("#tt-text", "");
    // The end is typed key by key, so the findings appear through the
    // input events a user fires.
    const head = input.type ? Array.from(input.text).slice(0, -12).join("") : input.text;
    await page.fill("#tt-text", head);
    if (input.type) await page.type("#tt-text", input.text.slice(head.length), { delay: 0, timeout: 60000 });
    return page.$$eval("#tt-findings li", (lis) => lis.map((li) => ({
      rule: li.dataset.rule, severity: li.dataset.severity,
      message: li.querySelector(".tt-message")?.textContent,
      excerpt: li.querySelector(".tt-excerpt")?.textContent ?? "",
      link: li.querySelector("a")?.getAttribute("href"),
    })));
  }
  results.checks = [];
  for (const c of cases.checks) {
    await open(c.lang);
    const findings = await check(c);
    const marks = await page.$$eval("#tt-preview mark", (ms) => ms.map((m) => m.textContent));
    results.checks.push({ name: c.name, findings, marks });
  }

  // Typed HTML stays text: nothing runs, no element is created from it.
  await open("fr");
  const hostile = '<script>window.__ttInjected("script")</script><img src=x onerror="window.__ttInjected(\'img\')"> #A #B #C #D';
  await check({ text: hostile, date: cases.checks[0].date, type: false });
  await page.waitForTimeout(300);
  results.xss = await page.evaluate(() => ({
    imgs: document.querySelectorAll("#tt-checker img, #tt-checker script").length,
    previewText: document.querySelector("#tt-preview").textContent,
    findingsText: document.querySelector("#tt-findings").textContent,
  }));

  // --- Self-assessment -----------------------------------------------------
  await page.goto(base + "en/auto-evaluation.html");
  await page.waitForSelector("#tt-assessment[data-ready=true]", { timeout: 30000 });
  const questions = await page.$$("#tt-assessment .tt-question");
  for (const q of questions) {
    const radio = await q.$("input[type=radio]");
    if (radio) { await radio.check(); continue; }
    const box = await q.$("input[type=checkbox]");
    if (box) { await box.check(); continue; }
    const number = await q.$("input[type=number]");
    if (number) await number.fill("3");
  }
  results.assessment = await page.evaluate(() => ({
    questions: document.querySelectorAll("#tt-assessment .tt-question").length,
    answered: Number(document.querySelector("#tt-assessment").dataset.answered),
    svg: document.querySelectorAll("#tt-report svg").length,
    svgRects: document.querySelectorAll("#tt-report svg rect").length,
    heading: document.querySelector("#tt-report h2")?.textContent,
    actions: document.querySelectorAll("#tt-actions li").length,
    stored: localStorage.getItem("twitterritorial.assess.answers"),
  }));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#tt-export")]);
  const path = await download.path();
  results.assessment.yaml = readFileSync(path, "utf8");
  // Reloaded, the answers come back from localStorage.
  await page.reload();
  await page.waitForSelector("#tt-assessment[data-ready=true]");
  results.assessment.answeredAfterReload = Number(await page.getAttribute("#tt-assessment", "data-answered"));
} catch (e) {
  results.errors.push(String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));

// `pivot serve` in a real browser: Debian's headless Chromium, driven by
// playwright-core, opens the address the server prints, checks the inputs
// table and the chart rendered, edits a position, runs again and compares the
// two runs. The page must make no request outside the server and log no
// console error. Screenshots go to out/screenshots/serve-*.png.
//
//   node tests/browser/serve.spec.mjs PIVOT_BINARY
// Exit 0 pass, 1 fail, 77 skipped (playwright-core or chromium missing).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import assert from "node:assert/strict";

const pivot = process.argv[2] || process.env.PIVOT_BINARY || "build/release/pivot";
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = process.env.PIVOT_SCREENSHOTS || "out/screenshots";
const SKIP = 77;

let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  console.log("SKIP: playwright-core is not installed (cd tests/browser && npm ci)");
  process.exit(SKIP);
}
if (!existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath} (apt-get install chromium)`);
  process.exit(SKIP);
}

// Starts `pivot serve` and resolves with its first stdout line, the address.
function startServer() {
  const server = spawn(pivot, ["serve", "korea-2025", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.once("line", resolve);
    server.once("exit", (code) => reject(new Error(`pivot serve exited with ${code} before printing its address`)));
  });
  return { server, firstLine };
}

const { server, firstLine } = startServer();
let browser;
const problems = [];
try {
  const url = new URL(await firstLine);
  assert.equal(url.hostname, "127.0.0.1");
  assert.match(url.searchParams.get("token") || "", /^[0-9a-f]{32}$/);

  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(120_000);
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (target.origin !== url.origin && target.protocol !== "data:") problems.push(`request outside the server: ${request.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

  await page.goto(url.href);
  // The page runs the scenario as loaded on start; wait for that first run.
  await page.waitForSelector('#outcome td[data-model="ktab"]');
  mkdirSync(shots, { recursive: true });

  const cells = await page.locator("#inputs input").count();
  assert.equal(cells, 11 * (1 + 9), "inputs table: 11 actors x (capability + 9 issues)");
  const lines = await page.locator("#chart svg polyline").evaluateAll((nodes) =>
    nodes.map((n) => n.getAttribute("points").trim().split(/\s+/).length));
  assert.equal(lines.length, 11, "one chart line per actor");
  assert.ok(lines.every((points) => points > 2), "every chart line has a point per round");
  await page.screenshot({ path: `${shots}/serve-initial.png`, fullPage: true });

  const outcome = page.locator('#outcome td[data-issue="us-tariff-korea"][data-model="ktab"]');
  const before = await outcome.textContent();
  const mean = page.locator('#outcome td[data-issue="us-tariff-korea"][data-model="mean"]');
  assert.equal(await mean.textContent(), "19.61", "weighted mean by hand from actors.csv: 377400 / 19241");

  // Trump moves from a 25% to a 0% tariff on Korean goods.
  const cell = page.locator('#inputs input[data-actor="us-trump"][data-issue="us-tariff-korea"][data-field="position"]');
  await cell.fill("0");
  assert.ok(await cell.evaluate((n) => n.classList.contains("edited")), "edited cell is marked");
  await page.click("#run");
  await page.waitForFunction(() => document.getElementById("run-label").textContent.startsWith("run 2"));
  const after = await outcome.textContent();
  assert.notEqual(after, before, "the edit changes ktab's predicted US tariff");
  assert.equal(await mean.textContent(), "10.52", "weighted mean by hand: (377400 - 100*70*25) / 19241");
  await page.screenshot({ path: `${shots}/serve-edited.png`, fullPage: true });

  // Compare run 1 (as loaded) with run 2 (edited), side by side.
  assert.equal(await page.locator("#run-a").inputValue(), "1");
  assert.equal(await page.locator("#run-b").inputValue(), "2");
  const delta = await page.locator('#compare td[data-issue="us-tariff-korea"][data-model="mean"]').textContent();
  assert.equal(delta, "-9.10", "difference of the weighted means: 10.52 - 19.61");
  assert.ok((await page.locator("#compare td.changed").count()) > 0, "changed outcomes are highlighted");
  assert.match(await page.locator("#compare-inputs").textContent(), /us-tariff-korea position: 25 → 0/);
  await page.locator("#compare").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/serve-compare.png`, fullPage: true });

  // An out-of-range value is refused in the page before it reaches the server.
  await cell.fill("80");
  assert.ok(await page.locator("#run").isDisabled(), "Run is disabled while a cell is out of range");
  await cell.fill("0");

  // Another issue in the chart: still one line per actor.
  await page.selectOption("#chart-issue", { label: "usfk-flexibility" });
  await page.selectOption("#chart-model", "bdm");
  assert.equal(await page.locator("#chart svg polyline").count(), 11);

  // The run's report opens from its download link without errors or outside requests.
  const reportHref = await page.locator('#downloads a', { hasText: "report.html" }).getAttribute("href");
  const report = await browser.newPage();
  report.on("console", (m) => m.type() === "error" && problems.push(`report console error: ${m.text()}`));
  report.on("request", (r) => new URL(r.url()).origin !== url.origin && problems.push(`report request: ${r.url()}`));
  const response = await report.goto(new URL(reportHref, url).href);
  assert.equal(response.status(), 200);
  assert.match(await report.locator("h2").first().textContent(), /Predicted outcome per issue/);
  await report.screenshot({ path: `${shots}/serve-report.png`, fullPage: true });

  assert.deepEqual(problems, [], problems.join("\n"));
  console.log(`PASS serve.spec: ktab us-tariff-korea ${before} -> ${after}; screenshots in ${shots}/`);
} catch (error) {
  console.error(`FAIL serve.spec: ${error.message}`);
  if (problems.length) console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
}

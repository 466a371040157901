// `pivot serve` in a real browser: starts `pivot serve korea-2025 --port 0`,
// reads the address from its first stdout line and opens it in headless
// Chromium; checks the inputs table and the chart rendered, edits a position,
// runs again and compares the two runs. The page must make no request outside
// the server and log no console error. Screenshots: out/screenshots/serve-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './lib/browser.js';
import { useServe } from './lib/serve.js';

const session = useServe('korea-2025');

test('pivot serve: table and chart render, an edit changes the result, two runs compare', { timeout: 240_000 }, async () => {
  const { browser } = session;
  const { url } = session.server;
  assert.equal(url.hostname, '127.0.0.1');
  assert.match(url.searchParams.get('token') || '', /^[0-9a-f]{32}$/);
  const record = await openPage(browser, url.href, { width: 1400, height: 1000 });
  const { page } = record;
  page.setDefaultTimeout(120_000);
  const problems = [];
  const outside = (u) => !u.startsWith('data:') && new URL(u).origin !== url.origin;

  // The page runs the scenario as loaded on start; wait for that first run.
  await page.waitForSelector('#outcome td[data-model="ktab"]');

  const cells = await page.locator("#inputs input").count();
  assert.equal(cells, 11 * (1 + 1 + 9), "inputs table: 11 actors x (capability + risk + 9 issues)");
  const lines = await page.locator("#chart svg polyline").evaluateAll((nodes) =>
    nodes.map((n) => n.getAttribute("points").trim().split(/\s+/).length));
  assert.equal(lines.length, 11, "one chart line per actor");
  assert.ok(lines.every((points) => points > 2), "every chart line has a point per round");
  await screenshot(page, 'serve-initial');

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
  await screenshot(page, 'serve-edited');

  // Compare run 1 (as loaded) with run 2 (edited), side by side.
  assert.equal(await page.locator("#run-a").inputValue(), "1");
  assert.equal(await page.locator("#run-b").inputValue(), "2");
  const delta = await page.locator('#compare td[data-issue="us-tariff-korea"][data-model="mean"]').textContent();
  assert.equal(delta, "-9.10", "difference of the weighted means: 10.52 - 19.61");
  assert.ok((await page.locator("#compare td.changed").count()) > 0, "changed outcomes are highlighted");
  assert.match(await page.locator("#compare-inputs").textContent(), /us-tariff-korea position: 25 → 0/);
  await page.locator("#compare").scrollIntoViewIfNeeded();
  await screenshot(page, 'serve-compare');

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
  const reportRecord = await openPage(browser, new URL(reportHref, url).href);
  const report = reportRecord.page;
  record.requests.push(...reportRecord.requests);
  record.consoleErrors.push(...reportRecord.consoleErrors);
  assert.ok((await report.locator("svg.chart").count()) > 0, "the run's report draws its charts");
  await screenshot(report, 'serve-report');

  for (const u of record.requests) if (outside(u)) problems.push(`request outside the server: ${u}`);
  for (const e of record.consoleErrors) problems.push(`console error: ${e}`);
  assert.deepEqual(problems, []);
});

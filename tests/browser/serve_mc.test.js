// `pivot serve`'s editing and Monte Carlo in a real browser: the whole inputs table
// fits 1,400 px; an actor and an issue are added, another actor removed and a risk
// attitude edited, and the run shows them; a second run overlays the first in the
// chart, whose tooltip says why an actor moved; the Monte Carlo runs from the page
// with progress, draws the report's histograms and tornado (and run 2's report then has
// them too), and stops on request.
// Screenshots: out/screenshots/serve-{edited-structure,overlay,why,mc-progress,mc,run-report-mc}.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, screenshotElement } from './lib/browser.js';
import { useServe } from './lib/serve.js';

const session = useServe('korea-2025');

test('pivot serve: add and remove actors and issues, overlay, why, Monte Carlo with progress', { timeout: 280_000 }, async () => {
  const { browser } = session;
  const { url } = session.server;
  const record = await openPage(browser, url.href, { width: 1400, height: 1000 });
  const { page } = record;
  page.setDefaultTimeout(120_000);
  await page.waitForSelector('#outcome td[data-model="ktab"]');

  // The whole table at 1,400 px: nothing hidden to the right, no horizontal scrolling.
  const fit = await page.evaluate(() => {
    const table = document.getElementById('inputs'), wrap = table.parentElement;
    return { right: table.getBoundingClientRect().right, scroll: wrap.scrollWidth, client: wrap.clientWidth, width: innerWidth };
  });
  assert.ok(fit.right <= fit.width, `inputs table ends at ${fit.right}px, inside the ${fit.width}px window`);
  assert.ok(fit.scroll <= fit.client, `no horizontal scrolling (${fit.scroll} > ${fit.client})`);

  // Remove North Korea, add the EU, add an issue that the EU and Trump weigh, edit China's risk.
  await page.click('button[data-remove-actor="north-korea"]');
  await page.click('#add-actor-box summary');
  await page.fill('#new-actor-id', 'eu');
  await page.fill('#new-actor-name', 'European Union');
  await page.fill('#new-actor-capability', '60');
  await page.click('#add-actor');
  await page.click('#add-issue-box summary');
  await page.fill('#new-issue-id', 'chips');
  await page.fill('#new-issue-unit', 'index');
  await page.fill('#new-issue-min', '0');
  await page.fill('#new-issue-max', '10');
  await page.click('#add-issue');
  await page.fill('#inputs input[data-actor="china"][data-field="risk"]', '-0.5');
  await page.fill('#inputs input[data-actor="eu"][data-issue="chips"][data-field="position"]', '2');
  await page.fill('#inputs input[data-actor="us-trump"][data-issue="chips"][data-field="position"]', '9');
  await page.click('.seg button[data-field="salience"]');
  await page.fill('#inputs input[data-actor="eu"][data-issue="chips"][data-field="salience"]', '80');
  await page.fill('#inputs input[data-actor="us-trump"][data-issue="chips"][data-field="salience"]', '40');
  assert.equal(await page.locator('#inputs tbody tr').count(), 11, '11 actors: one removed, one added');
  assert.equal(await page.locator('#inputs th[data-issue]').count(), 10, '10 issues: chips added');
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('run-label').textContent.startsWith('run 2'));
  // By hand: only the EU (60 x 80 = 4800 at 2) and Trump (100 x 40 = 4000 at 9) weigh chips,
  // so the weighted mean is (4800 x 2 + 4000 x 9) / 8800 = 5.18.
  assert.equal(await page.locator('#outcome td[data-issue="chips"][data-model="mean"]').textContent(), '5.18');
  const differences = await page.locator('#compare-inputs').textContent();
  for (const text of ['issue chips added', 'North Korea (Kim Jong-un) removed', 'European Union added', 'China (Xi Jinping) risk: 0.3 → -0.5'])
    assert.ok(differences.includes(text), `compare lists "${text}": ${differences}`);
  await screenshot(page, 'serve-edited-structure');

  // Run 1 overlaid on run 2: its 11 actors dotted under the current lines.
  await page.selectOption('#chart-overlay', '1');
  assert.equal(await page.locator('#chart svg polyline.overlay').count(), 11);
  assert.equal(await page.locator('#chart svg polyline.series').count(), 11);
  await page.locator('#chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'serve-overlay');
  // An issue run 1 lacks: no overlay, and the page says why.
  await page.selectOption('#chart-issue', 'chips');
  assert.equal(await page.locator('#chart svg polyline.overlay').count(), 0);
  assert.match(await page.locator('#overlay-note').textContent(), /run 1 has no issue chips/);

  // "Why" on hover: the tooltip names the actor, the round and the model's reason.
  await page.selectOption('#chart-issue', 'us-tariff-korea');
  await page.selectOption('#chart-overlay', '');
  const point = await page.evaluate(() => {
    const line = document.querySelector('#chart svg polyline[data-actor="us-trump"]');
    const [x, y] = line.getAttribute('points').trim().split(/\s+/)[1].split(',').map(Number);
    const box = line.ownerSVGElement.getBoundingClientRect(), k = box.width / 760;
    return { x: box.left + x * k, y: box.top + y * k };
  });
  await page.mouse.move(point.x, point.y);
  await page.waitForSelector('#tip:not([hidden])');
  const tip = await page.locator('#tip').textContent();
  assert.match(tip, /round 1/);
  assert.ok(/moved|stayed put/.test(tip), `tooltip says what the actor did: ${tip}`);
  await screenshot(page, 'serve-why');
  await page.mouse.move(5, 5);
  // The same by keyboard: focus the chart (the tooltip at the last actor and round pointed
  // at), then one round on and the next actor in the legend's order.
  await page.focus('#chart > svg');
  await page.waitForSelector('#tip:not([hidden])');
  const names = await page.locator('#chart .legend span[data-actor]').allTextContents();
  const first = (await page.locator('#tip b').textContent());
  assert.match(await page.locator('#tip').textContent(), /· round 1 ·/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const keyed = await page.locator('#tip').textContent();
  const next = names[(names.indexOf(first) + 1) % names.length];
  assert.ok(keyed.startsWith(`${next} · round 2 · `), `keyboard tooltip: ${keyed} (expected ${next} after ${first})`);
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#tip').isHidden());

  // Monte Carlo on the edited inputs, with progress, then the report's charts.
  const seen = [];
  await page.exposeFunction('pivotSeen', (text) => seen.push(text));
  await page.evaluate(() => new MutationObserver(() => window.pivotSeen(document.getElementById('mc-status').textContent))
    .observe(document.getElementById('mc-status'), { childList: true, characterData: true, subtree: true }));
  await page.fill('#mc-trials', '3000');
  await page.fill('#mc-samples', '32');
  await page.click('#mc-run');
  await page.waitForSelector('#mc-progress:not([hidden])');
  await screenshotElement(page.locator('#mc'), 'serve-mc-progress');
  await page.waitForSelector('#mc-report[data-state="done"]');
  assert.ok(seen.some((t) => /stage \d of 3: \d+ of \d+ trials/.test(t)), `progress was shown: ${seen.slice(0, 5)}`);
  const charts = await page.evaluate(() => {
    const root = document.getElementById('mc-report').shadowRoot;
    return {
      histograms: root.querySelectorAll('svg.histogram').length,
      tornadoes: root.querySelectorAll('svg.tornado').length,
      bins: Math.min(...[...root.querySelectorAll('svg.histogram')].map((s) => Number(s.dataset.bins))),
      // P5/P50/P95/point labels of each histogram: no two overlap, nor the axis titles and ticks.
      overlaps: [...root.querySelectorAll('svg.histogram')].flatMap((svg) => {
        const boxes = [...svg.querySelectorAll('text.top-label')].map((t) => t.getBoundingClientRect());
        const others = [...svg.querySelectorAll('text.axis-title, g.grid text')];
        const out = [];
        const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
          if (meet(a, b)) out.push(svg.dataset.issue);
        }));
        boxes.forEach((a) => others.forEach((u) => {
          if (meet(a, u.getBoundingClientRect())) out.push(`${svg.dataset.issue}: over "${u.textContent}"`);
        }));
        return out;
      }),
      fill: getComputedStyle(root.querySelector('svg.histogram rect.bin')).fill,
    };
  });
  assert.equal(charts.histograms, 10, 'one histogram per issue of the edited scenario');
  assert.equal(charts.tornadoes, 10, 'one tornado per issue');
  assert.deepEqual(charts.overlaps, [], 'histogram labels never overlap');
  assert.equal(charts.fill, 'rgb(136, 204, 238)', "the report's style sheet applies inside the page");
  assert.match(await page.locator('#mc-status').textContent(), /Monte Carlo 1 done: 3000 trials of ktab, Sobol N = 32, on the edited inputs/);
  assert.ok(await page.locator('#mc-downloads a', { hasText: 'mc.json' }).count() === 1);
  await screenshotElement(page.locator('#mc'), 'serve-mc');

  // Run 2 was on the inputs the Monte Carlo drew from (the table has not changed since), so
  // its report now has the same Uncertainty section: ten histograms, one per issue, and the
  // bottom line's P5-P95 band on each of the ten issues.
  const token = url.searchParams.get('token');
  const report = await openPage(browser, `${url.origin}/api/runs/2/report.html?token=${token}`, { width: 1400, height: 1000 });
  const inReport = await report.page.evaluate(() => ({
    histograms: document.querySelectorAll('#uncertainty svg.histogram').length,
    bands: document.querySelectorAll('#bottom-line .band-text').length,
  }));
  assert.deepEqual(inReport, { histograms: 10, bands: 10 }, "run 2's report has the Monte Carlo");
  await screenshotElement(report.page.locator('#uncertainty svg.histogram').first().locator('xpath=ancestor::*[contains(@class,"grid")][1]'), 'serve-run-report-mc');
  await report.page.close();

  // A long run stops on request, keeping nothing.
  await page.fill('#mc-trials', '100000');
  await page.fill('#mc-samples', '0');
  await page.click('#mc-run');
  await page.waitForSelector('#mc-progress:not([hidden])');
  await page.click('#mc-stop');
  await page.waitForFunction(() => /stopped: nothing kept/.test(document.getElementById('mc-status').textContent));

  const problems = [];
  for (const u of record.requests) if (!u.startsWith('data:') && new URL(u).origin !== url.origin) problems.push(`outside request: ${u}`);
  for (const e of record.consoleErrors) problems.push(`console error: ${e}`);
  assert.deepEqual(problems, []);
});

// The HTML report in a real browser: `pivot run korea-2025` writes
// report.html; Chromium loads it from disk. Every chart must have drawn its
// data, the page must ask for nothing but itself and log no error, and
// hovering a line must explain the move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPage, runPivot, screenshot, tempDir, useBrowser } from './lib/browser.js';

let record;
let reportUrl;

useBrowser(async ({ browser }) => {
  const dir = tempDir('pivot-report-');
  runPivot(['run', 'korea-2025', '--out', dir]);
  reportUrl = pathToFileURL(path.join(dir, 'report.html')).href;
  record = await openPage(browser, reportUrl);
});

test('every chart is an SVG with data marks, and the visible ones have a size', async () => {
  const charts = await record.page.$$eval('svg.chart', (svgs) =>
    svgs.map((svg) => ({
      kind: svg.getAttribute('class'),
      marks: svg.querySelectorAll('[data-value],[data-values],[data-count],[data-probability]').length,
      visible: svg.getClientRects().length > 0,
      width: svg.getBoundingClientRect().width,
      drawn: Array.from(svg.querySelectorAll('path,rect,circle')).some((el) => {
        const box = el.getBBox();
        return box.width > 0 || box.height > 0;
      }),
    })),
  );
  const kinds = (name) => charts.filter((c) => c.kind.split(' ').includes(name));
  // korea-2025: 9 issues, drawn for ktab, bdm and exchange; the capability bars; the outcome dot plot;
  // the exchange model's moved outcomes and its first round's exchanges.
  assert.equal(kinds('positions').length, 27);
  assert.equal(kinds('exchange-moved').length, 1);
  assert.equal(kinds('exchanges').length, 1);
  assert.equal(kinds('capability').length, 1);
  assert.equal(kinds('outcomes').length, 1);
  for (const chart of charts) {
    assert.ok(chart.marks > 0, `${chart.kind}: no data marks`);
    if (chart.visible) {
      assert.ok(chart.width > 100, `${chart.kind}: rendered ${chart.width}px wide`);
      assert.ok(chart.drawn, `${chart.kind}: no mark has a size`);
    }
  }
  // The outcome chart: 9 issues x 6 models.
  const outcomeMarks = await record.page.$$eval('svg.outcomes .mark', (m) => m.length);
  assert.equal(outcomeMarks, 54);
});

test('the page requests nothing but itself and logs no error', async () => {
  const others = record.requests.filter((url) => url !== reportUrl);
  assert.deepEqual(others, []);
  assert.deepEqual(record.consoleErrors, []);
});

test('hovering a line explains why that actor moved', async () => {
  const { page } = record;
  // An actor with a move recorded in ktab's round 1 whose line stands clear of the others there,
  // and where that point is on screen.
  const target = await page.evaluate(() => {
    const trace = JSON.parse(document.getElementById('trace').textContent);
    for (const svg of document.querySelectorAll('.model-panel:not([hidden]) svg.positions')) {
      const d = svg.dataset;
      const round1 = trace.models[d.model][1];
      const y = (v) => +d.bottom - ((v - +d.y0) / (+d.y1 - +d.y0)) * (+d.bottom - +d.top);
      const lines = Array.from(svg.querySelectorAll('.line')).map((l) => ({
        actor: l.dataset.actor,
        y: y(l.dataset.values.split(',').map(Number)[1]),
      }));
      const line = lines.find((l) => round1[l.actor] && lines.every((o) => o === l || Math.abs(o.y - l.y) > 30));
      if (!line) continue;
      svg.scrollIntoView({ block: 'center', behavior: 'instant' });
      const x = +d.left + (1 / +d.rounds) * (+d.right - +d.left);
      const p = new DOMPoint(x, line.y).matrixTransform(svg.getScreenCTM());
      return { x: p.x, y: p.y, name: trace.actors[line.actor], why: round1[line.actor] };
    }
    return null;
  });
  assert.ok(target, 'some actor moved in round 1 apart from the others');
  await page.mouse.move(target.x, target.y);
  const tip = page.locator('#tip');
  await tip.waitFor({ state: 'visible', timeout: 2000 });
  const text = await tip.innerText();
  assert.match(text, /round 1/);
  assert.ok(text.includes(target.name), `tooltip names ${target.name}: ${text}`);
  assert.ok(text.includes(target.why.slice(0, 40)), `tooltip gives the reason: ${text}`);
  await page.mouse.move(1, 1);
  await tip.waitFor({ state: 'hidden', timeout: 2000 });
});

test('the model toggle shows BDM rounds instead of KTAB', async () => {
  const { page } = record;
  await page.click('#positions .toggle button[data-show="bdm"]');
  assert.equal(await page.isVisible('.model-panel[data-model="bdm"] svg.positions'), true);
  assert.equal(await page.isVisible('.model-panel[data-model="ktab"] svg.positions'), false);
  await page.click('#positions .toggle button[data-show="ktab"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = await screenshot(page, 'report');
  console.log(`screenshot: ${file}`);
});

// The report's bottom line, key moves and histograms in a real browser: every
// issue has its summary card, the flags appear where the documents call for
// them, the key-moves tables are reachable by keyboard and printed, and the
// histograms have bins fitted to the data with labels that never overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPage, runPivot, screenshotElement, tempDir, useBrowser } from './lib/browser.js';

let record;
let dir;

// A screenshot of one element (the whole page is report.test.js's), under $PIVOT_SCREENSHOTS.
async function shoot(locator, name) {
  console.log(`screenshot: ${await screenshotElement(locator, name)}`);
}

const readJson = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));

useBrowser(async ({ browser }) => {
  dir = tempDir('pivot-summary-');
  runPivot(['run', 'korea-2025', '--out', dir, '--quiet']);
  record = await openPage(browser, pathToFileURL(path.join(dir, 'report.html')).href);
});

test('the bottom line opens the page with a card for every issue', async () => {
  const { page } = record;
  const first = await page.$eval('main section', (s) => s.id);
  assert.equal(first, 'bottom-line');
  const forecast = readJson('forecast.json');
  const issues = Object.keys(forecast.models[0].outcome);
  const cards = await page.$$eval('#bottom-line article.issue-summary', (a) => a.map((c) => c.dataset.issue));
  assert.deepEqual(cards, issues);
  // Every card shows every model and baseline, the band and its strip.
  for (const issue of issues) {
    const card = page.locator(`#bottom-line article[data-issue="${issue}"]`);
    assert.equal(await card.locator('ul.forecasts li').count(), forecast.models.length, issue);
    assert.equal(await card.locator('svg.strip rect.band').count(), 1, issue);
    assert.ok((await card.locator('.band-text').innerText()).includes('P5'), issue);
  }
  await shoot(page.locator('#bottom-line'), 'bottom-line');
});

test('flags appear where the documents call for them', async () => {
  const { page } = record;
  const flags = await page.$$eval('#bottom-line article', (cards) =>
    Object.fromEntries(cards.map((c) => [c.dataset.issue, Array.from(c.querySelectorAll('.flag')).map((f) => f.dataset.flag)])),
  );
  // The issue's own example: usfk-flexibility, ktab about 60 against bdm 0.
  assert.ok(flags['usfk-flexibility'].includes('models-disagree'), JSON.stringify(flags['usfk-flexibility']));
  const text = await page.locator('#bottom-line article[data-issue="usfk-flexibility"] .flag[data-flag="models-disagree"]').innerText();
  assert.match(text, /coercion/);
  assert.match(text, /baselines/);
  // Wherever mc.json marks the point outside its band, the card says so; nowhere else.
  const mc = readJson('mc.json');
  for (const output of mc.outputs) {
    assert.equal(flags[output.issue].includes('point-outside-band'), output.point_outside_band, output.issue);
  }
  // bdm stops at its round limit on korea-2025 (converged false): each such issue is flagged.
  const bdm = readJson('forecast.json').models.find((m) => m.model === 'bdm');
  for (const [issue, outcome] of Object.entries(bdm.outcome)) {
    if (outcome.convergence.verdict !== 'settled')
      assert.ok(flags[issue].some((f) => f === 'oscillates' || f === 'not-converged'), `${issue}: ${flags[issue]}`);
  }
});

test('the key-moves tables are reachable by keyboard and kept in print', async () => {
  const { page } = record;
  const tables = await page.$$eval('.key-moves', (t) => t.map((x) => x.dataset.issue));
  assert.equal(tables.length, 9);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('body').focus();
  let reached = null;
  for (let i = 0; i < 400 && !reached; ++i) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      const el = document.activeElement;
      return el && el.classList.contains('key-moves') ? el.dataset.issue : null;
    });
  }
  assert.ok(reached, 'Tab reaches a key-moves table');
  const rows = await page.locator(`.key-moves[data-issue="${reached}"] tbody tr`).count();
  assert.ok(rows > 0);
  await shoot(page.locator(`.key-moves[data-issue="${reached}"]`), 'key-moves');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.$$eval('.key-moves', (t) => t.filter((x) => x.getClientRects().length > 0).length);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(printed, 9);
});

test('histograms: bins fitted to the data, labels that never overlap', async () => {
  const { page } = record;
  const mc = readJson('mc.json');
  const charts = await page.$$eval('svg.histogram', (svgs) =>
    svgs.map((svg) => ({
      issue: svg.dataset.issue,
      bins: Number(svg.dataset.bins),
      labels: Array.from(svg.querySelectorAll('text.top-label')).map((t) => {
        const b = t.getBBox();
        return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
      }),
      // On the page (rotated text included): every label against the axis titles and tick labels.
      clashes: Array.from(svg.querySelectorAll('text.top-label')).flatMap((t) => {
        const a = t.getBoundingClientRect();
        return Array.from(svg.querySelectorAll('text.axis-title, g.grid text'))
          .filter((u) => {
            const b = u.getBoundingClientRect();
            return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          })
          .map((u) => `"${t.textContent}" over "${u.textContent}"`);
      }),
    })),
  );
  assert.equal(charts.length, mc.outputs.length);
  for (const chart of charts) {
    const output = mc.outputs.find((o) => o.issue === chart.issue);
    // At least 20 bars wherever the trials span a range (bins.hi > bins.lo).
    if (output.bins.hi > output.bins.lo) assert.ok(chart.bins >= 20, `${chart.issue}: ${chart.bins} bins`);
    assert.equal(chart.bins, output.bins.hi > output.bins.lo ? output.bins.counts.length : output.histogram.counts.length);
    assert.equal(chart.labels.length, 4, `${chart.issue}: P5, P50, P95 and the point`);
    for (let i = 0; i < chart.labels.length; ++i)
      for (let j = i + 1; j < chart.labels.length; ++j) {
        const a = chart.labels[i], b = chart.labels[j];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        assert.ok(!overlap, `${chart.issue}: "${a.text}" overlaps "${b.text}"`);
      }
    assert.deepEqual(chart.clashes, [], `${chart.issue}: labels clear the axis titles and ticks`);
  }
  // Each Monte Carlo card's title gets the width it needs on one line (or the whole caption's
  // width, if less); the note (mean, sd, "point outside the band") sits beside it or under it,
  // never squeezing it into a narrow column nor overlapping it.
  const squeezed = await page.$$eval('#uncertainty figure.card figcaption', (captions) =>
    captions.flatMap((caption) => {
      const title = caption.querySelector('b'), note = caption.querySelector('span');
      const natural = title.cloneNode(true);
      natural.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
      caption.append(natural);
      const needs = Math.min(natural.getBoundingClientRect().width, caption.clientWidth);
      natural.remove();
      const t = title.getBoundingClientRect(), n = note.getBoundingClientRect();
      const overlap = t.left < n.right && n.left < t.right && t.top < n.bottom && n.top < t.bottom;
      return t.width + 0.5 < needs || overlap
        ? [`${title.textContent}: ${Math.round(t.width)} of ${Math.round(needs)} px${overlap ? ', under its note' : ''}`]
        : [];
    }),
  );
  assert.deepEqual(squeezed, [], 'Monte Carlo card titles keep their width beside or above their notes');
  await shoot(page.locator('svg.histogram').first(), 'histogram');
  await shoot(page.locator('svg.positions').first(), 'positions');
});

// Shared by every browser check: launch Debian's Chromium headless through
// playwright-core, open a page while recording every request, console error and
// uncaught exception, and save screenshots. A spec file (*.test.js) uses
// these and node:test; drop a new one next to report.test.js to add a check.
// `pivot serve` checks start the server through ./serve.js.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The pivot binary under test: $PIVOT (set by ctest), else the Release build. */
export const pivotBinary = process.env.PIVOT || path.join(repoRoot, 'build/release/pivot');

/** Runs pivot with the given arguments; throws with its output if it fails. */
export function runPivot(args) {
  return execFileSync(pivotBinary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Headless Chromium: $CHROMIUM, else Debian's /usr/bin/chromium. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/**
 * Registers the before/after hooks of a spec file: launch Chromium before its
 * tests (then run `setup(session)`, if given, in the same hook: a second root
 * before hook may start before the first has finished) and close it after them.
 * Returns the session object; its `browser` is set once the hook has run.
 */
export function useBrowser(setup) {
  const session = { browser: null };
  before(async () => {
    session.browser = await launch();
    if (setup) await setup(session);
  });
  after(async () => {
    if (session.browser) await session.browser.close();
  });
  return session;
}

/**
 * Opens url in a new page and records what it does: `requests` (every URL the
 * page asked for), `consoleErrors` (console.error messages and uncaught exceptions).
 */
export async function openPage(browser, url, { width = 1360, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const record = { page, context, requests: [], consoleErrors: [] };
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.consoleErrors.push(String(error)));
  await page.goto(url, { waitUntil: 'load' });
  return record;
}

// $PIVOT_SCREENSHOTS/NAME.png (default out/screenshots/), its folder made.
function screenshotPath(name) {
  const dir = process.env.PIVOT_SCREENSHOTS || path.join(repoRoot, 'out/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Saves a full-page screenshot as $PIVOT_SCREENSHOTS/NAME.png (default out/screenshots/). */
export async function screenshot(page, name) {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Saves a screenshot of one element (a locator) as $PIVOT_SCREENSHOTS/NAME.png. */
export async function screenshotElement(locator, name) {
  const file = screenshotPath(name);
  await locator.screenshot({ path: file });
  return file;
}

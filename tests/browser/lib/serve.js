// `pivot serve` for the browser checks: start it on a free port, read its
// address (with the session token) from its first stdout line, and stop it.
// useServe() does all of that around a spec file's tests, with a browser:
//   const session = useServe();          // before: Chromium + pivot serve korea-2025
//   test('...', async () => { const { url, token } = session.server; ... });
import { after } from 'node:test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pivotBinary, useBrowser } from './browser.js';

/**
 * Starts `pivot serve SCENARIO --port 0` and resolves once it has printed its
 * address: pivot binds and listens before printing it, so the page can load at
 * once. Resolves with { url (a URL), token, origin, process, stop() }; rejects
 * if pivot exits (or cannot start) before printing an address.
 */
export function startServe(scenario = 'korea-2025') {
  const child = spawn(pivotBinary, ['serve', scenario, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const fail = (why) => reject(new Error(`pivot serve ${scenario}: ${why} before printing its address`));
    child.once('error', (error) => fail(String(error)));
    child.once('exit', (code, signal) => fail(`exited with ${signal || code}`));
    // The reader stays open after the first line, so the pipe never fills up.
    createInterface({ input: child.stdout }).once('line', (line) => {
      const url = new URL(line);
      resolve({ url, token: url.searchParams.get('token'), origin: url.origin, process: child, stop: () => stopServe(child) });
    });
  });
}

/** Sends SIGTERM and waits for pivot to exit (SIGKILL after 10 s). */
export function stopServe(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Registers before/after hooks for a spec file: Chromium (see useBrowser) and
 * `pivot serve SCENARIO`, both stopped after the file's tests. Returns the
 * session object, whose `browser` and `server` (startServe's result) are set
 * once the hooks have run.
 */
export function useServe(scenario = 'korea-2025') {
  const session = useBrowser(async (started) => {
    started.server = await startServe(scenario);
  });
  after(async () => {
    if (session.server) await session.server.stop();
  });
  return session;
}

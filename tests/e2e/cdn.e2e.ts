/**
 * The build as a CDN serves it. `npm start`'s server (src/tools/serve.cli.ts, started as the
 * `preview` script starts it, on a free port) applies the build's own `_headers` and answers with
 * its precompressed files. Chromium loads the app from it under the Content Security Policy of
 * `_headers` (the hashes of any inline script included): zero violations, zero console errors, and
 * the map becomes ready; the hashed assets and the records arrive brotli-compressed and immutable,
 * the page and the boundary file brotli-compressed and short-lived.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, SHORT_LIVED } from '../../src/tools/deploy-headers.ts';
import { launchBrowser } from './browser.ts';
import { DIST, shippedCsp, waitForMap, watch } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');

let server: { child: ChildProcess; origin: string };
let browser: Awaited<ReturnType<typeof launchBrowser>>;

/** Starts the CLI on a free port; resolves with the address it prints. */
function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/tools/serve.cli.ts', '--dir', DIST, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const origin = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      if (origin) ok({ child, origin });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(new Error(`serve.cli.ts exited with ${code} before serving:\n${out}`)));
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.child.kill();
});

/** A response's headers, with its URL's path relative to the server. */
const seen = (r: Response) => ({ path: new URL(r.url()).pathname, status: r.status(), headers: r.headers() });

describe('the build served as a CDN serves it (npm start)', () => {
  it('loads under the CSP of _headers with no violation or error, every asset brotli and immutable', async () => {
    const { page, errors, foreign } = watch(await browser.context.newPage(), server.origin);
    await page.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const responses: ReturnType<typeof seen>[] = [];
    page.on('response', (r) => responses.push(seen(r)));
    const main = await page.goto(`${server.origin}/`);
    await waitForMap(page);

    const headers = main?.headers() ?? {};
    expect(headers['content-security-policy']).toBe(shippedCsp());
    expect(headers['cache-control']).toBe(SHORT_LIVED);
    expect(headers['content-encoding']).toBe('br');
    expect(headers['x-content-type-options']).toBe('nosniff');

    const assets = responses.filter((r) => r.path.startsWith('/assets/'));
    // The app's script and styles, MapLibre's script and styles (its worker may not be reported).
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const a of assets) {
      expect(a.status, a.path).toBe(200);
      expect(a.headers['content-encoding'], a.path).toBe('br');
      expect(a.headers['cache-control'], a.path).toBe(IMMUTABLE);
      expect(a.headers.vary, a.path).toBe('Accept-Encoding');
    }
    const boundaries = responses.find((r) => r.path === '/geo/region.topo.json');
    expect(boundaries?.headers['content-encoding']).toBe('br');
    expect(boundaries?.headers['cache-control']).toBe(SHORT_LIVED);

    // A reader's first move fetches the records: hashed, so immutable too.
    const records = page.waitForResponse((r) => /\/data\/records\.[0-9a-f]+\.json$/.test(r.url()));
    await page.mouse.move(400, 400);
    await page.mouse.move(420, 410);
    const recordHeaders = (await records).headers();
    expect(recordHeaders['content-encoding']).toBe('br');
    expect(recordHeaders['cache-control']).toBe(IMMUTABLE);

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

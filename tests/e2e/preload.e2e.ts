/**
 * Issue 10 in a real browser: index.html starts the boundaries before the app's script has run,
 * the map starts MapLibre's code and worker once the SVG map has answered, after the first paint (the map asks for its CSS), each file crosses
 * the network once (the app's own requests take the preload and the prefetch), it works from a
 * subfolder, and a failed early start is still the library error with Retry, which fetches again
 * only what failed. The sourced records (summaries, figures, sources) are not part of the first
 * load: they are fetched once, when a reader starts using the graphic, and a failure says so with
 * a way to try again.
 *
 * Served by the bench's server (tests/bench/server.ts): a static host's cache headers (the worker's
 * prefetch is reused from the HTTP cache, so it takes a cacheable assets/ file), and a log of every
 * request that reached it.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchServer, serveBench } from '../bench/server.ts';
import { launchBrowser } from './browser.ts';
import { DIST, waitForMap, watch } from './harness.ts';

const assets = readdirSync(join(DIST, 'assets'));
const asset = (re: RegExp) => {
  const f = assets.find((n) => re.test(n));
  if (!f) throw new Error(`no ${re} in dist/assets`);
  return `assets/${f}`;
};
/** The map's files, relative to index.html. */
const MAP_FILES = {
  library: asset(/^maplibre-gl-(?!worker)[\w-]+\.mjs$/),
  worker: asset(/^maplibre-gl-worker-[\w-]+\.mjs$/),
  css: asset(/^maplibre-gl-[\w-]+\.css$/),
  boundaries: 'geo/region.topo.json',
};

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let server: BenchServer;
/** The build copied under a subfolder of another host (relative URLs must still work). */
const NESTED = 'news/graphics/policy-map/';
let nested: { server: BenchServer; dir: string };
beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveBench(DIST);
  const dir = mkdtempSync(join(tmpdir(), 'policy-map-nested-'));
  cpSync(DIST, join(dir, NESTED), { recursive: true });
  nested = { server: await serveBench(dir), dir };
});
afterAll(async () => {
  await server?.close();
  await nested?.server.close();
  if (nested) rmSync(nested.dir, { recursive: true, force: true });
  await browser?.close();
});

/** How many requests for each map file reached the server (under `prefix`). */
function fetched(s: BenchServer, prefix = '/') {
  const count = (file: string) => s.log.filter((r) => r.path === `${prefix}${file}`).length;
  return Object.fromEntries(Object.entries(MAP_FILES).map(([k, f]) => [k, count(f)]));
}

async function newPage() {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  const w = watch(page, server.origin);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && /preload|prefetch/i.test(m.text())) warnings.push(m.text());
  });
  return { ...w, warnings };
}

/** When each map file was first requested, and by what, against DOMContentLoaded and the app bundle's arrival (ms since navigation). */
function firstRequests(page: Page, files: Record<string, string>) {
  return page.evaluate((fs) => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      domContentLoaded: nav.domContentLoadedEventStart,
      firstContentfulPaint:
        performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.POSITIVE_INFINITY,
      appBundleEnd:
        entries.find((r) => /\/assets\/index-[\w-]+\.js$/.test(r.name))?.responseEnd ?? Number.POSITIVE_INFINITY,
      files: Object.fromEntries(
        Object.entries(fs).map(([k, f]) => {
          const e = entries.find((r) => r.name === new URL(f, location.href).href);
          return [k, e ? { start: e.startTime, by: e.initiatorType } : null];
        }),
      ),
    };
  }, files);
}

describe('the map’s files', () => {
  it('start with the app bundle (boundaries) or once the text has painted (MapLibre), each crossing the network once', async () => {
    const { page, errors, warnings } = await newPage();
    server.reset();
    await page.goto(`${server.origin}/`);
    await waitForMap(page);
    await page.waitForTimeout(500);
    const t = await firstRequests(page, MAP_FILES);
    const why = JSON.stringify(t);
    // The boundaries: by index.html's preload, before the app's script has run (module scripts run
    // before DOMContentLoaded).
    expect(t.files.boundaries?.by, why).toBe('link');
    expect(t.files.boundaries?.start, why).toBeLessThan(t.domContentLoaded);
    // MapLibre: competing with nothing the first paint needs (requested once the text has painted)…
    for (const file of ['library', 'css', 'worker'] as const) {
      expect(t.files[file]?.start, `${file}: ${why}`).toBeGreaterThanOrEqual(t.appBundleEnd);
      expect(t.files[file]?.start, `${file}: ${why}`).toBeGreaterThanOrEqual(t.firstContentfulPaint);
    }
    // …and the worker by the prefetch (main.tsx's, or the map's own when it asks first), not once
    // MapLibre's code has run and started its Worker.
    expect(t.files.worker?.by, why).toBe('link');
    expect(fetched(server)).toEqual({ library: 1, worker: 1, css: 1, boundaries: 1 });
    // No "preloaded but not used" or "unsupported as" warnings.
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('from a subfolder of the host (relative URLs)', async () => {
    const { page, errors } = await newPage();
    nested.server.reset();
    const prefix = `/${NESTED}`;
    await page.goto(`${nested.server.origin}${prefix}`);
    await waitForMap(page);
    await page.waitForTimeout(500);
    expect(fetched(nested.server, prefix)).toEqual({ library: 1, worker: 1, css: 1, boundaries: 1 });
    expect(nested.server.log.filter((r) => !r.path.startsWith(prefix)).map((r) => r.path)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a failed early start', () => {
  it('is the library error with Retry, and Retry fetches only the library again', async () => {
    const { page, errors } = await newPage();
    await page.addInitScript(() => {
      (window as unknown as { __POLICY_MAP_TIMEOUT_MS__: number }).__POLICY_MAP_TIMEOUT_MS__ = 5000;
    });
    const pattern = /\/assets\/maplibre-gl-(?!worker)[\w-]+\.mjs$/;
    await page.route(pattern, (route) => route.fulfill({ status: 404, body: 'gone', contentType: 'text/plain' }));
    server.reset();
    await page.goto(`${server.origin}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('The map’s code');
    expect(errors.some((e) => /MapLoadError/.test(e))).toBe(true);
    const before = fetched(server);
    expect(before.library).toBe(0); // the route answered
    expect(before.boundaries).toBe(1);
    await page.unroute(pattern);
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForMap(page);
    expect(fetched(server)).toEqual({ library: 1, worker: 1, css: 1, boundaries: 1 });
    await page.close();
  });
});

describe('the sourced records', () => {
  const records = (s: BenchServer, prefix = '/') =>
    s.log.filter((r) => r.path.startsWith(`${prefix}data/records.`) && r.path.endsWith('.json'));

  it('are not fetched with the map; a reader’s first move fetches them, once, for every view', async () => {
    const { page, errors } = await newPage();
    server.reset();
    await page.goto(`${server.origin}/`);
    await waitForMap(page);
    await page.waitForTimeout(1000);
    expect(records(server)).toHaveLength(0);
    // The pointer over the map is enough: the panel then opens with its records already here.
    const map = page.getByRole('region', { name: /map/i });
    const box = await map.boundingBox();
    if (!box) throw new Error('the map region has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => records(server).length).toBe(1);
    await page
      .getByRole('navigation', { name: 'Countries' })
      .getByRole('button', { name: /^El Salvador/ })
      .click();
    const panel = page.getByRole('complementary', { name: 'El Salvador' });
    await panel.getByRole('article').first().waitFor();
    expect(await panel.getByRole('status').filter({ hasText: 'Loading' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Table' }).click();
    await page.getByRole('table', { name: 'All measures matching the filter' }).waitFor();
    expect(records(server)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('from a subfolder of the host (a relative URL)', async () => {
    const { page, errors } = await newPage();
    nested.server.reset();
    const prefix = `/${NESTED}`;
    await page.goto(`${nested.server.origin}${prefix}?country=SLV`);
    await page.getByRole('complementary', { name: 'El Salvador' }).getByRole('article').first().waitFor();
    expect(records(nested.server, prefix)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('that fail to arrive are reported in the panel, logged, and fetched again by Try again', async () => {
    const { page, errors } = await newPage();
    const pattern = /\/data\/records\.[0-9a-f]+\.json$/;
    await page.route(pattern, (route) => route.fulfill({ status: 503, body: 'busy', contentType: 'text/plain' }));
    server.reset();
    await page.goto(`${server.origin}/?country=SLV`);
    const panel = page.getByRole('complementary', { name: 'El Salvador' });
    const alert = panel.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The sourced records could not be loaded.');
    expect(errors.some((e) => /records: .*answered 503/.test(e))).toBe(true);
    // The map and the rest of the panel are unaffected.
    await waitForMap(page);
    expect(await panel.getByRole('heading', { level: 2, name: 'El Salvador' }).isVisible()).toBe(true);
    await page.unroute(pattern);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await panel.getByRole('article').first().waitFor();
    expect(await panel.getByRole('alert').count()).toBe(0);
    expect(records(server)).toHaveLength(1); // the first request was answered by the route
    await page.close();
  });
});

/**
 * Issue 9 in a real browser: a lost and restored WebGL context, failed and hung loads of each of
 * the map's three files (with Retry), no WebGL at all, and the fake map's rules checked against
 * real MapLibre.
 */
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { clickablePoint, pixelAt, SCREENSHOTS, startHarness, type Watched, waitForMap, watch } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** Console errors other than the ones a test provokes on purpose (failed fetches, our own logs). */
const unexpected = (w: Watched) =>
  w.errors.filter(
    (e) =>
      !/Failed to load resource|MapLoadError|nothing drawn|Failed to fetch|SyntaxError|JSON|worker|Worker|import/i.test(
        e,
      ),
  );

async function featureState(page: Page, id: string) {
  return page.evaluate(
    (iso) =>
      (
        window.__POLICY_MAP__ as unknown as {
          getFeatureState(f: { source: string; id: string }): Record<string, unknown>;
        }
      ).getFeatureState({ source: 'countries', id: iso }),
    id,
  );
}

describe('a lost WebGL context', () => {
  it('comes back with everything changed meanwhile, and the selection, with no errors', async () => {
    const w = await harness.newPage({ width: 1280, height: 800 });
    await w.page.goto(`${harness.server.origin}/?country=SLV`);
    await waitForMap(w.page);
    const lose = () =>
      w.page.evaluate(() => {
        const gl = (window.__POLICY_MAP__ as unknown as { getCanvas(): HTMLCanvasElement })
          .getCanvas()
          .getContext('webgl2');
        const ext = gl?.getExtension('WEBGL_lose_context');
        (window as unknown as { __lose: WEBGL_lose_context | null | undefined }).__lose = ext;
        ext?.loseContext();
      });
    const restore = () =>
      w.page.evaluate(() => (window as unknown as { __lose: WEBGL_lose_context }).__lose.restoreContext());

    // Nothing changes while lost: the selection outline must survive a loss.
    await lose();
    await w.page.waitForTimeout(200);
    await restore();
    await expect.poll(async () => (await featureState(w.page, 'SLV')).selected, { timeout: 10_000 }).toBe(true);

    // Changes while lost reach the map once it is back (Guatemala's colour follows the filter).
    const gt = await clickablePoint(w.page, 'GTM');
    if (!gt) throw new Error('Guatemala has no clickable point');
    const before = (await pixelAt(w.page, gt.x, gt.y)).join();
    await lose();
    await w.page.waitForTimeout(200);
    await w.page
      .getByRole('navigation', { name: 'Countries' })
      .getByRole('button', { name: /^Honduras/ })
      .click();
    await w.page.getByRole('checkbox', { name: 'State of exception' }).uncheck();
    await restore();
    await expect.poll(async () => (await featureState(w.page, 'HND')).selected, { timeout: 10_000 }).toBe(true);
    expect((await featureState(w.page, 'SLV')).selected).toBe(false);
    await expect.poll(async () => (await pixelAt(w.page, gt.x, gt.y)).join(), { timeout: 10_000 }).not.toBe(before);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('failed loads say what failed, and Retry fixes only that', () => {
  const FILES = {
    boundaries: { pattern: /\/geo\/region\.topo\.json$/, message: 'The country boundaries' },
    library: { pattern: /\/assets\/maplibre-gl-(?!worker)[^/]*\.mjs$/, message: 'The map’s code' },
    worker: { pattern: /\/assets\/maplibre-gl-worker-[^/]*\.mjs$/, message: 'The map' },
  } as const;
  const FAULTS = ['404', '500', 'truncated', 'hung'] as const;

  for (const [file, { pattern, message }] of Object.entries(FILES))
    for (const fault of FAULTS)
      it(`${file}: ${fault}`, async () => {
        const w = await harness.newPage({ width: 1280, height: 800 });
        await w.page.addInitScript(() => {
          (window as unknown as { __POLICY_MAP_TIMEOUT_MS__: number }).__POLICY_MAP_TIMEOUT_MS__ = 3000;
        });
        const hung: Route[] = [];
        await w.page.route(pattern, async (route) => {
          if (fault === '404' || fault === '500')
            return route.fulfill({ status: Number(fault), body: 'failed', contentType: 'text/plain' });
          if (fault === 'hung') {
            hung.push(route);
            return;
          }
          const response = await route.fetch();
          const body = await response.body();
          // A cut-off transfer: without its validators, or a reload's revalidation would get a
          // "304 not modified" for the cut-off copy in the browser's cache.
          const headers = Object.fromEntries(
            Object.entries(response.headers()).filter(
              ([k]) => !['etag', 'last-modified', 'content-encoding', 'content-length'].includes(k.toLowerCase()),
            ),
          );
          return route.fulfill({ status: 200, headers, body: body.subarray(0, Math.floor(body.length / 2)) });
        });
        const t0 = Date.now();
        const lap = (what: string) =>
          process.env.FAULTS_DEBUG && console.log(`${file} ${fault}: ${what} at ${Date.now() - t0} ms`);
        await w.page.goto(`${harness.server.origin}/`);
        lap('loaded');
        const alert = w.page.getByRole('alert');
        await alert.waitFor({ timeout: 20_000 });
        lap('alert');
        const text = (await alert.textContent()) ?? '';
        expect(text).toContain(message);
        expect(text).toMatch(/still work/);
        expect(text).not.toMatch(/browser/i);
        if (fault === 'hung') expect(text).toMatch(/too long/);
        // MapLibre's files failing leave the SVG map, which had answered, in place and working.
        expect(await w.page.locator('.map').getAttribute('data-renderer')).toBe(file === 'boundaries' ? null : 'svg');
        if (file !== 'boundaries') expect(await w.page.locator('.svg-map').isVisible()).toBe(true);
        // The rest of the graphic works meanwhile.
        await w.page
          .getByRole('navigation', { name: 'Countries' })
          .getByRole('button', { name: /^Chile/ })
          .click();
        await w.page.getByRole('complementary', { name: 'Chile' }).waitFor();
        // Retry, with the file now served: the map is drawn.
        await w.page.unroute(pattern);
        for (const r of hung) await r.abort().catch(() => undefined);
        lap('unrouted');
        await w.page.getByRole('button', { name: 'Retry' }).click();
        await waitForMap(w.page);
        lap('ready');
        expect(await w.page.getByRole('alert').count()).toBe(0);
        expect(unexpected(w), w.errors.join('\n')).toEqual([]);
        await w.page.close();
      });
});

describe('without WebGL', () => {
  it('draws the SVG map, where labels and clicks work, with a one-line note', async () => {
    const browser = await launchBrowser({ width: 375, height: 740 }, ['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page, errors } = watch(await browser.context.newPage(), harness.server.origin);
      await page.goto(`${harness.server.origin}/`);
      await waitForMap(page, 'svg');
      expect(await page.locator('.map').getAttribute('data-renderer')).toBe('svg');
      expect(await page.getByText(/Simplified map/).isVisible()).toBe(true);
      // The same map: El Salvador drawn twice, on the main map and enlarged in the inset.
      expect(await page.locator('path[data-layer="focus-fill"][data-id="SLV"]').count()).toBe(2);
      await page.locator('.map-labels button[data-country="SLV"]').click();
      await page.getByRole('complementary', { name: 'El Salvador' }).waitFor();
      await page.locator('path[data-layer="focus-fill"][data-id="CHL"]').dispatchEvent('click');
      await page.getByRole('complementary', { name: 'Chile' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'no-webgl-375.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('the fake map’s rules hold for real MapLibre', () => {
  it('refuses setters before load and reports unknown layers and sources as errors', async () => {
    const w = await harness.newPage({ width: 800, height: 600 });
    await w.page.goto(`${harness.server.origin}/`);
    await waitForMap(w.page);
    const result = await w.page.evaluate(async () => {
      const MapClass = (window.__POLICY_MAP__ as unknown as { constructor: new (o: unknown) => unknown }).constructor;
      const div = document.createElement('div');
      div.style.cssText = 'width:200px;height:200px';
      document.body.append(div);
      type M = {
        setPaintProperty(l: string, p: string, v: unknown): void;
        setFilter(l: string, f: unknown): void;
        setFeatureState(f: { source: string; id: string }, s: Record<string, unknown>): void;
        getSource(id: string): unknown;
        on(t: string, f: (e: { error: Error }) => void): void;
        once(t: string, f: () => void): void;
        remove(): void;
      };
      const map = new MapClass({
        container: div,
        style: {
          version: 8,
          sources: { countries: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
          layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#fff' } }],
        },
      }) as M;
      const out: Record<string, string> = {};
      try {
        map.setPaintProperty('sea', 'background-color', '#000');
        out.beforeLoad = 'no throw';
      } catch (e) {
        out.beforeLoad = (e as Error).message;
      }
      await new Promise<void>((r) => map.once('load', r));
      const errors: string[] = [];
      map.on('error', (e) => errors.push(e.error.message));
      map.setFilter('no-such-layer', ['==', 1, 1]);
      map.setFeatureState({ source: 'no-such-source', id: 'X' }, { hover: true });
      out.unknownLayer = errors[0] ?? 'none';
      out.unknownSource = errors[1] ?? 'none';
      out.unknownGetSource = String(map.getSource('no-such-source'));
      map.remove();
      div.remove();
      return out;
    });
    // The same wording the fake uses (tests/fixtures/fake-map.ts).
    expect(result.beforeLoad).toBe('Style is not done loading.');
    expect(result.unknownLayer).toMatch(/no-such-layer/);
    expect(result.unknownSource).toMatch(/no-such-source/);
    expect(result.unknownGetSource).toBe('undefined');
    await w.page.close();
  });
});

/**
 * The map at first paint (README, "How it is built"): the build prerenders the default view into
 * index.html with the map drawn in it; the SVG map answers before MapLibre has arrived; MapLibre
 * then takes over without a jump, keeping what the reader did meanwhile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALETTES } from '../../src/data/palette.ts';
import { FOCUS_COUNTRIES } from '../fixtures/story.ts';
import { launchBrowser } from './browser.ts';
import { SCREENSHOTS, startHarness, type Watched, waitForMap, watch } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await harness?.stop();
});

const MAPLIBRE = /\/assets\/maplibre-gl-[^/]*\.(mjs|css)$/;
const COUNT_COLOURS = new Set<string>(PALETTES.light.counts.map((c) => c.toLowerCase()));

/** A page whose MapLibre files are held until `release()`: the SVG map is the map meanwhile. */
async function withMapLibreHeld(viewport: { width: number; height: number }) {
  const w = await harness.newPage(viewport);
  const held: Route[] = [];
  let released = false;
  await w.page.route(MAPLIBRE, (route) => (released ? route.continue() : void held.push(route)));
  return {
    w,
    async release() {
      released = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

/** A point (page px) where the SVG map's topmost element is `iso3`'s area. */
async function pointOn(page: Page, iso3: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((id) => {
    for (const shape of document.querySelectorAll(`.svg-map [data-layer="focus-fill"][data-id="${id}"]`)) {
      const r = shape.getBoundingClientRect();
      for (let y = r.top + 2; y < r.bottom; y += 3)
        for (let x = r.left + 2; x < r.right; x += 3) {
          const hit = document.elementFromPoint(x, y);
          if (hit?.getAttribute('data-id') === id && hit.getAttribute('data-layer') === 'focus-fill') return { x, y };
        }
    }
    return null;
  }, iso3);
  if (!point) throw new Error(`no visible point on ${iso3} in the SVG map`);
  return point;
}

const fillOf = (page: Page, iso3: string) =>
  page.locator(`.svg-map [data-layer="focus-fill"][data-id="${iso3}"]`).first().getAttribute('fill');

type Box = { x: number; y: number; width: number; height: number };

/** The share of pixels in `box` that differ between two screenshots (a channel off by more than 48). */
async function pixelDifference(page: Page, a: Buffer, b: Buffer, box: Box): Promise<number> {
  return page.evaluate(
    async ([x, y, crop]) => {
      const read = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        const { x: left, y: top, width, height } = crop as { x: number; y: number; width: number; height: number };
        return ctx.getImageData(Math.round(left), Math.round(top), Math.round(width), Math.round(height)).data;
      };
      const [p, q] = [await read(x as string), await read(y as string)];
      let differ = 0;
      for (let i = 0; i < p.length; i += 4) {
        const d = Math.max(
          Math.abs((p[i] as number) - (q[i] as number)),
          Math.abs((p[i + 1] as number) - (q[i + 1] as number)),
          Math.abs((p[i + 2] as number) - (q[i + 2] as number)),
        );
        if (d > 48) differ++;
      }
      return differ / (p.length / 4);
    },
    [a.toString('base64'), b.toString('base64'), box] as const,
  );
}

/**
 * The map as the reader sees it: the page scrolled to the map's top, and the part of the map's
 * frame not under the phones' bottom sheet (viewport px).
 */
async function mapInView(page: Page): Promise<Box> {
  return page.evaluate(() => {
    const map = document.querySelector('section.map') as HTMLElement;
    window.scrollTo({ top: map.getBoundingClientRect().top + window.scrollY, behavior: 'instant' });
    const r = map.getBoundingClientRect();
    const sheet = document.querySelector('aside.panel')?.getBoundingClientRect();
    const bottom = Math.min(
      r.bottom,
      window.innerHeight,
      sheet && sheet.left < r.right - 1 && sheet.top > r.top ? sheet.top : Infinity,
    );
    return { x: r.left, y: r.top, width: r.width, height: bottom - r.top };
  });
}

function expectClean(w: Watched) {
  expect(w.errors, 'console errors').toEqual([]);
  expect(w.foreign, 'requests to other origins').toEqual([]);
}

describe('the first paint', () => {
  for (const viewport of [
    { width: 375, height: 667 },
    { width: 1280, height: 800 },
  ])
    it(`with every script blocked, shows the coloured map with its six labels (${viewport.width} px)`, async () => {
      const w = await harness.newPage(viewport);
      const cdp = await w.page.context().newCDPSession(w.page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await w.page.goto(`${harness.server.origin}/`);
      const region = w.page.getByRole('region', { name: /map/i });
      const drawing = region.locator('.map-first-paint svg:visible');
      expect(await drawing.count()).toBe(1);
      const frame = await region.boundingBox();
      const box = await drawing.boundingBox();
      expect(box && frame && Math.abs(box.width - frame.width) < 1 && Math.abs(box.height - frame.height) < 1).toBe(
        true,
      );
      expect(await drawing.locator('g[data-country]').count()).toBe(FOCUS_COUNTRIES.length);
      for (const c of FOCUS_COUNTRIES) {
        const fills = await drawing
          .locator(`[data-layer="focus-fill"][data-id="${c}"]`)
          .evaluateAll((els) => els.map((e) => (e.getAttribute('fill') ?? '').toLowerCase()));
        expect(fills.length, c).toBeGreaterThan(0);
        for (const f of fills) expect(COUNT_COLOURS.has(f), `${c}: ${f}`).toBe(true);
      }
      await w.page.screenshot({ path: join(SCREENSHOTS, `first-paint-no-script-${viewport.width}.png`) });
      await w.page.close();
    });

  it('is taken over by the page: no element replaced, no hydration warning, no layout shift', async () => {
    const w = await harness.newPage({ width: 1280, height: 800 });
    await w.page.addInitScript(() => {
      const record = window as unknown as { __replaced: number; __shift: number };
      record.__replaced = 0;
      record.__shift = 0;
      new MutationObserver((list) => {
        for (const m of list) record.__replaced += [...m.removedNodes].filter((n) => n.nodeType === 1).length;
      }).observe(document, { childList: true, subtree: false });
      document.addEventListener('DOMContentLoaded', () => {
        const root = document.getElementById('root');
        if (root)
          new MutationObserver((list) => {
            for (const m of list) record.__replaced += m.removedNodes.length;
          }).observe(root, { childList: true });
      });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!e.hadRecentInput) record.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await w.page.goto(`${harness.server.origin}/`);
    await waitForMap(w.page);
    await w.page.waitForTimeout(300);
    const { replaced, shift } = await w.page.evaluate(() => {
      const r = window as unknown as { __replaced: number; __shift: number };
      return { replaced: r.__replaced, shift: r.__shift };
    });
    expect(replaced, 'children of #root replaced').toBe(0);
    expect(shift, 'cumulative layout shift').toBeLessThanOrEqual(0.02);
    expectClean(w);
    await w.page.close();
  });
});

describe('before MapLibre', () => {
  it('the SVG map answers: a click opens El Salvador, a filter recolours it, a marker opens its dialog', async () => {
    const { w } = await withMapLibreHeld({ width: 1280, height: 800 });
    await w.page.goto(`${harness.server.origin}/`);
    await waitForMap(w.page, 'svg');
    const region = w.page.getByRole('region', { name: /map/i });
    expect(await region.getAttribute('aria-busy')).toBe('false');
    const p = await pointOn(w.page, 'SLV');
    await w.page.mouse.click(p.x, p.y);
    await w.page.getByRole('complementary', { name: 'El Salvador' }).waitFor();
    const before = await fillOf(w.page, 'SLV');
    await w.page.getByRole('checkbox', { name: 'State of exception' }).uncheck();
    await expect.poll(() => fillOf(w.page, 'SLV')).not.toBe(before);
    const marker = region.getByRole('button', { name: /links?,/ }).first();
    await marker.click();
    await w.page.getByRole('dialog').first().waitFor();
    expect(await region.getAttribute('data-renderer')).toBe('svg');
    expectClean(w);
    await w.page.close();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 667 },
  ])
    it(`MapLibre takes over keeping the selection, filter, date and focus, with ≤ 3 % of the map's pixels changed (${viewport.width} px)`, async () => {
      const { w, release } = await withMapLibreHeld(viewport);
      await w.page.goto(`${harness.server.origin}/`);
      await waitForMap(w.page, 'svg');
      if (viewport.width <= 640) await w.page.getByRole('button', { name: /types/i }).click();
      await w.page.getByRole('checkbox', { name: 'Military deployment' }).uncheck();
      const slider = w.page.getByRole('slider');
      await slider.focus();
      for (let i = 0; i < 12; i++) await w.page.keyboard.press('ArrowLeft');
      const month = await slider.getAttribute('aria-valuetext');
      await w.page.locator('.map-labels button[data-country="HND"]').click();
      await w.page.getByRole('complementary', { name: 'Honduras' }).waitFor();
      await slider.focus();
      await w.page.waitForTimeout(300);
      const box = await mapInView(w.page);
      const before = await w.page.screenshot();
      await release();
      await waitForMap(w.page, 'webgl');
      await w.page.waitForTimeout(300);
      expect(await mapInView(w.page)).toEqual(box);
      const after = await w.page.screenshot();
      writeFileSync(join(SCREENSHOTS, `switch-${viewport.width}-svg.png`), before);
      writeFileSync(join(SCREENSHOTS, `switch-${viewport.width}-maplibre.png`), after);
      const changed = await pixelDifference(w.page, before, after, box);
      console.log(`${viewport.width} px: ${(changed * 100).toFixed(2)} % of the map's pixels changed at the switch`);
      expect(changed).toBeLessThanOrEqual(0.03);
      expect(await w.page.getByRole('complementary', { name: 'Honduras' }).count()).toBe(1);
      expect(await w.page.getByRole('checkbox', { name: 'Military deployment' }).isChecked()).toBe(false);
      expect(await slider.getAttribute('aria-valuetext')).toBe(month);
      expect(await slider.evaluate((el) => el === document.activeElement)).toBe(true);
      expectClean(w);
      await w.page.close();
    });
});

describe('MapLibre waits for the reader', () => {
  it('starts at the first move over the map, not before, and then takes over', async () => {
    const browser = await launchBrowser({ width: 1280, height: 800 }, [], false);
    try {
      const w = watch(await browser.context.newPage(), harness.server.origin);
      await w.page.goto(`${harness.server.origin}/`);
      await waitForMap(w.page, 'svg');
      await w.page.waitForTimeout(1500);
      const region = w.page.getByRole('region', { name: /map/i });
      expect(await region.getAttribute('data-renderer')).toBe('svg');
      expect(await w.page.locator('.maplibregl-canvas').count()).toBe(0);
      const box = await region.boundingBox();
      await w.page.mouse.move((box?.x ?? 0) + 4, (box?.y ?? 0) + 4);
      await waitForMap(w.page, 'webgl');
      expectClean(w);
    } finally {
      await browser.close();
    }
  });
});

describe('the first paint agrees with the settled page', () => {
  for (const query of ['', '?lang=es', '?theme=dark', '?country=SLV', '?embed=1'])
    for (const viewport of [
      { width: 375, height: 667 },
      { width: 1280, height: 800 },
    ])
      it(`${query || 'the default view'} at ${viewport.width} px`, async () => {
        const w = await harness.newPage(viewport);
        // Before the app's code: only index.html and its first script.
        await w.page.route(/\.m?js$/, (route) => route.abort());
        await w.page.goto(`${harness.server.origin}/${query}`);
        await w.page.waitForTimeout(200);
        const name = `${query.replace(/[?=&]/g, '-') || '-default'}-${viewport.width}`;
        await w.page.screenshot({ path: join(SCREENSHOTS, `first-paint${name}-first.png`) });
        const heading = w.page.getByRole('heading', { level: 1 });
        const shown = await heading.isVisible();
        const first = shown
          ? { title: await heading.textContent(), map: await w.page.locator('section.map').boundingBox() }
          : null;
        await w.page.unroute(/\.m?js$/);
        const settled = await harness.newPage(viewport);
        await settled.page.goto(`${harness.server.origin}/${query}`);
        await waitForMap(settled.page);
        await settled.page.screenshot({ path: join(SCREENSHOTS, `first-paint${name}-settled.png`) });
        if (query === '') {
          // The prerender is this view: the same title and the map in the same place.
          expect(first).not.toBeNull();
          expect(first?.title).toBe(await settled.page.getByRole('heading', { level: 1 }).textContent());
          const map = await settled.page.locator('section.map').boundingBox();
          expect(Math.abs((first?.map?.y ?? 0) - (map?.y ?? 0))).toBeLessThan(1);
          expect(Math.abs((first?.map?.height ?? 0) - (map?.height ?? 0))).toBeLessThan(1);
        } else {
          // Another view: nothing of the prerender shows before the page renders the reader's own.
          expect(shown).toBe(false);
        }
        w.errors.splice(0); // the aborted scripts
        expectClean(settled);
        await w.page.close();
        await settled.page.close();
      });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALETTES } from '../../src/data/palette.ts';
import { FOCUS_COUNTRIES } from '../fixtures/story.ts';
import {
  clickablePoint,
  distinctColours,
  pixelAt,
  SCREENSHOTS,
  startHarness,
  type Watched,
  waitForMap,
} from './harness.ts';

const NAMES: Record<string, string> = {
  GTM: 'Guatemala',
  SLV: 'El Salvador',
  HND: 'Honduras',
  CRI: 'Costa Rica',
  ECU: 'Ecuador',
  CHL: 'Chile',
} as const;

let harness: Awaited<ReturnType<typeof startHarness>>;
const pages: Watched[] = [];

beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await harness?.stop();
});

async function open(viewport = { width: 1280, height: 800 }, path = '/'): Promise<Watched> {
  const w = await harness.newPage(viewport);
  pages.push(w);
  await w.page.goto(harness.server.origin + path);
  await waitForMap(w.page);
  return w;
}

function expectClean(w: Watched) {
  expect(w.errors, 'console errors').toEqual([]);
  expect(w.foreign, 'requests to other origins').toEqual([]);
}

const panel = (w: Watched, name: string) => w.page.getByRole('complementary', { name });

describe('the map in a real browser', () => {
  it('becomes ready and draws the countries (canvas not blank), with no errors and no foreign requests', async () => {
    const w = await open();
    expect(await w.page.getByRole('region', { name: /map/i }).getAttribute('aria-busy')).toBe('false');
    expect(await distinctColours(w.page, '.map canvas')).toBeGreaterThan(20);
    // The sea, a context country and at least one count colour are on screen.
    const p = await clickablePoint(w.page, 'CHL');
    expect(p).not.toBeNull();
    const colour = await pixelAt(w.page, p!.x, p!.y);
    const hex = `#${colour.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(PALETTES.light.counts as readonly string[]).toContain(hex);
    await w.page.close();
    expectClean(w);
  });

  it('opens each of the six countries by a real mouse click on its polygon', async () => {
    const w = await open({ width: 1280, height: 900 });
    for (const iso of FOCUS_COUNTRIES) {
      const p = await clickablePoint(w.page, iso);
      expect(p, `${iso} has a clickable point`).not.toBeNull();
      await w.page.mouse.click(p!.x, p!.y);
      await expect.poll(() => panel(w, NAMES[iso] as string).count()).toBe(1);
      expect(
        await panel(w, NAMES[iso] as string)
          .getByRole('heading', { level: 2 })
          .textContent(),
      ).toBe(NAMES[iso] as string);
    }
    expectClean(w);
  });

  it('opens each country by its button and by its label on the map', async () => {
    const w = await open();
    for (const iso of FOCUS_COUNTRIES) {
      await w.page
        .getByRole('navigation', { name: 'Countries' })
        .getByRole('button', { name: new RegExp(`^${NAMES[iso] as string}`) })
        .click();
      await expect.poll(() => panel(w, NAMES[iso] as string).count()).toBe(1);
      await w.page.keyboard.press('Escape');
      await expect.poll(() => panel(w, NAMES[iso] as string).count()).toBe(0);
      await w.page.locator(`.map-labels button[data-country="${iso}"]`).click();
      await expect.poll(() => panel(w, NAMES[iso] as string).count()).toBe(1);
    }
    expectClean(w);
  });

  it('filters the panel and the map colours by measure type; Esc closes the panel', async () => {
    const w = await open();
    const { page } = w;
    await page
      .getByRole('navigation', { name: 'Countries' })
      .getByRole('button', { name: /^Guatemala/ })
      .click();
    const gt = panel(w, 'Guatemala');
    // The measures come with the sourced records (fetched when the reader first acts).
    await gt.getByRole('article').first().waitFor();
    const before = await gt.getByRole('article').count();
    const p = await clickablePoint(page, 'GTM');
    const colourBefore = await pixelAt(page, p!.x, p!.y);

    await page
      .getByRole('group', { name: /measure type/ })
      .getByRole('checkbox', { name: 'State of exception' })
      .uncheck();
    await expect.poll(() => gt.getByRole('article').count()).toBeLessThan(before);
    expect(await gt.getByRole('heading', { level: 3, name: 'State of exception' }).count()).toBe(0);
    await expect.poll(async () => (await pixelAt(page, p!.x, p!.y)).join()).not.toBe(colourBefore.join());
    await expect
      .poll(() =>
        page
          .getByRole('navigation', { name: 'Countries' })
          .getByRole('button', { name: /^Guatemala/ })
          .textContent(),
      )
      .not.toContain(`${before} measures`);

    await page.getByRole('button', { name: 'Show all types' }).first().click();
    await expect.poll(() => gt.getByRole('article').count()).toBe(before);

    await page.keyboard.press('Escape');
    await expect.poll(() => panel(w, 'Guatemala').count()).toBe(0);
    expectClean(w);
  });

  it('repaints counts in place: date steps and filter toggles change the colours and re-tile nothing', async () => {
    // Counts reach MapLibre as feature-state. A filter or a data-driven paint value would send every
    // tile back through its worker (two or three frames per step, the long tail of a step's latency).
    const w = await open();
    const { page } = w;
    await page.evaluate(`window.__tiles = 0;
      window.__POLICY_MAP__.on('sourcedata', (e) => { if (e.tile) window.__tiles++; });`);
    const p = await clickablePoint(page, 'GTM');
    if (!p) throw new Error('Guatemala has no clickable point');
    const pixel = async () => (await pixelAt(page, p.x, p.y)).join();
    const asOf = await pixel();
    const slider = page.getByRole('slider', { name: /date|month/i });
    await slider.focus();
    await page.keyboard.press('Home'); // the first month: Guatemala had taken no measure yet
    await expect.poll(pixel).not.toBe(asOf);
    await page.keyboard.press('End');
    await expect.poll(pixel).toBe(asOf);
    const filter = page.getByRole('group', { name: /measure type/ });
    await filter.getByRole('checkbox', { name: 'State of exception' }).uncheck();
    await expect.poll(pixel).not.toBe(asOf);
    await filter.getByRole('checkbox', { name: 'State of exception' }).check();
    await expect.poll(pixel).toBe(asOf);
    expect(await page.evaluate('window.__tiles')).toBe(0);
    expectClean(w);
  });

  it('saves screenshots at 320, 768 and 1280 px', async () => {
    for (const width of [320, 768, 1280]) {
      const w = await open({ width, height: width === 320 ? 640 : 900 });
      await w.page.screenshot({ path: join(SCREENSHOTS, `map-${width}.png`), fullPage: true });
      await w.page
        .getByRole('navigation', { name: 'Countries' })
        .getByRole('button', { name: /^El Salvador/ })
        .click();
      await w.page.screenshot({ path: join(SCREENSHOTS, `panel-${width}.png`), fullPage: width !== 320 });
      await w.page.close();
      expectClean(w);
    }
  });
});

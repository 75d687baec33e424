/**
 * The map room's controller in a real browser: one resize per size change, and on phones the
 * selected country never sits under the bottom sheet (issue 21, defect 7).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Watched, waitForMap } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

async function open(viewport: { width: number; height: number }, path = '/'): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(harness.server.origin + path);
  await waitForMap(w.page);
  return w;
}

/** The lowest point where the map draws a country, in px from the map's top edge, or null. */
function lowestPoint(page: Page, iso3: string): Promise<number | null> {
  return page.evaluate((id) => {
    const map = window.__POLICY_MAP__ as unknown as {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(p: [number, number], o: { layers: string[] }): { id?: string | number }[];
    };
    const rect = map.getCanvas().getBoundingClientRect();
    let lowest: number | null = null;
    for (let y = 1; y < rect.height - 1; y += 4)
      for (let x = 1; x < rect.width - 1; x += 4)
        if (map.queryRenderedFeatures([x, y], { layers: ['focus-fill'] })[0]?.id === id) {
          lowest = y;
          break;
        }
    return lowest;
  }, iso3);
}

/** The map, idle after a change (the camera moved, tiles drawn). */
const idle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__POLICY_MAP__ as unknown as {
          once(t: string, f: () => void): void;
          triggerRepaint(): void;
        };
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );

describe('the map room in a real browser', () => {
  it('resizes the map once when the window changes size (MapLibre’s own tracking is off)', async () => {
    const w = await open({ width: 1280, height: 800 });
    await w.page.evaluate(() => {
      const map = window.__POLICY_MAP__ as unknown as { on(t: string, f: () => void): void };
      const sizes: string[] = [];
      Reflect.set(window, '__resizes', sizes);
      const frame = document.querySelector('.map-canvas') as HTMLElement;
      map.on('resize', () => sizes.push(`${frame.clientWidth}×${frame.clientHeight}`));
    });
    await w.page.setViewportSize({ width: 1100, height: 760 });
    await idle(w.page);
    await w.page.waitForTimeout(300);
    // One resize, at the frame's final size (not one per step of the page's layout, nor MapLibre's own too).
    const sizes = await w.page.evaluate(() => Reflect.get(window, '__resizes'));
    const final = await w.page.locator('.map-canvas').evaluate((el) => `${el.clientWidth}×${el.clientHeight}`);
    expect(sizes).toEqual([final]);
    expect(w.errors).toEqual([]);
  });

  it('at 375 px keeps Chile above the bottom sheet while its panel is open, and returns when it closes', async () => {
    const w = await open({ width: 375, height: 740 });
    const { page } = w;
    const before = await lowestPoint(page, 'CHL');
    expect(before).not.toBeNull();
    // Chile's label on the map: the map stays where it is on the page.
    await page.locator('.map-labels button[data-country="CHL"]').click();
    const sheet = page.getByRole('complementary', { name: 'Chile' });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await page.waitForTimeout(400); // the sheet's 0.2 s transition, then the map's fit
    await idle(page);
    const frameTop = () => page.locator('.map-canvas').evaluate((el) => el.getBoundingClientRect().top);
    const sheetTop = await sheet.evaluate((el) => el.getBoundingClientRect().top);
    expect(
      (before as number) + (await frameTop()),
      'without the fit, the sheet would hide Chile’s south',
    ).toBeGreaterThan(sheetTop);
    const shown = await lowestPoint(page, 'CHL');
    expect(shown).not.toBeNull();
    // On screen: the map's top at the screen's top (the page scrolled to it), Chile above the sheet.
    expect(await frameTop()).toBeGreaterThan(-1);
    expect((shown as number) + (await frameTop())).toBeLessThanOrEqual(sheetTop);
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    await idle(page);
    // (Esc gives focus back to Chile's button in the list, which scrolls the page: hence frame px.)
    expect(await lowestPoint(page, 'CHL')).toBe(before);
    expect(w.errors).toEqual([]);
  });

  it('at 375 px an address that opens Chile (a link, a story step) shows it above the sheet from the start', async () => {
    const w = await open({ width: 375, height: 740 }, '/?country=CHL');
    const { page } = w;
    const sheet = page.getByRole('complementary', { name: 'Chile' });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await page.waitForTimeout(400);
    await idle(page);
    const frameTop = await page.locator('.map-canvas').evaluate((el) => el.getBoundingClientRect().top);
    const sheetTop = await sheet.evaluate((el) => el.getBoundingClientRect().top);
    const shown = await lowestPoint(page, 'CHL');
    expect(shown).not.toBeNull();
    expect((shown as number) + frameTop).toBeLessThanOrEqual(sheetTop);
    expect(w.errors).toEqual([]);
  });
});

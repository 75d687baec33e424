/**
 * Issue 18 §5 in the browser: each of the six panels has its timeline (one row per measure), axe
 * finds nothing in a panel with it in either language or theme, it fits the phones' sheet at
 * 320 px, and a row takes the reader to the measure's article.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryName } from '../../src/data/story.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { axe, startHarness, type Watched, waitForMap } from './harness.ts';

const data = loadPolicyData('src/data/content');

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function open(query: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(`${harness.server.origin}/?${query}`);
  await waitForMap(w.page);
  return w;
}

const timeline = (page: Page, name: string | RegExp = 'Timeline') => page.getByRole('figure', { name });

describe('each country’s timeline', () => {
  it('is in each of the six panels, one row per measure', async () => {
    for (const file of data.countries) {
      const w = await open(`country=${file.country}`);
      const panel = w.page.getByRole('complementary', { name: countryName(data, file.country, 'en') });
      await panel.waitFor();
      const figure = timeline(w.page);
      await figure.waitFor();
      expect(await panel.getByRole('figure', { name: 'Timeline' }).count(), file.country).toBe(1);
      expect(await figure.getByRole('button').count(), file.country).toBe(file.measures.length);
      expect(w.errors, file.country).toEqual([]);
      await w.page.close();
    }
  });

  it('leaves axe nothing to report, in English and in Spanish, light and dark', async () => {
    for (const [query, name] of [
      ['country=SLV', 'Timeline'],
      ['country=HND&lang=es', 'Cronología'],
      ['country=CRI&theme=dark&lang=es&date=2025-06&types=state-of-exception,max-security-prison', 'Cronología'],
    ] as const) {
      const w = await open(query);
      await timeline(w.page, name).waitFor();
      expect(await axe(w.page), query).toEqual([]);
      await w.page.close();
    }
  });

  it('fits the phones’ sheet at 320 px, and passes axe there', async () => {
    const w = await open('country=CHL', { width: 320, height: 640 });
    const figure = timeline(w.page);
    await figure.scrollIntoViewIfNeeded();
    const fits = await figure.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const body = (el.closest('.panel-body') as HTMLElement).getBoundingClientRect();
      return box.left >= body.left && box.right <= body.right && el.scrollWidth <= el.clientWidth;
    });
    expect(fits).toBe(true);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('takes the reader to a measure’s article from its row (Enter), moving the date when it comes later', async () => {
    const w = await open('country=SLV&date=2022-04');
    const { page } = w;
    const row = timeline(page).getByRole('button', { name: /^CECOT mega-prison: announced: 21 June 2022/ });
    await row.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('CECOT mega-prison');
    await expect.poll(() => page.url()).toContain('date=2022-06');
    const rule = await page.locator('.ct-rule').evaluate((el) => (el as HTMLElement).style.left);
    expect(Number.parseFloat(rule)).toBeLessThan(10);
    expect(w.errors).toEqual([]);
    await page.close();
  });
});

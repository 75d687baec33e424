import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, SCREENSHOTS, startHarness, type Watched, waitForMap } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function open(path = '/', viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(harness.server.origin + path);
  // The table and overview views keep the map hidden; wait for their own content instead.
  if (/view=(table|overview)/.test(path)) await w.page.getByRole('table').first().waitFor();
  else await waitForMap(w.page);
  return w;
}

const openCountry = async (page: Page, name: string) => {
  await page
    .getByRole('navigation', { name: /Countries|Países/ })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
  await page.getByRole('complementary', { name }).waitFor();
};

describe('axe-core reports zero violations', () => {
  it('on the map view, with the policy links and prison symbols shown', async () => {
    const w = await open();
    // One marker per pair of places: 7 for the 16 links at "as of".
    expect(
      await w.page.getByRole('group', { name: 'Policy links between countries' }).getByRole('button').count(),
    ).toBe(7);
    expect(await w.page.locator('.facility').count()).toBe(2);
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('with a pair of places’ policy links dialog open, in both languages', async () => {
    for (const [query, name] of [
      ['/', /^Chile and El Salvador: 3 links, April 2024 – March 2026$/],
      ['/?lang=es', /^Chile y El Salvador: 3 vínculos, abril de 2024 – marzo de 2026$/],
    ] as const) {
      const w = await open(query);
      await w.page.getByRole('button', { name }).click();
      await w.page.getByRole('dialog').waitFor();
      expect(await axe(w.page), query).toEqual([]);
      await w.page.close();
    }
  });

  it('with a country panel open', async () => {
    const w = await open();
    await openCountry(w.page, 'El Salvador');
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('on the table view', async () => {
    const w = await open('/?view=table');
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('on the overview matrix', async () => {
    const w = await open('/?view=overview');
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('in Spanish', async () => {
    const w = await open('/?lang=es');
    expect(await w.page.evaluate(() => document.documentElement.lang)).toBe('es');
    await openCountry(w.page, 'Honduras');
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('in the dark theme', async () => {
    const w = await open('/?theme=dark');
    await openCountry(w.page, 'Ecuador');
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });

  it('at 320 px with the bottom sheet open', async () => {
    const w = await open('/', { width: 320, height: 640 });
    await openCountry(w.page, 'Chile');
    expect(await axe(w.page)).toEqual([]);
    await w.page.close();
  });
});

describe('keyboard only', () => {
  it('Tab to a country, open it, read a measure, reach its source link, Esc back with focus restored', async () => {
    const w = await open();
    const { page } = w;
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          tag: el?.tagName,
          country: el?.closest('.country-button') ? el.textContent : null,
          inArticle: !!el?.closest('article'),
          href: el?.getAttribute('href') ?? null,
          heading: el?.matches('h2') ? el.textContent : null,
        };
      });
    let state = await active();
    for (let i = 0; i < 60 && !state.country?.startsWith('Honduras'); i++) {
      await page.keyboard.press(state.country ? 'ArrowRight' : 'Tab');
      state = await active();
    }
    expect(state.country).toMatch(/^Honduras, \d+ measures$/);
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Honduras' }).waitFor();
    // The panel follows the selection's frame (a deferred render), and focus moves with it.
    await expect.poll(async () => (await active()).heading).toBe('Honduras');

    // Read on: Tab through the panel until a source link inside a measure.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      state = await active();
      if (state.inArticle && state.href?.startsWith('https://')) break;
    }
    expect(state.inArticle).toBe(true);
    expect(state.href).toMatch(/^https:\/\//);
    const link = page.locator(':focus');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('complementary', { name: 'Honduras' }).count()).toBe(0);
    expect((await active()).country).toMatch(/^Honduras/);
    // Focus is visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    expect(w.errors).toEqual([]);
    await page.close();
  });
});

describe('table downloads', () => {
  it('the CSV has exactly the rows shown, in the order shown, with BOM, source URLs, licence and version', async () => {
    const w = await open('/?view=table');
    const { page } = w;
    await page.getByRole('checkbox', { name: 'Military deployment' }).uncheck();
    await page.getByRole('button', { name: 'Sort by Started' }).click();
    const visible = await page.getByRole('table').getByRole('rowheader').allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /as CSV/ }).click(),
    ]);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // csv-parse, the same maintained parser the spreadsheet import uses; records must end in CRLF.
    const rows = parse(bytes, { bom: true, record_delimiter: '\r\n' }) as string[][];
    expect(rows[0]).toEqual([
      'Country',
      'Type',
      'Measure',
      'Status',
      'Announced',
      'Started',
      'Ended',
      'Key figure',
      'Sources',
      'Facts as of',
      'Data version',
      'Licence',
      'Credit',
      'Corrections and updates',
    ]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(visible);
    expect(visible.length).toBe(21);
    expect(rows.slice(1).every((r) => /https?:\/\//.test(r[8] ?? ''))).toBe(true);
    // Every row names the data it came from: "as of", the version shown in the header, the licence.
    const version = (await page.getByRole('banner').textContent())?.match(/ · version ([0-9a-f]{8})/)?.[1];
    expect(version).toBeDefined();
    for (const r of rows.slice(1))
      expect(r.slice(9, 12)).toEqual(['2026-03-13', version, 'CC BY 4.0 https://creativecommons.org/licenses/by/4.0/']);
    await page.close();
  });
});

describe('phones', () => {
  it('at 320 px: no horizontal scroll in any view, and a bottom sheet that leaves the map reachable', async () => {
    const w = await open('/', { width: 320, height: 640 });
    const { page } = w;
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-320-map.png'), fullPage: true });

    await openCountry(page, 'El Salvador');
    const sheet = page.getByRole('complementary', { name: 'El Salvador' });
    const box = (await sheet.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(640 * 0.45); // about half the screen
    expect(box.y + box.height).toBeLessThanOrEqual(641);
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-320-sheet.png') });

    await sheet.getByRole('button', { name: 'Expand details' }).click();
    await expect.poll(async () => (await sheet.boundingBox())!.y).toBeLessThan(box.y);
    const expanded = (await sheet.boundingBox())!;
    expect(expanded.y).toBeGreaterThanOrEqual(60); // never the whole screen: the top stays visible
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-320-sheet-expanded.png') });
    await sheet.getByRole('button', { name: 'Collapse details' }).click();
    await sheet.getByRole('button', { name: 'Close El Salvador' }).click();
    await expect.poll(() => sheet.count()).toBe(0);

    for (const view of ['table', 'overview']) {
      await page.getByRole('tab', { name: view === 'table' ? 'Table' : 'Overview' }).click();
      expect(await overflow(), view).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, `phone-320-${view}.png`), fullPage: true });
    }
    expect(w.errors).toEqual([]);
    await page.close();
  });
});

describe('source lists', () => {
  it('show a two-digit source number whole, in a country panel’s measures and links (issue 21, defect 8)', async () => {
    const w = await open('/?country=GTM');
    const { page } = w;
    // The panel's measures (with their numbered sources) arrive with the records.
    await page.getByRole('complementary', { name: 'Guatemala' }).getByRole('article').first().waitFor();
    const clipped = await page.evaluate(() => {
      const canvas = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      const out: string[] = [];
      let checked = 0;
      for (const li of document.querySelectorAll<HTMLLIElement>('ol li[value]')) {
        if (li.value < 10) continue;
        const ol = li.parentElement as HTMLElement;
        const style = getComputedStyle(li);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        // The marker ("13. ") is drawn in the list's left padding: it must fit there.
        const need = canvas.measureText(`${li.value}. `).width;
        const room = Number.parseFloat(getComputedStyle(ol).paddingLeft) + Number.parseFloat(style.paddingLeft);
        checked++;
        if (need > room) out.push(`${li.value}: needs ${need.toFixed(1)} px, has ${room.toFixed(1)}`);
      }
      return { out, checked };
    });
    expect(clipped.checked).toBeGreaterThan(0);
    expect(clipped.out).toEqual([]);
    await page.close();
  });
});

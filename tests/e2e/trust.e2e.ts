/**
 * Issue 20 in Chromium: "About this data" opens and closes by keyboard in both languages and in an
 * embed, lists the corrections newest first, and passes axe while open; "Cite this" copies a
 * citation holding the "as of" date and the current view's URL.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dataset from '../../src/data/content/dataset.json' with { type: 'json' };
import { axe, startHarness, type Watched, waitForMap } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(harness.server.origin + path);
  await waitForMap(w.page);
  return w;
}

const CASES = [
  { path: '/', button: 'About this data', methods: 'How this was made', log: 'Corrections and updates', lang: 'en' },
  {
    path: '/?lang=es',
    button: 'Sobre estos datos',
    methods: 'Cómo se hizo',
    log: 'Correcciones y actualizaciones',
    lang: 'es',
  },
  {
    path: '/?embed=1',
    button: 'About this data',
    methods: 'How this was made',
    log: 'Corrections and updates',
    lang: 'en',
  },
] as const;

describe('About this data', () => {
  it.each(CASES)(
    'opens and closes by keyboard, with the methods note and the log, and passes axe ($path)',
    async (c) => {
      const w = await open(c.path, c.path.includes('embed') ? { width: 375, height: 740 } : undefined);
      const { page } = w;
      const button = page.getByRole('button', { name: c.button });
      await button.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: c.button });
      await dialog.waitFor();
      // Focus moved into the modal dialog.
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      await dialog.getByRole('heading', { level: 3, name: c.methods }).waitFor();
      // The methods note's sections arrive with the records.
      for (const m of dataset.methods)
        await dialog.getByRole('heading', { level: 4, name: m.heading[c.lang] }).waitFor({ timeout: 10_000 });
      await dialog.getByRole('heading', { level: 3, name: c.log }).waitFor();
      const entries = dialog.getByRole('list').last().getByRole('listitem');
      expect(await entries.count()).toBe(dataset.corrections.length);
      const dates = await entries.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
      expect(dates).toEqual([...dates].sort().reverse());
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Focus returns to the button that opened it.
      expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
      expect(w.errors).toEqual([]);
      expect(w.foreign).toEqual([]);
      await page.close();
    },
  );

  it('a corrected measure says so in its country’s panel', async () => {
    const corrected = dataset.corrections.find((c) => c.ids.some((id) => id.startsWith('gt-')));
    if (!corrected) throw new Error('the shipped log corrects no Guatemalan measure: this test needs one');
    const w = await open('/?country=GTM');
    const panel = w.page.getByRole('complementary', { name: 'Guatemala' });
    await panel.getByText(corrected.text.en).first().waitFor();
    expect(await panel.getByText(/^Corrected on \d+ \w+ \d{4}:$/).count()).toBeGreaterThan(0);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('Cite this', () => {
  it('copies a citation with the "as of" date, the data version and the current view’s URL; axe passes', async () => {
    const w = await open('/?country=SLV');
    const { page } = w;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.server.origin });
    await page.getByRole('button', { name: 'Share or embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share or embed this view' });
    await dialog.getByRole('button', { name: 'Copy Cite this' }).click();
    await dialog.getByText('Copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('facts as of 13 March 2026');
    expect(copied).toMatch(/data version [0-9a-f]{8}/);
    expect(copied).toContain(`${harness.server.origin}/?country=SLV`);
    expect(copied).toContain('Data licence: CC BY 4.0');
    expect(await axe(page)).toEqual([]);
    expect(w.errors).toEqual([]);
    await page.close();
  });
});

/**
 * Issue 18 §4 in a real browser: one arc and one marker per pair of places. At the "as of" date the
 * links group has one marker per pair, each on the map, covering no country label, prison symbol,
 * caption, control or other marker, from a 320 px phone to a laptop; a pair's dialog lists its
 * links and passes axe; in a story step, the pairs holding none of its links are faded.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappedFacilities } from '../../src/data/facilities.ts';
import { pairFaded, pairName, pairsAt, pairTitle } from '../../src/data/links.ts';
import { storySteps } from '../../src/data/steps.ts';
import { asOfMonth } from '../../src/data/timeline.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { axe, startHarness, type Watched, waitForMap } from './harness.ts';

const data = loadPolicyData();
let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function open(query = '', viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(`${harness.server.origin}/${query}`);
  await waitForMap(w.page);
  return w;
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const boxesOf = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );

/** The pair markers (by accessible name) and everything they must keep clear of, in page px. */
async function markerLayout(page: Page) {
  const group = page.getByRole('group', { name: 'Policy links between countries' });
  const markers: (Box & { name: string })[] = [];
  for (const p of pairsAt(data, asOfMonth(data))) {
    const name = pairName(data, p, 'en');
    const box = await group.getByRole('button', { name, exact: true }).boundingBox();
    expect(box, name).not.toBeNull();
    markers.push({ name, ...(box as Box) });
  }
  const symbols: Box[] = [];
  for (const f of mappedFacilities(data).filter((x) => x.exists)) {
    const box = await page.getByRole('button', { name: f.title.en, exact: true }).boundingBox();
    if (box) symbols.push(box);
  }
  return {
    markers,
    count: await group.getByRole('button').count(),
    // Pointer-only (hidden from assistive technology, their buttons are the country list's): by class.
    labels: await boxesOf(page, '.map-label'),
    others: [
      ...symbols,
      ...(await boxesOf(page, '.inset-caption, .map-date, .maplibregl-ctrl, .map-link-tag')).filter((b) => b.width),
    ],
    map: (await page.getByRole('region', { name: /map/i }).first().boundingBox()) as Box,
  };
}

describe('one marker per pair of places', () => {
  for (const viewport of [
    { width: 320, height: 640 },
    { width: 375, height: 740 },
    { width: 1280, height: 800 },
  ])
    it(`at "as of", 7 markers on the map, each clear of labels, prison symbols and each other, at ${viewport.width} px`, async () => {
      const w = await open('', viewport);
      const { markers, count, labels, others, map } = await markerLayout(w.page);
      expect(markers).toHaveLength(7);
      expect(count).toBe(7);
      for (const [i, m] of markers.entries()) {
        expect(m.x >= map.x && m.y >= map.y, m.name).toBe(true);
        expect(m.x + m.width <= map.x + map.width && m.y + m.height <= map.y + map.height, m.name).toBe(true);
        for (const l of labels) expect(overlap(m, l), `${m.name} covers a label`).toBe(false);
        for (const o of others) expect(overlap(m, o), `${m.name} covers ${JSON.stringify(o)}`).toBe(false);
        for (const o of markers.slice(i + 1)) expect(overlap(m, o), `${m.name} / ${o.name}`).toBe(false);
      }
      // One arc per pair, arrowheads where its links point: both ends for Costa Rica and El
      // Salvador (links both ways), El Salvador's only for Chile's.
      const arcs = w.page.locator('.map-link-arcs path[data-pair]');
      expect(await arcs.count()).toBe(7);
      const ends = (key: string) =>
        w.page
          .locator(`.map-link-arcs path[data-pair="${key}"]`)
          .evaluate((p) => [p.hasAttribute('marker-start'), p.hasAttribute('marker-end')]);
      expect(await ends('CRI|SLV')).toEqual([true, true]);
      expect(await ends('CHL|SLV')).toEqual([false, true]);
      expect(w.errors).toEqual([]);
      await w.page.close();
    });
});

describe('a pair’s dialog', () => {
  it('lists the pair’s links with their sources, passes axe in both languages, and Esc returns focus', async () => {
    const pair = pairsAt(data, asOfMonth(data)).find((p) => p.key === 'CRI|SLV');
    if (!pair) throw new Error('no Costa Rica–El Salvador pair');
    for (const [lang, viewport] of [
      ['en', { width: 1280, height: 800 }],
      ['es', { width: 320, height: 640 }],
    ] as const) {
      const w = await open(lang === 'es' ? '?lang=es' : '', viewport);
      const marker = w.page.getByRole('button', { name: pairName(data, pair, lang), exact: true });
      await marker.click();
      const dialog = w.page.getByRole('dialog', { name: pairTitle(data, pair, lang) });
      await dialog.waitFor();
      expect(await dialog.getByRole('heading', { level: 3 }).count()).toBe(pair.links.length);
      // The sources come with the sourced records (fetched when the reader first acts).
      await dialog
        .getByRole('list', { name: /^(Sources|Fuentes)$/ })
        .first()
        .waitFor();
      expect(await dialog.getByRole('list', { name: /^(Sources|Fuentes)$/ }).count()).toBe(pair.links.length);
      expect(await axe(w.page), lang).toEqual([]);
      await w.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await marker.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(w.errors).toEqual([]);
      await w.page.close();
    }
  });
});

describe('a story step’s links', () => {
  it('draws the pairs holding the step’s links in full and fades the others, legibly (axe, dark theme)', async () => {
    const steps = storySteps(data);
    // The first step that emphasises links (the shipped story has several).
    const n = steps.findIndex((s) => s.links?.length) + 1;
    expect(n).toBeGreaterThan(0);
    const step = steps[n - 1] as (typeof steps)[number];
    const w = await open(`?step=${n}&theme=dark`);
    const group = w.page.getByRole('group', { name: 'Policy links between countries' });
    for (const p of pairsAt(data, step.month)) {
      const marker = group.getByRole('button', { name: pairName(data, p, 'en'), exact: true });
      expect(await marker.getAttribute('data-faded'), p.key).toBe(pairFaded(p, step.links ?? []) ? '' : null);
    }
    expect(await w.page.getByRole('figure', { name: /^Measures matching the filter/ }).textContent()).toContain(
      'In a story step, its links are drawn in full and the others faded.',
    );
    expect(await axe(w.page)).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

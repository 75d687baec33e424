/**
 * Issue 8 in a real browser: the date control and what follows it, the prison symbols and the
 * policy links on the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Watched, waitForMap } from './harness.ts';

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

/** The six country buttons' names, e.g. "El Salvador 3 measures". */
async function countryNames(w: Watched): Promise<string[]> {
  return w.page
    .getByRole('navigation', { name: 'Countries' })
    .getByRole('button')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe('the date', () => {
  it('at 2023-01 counts El Salvador 3, Honduras 1 and every other country 0; at "as of", today’s counts', async () => {
    const then = await open('?date=2023-01');
    const names = await countryNames(then);
    expect(names.find((n) => n.startsWith('El Salvador'))).toMatch(/\b3 measures/);
    expect(names.find((n) => n.startsWith('Honduras'))).toMatch(/\b1 measure\b/);
    for (const c of ['Guatemala', 'Costa Rica', 'Ecuador', 'Chile'])
      expect(
        names.find((n) => n.startsWith(c)),
        c,
      ).toMatch(/\bno measures\b/);
    const now = await open();
    expect((await countryNames(now)).join(' | ')).toMatch(
      /Guatemala,? 5 measures.*El Salvador,? 4 measures.*Honduras,? 5/,
    );
    expect(then.errors).toEqual([]);
    await then.page.close();
    await now.page.close();
  });

  it('drops from the address what the page ignored (a date outside the data), keeping a host’s parameters (issue 21, defect 12)', async () => {
    const w = await open('?date=9999-99&utm_source=news&country=SLV');
    expect(await w.page.evaluate(() => location.search)).toBe('?utm_source=news&country=SLV');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('Home on the focused date control goes to the first month and puts date= in the URL', async () => {
    const w = await open();
    const slider = w.page.getByRole('slider', { name: /date/i });
    expect(await slider.getAttribute('aria-valuetext')).toBe('March 2026');
    await slider.focus();
    await w.page.keyboard.press('Home');
    await expect.poll(() => new URL(w.page.url()).searchParams.get('date')).toBe('2022-03');
    expect(await slider.getAttribute('aria-valuetext')).toBe('March 2022');
    await w.page.keyboard.press('End');
    await expect.poll(() => new URL(w.page.url()).searchParams.has('date')).toBe(false);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('Play advances month by month, and Pause stops it', async () => {
    const w = await open('?date=2022-03');
    await w.page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => new URL(w.page.url()).searchParams.get('date'), { timeout: 5000 }).toBe('2022-05');
    await w.page.getByRole('button', { name: 'Pause' }).click();
    // The address bar follows the store within URL_SYNC_DELAY (100 ms).
    await w.page.waitForTimeout(300);
    const stopped = new URL(w.page.url()).searchParams.get('date');
    await w.page.waitForTimeout(1500);
    expect(new URL(w.page.url()).searchParams.get('date')).toBe(stopped);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('prisons on the map', () => {
  it('CECOT’s symbol opens El Salvador’s panel at the CECOT measure, by mouse and by keyboard', async () => {
    const w = await open();
    const cecot = w.page.getByRole('button', { name: 'CECOT mega-prison', exact: true });
    await cecot.click();
    const panel = w.page.getByRole('complementary', { name: 'El Salvador' });
    await panel.waitFor();
    await expect.poll(() => w.page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/CECOT/);
    await w.page.keyboard.press('Escape');
    await cecot.focus();
    await w.page.keyboard.press('Enter');
    await panel.waitFor();
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('leaves the Swan Islands plan off the map before it was announced', async () => {
    const w = await open('?date=2023-01');
    expect(await w.page.getByRole('button', { name: /Swan Islands/ }).count()).toBe(0);
    await w.page.close();
  });
});

/** The link markers' names and boxes, and the country labels' boxes, in the page's CSS px. */
async function linkLayout(w: Watched) {
  const group = w.page.getByRole('group', { name: /Policy links|Vínculos/ });
  const markers = await group.getByRole('button').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { name: e.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const labels = await w.page.locator('.map-label').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const map = (await w.page.getByRole('region', { name: /map/i }).first().boundingBox()) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };
  return { markers, labels, map };
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('policy links', () => {
  it('draws the 16 links at "as of" as 7 pairs of places, inside the map, covering no country label and no other marker, at 1280 and 375 px', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 740 },
    ]) {
      const w = await open('', viewport);
      const { markers, labels, map } = await linkLayout(w);
      expect(markers, `${viewport.width} px`).toHaveLength(7);
      for (const [i, m] of markers.entries()) {
        expect(m.x >= map.x && m.y >= map.y && m.x + m.width <= map.x + map.width, m.name).toBe(true);
        expect(m.y + m.height <= map.y + map.height, m.name).toBe(true);
        for (const l of labels) expect(overlap(m, l), `${m.name} covers a label at ${viewport.width} px`).toBe(false);
        for (const o of markers.slice(i + 1)) expect(overlap(m, o), `${m.name} / ${o.name}`).toBe(false);
      }
      expect(await w.page.locator('.map-link-arcs path[data-pair]').count()).toBe(7);
      expect(w.errors).toEqual([]);
      await w.page.close();
    }
  });

  it('Chile and El Salvador’s marker opens their links, the one of 30 January 2026 with its text and sources, by mouse; Esc returns focus to it', async () => {
    const w = await open();
    const marker = w.page.getByRole('button', { name: 'Chile and El Salvador: 3 links, April 2024 – March 2026' });
    await marker.click();
    const dialog = w.page.getByRole('dialog', { name: 'Chile and El Salvador' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/April 2024.*30 January 2026.*studied and adapted.*11 March 2026/s);
    // The link of 30 January 2026 (L3), under its heading; its sources come with the sourced
    // records (fetched when the reader first acts).
    const l3 = dialog.getByRole('listitem').filter({ hasText: 'Visit · 30 January 2026' }).first();
    await l3.getByRole('list', { name: 'Sources' }).waitFor();
    const sources = l3.getByRole('list', { name: 'Sources' }).getByRole('link');
    // CL-1 [1], [3], [6] (the "first meeting"), [7] and S0.
    expect(await sources.count()).toBe(5);
    for (const a of await sources.all()) {
      expect(await a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(await a.getAttribute('target')).toBe('_blank');
    }
    await w.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await marker.evaluate((el) => el === document.activeElement)).toBe(true);
    // Esc closed only the dialog: no panel was open, and none opened.
    expect(await w.page.getByRole('complementary', { name: 'Chile' }).count()).toBe(0);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('no link touches Costa Rica at ?date=2024-01; links and facilities are reached by Tab', async () => {
    const w = await open('?date=2024-01');
    const { markers } = await linkLayout(w);
    expect(markers.map((m) => m.name)).toEqual(['1Honduras and El Salvador: 1 link, July 2023']);
    const pairs = await w.page
      .locator('.map-link-arcs path[data-pair]')
      .evaluateAll((els) => els.map((e) => (e as SVGElement).dataset.pair));
    expect(pairs).toEqual(['HND|SLV']);
    // Keyboard: from the date slider, Tab reaches CECOT's symbol and the link, then Enter opens it.
    await w.page.getByRole('slider', { name: /date/i }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 40 && reached.length < 2; i++) {
      await w.page.keyboard.press('Tab');
      const name = await w.page.evaluate(() => document.activeElement?.textContent ?? '');
      if (name === 'CECOT mega-prison' || name.includes('Honduras and El Salvador')) reached.push(name);
    }
    expect(reached).toEqual(['CECOT mega-prison', '1Honduras and El Salvador: 1 link, July 2023']);
    await w.page.keyboard.press('Enter');
    await w.page.getByRole('dialog', { name: 'Honduras and El Salvador' }).waitFor();
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('the "Policy links" checkbox hides them and writes links=0; the URL brings them back off', async () => {
    const w = await open();
    await w.page.getByRole('checkbox', { name: 'Policy links' }).uncheck();
    await expect.poll(() => w.page.evaluate(() => location.search)).toContain('links=0');
    expect(await w.page.locator('.map-link-marker').count()).toBe(0);
    expect(await w.page.locator('.map-link-arcs path[data-pair]').count()).toBe(0);
    await w.page.reload();
    await waitForMap(w.page);
    expect(await w.page.getByRole('checkbox', { name: 'Policy links' }).isChecked()).toBe(false);
    expect(await w.page.locator('.map-link-marker').count()).toBe(0);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

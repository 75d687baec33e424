/**
 * Issue 11, point 2: any story runs with no code change. The same reader journeys — map ready, a
 * click on the map opens a panel, the filter, the date, the policy links, the table and its CSV, the
 * embed's height, axe — run on the shipped story (dist/) and on a second story with another region,
 * its own measure types, link kinds and facility (tests/fixtures/stories/caribbean, built here with
 * `POLICY_DATA=<folder> npm run build`). Every expectation is computed from the story's own files
 * with the app's data functions, so the journeys know no story either.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatDate } from '../../src/data/format.ts';
import { linkSources, pairName, pairsAt, pairTitle } from '../../src/data/links.ts';
import { countsByCountry } from '../../src/data/selectors.ts';
import { storySteps } from '../../src/data/steps.ts';
import { countryCodes, countryName, linkKindLabel, typeIds } from '../../src/data/story.ts';
import { asOfMonth, dateRange, monthsInRange } from '../../src/data/timeline.ts';
import { CONTENT_DIR, loadPolicyData, type PolicyData } from '../../src/tools/load-dataset.ts';
import { launchBrowser } from './browser.ts';
import { axe, clickablePoint, DIST, startHarness, waitForMap } from './harness.ts';
import { CAP, docHeight, embedOnHost, received, serveHost } from './host.ts';
import type { StaticServer } from './static-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The second story, and where its build goes (git-ignored). */
const SECOND_STORY = join(ROOT, 'tests/fixtures/stories/caribbean');
const SECOND_DIST = join(ROOT, 'tests/.results/dist-caribbean');

/** Builds a story as an editor would: `POLICY_DATA=<folder> npm run build` (data check, then vite). */
function buildStory(content: string, outDir: string): void {
  const r = spawnSync('npm', ['run', 'build', '--', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    env: { ...process.env, POLICY_DATA: content },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build of ${content} failed:\n${r.stdout}\n${r.stderr}`);
}

const STORIES = [
  { name: 'the shipped story', content: CONTENT_DIR, dist: DIST, build: false },
  { name: 'a second story (tests/fixtures/stories/caribbean)', content: SECOND_STORY, dist: SECOND_DIST, build: true },
];

/** The country list's names, "Jamaica, 2 measures", in order. */
const countryButtons = (page: Page) =>
  page.getByRole('navigation', { name: 'Countries' }).getByRole('button').allTextContents();

/** What the country list should say for `counts`. */
const expectedButtons = (data: PolicyData, counts: Record<string, number>) =>
  countryCodes(data).map((c) => `${countryName(data, c, 'en')}, ${formatCount(counts[c] ?? 0, 'en')}`);

for (const story of STORIES)
  describe(`reader journeys on ${story.name}`, () => {
    let harness: Awaited<ReturnType<typeof startHarness>>;
    let data: PolicyData;

    beforeAll(async () => {
      if (story.build) buildStory(story.content, story.dist);
      data = loadPolicyData(story.content);
      harness = await startHarness({ dist: story.dist });
    }, 180_000);
    afterAll(async () => {
      await harness?.stop();
    });

    async function open(path = '/') {
      const w = await harness.newPage({ width: 1280, height: 900 });
      await w.page.goto(harness.server.origin + path);
      if (/view=table/.test(path)) await w.page.getByRole('table').first().waitFor();
      else await waitForMap(w.page);
      return w;
    }

    it('map ready: the story’s title, its countries, a drawn map, no errors, nothing fetched from elsewhere', async () => {
      const w = await open();
      expect(await w.page.title()).toBe(data.meta.title.en);
      expect(await w.page.getByRole('heading', { level: 1 }).textContent()).toBe(data.meta.title.en);
      expect(await countryButtons(w.page)).toEqual(expectedButtons(data, countsByCountry(data, typeIds(data))));
      expect(await w.page.locator('.map canvas').count()).toBe(1);
      // The boundaries served are the story's own.
      const topo = await w.page.evaluate(async () => (await fetch('geo/region.topo.json')).json());
      const focus = (topo.objects.countries.geometries as { properties: { iso3: string; focus: boolean } }[])
        .filter((g) => g.properties.focus)
        .map((g) => g.properties.iso3);
      expect(focus.sort()).toEqual([...countryCodes(data)].sort());
      expect(w.errors).toEqual([]);
      expect(w.foreign).toEqual([]);
      await w.page.close();
    });

    it('a click on each country on the map opens its panel', async () => {
      const w = await open();
      for (const code of countryCodes(data)) {
        const name = countryName(data, code, 'en');
        const p = await clickablePoint(w.page, code);
        expect(p, `${code} has a clickable point`).not.toBeNull();
        await w.page.mouse.click((p as { x: number }).x, (p as { y: number }).y);
        const panel = w.page.getByRole('complementary', { name });
        await panel.waitFor();
        expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe(name);
        await expect.poll(() => new URL(w.page.url()).searchParams.get('country')).toBe(code);
      }
      expect(w.errors).toEqual([]);
      await w.page.close();
    });

    it('the filter: one type left, every count as the data says, and the URL keeps it', async () => {
      const w = await open();
      const [first, ...rest] = data.meta.types;
      for (const t of rest) await w.page.getByRole('checkbox', { name: t.label.en, exact: true }).uncheck();
      const counts = countsByCountry(data, [first?.id as string]);
      await expect.poll(() => countryButtons(w.page)).toEqual(expectedButtons(data, counts));
      await expect.poll(() => new URL(w.page.url()).searchParams.get('types')).toBe(first?.id);
      expect(w.errors).toEqual([]);
      await w.page.close();
    });

    it('the date: an earlier month shows what existed then', async () => {
      const all = typeIds(data);
      const now = JSON.stringify(countsByCountry(data, all));
      // The latest month whose picture differs from "as of" (every story has one: measures have dates).
      const month = monthsInRange(dateRange(data))
        .reverse()
        .find((m) => JSON.stringify(countsByCountry(data, all, m)) !== now);
      expect(month).toBeDefined();
      const w = await open(`/?date=${month}`);
      expect(await countryButtons(w.page)).toEqual(expectedButtons(data, countsByCountry(data, all, month)));
      expect(await w.page.getByRole('slider', { name: 'Date shown' }).getAttribute('aria-valuetext')).not.toBe(null);
      expect(w.errors).toEqual([]);
      await w.page.close();
    });

    it('the policy links: one named marker per pair of places, and a dialog listing its links with kind, date and sources', async () => {
      const w = await open();
      const pairs = pairsAt(data, asOfMonth(data));
      const group = w.page.getByRole('group', { name: 'Policy links between countries' });
      expect(await group.getByRole('button').count()).toBe(pairs.length);
      for (const p of pairs)
        expect(await group.getByRole('button', { name: pairName(data, p, 'en'), exact: true }).count(), p.key).toBe(1);
      const pair = pairs[0] as (typeof pairs)[number];
      const { link } = pair.links[0] as (typeof pair.links)[number];
      await group.getByRole('button', { name: pairName(data, pair, 'en'), exact: true }).click();
      const dialog = w.page.getByRole('dialog', { name: pairTitle(data, pair, 'en') });
      await dialog.waitFor();
      expect(await dialog.getByRole('heading', { level: 3 }).count()).toBe(pair.links.length);
      expect(await dialog.textContent()).toContain(linkKindLabel(data, link.kind, 'en'));
      // The sources come with the sourced records (fetched when the reader first acts).
      const sources = dialog.getByRole('list', { name: 'Sources' }).first();
      await sources.waitFor();
      expect(await sources.getByRole('listitem').count()).toBe(linkSources(data, link).length);
      await w.page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      expect(w.errors).toEqual([]);
      await w.page.close();
    });

    it('the story’s steps: step=1, Next writes step=2 and moves the slider; → and ← move; the live region says each', async () => {
      const steps = storySteps(data);
      expect(steps.length).toBeGreaterThanOrEqual(3);
      const w = await open('/?step=1');
      const story = w.page.getByRole('group', { name: 'Story' });
      await expect.poll(() => story.getByText(`Step 1 of ${steps.length}`).count()).toBe(1);
      await story.getByRole('button', { name: /Next step/ }).click();
      await expect.poll(() => w.page.evaluate(() => location.search)).toBe('?step=2');
      const second = steps[1] as (typeof steps)[number];
      const slider = w.page.getByRole('slider', { name: /date/i });
      expect(await slider.getAttribute('aria-valuetext')).toContain(formatDate(second.month, 'en'));
      await expect
        .poll(() => w.page.locator('[role="status"][aria-live="polite"]').last().textContent())
        .toContain(second.title.en);
      await story.getByRole('button', { name: /Next step/ }).press('ArrowRight');
      await expect.poll(() => w.page.evaluate(() => location.search)).toBe('?step=3');
      await story.getByRole('button', { name: /Next step/ }).press('ArrowLeft');
      await expect.poll(() => w.page.evaluate(() => location.search)).toBe('?step=2');
      expect(w.errors).toEqual([]);
    });

    it('the table has a row per measure, and its CSV the same rows', async () => {
      const w = await open('/?view=table');
      const total = Object.values(countsByCountry(data, typeIds(data))).reduce((a, b) => a + b, 0);
      const titles = await w.page.getByRole('table').getByRole('rowheader').allTextContents();
      expect(titles).toHaveLength(total);
      const [download] = await Promise.all([
        w.page.waitForEvent('download'),
        w.page.getByRole('button', { name: /as CSV/ }).click(),
      ]);
      const rows = parse(readFileSync((await download.path()) as string), { bom: true }) as string[][];
      expect(rows.slice(1).map((r) => r[2])).toEqual(titles);
      expect(w.errors).toEqual([]);
      await w.page.close();
    });

    describe('embedded in an article', () => {
      let host: StaticServer;
      let browser: Awaited<ReturnType<typeof launchBrowser>>;
      beforeAll(async () => {
        host = await serveHost();
        browser = await launchBrowser({ width: 1440, height: 900 });
      });
      afterAll(async () => {
        await browser?.close();
        await host?.close();
      });

      it(`reports its height to a pym.js host at 375 px; the height settles, ≤ ${CAP} px`, async () => {
        const first = countryCodes(data)[0] as string;
        const { page, frame, errors } = await embedOnHost(
          browser,
          host,
          harness.server,
          'pym',
          375,
          `country=${first}`,
        );
        const heights = await received(page);
        expect(heights.length).toBeGreaterThan(0);
        expect(Math.min(...heights.map((m) => m.height))).toBeGreaterThan(200);
        const final = await docHeight(frame);
        expect(heights.at(-1)?.height).toBe(final);
        expect(final).toBeLessThanOrEqual(CAP);
        expect(Math.abs(((await page.locator('iframe').boundingBox())?.height ?? 0) - final)).toBeLessThanOrEqual(2);
        expect(errors).toEqual([]);
        await page.close();
      });
    });

    it('axe-core finds no violation: the map, a panel open, and in Spanish', async () => {
      const first = countryCodes(data)[0] as string;
      for (const path of ['/', `/?country=${first}`, `/?country=${first}&lang=es`]) {
        const w = await open(path);
        expect(await axe(w.page), path).toEqual([]);
        await w.page.close();
      }
    });
  });

/**
 * Interaction latency (click a country, toggle a filter, step the date, open a link: from the
 * trusted event to the end of the next painted frame, each sample followed by the bare page's
 * click → setPaintProperty → frame) and the heap after many cycles. Used by the single-build mode.
 */
import type { Page } from 'playwright-core';
import { readHeap } from '../e2e/heap.ts';
import { CYCLES, INTERACTIONS, MIN_SAMPLES, SLICE_S } from './config.ts';
import { type Browser, openApp, openBare } from './page.ts';
import type { BenchServer } from './server.ts';

/** Reported beside "click a country": from the click to the frame in which the panel shows that country. */
export const PANEL_FOLLOWED = 'click a country → its panel painted';
/** A policy link's marker on the map (src/map/policy-links.tsx); measured only where the build has one. */
const LINK_SELECTOR = '.map .map-link-marker';

/** Waits until MapLibre has nothing left to draw (a forced repaint, then `idle`). */
async function settle(page: Page, kind: 'app' | 'bare') {
  await page.evaluate(
    (k) =>
      new Promise<void>((done) => {
        const map = (k === 'app' ? window.__POLICY_MAP__ : window.__bench?.map) as
          | { once(t: string, f: () => void): void; triggerRepaint(): void }
          | undefined;
        if (!map) return done();
        const timer = setTimeout(done, 2000);
        map.once('idle', () => {
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(done, 0));
        });
        map.triggerRepaint();
      }),
    kind,
  );
}

/** Performs `act` and returns the latency of its event (click or keydown) to the next frame. */
async function timed(page: Page, type: 'click' | 'keydown', act: () => Promise<void>) {
  const before = await page.evaluate(() => window.__benchLat.length);
  await act();
  await page.waitForFunction(
    ([n, t]) => window.__benchLat.slice(n as number).some((l) => l.type === t),
    [before, type] as const,
    { timeout: 10_000, polling: 'raf' },
  );
  return page.evaluate(
    ([n, t]) => (window.__benchLat.slice(n as number).find((l) => l.type === t) as { ms: number }).ms,
    [before, type] as const,
  );
}

/**
 * Up to INTERACTIONS samples of `one`, but no more than SLICE_S seconds' worth once MIN_SAMPLES are
 * in: where the app takes seconds per interaction (the synthetic set), the run still ends in time,
 * and the table says how many samples there are.
 */
async function sample(one: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const t0 = Date.now();
  while (out.length < INTERACTIONS && (out.length < MIN_SAMPLES || Date.now() - t0 < SLICE_S * 1000))
    out.push(await one(out.length));
  return out;
}

/** One click point per focus country on the map canvas, not under a label or control. */
async function countryPoints(page: Page) {
  return page.evaluate(() => {
    const map = window.__POLICY_MAP__ as unknown as {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(p: [number, number], o: { layers: string[] }): { id?: string | number }[];
    };
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const best = new Map<string, { x: number; y: number; score: number }>();
    const idAt = (x: number, y: number) => map.queryRenderedFeatures([x, y], { layers: ['focus-fill'] })[0]?.id;
    for (let y = 8; y < rect.height - 8; y += 10)
      for (let x = 8; x < rect.width - 8; x += 10) {
        const id = idAt(x, y);
        if (typeof id !== 'string') continue;
        if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue;
        let score = 0;
        for (const [dx, dy] of [
          [-6, 0],
          [6, 0],
          [0, -6],
          [0, 6],
        ] as const)
          if (idAt(x + dx, y + dy) === id) score++;
        const prev = best.get(id);
        if (!prev || score > prev.score) best.set(id, { x: rect.left + x, y: rect.top + y, score });
      }
    return [...best].map(([id, p]) => ({ id, x: p.x, y: p.y }));
  });
}

/**
 * The app's interactions, each sample followed by one of the bare page's repaints (`bare`): every
 * kind is compared with the reference measured over the same stretch of time, so a machine that
 * slows down or speeds up during the run moves both sides (measured once, up front, the reference's
 * p50 moved between 33 and 50 ms from run to run, and the ratios with it).
 */
export async function interactions(browser: Browser, server: BenchServer, bare: () => Promise<number>) {
  const { page } = await openApp(browser, `${server.origin}/`);
  const M = 'app' as const;
  await settle(page, M);
  const out: Record<string, number[] | null> = {};
  const refs: Record<string, number[]> = {};
  /** `sample`, with a bare repaint after each of the app's samples, kept under `kind`. */
  const paired = (kind: string, one: (i: number) => Promise<number>) =>
    sample(async (i) => {
      const ms = await one(i);
      const ref = await bare();
      refs[kind] = [...(refs[kind] ?? []), ref];
      return ms;
    });

  // Click a country on the map (open the panel first, so its layout is the one clicked in).
  await page.locator('nav.country-list button').first().click();
  await settle(page, M);
  const points = await countryPoints(page);
  const panelFollowed: number[] = [];
  out['click a country'] =
    points.length > 1
      ? await paired('click a country', async (i) => {
          const p = points[i % points.length] as { x: number; y: number };
          const before = await page.evaluate(() => window.__benchPanel.length);
          const ms = await timed(page, 'click', () => page.mouse.click(p.x, p.y));
          await settle(page, M);
          const panel = await page.evaluate((n) => {
            const click = window.__benchLat.filter((l) => l.type === 'click').at(-1);
            const shown = window.__benchPanel.slice(n).at(-1);
            return click && shown ? shown.painted - click.t0 : null;
          }, before);
          if (panel !== null) panelFollowed.push(panel);
          return ms;
        })
      : null;
  out[PANEL_FOLLOWED] = panelFollowed.length ? panelFollowed : null;

  // Toggle a measure-type filter (open the compact filter first where there is one).
  const box = page.locator('fieldset.filter input[type="checkbox"]').first();
  if (!(await box.isVisible())) await page.locator('.filter-toggle').click();
  await box.scrollIntoViewIfNeeded();
  const bb = await box.boundingBox();
  if (!bb) throw new Error('bench: the filter checkbox has no box');
  out['toggle a filter'] = await paired('toggle a filter', async () => {
    const was = await box.isChecked();
    const ms = await timed(page, 'click', () => page.mouse.click(bb.x + bb.width / 2, bb.y + bb.height / 2));
    if ((await box.isChecked()) === was) throw new Error('bench: the click did not toggle the filter');
    await settle(page, M);
    return ms;
  });

  // Step the date with the keyboard: half the steps back, then forward again.
  const slider = page.locator('input.date-slider');
  await slider.focus();
  let back = 0;
  out['step the date'] = await paired('step the date', async (i) => {
    // Back in time while there is room, then forward (never past the end, where a step does nothing).
    const key = i < INTERACTIONS / 2 ? 'ArrowLeft' : back > 0 ? 'ArrowRight' : 'ArrowLeft';
    back += key === 'ArrowLeft' ? 1 : -1;
    const was = await slider.inputValue();
    const ms = await timed(page, 'keydown', () => page.keyboard.press(key));
    if ((await slider.inputValue()) === was) throw new Error(`bench: ${key} did not move the date`);
    await settle(page, M);
    return ms;
  });

  // Open a link on the map, where the build has links.
  const links = page.locator(LINK_SELECTOR);
  const nLinks = await links.count();
  if (nLinks > 0) {
    out['open a link'] = await paired('open a link', async (i) => {
      const ms = await timed(page, 'click', () => links.nth(i % nLinks).click());
      await settle(page, M);
      await page.keyboard.press('Escape');
      await settle(page, M);
      return ms;
    });
  } else out['open a link'] = null;
  // The panel's frame is compared with the click's reference (it follows the same clicks).
  if (refs['click a country']) refs[PANEL_FOLLOWED] = refs['click a country'];
  await page.close();
  return { samples: out, refs };
}

/** The bare page, open beside the app's: `one()` clicks it (a `setPaintProperty`) and times the next frame. */
export async function bareRepaint(browser: Browser, server: BenchServer, size: { w: number; h: number }) {
  const { page } = await openBare(browser, `${server.origin}/bench-baseline.html?w=${size.w}&h=${size.h}`);
  const M = 'bare' as const;
  await settle(page, M);
  return {
    async one() {
      const ms = await timed(page, 'click', () => page.mouse.click(size.w / 2, size.h / 2));
      await settle(page, M);
      return ms;
    },
    close: () => page.close(),
  };
}

// ─── 5: heap ────────────────────────────────────────────────────────────────────────────────────
/** Back to the same view before every heap reading (no country, all types, "as of"), so two readings differ by what leaked, not by which panel or date happens to be shown. */
const resetView = (page: Page) =>
  page.evaluate(async () => {
    document.querySelector<HTMLButtonElement>('.panel-close')?.click();
    const reset = document.querySelector<HTMLButtonElement>('.filter-reset');
    if (reset && !reset.disabled) reset.click();
    const slider = document.querySelector<HTMLInputElement>('input.date-slider');
    if (slider) {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set as (v: string) => void;
      setValue.call(slider, slider.max);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }
    await new Promise((done) => setTimeout(done, 300));
  });

export async function heap(browser: Browser, server: BenchServer) {
  const { page } = await openApp(browser, `${server.origin}/`);
  await settle(page, 'app');
  const cdp = await browser.context.newCDPSession(page);
  if (!(await page.locator('fieldset.filter input[type="checkbox"]').first().isVisible()))
    await page.locator('.filter-toggle').click();
  /** `n` cycles of: select the next country, toggle a filter, move the date; one frame each. */
  const cycles = (from: number, n: number) =>
    page.evaluate(
      async ([from, n]) => {
        const countries = [...document.querySelectorAll<HTMLButtonElement>('nav.country-list button')];
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set as (
          v: string,
        ) => void;
        for (let i = from; i < from + n; i++) {
          countries[i % countries.length]?.click();
          document.querySelector<HTMLInputElement>('fieldset.filter input[type="checkbox"]')?.click();
          const slider = document.querySelector<HTMLInputElement>('input.date-slider');
          if (slider) {
            const max = Number(slider.max);
            setValue.call(slider, String(max - (i % Math.min(24, max + 1))));
            slider.dispatchEvent(new Event('input', { bubbles: true }));
          }
          await new Promise<void>((done) =>
            requestAnimationFrame(() => {
              const ch = new MessageChannel();
              ch.port1.onmessage = () => done();
              ch.port2.postMessage(0);
            }),
          );
        }
      },
      [from, n] as const,
    );
  const used = async () => {
    await resetView(page);
    await settle(page, 'app');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
  };
  const first = Math.min(10, CYCLES);
  await cycles(0, first);
  const after10 = await used();
  const snap10 = await readHeap(cdp);
  await cycles(first, CYCLES - first);
  const afterAll = await used();
  const snapAll = await readHeap(cdp);
  await page.close();
  const mb = (b: number) => b / 1024 / 1024;
  return {
    after10,
    afterAll,
    growth: afterAll / after10 - 1,
    // The same, split by a heap snapshot (tests/e2e/heap.ts): objects the page keeps vs V8's code.
    objects: {
      after10: mb(snap10.objects),
      afterAll: mb(snapAll.objects),
      growth: snapAll.objects / snap10.objects - 1,
    },
    code: { after10: mb(snap10.code), afterAll: mb(snapAll.code) },
    detachedDom: snapAll.detachedDom,
  };
}

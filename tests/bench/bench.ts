/**
 * `npm run bench`: what readers pay, as ratios to a bare MapLibre page measured in the same run
 * (never absolute milliseconds, so a slow machine cannot fail it by itself being slow).
 *
 *   1. navigation → map ready, app ÷ bare page (tests/bench/baseline.html), alternating pairs
 *   2. first contentful paint ÷ map ready (app)
 *   3. first-load transfer, gzipped, by kind
 *   4. interaction → next painted frame (click a country, toggle a filter, step the date, open a
 *      link), p50/p95 ÷ the bare page's click → setPaintProperty → next frame; real data and a
 *      synthetic ~10,000-measure build
 *   5. JS heap after forced GC after 500 select/filter/date cycles vs after 10, read in the same view (no country, all types, "as of"): the objects the page keeps (budgeted) and V8's compiled code (reported)
 *   6. Lighthouse 12.8.2, mobile preset
 *
 * Builds dist/ if it is missing or older than the sources; serves it gzipped (server.ts); prints one
 * table; writes JSON to tests/.results/bench/ (git-ignored). Exits 1 when a budget fails, unless `--report`.
 * Environment: BENCH_PAIRS (10), BENCH_INTERACTIONS (50 of each, or as many as fit in BENCH_SLICE_S
 * = 15 s once BENCH_MIN_SAMPLES = 10 are in), BENCH_CYCLES (500),
 * BENCH_LIGHTHOUSE=0 / BENCH_SYNTHETIC=0 skip those parts, BENCH_ONLY=navigation runs only 1–3 and BENCH_ONLY=lighthouse only 6, BENCH_QUICK=1 is a one-iteration smoke,
 * BENCH_RTT_MS / BENCH_KBPS emulate a slower network for every page load (e.g. 150 and 1600).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_PATH, launchBrowser } from '../e2e/browser.ts';
import { readHeap } from '../e2e/heap.ts';
import { type BenchServer, serveBench } from './server.ts';
import { writeSyntheticContent } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
/** Already git- and biome-ignored (tests/.results/). */
const RESULTS = join(ROOT, 'tests/.results/bench');
const SYNTH_CONTENT = join(RESULTS, 'synthetic-content');
const SYNTH_DIST = join(RESULTS, 'dist-synthetic');
const QUICK = process.env.BENCH_QUICK === '1';
const REPORT_ONLY = process.argv.includes('--report');
const num = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));
const PAIRS = num('BENCH_PAIRS', 10, 1);
const INTERACTIONS = num('BENCH_INTERACTIONS', 50, 3);
const CYCLES = num('BENCH_CYCLES', 500, 12);
/** Time slice per interaction kind and dataset, and the fewest samples taken whatever the time. */
const SLICE_S = num('BENCH_SLICE_S', 15, 5);
const MIN_SAMPLES = Math.min(INTERACTIONS, num('BENCH_MIN_SAMPLES', 10, 3));
/** `BENCH_ONLY=navigation`: only the navigation pairs, first paint and transfer (about 30 s). */
const NAV_ONLY = process.env.BENCH_ONLY === 'navigation';
/** `BENCH_ONLY=lighthouse`: only Lighthouse (about 60 s). */
const LH_ONLY = process.env.BENCH_ONLY === 'lighthouse';
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== '0' && !QUICK && !NAV_ONLY;
const SYNTHETIC = process.env.BENCH_SYNTHETIC !== '0' && !QUICK && !NAV_ONLY && !LH_ONLY;
const VIEWPORT = { width: 1280, height: 800 };
/** Optional network emulation for page loads (off by default: 127.0.0.1 has no latency). */
const RTT_MS = num('BENCH_RTT_MS', 0, 0);
const KBPS = num('BENCH_KBPS', 0, 0);
/** Reported beside "click a country": from the click to the frame in which the panel shows that country. */
const PANEL_FOLLOWED = 'click a country → its panel painted';
/** A policy link's marker on the map (src/map/policy-links.tsx); measured only where the build has one. */
const LINK_SELECTOR = '.map .map-link-marker';

const started = Date.now();
const log = (msg: string) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

// ─── build ──────────────────────────────────────────────────────────────────────────────────────
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}
const sourcesTime = () =>
  Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => newest(join(ROOT, p))));

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} failed (${r.status})`);
}

function ensureBuilds() {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) {
    // A fresh clone: the embed-height table (embed.js only, never loaded by the app) is skipped to save time.
    log('no dist/: npm run build (EMBED_HEIGHTS=skip)');
    run('npm', ['run', 'build'], { EMBED_HEIGHTS: process.env.EMBED_HEIGHTS ?? 'skip' });
  } else if (statSync(index).mtimeMs < sourcesTime()) {
    log('dist/ is older than the sources: npm run build');
    run('npm', ['run', 'build']);
  }
  if (!SYNTHETIC) return;
  const synthIndex = join(SYNTH_DIST, 'index.html');
  if (existsSync(synthIndex) && statSync(synthIndex).mtimeMs > statSync(index).mtimeMs) return;
  const { measures } = writeSyntheticContent(SYNTH_CONTENT);
  log(`synthetic dataset: ${measures} measures; building ${SYNTH_DIST}`);
  run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', SYNTH_DIST, '--emptyOutDir'], {
    POLICY_DATA: SYNTH_CONTENT,
    EMBED_HEIGHTS: 'skip',
  });
}

// ─── page instrumentation ───────────────────────────────────────────────────────────────────────
declare global {
  interface Window {
    __benchReady: number | null;
    __benchLat: { type: string; ms: number; t0: number }[];
    /** When the panel's heading last changed, painted (ms since navigation), with its text. */
    __benchPanel: { heading: string | null; painted: number }[];
    __bench?: { ready: number | null; map: unknown; created: number | null; load: number | null };
    __benchMap: { created?: number; load?: number; idle?: number };
  }
}

/**
 * Runs in every page before its own scripts. Records when the app's map region turns
 * aria-busy="false" with a canvas in it (the app's ready signal, as tests/e2e/harness.ts waits for
 * it), and, for each trusted click and keydown, the time from the event to the end of the next
 * rendered frame (rAF, then a message task: it runs after that frame's rendering, MapLibre's
 * redraw included when the handler asked for one).
 */
function instrument() {
  window.__benchReady = null;
  window.__benchLat = [];
  window.__benchPanel = [];
  window.__benchMap = {};
  // The app hands its map to automation as window.__POLICY_MAP__ (use-map-instance.ts): note when,
  // and when it loads and first goes idle, to show where the time to ready goes.
  let map: unknown;
  Object.defineProperty(window, '__POLICY_MAP__', {
    configurable: true,
    get: () => map,
    set(m: { once(t: string, f: () => void): void }) {
      map = m;
      window.__benchMap.created ??= performance.now();
      m.once('load', () => {
        window.__benchMap.load ??= performance.now();
        m.once('idle', () => {
          window.__benchMap.idle ??= performance.now();
        });
      });
    },
  });
  new MutationObserver(() => {
    if (window.__benchReady === null && document.querySelector('section.map[aria-busy="false"] canvas'))
      window.__benchReady = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  /** Runs `then` with the time the next frame has been rendered (rAF, then a message task). */
  const afterNextFrame = (then: (t: number) => void) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => then(performance.now());
      ch.port2.postMessage(0);
    });
  const mark = (e: Event) => {
    if (!e.isTrusted) return;
    const t0 = e.timeStamp;
    afterNextFrame((t) => window.__benchLat.push({ type: e.type, ms: t - t0, t0 }));
  };
  // The panel's heading: a click's first frame shows the selection; this records when the panel
  // has followed (reported beside the click's latency, so a deferred panel cannot hide its cost).
  let heading: string | null = null;
  new MutationObserver(() => {
    const now = document.getElementById('panel-heading')?.textContent ?? null;
    if (now === heading) return;
    heading = now;
    afterNextFrame((t) => window.__benchPanel.push({ heading: now, painted: t }));
  }).observe(document, { subtree: true, childList: true, characterData: true });
  addEventListener('click', mark, true);
  addEventListener('keydown', mark, true);
}

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
type Stages = { created?: number | null; load?: number | null; idle?: number | null };

/** A new page, loaded with an empty browser cache (a reader's first visit), waited on until map ready. */
async function openPage(browser: Browser, url: string, kind: 'app' | 'bare') {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  if (RTT_MS > 0 || KBPS > 0)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: RTT_MS,
      downloadThroughput: KBPS > 0 ? (KBPS * 1000) / 8 : -1,
      uploadThroughput: -1,
    });
  else await cdp.detach();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((k) => (k === 'app' ? window.__benchReady : window.__bench?.ready) != null, kind, {
    timeout: 30_000,
    polling: 50,
  });
  const t = await page.evaluate(
    (k) => ({
      ready: (k === 'app' ? window.__benchReady : window.__bench?.ready) as number,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      /** Map constructed, `load`, first `idle` after load (ms since navigation). */
      stages:
        k === 'app'
          ? { ...window.__benchMap }
          : { created: window.__bench?.created, load: window.__bench?.load, idle: window.__bench?.ready },
    }),
    kind,
  );
  return { page, errors, ...t };
}

// ─── statistics ─────────────────────────────────────────────────────────────────────────────────
const quantile = (xs: number[], q: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// ─── 1 + 2 + 3: navigation pairs, first paint, transfer ─────────────────────────────────────────
const KINDS = ['app JS', 'MapLibre', 'CSS', 'boundaries', 'data', 'HTML', 'other'] as const;
function kindOf(path: string): (typeof KINDS)[number] {
  if (/\/assets\/maplibre-gl/.test(path)) return 'MapLibre';
  if (/\.m?js$/.test(path)) return 'app JS';
  if (/\.css$/.test(path)) return 'CSS';
  if (path.startsWith('/geo/')) return 'boundaries';
  if (/\.json$/.test(path)) return 'data';
  if (path.endsWith('/') || path.endsWith('.html')) return 'HTML';
  return 'other';
}

async function navigation(browser: Browser, server: BenchServer) {
  const app = `${server.origin}/`;
  // The bare page's canvas gets the app map's size: measured once on a warm-up load.
  const warm = await openPage(browser, app, 'app');
  const size = await warm.page.evaluate(() => {
    const r = (document.querySelector('section.map canvas') as HTMLElement).getBoundingClientRect();
    return { w: Math.round(r.width), h: Math.round(r.height) };
  });
  if (warm.errors.length) log(`app console errors: ${warm.errors.join(' | ')}`);
  await warm.page.close();
  const bare = `${server.origin}/bench-baseline.html?w=${size.w}&h=${size.h}`;
  await (await openPage(browser, bare, 'bare')).page.close();

  const pairs: {
    app: number;
    bare: number;
    ratio: number;
    fcp: number | null;
    appStages: Stages;
    bareStages: Stages;
  }[] = [];
  let transfer: Record<string, number> | null = null;
  let bareTransfer: Record<string, number> | null = null;
  const files: { path: string; kind: string; kb: number }[] = [];
  /** Files the app's page requested more than once in one load (a preload its consumer did not reuse). */
  const twice = new Set<string>();
  for (let i = 0; i < PAIRS; i++) {
    const order: ('app' | 'bare')[] = i % 2 ? ['bare', 'app'] : ['app', 'bare'];
    const got: Record<string, { ready: number; fcp: number | null; stages: Stages }> = {};
    for (const kind of order) {
      server.reset();
      const p = await openPage(browser, kind === 'app' ? app : bare, kind);
      got[kind] = { ready: p.ready, fcp: p.fcp, stages: p.stages };
      if (kind === 'app') {
        const seen = new Set<string>();
        for (const s of server.log) (seen.has(s.path) ? twice : seen).add(s.path);
      }
      if (i === 0) {
        await p.page.waitForTimeout(1000); // anything fetched right after ready still counts as first load
        const sums = Object.fromEntries(KINDS.map((k) => [k, 0]));
        for (const s of server.log) {
          sums[kindOf(s.path)] = (sums[kindOf(s.path)] ?? 0) + s.bytes / 1024;
          if (kind === 'app') files.push({ path: s.path, kind: kindOf(s.path), kb: s.bytes / 1024 });
        }
        if (kind === 'app') transfer = sums;
        else bareTransfer = sums;
      }
      await p.page.close();
    }
    const a = got.app as { ready: number; fcp: number | null; stages: Stages };
    const b = got.bare as { ready: number; fcp: number | null; stages: Stages };
    pairs.push({
      app: a.ready,
      bare: b.ready,
      ratio: a.ready / b.ready,
      fcp: a.fcp,
      appStages: a.stages,
      bareStages: b.stages,
    });
    log(
      `pair ${i + 1}/${PAIRS}: app ${a.ready.toFixed(0)} ms, bare ${b.ready.toFixed(0)} ms (${(a.ready / b.ready).toFixed(2)}×)`,
    );
  }
  return { size, pairs, transfer: transfer as Record<string, number>, bareTransfer, files, twice: [...twice] };
}

// ─── 4: interaction latency ─────────────────────────────────────────────────────────────────────
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
async function interactions(browser: Browser, server: BenchServer, bare: () => Promise<number>) {
  const { page } = await openPage(browser, `${server.origin}/`, 'app');
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
async function bareRepaint(browser: Browser, server: BenchServer, size: { w: number; h: number }) {
  const { page } = await openPage(browser, `${server.origin}/bench-baseline.html?w=${size.w}&h=${size.h}`, 'bare');
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

async function heap(browser: Browser, server: BenchServer) {
  const { page } = await openPage(browser, `${server.origin}/`, 'app');
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

// ─── 6: Lighthouse ──────────────────────────────────────────────────────────────────────────────
async function runLighthouse(url: string, origin: string) {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({
    chromePath: CHROME_PATH,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      // Mobile is Lighthouse's default preset; bootup-time lists every script (not only those over 50 ms).
      { extends: 'lighthouse:default', audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }] },
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error('lighthouse returned nothing');
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
    const bootup = (lhr.audits['bootup-time']?.details as { items?: { url: string; total: number }[] } | undefined)
      ?.items;
    const own = (bootup ?? []).filter((it) => it.url.startsWith(origin) && !/\/assets\/maplibre-gl/.test(it.url));
    const maplibre = (bootup ?? []).filter((it) => /\/assets\/maplibre-gl/.test(it.url));
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
      tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
      fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? Number.NaN,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
      speedIndexMs: lhr.audits['speed-index']?.numericValue ?? Number.NaN,
      /** What the largest paint was (its selector), to read the LCP by. */
      lcpElement:
        (
          lhr.audits['largest-contentful-paint-element']?.details as
            | { items?: { items?: { node?: { selector?: string } }[] }[] }
            | undefined
        )?.items?.[0]?.items?.[0]?.node?.selector ?? null,
      appScriptMs: own.reduce((n, it) => n + it.total, 0),
      maplibreScriptMs: maplibre.reduce((n, it) => n + it.total, 0),
      scripts: bootup,
      failing: Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id),
    };
  } finally {
    chrome.kill();
  }
}

/** Thrown (and caught) to skip from the start to Lighthouse under `BENCH_ONLY=lighthouse`. */
class SkipToLighthouse extends Error {}

// ─── main ───────────────────────────────────────────────────────────────────────────────────────
interface Row {
  measure: string;
  value: string;
  budget: string;
  pass: boolean | null;
}
const rows: Row[] = [];
const row = (measure: string, value: string, budget = '', pass: boolean | null = null) =>
  rows.push({ measure, value, budget, pass });
const x = (n: number) => `${n.toFixed(2)}×`;

mkdirSync(RESULTS, { recursive: true });
ensureBuilds();
const server = await serveBench(DIST);
const synthServer = SYNTHETIC ? await serveBench(SYNTH_DIST) : null;
/** A browser with the bench's instrumentation in every page. */
async function benchBrowser() {
  const b = await launchBrowser(VIEWPORT);
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions sent to the page need it.
  await b.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await b.context.addInitScript(instrument);
  return b;
}
const browser = await benchBrowser();
const json: Record<string, unknown> = {
  date: new Date().toISOString(),
  pairs: PAIRS,
  interactions: INTERACTIONS,
  network: { rttMs: RTT_MS, kbps: KBPS },
};
try {
  if (LH_ONLY) throw new SkipToLighthouse();
  log(`navigation: ${PAIRS} alternating app/bare pairs`);
  const nav = await navigation(browser, server);
  json.navigation = nav;
  const ratios = nav.pairs.map((p) => p.ratio);
  row('map ready, app ÷ bare: median', x(median(ratios)), '≤ 1.15×', median(ratios) <= 1.15);
  row('map ready, app ÷ bare: max', x(Math.max(...ratios)), '≤ 1.15×', Math.max(...ratios) <= 1.15);
  // Where the gap is: each stage's median, as a fraction of the bare page's median ready time.
  const bareReady = median(nav.pairs.map((p) => p.bare));
  const stage = (side: 'appStages' | 'bareStages', k: keyof Stages) =>
    (median(nav.pairs.map((p) => p[side][k] ?? Number.NaN)) / bareReady).toFixed(2);
  row(
    'map created / load / idle ÷ bare ready: app',
    `${stage('appStages', 'created')} / ${stage('appStages', 'load')} / ${stage('appStages', 'idle')} (ready ${(median(nav.pairs.map((p) => p.app)) / bareReady).toFixed(2)})`,
  );
  row(
    'map created / load / idle ÷ bare ready: bare',
    `${stage('bareStages', 'created')} / ${stage('bareStages', 'load')} / ${stage('bareStages', 'idle')}`,
  );
  const fcpRatios = nav.pairs.filter((p) => p.fcp !== null).map((p) => (p.fcp as number) / p.app);
  row('first contentful paint ÷ map ready (median)', median(fcpRatios).toFixed(2), '≤ 0.30', median(fcpRatios) <= 0.3);
  const t = nav.transfer;
  for (const k of KINDS) if (t[k] || k !== 'other') row(`first load, gz: ${k}`, `${(t[k] ?? 0).toFixed(1)} KB`);
  const beyond = KINDS.filter((k) => k !== 'MapLibre').reduce((n, k) => n + (t[k] ?? 0), 0);
  row('first load, gz: beyond MapLibre', `${beyond.toFixed(1)} KB`, '≤ 150 KB', beyond <= 150);
  row('files fetched twice in one app load', nav.twice.join(', ') || 'none', 'none', nav.twice.length === 0);

  if (NAV_ONLY) row('interactions and heap', 'skipped (BENCH_ONLY=navigation)');
  else {
    log(`interactions: ${INTERACTIONS} of each, each followed by a bare repaint`);
    // A browser of its own: a second tab in the app's window would be a background tab, whose
    // frames Chromium throttles to about one a second.
    const bareBrowser = await benchBrowser();
    const bare = await bareRepaint(bareBrowser, server, nav.size);
    const pooled: number[] = [];
    const referenceRow = rows.length;
    const sets: [string, BenchServer | null][] = [
      ['real data', server],
      ['synthetic ~10k', synthServer],
    ];
    const latency: Record<string, unknown> = {};
    for (const [label, srv] of sets) {
      if (!srv) {
        row(`interactions (${label})`, 'skipped (BENCH_SYNTHETIC=0 or quick)');
        continue;
      }
      log(`interactions with ${label}`);
      const res = await interactions(browser, srv, bare.one);
      latency[label] = res;
      for (const [what, samples] of Object.entries(res.samples)) {
        const ref = res.refs[what];
        if (!samples || !ref) {
          row(`${what} (${label}) p50 / p95 ÷ bare`, 'n/a (no link on the map in this build)');
          continue;
        }
        if (what !== PANEL_FOLLOWED) pooled.push(...ref);
        const r50 = quantile(samples, 0.5) / quantile(ref, 0.5);
        const r95 = quantile(samples, 0.95) / quantile(ref, 0.95);
        const n = `n=${samples.length}`;
        if (what === PANEL_FOLLOWED) {
          // Not a budget (the budget is the click's next frame): how long the whole panel takes.
          row(
            `${what} (${label}) p50 / p95 ÷ bare`,
            `${x(r50)} / ${x(r95)} (${quantile(samples, 0.5).toFixed(0)} / ${quantile(samples, 0.95).toFixed(0)} ms, ${n})`,
            'reported',
          );
          continue;
        }
        for (const [q, r] of [
          [0.5, r50],
          [0.95, r95],
        ] as const)
          row(
            `${what} (${label}) p${q * 100} ÷ bare`,
            `${x(r)} (${quantile(samples, q).toFixed(0)} vs ${quantile(ref, q).toFixed(0)} ms, ${n})`,
            '≤ 1.25×',
            r <= 1.25,
          );
      }
    }
    await bare.close();
    await bareBrowser.close();
    json.latency = latency;
    json.bareRepaint = pooled;
    rows.splice(referenceRow, 0, {
      measure: 'bare click → setPaintProperty → frame p50 / p95',
      value: `${quantile(pooled, 0.5).toFixed(0)} / ${quantile(pooled, 0.95).toFixed(0)} ms (n=${pooled.length}, the reference, paired with every sample)`,
      budget: '',
      pass: null,
    });

    log(`heap: ${CYCLES} select/filter/date cycles`);
    const h = await heap(browser, server);
    json.heap = h;
    // Budgeted: the objects the page keeps (a leak). V8's compiled code grows as the JIT warms up,
    // by an amount that depends on the machine, and is reported beside it (see tests/e2e/heap.ts).
    row(
      `heap objects after GC, ${CYCLES} cycles vs 10 (same view)`,
      `${h.objects.growth >= 0 ? '+' : ''}${(h.objects.growth * 100).toFixed(1)} % (${h.objects.after10.toFixed(2)} → ${h.objects.afterAll.toFixed(2)} MB; ${h.detachedDom} detached DOM nodes)`,
      '≤ +5 %',
      h.objects.growth <= 0.05,
    );
    row(
      '  whole JS heap incl. compiled code',
      `${h.growth >= 0 ? '+' : ''}${(h.growth * 100).toFixed(1)} % (${h.after10.toFixed(2)} → ${h.afterAll.toFixed(2)} MB; code ${h.code.after10.toFixed(2)} → ${h.code.afterAll.toFixed(2)} MB)`,
      'reported',
    );
  }
} catch (error) {
  if (!(error instanceof SkipToLighthouse)) throw error;
} finally {
  await browser.close();
}

if (LIGHTHOUSE) {
  log('Lighthouse 12.8.2, mobile preset');
  try {
    const lh = await runLighthouse(`${server.origin}/`, server.origin);
    json.lighthouse = lh;
    row('Lighthouse performance', String(lh.performance), 'reported');
    row('Lighthouse accessibility', String(lh.accessibility), '100', lh.accessibility === 100);
    row('Lighthouse best practices', String(lh.bestPractices), '100', lh.bestPractices === 100);
    row('Lighthouse SEO', String(lh.seo), '100', lh.seo === 100);
    row('Lighthouse CLS', lh.cls.toFixed(3), 'reported');
    row('Lighthouse total blocking time', `${lh.tbtMs.toFixed(0)} ms`, 'reported');
    row(
      'Lighthouse FCP / LCP / Speed Index',
      `${(lh.fcpMs / 1000).toFixed(1)} / ${(lh.lcpMs / 1000).toFixed(1)} / ${(lh.speedIndexMs / 1000).toFixed(1)} s (LCP: ${lh.lcpElement ?? '?'})`,
      'reported',
    );
    row('Lighthouse main thread, app scripts', `${lh.appScriptMs.toFixed(0)} ms`, '≤ 150 ms', lh.appScriptMs <= 150);
    row('Lighthouse main thread, MapLibre', `${lh.maplibreScriptMs.toFixed(0)} ms`, 'reported');
  } catch (error) {
    json.lighthouse = { error: String(error) };
    row('Lighthouse', `failed: ${String(error).slice(0, 60)}`, 'runs', false);
  }
} else row('Lighthouse', 'skipped (BENCH_LIGHTHOUSE=0, BENCH_ONLY or quick)');
await server.close();
await synthServer?.close();

// ─── report ─────────────────────────────────────────────────────────────────────────────────────
const widths = [
  Math.max(...rows.map((r) => r.measure.length), 7),
  Math.max(...rows.map((r) => r.value.length), 5),
  Math.max(...rows.map((r) => r.budget.length), 6),
  6,
];
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(' | ')} |`;
console.log(line(['measure', 'value', 'budget', 'result']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows)
  console.log(line([r.measure, r.value, r.budget, r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL']));
const failed = rows.filter((r) => r.pass === false).length;
const passed = rows.filter((r) => r.pass === true).length;
json.rows = rows;
json.seconds = (Date.now() - started) / 1000;
const file = join(RESULTS, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
console.log(`\n${passed} passed, ${failed} failed (budgets) in ${json.seconds} s; JSON: ${file}`);
process.exit(failed && !REPORT_ONLY ? 1 : 0);

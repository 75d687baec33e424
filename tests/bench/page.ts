/**
 * The bench's pages: a browser whose every page carries the bench's instrumentation (run before
 * the page's own scripts: `instrumentInteractions`, `instrumentFirstScreen`), and one first-visit
 * load of the app (`openApp`, waited on until MapLibre is ready) or of the bare page (`openBare`),
 * with the times the bench reads.
 */

import { launchBrowser } from '../e2e/browser.ts';
import { KBPS, RTT_MS, VIEWPORT } from './config.ts';

declare global {
  interface Window {
    /** The app's first screen, ms since navigation (see `instrumentFirstScreen`). */
    __benchNav: {
      /** When a painted map was first in the map region: the frame's start (or MapLibre's frame). */
      mapSeen: number | null;
      /** When that frame had drawn it (see `sawMap` in `instrumentFirstScreen`). */
      mapPainted: number | null;
      mapKind: 'svg' | 'canvas' | null;
      /** The region said the map answers clicks: aria-busy="false" with a data-renderer. */
      answers: number | null;
      answersRenderer: string | null;
      /** MapLibre ready: aria-busy="false", data-renderer="webgl", a canvas inside. */
      maplibre: number | null;
    };
    __benchLat: { type: string; ms: number; t0: number }[];
    /** When the panel's heading last changed, painted (ms since navigation), with its text. */
    __benchPanel: { heading: string | null; painted: number }[];
    __bench?: { ready: number | null; map: unknown; created: number | null; load: number | null };
    __benchMap: { created?: number; load?: number; idle?: number };
  }
}

/**
 * Runs in every page before its own scripts (self-contained: it is sent to the page as source).
 * For each trusted click and keydown: the time from the event to the end of the next rendered
 * frame (rAF, then a message task: it runs after that frame's rendering, MapLibre's redraw included
 * when the handler asked for one); and when the panel's heading changed, painted.
 */
export function instrumentInteractions() {
  window.__benchLat = [];
  window.__benchPanel = [];
  /** Runs `then` with the time the next frame has been rendered (rAF, then a message task). */
  const afterNextFrame = (then: (t: number) => void) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => then(performance.now());
      ch.port2.postMessage(0);
    });
  // The panel's heading: a click's first frame shows the selection; this records when the panel
  // has followed (reported beside the click's latency, so a deferred panel cannot hide its cost).
  let heading: string | null = null;
  new MutationObserver(() => {
    const now = document.getElementById('panel-heading')?.textContent ?? null;
    if (now === heading) return;
    heading = now;
    afterNextFrame((t) => window.__benchPanel.push({ heading: now, painted: t }));
  }).observe(document, { subtree: true, childList: true, characterData: true });
  const mark = (e: Event) => {
    if (!e.isTrusted) return;
    const t0 = e.timeStamp;
    afterNextFrame((t) => window.__benchLat.push({ type: e.type, ms: t - t0, t0 }));
  };
  addEventListener('click', mark, true);
  addEventListener('keydown', mark, true);
}

/**
 * Runs in every page before its own scripts (self-contained: it is sent to the page as source);
 * does nothing in the bare page, which times itself.
 *
 * Records, in `__benchNav`: when the map region (`section[aria-label*="map" i]`) first holds a
 * painted map — an `svg` at least 100 × 100 px with a drawn shape (a `path` or `polygon` outside
 * `defs`/`marker`/…, at least 100 px², so the label leaders' and link arcs' overlays do not
 * count), seen by a requestAnimationFrame probe in the frame that paints it, or MapLibre's first
 * frame with its style and sources loaded (a `render` event on the map the app hands to automation
 * as `window.__POLICY_MAP__`); when the region first says the map answers clicks
 * (aria-busy="false" with a data-renderer, whichever); and when MapLibre is ready (the same with
 * data-renderer="webgl" and a canvas: what tests/e2e/harness.ts waits for). Also, in
 * `__benchMap`, when MapLibre's map is created, loads and first goes idle.
 */
export function instrumentFirstScreen() {
  window.__benchMap = {};
  const nav: Window['__benchNav'] = {
    mapSeen: null,
    mapPainted: null,
    mapKind: null,
    answers: null,
    answersRenderer: null,
    maplibre: null,
  };
  window.__benchNav = nav;
  if (location.pathname.endsWith('/bench-baseline.html')) return;
  const endOfFrame = (then: (t: number) => void) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => then(performance.now());
    ch.port2.postMessage(0);
  };
  const REGION = 'section[aria-label*="map" i]';
  /**
   * The map is in the frame being drawn (`t`: the frame's start for an SVG, MapLibre's draw for a
   * canvas). Drawn: for a canvas, MapLibre's draw call (where the bare page's `idle` is taken too);
   * for an SVG, the end of the frame (its style, layout and paint done).
   */
  const sawMap = (kind: 'svg' | 'canvas', t: number) => {
    if (nav.mapSeen !== null) return;
    nav.mapSeen = t;
    nav.mapKind = kind;
    if (kind === 'canvas') nav.mapPainted = t;
    else
      endOfFrame((end) => {
        nav.mapPainted = end;
      });
  };
  const big = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width >= 100 && r.height >= 100;
  };
  /** Whether the region holds an SVG map with something drawn in it (not an overlay). */
  const svgMapShown = () => {
    for (const svg of document.querySelectorAll(`${REGION} svg`)) {
      if (!big(svg)) continue;
      if (svg.checkVisibility && !svg.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      for (const shape of svg.querySelectorAll('path, polygon')) {
        if (shape.closest('defs, marker, pattern, symbol, clipPath, mask')) continue;
        const b = shape.getBoundingClientRect();
        if (b.width * b.height >= 100) return true;
      }
    }
    return false;
  };

  // MapLibre's map (window.__POLICY_MAP__, set under automation): its stages, and its first frame
  // with the style and sources loaded. An SVG renderer's map (no canvas) is not hooked.
  type MapHandle = {
    on(t: string, f: () => void): void;
    off?(t: string, f: () => void): void;
    once(t: string, f: () => void): void;
    getCanvas(): unknown;
    isStyleLoaded?(): unknown;
  };
  const hooked = new WeakSet<object>();
  const hook = (m: unknown) => {
    if (!m || typeof m !== 'object' || hooked.has(m)) return;
    hooked.add(m);
    const h = m as Partial<MapHandle>;
    if (typeof h.on !== 'function' || typeof h.once !== 'function' || typeof h.getCanvas !== 'function') return;
    const map = h as MapHandle;
    const canvas = map.getCanvas();
    if (!(canvas instanceof HTMLCanvasElement)) return;
    window.__benchMap.created ??= performance.now();
    map.once('load', () => {
      window.__benchMap.load ??= performance.now();
      map.once('idle', () => {
        window.__benchMap.idle ??= performance.now();
      });
    });
    const onRender = () => {
      if (nav.mapSeen === null && map.isStyleLoaded?.() && big(canvas)) sawMap('canvas', performance.now());
      if (nav.mapSeen !== null) map.off?.('render', onRender);
    };
    map.on('render', onRender);
  };
  let current: unknown;
  Object.defineProperty(window, '__POLICY_MAP__', {
    configurable: true,
    get: () => current,
    set(m: unknown) {
      current = m;
      hook(m);
    },
  });

  const check = () => {
    const now = performance.now();
    if (nav.answers === null) {
      const region = document.querySelector(`${REGION}[aria-busy="false"][data-renderer]`);
      if (region) {
        nav.answers = now;
        nav.answersRenderer = region.getAttribute('data-renderer');
      }
    }
    if (nav.maplibre === null && document.querySelector(`${REGION}[aria-busy="false"][data-renderer="webgl"] canvas`))
      nav.maplibre = now;
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-busy', 'data-renderer'],
  });
  // Each frame until MapLibre is ready: the SVG map's first frame, and a map handed over again
  // (an app may delete window.__POLICY_MAP__ and set a new one, which bypasses the setter).
  const probe = (frameStart: number) => {
    hook(window.__POLICY_MAP__);
    check();
    if (nav.mapSeen === null && svgMapShown()) sawMap('svg', frameStart);
    if (nav.mapSeen !== null && nav.maplibre !== null) observer.disconnect();
    else if (performance.now() < 60_000) requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
}

export type Browser = Awaited<ReturnType<typeof launchBrowser>>;
export type Stages = { created?: number | null; load?: number | null; idle?: number | null };

/** A browser with the bench's instrumentation in every page. */
export async function benchBrowser(): Promise<Browser> {
  const b = await launchBrowser(VIEWPORT);
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions sent to the page need it.
  await b.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await b.context.addInitScript(instrumentInteractions);
  await b.context.addInitScript(instrumentFirstScreen);
  return b;
}

/** One load of the app: ms since navigation (null: not seen). */
export interface AppTimes {
  /** First contentful paint, whatever was in it. */
  fcp: number | null;
  /**
   * The first contentful paint with the map in it: FCP if the map was in FCP's frame or an earlier
   * one, else when the frame that first drew the map had drawn it: max(FCP, map drawn).
   */
  fcpWithMap: number;
  mapKind: 'svg' | 'canvas' | null;
  /** The map answers clicks (aria-busy false, any renderer), no earlier than `fcpWithMap`. */
  answers: number;
  answersRenderer: string | null;
  /** MapLibre ready (aria-busy false, data-renderer="webgl"). */
  maplibre: number;
  stages: Stages;
}

/** One load of the bare page: `ready` is its first `idle` with the boundaries drawn. */
export interface BareTimes {
  fcp: number | null;
  ready: number;
  stages: Stages;
}

/** Opens the page with an empty browser cache (a first visit), with the network emulation if any. */
async function newFirstVisitPage(browser: Browser) {
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
  return { page, errors };
}

/** The app, loaded and waited on until MapLibre is ready (and the map's first frame has ended). */
export async function openApp(browser: Browser, url: string) {
  const { page, errors } = await newFirstVisitPage(browser);
  await page.goto(url, { waitUntil: 'commit' });
  await page
    .waitForFunction(
      () =>
        window.__benchNav.maplibre !== null &&
        (window.__benchNav.mapSeen === null || window.__benchNav.mapPainted !== null),
      undefined,
      { timeout: 30_000, polling: 50 },
    )
    .catch((e: unknown) => {
      throw new Error(`bench: MapLibre never said ready in ${url} (${errors.join(' | ') || String(e)})`);
    });
  const raw = await page.evaluate(() => ({
    nav: { ...window.__benchNav },
    stages: { ...window.__benchMap },
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  }));
  return { page, errors, times: appTimes(raw.nav, raw.stages, raw.fcp) };
}

function appTimes(nav: Window['__benchNav'], stages: Stages, fcp: number | null): AppTimes {
  const maplibre = nav.maplibre as number;
  // No map frame seen (a renderer this probe does not know): MapLibre ready stands for it.
  const seen = nav.mapSeen ?? maplibre;
  const painted = nav.mapPainted ?? maplibre;
  const fcpWithMap = fcp === null ? painted : seen <= fcp ? fcp : Math.max(fcp, painted);
  return {
    fcp,
    fcpWithMap,
    mapKind: nav.mapKind,
    answers: Math.max(nav.answers ?? maplibre, fcpWithMap),
    answersRenderer: nav.answersRenderer,
    maplibre,
    stages,
  };
}

/** The bare MapLibre page, loaded and waited on until its first `idle` with the boundaries drawn. */
export async function openBare(browser: Browser, url: string) {
  const { page, errors } = await newFirstVisitPage(browser);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.ready != null, undefined, { timeout: 30_000, polling: 50 });
  const times: BareTimes = await page.evaluate(() => ({
    ready: window.__bench?.ready as number,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    stages: { created: window.__bench?.created, load: window.__bench?.load, idle: window.__bench?.ready },
  }));
  return { page, errors, times };
}

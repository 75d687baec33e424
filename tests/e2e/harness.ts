/**
 * Shared set-up for browser tests: one server for dist/, one Chromium, and per page a record of
 * console errors and of every request that leaves the app's origin.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { tightStyleCsp } from '../../src/tools/csp.ts';
import { HEADERS_FILE, headersFor, parseHeadersFile } from '../../src/tools/deploy-headers.ts';
import { launchBrowser } from './browser.ts';
import { type StaticServer, serveStatic } from './static-server.ts';

/** The build under test: dist/, or the folder in `POLICY_DIST` (a second build beside it). */
export const DIST = process.env.POLICY_DIST
  ? resolve(process.env.POLICY_DIST)
  : resolve(import.meta.dirname, '../../dist');
/** Where `npm run screenshots` writes: tests/e2e/screenshots/, or the folder in `SCREENSHOTS`. */
export const SCREENSHOTS = process.env.SCREENSHOTS
  ? resolve(process.env.SCREENSHOTS)
  : resolve(import.meta.dirname, 'screenshots');

/**
 * The Content-Security-Policy the build's `_headers` gives its page (`/`): the app's policy
 * (src/tools/csp.ts) with the hash of each inline script of that index.html, as a host serves it.
 */
export function shippedCsp(dist = DIST): string {
  const rules = parseHeadersFile(readFileSync(join(dist, HEADERS_FILE), 'utf8'));
  const csp = headersFor(rules, '/').find(([name]) => name.toLowerCase() === 'content-security-policy');
  if (!csp) throw new Error(`${join(dist, HEADERS_FILE)} gives / no Content-Security-Policy`);
  return csp[1];
}

/**
 * `csp` tighter still: no inline styles (React and MapLibre style through the CSSOM only), but for
 * the prerendered page's own style attributes, each allowed by its hash (tools/csp.ts).
 */
export function tightCsp(csp: string, dist = DIST): string {
  return tightStyleCsp(csp, readFileSync(join(dist, 'index.html'), 'utf8'));
}

export interface Watched {
  page: Page;
  errors: string[];
  foreign: string[];
}

/** Records `page`'s console errors, page errors and requests to origins other than `origin`. */
export function watch(page: Page, origin: string): Watched {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return { page, errors, foreign };
}

/** @param options.dist the build to serve (default dist/; the second story's build for its journeys). */
export async function startHarness(options: { maxHeaderSize?: number; dist?: string } = {}) {
  const { dist = DIST, ...serverOptions } = options;
  const server: StaticServer = await serveStatic(dist, {}, {}, serverOptions);
  const browser = await launchBrowser();
  return {
    server,
    browser,
    /** A new page that records console errors, page errors and requests to other origins. */
    async newPage(viewport = { width: 1280, height: 800 }): Promise<Watched> {
      const page = await browser.context.newPage();
      await page.setViewportSize(viewport);
      return watch(page, server.origin);
    },
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (every default rule: WCAG A/AA and best practices) and lists the violations. */
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run(c: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Waits for the app's own readiness signal: the map region's aria-busy turns false (the map answers
 * clicks) with `renderer` drawing it — by default MapLibre, which takes over from the SVG map the
 * page answers with first; 'svg' without WebGL; 'any' as soon as the map answers.
 */
export async function waitForMap(page: Page, renderer: 'webgl' | 'svg' | 'any' = 'webgl') {
  await page
    .getByRole('region', { name: /map/i })
    .and(page.locator(renderer === 'any' ? '[aria-busy="false"]' : `[aria-busy="false"][data-renderer="${renderer}"]`))
    .waitFor({ timeout: 30_000 });
}

/**
 * A point (page CSS px) inside `iso3`'s drawn polygon that is not covered by a label or control,
 * found by asking MapLibre which feature is rendered where.
 */
export async function clickablePoint(page: Page, iso3: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((id) => {
    const map = window.__POLICY_MAP__ as unknown as {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(p: [number, number], o: { layers: string[] }): { id?: string | number }[];
    };
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    let best: { x: number; y: number; score: number } | null = null;
    for (let y = 2; y < rect.height - 2; y += 3)
      for (let x = 2; x < rect.width - 2; x += 3) {
        const hit = map.queryRenderedFeatures([x, y], { layers: ['focus-fill'] });
        if (hit[0]?.id !== id) continue;
        const el = document.elementFromPoint(rect.left + x, rect.top + y);
        if (el !== canvas) continue;
        // Prefer points with the same country all around (away from borders).
        let score = 0;
        for (const [dx, dy] of [
          [-3, 0],
          [3, 0],
          [0, -3],
          [0, 3],
        ] as const)
          if (map.queryRenderedFeatures([x + dx, y + dy], { layers: ['focus-fill'] })[0]?.id === id) score++;
        if (!best || score > best.score) best = { x: rect.left + x, y: rect.top + y, score };
        if (score === 4) return { x: best.x, y: best.y };
      }
    return best ? { x: best.x, y: best.y } : null;
  }, iso3);
}

/** The colour of one page pixel, read from a real screenshot (so it is what a reader sees). */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = c.height = 1;
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, png.toString('base64'));
}

/** Distinct colours in a screenshot of an element (a blank canvas has one or two). */
export async function distinctColours(page: Page, selector: string): Promise<number> {
  const png = await (await page.$(selector))?.screenshot();
  return png ? distinctColoursInPng(page, png) : 0;
}

/** Distinct colours in a PNG, decoded by the page's own image decoder (a blank image has one). */
export async function distinctColoursInPng(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      seen.add(((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number));
    return seen.size;
  }, png.toString('base64'));
}

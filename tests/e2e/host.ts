/**
 * A host page of another origin (tests/fixtures/host) that embeds the app with embed.js, pym.js or
 * a plain iframe and records every message the embed posts: the embed tests' one way to load the
 * app as an article does and read the heights it reports.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { launchBrowser } from './browser.ts';
import { type StaticServer, serveStatic } from './static-server.ts';

const PYM = createRequire(import.meta.url).resolve('pym.js/dist/pym.v1.min.js');
const HOST_DIR = resolve(import.meta.dirname, '../fixtures/host');
/** How long the embed is watched after its map is ready, for messages that should not come. */
export const WATCH_MS = 1500;
/** The tallest an embed may ever be (issue 7). */
export const CAP = 3000;

export type Mode = 'embedjs' | 'pym' | 'fixed';

/** Serves the host pages, with pym.js from node_modules. */
export function serveHost(): Promise<StaticServer> {
  return serveStatic(HOST_DIR, {}, { '/pym.v1.min.js': PYM });
}

/** The app's frame on a host page. */
export async function mapFrame(page: Page, appOrigin: string): Promise<Frame> {
  await expect.poll(() => page.frames().filter((f) => f.url().startsWith(appOrigin)).length).toBeGreaterThan(0);
  return page.frames().find((f) => f.url().startsWith(appOrigin)) as Frame;
}

/** The heights the host received, one per height change (the AMP message: every host format carries it). */
export async function received(page: Page): Promise<{ t: number; height: number }[]> {
  return page.evaluate(() =>
    (window as unknown as { __messages: { t: number; data: unknown }[] }).__messages.flatMap((m) => {
      const d = m.data as { sentinel?: string; type?: string; height?: number };
      return d && typeof d === 'object' && d.sentinel === 'amp' && d.type === 'embed-size'
        ? [{ t: m.t, height: d.height as number }]
        : [];
    }),
  );
}

export const docHeight = (frame: Frame) =>
  frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

/**
 * Opens the settle host page with the app embedded in `mode` in a column `width` px wide, waits for
 * the map to be ready, then watches for WATCH_MS. `options` is the embed's query (`country=HND`).
 */
export async function embedOnHost(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  host: StaticServer,
  app: StaticServer,
  mode: Mode,
  width: number,
  options = '',
) {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.setViewportSize({ width: width + 40, height: 900 });
  const q = new URLSearchParams({ app: `${app.origin}/`, mode, width: String(width), options });
  await page.goto(`${host.origin}/settle.html?${q}`);
  const frame = await mapFrame(page, app.origin);
  // The map the app rendered (an embed's view is not the prerendered page's, which it replaces).
  await frame.locator('html:not([data-first-paint-stale]) .map').scrollIntoViewIfNeeded();
  await frame
    .getByRole('region', { name: /map/i })
    .and(frame.locator('[aria-busy="false"][data-renderer="webgl"]'))
    .waitFor({ timeout: 30_000 });
  const ready = await page.evaluate(() => performance.now());
  await page.waitForTimeout(WATCH_MS);
  return { page, frame, errors, ready };
}

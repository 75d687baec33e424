/**
 * "Download image" in a real browser: each button in the share dialog saves a file; the PNGs have
 * exactly the promised size and are not blank, the SVG holds the title and the six countries'
 * names — with WebGL, and without it (the export never needs WebGL), with zero console errors.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { DIST, distinctColoursInPng, SCREENSHOTS, shippedCsp, startHarness, waitForMap, watch } from './harness.ts';
import { serveStatic } from './static-server.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await harness?.stop();
});

const NAMES = {
  en: ['Guatemala', 'El Salvador', 'Honduras', 'Costa Rica', 'Ecuador', 'Chile'],
  es: ['Guatemala', 'El Salvador', 'Honduras', 'Costa Rica', 'Ecuador', 'Chile'],
};
const TITLE = {
  en: 'The CECOT effect: crime-policy measures in six Latin American countries',
  es: 'El efecto CECOT: medidas contra el crimen en seis países de América Latina',
};

type Saved = Record<string, { name: string; body: Buffer }>;
function file(files: Saved, variant: string): { name: string; body: Buffer } {
  const f = files[variant];
  if (!f) throw new Error(`no ${variant} download`);
  return f;
}

function pngSize(file: Buffer): { width: number; height: number } {
  expect(file.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

async function downloadAll(page: Page, lang: 'en' | 'es', tag: string) {
  const frame = await page
    .locator('.map .map-canvas')
    .evaluate((el) => ({ width: Math.round(el.clientWidth), height: Math.round(el.clientHeight) }));
  await page.getByRole('button', { name: /^(Share or embed|Compartir o insertar)$/ }).click();
  const files: Saved = {};
  for (const variant of ['social', 'square', 'large', 'svg']) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.locator(`.download-image-button[data-variant="${variant}"]`).click(),
    ]);
    const path = await download.path();
    files[variant] = { name: download.suggestedFilename(), body: readFileSync(path) };
    if (variant !== 'svg') copyFileSync(path, join(SCREENSHOTS, `export-${tag}-${variant}.png`));
  }
  const slug = lang === 'en' ? 'cecot-effect' : 'efecto-cecot';
  expect(file(files, 'social').name).toBe(`${slug}-2026-03-${lang}-1200x675.png`);
  expect(file(files, 'square').name).toBe(`${slug}-2026-03-${lang}-1080x1080.png`);
  expect(file(files, 'large').name).toBe(`${slug}-2026-03-${lang}.png`);
  expect(file(files, 'svg').name).toBe(`${slug}-2026-03-${lang}.svg`);
  expect(pngSize(file(files, 'social').body)).toEqual({ width: 1200, height: 675 });
  expect(pngSize(file(files, 'square').body)).toEqual({ width: 1080, height: 1080 });
  expect(pngSize(file(files, 'large').body)).toEqual({ width: 2 * frame.width, height: 2 * frame.height });
  for (const v of ['social', 'square', 'large'])
    expect(await distinctColoursInPng(page, file(files, v).body), v).toBeGreaterThanOrEqual(8);
  const svg = file(files, 'svg').body.toString('utf8');
  expect(svg).toContain(TITLE[lang]);
  for (const name of NAMES[lang]) expect(svg).toContain(name);
  expect(svg).toContain(`width="${frame.width}" height="${frame.height}"`);
  return files;
}

describe('download image', () => {
  it('saves the social, square, 2× PNGs and the SVG of the current view (WebGL)', async () => {
    const w = await harness.newPage({ width: 1280, height: 800 });
    await w.page.goto(`${harness.server.origin}/?country=SLV`);
    await waitForMap(w.page);
    expect(await w.page.locator('.map').getAttribute('data-renderer')).not.toBe('svg');
    const files = await downloadAll(w.page, 'en', 'webgl');
    expect(file(files, 'social').body.length).toBeGreaterThan(10_000);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.page.close();
  });

  it('works without WebGL, in Spanish and the dark theme', async () => {
    const browser = await launchBrowser({ width: 375, height: 740 }, ['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page, errors } = watch(await browser.context.newPage(), harness.server.origin);
      await page.goto(`${harness.server.origin}/?lang=es&theme=dark`);
      await waitForMap(page, 'svg');
      expect(await page.locator('.map').getAttribute('data-renderer')).toBe('svg');
      await downloadAll(page, 'es', 'no-webgl');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('draws the PNG under the CSP of the build’s _headers, with no violation (img-src allows blob:)', async () => {
    // The same policy as embed.e2e.ts checks: the one the build's _headers gives the page.
    const server = await serveStatic(DIST, { 'content-security-policy': shippedCsp() });
    const w = await harness.newPage({ width: 1000, height: 760 });
    try {
      await w.page.addInitScript(() => {
        (window as unknown as { __csp: string[] }).__csp = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      await w.page.goto(`${server.origin}/?types=state-of-exception&date=2023-06`);
      await waitForMap(w.page);
      await w.page.getByRole('button', { name: /^(Share or embed|Compartir o insertar)$/ }).click();
      const [download] = await Promise.all([
        w.page.waitForEvent('download', { timeout: 30_000 }),
        w.page.locator('.download-image-button[data-variant="social"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('cecot-effect-2023-06-en-1200x675.png');
      const body = readFileSync(await download.path());
      expect(pngSize(body)).toEqual({ width: 1200, height: 675 });
      copyFileSync(await download.path(), join(SCREENSHOTS, 'export-csp-filtered-social.png'));
      expect(await w.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.page.close();
      await server.close();
    }
  });
});

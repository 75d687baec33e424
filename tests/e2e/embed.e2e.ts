import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { DIST, SCREENSHOTS, shippedCsp, tightCsp, waitForMap } from './harness.ts';
import { type StaticServer, serveStatic } from './static-server.ts';

/** The policy to serve the app with, as the build's `_headers` gives it; every test page runs under it. */
const CSP = shippedCsp();

/** Tighter still: no inline styles at all (React and MapLibre style through the CSSOM only). */
const CSP_TIGHT = tightCsp(CSP);

const PYM = createRequire(import.meta.url).resolve('pym.js/dist/pym.v1.min.js');
const HOST_DIR = resolve(import.meta.dirname, '../fixtures/host');

let app: StaticServer;
let appTight: StaticServer;
let host: StaticServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  app = await serveStatic(DIST, { 'content-security-policy': CSP });
  appTight = await serveStatic(DIST, { 'content-security-policy': CSP_TIGHT });
  host = await serveStatic(HOST_DIR, {}, { '/pym.v1.min.js': PYM });
  browser = await launchBrowser({ width: 375, height: 812 });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), appTight?.close(), host?.close()]);
});

async function newPage(): Promise<{ page: Page; errors: string[]; violations: () => Promise<string[]> }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Records CSP violations in every frame (init scripts run before the page's own code).
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const violations = async () => {
    const all: string[] = [];
    for (const f of page.frames())
      all.push(
        ...((await f
          .evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])
          .catch(() => [])) as string[]),
      );
    return all;
  };
  return { page, errors, violations };
}

async function mapFrame(page: Page, index = 0): Promise<Frame> {
  await expect.poll(() => page.frames().filter((f) => f.url().startsWith(app.origin)).length).toBeGreaterThan(index);
  return page.frames().filter((f) => f.url().startsWith(app.origin))[index] as Frame;
}

async function frameReady(frame: Frame) {
  await frame
    .getByRole('region', { name: /map/i })
    .and(frame.locator('[aria-busy="false"][data-renderer="webgl"]'))
    .waitFor({ timeout: 30_000 });
}

/** The iframe element's height and its document's scroll height, in CSS px. */
async function heights(page: Page, frame: Frame, selector = 'iframe') {
  const iframe = (await page.locator(selector).first().boundingBox())?.height ?? -1;
  const doc = await frame.evaluate(() => document.documentElement.scrollHeight);
  return { iframe, doc };
}

async function expectFitted(page: Page, frame: Frame, selector?: string) {
  await expect
    .poll(
      async () => {
        const h = await heights(page, frame, selector);
        return Math.abs(h.iframe - h.doc);
      },
      { timeout: 10_000 },
    )
    .toBeLessThanOrEqual(2);
}

describe('embedded on another origin', () => {
  it('with the real pym.js Parent: the iframe follows the map’s height, after load and after opening a country', async () => {
    const { page, errors, violations } = await newPage();
    await page.goto(`${host.origin}/pym.html?app=${encodeURIComponent(`${app.origin}/`)}`);
    const frame = await mapFrame(page);
    await frameReady(frame);
    await expectFitted(page, frame);
    await frame
      .getByRole('navigation', { name: 'Countries' })
      .getByRole('button', { name: /^Costa Rica/ })
      .click();
    await frame.getByRole('complementary', { name: 'Costa Rica' }).waitFor();
    await expectFitted(page, frame);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with our embed.js: same, and the host page does not shift (CLS ≤ 0.02)', async () => {
    const { page, errors, violations } = await newPage();
    await page.goto(`${host.origin}/embedjs.html?app=${encodeURIComponent(`${app.origin}/`)}`);
    const frame = await mapFrame(page);
    await frameReady(frame);
    await expectFitted(page, frame);
    const iframe = page.locator('iframe');
    expect(await iframe.getAttribute('title')).toMatch(/Map/);
    expect(await iframe.getAttribute('loading')).toBe('lazy');
    expect(await iframe.getAttribute('allow')).toBe('fullscreen; clipboard-write');
    await page.screenshot({ path: join(SCREENSHOTS, 'host-article-375.png') });
    const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
    console.log(`host page CLS with embed.js: ${cls.toFixed(4)}`);
    expect(cls).toBeLessThanOrEqual(0.02);
    await frame
      .getByRole('navigation', { name: 'Countries' })
      .getByRole('button', { name: /^Ecuador/ })
      .click();
    await expectFitted(page, frame);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets page scroll pass over the embedded map (zoom needs ctrl/⌘ + wheel)', async () => {
    const { page } = await newPage();
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`${host.origin}/embedjs.html?app=${encodeURIComponent(`${app.origin}/`)}`);
    const frame = await mapFrame(page);
    await frameReady(frame);
    const zoom = () => frame.evaluate(() => (window.__POLICY_MAP__ as unknown as { getZoom(): number }).getZoom());
    const before = await zoom();
    const canvas = (await frame.locator('.map canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + 100);
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    expect(await zoom()).toBe(before);
    await page.close();
  });

  it('a Datawrapper-style host listener receives datawrapper-height and resizes', async () => {
    const { page } = await newPage();
    await page.goto(`${host.origin}/datawrapper.html?app=${encodeURIComponent(`${app.origin}/`)}`);
    const frame = await mapFrame(page);
    await frameReady(frame);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __dw: unknown[] }).__dw.length))
      .toBeGreaterThan(0);
    const last = await page.evaluate(() =>
      (window as unknown as { __dw: Record<string, Record<string, number>>[] }).__dw.at(-1),
    );
    expect(Object.values(last?.['datawrapper-height'] ?? {})[0]).toBeGreaterThan(300);
    await expectFitted(page, frame, '#dw');
    await page.close();
  });

  it('three embeds on one page all render and reach map ready', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${host.origin}/three.html?app=${encodeURIComponent(`${app.origin}/`)}`);
    for (let i = 0; i < 3; i++) {
      const iframe = page.locator('iframe').nth(i);
      await iframe.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const frame = await (await iframe.elementHandle())?.contentFrame();
      await expect.poll(() => frame?.url() ?? '').toContain(app.origin);
      // Bring the map itself on screen (it is created only when near the viewport) and keep it
      // there while the embeds above it settle their heights. Not Playwright's
      // scrollIntoViewIfNeeded: it waits for two animation frames in the iframe, and Chromium gives
      // none to a cross-origin iframe pushed off screen by a neighbour's resize (seen on CI: a 30 s
      // timeout "waiting for element to be stable").
      await expect
        .poll(
          async () => {
            const box = await iframe.boundingBox();
            const mapTop = await (frame as Frame).evaluate(
              () => document.querySelector('.map')?.getBoundingClientRect().top ?? 0,
            );
            if (box) await page.evaluate((dy) => window.scrollBy(0, dy), box.y + mapTop - 40);
            return (frame as Frame).evaluate(
              () => document.querySelector('.map[aria-busy="false"][data-renderer="webgl"]') !== null,
            );
          },
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true);
      await frameReady(frame as Frame);
    }
    const frames = page.frames().filter((f) => f.url().startsWith(app.origin));
    expect(frames).toHaveLength(3);
    // Each stays interactive: the deep-linked panels are open, and a click still works.
    await frames[1]?.getByRole('complementary', { name: 'Chile' }).waitFor();
    await frames[0]
      ?.getByRole('navigation', { name: 'Countries' })
      .getByRole('button', { name: /^Honduras/ })
      .click();
    await frames[0]?.getByRole('complementary', { name: 'Honduras' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the app on its own', () => {
  it.each([
    ['the CSP the build writes into _headers', () => app, CSP],
    ["a tighter CSP without 'unsafe-inline' styles", () => appTight, CSP_TIGHT],
  ])('runs under %s with zero violations and reaches map ready', async (_, server, policy) => {
    const { page, errors, violations } = await newPage();
    const response = await page.goto(`${server().origin}/?country=HND`);
    expect(response?.headers()['content-security-policy']).toBe(policy);
    await waitForMap(page);
    await page.getByRole('tab', { name: 'Table' }).click();
    await page.getByRole('button', { name: 'Share or embed' }).click();
    await page.getByRole('dialog', { name: 'Share or embed this view' }).waitFor();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a deep link in that state and keeps the URL in step', async () => {
    const { page } = await newPage();
    await page.goto(`${app.origin}/?country=SLV&types=state-of-exception,max-security-prison&lang=es`);
    await waitForMap(page);
    const panel = page.getByRole('complementary', { name: 'El Salvador' });
    await panel.getByRole('article').first().waitFor();
    expect(await panel.getByRole('article').count()).toBe(2);
    // At this phone width the filter is folded behind its summary button.
    await page.getByRole('button', { name: /^Tipos: 2 de 8/ }).click();
    expect(await page.getByRole('checkbox', { name: 'Detenciones masivas' }).isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: 'Detenciones masivas' }).check();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('types'))
      .toBe('state-of-exception,mass-detention,max-security-prison');
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.has('country')).toBe(false);
    await page.close();
  });

  it('ignores hostile and invalid parameters', async () => {
    const { page, errors } = await newPage();
    await page.goto(
      `${app.origin}/?country=%3Cimg%20src=x%20onerror=alert(1)%3E&types=,,nope&lang=xx&view=map&view=table`,
    );
    await waitForMap(page);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Map' }).getAttribute('aria-selected')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without JavaScript shows the first screen with its map, and the measures as text', async () => {
    const context = await browser.context.browser()?.newContext({ javaScriptEnabled: false });
    // Persistent contexts cannot make siblings; fall back to a page with scripts blocked by CDP.
    const page = context ? await context.newPage() : await browser.context.newPage();
    if (!context) {
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    }
    await page.goto(`${app.origin}/`);
    // The prerendered first screen: the title and the coloured map, once (the <noscript> repeats neither).
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('CECOT');
    expect(await page.locator('.map-first-paint svg:visible').count()).toBe(1);
    expect(await page.locator('.noscript img').count()).toBe(0);
    // The measures and their sources are a static page of their own (index.html stays small).
    await page
      .locator('.noscript')
      .getByRole('link', { name: /every measure/i })
      .click();
    await page.waitForURL(/\/facts\.html$/);
    const text = await page.locator('.noscript').textContent();
    expect(text).toContain('CECOT');
    expect(text).toContain('El Salvador');
    expect(await page.locator('.noscript a[href^="https://"]').count()).toBeGreaterThan(100);
    await page.close();
  });
});

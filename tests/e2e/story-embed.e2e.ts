/**
 * Issue 18, section 3: the story scrolled by the article. A host page of another origin
 * (tests/fixtures/host/story.html: the README's page) embeds the map with embed.js and
 * `data-layout="story"`, and four paragraphs with `data-policy-map-step`. Scrolled at 375 and
 * 1280 px, the embed goes through steps 1–4 as each paragraph's middle passes the screen's middle,
 * while the iframe keeps its height (no height message is sent) and the map, the step and the
 * country panel stay inside it. A message of another shape, or from a sibling frame, changes nothing.
 * The app runs under its tighter Content Security Policy: a violation is a console error.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { DIST, SCREENSHOTS, shippedCsp, tightCsp } from './harness.ts';
import { mapFrame, serveHost } from './host.ts';
import { type StaticServer, serveStatic } from './static-server.ts';

/** The app's tighter Content Security Policy (embed.e2e.ts): no inline styles, no other origins. */
const CSP = tightCsp(shippedCsp());

let app: StaticServer;
let host: StaticServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  app = await serveStatic(DIST, { 'content-security-policy': CSP });
  host = await serveHost();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), host?.close()]);
});

const HEIGHT = 800;

/** The story host page at `width` px, its map ready; console errors of every frame collected. */
async function openStory(width: number): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`);
  });
  await page.setViewportSize({ width, height: HEIGHT });
  await page.goto(`${host.origin}/story.html?app=${encodeURIComponent(`${app.origin}/`)}`);
  const frame = await mapFrame(page, app.origin);
  await frame
    .getByRole('region', { name: /map/i })
    .and(frame.locator('[aria-busy="false"][data-renderer="webgl"]'))
    .waitFor({ timeout: 30_000 });
  return { page, frame, errors };
}

/** Scrolls the host page so step paragraph `n`'s middle is at 40% of the screen (just past the middle). */
async function scrollToStep(page: Page, n: number): Promise<number> {
  return page.locator(`[data-policy-map-step="${n}"]`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    window.scrollBy(0, r.top + r.height / 2 - window.innerHeight * 0.4);
    return window.scrollY;
  });
}

/** "Step N of M" in the embed's stepper, as a number (null outside the story). */
async function shownStep(frame: Frame): Promise<number | null> {
  const text = await frame
    .locator('.story-count')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  const m = text?.match(/^Step (\d+) of \d+$/);
  return m ? Number(m[1]) : null;
}

const iframeHeight = async (page: Page) => (await page.locator('iframe').boundingBox())?.height ?? -1;

/** Everything the host received from the embed (the story layout sends nothing, no height). */
const hostMessages = (page: Page) =>
  page.evaluate(() => (window as unknown as { __messages: { data: unknown }[] }).__messages.map((m) => m.data));

/**
 * The frame's layout: whether its document fits its viewport, where the map, the stepper under it
 * and the panel are (the stepper heads the panel while a country is open), and whether "Step N of
 * M" is on screen, not hidden under anything or scrolled away.
 */
function frameLayout(frame: Frame) {
  return frame.evaluate(() => {
    const box = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el || getComputedStyle(el).display === 'none') return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const count = document.querySelector('.story-count')?.getBoundingClientRect();
    const hit = count && document.elementFromPoint(count.left + 4, count.top + count.height / 2);
    return {
      viewport: window.innerHeight,
      scrollHeight: document.documentElement.scrollHeight,
      map: box('.map'),
      story: box('.view-panel > .story'),
      panel: box('.app > .panel'),
      countShown: Boolean(hit?.closest('.story-count')),
    };
  });
}

describe('the story layout, scrolled by the article', () => {
  for (const width of [375, 1280])
    it(`at ${width} px: moves through steps 1–4 as the text scrolls, at a constant height`, async () => {
      const { page, frame, errors } = await openStory(width);
      const height = await iframeHeight(page);
      expect(height).toBe(HEIGHT);
      expect(await shownStep(frame)).toBeNull();
      for (const n of [1, 2, 3, 4]) {
        const y = await scrollToStep(page, n);
        await expect.poll(() => shownStep(frame), { timeout: 10_000 }).toBe(n);
        await expect.poll(() => new URL(frame.url()).searchParams.get('step')).toBe(String(n));
        expect(await iframeHeight(page), `step ${n}`).toBe(height);
        // The embed did not scroll the article.
        expect(await page.evaluate(() => window.scrollY), `step ${n}`).toBe(y);
        const layout = await frameLayout(frame);
        expect(layout.scrollHeight, `step ${n}`).toBeLessThanOrEqual(layout.viewport);
        for (const part of [layout.map, layout.story, layout.panel])
          if (part) expect(part.bottom, `step ${n}`).toBeLessThanOrEqual(layout.viewport + 1);
        expect(layout.map && layout.map.bottom - layout.map.top, `step ${n}: map height`).toBeGreaterThan(150);
        expect(layout.countShown, `step ${n}: "Step ${n} of …" on screen`).toBe(true);
        if (layout.panel && layout.map) {
          // Phones: the panel opens over the map's bottom; wider: beside the map.
          if (width < 900) expect(layout.panel.top).toBeGreaterThanOrEqual(layout.map.top);
          else expect(layout.panel.left).toBeGreaterThanOrEqual(layout.map.right);
        }
        if (n === 2) await page.screenshot({ path: join(SCREENSHOTS, `story-embed-${width}.png`) });
      }
      // Back above the first paragraph: the story's first step again.
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect.poll(() => shownStep(frame), { timeout: 10_000 }).toBe(1);
      expect(await iframeHeight(page)).toBe(height);
      expect(await hostMessages(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });

  it('changes nothing for a message of another shape, from the parent or from a sibling frame', async () => {
    const { page, frame, errors } = await openStory(375);
    await scrollToStep(page, 2);
    await expect.poll(() => shownStep(frame), { timeout: 10_000 }).toBe(2);
    // Every step the embed shows from here on.
    await frame.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __steps: string[] }).__steps = seen;
      new MutationObserver(() => seen.push(document.querySelector('.story-count')?.textContent ?? '')).observe(
        document.body,
        { subtree: true, childList: true, characterData: true },
      );
    });
    // Near misses of the shape (a looser filter would go to step 4), and steps that do not exist.
    await page.evaluate(() => {
      const map = document.querySelector('iframe')?.contentWindow as Window;
      for (const bad of [
        { type: 'policy-map:step', step: '4' },
        { type: 'policy-map:step', step: 4.5 },
        { type: 'policy-map:step', step: 4, also: true },
        { type: 'policy-map:Step', step: 4 },
        { step: 4 },
        ['policy-map:step', 4],
        '{"type":"policy-map:step","step":4}',
        4,
        null,
        { type: 'policy-map:step', step: 0 },
        { type: 'policy-map:step', step: 99 },
      ])
        map.postMessage(bad, '*');
    });
    // A sibling frame on the host page sends the right shape: not from the parent, so ignored.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const sibling = document.createElement('iframe');
          sibling.title = 'Another frame';
          sibling.srcdoc =
            "<p>Another embed</p><script>parent.frames[0].postMessage({ type: 'policy-map:step', step: 4 }, '*')</script>";
          sibling.onload = () => done();
          document.body.append(sibling);
        }),
    );
    await page.waitForTimeout(500);
    expect(await shownStep(frame)).toBe(2);
    // The same message from the parent, sent after all of them (so they have all arrived): taken.
    await page.evaluate(() =>
      document.querySelector('iframe')?.contentWindow?.postMessage({ type: 'policy-map:step', step: 3 }, '*'),
    );
    await expect.poll(() => shownStep(frame), { timeout: 10_000 }).toBe(3);
    const steps = await frame.evaluate(() => (window as unknown as { __steps: string[] }).__steps);
    expect(steps.some((s) => /^Step 3 of/.test(s))).toBe(true);
    expect(steps.some((s) => /^Step 4 of/.test(s))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('respects reduced motion: the panel over the map does not animate', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 375, height: HEIGHT });
    await page.goto(`${app.origin}/?embed=1&layout=story&step=1`);
    const panel = page.locator('#country-panel');
    await panel.waitFor();
    expect(await panel.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    await page.close();
  });
});

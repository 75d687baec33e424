/**
 * `npm run screenshots`: the built app at the five reader sizes, in both themes and in embed mode,
 * written to tests/e2e/screenshots/ (git-ignored) for a person to look at. Run after a build.
 * Extra query parameters for every shot: `npm run screenshots -- country=SLV`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser.ts';
import { DIST, SCREENSHOTS, waitForMap } from './harness.ts';
import { serveStatic } from './static-server.ts';

export const READER_SIZES = [
  { width: 320, height: 640 },
  { width: 375, height: 740 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

const extra = process.argv[2] ?? '';
/** SHOOT_WIDTHS=375,1280 limits the run to those widths. */
const only = process.env.SHOOT_WIDTHS?.split(',').map(Number);
mkdirSync(SCREENSHOTS, { recursive: true });
const server = await serveStatic(DIST);
const browser = await launchBrowser();
try {
  for (const size of READER_SIZES.filter((s) => !only || only.includes(s.width)))
    for (const theme of ['light', 'dark'] as const)
      for (const embed of [false, true]) {
        const page = await browser.context.newPage();
        await page.setViewportSize(size);
        const query = new URLSearchParams(extra);
        query.set('theme', theme);
        if (embed) query.set('embed', '1');
        await page.goto(`${server.origin}/?${query.toString().replace(/%2C/g, ',')}`);
        await waitForMap(page);
        await page.waitForTimeout(300);
        const name = `shot-${size.width}-${theme}${embed ? '-embed' : ''}${extra ? `-${extra.replace(/[^a-z0-9]+/gi, '_')}` : ''}.png`;
        if (embed) {
          // As an iframe shows it: as tall as the document (a fullPage capture resizes mid-shot).
          const height = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
          await page.setViewportSize({ width: size.width, height });
          await page.waitForTimeout(400);
        }
        await page.screenshot({ path: join(SCREENSHOTS, name) });
        console.log(name);
        await page.close();
      }
} finally {
  await browser.close();
  await server.close();
}
